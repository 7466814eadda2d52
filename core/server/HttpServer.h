#pragma once

#include "http/HttpRequestParser.h"

#include <QHostAddress>
#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

class QThread;
class QTimer;
class QTcpServer;
class QTcpSocket;

namespace flarechat {

Q_DECLARE_LOGGING_CATEGORY(lcHttpServer) // "flarechat.server"

class HttpConnection;
class HttpHandler;

// The local API server's HTTP/1.1 transport (qBittorrent's Http::Server, on QTcpServer): accepts
// sockets, gives each one an HttpConnection, caps how many are open (503 past the cap, the
// others unaffected) and hands every complete request to one HttpHandler. It lives on one
// thread, the one it was created on; HttpServerThread puts it on a thread of its own.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    struct Config
    {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0; // 0: any free port, see serverPort()
        HttpRequestParser::Limits parser; // request line 8 KiB, headers 64 KiB / 100, body 32 MiB
        int headerTimeoutMs = 10'000; // first byte of a request to its last: past it, 408 and close
        int idleTimeoutMs = 60'000; // keep-alive connection without a request: closed quietly
        int maxConnections = 256; // open connections; the next ones get 503 + Retry-After
        int retryAfterSeconds = 1; // in that 503
        qint64 highWaterBytes = 256 * 1024; // unsent bytes over this: HttpExchange::isCongested()
        qint64 lowWaterBytes = 64 * 1024; // ...until they fall below this: HttpExchange::drained()
        qint64 maxBufferedBytes = 8 * 1024 * 1024; // unsent bytes per connection past which it is dropped
        int maxPipelined = 16; // requests of one connection handled at once; later ones wait unread
        int lingerMs = 2'000; // after a final reply (error or Connection: close): input drained this long at most
        int listenBacklog = 1024; // the default 50 drops SYNs when 64 clients connect at once
        int shutdownFlushMs = 2'000; // shutdown(): after the grace period, how long the last bytes may take
    };

    explicit HttpServer(QObject* parent = nullptr);
    explicit HttpServer(const Config& config, QObject* parent = nullptr);
    ~HttpServer() override;

    // Takes effect for connections accepted afterwards (and address/port at the next listen()).
    void setConfig(const Config& config);
    const Config& config() const { return m_config; }

    // Not owned; must outlive the server or be replaced first. Without one, requests get 503.
    void setHandler(HttpHandler* handler) { m_handler = handler; }
    HttpHandler* handler() const { return m_handler; }

    bool listen(); // on config().address / config().port
    bool listen(const QHostAddress& address, quint16 port);
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;

    // Stops listening and drops every connection: unfinished exchanges get clientGone().
    void close();

    // A clean shutdown. At once: stop listening, close idle keep-alive connections, answer 503
    // to a request half received, read no new requests (the handler hears drainStarted()).
    // Exchanges in flight may finish for graceMs; then the handler's abortInFlight() ends the
    // rest, the transport ends what it left (503, or a stream's last chunk) and the connections
    // get at most shutdownFlushMs to hand their last bytes over. shutdownFinished() follows, once
    // no connection is left or the flush time is up; close() then drops any that remain.
    void shutdown(int graceMs);
    // Ends the grace period now (a second Ctrl+C), with a flush of at most 250 ms.
    void shutdownNow();
    bool isShuttingDown() const { return m_shutdown != Shutdown::None; }

    int openConnections() const { return static_cast<int>(m_connections.size()); }
    qint64 acceptedConnections() const { return m_accepted; } // since construction, rejected ones excluded
    qint64 rejectedConnections() const { return m_rejected; } // answered 503 for being past maxConnections

Q_SIGNALS:
    void openConnectionsChanged(int count);
    void shutdownFinished(); // after shutdown(): every connection is done, or the flush time is up

private:
    enum class Shutdown { None, Draining, Aborted, Finished };
    void acceptPending();
    void connectionClosed(HttpConnection* connection);
    void abortInFlight(int flushMs);
    void finishShutdown();

    Config m_config;
    QTcpServer* m_listener;
    HttpHandler* m_handler = nullptr;
    QList<HttpConnection*> m_connections; // serving requests
    QList<HttpConnection*> m_rejecting; // writing their 503, then gone
    qint64 m_accepted = 0;
    qint64 m_rejected = 0;
    Shutdown m_shutdown = Shutdown::None;
    QTimer* m_shutdownTimer; // the grace period, then the flush
};

// Runs an HttpServer and its handler on a thread of their own, so a busy window never delays API
// clients. The factory is called on that thread, so the handler and everything it creates there
// (network managers, jobs) live on it too; they are destroyed there when the server stops, after
// every open exchange has heard clientGone(). start() and stop() may be called from any thread;
// both wait a bounded time and never block forever.
class HttpServerThread final
{
    Q_DISABLE_COPY_MOVE(HttpServerThread)

public:
    using HandlerFactory = std::function<HttpHandler*()>; // the server thread owns what it returns

    HttpServerThread();
    ~HttpServerThread(); // stop()

    // Starts the thread and listens on config.address/config.port. False if already running,
    // if listening failed (errorString()) or if the thread did not report within timeoutMs.
    bool start(const HttpServer::Config& config, HandlerFactory factory, int timeoutMs = 5'000);
    // Stops listening, drops open connections and joins the thread. False when the thread did
    // not end within timeoutMs (a handler blocking its event loop): it is then left to end on its
    // own and cleaned up when it does.
    bool stop(int timeoutMs = 5'000);
    // HttpServer::shutdown() / shutdownNow() on the server's thread. Asynchronous: when the
    // shutdown is over the thread ends by itself (thread()'s finished()); stop() then joins it.
    void shutdown(int graceMs);
    void shutdownNow();

    bool isRunning() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QString errorString() const;
    int openConnections() const;
    QThread* thread() const; // the server's thread while running, else nullptr

private:
    class Worker;
    mutable QMutex m_mutex;
    Worker* m_worker = nullptr;
    QString m_lastError;
};

} // namespace flarechat
