#pragma once

#include "config/Credentials.h"
#include "config/LocalKeysJob.h"
#include "storage/LocalApiKeys.h"

#include <QGroupBox>

class QLineEdit;
class QPushButton;
class QLabel;
class QTreeWidget;

namespace flarechat {

class SecretStore;
class Settings;

// The Local API page's "API keys" box: the keys the window's server accepts, by name and
// prefix, never whole. Keys are made and revoked at once by the job `flarechat key` runs too
// (LocalKeysJob): the keychain holds the keys, the settings their names and dates. A new key is
// shown only then, to copy.
class ApiKeysBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeysBox)

public:
    // `current`: the credentials in use, to count the keys the command line or environment give.
    ApiKeysBox(Settings* settings, SecretStore* secrets, const Credentials& current, QWidget* parent = nullptr);
    ~ApiKeysBox() override;

    void refresh(); // reads the keychain and lists what it holds
    bool isBusy() const { return m_busy; } // reading or writing the keychain
    // The keys the server would accept: the keychain's as last read (or as the window started
    // with, before the first read), and those the command line or environment give.
    int keyCount() const;

Q_SIGNALS:
    void keysChanged(); // a key was made or revoked
    // A key was made: the whole key, this once (shown and offered to copy; never kept).
    void keyCreated(const QString& key);
    // Why the last change of the keys failed; empty once one succeeds.
    void errorChanged(const QString& error);

private:
    void retranslate();
    void generateKey();
    void revokeSelectedKey();
    void setBusy(bool busy);
    void listKeys(const LocalKeysJob::Result& result); // lists what a job read or left
    void changed(const LocalKeysJob::Result& result); // a create or revoke job ended
    QString failure(const LocalKeysJob::Result& result) const; // why a change did not happen

    Settings* m_settings;
    SecretStore* m_secrets;
    Credentials m_current;
    QTreeWidget* m_keyList;
    QLineEdit* m_newKeyName;
    QPushButton* m_generateKey;
    QPushButton* m_revokeKey;
    QWidget* m_newKeyBox;
    QLineEdit* m_newKey;
    QLabel* m_keysNote;
    QLabel* m_once;
    QPushButton* m_copyKey;
    QString m_readProblem; // why the keychain could not be read, empty when it was
    LocalApiKeys m_keys;
    bool m_keysRead = false;
    bool m_busy = false;
};

} // namespace flarechat
