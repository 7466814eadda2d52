#pragma once

#include "workersai/Endpoint.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace flarechat {

class Settings;

// Where the Workers AI endpoint, its credentials and the local API keys come from, in the
// DESIGN's order: command line, then environment (the names wrangler uses), then settings and
// the keychain. Pure: the caller reads the keychain (asynchronously, through SecretStore) and
// passes what it found, so the window and `flarechat serve` resolve exactly alike and tests use
// a fake environment. Each value remembers its source for `serve` to print, never the secret.
// The one file access: a secret the environment names a file for (CLOUDFLARE_API_TOKEN_FILE,
// FLARECHAT_API_KEYS_FILE, as the system service passes them) is read from that file.
class Credentials final
{
public:
    // Values given on the command line; empty = not given.
    struct Overrides
    {
        QString accountId;
        QString apiToken;
        QString apiBase;
        QStringList apiKeys; // --api-key, repeatable
    };

    // Secrets the caller read from SecretStore under the names below; empty = none stored.
    struct Stored
    {
        QString apiToken;
        QStringList apiKeys;
        QString gatewayToken;
        QString proxyPassword;
    };

    enum class Field { AccountId, ApiToken, ApiBase, LocalKeys };
    enum class Source { Unset, CommandLine, Environment, Settings, Keychain, Default };

    // Environment variables (as documented for users).
    static QString accountIdVariable() { return QStringLiteral("CLOUDFLARE_ACCOUNT_ID"); }
    static QString apiTokenVariable() { return QStringLiteral("CLOUDFLARE_API_TOKEN"); }
    static QString apiBaseVariable() { return QStringLiteral("FLARECHAT_API_BASE"); }
    static QString apiKeysVariable() { return QStringLiteral("FLARECHAT_API_KEYS"); }
    // The same secrets read from a file (systemd credentials, Docker/Kubernetes secrets): used
    // when the variable itself is not set. The token file holds the token (surrounding white
    // space ignored); the keys file holds keys separated by commas or new lines.
    static QString apiTokenFileVariable() { return apiTokenVariable() + QStringLiteral("_FILE"); }
    static QString apiKeysFileVariable() { return apiKeysVariable() + QStringLiteral("_FILE"); }
    static constexpr qint64 maxSecretFileBytes = 64 * 1024;

    // SecretStore key names.
    static QString apiTokenSecret() { return QStringLiteral("cloudflare/api_token"); }
    static QString apiKeysSecret() { return QStringLiteral("server/api_keys"); } // newline-separated
    static QString gatewayTokenSecret() { return QStringLiteral("cloudflare/gateway_token"); }
    static QString proxyPasswordSecret() { return QStringLiteral("network/proxy_password"); }
    static QStringList splitStoredKeys(const QString& stored);
    static QString joinStoredKeys(const QStringList& keys);

    // True when neither the command line nor the environment gives the token, so the caller has
    // to read the keychain (and may skip it otherwise: no keyring prompt for headless use). The
    // local keys have no such rule: the keychain's (`flarechat key new`) are accepted in addition
    // to those of the command line or environment, so a caller serving the API always reads them.
    static bool needsStoredToken(const Overrides& cli, const QProcessEnvironment& env);

    static Credentials resolve(
        const Overrides& cli, const QProcessEnvironment& env, const Settings& settings, const Stored& stored);
    // The endpoint alone, for callers that only have the stored token.
    static Endpoint resolveEndpoint(
        const Overrides& cli, const QProcessEnvironment& env, const Settings& settings, const QString& storedToken);

    const Endpoint& endpoint() const { return m_endpoint; }
    // The keys the local API accepts: those of the command line (else of the environment), and
    // the keychain's. source(LocalKeys) names the first of these that gave any.
    const QStringList& localKeys() const { return m_localKeys; }
    int keychainKeyCount() const { return m_keychainKeys; } // of localKeys(), those only the keychain gave
    Source source(Field field) const;
    static QString sourceName(Source source);

    // Problems that make the endpoint unusable (a malformed API base, a missing account id or
    // token), one readable sentence each, naming where to set the value. Never a secret.
    QStringList problems() const;
    bool isUsable() const { return problems().isEmpty(); }
    // Lines for `flarechat serve` to print: each value's source; the account id and API base
    // in full, the token and keys only as "set" and a count.
    QStringList describe() const;

private:
    Endpoint m_endpoint;
    QStringList m_localKeys;
    Source m_accountId = Source::Unset;
    Source m_apiToken = Source::Unset;
    Source m_apiBase = Source::Default;
    Source m_localKeysSource = Source::Unset;
    int m_keychainKeys = 0;
    QString m_apiBaseError;
    QString m_apiTokenVariable; // the variable that gave the token, when the environment did
    QString m_localKeysVariable;
    QStringList m_fileErrors; // secret files named by the environment that could not be read
};

} // namespace flarechat
