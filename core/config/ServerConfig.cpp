#include "ServerConfig.h"

#include "anthropic/ClaudeModelMap.h"

#include "config/Credentials.h"
#include "config/EngineConfig.h"
#include "storage/Settings.h"

#include <QCoreApplication>

namespace flarechat::ServerConfig {

QHostAddress parseAddress(const QString& text)
{
    QString s = text.trimmed();
    if (s.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']')))
        s = s.mid(1, s.size() - 2);
    return s.isEmpty() ? QHostAddress() : QHostAddress(s);
}

bool build(const Settings& settings, const Credentials& credentials, const Overrides& overrides,
    ApiServer::Config* config, QString* error)
{
    using K = Settings::Key;
    const QString bindText = overrides.bind ? *overrides.bind : settings.value(K::ServerBind).toString();
    const QHostAddress address = parseAddress(bindText);
    if (address.isNull()) {
        if (error)
            *error = QCoreApplication::translate("ServerConfig", "The bind address '%1' is not an IP address.")
                         .arg(bindText);
        return false;
    }
    const int port = overrides.port ? int(*overrides.port) : settings.value(K::ServerPort).toInt();
    if (port < 0 || port > 65535) {
        if (error)
            *error
                = QCoreApplication::translate("ServerConfig", "The port %1 is not a number from 0 to 65535.").arg(port);
        return false;
    }
    config->http.address = address;
    config->http.port = static_cast<quint16>(port);
    config->http.parser.maxBodyBytes = qint64(settings.value(K::ServerMaxBodyMiB).toInt()) * 1024 * 1024;
    config->access.bind = address;
    config->access.requireKey = !overrides.noAuth && settings.value(K::ServerRequireKey).toBool();
    config->access.allowedHosts
        = overrides.allowedHosts ? *overrides.allowedHosts : settings.value(K::ServerAllowedHosts).toStringList();
    config->access.corsOrigins
        = overrides.corsOrigins ? *overrides.corsOrigins : settings.value(K::ServerCorsOrigins).toStringList();
    config->keys = ApiKeyVerifier(credentials.localKeys());
    config->router.inlineReasoning = overrides.inlineReasoning || settings.value(K::ReasoningInline).toBool();
    config->router.claudeModels = ClaudeModelMap::fromSetting(settings.value(K::ServerClaudeModels).toStringList());
    config->engine = EngineConfig::build(settings, credentials);
    config->logPath = overrides.logPath.isEmpty() ? ApiServer::defaultLogPath() : overrides.logPath;
    config->logMaxBytes = qint64(settings.value(K::ServerLogMaxMiB).toInt()) * 1024 * 1024;
    return true;
}

QString baseUrl(const QHostAddress& address, quint16 port)
{
    QString host;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address.isNull())
        host = QStringLiteral("127.0.0.1");
    else if (address == QHostAddress::AnyIPv6)
        host = QStringLiteral("[::1]");
    else if (address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QStringLiteral("[%1]").arg(address.toString());
    else
        host = address.toString();
    return QStringLiteral("http://%1:%2/v1").arg(host).arg(port);
}

} // namespace flarechat::ServerConfig
