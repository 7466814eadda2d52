#pragma once

#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QSettings>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

namespace flarechat {

class Settings;

// The outcome of one keychain operation. `message` is for the user and never holds the secret.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound, // read: nothing stored under the key
        Unavailable, // no keychain answered (no Secret Service, no D-Bus session, backend error)
        AccessDenied, // the user refused, or left the keyring locked: never worked around
        TimedOut, // the keychain did not answer in time
    };
    Status status = Status::Unavailable;
    QString key;
    QString value; // read only
    QString message; // empty when Ok and not insecure
    bool insecure = false; // served by the plain-text settings fallback
    bool ok() const { return status == Status::Ok; }
};

// The seam between SecretStore and a keychain: QtKeychain in the application, a scripted fake
// in tests. start() calls `done` at most once, and only while `context` is alive; it may never
// call it when the keyring hangs (SecretStore's timeout covers that).
class SecretBackend
{
public:
    enum class Op { Read, Write, Remove };
    virtual ~SecretBackend() = default;
    virtual void start(Op op, const QString& service, const QString& key, const QString& value, QObject* context,
        std::function<void(SecretResult)> done)
        = 0;
};

// QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows), with
// QtKeychain's own insecure fallback off: falling back is SecretStore's explicit decision.
class KeychainBackend final : public SecretBackend
{
public:
    void start(Op op, const QString& service, const QString& key, const QString& value, QObject* context,
        std::function<void(SecretResult)> done) override;
};

// One read, write or remove. Starts by itself once control returns to the event loop (connect
// to finished() right after creating it), emits finished() exactly once, then deletes itself.
class SecretJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretJob)

public:
    SecretBackend::Op op() const { return m_op; }
    QString key() const { return m_key; }

Q_SIGNALS:
    void finished(const flarechat::SecretResult& result);

private:
    friend class SecretStore;
    SecretJob(class SecretStore* store, SecretBackend::Op op, const QString& key, const QString& value);
    void start();
    void onBackend(SecretResult result);
    void finish(SecretResult result);
    SecretResult fallback(const SecretResult& keychain);

    QPointer<SecretStore> m_store;
    SecretBackend::Op m_op;
    QString m_key;
    QString m_value;
    QTimer m_timeout;
    bool m_done = false;
};

// FlareChat's secrets (Cloudflare API token, local API keys, proxy password) in the OS keychain,
// under service "FlareChat". Never blocks: every operation is a SecretJob with a timeout. When
// no keychain answers, the default is to fail with a message saying so; storing in the settings
// file is an explicit opt-in (setAllowInsecureFallback) the UI offers only after telling the
// user, and every operation it serves is flagged `insecure` and announced by a signal.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    static QString defaultService() { return QStringLiteral("FlareChat"); }
    static constexpr int DefaultTimeoutMs = 30000; // long enough for the user to type an unlock password

    explicit SecretStore(const QString& service = defaultService(), QObject* parent = nullptr);
    SecretStore(std::unique_ptr<SecretBackend> backend, const QString& service, QObject* parent = nullptr);
    ~SecretStore() override;

    QString service() const { return m_service; }
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    // Opt in to (allow = true) or out of the plain-text fallback. `settings` (not owned) holds
    // the secrets under the group "InsecureSecrets/<service>"; it must be given to opt in.
    void setAllowInsecureFallback(bool allow, QSettings* settings = nullptr);
    bool allowsInsecureFallback() const { return m_allowFallback && m_fallbackSettings; }
    // The user's yes to the fallback, kept in `settings` (Settings::Key::SecretsInSettingsFile) by
    // the window: with it, secrets the keychain cannot take go to (and are read from) that file, in
    // every process that reads them — the window, `serve`, `ask`, `key`. False when not agreed.
    bool useSettingsFileIfAgreed(const Settings& settings);

    SecretJob* read(const QString& key);
    SecretJob* write(const QString& key, const QString& value);
    SecretJob* remove(const QString& key);

Q_SIGNALS:
    // A secret was read from or written to the settings file in plain text.
    void insecureFallbackUsed(const QString& key);

private:
    friend class SecretJob;
    QString fallbackKey(const QString& key) const;

    std::unique_ptr<SecretBackend> m_backend;
    QString m_service;
    int m_timeoutMs = DefaultTimeoutMs;
    bool m_allowFallback = false;
    QPointer<QSettings> m_fallbackSettings;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::SecretResult)
