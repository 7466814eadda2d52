#include "SettingsDialog.h"

#include "AppearancePage.h"
#include "ChatPage.h"
#include "CloudflarePage.h"
#include "NetworkPage.h"
#include "SecretFields.h"
#include "SettingsForm.h"
#include "config/ServerConfig.h"
#include "server/AccessPolicy.h"
#include "storage/LocalApiKeys.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
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

SettingsDialog::SettingsDialog(
    Settings* settings, SecretStore* secrets, const Credentials& current, const ModelCatalog& catalog, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_current(current)
    , m_pages(new QTabWidget(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, Qt::Horizontal, this))
    , m_statusLine(new QLabel(this))
    , m_secretFields(new SecretFields(secrets, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("FlareChat Settings"));
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addTab(m_cloudflare = new CloudflarePage(settings, current), tr("Cloudflare"));
    m_pages->addTab(m_network = new NetworkPage(settings), tr("Network"));
    m_pages->addTab(m_chat = new ChatPage(settings, catalog), tr("Chat"));
    m_pages->addTab(createLocalApiPage(), tr("Local API"));
    m_pages->addTab(m_appearance = new AppearancePage(settings), tr("Appearance"));
    connect(m_cloudflare, &CloudflarePage::testRequested, this, &SettingsDialog::testConnection);
    connect(m_cloudflare, &CloudflarePage::connectionTested, this, &SettingsDialog::connectionTested);

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

    loadSettings();
    m_secretFields->read();
    refreshKeys();
    updateServerUrl();
    resize(640, 600);
}

SettingsDialog::~SettingsDialog()
{
    m_cloudflare->cancelTest();
}

QWidget* SettingsDialog::createLocalApiPage()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    m_serverEnabled = new QCheckBox(tr("&Serve the models as a local OpenAI-compatible API"));
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
    m_serverBind->setToolTip(tr("127.0.0.1: this computer only. Any other address makes the API reachable from the "
                                "network, and then a key is always required."));
    connect(m_serverBind, &QComboBox::currentTextChanged, this, &SettingsDialog::updateServerUrl);
    form->addRow(tr("&Address:"), m_serverBind);
    m_serverPort = new QSpinBox;
    m_serverPort->setObjectName(QStringLiteral("serverPort"));
    m_serverPort->setRange(1, 65535);
    connect(m_serverPort, &QSpinBox::valueChanged, this, &SettingsDialog::updateServerUrl);
    form->addRow(tr("&Port:"), m_serverPort);
    m_requireKey = new QCheckBox(tr("Require an API &key (may be waived on 127.0.0.1 only)"));
    m_requireKey->setObjectName(QStringLiteral("serverRequireKey"));
    form->addRow(QString(), m_requireKey);
    m_serverUrl = new QLabel;
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* copyUrl = new QPushButton(tr("Copy"));
    copyUrl->setObjectName(QStringLiteral("copyUrl"));
    connect(copyUrl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_serverUrl->text()); });
    form->addRow(tr("Base URL:"), SettingsForm::withButton(m_serverUrl, copyUrl));
    layout->addLayout(form);

    auto* keys = new QGroupBox(tr("API keys"));
    auto* keysLayout = new QVBoxLayout(keys);
    m_keyList = new QTreeWidget;
    m_keyList->setObjectName(QStringLiteral("serverKeys"));
    m_keyList->setHeaderLabels({tr("Name"), tr("Key"), tr("Created")});
    m_keyList->setRootIsDecorated(false);
    m_keyList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keyList->header()->setStretchLastSection(true);
    m_keyList->setMinimumHeight(90);
    keysLayout->addWidget(m_keyList);
    m_newKeyName = new QLineEdit;
    m_newKeyName->setObjectName(QStringLiteral("newKeyName"));
    m_newKeyName->setMaxLength(LocalApiKeys::MaxNameLength);
    m_newKeyName->setPlaceholderText(tr("name, e.g. my-editor"));
    m_generateKey = new QPushButton(tr("&Generate Key"));
    m_generateKey->setObjectName(QStringLiteral("generateKey"));
    m_revokeKey = new QPushButton(tr("&Revoke"));
    m_revokeKey->setObjectName(QStringLiteral("revokeKey"));
    m_revokeKey->setEnabled(false);
    auto* keyButtons = new QHBoxLayout;
    keyButtons->addWidget(m_newKeyName, 1);
    keyButtons->addWidget(m_generateKey);
    keyButtons->addWidget(m_revokeKey);
    keysLayout->addLayout(keyButtons);
    m_newKeyBox = new QWidget;
    auto* newKeyLayout = new QVBoxLayout(m_newKeyBox);
    newKeyLayout->setContentsMargins(0, 0, 0, 0);
    m_newKey = new QLineEdit;
    m_newKey->setObjectName(QStringLiteral("newKey"));
    m_newKey->setReadOnly(true);
    auto* copyKey = new QPushButton(tr("&Copy"));
    copyKey->setObjectName(QStringLiteral("copyKey"));
    connect(copyKey, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_newKey->text()); });
    newKeyLayout->addWidget(SettingsForm::withButton(m_newKey, copyKey));
    auto* once = new QLabel(tr("Copy the new key now: this is the only time it is shown. Clients send it as "
                               "<code>Authorization: Bearer KEY</code>."));
    once->setWordWrap(true);
    newKeyLayout->addWidget(once);
    m_newKeyBox->hide();
    keysLayout->addWidget(m_newKeyBox);
    m_keysNote = new QLabel(tr("Keys are made and revoked at once; the running server uses them right away."));
    m_keysNote->setObjectName(QStringLiteral("keysNote"));
    m_keysNote->setWordWrap(true);
    keysLayout->addWidget(m_keysNote);
    layout->addWidget(keys);
    connect(m_generateKey, &QPushButton::clicked, this, &SettingsDialog::generateKey);
    connect(m_revokeKey, &QPushButton::clicked, this, &SettingsDialog::revokeSelectedKey);
    connect(m_keyList, &QTreeWidget::itemSelectionChanged, this,
        [this] { m_revokeKey->setEnabled(!m_keysBusy && !m_keyList->selectedItems().isEmpty()); });

    auto* advanced = new QGroupBox(tr("Advanced"));
    auto* advancedForm = new QFormLayout(advanced);
    m_allowedHosts = new QLineEdit;
    m_allowedHosts->setObjectName(QStringLiteral("serverAllowedHosts"));
    m_allowedHosts->setPlaceholderText(tr("e.g. mybox.lan, *.example.lan"));
    m_allowedHosts->setToolTip(tr("Host names clients may use besides localhost and the address (DNS rebinding "
                                  "protection)."));
    advancedForm->addRow(tr("Extra &host names:"), m_allowedHosts);
    m_corsOrigins = new QLineEdit;
    m_corsOrigins->setObjectName(QStringLiteral("serverCorsOrigins"));
    m_corsOrigins->setToolTip(tr("Web pages allowed to call the API; * for any (only while a key is required)."));
    advancedForm->addRow(tr("&Web origins (CORS):"), m_corsOrigins);
    m_maxBody = new QSpinBox;
    m_maxBody->setObjectName(QStringLiteral("serverMaxBody"));
    m_maxBody->setRange(1, 1024);
    m_maxBody->setSuffix(tr(" MiB"));
    advancedForm->addRow(tr("Largest &request:"), m_maxBody);
    m_logMax = new QSpinBox;
    m_logMax->setObjectName(QStringLiteral("serverLogMax"));
    m_logMax->setRange(1, 1024);
    m_logMax->setSuffix(tr(" MiB"));
    advancedForm->addRow(tr("Request &log size:"), m_logMax);
    layout->addWidget(advanced);

    m_serverError = SettingsForm::errorLabel(QStringLiteral("serverError"));
    layout->addWidget(m_serverError);
    layout->addStretch(1);
    return page;
}

void SettingsDialog::loadSettings()
{
    m_cloudflare->load();

    m_network->load();

    m_chat->load();

    m_serverEnabled->setChecked(m_settings->value(K::ServerEnabled).toBool());
    m_serverBind->setCurrentText(m_settings->value(K::ServerBind).toString());
    m_serverPort->setValue(m_settings->value(K::ServerPort).toInt());
    m_requireKey->setChecked(m_settings->value(K::ServerRequireKey).toBool());
    m_allowedHosts->setText(m_settings->value(K::ServerAllowedHosts).toStringList().join(QStringLiteral(", ")));
    m_corsOrigins->setText(m_settings->value(K::ServerCorsOrigins).toStringList().join(QStringLiteral(", ")));
    m_maxBody->setValue(m_settings->value(K::ServerMaxBodyMiB).toInt());
    m_logMax->setValue(m_settings->value(K::ServerLogMaxMiB).toInt());

    m_appearance->load();
}

void SettingsDialog::updateServerUrl()
{
    const QHostAddress address = ServerConfig::parseAddress(m_serverBind->currentText());
    m_serverUrl->setText(address.isNull()
            ? tr("(not an IP address)")
            : ServerConfig::baseUrl(address, static_cast<quint16>(m_serverPort->value())));
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
    return m_secretFields->isReading() || m_secretFields->isWriting() || m_keysBusy;
}

QStringList SettingsDialog::errors() const
{
    QStringList out;
    for (const QString& text : {m_cloudflare->errorText(), m_network->errorText(), m_serverError->text()}) {
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

int SettingsDialog::haveKeyCount() const
{
    const int fromOutside = int(m_current.localKeys().size()) - m_current.keychainKeyCount();
    return fromOutside + int(m_keysRead ? m_keys.keychainKeys().size() : m_current.keychainKeyCount());
}

bool SettingsDialog::validate()
{
    const QStringList cloudflare = m_cloudflare->problems();
    const QStringList network = m_network->problems();

    QStringList server;
    const QHostAddress bind = ServerConfig::parseAddress(m_serverBind->currentText());
    if (bind.isNull()) {
        server << tr("“%1” is not an IP address. Use 127.0.0.1 for this computer only.")
                      .arg(m_serverBind->currentText().trimmed());
    } else if (m_serverEnabled->isChecked()) {
        const bool keys = haveKeyCount() > 0;
        if (!AccessPolicy::isLoopback(bind)) {
            if (!m_requireKey->isChecked())
                server << tr("On %1 the API is reachable from other computers, so it must require a key: turn on "
                             "“Require an API key”, or use 127.0.0.1.")
                              .arg(bind.toString());
            else if (!keys)
                server << tr("On %1 the API is reachable from other computers, so it needs a key: generate one "
                             "below first, or use 127.0.0.1.")
                              .arg(bind.toString());
        } else if (m_requireKey->isChecked() && !keys) {
            server << tr("A key is required but there is none: generate one below, or turn off “Require an API "
                         "key”.");
        }
    }

    m_cloudflare->showErrors(cloudflare);
    m_network->showErrors(network);
    SettingsForm::showErrors(m_serverError, server);
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

    SettingsForm::put(m_settings, K::ServerBind, ServerConfig::parseAddress(m_serverBind->currentText()).toString());
    SettingsForm::put(m_settings, K::ServerPort, m_serverPort->value());
    SettingsForm::put(m_settings, K::ServerRequireKey, m_requireKey->isChecked());
    SettingsForm::put(m_settings, K::ServerAllowedHosts, splitList(m_allowedHosts->text()));
    SettingsForm::put(m_settings, K::ServerCorsOrigins, splitList(m_corsOrigins->text()));
    SettingsForm::put(m_settings, K::ServerMaxBodyMiB, m_maxBody->value());
    SettingsForm::put(m_settings, K::ServerLogMaxMiB, m_logMax->value());
    // Last of the server's settings: the server starts with all the others in place.
    SettingsForm::put(m_settings, K::ServerEnabled, m_serverEnabled->isChecked());

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

void SettingsDialog::testConnection()
{
    m_cloudflare->testConnection(endpointFromFields());
}

void SettingsDialog::refreshKeys()
{
    m_keysBusy = true;
    m_generateKey->setEnabled(false);
    m_revokeKey->setEnabled(false);
    connect(m_secrets->read(Credentials::apiKeysSecret()), &SecretJob::finished, this, [this](const SecretResult& r) {
        m_keysBusy = false;
        const QList<ApiKeyRecord> records = LocalApiKeys::readRecords(*m_settings);
        if (r.ok() || r.status == SecretResult::Status::NotFound) {
            m_keys = LocalApiKeys(records, r.ok() ? Credentials::splitStoredKeys(r.value) : QStringList());
            m_keysRead = true;
            m_keysNote->setText(tr("Keys are made and revoked at once; the running server uses them right away."));
        } else {
            m_keys = LocalApiKeys(records, {});
            m_keysNote->setText(
                tr("The keychain could not be read, so keys cannot be made or revoked now: %1").arg(r.message));
        }
        m_keyList->clear();
        const QList<LocalApiKeys::Entry> entries = m_keys.entries();
        for (const LocalApiKeys::Entry& e : entries) {
            auto* item = new QTreeWidgetItem(m_keyList);
            item->setText(0, e.hasRecord ? e.name : tr("(no name)"));
            item->setText(1, LocalApiKeys::shown(e.prefix));
            item->setText(
                2, e.created.isValid() ? QLocale().toString(e.created.toLocalTime(), QLocale::ShortFormat) : QString());
            if (e.keys.isEmpty())
                item->setToolTip(0, tr("This key is no longer in the keychain."));
        }
        m_generateKey->setEnabled(m_keysRead);
        m_revokeKey->setEnabled(m_keysRead && !m_keyList->selectedItems().isEmpty());
    });
}

void SettingsDialog::changeKeys(const std::function<bool(LocalApiKeys&, QString*)>& change, const QString& newKey)
{
    m_keysBusy = true;
    m_generateKey->setEnabled(false);
    m_revokeKey->setEnabled(false);
    // Read again first: `flarechat key` may have changed the keychain since the dialog opened.
    connect(m_secrets->read(Credentials::apiKeysSecret()), &SecretJob::finished, this,
        [this, change, newKey](const SecretResult& r) {
            auto fail = [this](const QString& message) {
                m_keysBusy = false;
                m_serverError->setText(message);
                m_serverError->show();
                m_generateKey->setEnabled(m_keysRead);
                m_revokeKey->setEnabled(m_keysRead && !m_keyList->selectedItems().isEmpty());
            };
            if (!r.ok() && r.status != SecretResult::Status::NotFound) {
                fail(tr("The keychain could not be read: %1").arg(r.message));
                return;
            }
            LocalApiKeys keys(
                LocalApiKeys::readRecords(*m_settings), r.ok() ? Credentials::splitStoredKeys(r.value) : QStringList());
            QString problem;
            if (!change(keys, &problem)) {
                fail(problem);
                return;
            }
            const QStringList stored = keys.keychainKeys();
            SecretJob* job = stored.isEmpty()
                ? m_secrets->remove(Credentials::apiKeysSecret())
                : m_secrets->write(Credentials::apiKeysSecret(), Credentials::joinStoredKeys(stored));
            connect(job, &SecretJob::finished, this, [this, keys, newKey, fail](const SecretResult& w) {
                if (!w.ok() && w.status != SecretResult::Status::NotFound) {
                    fail(tr("The keys could not be stored in the keychain: %1").arg(w.message));
                    return;
                }
                LocalApiKeys::writeRecords(*m_settings, keys.records());
                m_settings->sync();
                m_keys = keys; // what Apply checks against, before the list is read again
                m_keysRead = true;
                m_serverError->clear();
                m_serverError->hide();
                m_newKey->setText(newKey);
                m_newKeyBox->setVisible(!newKey.isEmpty());
                if (!newKey.isEmpty()) {
                    m_newKey->selectAll();
                    m_newKey->setFocus();
                }
                m_newKeyName->clear();
                refreshKeys();
                Q_EMIT keysChanged();
            });
        });
}

void SettingsDialog::generateKey()
{
    const QString wanted = m_newKeyName->text().trimmed();
    const QString key = LocalApiKeys::generate();
    changeKeys(
        [this, wanted, key](LocalApiKeys& keys, QString* problem) {
            const QString name = wanted.isEmpty() ? keys.defaultName() : wanted;
            if (const QString bad = LocalApiKeys::checkName(name); !bad.isEmpty()) {
                *problem = bad;
                return false;
            }
            if (keys.hasName(name)) {
                *problem = tr("There is a key named “%1” already: choose another name.").arg(name);
                return false;
            }
            keys.add(key, name, QDateTime::currentDateTimeUtc());
            return true;
        },
        key);
}

void SettingsDialog::revokeSelectedKey()
{
    const QList<QTreeWidgetItem*> selected = m_keyList->selectedItems();
    if (selected.isEmpty())
        return;
    const int row = m_keyList->indexOfTopLevelItem(selected.first());
    const QList<LocalApiKeys::Entry> entries = m_keys.entries();
    if (row < 0 || row >= entries.size())
        return;
    const LocalApiKeys::Entry entry = entries.at(row);
    const QString label = entry.hasRecord ? entry.name : LocalApiKeys::shown(entry.prefix);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Revoke Key"),
        tr("Revoke the key “%1”? Clients using it are refused from now on.").arg(label), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("revokeConfirm"));
    QPushButton* revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, entry] {
        if (box->clickedButton() != revoke)
            return;
        changeKeys(
            [this, entry](LocalApiKeys& keys, QString* problem) {
                const QList<LocalApiKeys::Entry> found
                    = keys.find(entry.hasRecord ? entry.name : entry.prefix, problem);
                if (found.isEmpty()) {
                    if (problem->isEmpty())
                        *problem = tr("That key is gone already.");
                    return false;
                }
                for (const LocalApiKeys::Entry& e : found)
                    keys.remove(e);
                return true;
            },
            QString());
    });
    box->open();
}

} // namespace flarechat
