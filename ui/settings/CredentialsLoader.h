#pragma once

#include "config/Credentials.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>

namespace flarechat {

class SecretStore;
class Settings;

// Resolves the window's credentials as `flarechat serve` does (command line, then environment,
// then settings and keychain), reading the keychain asynchronously: the API token (unless the
// command line or environment gives one), the local API keys, the AI Gateway token and the proxy
// password, one after the other (a locked keyring asks once). A load() started while another runs
// supersedes it.
class CredentialsLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsLoader)

public:
    CredentialsLoader(Settings* settings, SecretStore* secrets, QObject* parent = nullptr);
    ~CredentialsLoader() override;

    void setSources(const Credentials::Overrides& overrides, const QProcessEnvironment& environment);
    const Credentials::Overrides& overrides() const { return m_overrides; }
    const QProcessEnvironment& environment() const { return m_environment; }

    void load();
    // A token the user chose not to store (no keychain, and no to the settings file): used by
    // every later load() of this session in place of the keychain's, which has none.
    void setSessionApiToken(const QString& token) { m_sessionToken = token; }
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_loaded; }
    // What the last finished load resolved, or (before the first) what the command line and the
    // environment give without the keychain.
    const Credentials& credentials() const { return m_credentials; }
    // Why the keychain could not be read in the last load (never a secret), or empty.
    QString keychainProblem() const { return m_problem; }

Q_SIGNALS:
    void loaded();

private:
    void readNext(quint64 generation);

    Settings* m_settings;
    SecretStore* m_secrets;
    Credentials::Overrides m_overrides;
    QProcessEnvironment m_environment;
    Credentials m_credentials;
    Credentials::Stored m_stored;
    QStringList m_pending; // secret names still to read in this load
    QString m_problem;
    QString m_sessionToken;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
};

} // namespace flarechat
