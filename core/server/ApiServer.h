#pragma once

#include "engine/Engine.h"
#include "server/AccessPolicy.h"
#include "server/ApiKeyVerifier.h"
#include "server/ApiRouter.h"
#include "server/HttpServer.h"
#include "server/RequestLog.h"

#include <QObject>

#include <memory>
#include <optional>

namespace flarechat {

// The local OpenAI-compatible API server as one piece: the HTTP transport on a thread of its
// own, with an Engine (and so its own network managers) and the API router living on that
// thread, and the request log. Used by the window's toggle and by `flarechat serve`.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    struct Config
    {
        HttpServer::Config http; // address, port, limits, timeouts
        AccessPolicy::Config access; // bind (kept equal to http.address), key rule, hosts, CORS
        ApiKeyVerifier keys;
        ApiRouter::Options router;
        Engine::Config engine; // Workers AI endpoint, client options, catalog
        QString logPath; // request log file; empty: signal only
        qint64 logMaxBytes = 5 * 1024 * 1024; // rotated to <file>.1 past this
    };

    static constexpr int DefaultShutdownGraceMs = 10'000;

    // Why the last start() failed, for a short status line (the message says it in full).
    enum class StartFailure {
        None,
        Config, // the address needs a key, or a required key has none to match
        AlreadyRunning,
        PortInUse, // another program listens there
        PortAccess, // a port below 1024 without the rights for it
        AddressUnavailable, // not an address of this machine
        Other,
    };

    explicit ApiServer(QObject* parent = nullptr);
    ~ApiServer() override;

    // Validates the configuration (a LAN address needs a key), then listens. On failure returns
    // false with a message for the user in *error.
    bool start(const Config& config, QString* error = nullptr);
    StartFailure lastStartFailure() const { return m_startFailure; }
    // Stops at once: open connections are dropped, their upstream requests cancelled.
    bool stop(int timeoutMs = 5000);

    // Whether reconfigure() can take this configuration: the server runs and listens where and
    // as the configuration says (address, port, request limits, timeouts, log file).
    bool canReconfigure(const Config& config) const;
    // Applies the rest of a configuration to the running server without a restart: credentials,
    // endpoint and proxy, keys, host and CORS rules, router and client options, the catalog.
    // Requests from then on use it; those in flight finish with what they started with. False
    // (with *error, lastStartFailure() Config) when canReconfigure() is false or the access
    // rules are invalid (a LAN address without a key); the server then runs on unchanged.
    bool reconfigure(const Config& config, QString* error = nullptr);

    // A clean stop, asynchronous (HttpServer::shutdown()): no new connections from now on, idle
    // ones closed; requests in flight get graceMs to finish. Then a stream still open gets an
    // error event ("The server is shutting down.", server_error), [DONE] and its last chunk, any
    // other request a 503 in OpenAI's shape, and their upstream requests are cancelled.
    // stopped() follows when it is all over.
    void shutdown(int graceMs = DefaultShutdownGraceMs);
    // Ends the grace period now (a second Ctrl+C): the same error events, best effort.
    void shutdownNow();

    bool isRunning() const;
    quint16 port() const;
    QHostAddress address() const;
    RequestLog* log() const { return m_log.get(); }
    static QString defaultLogPath(); // <AppLocalData>/requests.log

Q_SIGNALS:
    void requestLogged(const flarechat::RequestLogRecord& record);
    // After shutdown(): the server thread has ended and was joined; isRunning() is false.
    void stopped();

private:
    struct Live; // the router and engine on the server thread, for reconfigure()

    // The access rules of a configuration (its bind set to the listening address), or nullopt
    // with the reason in *error and lastStartFailure() Config (a LAN address without a key...).
    std::optional<AccessPolicy> policyFor(Config& config, QString* error);

    std::unique_ptr<HttpServerThread> m_thread;
    std::shared_ptr<Live> m_live;
    Config m_config; // what the running server was started or reconfigured with
    quint64 m_generation = 0; // which start() a queued "thread finished" belongs to
    std::unique_ptr<RequestLog> m_log;
    StartFailure m_startFailure = StartFailure::None;
};

} // namespace flarechat
