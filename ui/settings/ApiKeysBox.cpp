#include "ApiKeysBox.h"

#include "LanguageChange.h"
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
    : QGroupBox(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_current(current)
{
    auto* keysLayout = new QVBoxLayout(this);
    m_keyList = new QTreeWidget;
    m_keyList->setObjectName(QStringLiteral("serverKeys"));
    m_keyList->setRootIsDecorated(false);
    m_keyList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keyList->header()->setStretchLastSection(true);
    m_keyList->setMinimumHeight(90);
    keysLayout->addWidget(m_keyList);
    m_newKeyName = new QLineEdit;
    m_newKeyName->setObjectName(QStringLiteral("newKeyName"));
    m_newKeyName->setMaxLength(LocalApiKeys::MaxNameLength);
    m_generateKey = new QPushButton;
    m_generateKey->setObjectName(QStringLiteral("generateKey"));
    m_revokeKey = new QPushButton;
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
    m_copyKey = new QPushButton;
    m_copyKey->setObjectName(QStringLiteral("copyKey"));
    connect(m_copyKey, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_newKey->text()); });
    newKeyLayout->addWidget(SettingsForm::withButton(m_newKey, m_copyKey));
    m_once = new QLabel;
    m_once->setWordWrap(true);
    newKeyLayout->addWidget(m_once);
    m_newKeyBox->hide();
    keysLayout->addWidget(m_newKeyBox);
    m_keysNote = new QLabel;
    m_keysNote->setObjectName(QStringLiteral("keysNote"));
    m_keysNote->setWordWrap(true);
    keysLayout->addWidget(m_keysNote);
    connect(m_generateKey, &QPushButton::clicked, this, &ApiKeysBox::generateKey);
    connect(m_revokeKey, &QPushButton::clicked, this, &ApiKeysBox::revokeSelectedKey);
    connect(m_keyList, &QTreeWidget::itemSelectionChanged, this,
        [this] { m_revokeKey->setEnabled(!m_busy && !m_keyList->selectedItems().isEmpty()); });
    retranslated(this, [this] { retranslate(); });
}

ApiKeysBox::~ApiKeysBox() = default;

void ApiKeysBox::retranslate()
{
    setTitle(SettingsForm::tr("API keys"));
    m_keyList->setAccessibleName(SettingsForm::tr("API keys")); // item views take no name from a group box
    m_keyList->setHeaderLabels({SettingsForm::tr("Name"), SettingsForm::tr("Key"), SettingsForm::tr("Created")});
    m_newKeyName->setPlaceholderText(SettingsForm::tr("name, e.g. my-editor"));
    m_generateKey->setText(SettingsForm::tr("&Generate Key"));
    m_revokeKey->setText(SettingsForm::tr("&Revoke"));
    m_newKey->setAccessibleName(SettingsForm::tr("New key"));
    m_copyKey->setText(SettingsForm::tr("&Copy"));
    m_once->setText(SettingsForm::tr("Copy the new key now: this is the only time it is shown. Clients send "
                                     "it as <code>Authorization: Bearer KEY</code>."));
    m_keysNote->setText(m_readProblem.isEmpty()
            ? SettingsForm::tr("Keys are made and revoked at once; the running server uses them right away.")
            : SettingsForm::tr("The keychain could not be read, so keys cannot be made or revoked now: %1")
                  .arg(m_readProblem));
    // The list's own words: a key without a record, a record without its key.
    for (int i = 0; i < m_keyList->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_keyList->topLevelItem(i);
        if (!item->data(0, Qt::UserRole).toBool())
            item->setText(0, SettingsForm::tr("(no name)"));
        item->setToolTip(0,
            item->data(1, Qt::UserRole).toBool() ? SettingsForm::tr("This key is no longer in the keychain.")
                                                 : QString());
    }
}

int ApiKeysBox::keyCount() const
{
    const int fromOutside = int(m_current.localKeys().size()) - m_current.keychainKeyCount();
    return fromOutside + int(m_keysRead ? m_keys.keychainKeys().size() : m_current.keychainKeyCount());
}

void ApiKeysBox::setBusy(bool busy)
{
    m_busy = busy;
    m_generateKey->setEnabled(!busy && m_keysRead);
    m_revokeKey->setEnabled(!busy && m_keysRead && !m_keyList->selectedItems().isEmpty());
}

void ApiKeysBox::refresh()
{
    setBusy(true);
    connect(LocalKeysJob::list(m_secrets, m_settings, this), &LocalKeysJob::finished, this,
        [this](const LocalKeysJob::Result& r) {
            listKeys(r);
            setBusy(false);
        });
}

void ApiKeysBox::listKeys(const LocalKeysJob::Result& r)
{
    m_keys = r.keys;
    m_keysRead = m_keysRead || r.keychainRead;
    m_readProblem = r.keychainRead ? QString() : r.message;
    m_keyList->clear();
    const QList<LocalApiKeys::Entry> entries = m_keys.entries();
    for (const LocalApiKeys::Entry& e : entries) {
        auto* item = new QTreeWidgetItem(m_keyList);
        item->setData(0, Qt::UserRole, e.hasRecord);
        item->setData(1, Qt::UserRole, e.keys.isEmpty());
        if (e.hasRecord)
            item->setText(0, e.name);
        item->setText(1, LocalApiKeys::shown(e.prefix));
        item->setText(
            2, e.created.isValid() ? QLocale().toString(e.created.toLocalTime(), QLocale::ShortFormat) : QString());
    }
    retranslate();
}

QString ApiKeysBox::failure(const LocalKeysJob::Result& r) const
{
    switch (r.outcome) {
    case LocalKeysJob::Outcome::Ok:
        return {};
    case LocalKeysJob::Outcome::ReadFailed:
        return SettingsForm::tr("The keychain could not be read: %1").arg(r.message);
    case LocalKeysJob::Outcome::NameTaken:
        return SettingsForm::tr("There is a key named “%1” already: choose another name.").arg(r.name);
    case LocalKeysJob::Outcome::NoMatch:
    case LocalKeysJob::Outcome::Ambiguous:
        return SettingsForm::tr("That key is gone already.");
    case LocalKeysJob::Outcome::WriteFailed:
        return SettingsForm::tr("The keys could not be stored in the keychain: %1").arg(r.message);
    case LocalKeysJob::Outcome::RecordsFailed:
        return SettingsForm::tr("The settings could not be written to %1.").arg(r.message);
    case LocalKeysJob::Outcome::BadName:
        return r.message; // LocalApiKeys' own sentence
    }
    return {};
}

void ApiKeysBox::changed(const LocalKeysJob::Result& r)
{
    const bool changedKeys = r.ok() || r.outcome == LocalKeysJob::Outcome::RecordsFailed;
    if (r.keychainRead)
        listKeys(r); // what the keychain holds now (another FlareChat may have changed it): Apply checks that
    setBusy(false);
    Q_EMIT errorChanged(failure(r));
    if (!changedKeys)
        return;
    m_newKey->setText(r.newKey);
    m_newKeyBox->setVisible(!r.newKey.isEmpty());
    if (!r.newKey.isEmpty()) {
        m_newKey->selectAll();
        m_newKey->setFocus();
    }
    m_newKeyName->clear();
    Q_EMIT keysChanged();
    if (!r.newKey.isEmpty())
        Q_EMIT keyCreated(r.newKey);
}

void ApiKeysBox::generateKey()
{
    setBusy(true);
    connect(LocalKeysJob::create(m_secrets, m_settings, m_newKeyName->text().trimmed(), this), &LocalKeysJob::finished,
        this, &ApiKeysBox::changed);
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
        setBusy(true);
        // The entry as listed: by its name, else its prefix, which designates its keys only.
        connect(LocalKeysJob::revoke(
                    m_secrets, m_settings, entry.hasRecord ? entry.name : entry.prefix, LocalKeysJob::Match::All, this),
            &LocalKeysJob::finished, this, &ApiKeysBox::changed);
    });
    box->open();
}

} // namespace flarechat
