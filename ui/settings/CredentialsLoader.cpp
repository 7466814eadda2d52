#include "CredentialsLoader.h"

#include "storage/SecretStore.h"
#include "storage/Settings.h"

namespace flarechat {

CredentialsLoader::CredentialsLoader(Settings* settings, SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
}

CredentialsLoader::~CredentialsLoader() = default;

void CredentialsLoader::setSources(const Credentials::Overrides& overrides, const QProcessEnvironment& environment)
{
    m_overrides = overrides;
    m_environment = environment;
    if (!m_loaded)
        m_credentials = Credentials::resolve(m_overrides, m_environment, *m_settings, {});
}

void CredentialsLoader::load()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_stored = {};
    m_problem.clear();
    m_pending.clear();
    if (Credentials::needsStoredToken(m_overrides, m_environment))
        m_pending.append(Credentials::apiTokenSecret());
    m_pending << Credentials::apiKeysSecret() << Credentials::gatewayTokenSecret()
              << Credentials::proxyPasswordSecret();
    readNext(generation);
}

void CredentialsLoader::readNext(quint64 generation)
{
    if (generation != m_generation)
        return; // a newer load() took over
    if (m_pending.isEmpty()) {
        if (m_stored.apiToken.isEmpty())
            m_stored.apiToken = m_sessionToken;
        m_credentials = Credentials::resolve(m_overrides, m_environment, *m_settings, m_stored);
        m_loading = false;
        m_loaded = true;
        Q_EMIT loaded();
        return;
    }
    const QString name = m_pending.takeFirst();
    SecretJob* job = m_secrets->read(name);
    connect(job, &SecretJob::finished, this, [this, generation, name](const SecretResult& r) {
        if (generation != m_generation)
            return;
        if (r.ok()) {
            if (name == Credentials::apiTokenSecret())
                m_stored.apiToken = r.value;
            else if (name == Credentials::apiKeysSecret())
                m_stored.apiKeys = Credentials::splitStoredKeys(r.value);
            else if (name == Credentials::gatewayTokenSecret())
                m_stored.gatewayToken = r.value;
            else if (name == Credentials::proxyPasswordSecret())
                m_stored.proxyPassword = r.value;
        } else if (r.status != SecretResult::Status::NotFound && m_problem.isEmpty()) {
            m_problem = r.message;
            // A keychain that fails once fails for the rest: do not make the user wait for each.
            if (r.status == SecretResult::Status::TimedOut || r.status == SecretResult::Status::AccessDenied)
                m_pending.clear();
        }
        readNext(generation);
    });
}

} // namespace flarechat
