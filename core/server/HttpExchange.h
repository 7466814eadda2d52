#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

class QJsonObject;

namespace flarechat {

class HttpConnection;

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request/response exchange on a connection, handed to an HttpHandler. The handler answers
// with respond()/respondJson() (a whole response, at once or later), or with an event stream
// (beginEventStream, writeEvent..., endStream). Pipelined requests on one connection are
// answered in order: a later exchange's output is held until the earlier one has finished.
// The exchange lives until it has been answered and written, or until the client is gone;
// handlers keep it in a QPointer when they answer later.
//
// Transport decisions: HEAD is answered like GET by the handler and the transport drops the body
// (Content-Length kept). Framing and hop-by-hop headers (Content-Length, Transfer-Encoding,
// Connection, Date, Server...) are the transport's: a handler's copies are dropped, as is any
// header with CR, LF or NUL in it. After clientGone() every write is a silent no-op; clientGone()
// can be emitted from inside a write call when that write finds the peer gone.
class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)

public:
    HttpExchange(HttpRequest request, const QHostAddress& peer, quint16 peerPort, HttpConnection* connection);
    ~HttpExchange() override;

    const HttpRequest& request() const { return m_request; }
    QHostAddress peerAddress() const { return m_peer; }
    quint16 peerPort() const { return m_peerPort; }
    qint64 elapsedMs() const { return m_clock.elapsed(); } // since the request was complete

    // Headers added to whatever response this exchange sends (CORS, request ids...).
    void addResponseHeader(const QByteArray& name, const QByteArray& value);

    // A whole response. Content-Length is set; Connection: close when the connection will close.
    void respond(int status, const QByteArray& contentType, const QByteArray& body, const HttpHeaders& headers = {});
    void respondJson(int status, const QJsonObject& body, const HttpHeaders& headers = {});

    // Server-sent events: "200 text/event-stream", chunked transfer coding, no caching.
    // The head, events and comments go out once the handler returns to the event loop, all that
    // was written until then in one chunk and one system call: a burst of events costs the
    // client one wake-up and one chunk to parse, not one each. endStream() sends at once.
    void beginEventStream(const HttpHeaders& headers = {});
    void writeEvent(const QByteArray& data); // "data: <data>\n\n" (data must not contain a newline)
    void writeEvent(const QByteArray& name, const QByteArray& data); // "event: <name>\ndata: <data>\n\n"
    void writeComment(const QByteArray& text); // ": <text>\n\n", e.g. keep-alive
    void endStream(); // the terminating chunk; the exchange is done

    bool isAnswered() const { return m_state != State::Waiting; } // a response has started
    bool isFinished() const { return m_state == State::Finished; }
    bool isClientGone() const { return m_clientGone; }
    int status() const { return m_status; } // status sent, 0 before
    qint64 bytesSent() const { return m_bytesSent; }

    // Backpressure: bytes this exchange produced that the socket has not yet taken (with, for a
    // pipelined exchange, those queued ahead of it). Handlers stop pulling from the upstream while
    // congested and resume on drained(). Congestion starts above the high-water mark and lasts
    // until pendingBytes() falls below the low-water mark, when drained() is emitted (from the
    // event loop, never from inside a write).
    qint64 pendingBytes() const;
    bool isCongested() const;

Q_SIGNALS:
    void drained(); // congestion cleared: pendingBytes() fell below the low-water mark
    void clientGone(); // the client closed the connection (or it failed) before this exchange finished
    void finished(); // the whole response has been handed to the socket

private:
    friend class HttpConnection;
    enum class State { Waiting, Streaming, Finished };
    static QByteArray reasonPhrase(int status);
    static QByteArray httpDate(); // IMF-fixdate for the Date header
    bool canWrite(const char* what) const;
    QByteArray responseHead(int status, const HttpHeaders& headers, bool closeAfter) const;
    void write(const QByteArray& bytes);
    void writeStreamPayload(const QByteArray& payload);
    void flushStream(); // hands the stream's head and the events held so far to the connection
    qint64 unflushedBytes() const { return m_streamHead.size() + m_streamEvents.size(); }
    void complete(); // the response is whole: the connection forwards it and then says finished()
    void markDelivered(); // the connection handed the last byte to the socket
    void markClientGone(); // the connection is gone: no writes from now on

    HttpRequest m_request;
    QHostAddress m_peer;
    quint16 m_peerPort = 0;
    HttpConnection* m_connection;
    HttpHeaders m_extraHeaders;
    QElapsedTimer m_clock;
    State m_state = State::Waiting;
    int m_status = 0;
    qint64 m_bytesSent = 0;
    bool m_clientGone = false;
    bool m_delivered = false; // finished() was emitted
    bool m_chunked = false; // the event stream uses chunked transfer coding (HTTP/1.1)
    bool m_closeAfter = false; // the connection closes after this response
    bool m_congested = false; // above the high-water mark, not yet back below the low one
    QByteArray m_held; // output held back while an earlier exchange still writes (pipelining)
    QByteArray m_streamHead; // the event stream's response head, not yet handed over
    QByteArray m_streamEvents; // events written in this turn of the event loop, not yet framed
    bool m_flushQueued = false; // flushStream() runs when the event loop gets back to us
};

// What the server calls for each complete request. Runs on the server's thread.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    // Must eventually answer the exchange, or leave it to be dropped when the client goes.
    virtual void handle(HttpExchange* exchange) = 0;
    // The server is shutting down (HttpServer::shutdown()): it takes no new requests, and the
    // exchanges in flight may still finish. Default: nothing.
    virtual void drainStarted() { }
    // The shutdown's grace period is over: end every exchange still in flight now, in the
    // handler's own form (an error event for a stream), and cancel the work behind it. Whatever
    // the handler leaves open the transport ends itself: 503, or the stream's last chunk.
    virtual void abortInFlight() { }
};

} // namespace flarechat
