#pragma once

#include "config/CredentialHints.h"
#include "storage/SecretStore.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelCatalog.h"
#include "workersai/TokenCheck.h"

#include <QMetaType>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QToolButton;

namespace flarechat {

class Settings;
class WorkersAiClient;

// The first run: what the main window shows instead of the chat while there are no credentials.
// The account id and API token (where to find both, the token's two permissions, live hints for
// the usual paste mistakes from CredentialHints), Test connection (TokenCheck, its words for each
// failure), and the first model, one sentence each (FirstModelChoices). Start chatting, enabled
// once a test passed for what the fields hold, stores the account id in the settings and the token
// in the keychain, as the settings' Cloudflare page does; where no keychain answers it asks before
// keeping the token in the settings file (PlainTextFallback), and without that yes the token is for
// this session only. Then completed().
class SetupPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupPage)

public:
    struct Outcome
    {
        Endpoint endpoint; // the base endpoint with the tested account id and token
        QString model; // the first model: alias, else id
        bool tokenStored = false; // in the keychain (or the settings file, as agreed); false: this session only
    };

    SetupPage(Settings* settings, SecretStore* secrets, const ModelCatalog& catalog, QWidget* parent = nullptr);
    ~SetupPage() override;

    // What the command line, the environment and the settings give: the endpoint's kind, base URL,
    // gateway and proxy, and any account id or token, which fill the fields. The fields' values
    // replace the account id and token.
    void setBaseEndpoint(const Endpoint& base);
    Endpoint endpoint() const;
    QString chosenModel() const;

    QLineEdit* accountIdField() const { return m_accountId; }
    QLineEdit* apiTokenField() const { return m_apiToken; }
    QPushButton* testButton() const { return m_test; }
    QPushButton* startButton() const { return m_start; }
    QString accountIdHint() const;
    QString apiTokenHint() const;
    QString testResult() const;
    QString saveStatus() const;

Q_SIGNALS:
    void connectionTested(const flarechat::TokenCheck::Result& result);
    void completed(const flarechat::SetupPage::Outcome& outcome);

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Tone { Plain, Good, Bad, Hint };

    QWidget* buildConnectSection();
    QWidget* buildModelSection(const ModelCatalog& catalog);
    void fieldEdited(QLineEdit* field);
    void showHint(QLineEdit* field, const CredentialHints::Result& result);
    void useSuggestion(QLineEdit* field);
    void testConnection();
    void onTestFinished(const TokenCheck::Result& result);
    void invalidateTest();
    void start();
    void storeToken();
    void onTokenStored(const SecretResult& result);
    void askAboutPlainText(const SecretResult& result);
    void finish(bool tokenStored);
    void setText(QLabel* label, const QString& text, Tone tone);
    void applyColors();

    Settings* m_settings;
    SecretStore* m_secrets;
    Endpoint m_base;
    QLineEdit* m_accountId;
    QLabel* m_accountIdHint;
    QString m_accountIdSuggestion;
    QLineEdit* m_apiToken;
    QToolButton* m_showToken;
    QLabel* m_apiTokenHint;
    QPushButton* m_test;
    QLabel* m_testResult;
    QButtonGroup* m_models;
    QRadioButton* m_otherChoice = nullptr;
    QComboBox* m_otherModels = nullptr;
    QPushButton* m_start;
    QLabel* m_saveStatus;
    QList<QLabel*> m_headings;
    QList<QLabel*> m_linkLabels;
    WorkersAiClient* m_client;
    QPointer<TokenCheck> m_check;
    bool m_tested = false; // a test passed for the fields as they are
    bool m_saving = false;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::SetupPage::Outcome)
