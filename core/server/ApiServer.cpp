#include "ApiServer.h"

#include "server/PortOwner.h"

#include "engine/Engine.h"

#include <QMutex>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace flarechat {

// The router on the server thread, for reconfigure() on this one: set before start() returns,
// cleared (under the mutex) as the router is destroyed, so a posted call never finds it gone.
struct ApiServer::Live
{
    QMutex mutex;
    ApiRouter* router = nullptr;
};

namespace {

bool sameListening(const HttpServer::Config& a, const HttpServer::Config& b)
{
    const HttpRequestParser::Limits& x = a.parser;
    const HttpRequestParser::Limits& y = b.parser;
    return a.address == b.address && a.port == b.port && x.maxRequestLine == y.maxRequestLine
        && x.maxHeaderBytes == y.maxHeaderBytes && x.maxHeaders == y.maxHeaders && x.maxBodyBytes == y.maxBodyBytes
        && x.maxChunkLine == y.maxChunkLine && x.maxChunkExtensions == y.maxChunkExtensions
        && a.headerTimeoutMs == b.headerTimeoutMs && a.idleTimeoutMs == b.idleTimeoutMs
        && a.maxConnections == b.maxConnections && a.retryAfterSeconds == b.retryAfterSeconds
        && a.highWaterBytes == b.highWaterBytes && a.lowWaterBytes == b.lowWaterBytes
        && a.maxBufferedBytes == b.maxBufferedBytes && a.maxPipelined == b.maxPipelined && a.lingerMs == b.lingerMs
        && a.listenBacklog == b.listenBacklog && a.shutdownFlushMs == b.shutdownFlushMs;
}

} // namespace

ApiServer::ApiServer(QObject* parent)
    : QObject(parent)
{
}

ApiServer::~ApiServer()
{
    stop();
}

bool ApiServer::start(const Config& input, QString* error)
{
    m_startFailure = StartFailure::None;
    if (isRunning()) {
        m_startFailure = StartFailure::AlreadyRunning;
        if (error)
            *error = tr("The API server is already running.");
        return false;
    }
    Config config = input;
    const std::optional<AccessPolicy> valid = policyFor(config, error);
    if (!valid)
        return false;
    const AccessPolicy policy = *valid;

    m_log = std::make_unique<RequestLog>(config.logPath, config.logMaxBytes);
    connect(m_log.get(), &RequestLog::recorded, this, &ApiServer::requestLogged);
    RequestLog* log = m_log.get();

    m_thread = std::make_unique<HttpServerThread>();
    auto live = std::make_shared<Live>();
    const bool ok = m_thread->start(config.http, [config, policy, log, live]() -> HttpHandler* {
        // Runs on the server thread: the engine's network managers belong to it.
        auto* engine = new Engine;
        engine->configure(config.engine);
        auto* router = new ApiRouter(engine, policy, config.router);
        engine->setParent(router);
        router->setRecorder([log](const RequestLogRecord& r) { log->record(r); });
        live->router = router;
        QObject::connect(router, &QObject::destroyed, router, [live] {
            const QMutexLocker lock(&live->mutex);
            live->router = nullptr;
        });
        return router;
    });
    if (!ok) {
        // The server thread reports a message only; listening here once more tells its cause.
        QTcpServer probe;
        const bool probeListens = probe.listen(config.http.address, config.http.port);
        const QAbstractSocket::SocketError cause
            = probeListens ? QAbstractSocket::UnknownSocketError : probe.serverError();
        probe.close();
        const QString where = QStringLiteral("%1:%2").arg(config.http.address.toString()).arg(config.http.port);
        QString message;
        switch (cause) {
        case QAbstractSocket::AddressInUseError:
            m_startFailure = StartFailure::PortInUse;
            if (const QString owner = PortOwner::describe(config.http.port); !owner.isEmpty()) {
                message = tr("Could not listen on %1: port %2 is in use by %3. Choose another port, or stop that "
                             "program.")
                              .arg(where)
                              .arg(config.http.port)
                              .arg(owner);
            } else {
                message = tr("Could not listen on %1: port %2 is in use by another program. Choose another port.")
                              .arg(where)
                              .arg(config.http.port);
            }
            break;
        case QAbstractSocket::SocketAccessError:
            m_startFailure = StartFailure::PortAccess;
            message = tr("Could not listen on %1: ports below 1024 need administrator rights. Choose a port above "
                         "1023.")
                          .arg(where);
            break;
        case QAbstractSocket::SocketAddressNotAvailableError:
            m_startFailure = StartFailure::AddressUnavailable;
            message = tr("Could not listen on %1: %2 is not an address of this computer.")
                          .arg(where, config.http.address.toString());
            break;
        default:
            m_startFailure = StartFailure::Other;
            message = tr("Could not listen on %1: %2").arg(where, m_thread->errorString());
            break;
        }
        if (error)
            *error = message;
        m_thread.reset();
        return false;
    }
    m_live = live;
    m_config = config;
    // The thread ends by itself only after shutdown(); stop() ends it otherwise (and bumps the
    // generation, so this queued notice is then ignored).
    const quint64 generation = ++m_generation;
    connect(
        m_thread->thread(), &QThread::finished, this,
        [this, generation] {
            if (generation != m_generation || !m_thread)
                return;
            m_thread->stop(5000); // already over: only joins
            m_thread.reset();
            ++m_generation;
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
    return true;
}

std::optional<AccessPolicy> ApiServer::policyFor(Config& config, QString* error)
{
    config.access.bind = config.http.address;
    AccessPolicy policy(config.access, config.keys);
    const QString invalid = policy.validate();
    if (!invalid.isEmpty()) {
        m_startFailure = StartFailure::Config;
        if (error)
            *error = invalid;
        return std::nullopt;
    }
    return policy;
}

bool ApiServer::canReconfigure(const Config& config) const
{
    if (!isRunning() || !m_live)
        return false;
    HttpServer::Config http = config.http;
    if (http.port != 0 && http.port == port())
        http.port = m_config.http.port; // the port it got when started on "any" (0)
    return sameListening(http, m_config.http) && config.logPath == m_config.logPath
        && config.logMaxBytes == m_config.logMaxBytes;
}

bool ApiServer::reconfigure(const Config& input, QString* error)
{
    if (!canReconfigure(input)) {
        m_startFailure = StartFailure::Config;
        if (error)
            *error = tr("The API server must restart to listen elsewhere.");
        return false;
    }
    Config config = input;
    const std::optional<AccessPolicy> valid = policyFor(config, error);
    if (!valid)
        return false;
    const AccessPolicy policy = *valid;
    m_startFailure = StartFailure::None;
    config.http = m_config.http; // listening as before (canReconfigure())
    m_config = config;
    const QMutexLocker lock(&m_live->mutex);
    ApiRouter* router = m_live->router;
    if (!router)
        return true; // the server thread is ending: nothing left to configure
    // On the server thread, in its turn: a request handled before this keeps the old rules.
    // (A router destroyed after this takes its posted call with it.)
    QMetaObject::invokeMethod(
        router,
        [router, policy, config] {
            router->setPolicy(policy);
            router->setOptions(config.router);
            Engine* engine = router->engine();
            engine->configure(config.engine);
        },
        Qt::QueuedConnection);
    return true;
}

void ApiServer::shutdown(int graceMs)
{
    if (m_thread)
        m_thread->shutdown(graceMs);
}

void ApiServer::shutdownNow()
{
    if (m_thread)
        m_thread->shutdownNow();
}

QString ApiServer::defaultLogPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/requests.log");
}

bool ApiServer::stop(int timeoutMs)
{
    if (!m_thread)
        return true;
    ++m_generation;
    const bool ok = m_thread->stop(timeoutMs);
    m_thread.reset();
    return ok;
}

bool ApiServer::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

quint16 ApiServer::port() const
{
    return m_thread ? m_thread->serverPort() : 0;
}

QHostAddress ApiServer::address() const
{
    return m_thread ? m_thread->serverAddress() : QHostAddress();
}

} // namespace flarechat
