#include "HttpConnection.h"

#include "anthropic/MessagesError.h"

#include "openai/ApiError.h"
#include "server/HttpExchange.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

namespace flarechat {

namespace {

constexpr qint64 kReadChunk = 64 * 1024;
// Qt reads ahead of us into its own buffer; bounded, so a connection we stopped reading (its
// pipeline is full) costs at most this much, with TCP flow control holding back the rest.
constexpr qint64 kSocketReadBuffer = 256 * 1024;

QString errorCode(int status)
{
    switch (status) {
    case 408:
        return ErrorCode::RequestTimeout;
    case 413:
        return ErrorCode::RequestTooLarge;
    case 414:
        return ErrorCode::RequestLineTooLong;
    case 431:
        return ErrorCode::HeadersTooLarge;
    case 501:
        return ErrorCode::NotImplemented;
    case 503:
        return ErrorCode::ServerBusy;
    case 505:
        return ErrorCode::HttpVersionNotSupported;
    default:
        return ErrorCode::BadRequest;
    }
}

} // namespace

HttpConnection::HttpConnection(
    QTcpSocket* socket, const HttpServer::Config& config, HttpHandler* handler, Mode mode, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_config(config)
    , m_handler(handler)
    , m_mode(mode)
    , m_parser(config.parser)
    , m_headerTimer(new QTimer(this))
    , m_idleTimer(new QTimer(this))
    , m_closeTimer(new QTimer(this))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    // Each SSE event must leave at once, not wait for the previous segment's ACK (Nagle).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    m_headerTimer->setSingleShot(true);
    m_headerTimer->setInterval(qMax(1, config.headerTimeoutMs));
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(qMax(1, config.idleTimeoutMs));
    m_closeTimer->setSingleShot(true);
    connect(m_headerTimer, &QTimer::timeout, this, &HttpConnection::onHeaderTimeout);
    connect(m_idleTimer, &QTimer::timeout, this, &HttpConnection::onIdleTimeout);
    connect(m_closeTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcHttpServer) << "closing" << m_socket->peerAddress() << "after the close grace period";
        teardown();
    });
}

HttpConnection::~HttpConnection()
{
    // Children (socket, exchanges) go with us; the exchanges must not call back meanwhile.
    const QList<HttpExchange*> queue = std::exchange(m_queue, {});
    for (HttpExchange* exchange : queue)
        exchange->markClientGone();
}

void HttpConnection::start()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::teardown);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcHttpServer) << "socket error from" << m_socket->peerAddress() << error;
        teardown();
    });
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        // Reset between accept and now: nothing to answer.
        QTimer::singleShot(0, this, &HttpConnection::teardown);
        return;
    }
    if (m_mode == Mode::Reject) {
        writeError(503, QByteArrayLiteral("too many connections to the local API server; retry shortly"));
        return;
    }
    if (m_socket->bytesAvailable() > 0)
        processInput();
    else
        updateTimers();
}

void HttpConnection::abort()
{
    teardown();
}

void HttpConnection::drain()
{
    if (m_tornDown || m_draining)
        return;
    m_draining = true;
    if (m_mode == Mode::Reject || m_closing)
        return; // already on its way out
    if (!m_queue.isEmpty()) {
        // Busy: the exchanges in flight finish; nothing after them is read or answered.
        m_stopParsing = true;
        m_headerTimer->stop();
        m_idleTimer->stop();
        discardInput();
        return;
    }
    if (m_parser.isIdle() && m_socket->bytesAvailable() <= 0 && !m_pendingError) {
        qCDebug(lcHttpServer) << "closing idle connection from" << m_socket->peerAddress() << "for shutdown";
        m_closing = true;
        m_headerTimer->stop();
        m_idleTimer->stop();
        m_socket->disconnectFromHost(); // nothing to flush: closes now and says disconnected()
        return;
    }
    // A request is on its way in: it would only be cut off, so it is answered instead.
    failRequest(503, QByteArrayLiteral("The server is shutting down."));
}

void HttpConnection::abortInFlight()
{
    if (m_tornDown)
        return;
    QList<QPointer<HttpExchange>> queue;
    for (HttpExchange* exchange : std::as_const(m_queue))
        queue.append(exchange);
    for (const QPointer<HttpExchange>& exchange : std::as_const(queue)) {
        if (m_tornDown)
            return; // the exchanges heard clientGone()
        if (!exchange || exchange->isFinished())
            continue;
        if (!exchange->isAnswered()) {
            exchange->respondJson(503, ApiError::shuttingDown().toJson());
        } else {
            exchange->endStream();
        }
    }
}

void HttpConnection::scheduleProcessInput()
{
    if (m_inputScheduled || m_tornDown)
        return;
    m_inputScheduled = true;
    // Queued, so a handler answering inside handle() never re-enters the read loop below it.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_inputScheduled = false;
            processInput();
        },
        Qt::QueuedConnection);
}

void HttpConnection::processInput()
{
    if (m_tornDown)
        return;
    if (m_closing || m_stopParsing) {
        discardInput();
        if (m_pendingError && m_queue.isEmpty())
            writeError(std::exchange(m_pendingError, 0), m_pendingReason);
        return;
    }
    const QPointer<HttpConnection> self(this);
    for (;;) {
        while (m_parser.status() == HttpRequestParser::Status::Complete && m_queue.size() < m_config.maxPipelined
            && !m_stopParsing) {
            dispatch(m_parser.takeRequest());
            if (!self || m_tornDown)
                return;
        }
        if (m_stopParsing) {
            discardInput();
            break;
        }
        if (m_parser.status() == HttpRequestParser::Status::Error) {
            failRequest(m_parser.errorStatus(), m_parser.errorReason());
            break;
        }
        if (m_parser.status() == HttpRequestParser::Status::Complete)
            break; // the pipeline is full: the rest waits in the socket until an exchange finishes
        if (m_socket->bytesAvailable() <= 0)
            break;
        m_parser.feed(m_socket->read(kReadChunk));
    }
    if (m_tornDown)
        return;
    // "100 Continue" goes out only when no earlier response is still being written, so it can
    // never land in the middle of one; a 413 for an over-limit body was already decided above.
    if (m_parser.needsContinue() && m_queue.isEmpty() && !m_stopParsing) {
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        m_socket->flush();
        m_parser.acknowledgeContinue();
    }
    if (m_pendingError && m_queue.isEmpty())
        writeError(std::exchange(m_pendingError, 0), m_pendingReason);
    updateTimers();
}

void HttpConnection::dispatch(HttpRequest request)
{
    m_headerTimer->stop();
    if (!request.keepAlive())
        m_stopParsing = true;
    auto* exchange = new HttpExchange(std::move(request), m_socket->peerAddress(), m_socket->peerPort(), this);
    m_queue.append(exchange);
    qCDebug(lcHttpServer) << exchange->request().method << exchange->request().path << "from"
                          << m_socket->peerAddress();
    if (!m_handler) {
        exchange->respondJson(503,
            ApiError::server(QStringLiteral("the local API server has no request handler"), ErrorCode::ServerNotReady)
                .toJson());
        return;
    }
    m_handler->handle(exchange);
}

void HttpConnection::exchangeWrite(HttpExchange* exchange, const QByteArray& bytes)
{
    if (m_tornDown || m_dropping || bytes.isEmpty())
        return;
    if (!m_queue.isEmpty() && m_queue.first() == exchange) {
        m_socket->write(bytes);
        // Hand it to the kernel now rather than at the next event-loop pass: a token's latency.
        m_socket->flush();
        if (m_tornDown)
            return; // the flush found the peer gone; clientGone() has been said
    } else {
        exchange->m_held += bytes;
        m_heldBytes += bytes.size();
    }
    if (m_socket->bytesToWrite() + m_heldBytes > m_config.maxBufferedBytes) {
        // The handler ignored isCongested(): drop the client instead of buffering without bound.
        qCWarning(lcHttpServer) << "dropping" << m_socket->peerAddress() << "with"
                                << m_socket->bytesToWrite() + m_heldBytes << "bytes unsent";
        m_dropping = true;
        QMetaObject::invokeMethod(this, &HttpConnection::teardown, Qt::QueuedConnection);
        return;
    }
    updateCongestion();
}

void HttpConnection::exchangeComplete(HttpExchange* exchange)
{
    if (m_tornDown)
        return;
    if (exchange->m_closeAfter)
        m_stopParsing = true; // nothing after this response will be read or answered
    deliverFinished();
}

// Hands the output of finished exchanges at the head of the queue to the socket, in order, and
// lets the next exchange write directly.
void HttpConnection::deliverFinished()
{
    const QPointer<HttpConnection> self(this);
    while (!m_queue.isEmpty() && !m_tornDown) {
        HttpExchange* head = m_queue.first();
        if (!head->m_held.isEmpty()) {
            m_heldBytes -= head->m_held.size();
            m_socket->write(std::exchange(head->m_held, {}));
            m_socket->flush(); // may find the peer gone and tear down right here
            if (!self || m_tornDown)
                return;
        }
        if (!head->isFinished())
            break;
        m_queue.removeFirst();
        const bool closeAfter = head->m_closeAfter;
        head->m_connection = nullptr;
        head->markDelivered();
        head->deleteLater();
        if (!self || m_tornDown)
            return;
        if (closeAfter) {
            closeAfterFlush();
            return;
        }
    }
    if (m_tornDown)
        return;
    if (m_draining && m_queue.isEmpty()) {
        closeAfterFlush(); // the last response of a draining connection is out
        return;
    }
    updateCongestion();
    if (m_queue.size() < m_config.maxPipelined)
        scheduleProcessInput();
    updateTimers();
}

void HttpConnection::exchangeDestroyed(HttpExchange* exchange)
{
    // A handler deleted an exchange itself: forget it so the pipeline does not stall on it.
    const qsizetype index = m_queue.indexOf(exchange);
    if (index < 0)
        return;
    m_heldBytes -= exchange->m_held.size();
    m_queue.removeAt(index);
    if (index == 0 && !m_tornDown) {
        // Its response can never be completed, so the connection's framing is lost.
        qCWarning(lcHttpServer) << "an exchange was deleted before it finished; closing the connection";
        m_dropping = true;
        QMetaObject::invokeMethod(this, &HttpConnection::teardown, Qt::QueuedConnection);
    }
}

bool HttpConnection::closesAfter(const HttpExchange* exchange) const
{
    // Draining, nothing new is dispatched: the last exchange in the queue is the connection's last.
    return !exchange->request().keepAlive() || (m_draining && !m_queue.isEmpty() && m_queue.last() == exchange);
}

qint64 HttpConnection::pendingBytesFor(const HttpExchange* exchange) const
{
    // An exchange's bytes leave after everything queued ahead of them.
    qint64 pending = m_socket->bytesToWrite();
    for (const HttpExchange* e : m_queue) {
        pending += e->m_held.size() + e->unflushedBytes();
        if (e == exchange)
            break;
    }
    return pending;
}

void HttpConnection::updateCongestion()
{
    for (HttpExchange* exchange : std::as_const(m_queue)) {
        if (!exchange->m_congested && pendingBytesFor(exchange) > m_config.highWaterBytes)
            exchange->m_congested = true;
    }
}

void HttpConnection::onBytesWritten()
{
    if (m_tornDown)
        return;
    if (m_closing) {
        if (m_socket->bytesToWrite() == 0)
            shutdownWrite();
        else
            m_closeTimer->start(qMax(1, m_config.headerTimeoutMs)); // progress: the client reads
        return;
    }
    for (const HttpExchange* exchange : std::as_const(m_queue)) {
        if (exchange->m_congested && pendingBytesFor(exchange) < m_config.lowWaterBytes) {
            scheduleDrainCheck();
            break;
        }
    }
}

void HttpConnection::scheduleDrainCheck()
{
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    // bytesWritten can fire inside a flush() inside a handler's writeEvent(): emitting drained()
    // there would re-enter the handler's write loop, so it waits for the event loop.
    QMetaObject::invokeMethod(this, &HttpConnection::checkDrained, Qt::QueuedConnection);
}

void HttpConnection::checkDrained()
{
    m_drainScheduled = false;
    if (m_tornDown)
        return;
    QList<QPointer<HttpExchange>> drained;
    for (HttpExchange* exchange : std::as_const(m_queue)) {
        if (exchange->m_congested && pendingBytesFor(exchange) < m_config.lowWaterBytes) {
            exchange->m_congested = false;
            drained.append(exchange);
        }
    }
    for (const QPointer<HttpExchange>& exchange : std::as_const(drained)) {
        if (exchange && !exchange->isClientGone())
            Q_EMIT exchange->drained();
    }
}

void HttpConnection::updateTimers()
{
    if (m_tornDown)
        return;
    const bool receiving = !m_closing && !m_stopParsing && m_parser.status() == HttpRequestParser::Status::Incomplete
        && !m_parser.isIdle();
    if (!receiving)
        m_headerTimer->stop();
    else if (!m_headerTimer->isActive())
        m_headerTimer->start();

    const bool idle = !m_closing && !m_stopParsing && m_queue.isEmpty() && m_parser.isIdle();
    if (!idle)
        m_idleTimer->stop();
    else if (!m_idleTimer->isActive())
        m_idleTimer->start();
}

void HttpConnection::onHeaderTimeout()
{
    qCDebug(lcHttpServer) << "request from" << m_socket->peerAddress() << "not complete within"
                          << m_config.headerTimeoutMs << "ms";
    failRequest(408, QByteArrayLiteral("request not received in time"));
}

void HttpConnection::onIdleTimeout()
{
    if (m_tornDown || !m_queue.isEmpty())
        return;
    qCDebug(lcHttpServer) << "closing idle connection from" << m_socket->peerAddress();
    m_closing = true;
    m_socket->disconnectFromHost(); // nothing to flush: it closes now and says disconnected()
}

// The request cannot be served: answer with the status once the earlier responses are out.
void HttpConnection::failRequest(int status, const QByteArray& reason)
{
    if (m_tornDown || m_closing || m_pendingError)
        return;
    m_anthropicError = MessagesError::isAnthropicClient(m_parser.request()); // empty before its head is read
    m_stopParsing = true;
    m_headerTimer->stop();
    m_idleTimer->stop();
    if (m_queue.isEmpty()) {
        writeError(status, reason);
    } else {
        m_pendingError = status;
        m_pendingReason = reason;
    }
}

void HttpConnection::writeError(int status, const QByteArray& reason)
{
    if (m_tornDown || m_closing)
        return;
    if (status != 503)
        qCDebug(lcHttpServer) << "answering" << status << reason << "to" << m_socket->peerAddress();
    ApiError error = status >= 500 && status != 505 && status != 501
        ? ApiError::server(QString::fromLatin1(reason), errorCode(status))
        : ApiError::invalidRequest(QString::fromLatin1(reason), {}, errorCode(status));
    const QByteArray body
        = QJsonDocument(m_anthropicError ? MessagesError::body(error) : error.toJson()).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpExchange::reasonPhrase(status) + "\r\n";
    out += "Date: " + HttpExchange::httpDate() + "\r\n";
    out += "Server: FlareChat/" FLARECHAT_VERSION "\r\n";
    if (status == 503)
        out += "Retry-After: " + QByteArray::number(qMax(0, m_config.retryAfterSeconds)) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    out += body;
    m_socket->write(out);
    m_socket->flush();
    closeAfterFlush();
}

void HttpConnection::closeAfterFlush()
{
    if (m_tornDown || m_closing)
        return;
    m_closing = true;
    m_stopParsing = true;
    m_headerTimer->stop();
    m_idleTimer->stop();
    discardInput();
    if (m_socket->bytesToWrite() == 0) {
        shutdownWrite();
        return;
    }
    // A client that never reads must not keep the connection: the flush has to make progress.
    m_closeTimer->start(qMax(1, m_config.headerTimeoutMs));
}

void HttpConnection::shutdownWrite()
{
    if (m_writeShut || m_tornDown)
        return;
    m_writeShut = true;
#if defined(Q_OS_UNIX)
    // Half-close: the client reads the response and EOF, and closes; we drain until it does.
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0) {
        m_closeTimer->start(qMax(1, m_config.lingerMs));
        discardInput();
        return;
    }
#endif
    m_socket->disconnectFromHost();
    if (!m_tornDown)
        m_closeTimer->start(qMax(1, m_config.lingerMs));
}

void HttpConnection::discardInput()
{
    if (m_socket->bytesAvailable() > 0)
        m_socket->skip(m_socket->bytesAvailable());
}

void HttpConnection::teardown()
{
    if (m_tornDown)
        return;
    m_tornDown = true;
    m_headerTimer->stop();
    m_idleTimer->stop();
    m_closeTimer->stop();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    // Every exchange still in flight learns now, so its handler can cancel the upstream request.
    const QList<HttpExchange*> queue = std::exchange(m_queue, {});
    m_heldBytes = 0;
    QList<QPointer<HttpExchange>> gone;
    for (HttpExchange* exchange : queue)
        gone.append(exchange);
    for (const QPointer<HttpExchange>& exchange : std::as_const(gone)) {
        if (!exchange)
            continue;
        exchange->markClientGone();
        exchange->deleteLater();
    }
    Q_EMIT closed(this);
}

} // namespace flarechat
