#include "ApiKeysBox.h"

#include "SettingsForm.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flarechat {

ApiKeysBox::ApiKeysBox(Settings* settings, SecretStore* secrets, const Credentials& current, QWidget* parent)
    : QGroupBox(SettingsForm::tr("API keys"), parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_current(current)
{
    auto* keysLayout = new QVBoxLayout(this);
    m_keyList = new QTreeWidget;
    m_keyList->setObjectName(QStringLiteral("serverKeys"));
    m_keyList->setAccessibleName(SettingsForm::tr("API keys")); // item views take no name from a group box
    m_keyList->setHeaderLabels({SettingsForm::tr("Name"), SettingsForm::tr("Key"), SettingsForm::tr("Created")});
    m_keyList->setRootIsDecorated(false);
    m_keyList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keyList->header()->setStretchLastSection(true);
    m_keyList->setMinimumHeight(90);
    keysLayout->addWidget(m_keyList);
    m_newKeyName = new QLineEdit;
    m_newKeyName->setObjectName(QStringLiteral("newKeyName"));
    m_newKeyName->setMaxLength(LocalApiKeys::MaxNameLength);
    m_newKeyName->setPlaceholderText(SettingsForm::tr("name, e.g. my-editor"));
    m_generateKey = new QPushButton(SettingsForm::tr("&Generate Key"));
    m_generateKey->setObjectName(QStringLiteral("generateKey"));
    m_revokeKey = new QPushButton(SettingsForm::tr("&Revoke"));
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
    m_newKey->setAccessibleName(SettingsForm::tr("New key"));
    auto* copyKey = new QPushButton(SettingsForm::tr("&Copy"));
    copyKey->setObjectName(QStringLiteral("copyKey"));
    connect(copyKey, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_newKey->text()); });
    newKeyLayout->addWidget(SettingsForm::withButton(m_newKey, copyKey));
    auto* once = new QLabel(SettingsForm::tr("Copy the new key now: this is the only time it is shown. Clients send "
                                             "it as <code>Authorization: Bearer KEY</code>."));
    once->setWordWrap(true);
    newKeyLayout->addWidget(once);
    m_newKeyBox->hide();
    keysLayout->addWidget(m_newKeyBox);
    m_keysNote
        = new QLabel(SettingsForm::tr("Keys are made and revoked at once; the running server uses them right away."));
    m_keysNote->setObjectName(QStringLiteral("keysNote"));
    m_keysNote->setWordWrap(true);
    keysLayout->addWidget(m_keysNote);
    connect(m_generateKey, &QPushButton::clicked, this, &ApiKeysBox::generateKey);
    connect(m_revokeKey, &QPushButton::clicked, this, &ApiKeysBox::revokeSelectedKey);
    connect(m_keyList, &QTreeWidget::itemSelectionChanged, this,
        [this] { m_revokeKey->setEnabled(!m_busy && !m_keyList->selectedItems().isEmpty()); });
}

ApiKeysBox::~ApiKeysBox() = default;

int ApiKeysBox::keyCount() const
{
    const int fromOutside = int(m_current.localKeys().size()) - m_current.keychainKeyCount();
    return fromOutside + int(m_keysRead ? m_keys.keychainKeys().size() : m_current.keychainKeyCount());
}

void ApiKeysBox::refresh()
{
    m_busy = true;
    m_generateKey->setEnabled(false);
    m_revokeKey->setEnabled(false);
    connect(m_secrets->read(Credentials::apiKeysSecret()), &SecretJob::finished, this, [this](const SecretResult& r) {
        m_busy = false;
        const QList<ApiKeyRecord> records = LocalApiKeys::readRecords(*m_settings);
        if (r.ok() || r.status == SecretResult::Status::NotFound) {
            m_keys = LocalApiKeys(records, r.ok() ? Credentials::splitStoredKeys(r.value) : QStringList());
            m_keysRead = true;
            m_keysNote->setText(
                SettingsForm::tr("Keys are made and revoked at once; the running server uses them right away."));
        } else {
            m_keys = LocalApiKeys(records, {});
            m_keysNote->setText(
                SettingsForm::tr("The keychain could not be read, so keys cannot be made or revoked now: %1")
                    .arg(r.message));
        }
        m_keyList->clear();
        const QList<LocalApiKeys::Entry> entries = m_keys.entries();
        for (const LocalApiKeys::Entry& e : entries) {
            auto* item = new QTreeWidgetItem(m_keyList);
            item->setText(0, e.hasRecord ? e.name : SettingsForm::tr("(no name)"));
            item->setText(1, LocalApiKeys::shown(e.prefix));
            item->setText(
                2, e.created.isValid() ? QLocale().toString(e.created.toLocalTime(), QLocale::ShortFormat) : QString());
            if (e.keys.isEmpty())
                item->setToolTip(0, SettingsForm::tr("This key is no longer in the keychain."));
        }
        m_generateKey->setEnabled(m_keysRead);
        m_revokeKey->setEnabled(m_keysRead && !m_keyList->selectedItems().isEmpty());
    });
}

void ApiKeysBox::changeKeys(const std::function<bool(LocalApiKeys&, QString*)>& change, const QString& newKey)
{
    m_busy = true;
    m_generateKey->setEnabled(false);
    m_revokeKey->setEnabled(false);
    // Read again first: `flarechat key` may have changed the keychain since the dialog opened.
    connect(m_secrets->read(Credentials::apiKeysSecret()), &SecretJob::finished, this,
        [this, change, newKey](const SecretResult& r) {
            auto fail = [this](const QString& message) {
                m_busy = false;
                Q_EMIT errorChanged(message);
                m_generateKey->setEnabled(m_keysRead);
                m_revokeKey->setEnabled(m_keysRead && !m_keyList->selectedItems().isEmpty());
            };
            if (!r.ok() && r.status != SecretResult::Status::NotFound) {
                fail(SettingsForm::tr("The keychain could not be read: %1").arg(r.message));
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
                    fail(SettingsForm::tr("The keys could not be stored in the keychain: %1").arg(w.message));
                    return;
                }
                LocalApiKeys::writeRecords(*m_settings, keys.records());
                m_settings->sync();
                m_keys = keys; // what Apply checks against, before the list is read again
                m_keysRead = true;
                Q_EMIT errorChanged(QString());
                m_newKey->setText(newKey);
                m_newKeyBox->setVisible(!newKey.isEmpty());
                if (!newKey.isEmpty()) {
                    m_newKey->selectAll();
                    m_newKey->setFocus();
                }
                m_newKeyName->clear();
                refresh();
                Q_EMIT keysChanged();
                if (!newKey.isEmpty())
                    Q_EMIT keyCreated(newKey);
            });
        });
}

void ApiKeysBox::generateKey()
{
    const QString wanted = m_newKeyName->text().trimmed();
    const QString key = LocalApiKeys::generate();
    changeKeys(
        [wanted, key](LocalApiKeys& keys, QString* problem) {
            const QString name = wanted.isEmpty() ? keys.defaultName() : wanted;
            if (const QString bad = LocalApiKeys::checkName(name); !bad.isEmpty()) {
                *problem = bad;
                return false;
            }
            if (keys.hasName(name)) {
                *problem = SettingsForm::tr("There is a key named “%1” already: choose another name.").arg(name);
                return false;
            }
            keys.add(key, name, QDateTime::currentDateTimeUtc());
            return true;
        },
        key);
}

void ApiKeysBox::revokeSelectedKey()
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
    // A child of the settings window itself, window-modal over it.
    auto* box = new QMessageBox(QMessageBox::Question, SettingsForm::tr("Revoke Key"),
        SettingsForm::tr("Revoke the key “%1”? Clients using it are refused from now on.").arg(label),
        QMessageBox::Cancel, window());
    box->setObjectName(QStringLiteral("revokeConfirm"));
    QPushButton* revoke = box->addButton(SettingsForm::tr("Revoke"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, revoke, entry] {
        if (box->clickedButton() != revoke)
            return;
        changeKeys(
            [entry](LocalApiKeys& keys, QString* problem) {
                const QList<LocalApiKeys::Entry> found
                    = keys.find(entry.hasRecord ? entry.name : entry.prefix, problem);
                if (found.isEmpty()) {
                    if (problem->isEmpty())
                        *problem = SettingsForm::tr("That key is gone already.");
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
