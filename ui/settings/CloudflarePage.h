#pragma once

#include "SettingsPage.h"
#include "config/Credentials.h"
#include "workersai/Endpoint.h"
#include "workersai/TokenCheck.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace flarechat {

class Settings;
class WorkersAiClient;

// The settings window's Cloudflare page: the account id, the API token, the endpoint (direct, an
// AI Gateway or a custom base URL) and Test connection, with a note for each value the command
// line or the environment give instead. The two tokens are keychain secrets, which SecretFields
// reads and writes; the page only holds their fields. Its checks are core's: the account id's
// shape (CredentialHints), the base URL and the gateway id (Endpoint).
class CloudflarePage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CloudflarePage)

public:
    // `current`: the credentials in use, for the notes and for what empty fields fall back to.
    CloudflarePage(Settings* settings, const Credentials& current, QWidget* parent = nullptr);
    ~CloudflarePage() override;

    QString title() const override;
    QWidget* widget() override { return this; }
    void load() override;
    QStringList problems() const override;
    void save() override;
    void showErrors(const QStringList& errors) override;
    QString errorText() const override;

    QLineEdit* apiTokenField() const { return m_apiToken; }
    QLineEdit* gatewayTokenField() const { return m_gatewayToken; }
    // The endpoint the fields describe, without a proxy (that is the Network page's).
    Endpoint endpoint() const;

    // Checks `endpoint`, or cancels the check running: the button is Test and Cancel in turn.
    void testConnection(const Endpoint& endpoint);
    void cancelTest(); // stops a running check and leaves the button alone (the window closes)

Q_SIGNALS:
    void testRequested(); // the button was clicked; the window answers with testConnection()
    void connectionTested(const flarechat::TokenCheck::Result& result);

private:
    void retranslate();
    void updateVisibility();
    // The line beside Test connection; a function, so that it can be worded again in a new language.
    void setTestResult(std::function<QString()> text, bool ok);
    void onTestFinished(const TokenCheck::Result& result);

    Settings* m_settings;
    Credentials m_current;
    QFormLayout* m_form;
    QLineEdit* m_accountId;
    QLineEdit* m_apiToken;
    QComboBox* m_endpointKind;
    QLineEdit* m_gatewayId;
    QLineEdit* m_gatewayToken;
    QLineEdit* m_apiBase;
    QPushButton* m_testButton;
    QLabel* m_testResult;
    QLabel* m_intro;
    QLabel* m_overrides;
    QToolButton* m_showToken;
    QLabel* m_accountIdLabel;
    QLabel* m_apiTokenLabel;
    QLabel* m_endpointLabel;
    QLabel* m_gatewayIdLabel;
    QLabel* m_gatewayTokenLabel;
    QLabel* m_apiBaseLabel;
    QLabel* m_error;
    WorkersAiClient* m_client;
    QPointer<TokenCheck> m_check;
    std::function<QString()> m_testText;
};

} // namespace flarechat
