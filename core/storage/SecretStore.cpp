#include "SecretStore.h"

#include "Settings.h"

#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

namespace flarechat {

Q_LOGGING_CATEGORY(lcSecrets, "flarechat.secrets")

namespace {

using Status = SecretResult::Status;

SecretResult fromKeychain(SecretBackend::Op op, QKeychain::Job* job)
{
    SecretResult r;
    r.key = job->key();
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = Status::Ok;
        if (op == SecretBackend::Op::Read) {
            if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(job))
                r.value = read->textData();
        }
        return r;
    case QKeychain::EntryNotFound:
        // Removing what is not there has reached its goal.
        r.status = op == SecretBackend::Op::Remove ? Status::Ok : Status::NotFound;
        return r;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        r.status = Status::AccessDenied;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        // libsecret reports "no D-Bus session" and "no Secret Service" as OtherError.
        r.status = Status::Unavailable;
        break;
    }
    r.message = job->errorString();
    return r;
}

QString advice()
{
    return QStringLiteral("FlareChat keeps secrets in the system keychain (Secret Service such as GNOME Keyring or "
                          "KWallet, macOS Keychain, Windows Credential Manager). Start or unlock it, or choose to "
                          "store secrets in the settings file in plain text.");
}

} // namespace

void KeychainBackend::start(Op op, const QString& service, const QString& key, const QString& value, QObject* context,
    std::function<void(SecretResult)> done)
{
    QKeychain::Job* job = nullptr;
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Op::Write: {
        auto* write = new QKeychain::WritePasswordJob(service);
        write->setTextData(value);
        job = write;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    // No parent and auto-delete: libsecret's callbacks hold a raw pointer to the job, so it must
    // outlive an operation even when our SecretJob has given up on it.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
        [op, done = std::move(done)](QKeychain::Job* j) { done(fromKeychain(op, j)); });
    job->start();
}

SecretJob::SecretJob(SecretStore* store, SecretBackend::Op op, const QString& key, const QString& value)
    : QObject(store)
    , m_store(store)
    , m_op(op)
    , m_key(key)
    , m_value(value)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        SecretResult r;
        r.key = m_key;
        r.status = Status::TimedOut;
        onBackend(r);
    });
    QMetaObject::invokeMethod(this, &SecretJob::start, Qt::QueuedConnection);
}

void SecretJob::start()
{
    m_timeout.start(m_store->m_timeoutMs);
    m_store->m_backend->start(
        m_op, m_store->m_service, m_key, m_value, this, [this](SecretResult r) { onBackend(std::move(r)); });
}

void SecretJob::onBackend(SecretResult result)
{
    if (m_done)
        return;
    m_timeout.stop();
    result.key = m_key;
    if (result.status == Status::Unavailable || result.status == Status::TimedOut) {
        if (m_store && m_store->allowsInsecureFallback()) {
            finish(fallback(result));
            return;
        }
        const QString why = result.status == Status::TimedOut
            ? QStringLiteral("The keychain did not answer within %1 s.").arg(m_store ? m_store->m_timeoutMs / 1000 : 0)
            : QStringLiteral("No keychain answered (%1).")
                  .arg(result.message.isEmpty() ? QStringLiteral("no backend") : result.message);
        result.message = why + QLatin1Char(' ') + advice();
        if (m_op == SecretBackend::Op::Remove && m_store && m_store->m_fallbackSettings)
            m_store->m_fallbackSettings->remove(m_store->fallbackKey(m_key));
        finish(result);
        return;
    }

    QSettings* settings = m_store ? m_store->m_fallbackSettings.data() : nullptr;
    switch (m_op) {
    case SecretBackend::Op::Read:
        // Stored in plain text while the keychain was away, and the user still allows that.
        if (result.status == Status::NotFound && m_store && m_store->allowsInsecureFallback()
            && settings->contains(m_store->fallbackKey(m_key))) {
            finish(fallback(result));
            return;
        }
        break;
    case SecretBackend::Op::Write:
    case SecretBackend::Op::Remove:
        // The keychain has it (or it is gone): no plain-text copy may stay behind.
        if (settings && (result.ok() || result.status == Status::NotFound))
            settings->remove(m_store->fallbackKey(m_key));
        break;
    }
    if (result.status == Status::AccessDenied)
        result.message = QStringLiteral("Access to the keychain was denied (%1).").arg(result.message);
    else if (result.status == Status::NotFound)
        result.message = QStringLiteral("Nothing is stored in the keychain under \"%1\".").arg(m_key);
    finish(result);
}

SecretResult SecretJob::fallback(const SecretResult& keychain)
{
    QSettings* settings = m_store->m_fallbackSettings.data();
    const QString name = m_store->fallbackKey(m_key);
    SecretResult r;
    r.key = m_key;
    r.insecure = true;
    r.status = Status::Ok;
    switch (m_op) {
    case SecretBackend::Op::Read:
        if (settings->contains(name))
            r.value = settings->value(name).toString();
        else
            r.status = Status::NotFound;
        break;
    case SecretBackend::Op::Write:
        settings->setValue(name, m_value);
        break;
    case SecretBackend::Op::Remove:
        settings->remove(name);
        break;
    }
    settings->sync();
    if (settings->status() != QSettings::NoError) {
        r.status = Status::Unavailable;
        r.message
            = QStringLiteral("Neither the keychain nor the settings file %1 could be used.").arg(settings->fileName());
        return r;
    }
    const QString reason = keychain.status == Status::TimedOut ? QStringLiteral("the keychain did not answer")
        : keychain.status == Status::NotFound                  ? QStringLiteral("it was stored there earlier")
                                                               : QStringLiteral("no keychain answered");
    r.message
        = QStringLiteral("Used the settings file %1 in plain text, because %2.").arg(settings->fileName(), reason);
    // Never silent: a warning (the key's name, never its value) and a signal for the window.
    qCWarning(lcSecrets).noquote() << "secret" << m_key << "served from the settings file in plain text:" << reason;
    Q_EMIT m_store->insecureFallbackUsed(m_key);
    return r;
}

void SecretJob::finish(SecretResult result)
{
    m_done = true;
    Q_EMIT finished(result);
    deleteLater();
}

SecretStore::SecretStore(const QString& service, QObject* parent)
    : SecretStore(std::make_unique<KeychainBackend>(), service, parent)
{
}

SecretStore::SecretStore(std::unique_ptr<SecretBackend> backend, const QString& service, QObject* parent)
    : QObject(parent)
    , m_backend(std::move(backend))
    , m_service(service)
{
    qRegisterMetaType<SecretResult>();
}

SecretStore::~SecretStore() = default;

void SecretStore::setAllowInsecureFallback(bool allow, QSettings* settings)
{
    m_allowFallback = allow;
    if (settings)
        m_fallbackSettings = settings;
}

bool SecretStore::useSettingsFileIfAgreed(const Settings& settings)
{
    if (!settings.value(Settings::Key::SecretsInSettingsFile).toBool())
        return false;
    if (!allowsInsecureFallback()) {
        // A second QSettings on the same file shares its data with Settings' own within the process.
        setAllowInsecureFallback(true, new QSettings(settings.path(), QSettings::IniFormat, this));
    }
    return true;
}

QString SecretStore::fallbackKey(const QString& key) const
{
    // QSettings would read '/' as groups; keep each secret one flat entry.
    QString flat = key;
    flat.replace(QLatin1Char('/'), QLatin1Char('.'));
    return QStringLiteral("InsecureSecrets/%1/%2").arg(m_service, flat);
}

SecretJob* SecretStore::read(const QString& key)
{
    return new SecretJob(this, SecretBackend::Op::Read, key, {});
}

SecretJob* SecretStore::write(const QString& key, const QString& value)
{
    return new SecretJob(this, SecretBackend::Op::Write, key, value);
}

SecretJob* SecretStore::remove(const QString& key)
{
    return new SecretJob(this, SecretBackend::Op::Remove, key, {});
}

} // namespace flarechat
