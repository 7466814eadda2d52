#pragma once

#include "server/ApiServer.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace flarechat {

class Credentials;
class Settings;

// The local API server's configuration as `flarechat serve` and the window's toggle both build
// it: the settings (Settings::Key::Server*, ReasoningInline), what the command line overrides,
// the resolved credentials (the local API keys) and the engine's configuration (EngineConfig).
namespace ServerConfig {

// What `serve`'s options override; unset: the settings' value.
struct Overrides
{
    std::optional<QString> bind;
    std::optional<quint16> port;
    bool noAuth = false; // waive the key (AccessPolicy still allows that on loopback only)
    bool inlineReasoning = false; // reasoning in <think> tags even if the setting is off
    std::optional<QStringList> corsOrigins; // --allowed-origin: replaces Settings::Key::ServerCorsOrigins
    std::optional<QStringList> allowedHosts; // --allowed-host: replaces Settings::Key::ServerAllowedHosts
    QString logPath; // empty: ApiServer::defaultLogPath()
};

// "localhost" or an IP address (IPv6 with or without brackets); a null address otherwise.
QHostAddress parseAddress(const QString& text);

// Fills *config. False, with a message for the user in *error, when the bind address is not an
// IP address or the port is out of range. Whether the address may be served without a key is
// ApiServer::start()'s decision.
bool build(const Settings& settings, const Credentials& credentials, const Overrides& overrides,
    ApiServer::Config* config, QString* error = nullptr);

// The base URL clients use: "http://127.0.0.1:8787/v1", "http://[::1]:8787/v1". A server on
// every address (0.0.0.0, ::) is shown at 127.0.0.1, which reaches it from this machine.
QString baseUrl(const QHostAddress& address, quint16 port);

} // namespace ServerConfig
} // namespace flarechat
