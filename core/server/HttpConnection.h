#pragma once

#include "http/HttpRequestParser.h"
#include "server/HttpServer.h"

#include <QByteArray>
#include <QList>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace flarechat {

class HttpExchange;
class HttpHandler;

// One accepted socket (qBittorrent's Http::Connection): owns the socket, its request parser and
// the exchanges in flight. Requests are handed to the handler as they complete; pipelined ones
// are answered strictly in order (only the oldest exchange writes to the socket, the others hold
// their output). Parse errors and timeouts get an OpenAI-shaped JSON error and Connection: close.
// When the socket goes, every unfinished exchange hears clientGone() at once.
//
// Closing after a final response is a lingering close: the bytes are flushed, the write side is
// shut down (the client sees EOF right after the response) and input is drained until the client
// closes or lingerMs passes, so a client still sending its body is not answered with a reset
// that would destroy the response before it reads it.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    enum class Mode {
        Serve, // a normal connection
        Reject, // past maxConnections: answer 503 with Retry-After, then close
    };

    // Takes ownership of the socket. Nothing happens before start().
    HttpConnection(QTcpSocket* socket, const HttpServer::Config& config, HttpHandler* handler, Mode mode,
        QObject* parent = nullptr);
    ~HttpConnection() override;

    void start();
    // Drops the connection now; unfinished exchanges get clientGone(). closed() follows.
    void abort();
    // The server is shutting down: an idle connection closes now, one in the middle of receiving
    // a request answers it 503, and a busy one reads no further requests and closes (lingering)
    // after its last response. Responses started from now on say Connection: close.
    void drain();
    // Ends what is still in flight after a drain: an unanswered exchange gets 503 in OpenAI's
    // shape, an open stream its terminating chunk.
    void abortInFlight();
    bool isDraining() const { return m_draining; }

    int exchangesInFlight() const { return static_cast<int>(m_queue.size()); }

Q_SIGNALS:
    // The socket is gone; the server forgets the connection and deletes it later.
    void closed(flarechat::HttpConnection* connection);

private:
    friend class HttpExchange;

    // Called by the exchanges of this connection.
    void exchangeWrite(HttpExchange* exchange, const QByteArray& bytes);
    void exchangeComplete(HttpExchange* exchange);
    void exchangeDestroyed(HttpExchange* exchange);
    bool closesAfter(const HttpExchange* exchange) const;
    qint64 pendingBytesFor(const HttpExchange* exchange) const;

    void processInput();
    void scheduleProcessInput();
    void dispatch(HttpRequest request);
    void deliverFinished();
    void updateCongestion();
    void scheduleDrainCheck();
    void checkDrained();
    void updateTimers();
    void failRequest(int status, const QByteArray& reason);
    void writeError(int status, const QByteArray& reason);
    void closeAfterFlush();
    void shutdownWrite();
    void discardInput();
    void onBytesWritten();
    void onHeaderTimeout();
    void onIdleTimeout();
    void teardown();

    QTcpSocket* m_socket;
    HttpServer::Config m_config;
    HttpHandler* m_handler;
    Mode m_mode;
    HttpRequestParser m_parser;
    QList<HttpExchange*> m_queue; // in request order; the first one owns the socket's output
    qint64 m_heldBytes = 0; // sum of the exchanges' held output
    QTimer* m_headerTimer;
    QTimer* m_idleTimer;
    QTimer* m_closeTimer; // bounds the flush of a final response and the lingering after it
    int m_pendingError = 0; // status of an error reply waiting for earlier exchanges to finish
    QByteArray m_pendingReason;
    bool m_anthropicError = false; // the refused request came from an Anthropic client: its error shape
    bool m_stopParsing = false; // a request said Connection: close (or an error came): read no further requests
    bool m_closing = false; // the final bytes are being flushed or the write side is shut
    bool m_writeShut = false;
    bool m_dropping = false; // over maxBufferedBytes: teardown is queued, writes are ignored
    bool m_tornDown = false;
    bool m_inputScheduled = false;
    bool m_drainScheduled = false;
    bool m_draining = false; // the server is shutting down: close once the exchanges in flight are done
};

} // namespace flarechat
