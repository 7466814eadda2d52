#include "HttpExchange.h"

#include "server/HttpConnection.h"
#include "server/HttpServer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <utility>

namespace flarechat {

namespace {

} // namespace

QByteArray HttpExchange::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 402:
        return QByteArrayLiteral("Payment Required");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return status >= 200 && status < 600 ? QByteArrayLiteral("Status") : QByteArrayLiteral("Unknown");
    }
}

// IMF-fixdate (RFC 9110 §5.6.7), formatted once a second per thread rather than per response.
QByteArray HttpExchange::httpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 second = now.toSecsSinceEpoch();
    if (second != cachedSecond) {
        cachedSecond = second;
        cached = QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    }
    return cached;
}

namespace {

// Framing and hop-by-hop fields belong to the transport; a handler's copy would contradict ours.
bool isReservedHeader(const QByteArray& name)
{
    static const char* const reserved[] = {"content-length", "transfer-encoding", "connection", "keep-alive", "date",
        "server", "upgrade", "trailer", "te"};
    for (const char* r : reserved) {
        if (name.compare(r, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// A CR, LF or NUL in a field would let a value (say, a model name echoed back) inject headers.
bool isSafeField(const QByteArray& name, const QByteArray& value)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (c <= ' ' || c == ':' || c == 0x7F)
            return false;
    }
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

bool hasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

// An SSE field whose text may hold line breaks: one line per piece, as the client rejoins them.
QByteArray sseField(const QByteArray& prefix, const QByteArray& text)
{
    if (!text.contains('\n') && !text.contains('\r')) // one line: the usual case (a JSON chunk)
        return prefix + text + "\n\n";
    QByteArray normalized = text;
    normalized.replace("\r\n", "\n");
    normalized.replace('\r', '\n');
    QByteArray out;
    out.reserve(normalized.size() + prefix.size() + 2);
    for (const QByteArray& line : normalized.split('\n')) {
        out += prefix;
        out += line;
        out += '\n';
    }
    out += '\n';
    return out;
}

} // namespace

HttpExchange::HttpExchange(HttpRequest request, const QHostAddress& peer, quint16 peerPort, HttpConnection* connection)
    : QObject(connection)
    , m_request(std::move(request))
    , m_peer(peer)
    , m_peerPort(peerPort)
    , m_connection(connection)
{
    m_clock.start();
}

HttpExchange::~HttpExchange()
{
    if (m_connection)
        m_connection->exchangeDestroyed(this);
}

void HttpExchange::addResponseHeader(const QByteArray& name, const QByteArray& value)
{
    m_extraHeaders.append({name, value});
}

bool HttpExchange::canWrite(const char* what) const
{
    if (m_clientGone || !m_connection)
        return false;
    if (m_state == State::Finished) {
        qCWarning(lcHttpServer) << what << "after the response was complete; ignored";
        return false;
    }
    return true;
}

QByteArray HttpExchange::responseHead(int status, const HttpHeaders& headers, bool closeAfter) const
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Date: " + httpDate() + "\r\n";
    head += "Server: FlareChat/" FLARECHAT_VERSION "\r\n";
    for (const HttpHeaders* list : {&m_extraHeaders, &headers}) {
        for (const auto& field : *list) {
            if (!isSafeField(field.first, field.second)) {
                qCWarning(lcHttpServer) << "dropped a response header with a forbidden character";
                continue;
            }
            if (isReservedHeader(field.first))
                continue;
            head += field.first + ": " + field.second + "\r\n";
        }
    }
    if (closeAfter)
        head += "Connection: close\r\n";
    else if (m_request.versionMinor == 0)
        head += "Connection: keep-alive\r\n"; // an HTTP/1.0 client asked for it and gets it
    return head;
}

void HttpExchange::respond(
    int status, const QByteArray& contentType, const QByteArray& body, const HttpHeaders& headers)
{
    if (!canWrite("respond"))
        return;
    if (m_state != State::Waiting) {
        qCWarning(lcHttpServer) << "respond() on an exchange already answered; ignored";
        return;
    }
    if (status < 200 || status > 599) {
        qCWarning(lcHttpServer) << "respond() with status" << status << "answered as 500";
        status = 500;
    }
    m_status = status;
    m_closeAfter = m_connection->closesAfter(this);
    QByteArray out = responseHead(status, headers, m_closeAfter);
    const bool noBody = hasNoBody(status);
    if (!noBody) {
        if (!contentType.isEmpty() && isSafeField(QByteArrayLiteral("Content-Type"), contentType))
            out += "Content-Type: " + contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n";
    // HEAD: the handler answers as for GET and the transport drops the body (RFC 9110 §9.3.2).
    if (!noBody && m_request.method != "HEAD")
        out += body;
    m_state = State::Finished;
    write(out);
    complete();
}

void HttpExchange::respondJson(int status, const QJsonObject& body, const HttpHeaders& headers)
{
    respond(status, QByteArrayLiteral("application/json"), QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

void HttpExchange::beginEventStream(const HttpHeaders& headers)
{
    if (!canWrite("beginEventStream"))
        return;
    if (m_state != State::Waiting) {
        qCWarning(lcHttpServer) << "beginEventStream() on an exchange already answered; ignored";
        return;
    }
    m_status = 200;
    const bool head = m_request.method == "HEAD";
    // HTTP/1.0 has no chunked coding: the end of the stream is the end of the connection.
    m_chunked = m_request.versionMinor >= 1 && !head;
    m_closeAfter = !m_chunked && !head ? true : m_connection->closesAfter(this);
    QByteArray out = responseHead(200, headers, m_closeAfter);
    out += "Content-Type: text/event-stream; charset=utf-8\r\n"
           "Cache-Control: no-cache\r\n"
           "X-Accel-Buffering: no\r\n";
    if (m_chunked)
        out += "Transfer-Encoding: chunked\r\n";
    out += "\r\n";
    if (head) {
        m_state = State::Finished;
        write(out);
        complete();
        return;
    }
    m_state = State::Streaming;
    m_streamHead = out; // leaves with the first events
    writeStreamPayload({});
}

void HttpExchange::writeEvent(const QByteArray& data)
{
    if (m_state != State::Streaming || !canWrite("writeEvent"))
        return;
    writeStreamPayload(sseField(QByteArrayLiteral("data: "), data));
}

void HttpExchange::writeEvent(const QByteArray& name, const QByteArray& data)
{
    if (m_state != State::Streaming || !canWrite("writeEvent"))
        return;
    QByteArray clean = name;
    clean.replace('\r', QByteArray()).replace('\n', QByteArray()); // a name never breaks its line
    writeStreamPayload("event: " + clean + '\n' + sseField(QByteArrayLiteral("data: "), data));
}

void HttpExchange::writeComment(const QByteArray& text)
{
    if (m_state != State::Streaming || !canWrite("writeComment"))
        return;
    writeStreamPayload(sseField(QByteArrayLiteral(": "), text));
}

void HttpExchange::endStream()
{
    if (m_state != State::Streaming || !canWrite("endStream"))
        return;
    m_state = State::Finished;
    flushStream(); // may find the client gone
    if (m_chunked && m_connection)
        write(QByteArrayLiteral("0\r\n\r\n"));
    complete();
}

void HttpExchange::writeStreamPayload(const QByteArray& payload)
{
    m_streamEvents += payload;
    // Past the high-water mark the bytes go now, so congestion only ever means bytes the socket
    // could not take (a client that does not read), never bytes waiting for the event loop.
    if (m_connection && m_connection->pendingBytesFor(this) > m_connection->m_config.highWaterBytes) {
        flushStream();
        return;
    }
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    // Queued behind whatever the handler still does in this turn (the rest of a burst that
    // arrived from upstream at once); the first token of a reply does not wait for it, as the
    // handler lets the event loop turn after it (CompletionJob).
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushQueued = false;
            flushStream();
        },
        Qt::QueuedConnection);
}

void HttpExchange::flushStream()
{
    if (!m_connection || m_clientGone) {
        m_streamHead.clear();
        m_streamEvents.clear();
        return;
    }
    if (m_streamHead.isEmpty() && m_streamEvents.isEmpty())
        return;
    QByteArray out = std::exchange(m_streamHead, {});
    const QByteArray events = std::exchange(m_streamEvents, {});
    if (!events.isEmpty()) {
        if (m_chunked) {
            // Whole events in one chunk: a client's parser never sees an event cut in two.
            out.reserve(out.size() + events.size() + 12);
            out += QByteArray::number(events.size(), 16);
            out += "\r\n";
            out += events;
            out += "\r\n";
        } else {
            out += events;
        }
    }
    write(out);
}

void HttpExchange::write(const QByteArray& bytes)
{
    m_bytesSent += bytes.size();
    m_connection->exchangeWrite(this, bytes);
}

void HttpExchange::complete()
{
    if (m_connection)
        m_connection->exchangeComplete(this);
}

void HttpExchange::markDelivered()
{
    if (m_delivered)
        return;
    m_delivered = true;
    Q_EMIT finished();
}

void HttpExchange::markClientGone()
{
    m_connection = nullptr;
    m_streamHead.clear();
    m_streamEvents.clear();
    if (m_delivered || m_clientGone)
        return;
    m_clientGone = true;
    Q_EMIT clientGone();
}

qint64 HttpExchange::pendingBytes() const
{
    return m_connection ? m_connection->pendingBytesFor(this) : 0;
}

bool HttpExchange::isCongested() const
{
    return m_congested && m_connection;
}

} // namespace flarechat
