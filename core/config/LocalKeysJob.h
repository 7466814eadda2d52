#pragma once

#include "storage/LocalApiKeys.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace flarechat {

class SecretStore;
class Settings;
struct SecretResult;

// The keychain read-change-write of the local API keys, which `flarechat key` and the window's
// key list (ApiKeysBox) both run, so the two cannot drift: read the keychain's keys afresh
// (another FlareChat may have changed them since), decide the change with LocalApiKeys, write the
// keychain, then the records in the settings. Never blocks: a job starts once control returns to
// the event loop, emits finished() exactly once and deletes itself. Each face words the outcome
// itself; the reasons LocalApiKeys gives (a bad name, no such key) come in `message`.
class LocalKeysJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalKeysJob)

public:
    enum class Outcome {
        Ok,
        ReadFailed, // the keychain could not be read: nothing changed (`message`: the keychain's words)
        BadName, // create: LocalApiKeys::checkName() refused the name (`message`)
        NameTaken, // create: a key has that name already
        NoMatch, // revoke: nothing has that name or prefix, or the prefix is too short (`message`)
        Ambiguous, // revoke (Match::One): the prefix designates several keys (`matched`)
        WriteFailed, // the keychain refused the change: nothing changed (`message`)
        RecordsFailed, // the keychain changed, the settings could not be written (`message`: its path)
    };
    enum class Match { One, All }; // revoke: refuse a prefix that designates several keys, or revoke each

    struct Result
    {
        Outcome outcome = Outcome::Ok;
        QString message;
        QString name; // create: the key's name (the first free default when none was asked for)
        QString newKey; // create: the whole key once it is in the keychain (also with RecordsFailed)
        QList<LocalApiKeys::Entry> matched; // revoke: what the name or prefix designates
        LocalApiKeys keys; // after the change; as read when refused (the records alone if unread)
        bool keychainRead = false;
        bool ok() const { return outcome == Outcome::Ok; }
    };

    // Reads the keys and records, changing nothing.
    static LocalKeysJob* list(SecretStore* secrets, Settings* settings, QObject* parent = nullptr);
    // Makes a key named `name`, as given (empty: LocalApiKeys::defaultName()).
    static LocalKeysJob* create(
        SecretStore* secrets, Settings* settings, const QString& name, QObject* parent = nullptr);
    // Revokes what LocalApiKeys::find(`nameOrPrefix`) designates.
    static LocalKeysJob* revoke(
        SecretStore* secrets, Settings* settings, const QString& nameOrPrefix, Match match, QObject* parent = nullptr);

Q_SIGNALS:
    void finished(const flarechat::LocalKeysJob::Result& result);

private:
    // Changes `result->keys`; false (with the outcome set) to refuse.
    using Change = std::function<bool(Result* result)>;
    LocalKeysJob(SecretStore* secrets, Settings* settings, Change change, QObject* parent);
    void start();
    void onRead(const SecretResult& read);
    void onWritten(const SecretResult& written);
    void finish();

    QPointer<SecretStore> m_secrets;
    QPointer<Settings> m_settings;
    Change m_change;
    Result m_result;
    QList<ApiKeyRecord> m_recordsBefore;
    QStringList m_keysBefore;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::LocalKeysJob::Result)
