// One TCP connection of the fake server: HTTP/1.1 framing of the scripted replies, pacing,
// keep-alive and pipelining, client aborts.

#include "FakeConnection.h"

#include "FakeWorkersAiWire.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace flarechat::test {

using wire::hex;

FakeConnection::FakeConnection(FakeWorkersAi* server, QTcpSocket* socket, qsizetype maxBody)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
    , m_reader(64 * 1024, maxBody)
{
    socket->setParent(this);
    QObject::connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
    QObject::connect(socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });
}

void FakeConnection::shutdown()
{
    m_gone = true;
    m_socket->disconnect(this);
    m_socket->abort();
}

void FakeConnection::onReadyRead()
{
    if (m_gone)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (m_busy) {
        // One request at a time: later pipelined requests wait for this reply to end.
        m_pending += bytes;
        return;
    }
    feed(bytes);
}

void FakeConnection::feed(const QByteArray& bytes)
{
    const HttpRequestReader::State state = m_reader.feed(bytes);
    if (state == HttpRequestReader::State::Error) {
        replyToMalformed();
        return;
    }
    if (state == HttpRequestReader::State::Incomplete) {
        if (m_reader.expectsContinue() && !m_continueSent) {
            m_continueSent = true;
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
    }
    m_continueSent = false;
    HttpRequestReader::Request request = m_reader.takeRequest();
    m_keepAlive = request.keepAlive;
    m_busy = true;
    // handle() may emit signals into test code; a test could delete the server from there.
    QPointer<FakeConnection> self(this);
    bool inference = false;
    QString path;
    FakeWorkersAi::Script script = m_server->handleRaw(request, &inference, &path);
    if (!self || m_gone)
        return;
    m_inference = inference;
    m_path = path;
    m_counted = true;
    play(script);
}

void FakeConnection::replyToMalformed()
{
    const int status = m_reader.errorStatus();
    FakeWorkersAi::Script s;
    if (status == 413) {
        s = FakeWorkersAi::error(FakeWorkersAi::Error::TooLarge);
    } else {
        s.status = status;
        s.contentType = "text/plain";
        s.chunks = {m_reader.errorText() + '\n'};
        s.useChunkedEncoding = false;
    }
    m_keepAlive = false;
    m_busy = true;
    m_inference = false;
    m_path.clear();
    m_counted = false;
    play(s);
}

void FakeConnection::play(const FakeWorkersAi::Script& script)
{
    m_script = script;
    m_next = 0;
    m_paceClock.invalidate();
    if (m_script.hang)
        return; // stays busy until the client gives up
    if (m_script.firstByteDelayMs > 0)
        QTimer::singleShot(m_script.firstByteDelayMs, this, [this] { writeHead(); });
    else
        writeHead();
}

bool FakeConnection::hasCustomHeader(const QByteArray& lowerName) const
{
    for (const auto& h : m_script.headers) {
        if (h.first.toLower() == lowerName)
            return true;
    }
    return false;
}

void FakeConnection::writeHead()
{
    if (m_gone)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_script.status) + ' ' + reason(m_script.status) + "\r\n";
    head += "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    if (!m_script.contentType.isEmpty() && !hasCustomHeader("content-type"))
        head += "Content-Type: " + m_script.contentType + "\r\n";
    const bool close = !m_keepAlive || m_script.closeAfterChunks;
    if (!hasCustomHeader("content-length") && !hasCustomHeader("transfer-encoding")) {
        if (m_script.useChunkedEncoding)
            head += "Transfer-Encoding: chunked\r\n";
        else if (!m_script.closeAfterChunks) // else the body runs to the close
            head += "Content-Length: " + QByteArray::number(m_script.body().size()) + "\r\n";
    }
    if (!hasCustomHeader("connection"))
        head += QByteArray("Connection: ") + (close ? "close" : "keep-alive") + "\r\n";
    head += "Server: cloudflare\r\n";
    head += "CF-RAY: " + hex(16) + "-FAKE\r\n";
    for (const auto& h : std::as_const(m_script.headers))
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    m_socket->write(head);
    writeChunks();
}

void FakeConnection::writeChunks()
{
    while (!m_gone && m_next < m_script.chunks.size()) {
        const QByteArray& piece = m_script.chunks.at(m_next++);
        if (!piece.isEmpty()) { // an empty HTTP chunk would end the body
            if (m_script.useChunkedEncoding && !hasCustomHeader("content-length"))
                m_socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
            else
                m_socket->write(piece);
        }
        if (m_next < m_script.chunks.size() && m_script.chunkDelayMs > 0) {
            m_socket->flush();
            // Paced like a model: chunk n is due n delays after the first, however late this
            // process got to the previous one (a busy client must not slow the model down).
            if (!m_paceClock.isValid())
                m_paceClock.start();
            const qint64 due = qint64(m_next) * m_script.chunkDelayMs - m_paceClock.elapsed();
            QTimer::singleShot(
                static_cast<int>(qMax<qint64>(0, due)), Qt::PreciseTimer, this, [this] { writeChunks(); });
            return;
        }
    }
    if (m_gone)
        return;
    if (m_script.closeAfterChunks) {
        endReply();
        closeOurselves();
        return;
    }
    if (m_script.useChunkedEncoding && !hasCustomHeader("content-length"))
        m_socket->write("0\r\n\r\n");
    endReply();
    if (!m_keepAlive) {
        closeOurselves();
        return;
    }
    if (!m_pending.isEmpty() || m_reader.hasBufferedBytes()) {
        const QByteArray pending = std::exchange(m_pending, QByteArray());
        // Later requests on this connection are served from the event loop, not recursively.
        QTimer::singleShot(0, this, [this, pending] {
            if (!m_gone && !m_busy)
                feed(pending);
        });
    }
}

void FakeConnection::endReply()
{
    m_busy = false;
    if (m_counted) {
        m_counted = false;
        m_server->requestEnded(m_inference, false, m_path);
    }
}

void FakeConnection::closeOurselves()
{
    m_closing = true;
    m_socket->disconnectFromHost();
}

void FakeConnection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    if (m_busy && m_counted && !m_closing) {
        m_counted = false;
        m_server->requestEnded(m_inference, true, m_path);
    }
    m_server->connectionGone(this);
}

QByteArray FakeConnection::reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

} // namespace flarechat::test
