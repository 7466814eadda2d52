#include "CloudflarePage.h"

#include "LanguageChange.h"
#include "SettingsForm.h"
#include "config/CredentialHints.h"
#include "storage/Settings.h"
#include "workersai/WorkersAiClient.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace flarechat {

namespace {
using K = Settings::Key;
}

CloudflarePage::CloudflarePage(Settings* settings, const Credentials& current, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_current(current)
    , m_client(new WorkersAiClient(this))
{
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel;
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_form = new QFormLayout;
    m_accountId = new QLineEdit;
    m_accountId->setObjectName(QStringLiteral("accountId"));
    m_accountIdLabel = SettingsForm::addRow(m_form, m_accountId);

    m_apiToken = SettingsForm::secretField(QStringLiteral("apiToken"));
    m_showToken = new QToolButton;
    m_showToken->setObjectName(QStringLiteral("showToken"));
    m_showToken->setCheckable(true);
    connect(m_showToken, &QToolButton::toggled, this,
        [this](bool on) { m_apiToken->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    m_apiTokenLabel = SettingsForm::addRowWithButton(m_form, m_apiToken, m_showToken);

    m_endpointKind = new QComboBox;
    m_endpointKind->setObjectName(QStringLiteral("endpointKind"));
    m_endpointKind->addItem(QString(), QStringLiteral("direct"));
    m_endpointKind->addItem(QString(), QStringLiteral("gateway"));
    m_endpointKind->addItem(QString(), QStringLiteral("custom"));
    connect(m_endpointKind, &QComboBox::currentIndexChanged, this, &CloudflarePage::updateVisibility);
    m_endpointLabel = SettingsForm::addRow(m_form, m_endpointKind);

    m_gatewayId = new QLineEdit;
    m_gatewayId->setObjectName(QStringLiteral("gatewayId"));
    m_gatewayIdLabel = SettingsForm::addRow(m_form, m_gatewayId);
    m_gatewayToken = SettingsForm::secretField(QStringLiteral("gatewayToken"));
    m_gatewayTokenLabel = SettingsForm::addRow(m_form, m_gatewayToken);
    m_apiBase = new QLineEdit;
    m_apiBase->setObjectName(QStringLiteral("apiBase"));
    m_apiBase->setPlaceholderText(QStringLiteral("https://example.com/client/v4"));
    m_apiBaseLabel = SettingsForm::addRow(m_form, m_apiBase);
    layout->addLayout(m_form);

    // Values the command line or the environment give win over what is entered here.
    m_overrides = new QLabel;
    m_overrides->setObjectName(QStringLiteral("overrideNote"));
    m_overrides->setWordWrap(true);
    layout->addWidget(m_overrides);

    m_testButton = new QPushButton;
    m_testButton->setObjectName(QStringLiteral("testConnection"));
    connect(m_testButton, &QPushButton::clicked, this, &CloudflarePage::testRequested);
    m_testResult = new QLabel;
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);
    m_error = SettingsForm::errorLabel(QStringLiteral("cloudflareError"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    retranslated(this, [this] { retranslate(); });
}

CloudflarePage::~CloudflarePage() = default;

QString CloudflarePage::title() const
{
    return SettingsForm::tr("Cloudflare");
}

void CloudflarePage::retranslate()
{
    m_intro->setText(
        SettingsForm::tr("Your Cloudflare account id and an API token with the permissions <i>Workers AI – "
                         "Read</i> and <i>Workers AI – Edit</i> (dashboard: Workers AI → Use REST API → Create "
                         "a Workers AI API Token). The token is kept in the system keychain."));
    m_accountIdLabel->setText(SettingsForm::tr("&Account id:"));
    m_accountId->setPlaceholderText(SettingsForm::tr("32 hexadecimal characters"));
    m_apiTokenLabel->setText(SettingsForm::tr("API &token:"));
    m_showToken->setText(SettingsForm::tr("Show"));
    m_showToken->setToolTip(SettingsForm::tr("Show the token"));
    m_endpointLabel->setText(SettingsForm::tr("&Endpoint:"));
    m_endpointKind->setItemText(0, SettingsForm::tr("Direct (api.cloudflare.com)"));
    m_endpointKind->setItemText(1, SettingsForm::tr("AI Gateway"));
    m_endpointKind->setItemText(2, SettingsForm::tr("Custom base URL"));
    m_gatewayIdLabel->setText(SettingsForm::tr("&Gateway id:"));
    m_gatewayId->setPlaceholderText(SettingsForm::tr("the gateway's name in the dashboard"));
    m_gatewayTokenLabel->setText(SettingsForm::tr("Gateway t&oken:"));
    m_gatewayToken->setToolTip(SettingsForm::tr("Only for an authenticated gateway (cf-aig-authorization)."));
    m_apiBaseLabel->setText(SettingsForm::tr("&Base URL:"));

    QStringList notes;
    auto note = [&](Credentials::Field field, const QString& what, const QString& variable) {
        const Credentials::Source source = m_current.source(field);
        if (source == Credentials::Source::Environment)
            notes << SettingsForm::tr("%1 is set in the environment (%2) and is used instead of the one here.")
                         .arg(what, variable);
        else if (source == Credentials::Source::CommandLine)
            notes << SettingsForm::tr("%1 is given on the command line and is used instead of the one here.").arg(what);
    };
    note(Credentials::Field::AccountId, SettingsForm::tr("The account id"), Credentials::accountIdVariable());
    note(Credentials::Field::ApiToken, SettingsForm::tr("The API token"), Credentials::apiTokenVariable());
    note(Credentials::Field::ApiBase, SettingsForm::tr("The API base"), Credentials::apiBaseVariable());
    m_overrides->setText(notes.join(QLatin1Char('\n')));
    m_overrides->setVisible(!notes.isEmpty());

    m_testButton->setText(m_check ? SettingsForm::tr("Cancel &Test") : SettingsForm::tr("&Test Connection"));
    if (m_testText)
        m_testResult->setText(m_testText());
}

void CloudflarePage::load()
{
    m_accountId->setText(m_settings->value(K::CloudflareAccountId).toString());
    SettingsForm::setComboData(m_endpointKind, m_settings->value(K::EndpointKind).toString().trimmed().toLower());
    m_gatewayId->setText(m_settings->value(K::GatewayId).toString());
    m_apiBase->setText(m_settings->isSet(K::ApiBase) ? m_settings->value(K::ApiBase).toString() : QString());
    updateVisibility();
}

void CloudflarePage::updateVisibility()
{
    const QString kind = m_endpointKind->currentData().toString();
    m_form->setRowVisible(m_gatewayId, kind == QLatin1String("gateway"));
    m_form->setRowVisible(m_gatewayToken, kind == QLatin1String("gateway"));
    m_form->setRowVisible(m_apiBase, kind == QLatin1String("custom"));
}

QStringList CloudflarePage::problems() const
{
    QStringList problems;
    const QString account = m_accountId->text().trimmed();
    if (!account.isEmpty() && !CredentialHints::isAccountId(account))
        problems << SettingsForm::tr("The account id is 32 hexadecimal characters: copy it from the Workers AI page "
                                     "of the Cloudflare dashboard.");
    if (CredentialHints::checkApiToken(m_apiToken->text().trimmed())
            .problems.testFlag(CredentialHints::Problem::InnerWhitespace))
        problems << SettingsForm::tr("The API token cannot contain spaces: copy it again.");
    const QString kind = m_endpointKind->currentData().toString();
    Endpoint::Problem endpoint = Endpoint::Problem::None;
    if (kind == QLatin1String("gateway"))
        endpoint = Endpoint::checkGatewayId(m_gatewayId->text());
    else if (kind == QLatin1String("custom"))
        endpoint = Endpoint::checkBaseUrl(m_apiBase->text());
    switch (endpoint) {
    case Endpoint::Problem::None:
        break;
    case Endpoint::Problem::GatewayIdMissing:
        problems << SettingsForm::tr("Enter the AI Gateway's id, or choose another endpoint.");
        break;
    case Endpoint::Problem::BaseUrlNotHttp:
        problems << SettingsForm::tr("The base URL must be an http:// or https:// address, such as "
                                     "https://example.com/client/v4.");
        break;
    case Endpoint::Problem::BaseUrlHasUserInfo:
        problems << SettingsForm::tr("The base URL must not contain a user name or password; the API token is "
                                     "sent instead.");
        break;
    }
    return problems;
}

void CloudflarePage::save()
{
    SettingsForm::put(m_settings, K::CloudflareAccountId, m_accountId->text().trimmed());
    SettingsForm::put(m_settings, K::EndpointKind, m_endpointKind->currentData().toString());
    SettingsForm::put(m_settings, K::GatewayId, m_gatewayId->text().trimmed());
    if (m_apiBase->text().trimmed().isEmpty())
        m_settings->reset(K::ApiBase);
    else
        SettingsForm::put(m_settings, K::ApiBase, m_apiBase->text().trimmed());
}

void CloudflarePage::showErrors(const QStringList& errors)
{
    SettingsForm::showErrors(m_error, errors);
}

QString CloudflarePage::errorText() const
{
    return m_error->text();
}

Endpoint CloudflarePage::endpoint() const
{
    Endpoint e;
    e.accountId = m_accountId->text().trimmed();
    e.apiToken = m_apiToken->text().trimmed();
    // Empty fields fall back to what the command line or environment give.
    if (e.accountId.isEmpty())
        e.accountId = m_current.endpoint().accountId;
    if (e.apiToken.isEmpty())
        e.apiToken = m_current.endpoint().apiToken;
    const QString kind = m_endpointKind->currentData().toString();
    if (kind == QLatin1String("gateway")) {
        e.kind = Endpoint::Kind::Gateway;
        e.gatewayId = m_gatewayId->text().trimmed();
        e.gatewayToken = m_gatewayToken->text().trimmed();
        e.gatewayCacheTtl = qMax(0, m_settings->value(K::GatewayCacheTtl).toInt());
        e.gatewaySkipCache = m_settings->value(K::GatewaySkipCache).toBool();
    } else if (kind == QLatin1String("custom")) {
        e.kind = Endpoint::Kind::Custom;
        e.customBase = QUrl(m_apiBase->text().trimmed());
    }
    return e;
}

void CloudflarePage::testConnection(const Endpoint& endpoint)
{
    if (m_check) {
        m_check->cancel();
        m_check->deleteLater();
        m_check = nullptr;
        m_testButton->setText(SettingsForm::tr("&Test Connection"));
        setTestResult([] { return SettingsForm::tr("Cancelled."); }, false);
        return;
    }
    m_client->setEndpoint(endpoint);
    m_check = new TokenCheck(m_client, QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast"), this);
    connect(m_check, &TokenCheck::progress, this, [this](TokenCheck::Step step) {
        switch (step) {
        case TokenCheck::Step::UserVerify:
        case TokenCheck::Step::AccountVerify:
            setTestResult([] { return SettingsForm::tr("Checking the token…"); }, true);
            break;
        case TokenCheck::Step::Inference:
            setTestResult([] { return SettingsForm::tr("Checking the account with a one-token request…"); }, true);
            break;
        case TokenCheck::Step::Done:
            break;
        }
    });
    connect(m_check, &TokenCheck::finished, this, &CloudflarePage::onTestFinished);
    m_testButton->setText(SettingsForm::tr("Cancel &Test"));
    setTestResult([] { return SettingsForm::tr("Connecting…"); }, true);
    m_check->start();
}

void CloudflarePage::cancelTest()
{
    if (m_check)
        m_check->cancel();
}

void CloudflarePage::onTestFinished(const TokenCheck::Result& result)
{
    if (m_check) {
        m_check->deleteLater();
        m_check = nullptr;
    }
    m_testButton->setText(SettingsForm::tr("&Test Connection"));
    const QString account = endpoint().accountId;
    // The check's own message comes worded already; the sentences around it follow the language.
    setTestResult(
        [result, account] {
            if (result.outcome == TokenCheck::Outcome::Ok) {
                const QString text = result.tokenKind == QLatin1String("account")
                    ? SettingsForm::tr("✓ Connected: the account token is active, and a test request ran on Workers "
                                       "AI with account %1.")
                    : SettingsForm::tr("✓ Connected: the user token is active, and a test request ran on Workers AI "
                                       "with account %1.");
                return text.arg(account);
            }
            if (result.ok())
                return QStringLiteral("✓ ") + result.message;
            QString text = QStringLiteral("✗ ") + result.message;
            if (!result.detail.isEmpty())
                text += QLatin1Char('\n') + SettingsForm::tr("Cloudflare said: %1").arg(result.detail);
            return text;
        },
        result.ok());
    Q_EMIT connectionTested(result);
}

void CloudflarePage::setTestResult(std::function<QString()> text, bool ok)
{
    m_testText = std::move(text);
    m_testResult->setText(m_testText());
    m_testResult->setStyleSheet(ok ? QString() : QStringLiteral("color: #d93025;"));
}

} // namespace flarechat
