#include "NetworkPage.h"

#include "LanguageChange.h"
#include "SettingsForm.h"
#include "storage/Settings.h"
#include "workersai/Endpoint.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flarechat {

namespace {
using K = Settings::Key;
}

NetworkPage::NetworkPage(Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_proxyMode = new QComboBox;
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    for (const char* mode : {"system", "none", "http", "socks5"})
        m_proxyMode->addItem(QString(), QString::fromLatin1(mode));
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &NetworkPage::updateVisibility);
    m_modeLabel = SettingsForm::addRow(form, m_proxyMode);
    m_proxyHost = new QLineEdit;
    m_proxyHost->setObjectName(QStringLiteral("proxyHost"));
    m_hostLabel = SettingsForm::addRow(form, m_proxyHost);
    m_proxyPort = new QSpinBox;
    m_proxyPort->setObjectName(QStringLiteral("proxyPort"));
    m_proxyPort->setRange(0, 65535);
    m_portLabel = SettingsForm::addRow(form, m_proxyPort);
    m_proxyUser = new QLineEdit;
    m_proxyUser->setObjectName(QStringLiteral("proxyUser"));
    m_userLabel = SettingsForm::addRow(form, m_proxyUser);
    m_proxyPassword = SettingsForm::secretField(QStringLiteral("proxyPassword"));
    m_passwordLabel = SettingsForm::addRow(form, m_proxyPassword);
    layout->addLayout(form);
    m_note = new QLabel;
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    m_error = SettingsForm::errorLabel(QStringLiteral("networkError"));
    layout->addWidget(m_error);
    layout->addStretch(1);
    retranslated(this, [this] { retranslate(); });
}

NetworkPage::~NetworkPage() = default;

QString NetworkPage::title() const
{
    return SettingsForm::tr("Network");
}

void NetworkPage::retranslate()
{
    m_modeLabel->setText(SettingsForm::tr("&Proxy:"));
    m_proxyMode->setItemText(0, SettingsForm::tr("The system's proxy settings"));
    m_proxyMode->setItemText(1, SettingsForm::tr("No proxy"));
    m_proxyMode->setItemText(2, SettingsForm::tr("HTTP proxy"));
    m_proxyMode->setItemText(3, SettingsForm::tr("SOCKS5 proxy"));
    m_hostLabel->setText(SettingsForm::tr("&Host:"));
    m_portLabel->setText(SettingsForm::tr("P&ort:"));
    m_proxyPort->setSpecialValueText(SettingsForm::tr("none"));
    m_userLabel->setText(SettingsForm::tr("&User:"));
    m_proxyUser->setPlaceholderText(SettingsForm::tr("optional"));
    m_passwordLabel->setText(SettingsForm::tr("Pass&word:"));
    m_note->setText(SettingsForm::tr("Used for Cloudflare, by the chat and by the local API. The password is "
                                     "kept in the system keychain."));
}

void NetworkPage::load()
{
    SettingsForm::setComboData(m_proxyMode, m_settings->value(K::ProxyMode).toString().trimmed().toLower());
    m_proxyHost->setText(m_settings->value(K::ProxyHost).toString());
    m_proxyPort->setValue(m_settings->value(K::ProxyPort).toInt());
    m_proxyUser->setText(m_settings->value(K::ProxyUser).toString());
    updateVisibility();
}

void NetworkPage::updateVisibility()
{
    // Host, port, user and password mean something only for a proxy named here.
    const QString mode = m_proxyMode->currentData().toString();
    const bool manual = mode == QLatin1String("http") || mode == QLatin1String("socks5");
    for (QWidget* w : {static_cast<QWidget*>(m_proxyHost), static_cast<QWidget*>(m_proxyPort),
             static_cast<QWidget*>(m_proxyUser), static_cast<QWidget*>(m_proxyPassword)})
        w->setEnabled(manual);
}

QStringList NetworkPage::problems() const
{
    QStringList problems;
    const QString mode = m_proxyMode->currentData().toString();
    if (mode == QLatin1String("http") || mode == QLatin1String("socks5")) {
        if (m_proxyHost->text().trimmed().isEmpty())
            problems << SettingsForm::tr("Enter the proxy's host name or address.");
        if (m_proxyPort->value() == 0)
            problems << SettingsForm::tr("Enter the proxy's port.");
    }
    return problems;
}

void NetworkPage::save()
{
    SettingsForm::put(m_settings, K::ProxyMode, m_proxyMode->currentData().toString());
    SettingsForm::put(m_settings, K::ProxyHost, m_proxyHost->text().trimmed());
    SettingsForm::put(m_settings, K::ProxyPort, m_proxyPort->value());
    SettingsForm::put(m_settings, K::ProxyUser, m_proxyUser->text());
}

void NetworkPage::showErrors(const QStringList& errors)
{
    SettingsForm::showErrors(m_error, errors);
}

QString NetworkPage::errorText() const
{
    return m_error->text();
}

void NetworkPage::addProxyTo(Endpoint* endpoint) const
{
    const QString mode = m_proxyMode->currentData().toString();
    endpoint->proxyMode = mode == QLatin1String("none") ? Endpoint::ProxyMode::None
        : mode == QLatin1String("http")                 ? Endpoint::ProxyMode::Http
        : mode == QLatin1String("socks5")               ? Endpoint::ProxyMode::Socks5
                                                        : Endpoint::ProxyMode::System;
    endpoint->proxyHost = m_proxyHost->text().trimmed();
    endpoint->proxyPort = static_cast<quint16>(m_proxyPort->value());
    endpoint->proxyUser = m_proxyUser->text();
    endpoint->proxyPassword = m_proxyPassword->text();
}

} // namespace flarechat
