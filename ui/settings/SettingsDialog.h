#pragma once

#include "config/Credentials.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelCatalog.h"
#include "workersai/TokenCheck.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTabWidget;

namespace flarechat {

class AppearancePage;
class ChatPage;
class CloudflarePage;
class LocalApiPage;
class NetworkPage;
class SecretFields;
class SecretStore;
class Settings;

// The settings window: Cloudflare (account, token, endpoint, Test connection), Network (proxy),
// Chat, Local API (the server toggle, its address and keys) and Appearance, one class per page.
// OK / Apply write Settings at once and the secrets (API token, gateway token, proxy password)
// to the keychain, asynchronously: applied() follows when they are stored. Nothing is saved
// while a page has an error, which shows under that page. Local API keys are made and revoked
// at once, as `flarechat key` does (keysChanged()), and a new key is shown only then.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page { Cloudflare, Network, Chat, LocalApi, Appearance };

    // `current`: the credentials in use, to tell which values the command line or the
    // environment override, and how many local API keys come from there.
    SettingsDialog(Settings* settings, SecretStore* secrets, const Credentials& current, const ModelCatalog& catalog,
        QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    Page currentPage() const;

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
    bool validate();
    void writeSettings();
    void secretsWritten();

    Settings* m_settings;
    QTabWidget* m_pages;
    QDialogButtonBox* m_buttons;
    QLabel* m_statusLine;
    CloudflarePage* m_cloudflare;
    NetworkPage* m_network;
    ChatPage* m_chat;
    LocalApiPage* m_localApi;
    AppearancePage* m_appearance;
    SecretFields* m_secretFields;
    bool m_writeFailed = false;
    bool m_closeAfterApply = false;
};

} // namespace flarechat
