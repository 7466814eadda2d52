#include "ApiServer.h"

#include "engine/Engine.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

namespace flarechat {

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
    config.access.bind = config.http.address;
    const AccessPolicy policy(config.access, config.keys);
    const QString invalid = policy.validate();
    if (!invalid.isEmpty()) {
        m_startFailure = StartFailure::Config;
        if (error)
            *error = invalid;
        return false;
    }

    m_log = std::make_unique<RequestLog>(config.logPath, config.logMaxBytes);
    connect(m_log.get(), &RequestLog::recorded, this, &ApiServer::requestLogged);
    RequestLog* log = m_log.get();

    m_thread = std::make_unique<HttpServerThread>();
    const bool ok = m_thread->start(config.http, [config, policy, log]() -> HttpHandler* {
        // Runs on the server thread: the engine's network managers belong to it.
        auto* engine = new Engine;
        engine->setEndpoint(config.endpoint);
        engine->setOptions(config.client);
        engine->setCatalog(config.catalog);
        auto* router = new ApiRouter(engine, policy, config.router);
        engine->setParent(router);
        router->setRecorder([log](const RequestLogRecord& r) { log->record(r); });
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
            message = tr("Could not listen on %1: port %2 is in use by another program. Choose another port.")
                          .arg(where)
                          .arg(config.http.port);
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
