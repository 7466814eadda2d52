#pragma once

#include "http/HttpClientReply.h"
#include "http/HttpRoutePlanner.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QObject>

namespace flarechat {

class HttpClientConnection;

// An HTTP/1.1 client that runs entirely on the calling thread, for the Workers AI requests on
// the hot path (chat completions, for the window and the local API server alike).
//
// Why not QNetworkAccessManager: it runs HTTP on a thread of its own, so each request and each
// piece of a reply crosses threads (measured 0.3–0.4 ms each way on a loaded 2-core machine),
// Qt 6.4 reads header and chunk-size lines one byte per read() system call, and it opens at most
// six connections per host, queueing the rest. This client reads in bulk, opens a connection
// per concurrent request (no per-host cap; the server in front bounds concurrency) and keeps
// finished ones alive for reuse.
//
// What it does: http and https (QSslSocket, ALPN http/1.1, the system's CAs), keep-alive pool
// per route, Content-Length, chunked and read-until-close bodies, 1xx skipped, same-host
// redirects (301/302/307/308, never https → http) with method and body kept, and proxies:
// HTTP proxies take plain-HTTP requests in absolute form (with preemptive Basic credentials)
// and tunnel HTTPS with CONNECT; SOCKS5 proxies tunnel both; DefaultProxy asks
// QNetworkProxyFactory (the application's proxy or the system's settings) per origin.
// A request that fails on a reused keep-alive connection before any byte of its response
// arrived (the server closed it while idle) is sent again once on a new connection.
//
// Backpressure: a reply buffers at most readBufferBytes of body; past that the connection stops
// reading its socket, and TCP pushes back on the server until the reader calls readAll().
//
// This class is the pool: it starts requests and hands out, keeps and closes connections. The
// route and proxy decision is HttpRoutePlanner's, one socket and its request at a time are
// HttpClientConnection's, the request bytes HttpRequestWriter's, the response HttpResponseParser's.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    struct Options
    {
        int maxIdlePerRoute = 64; // kept-alive connections waiting for the next request
        int idleTimeoutMs = 30000; // an idle connection is closed after this
        qint64 readBufferBytes = 256 * 1024;
        int maxRedirects = 5;
    };

    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    void setOptions(const Options& options) { m_options = options; }
    const Options& options() const { return m_options; }

    // NoProxy, HttpProxy (or HttpCachingProxy), Socks5Proxy, or DefaultProxy (ask
    // QNetworkProxyFactory). Connections of the old setting are closed once their request ends.
    void setProxy(const QNetworkProxy& proxy);
    QNetworkProxy proxy() const { return m_routes.proxy(); }

    // Starts a request. The reply belongs to the caller (delete it, deleteLater() from its own
    // signals); deleting or aborting a running reply closes its connection.
    HttpClientReply* post(const QNetworkRequest& request, const QByteArray& body);
    HttpClientReply* get(const QNetworkRequest& request);
    HttpClientReply* send(const QByteArray& method, const QNetworkRequest& request, const QByteArray& body);

    int openConnections() const { return static_cast<int>(m_connections.size()); } // busy and idle
    int idleConnections() const;
    int inFlight() const { return openConnections() - idleConnections(); }
    // Connections opened since this client was made (new TCP connections, not reuses).
    int connectionsOpened() const { return m_opened; }
    void closeIdleConnections();

private:
    friend class HttpClientReply;
    friend class HttpClientConnection;

    void dispatch(HttpClientReply* reply, bool fresh);
    // A connection's request ended: keep it for the next one or close it.
    void release(HttpClientConnection* connection, bool reusable);
    void forget(HttpClientConnection* connection);

    Options m_options;
    HttpRoutePlanner m_routes; // the proxy setting, and where each request goes under it
    quint64 m_generation = 0; // bumped by setProxy(): older connections are not reused
    QList<HttpClientConnection*> m_connections;
    QMultiHash<QString, HttpClientConnection*> m_idle;
    int m_opened = 0;
};

} // namespace flarechat
