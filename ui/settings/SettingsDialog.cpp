#include "SettingsDialog.h"

#include "AppearancePage.h"
#include "ChatPage.h"
#include "CloudflarePage.h"
#include "LocalApiPage.h"
#include "NetworkPage.h"
#include "SecretFields.h"
#include "storage/Settings.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace flarechat {

SettingsDialog::SettingsDialog(
    Settings* settings, SecretStore* secrets, const Credentials& current, const ModelCatalog& catalog, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_pages(new QTabWidget(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, Qt::Horizontal, this))
    , m_statusLine(new QLabel(this))
    , m_secretFields(new SecretFields(secrets, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("FlareChat Settings"));
    m_pages->setObjectName(QStringLiteral("pages"));
    // The tabs are in the order of Page: showPage() and currentPage() use its values as indexes.
    m_pages->addTab(m_cloudflare = new CloudflarePage(settings, current), tr("Cloudflare"));
    m_pages->addTab(m_network = new NetworkPage(settings), tr("Network"));
    m_pages->addTab(m_chat = new ChatPage(settings, catalog), tr("Chat"));
    m_pages->addTab(m_localApi = new LocalApiPage(settings, secrets, current), tr("Local API"));
    m_pages->addTab(m_appearance = new AppearancePage(settings), tr("Appearance"));
    connect(m_cloudflare, &CloudflarePage::testRequested, this, &SettingsDialog::testConnection);
    connect(m_cloudflare, &CloudflarePage::connectionTested, this, &SettingsDialog::connectionTested);
    connect(m_localApi, &LocalApiPage::keysChanged, this, &SettingsDialog::keysChanged);

    m_statusLine->setObjectName(QStringLiteral("statusLine"));
    m_statusLine->setWordWrap(true);
    m_statusLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_statusLine);
    layout->addWidget(m_buttons);

    // Read from the keychain in this order, and written to it on Apply in this order.
    m_secretFields->add(
        Credentials::apiTokenSecret(), m_cloudflare->apiTokenField(), tr("The API token"), SecretFields::Text::Trimmed);
    m_secretFields->add(Credentials::gatewayTokenSecret(), m_cloudflare->gatewayTokenField(), tr("The gateway token"),
        SecretFields::Text::Trimmed);
    m_secretFields->add(Credentials::proxyPasswordSecret(), m_network->proxyPasswordField(), tr("The proxy password"),
        SecretFields::Text::AsTyped);
    connect(m_secretFields, &SecretFields::readFailed, this, [this](const QString& message) {
        m_statusLine->setText(tr("The keychain could not be read: %1").arg(message));
    });
    connect(m_secretFields, &SecretFields::loaded, this, &SettingsDialog::secretsLoaded);
    connect(m_secretFields, &SecretFields::writeFailed, this, [this](const QString& what, const QString& message) {
        m_writeFailed = true;
        m_cloudflare->showErrors({tr("%1 could not be stored in the keychain: %2").arg(what, message)});
    });
    connect(m_secretFields, &SecretFields::written, this, &SettingsDialog::secretsWritten);

    m_cloudflare->load();
    m_network->load();
    m_chat->load();
    m_localApi->load();
    m_appearance->load();
    m_secretFields->read();
    m_localApi->readKeys();
    resize(640, 600);
}

SettingsDialog::~SettingsDialog()
{
    m_cloudflare->cancelTest();
}

void SettingsDialog::showPage(Page page)
{
    m_pages->setCurrentIndex(static_cast<int>(page));
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

bool SettingsDialog::isBusy() const
{
    return m_secretFields->isReading() || m_secretFields->isWriting() || m_localApi->isBusy();
}

QStringList SettingsDialog::errors() const
{
    QStringList out;
    for (const QString& text : {m_cloudflare->errorText(), m_network->errorText(), m_localApi->errorText()}) {
        if (!text.isEmpty())
            out.append(text);
    }
    return out;
}

Endpoint SettingsDialog::endpointFromFields() const
{
    Endpoint e = m_cloudflare->endpoint();
    m_network->addProxyTo(&e);
    return e;
}

void SettingsDialog::testConnection()
{
    m_cloudflare->testConnection(endpointFromFields());
}

bool SettingsDialog::validate()
{
    const QStringList cloudflare = m_cloudflare->problems();
    const QStringList network = m_network->problems();
    const QStringList server = m_localApi->problems();
    m_cloudflare->showErrors(cloudflare);
    m_network->showErrors(network);
    m_localApi->showErrors(server);
    // The first page with an error comes to the front.
    if (!cloudflare.isEmpty())
        showPage(Page::Cloudflare);
    else if (!network.isEmpty())
        showPage(Page::Network);
    else if (!server.isEmpty())
        showPage(Page::LocalApi);
    return cloudflare.isEmpty() && network.isEmpty() && server.isEmpty();
}

bool SettingsDialog::apply()
{
    if (m_secretFields->isWriting())
        return false; // the previous Apply is still storing secrets
    if (!validate()) {
        m_statusLine->setText(tr("Nothing was saved: correct what is shown in red first."));
        m_closeAfterApply = false;
        return false;
    }
    writeSettings();
    m_writeFailed = false;
    m_statusLine->setText(tr("Saving…"));
    m_secretFields->write();
    return true;
}

void SettingsDialog::writeSettings()
{
    m_cloudflare->save();
    m_network->save();
    m_chat->save();
    m_localApi->save();
    m_appearance->save();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        m_writeFailed = true;
        m_statusLine->setText(tr("The settings could not be written to %1.").arg(m_settings->path()));
    }
}

void SettingsDialog::secretsWritten()
{
    if (m_writeFailed) {
        m_statusLine->setText(tr("The settings were saved, but not everything could be stored: see above."));
        m_closeAfterApply = false;
    } else {
        m_statusLine->setText(tr("Saved."));
    }
    Q_EMIT applied();
    if (m_closeAfterApply && !m_writeFailed)
        QDialog::accept();
    m_closeAfterApply = false;
}

void SettingsDialog::accept()
{
    m_closeAfterApply = true;
    if (!apply())
        m_closeAfterApply = false;
}

void SettingsDialog::reject()
{
    m_cloudflare->cancelTest();
    QDialog::reject();
}

} // namespace flarechat
