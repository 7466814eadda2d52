#include "Credentials.h"

#include "storage/LocalApiKeys.h"
#include "storage/Settings.h"

#include <QFile>

namespace flarechat {

namespace {

QString envValue(const QProcessEnvironment& env, const QString& name)
{
    return env.value(name).trimmed();
}

// A usable base URL, or an explanation (the rule is Endpoint::checkBaseUrl()).
QString checkBase(const QString& text, QUrl* out)
{
    switch (Endpoint::checkBaseUrl(text)) {
    case Endpoint::Problem::None:
        break;
    case Endpoint::Problem::BaseUrlHasUserInfo:
        return QStringLiteral("The API base must not carry a user name or password; use an API token.");
    default:
        return QStringLiteral("The API base \"%1\" is not an http:// or https:// URL.").arg(text);
    }
    *out = QUrl(text, QUrl::StrictMode);
    return {};
}

// The value of `variable`, else the content of the file `variable`_FILE names. A file that cannot
// be read is an error naming the file and the reason, never its content.
QString envOrFile(const QProcessEnvironment& env, const QString& variable, const QString& fileVariable,
    QString* usedVariable, QStringList* errors)
{
    if (const QString direct = envValue(env, variable); !direct.isEmpty()) {
        *usedVariable = variable;
        return direct;
    }
    const QString path = envValue(env, fileVariable);
    if (path.isEmpty())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(
            QStringLiteral("%1 names %2, which cannot be read: %3.").arg(fileVariable, path, file.errorString()));
        return {};
    }
    const QByteArray content = file.read(Credentials::maxSecretFileBytes + 1);
    if (content.size() > Credentials::maxSecretFileBytes) {
        errors->append(QStringLiteral("%1 names %2, which is larger than %3 KiB: not a secret file.")
                           .arg(fileVariable, path)
                           .arg(Credentials::maxSecretFileBytes / 1024));
        return {};
    }
    const QString value = QString::fromUtf8(content).trimmed();
    if (value.isEmpty()) {
        errors->append(QStringLiteral("%1 names %2, which is empty.").arg(fileVariable, path));
        return {};
    }
    *usedVariable = fileVariable;
    return value;
}

Endpoint::ProxyMode proxyMode(const QString& text)
{
    const QString s = text.trimmed().toLower();
    if (s == QLatin1String("none"))
        return Endpoint::ProxyMode::None;
    if (s == QLatin1String("http"))
        return Endpoint::ProxyMode::Http;
    if (s == QLatin1String("socks5"))
        return Endpoint::ProxyMode::Socks5;
    return Endpoint::ProxyMode::System;
}

} // namespace

QStringList Credentials::splitStoredKeys(const QString& stored)
{
    QStringList keys;
    const QStringList lines = stored.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString key = line.trimmed();
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    return keys;
}

QString Credentials::joinStoredKeys(const QStringList& keys)
{
    return keys.join(QLatin1Char('\n'));
}

bool Credentials::needsStoredToken(const Overrides& cli, const QProcessEnvironment& env)
{
    return cli.apiToken.trimmed().isEmpty() && envValue(env, apiTokenVariable()).isEmpty()
        && envValue(env, apiTokenFileVariable()).isEmpty();
}

Credentials Credentials::resolve(
    const Overrides& cli, const QProcessEnvironment& env, const Settings& settings, const Stored& stored)
{
    using K = Settings::Key;
    Credentials c;
    Endpoint& e = c.m_endpoint;

    if (!cli.accountId.trimmed().isEmpty()) {
        e.accountId = cli.accountId.trimmed();
        c.m_accountId = Source::CommandLine;
    } else if (!envValue(env, accountIdVariable()).isEmpty()) {
        e.accountId = envValue(env, accountIdVariable());
        c.m_accountId = Source::Environment;
    } else if (const QString s = settings.value(K::CloudflareAccountId).toString().trimmed(); !s.isEmpty()) {
        e.accountId = s;
        c.m_accountId = Source::Settings;
    }

    if (!cli.apiToken.trimmed().isEmpty()) {
        e.apiToken = cli.apiToken.trimmed();
        c.m_apiToken = Source::CommandLine;
    } else if (const QString token
               = envOrFile(env, apiTokenVariable(), apiTokenFileVariable(), &c.m_apiTokenVariable, &c.m_fileErrors);
               !token.isEmpty()) {
        e.apiToken = token;
        c.m_apiToken = Source::Environment;
    } else if (!stored.apiToken.trimmed().isEmpty()) {
        e.apiToken = stored.apiToken.trimmed();
        c.m_apiToken = Source::Keychain;
    }

    // An API base from the command line or environment points everything at it (AI Gateway's
    // compatible URL, a relay, the fake server in tests), whatever endpoint the settings name.
    QString base;
    if (!cli.apiBase.trimmed().isEmpty()) {
        base = cli.apiBase.trimmed();
        c.m_apiBase = Source::CommandLine;
    } else if (!envValue(env, apiBaseVariable()).isEmpty()) {
        base = envValue(env, apiBaseVariable());
        c.m_apiBase = Source::Environment;
    }
    const QString kind = settings.value(K::EndpointKind).toString().trimmed().toLower();
    if (base.isEmpty() && kind == QLatin1String("custom")) {
        base = settings.value(K::ApiBase).toString().trimmed();
        c.m_apiBase = Source::Settings;
    }
    if (!base.isEmpty()) {
        QUrl url;
        c.m_apiBaseError = checkBase(base, &url);
        if (c.m_apiBaseError.isEmpty()) {
            e.kind = Endpoint::Kind::Custom;
            e.customBase = url;
        }
    } else if (kind == QLatin1String("gateway")) {
        e.kind = Endpoint::Kind::Gateway;
        e.gatewayId = settings.value(K::GatewayId).toString().trimmed();
        e.gatewayCacheTtl = qMax(0, settings.value(K::GatewayCacheTtl).toInt());
        e.gatewaySkipCache = settings.value(K::GatewaySkipCache).toBool();
        e.gatewayToken = stored.gatewayToken;
        c.m_apiBase = Source::Settings;
    }

    e.proxyMode = proxyMode(settings.value(K::ProxyMode).toString());
    e.proxyHost = settings.value(K::ProxyHost).toString().trimmed();
    const int port = settings.value(K::ProxyPort).toInt();
    e.proxyPort = port > 0 && port <= 65535 ? quint16(port) : quint16(0);
    e.proxyUser = settings.value(K::ProxyUser).toString();
    e.proxyPassword = stored.proxyPassword;

    const QStringList cliKeys = LocalApiKeys::parseList(cli.apiKeys.join(QLatin1Char(',')));
    const QStringList envKeys = LocalApiKeys::parseList(
        envOrFile(env, apiKeysVariable(), apiKeysFileVariable(), &c.m_localKeysVariable, &c.m_fileErrors)
            .replace(QLatin1Char('\n'), QLatin1Char(',')));
    if (!cliKeys.isEmpty()) {
        c.m_localKeys = cliKeys;
        c.m_localKeysSource = Source::CommandLine;
    } else if (!envKeys.isEmpty()) {
        c.m_localKeys = envKeys;
        c.m_localKeysSource = Source::Environment;
    }
    // Keys made with `flarechat key new` live in the keychain and are accepted in addition.
    for (const QString& key : LocalApiKeys::parseList(stored.apiKeys.join(QLatin1Char(',')))) {
        if (c.m_localKeys.contains(key))
            continue;
        c.m_localKeys.append(key);
        ++c.m_keychainKeys;
    }
    if (c.m_localKeysSource == Source::Unset && c.m_keychainKeys > 0)
        c.m_localKeysSource = Source::Keychain;
    return c;
}

Endpoint Credentials::resolveEndpoint(
    const Overrides& cli, const QProcessEnvironment& env, const Settings& settings, const QString& storedToken)
{
    Stored stored;
    stored.apiToken = storedToken;
    return resolve(cli, env, settings, stored).endpoint();
}

Credentials::Source Credentials::source(Field field) const
{
    switch (field) {
    case Field::AccountId:
        return m_accountId;
    case Field::ApiToken:
        return m_apiToken;
    case Field::ApiBase:
        return m_apiBase;
    case Field::LocalKeys:
        return m_localKeysSource;
    }
    return Source::Unset;
}

QString Credentials::sourceName(Source source)
{
    switch (source) {
    case Source::Unset:
        return QStringLiteral("not set");
    case Source::CommandLine:
        return QStringLiteral("command line");
    case Source::Environment:
        return QStringLiteral("environment");
    case Source::Settings:
        return QStringLiteral("settings");
    case Source::Keychain:
        return QStringLiteral("keychain");
    case Source::Default:
        return QStringLiteral("default");
    }
    return {};
}

QStringList Credentials::problems() const
{
    QStringList out = m_fileErrors;
    if (!m_apiBaseError.isEmpty())
        out.append(m_apiBaseError);
    if (m_endpoint.accountId.isEmpty())
        out.append(QStringLiteral("No Cloudflare account id: set it in Settings, in %1, or on the command line.")
                       .arg(accountIdVariable()));
    if (m_endpoint.apiToken.isEmpty())
        out.append(QStringLiteral("No Cloudflare API token: store it in Settings (kept in the keychain), set %1 "
                                  "(or %2 to a file holding it), or pass it on the command line.")
                       .arg(apiTokenVariable(), apiTokenFileVariable()));
    if (m_endpoint.kind == Endpoint::Kind::Gateway && m_endpoint.gatewayId.isEmpty())
        out.append(QStringLiteral("The endpoint is an AI Gateway but no gateway id is set."));
    return out;
}

QStringList Credentials::describe() const
{
    auto from = [](Source s, const QString& variable) {
        return s == Source::Environment ? QStringLiteral("environment (%1)").arg(variable) : sourceName(s);
    };
    QStringList lines;
    lines.append(QStringLiteral("account id: %1 (%2)")
                     .arg(m_endpoint.accountId.isEmpty() ? QStringLiteral("-") : m_endpoint.accountId,
                         from(m_accountId, accountIdVariable())));
    lines.append(QStringLiteral("API token: %1 (%2)")
                     .arg(m_endpoint.apiToken.isEmpty() ? QStringLiteral("missing") : QStringLiteral("set"),
                         from(m_apiToken, m_apiTokenVariable)));
    QString endpoint;
    switch (m_endpoint.kind) {
    case Endpoint::Kind::Direct:
        endpoint = Endpoint::defaultApiBase().toString();
        break;
    case Endpoint::Kind::Custom:
        endpoint = m_endpoint.customBase.toString(QUrl::RemoveUserInfo);
        break;
    case Endpoint::Kind::Gateway:
        endpoint = QStringLiteral("AI Gateway %1").arg(m_endpoint.gatewayId);
        break;
    }
    lines.append(QStringLiteral("API base: %1 (%2)").arg(endpoint, from(m_apiBase, apiBaseVariable())));
    QString keysFrom = from(m_localKeysSource, m_localKeysVariable);
    if (m_localKeysSource != Source::Keychain && m_keychainKeys > 0)
        keysFrom += QStringLiteral(", and %1 from the keychain").arg(m_keychainKeys);
    lines.append(QStringLiteral("local API keys: %1 (%2)").arg(QString::number(m_localKeys.size()), keysFrom));
    return lines;
}

} // namespace flarechat
