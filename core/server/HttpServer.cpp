#include "HttpServer.h"

#include "server/HttpConnection.h"
#include "server/HttpExchange.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

namespace flarechat {

Q_LOGGING_CATEGORY(lcHttpServer, "flarechat.server")

HttpServer::HttpServer(QObject* parent)
    : HttpServer(Config {}, parent)
{
}

HttpServer::HttpServer(const Config& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_listener(new QTcpServer(this))
    , m_shutdownTimer(new QTimer(this))
{
    connect(m_listener, &QTcpServer::newConnection, this, &HttpServer::acceptPending);
    m_shutdownTimer->setSingleShot(true);
    connect(m_shutdownTimer, &QTimer::timeout, this, [this] {
        if (m_shutdown == Shutdown::Draining)
            abortInFlight(m_config.shutdownFlushMs);
        else
            finishShutdown(); // the flush time is up
    });
}

HttpServer::~HttpServer()
{
    close();
}

void HttpServer::setConfig(const Config& config)
{
    m_config = config;
}

bool HttpServer::listen()
{
    return listen(m_config.address, m_config.port);
}

bool HttpServer::listen(const QHostAddress& address, quint16 port)
{
    if (m_listener->isListening())
        m_listener->close();
    m_listener->setListenBacklogSize(qMax(1, m_config.listenBacklog));
    if (!m_listener->listen(address, port)) {
        qCWarning(lcHttpServer) << "cannot listen on" << address << port << m_listener->errorString();
        return false;
    }
    qCInfo(lcHttpServer) << "listening on" << m_listener->serverAddress() << m_listener->serverPort();
    return true;
}

bool HttpServer::isListening() const
{
    return m_listener->isListening();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_listener->serverAddress();
}

quint16 HttpServer::serverPort() const
{
    return m_listener->serverPort();
}

QString HttpServer::errorString() const
{
    return m_listener->errorString();
}

void HttpServer::close()
{
    if (m_listener->isListening()) {
        m_listener->close();
        qCInfo(lcHttpServer) << "stopped listening";
    }
    // abort() says closed() at once, which takes the connection out of these lists.
    const QList<HttpConnection*> all = m_connections + m_rejecting;
    for (HttpConnection* connection : all)
        connection->abort();
}

void HttpServer::shutdown(int graceMs)
{
    if (m_shutdown == Shutdown::None) {
        m_shutdown = Shutdown::Draining;
        if (m_listener->isListening()) {
            m_listener->close();
            qCInfo(lcHttpServer) << "stopped listening; draining" << m_connections.size() << "connections";
        }
        if (m_handler)
            m_handler->drainStarted();
        const QList<QPointer<HttpConnection>> all(m_connections.cbegin(), m_connections.cend());
        for (const QPointer<HttpConnection>& connection : all) {
            if (connection)
                connection->drain(); // an idle one closes here and now
        }
        if (m_connections.isEmpty()) {
            finishShutdown();
            return;
        }
        m_shutdownTimer->start(qMax(0, graceMs));
        return;
    }
    if (m_shutdown == Shutdown::Draining && m_shutdownTimer->remainingTime() > graceMs)
        m_shutdownTimer->start(qMax(0, graceMs)); // a shorter grace period than the first call's
}

void HttpServer::shutdownNow()
{
    static constexpr int kNowFlushMs = 250;
    if (m_shutdown == Shutdown::None)
        shutdown(0);
    if (m_shutdown == Shutdown::Draining)
        abortInFlight(qMin(kNowFlushMs, m_config.shutdownFlushMs));
    else if (m_shutdown == Shutdown::Aborted && m_shutdownTimer->remainingTime() > kNowFlushMs)
        m_shutdownTimer->start(kNowFlushMs);
}

void HttpServer::abortInFlight(int flushMs)
{
    if (m_shutdown != Shutdown::Draining)
        return;
    m_shutdown = Shutdown::Aborted;
    m_shutdownTimer->stop();
    qCInfo(lcHttpServer) << "grace period over; ending" << m_connections.size() << "connections";
    if (m_handler)
        m_handler->abortInFlight();
    const QList<QPointer<HttpConnection>> all(m_connections.cbegin(), m_connections.cend());
    for (const QPointer<HttpConnection>& connection : all) {
        if (connection)
            connection->abortInFlight();
    }
    if (m_connections.isEmpty()) {
        finishShutdown();
        return;
    }
    m_shutdownTimer->start(qMax(0, flushMs));
}

void HttpServer::finishShutdown()
{
    if (m_shutdown == Shutdown::Finished)
        return;
    m_shutdown = Shutdown::Finished;
    m_shutdownTimer->stop();
    Q_EMIT shutdownFinished();
}

void HttpServer::acceptPending()
{
    while (QTcpSocket* socket = m_listener->nextPendingConnection()) {
        auto mode = HttpConnection::Mode::Serve;
        if (m_connections.size() >= m_config.maxConnections) {
            if (m_rejecting.size() >= qMax(1, m_config.maxConnections)) {
                // A flood: even the 503 would cost more than it is worth.
                socket->abort();
                delete socket;
                ++m_rejected;
                continue;
            }
            mode = HttpConnection::Mode::Reject;
            ++m_rejected;
            qCWarning(lcHttpServer) << "connection limit" << m_config.maxConnections << "reached; answering 503";
        } else {
            ++m_accepted;
        }
        auto* connection = new HttpConnection(socket, m_config, m_handler, mode, this);
        connect(connection, &HttpConnection::closed, this, &HttpServer::connectionClosed);
        if (mode == HttpConnection::Mode::Serve) {
            m_connections.append(connection);
            Q_EMIT openConnectionsChanged(openConnections());
        } else {
            m_rejecting.append(connection);
        }
        connection->start();
    }
}

void HttpServer::connectionClosed(HttpConnection* connection)
{
    if (m_connections.removeOne(connection))
        Q_EMIT openConnectionsChanged(openConnections());
    else
        m_rejecting.removeOne(connection);
    connection->deleteLater();
    if (m_connections.isEmpty() && (m_shutdown == Shutdown::Draining || m_shutdown == Shutdown::Aborted))
        QMetaObject::invokeMethod(this, &HttpServer::finishShutdown, Qt::QueuedConnection);
}

// --- HttpServerThread ---

class HttpServerThread::Worker final : public QThread
{
public:
    Worker(const HttpServer::Config& config, HandlerFactory factory)
        : m_config(config)
        , m_factory(std::move(factory))
    {
        setObjectName(QStringLiteral("FlareChat HTTP server"));
    }

    void run() override
    {
        std::unique_ptr<HttpHandler> handler(m_factory ? m_factory() : nullptr);
        auto server = std::make_unique<HttpServer>(m_config);
        server->setHandler(handler.get());
        QObject::connect(server.get(), &HttpServer::openConnectionsChanged, server.get(),
            [this](int count) { open.store(count, std::memory_order_relaxed); });
        // A finished shutdown ends the thread; stop() only has to join it.
        QObject::connect(
            server.get(), &HttpServer::shutdownFinished, server.get(), [] { QThread::currentThread()->quit(); });
        ok = server->listen();
        address = server->serverAddress();
        port = server->serverPort();
        error = ok ? QString() : server->errorString();
        {
            QMutexLocker lock(&m_serverMutex);
            m_server = server.get();
        }
        ready.release();
        if (ok && !abandoned.load())
            exec();
        {
            // From here on nothing may be posted to the server: it is about to go.
            QMutexLocker lock(&m_serverMutex);
            m_server = nullptr;
        }
        // Open exchanges hear clientGone() while their handler still exists to cancel upstream work.
        server->close();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        server.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        handler.reset();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        open.store(0, std::memory_order_relaxed);
    }

    // Asks the running event loop to end; queued to the server so it runs inside exec() even when
    // exec() has not started yet.
    void requestStop()
    {
        post([](HttpServer*) { QThread::currentThread()->quit(); });
    }

    // Runs fn(server) on the server's thread, inside its event loop; nothing once the loop ended.
    void post(std::function<void(HttpServer*)> fn)
    {
        QMutexLocker lock(&m_serverMutex);
        HttpServer* server = m_server;
        if (!server)
            return;
        QMetaObject::invokeMethod(
            server, [server, fn = std::move(fn)] { fn(server); }, Qt::QueuedConnection);
    }

    QSemaphore ready;
    bool ok = false;
    QHostAddress address;
    quint16 port = 0;
    QString error;
    std::atomic<int> open {0};
    std::atomic<bool> abandoned {false}; // start() gave up waiting: do not serve

private:
    HttpServer::Config m_config;
    HandlerFactory m_factory;
    QMutex m_serverMutex;
    HttpServer* m_server = nullptr; // valid from ready until the event loop ends; m_serverMutex
};

HttpServerThread::HttpServerThread() = default;

HttpServerThread::~HttpServerThread()
{
    stop();
}

bool HttpServerThread::start(const HttpServer::Config& config, HandlerFactory factory, int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_worker)
        return false;
    auto* worker = new Worker(config, std::move(factory));
    worker->start();
    if (!worker->ready.tryAcquire(1, qMax(0, timeoutMs))) {
        // The factory is stuck: leave the thread to finish on its own (and clean up after itself).
        qCCritical(lcHttpServer) << "server thread did not start within" << timeoutMs << "ms";
        worker->abandoned.store(true);
        worker->requestStop();
        QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
        m_lastError = QStringLiteral("the server thread did not start in time");
        return false;
    }
    if (!worker->ok) {
        m_lastError = worker->error;
        if (worker->wait(QDeadlineTimer(qMax(0, timeoutMs))))
            delete worker;
        else
            QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
        return false;
    }
    m_lastError.clear();
    m_worker = worker;
    return true;
}

bool HttpServerThread::stop(int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    if (!m_worker)
        return true;
    Worker* worker = std::exchange(m_worker, nullptr);
    worker->requestStop();
    if (!worker->wait(QDeadlineTimer(qMax(0, timeoutMs)))) {
        qCCritical(lcHttpServer) << "server thread did not stop within" << timeoutMs << "ms; left to finish";
        QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
        return false;
    }
    delete worker;
    return true;
}

void HttpServerThread::shutdown(int graceMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_worker)
        m_worker->post([graceMs](HttpServer* server) { server->shutdown(graceMs); });
}

void HttpServerThread::shutdownNow()
{
    QMutexLocker lock(&m_mutex);
    if (m_worker)
        m_worker->post([](HttpServer* server) { server->shutdownNow(); });
}

bool HttpServerThread::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker != nullptr;
}

QHostAddress HttpServerThread::serverAddress() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker ? m_worker->address : QHostAddress();
}

quint16 HttpServerThread::serverPort() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker ? m_worker->port : 0;
}

QString HttpServerThread::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

int HttpServerThread::openConnections() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker ? m_worker->open.load(std::memory_order_relaxed) : 0;
}

QThread* HttpServerThread::thread() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker;
}

} // namespace flarechat
