#include "LocalApiPage.h"

#include "ApiKeysBox.h"
#include "Icons.h"
#include "LanguageChange.h"
#include "SettingsForm.h"
#include "config/ServerConfig.h"
#include "server/AccessPolicy.h"
#include "storage/Settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flarechat {

namespace {

using K = Settings::Key;

QStringList splitList(const QString& text)
{
    QStringList out;
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        if (!out.contains(part))
            out.append(part);
    }
    return out;
}

} // namespace

LocalApiPage::LocalApiPage(Settings* settings, SecretStore* secrets, const Credentials& current, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    m_serverEnabled = new QCheckBox;
    m_serverEnabled->setObjectName(QStringLiteral("serverEnabled"));
    layout->addWidget(m_serverEnabled);

    auto* form = new QFormLayout;
    m_serverBind = new QComboBox;
    m_serverBind->setObjectName(QStringLiteral("serverBind"));
    m_serverBind->setEditable(true);
    m_serverBind->addItem(QStringLiteral("127.0.0.1"));
    m_serverBind->addItem(QStringLiteral("::1"));
    m_serverBind->addItem(QStringLiteral("0.0.0.0"));
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress& a : addresses) {
        if (!a.isLoopback() && a.protocol() == QAbstractSocket::IPv4Protocol)
            m_serverBind->addItem(a.toString());
    }
    connect(m_serverBind, &QComboBox::currentTextChanged, this, &LocalApiPage::updateServerUrl);
    m_bindLabel = SettingsForm::addRow(form, m_serverBind);
    m_serverPort = new QSpinBox;
    m_serverPort->setObjectName(QStringLiteral("serverPort"));
    m_serverPort->setRange(1, 65535);
    connect(m_serverPort, &QSpinBox::valueChanged, this, &LocalApiPage::updateServerUrl);
    m_portLabel = SettingsForm::addRow(form, m_serverPort);
    m_requireKey = new QCheckBox;
    m_requireKey->setObjectName(QStringLiteral("serverRequireKey"));
    form->addRow(QString(), m_requireKey);
    m_serverUrl = new QLabel;
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyUrl = new QPushButton;
    m_copyUrl->setObjectName(QStringLiteral("copyUrl"));
    connect(
        m_copyUrl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_serverUrl->text()); });
    m_urlLabel = new QLabel;
    form->addRow(m_urlLabel, SettingsForm::withButton(m_serverUrl, m_copyUrl));
    layout->addLayout(form);

    m_keys = new ApiKeysBox(settings, secrets, current);
    layout->addWidget(m_keys);
    connect(m_keys, &ApiKeysBox::keysChanged, this, &LocalApiPage::keysChanged);

    m_advanced = new QGroupBox;
    auto* advancedForm = new QFormLayout(m_advanced);
    m_allowedHosts = new QLineEdit;
    m_allowedHosts->setObjectName(QStringLiteral("serverAllowedHosts"));
    m_allowedHostsLabel = SettingsForm::addRow(advancedForm, m_allowedHosts);
    m_corsOrigins = new QLineEdit;
    m_corsOrigins->setObjectName(QStringLiteral("serverCorsOrigins"));
    m_corsLabel = SettingsForm::addRow(advancedForm, m_corsOrigins);
    m_maxBody = new QSpinBox;
    m_maxBody->setObjectName(QStringLiteral("serverMaxBody"));
    m_maxBody->setRange(1, 1024);
    m_maxBodyLabel = SettingsForm::addRow(advancedForm, m_maxBody);
    m_logMax = new QSpinBox;
    m_logMax->setObjectName(QStringLiteral("serverLogMax"));
    m_logMax->setRange(1, 1024);
    m_logMaxLabel = SettingsForm::addRow(advancedForm, m_logMax);
    layout->addWidget(m_advanced);

    m_error = SettingsForm::errorLabel(QStringLiteral("serverError"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    // The keys' failures show where the page's own errors do; a change that works clears them.
    connect(m_keys, &ApiKeysBox::errorChanged, this, [this](const QString& error) {
        m_error->setText(error);
        m_error->setVisible(!error.isEmpty());
    });
    retranslated(this, [this] { retranslate(); });
}

LocalApiPage::~LocalApiPage() = default;

QString LocalApiPage::title() const
{
    return SettingsForm::tr("Local API");
}

QIcon LocalApiPage::icon() const
{
    return Icons::themed(QStringLiteral("local-api"));
}

void LocalApiPage::retranslate()
{
    m_serverEnabled->setText(
        SettingsForm::tr("&Serve the models as a local OpenAI-compatible API, now and whenever FlareChat starts"));
    m_bindLabel->setText(SettingsForm::tr("&Address:"));
    m_serverBind->setToolTip(SettingsForm::tr("127.0.0.1: this computer only. Any other address makes the API "
                                              "reachable from the network, and then a key is always required."));
    m_portLabel->setText(SettingsForm::tr("&Port:"));
    m_requireKey->setText(SettingsForm::tr("Require an API &key (may be waived on 127.0.0.1 only)"));
    m_urlLabel->setText(SettingsForm::tr("Base URL:"));
    m_copyUrl->setText(SettingsForm::tr("Copy"));
    m_advanced->setTitle(SettingsForm::tr("Advanced"));
    m_allowedHostsLabel->setText(SettingsForm::tr("Extra &host names:"));
    m_allowedHosts->setPlaceholderText(SettingsForm::tr("e.g. mybox.lan, *.example.lan"));
    m_allowedHosts->setToolTip(SettingsForm::tr("Host names clients may use besides localhost and the address (DNS "
                                                "rebinding protection)."));
    m_corsLabel->setText(SettingsForm::tr("&Web origins (CORS):"));
    m_corsOrigins->setToolTip(
        SettingsForm::tr("Web pages allowed to call the API; * for any (only while a key is required)."));
    m_maxBodyLabel->setText(SettingsForm::tr("Largest &request:"));
    m_maxBody->setSuffix(SettingsForm::tr(" MiB"));
    m_logMaxLabel->setText(SettingsForm::tr("Request &log size:"));
    m_logMax->setSuffix(SettingsForm::tr(" MiB"));
    updateServerUrl();
}

void LocalApiPage::load()
{
    m_serverEnabled->setChecked(m_settings->value(K::ServerEnabled).toBool());
    m_serverBind->setCurrentText(m_settings->value(K::ServerBind).toString());
    m_serverPort->setValue(m_settings->value(K::ServerPort).toInt());
    m_requireKey->setChecked(m_settings->value(K::ServerRequireKey).toBool());
    m_allowedHosts->setText(m_settings->value(K::ServerAllowedHosts).toStringList().join(QStringLiteral(", ")));
    m_corsOrigins->setText(m_settings->value(K::ServerCorsOrigins).toStringList().join(QStringLiteral(", ")));
    m_maxBody->setValue(m_settings->value(K::ServerMaxBodyMiB).toInt());
    m_logMax->setValue(m_settings->value(K::ServerLogMaxMiB).toInt());
    updateServerUrl();
    m_keys->refresh();
}

void LocalApiPage::updateServerUrl()
{
    const QHostAddress address = ServerConfig::parseAddress(m_serverBind->currentText());
    m_serverUrl->setText(address.isNull()
            ? SettingsForm::tr("(not an IP address)")
            : ServerConfig::baseUrl(address, static_cast<quint16>(m_serverPort->value())));
}

QStringList LocalApiPage::problems() const
{
    const QHostAddress bind = ServerConfig::parseAddress(m_serverBind->currentText());
    // An address that is none is refused even with the server off: it would be saved.
    const AccessPolicy::BindVerdict verdict = bind.isNull() ? AccessPolicy::BindVerdict::NotAnAddress
        : m_serverEnabled->isChecked()
        ? AccessPolicy::checkBind(bind, m_keys->keyCount() > 0, m_requireKey->isChecked())
        : AccessPolicy::BindVerdict::Ok;
    switch (verdict) {
    case AccessPolicy::BindVerdict::Ok:
        return {};
    case AccessPolicy::BindVerdict::NotAnAddress:
        return {SettingsForm::tr("“%1” is not an IP address. Use 127.0.0.1 for this computer only.")
                    .arg(m_serverBind->currentText().trimmed())};
    case AccessPolicy::BindVerdict::KeyWaivedOffLoopback:
        return {SettingsForm::tr("On %1 the API is reachable from other computers, so it must require a key: turn "
                                 "on “Require an API key”, or use 127.0.0.1.")
                    .arg(bind.toString())};
    case AccessPolicy::BindVerdict::NoKeyOffLoopback:
        return {SettingsForm::tr("On %1 the API is reachable from other computers, so it needs a key: generate one "
                                 "below first, or use 127.0.0.1.")
                    .arg(bind.toString())};
    case AccessPolicy::BindVerdict::RequiredKeyMissing:
        return {SettingsForm::tr("A key is required but there is none: generate one below, or turn off “Require an "
                                 "API key”.")};
    }
    return {};
}

void LocalApiPage::save()
{
    SettingsForm::put(m_settings, K::ServerBind, ServerConfig::parseAddress(m_serverBind->currentText()).toString());
    SettingsForm::put(m_settings, K::ServerPort, m_serverPort->value());
    SettingsForm::put(m_settings, K::ServerRequireKey, m_requireKey->isChecked());
    SettingsForm::put(m_settings, K::ServerAllowedHosts, splitList(m_allowedHosts->text()));
    SettingsForm::put(m_settings, K::ServerCorsOrigins, splitList(m_corsOrigins->text()));
    SettingsForm::put(m_settings, K::ServerMaxBodyMiB, m_maxBody->value());
    SettingsForm::put(m_settings, K::ServerLogMaxMiB, m_logMax->value());
    // Last of the server's settings: the server starts with all the others in place.
    SettingsForm::put(m_settings, K::ServerEnabled, m_serverEnabled->isChecked());
}

void LocalApiPage::showErrors(const QStringList& errors)
{
    SettingsForm::showErrors(m_error, errors);
}

QString LocalApiPage::errorText() const
{
    return m_error->text();
}

bool LocalApiPage::isBusy() const
{
    return m_keys->isBusy();
}

} // namespace flarechat
