#include "LocalKeysJob.h"

#include "config/Credentials.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QDateTime>
#include <QTimer>

namespace flarechat {

LocalKeysJob::LocalKeysJob(SecretStore* secrets, Settings* settings, Change change, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_settings(settings)
    , m_change(std::move(change))
{
    QTimer::singleShot(0, this, &LocalKeysJob::start);
}

LocalKeysJob* LocalKeysJob::list(SecretStore* secrets, Settings* settings, QObject* parent)
{
    return new LocalKeysJob(secrets, settings, {}, parent);
}

LocalKeysJob* LocalKeysJob::create(SecretStore* secrets, Settings* settings, const QString& name, QObject* parent)
{
    return new LocalKeysJob(
        secrets, settings,
        [name](Result* r) {
            r->name = name.isEmpty() ? r->keys.defaultName() : name;
            if (const QString bad = LocalApiKeys::checkName(r->name); !bad.isEmpty()) {
                r->outcome = Outcome::BadName;
                r->message = bad;
                return false;
            }
            if (r->keys.hasName(r->name)) {
                r->outcome = Outcome::NameTaken;
                return false;
            }
            r->newKey = LocalApiKeys::generate();
            r->keys.add(r->newKey, r->name, QDateTime::currentDateTimeUtc());
            return true;
        },
        parent);
}

LocalKeysJob* LocalKeysJob::revoke(
    SecretStore* secrets, Settings* settings, const QString& nameOrPrefix, Match match, QObject* parent)
{
    return new LocalKeysJob(
        secrets, settings,
        [nameOrPrefix, match](Result* r) {
            r->matched = r->keys.find(nameOrPrefix, &r->message);
            if (r->matched.isEmpty()) {
                r->outcome = Outcome::NoMatch;
                return false;
            }
            if (r->matched.size() > 1 && match == Match::One) {
                r->outcome = Outcome::Ambiguous;
                return false;
            }
            for (const LocalApiKeys::Entry& e : std::as_const(r->matched))
                r->keys.remove(e);
            return true;
        },
        parent);
}

void LocalKeysJob::start()
{
    if (!m_secrets || !m_settings) {
        m_result.outcome = Outcome::ReadFailed;
        m_result.message = QStringLiteral("The keychain went away.");
        finish();
        return;
    }
    m_settings->sync(); // what another FlareChat (`flarechat key`, another window) wrote meanwhile
    m_recordsBefore = LocalApiKeys::readRecords(*m_settings);
    // The name check comes before the keychain is asked, as `flarechat key new` always did: a bad
    // name needs no unlock prompt. The default name counts records only; keys alone have none.
    if (m_change) {
        Result probe;
        probe.keys = LocalApiKeys(m_recordsBefore, {});
        if (!m_change(&probe) && probe.outcome == Outcome::BadName) {
            m_result = probe;
            finish();
            return;
        }
    }
    connect(m_secrets->read(Credentials::apiKeysSecret()), &SecretJob::finished, this, &LocalKeysJob::onRead);
}

void LocalKeysJob::onRead(const SecretResult& read)
{
    m_result.keychainRead = read.ok() || read.status == SecretResult::Status::NotFound;
    m_keysBefore = read.ok() ? Credentials::splitStoredKeys(read.value) : QStringList();
    m_result.keys = LocalApiKeys(m_recordsBefore, m_keysBefore);
    if (!m_result.keychainRead) {
        m_result.outcome = Outcome::ReadFailed;
        m_result.message = read.message;
        finish();
        return;
    }
    if (!m_change) {
        finish();
        return;
    }
    if (!m_change(&m_result)) {
        m_result.keys = LocalApiKeys(m_recordsBefore, m_keysBefore);
        m_result.newKey.clear();
        finish();
        return;
    }
    const QStringList stored = m_result.keys.keychainKeys();
    if (stored == m_keysBefore) { // a record whose key was gone already: only the settings change
        SecretResult unchanged;
        unchanged.status = SecretResult::Status::Ok;
        onWritten(unchanged);
        return;
    }
    SecretJob* job = stored.isEmpty()
        ? m_secrets->remove(Credentials::apiKeysSecret())
        : m_secrets->write(Credentials::apiKeysSecret(), Credentials::joinStoredKeys(stored));
    connect(job, &SecretJob::finished, this, &LocalKeysJob::onWritten);
}

void LocalKeysJob::onWritten(const SecretResult& written)
{
    if (!written.ok() && written.status != SecretResult::Status::NotFound) {
        m_result.outcome = Outcome::WriteFailed;
        m_result.message = written.message;
        m_result.keys = LocalApiKeys(m_recordsBefore, m_keysBefore);
        m_result.newKey.clear();
        finish();
        return;
    }
    if (m_result.keys.records() != m_recordsBefore) {
        if (!m_settings) {
            m_result.outcome = Outcome::RecordsFailed;
            finish();
            return;
        }
        LocalApiKeys::writeRecords(*m_settings, m_result.keys.records());
        m_settings->sync();
        if (m_settings->status() != QSettings::NoError) {
            m_result.outcome = Outcome::RecordsFailed;
            m_result.message = m_settings->path();
        }
    }
    finish();
}

void LocalKeysJob::finish()
{
    Q_EMIT finished(m_result);
    deleteLater();
}

} // namespace flarechat
