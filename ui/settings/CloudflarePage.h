#pragma once

#include "config/Credentials.h"
#include "workersai/Endpoint.h"
#include "workersai/TokenCheck.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flarechat {

class Settings;
class WorkersAiClient;

// The settings window's Cloudflare page: the account id, the API token, the endpoint (direct, an
// AI Gateway or a custom base URL) and Test connection, with a note for each value the command
// line or the environment give instead. The two tokens are keychain secrets, which SecretFields
// reads and writes; the page only holds their fields.
class CloudflarePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CloudflarePage)

public:
    // `current`: the credentials in use, for the notes and for what empty fields fall back to.
    CloudflarePage(Settings* settings, const Credentials& current, QWidget* parent = nullptr);
    ~CloudflarePage() override;

    void load(); // the fields from the settings
    QStringList problems() const; // why Apply must refuse the fields; empty when they are fine
    void save(); // the fields to the settings, unsynced
    void showErrors(const QStringList& errors);
    QString errorText() const; // what the page's red line says now

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
    void updateVisibility();
    void setTestResult(const QString& text, bool ok);
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
    QLabel* m_error;
    WorkersAiClient* m_client;
    QPointer<TokenCheck> m_check;
};

} // namespace flarechat
