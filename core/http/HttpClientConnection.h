#pragma once

#include "http/HttpResponseParser.h"
#include "http/HttpRoute.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace flarechat {

class HttpClient;
class HttpClientReply;

// One of HttpClient's connections: one socket to one route, carrying one request at a time and
// kept alive for the next. It opens the socket (TCP, or TLS through QSslSocket with ALPN
// http/1.1 and the route's host verified; through the route's SOCKS5 or HTTP CONNECT proxy,
// whose handshake QAbstractSocket does), writes the request (HttpRequestWriter), reads the
// response with HttpResponseParser into the reply, stops reading while the reply holds
// readBufferBytes of body (backpressure), and when the response ends tells the client whether
// the connection can be reused, sends the request again after the keep-alive race, or follows
// a redirect. Made and pooled by HttpClient only.
class HttpClientConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClientConnection)

public:
    HttpClientConnection(HttpClient* client, const HttpRoute& route, quint64 generation);

    const HttpRoute& route() const { return m_route; }
    quint64 generation() const { return m_generation; } // HttpClient's proxy setting it was made under
    bool isUsable() const; // connected, nothing unread, not closed: fit to carry the next request

    // Carries the reply's request: writes it at once on an open socket, else opens one first.
    void start(HttpClientReply* reply, bool reused);
    // Another pass over the socket once the reader made room (backpressure).
    void resume();
    // The reply gave up: close at once, say nothing.
    void abandon();
    // Pooled between requests: closes itself after timeoutMs unless start() comes first.
    void keepIdle(int timeoutMs);
    // The client is being destroyed: let go of it and of the reply (which the caller may still
    // hold), and close.
    void detachFromClient();
    void close();

private:
    void open();
    void onConnected();
    void writeRequest();
    void onBytesWritten(qint64 n);
    void onReadyRead();
    void process(const QByteArray& bytes);
    // Where a 3xx response sends the request, if it is to be followed: a Location on the same
    // host, not from https to http, not the same URL, within the redirect budget.
    QUrl redirectTarget(const HttpClientReply* reply) const;
    void onDisconnected();
    void atEof();
    void onError(QAbstractSocket::SocketError e);
    // The request ended: hand the outcome to the reply, then pool or close this connection.
    void finish(QNetworkReply::NetworkError error, const QString& text);

    QPointer<HttpClient> m_client;
    HttpRoute m_route;
    quint64 m_generation = 0;
    QTcpSocket* m_socket = nullptr;
    HttpClientReply* m_reply = nullptr;
    HttpResponseParser m_parser;
    QByteArray m_request; // not yet written (waiting for the connection)
    qint64 m_toWrite = 0; // written, not yet confirmed by bytesWritten()
    QByteArray m_unparsed; // read from the socket, not yet parsed (backpressure, EOF)
    QTimer m_idleTimer;
    QElapsedTimer m_startedAt; // since the current request was handed to this connection
    QUrl m_redirectTo; // the current response is a redirect to follow there
    bool m_reused = false;
    bool m_headSeen = false;
    bool m_eof = false;
    bool m_closed = false;
    bool m_resumeQueued = false;
};

} // namespace flarechat
