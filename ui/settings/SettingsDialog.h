#pragma once

#include "config/Credentials.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelCatalog.h"
#include "workersai/TokenCheck.h"

#include <QDialog>
#include <QList>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QTabWidget;

namespace flarechat {

class CloudflarePage;
class LocalApiPage;
class NetworkPage;
class SecretFields;
class SecretStore;
class Settings;
class SettingsPage;

// The settings window: Cloudflare (account, token, endpoint, Test connection), Network (proxy),
// Chat, Models (the user's own model names), Local API (the server toggle, its address and keys)
// and Appearance, one SettingsPage each, which the dialog loads, checks and saves in a loop.
// OK / Apply write Settings at once and the secrets (API token, gateway token, proxy password)
// to the keychain, asynchronously: applied() follows when they are stored. Nothing is saved
// while a page has an error, which shows under that page. Local API keys are made and revoked
// at once, as `flarechat key` does (keysChanged()), and a new key is shown only then.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page { Cloudflare, Network, Chat, Models, LocalApi, Appearance }; // the tabs' order

    // `current`: the credentials in use, to tell which values the command line or the
    // environment override, and how many local API keys come from there.
    SettingsDialog(Settings* settings, SecretStore* secrets, const Credentials& current, const ModelCatalog& catalog,
        QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    Page currentPage() const;
    SettingsPage* page(Page page) const;

    // Validates every page; on success writes the settings and starts writing the changed
    // secrets (applied() follows). False, with the errors shown, when anything is invalid.
    bool apply();
    bool isBusy() const; // reading or writing the keychain
    QStringList errors() const; // the page errors shown now
    // The endpoint the Cloudflare and Network pages describe (what Test connection uses).
    Endpoint endpointFromFields() const;
    void testConnection(); // or cancels the one running

    void accept() override; // OK: apply, and close once the secrets are stored
    void reject() override;

Q_SIGNALS:
    void applied(); // settings written; secrets stored (or their failure shown)
    void keysChanged(); // a local API key was made or revoked
    void secretsLoaded(); // the keychain's values are in the fields (for tests)
    void connectionTested(const flarechat::TokenCheck::Result& result);

private:
    void addPage(Page page, SettingsPage* content);
    void retranslate();
    bool validate(bool bringToFront = true);
    void writeSettings();
    void secretsWritten();

    Settings* m_settings;
    QTabWidget* m_pages;
    QDialogButtonBox* m_buttons;
    QLabel* m_statusLine;
    QList<SettingsPage*> m_pageList; // in Page order
    CloudflarePage* m_cloudflare; // also in m_pageList: the pages with secrets and Test connection
    NetworkPage* m_network;
    SecretFields* m_secretFields;
    std::function<QString()> m_status; // the status line's words, again in a new language
    bool m_problemsShown = false; // the pages show what the last check refused
    bool m_writeFailed = false;
    bool m_closeAfterApply = false;
};

} // namespace flarechat
