#include "SettingsDialog.h"

#include "AppearancePage.h"
#include "ChatPage.h"
#include "CloudflarePage.h"
#include "LanguageChange.h"
#include "LocalApiPage.h"
#include "ModelsPage.h"
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
    m_pages->setObjectName(QStringLiteral("pages"));
    addPage(Page::Cloudflare, m_cloudflare = new CloudflarePage(settings, current));
    addPage(Page::Network, m_network = new NetworkPage(settings));
    addPage(Page::Chat, new ChatPage(settings, catalog));
    addPage(Page::Models, new ModelsPage(settings, catalog));
    auto* localApi = new LocalApiPage(settings, secrets, current);
    addPage(Page::LocalApi, localApi);
    addPage(Page::Appearance, new AppearancePage(settings));
    connect(m_cloudflare, &CloudflarePage::testRequested, this, &SettingsDialog::testConnection);
    connect(m_cloudflare, &CloudflarePage::connectionTested, this, &SettingsDialog::connectionTested);
    connect(localApi, &LocalApiPage::keysChanged, this, &SettingsDialog::keysChanged);

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
        Credentials::apiTokenSecret(), m_cloudflare->apiTokenField(), [] { return tr("The API token"); },
        SecretFields::Text::Trimmed);
    m_secretFields->add(
        Credentials::gatewayTokenSecret(), m_cloudflare->gatewayTokenField(), [] { return tr("The gateway token"); },
        SecretFields::Text::Trimmed);
    m_secretFields->add(
        Credentials::proxyPasswordSecret(), m_network->proxyPasswordField(), [] { return tr("The proxy password"); },
        SecretFields::Text::AsTyped);
    connect(m_secretFields, &SecretFields::readFailed, this, [this](const QString& message) {
        m_status = [message] { return tr("The keychain could not be read: %1").arg(message); };
        m_statusLine->setText(m_status());
    });
    connect(m_secretFields, &SecretFields::loaded, this, &SettingsDialog::secretsLoaded);
    connect(m_secretFields, &SecretFields::writeFailed, this, [this](const QString& what, const QString& message) {
        m_writeFailed = true;
        m_cloudflare->showErrors({tr("%1 could not be stored in the keychain: %2").arg(what, message)});
    });
    connect(m_secretFields, &SecretFields::written, this, &SettingsDialog::secretsWritten);

    for (SettingsPage* p : std::as_const(m_pageList))
        p->load(); // the Local API page starts reading its keys from the keychain
    m_secretFields->read();
    retranslated(this, [this] { retranslate(); });
    resize(640, 600);
}

SettingsDialog::~SettingsDialog()
{
    m_cloudflare->cancelTest();
}

void SettingsDialog::addPage(Page page, SettingsPage* content)
{
    // The tabs are in the order of Page: showPage() and currentPage() use its values as indexes.
    Q_ASSERT(m_pageList.size() == static_cast<int>(page));
    Q_UNUSED(page)
    m_pageList.append(content);
    m_pages->addTab(content->widget(), content->icon(), content->title());
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("FlareChat Settings"));
    for (int i = 0; i < m_pageList.size(); ++i)
        m_pages->setTabText(i, m_pageList.at(i)->title());
    if (m_status)
        m_statusLine->setText(m_status());
    if (m_problemsShown)
        validate(false); // the errors shown, in the new language
}

void SettingsDialog::showPage(Page page)
{
    m_pages->setCurrentIndex(static_cast<int>(page));
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

SettingsPage* SettingsDialog::page(Page page) const
{
    return m_pageList.value(static_cast<int>(page));
}

bool SettingsDialog::isBusy() const
{
    if (m_secretFields->isReading() || m_secretFields->isWriting())
        return true;
    return std::any_of(m_pageList.cbegin(), m_pageList.cend(), [](const SettingsPage* p) { return p->isBusy(); });
}

QStringList SettingsDialog::errors() const
{
    QStringList out;
    for (const SettingsPage* p : m_pageList) {
        if (const QString text = p->errorText(); !text.isEmpty())
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

bool SettingsDialog::validate(bool bringToFront)
{
    int first = -1;
    for (int i = 0; i < m_pageList.size(); ++i) {
        const QStringList problems = m_pageList.at(i)->problems();
        m_pageList.at(i)->showErrors(problems);
        if (!problems.isEmpty() && first < 0)
            first = i;
    }
    m_problemsShown = first >= 0;
    // The first page with an error comes to the front.
    if (first >= 0 && bringToFront)
        m_pages->setCurrentIndex(first);
    return first < 0;
}

bool SettingsDialog::apply()
{
    if (m_secretFields->isWriting())
        return false; // the previous Apply is still storing secrets
    if (!validate()) {
        m_status = [] { return tr("Nothing was saved: correct what is shown in red first."); };
        m_statusLine->setText(m_status());
        m_closeAfterApply = false;
        return false;
    }
    writeSettings();
    m_writeFailed = false;
    m_status = [] { return tr("Saving…"); };
    m_statusLine->setText(m_status());
    m_secretFields->write();
    return true;
}

void SettingsDialog::writeSettings()
{
    for (SettingsPage* p : std::as_const(m_pageList))
        p->save(); // the Local API page last but one: its server switch after its other settings
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        m_writeFailed = true;
        const QString path = m_settings->path();
        m_status = [path] { return tr("The settings could not be written to %1.").arg(path); };
        m_statusLine->setText(m_status());
    }
}

void SettingsDialog::secretsWritten()
{
    if (m_writeFailed) {
        m_status = [] { return tr("The settings were saved, but not everything could be stored: see above."); };
        m_closeAfterApply = false;
    } else {
        m_status = [] { return tr("Saved."); };
    }
    m_statusLine->setText(m_status());
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
