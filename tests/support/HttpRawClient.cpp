#include "HttpRawClient.h"

#include <QJsonDocument>

#include <utility>

namespace flarechat::test {

QByteArray HttpRawResponse::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

int HttpRawResponse::headerCount(const QByteArray& name) const
{
    int n = 0;
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            ++n;
    }
    return n;
}

QJsonObject HttpRawResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QList<QByteArray> HttpRawResponse::events() const
{
    QList<QByteArray> out;
    for (const QByteArray& line : body.split('\n')) {
        if (line.startsWith("data: "))
            out.append(line.mid(6));
    }
    return out;
}

QList<HttpRawResponse> parseHttpResponses(const QByteArray& data, bool eof, int bodylessCount)
{
    QList<HttpRawResponse> out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        HttpRawResponse r;
        const QList<QByteArray> lines = data.mid(pos, headEnd - pos).split('\n');
        const QByteArray statusLine = lines.first().trimmed();
        const QList<QByteArray> parts = statusLine.split(' ');
        r.status = parts.size() > 1 ? parts.at(1).toInt() : -1;
        r.reason = statusLine.mid(statusLine.indexOf(' ', 9) + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        pos = headEnd + 4;
        // Informational responses do not count as the answers to HEAD requests.
        const bool informational = r.status >= 100 && r.status < 200;
        int finals = 0;
        for (const HttpRawResponse& p : out)
            finals += !(p.status >= 100 && p.status < 200);
        const bool bodyless = informational || r.status == 204 || r.status == 304 || finals < bodylessCount;
        if (bodyless) {
            r.complete = true;
            out.append(r);
            continue;
        }
        if (r.header("Transfer-Encoding").compare("chunked", Qt::CaseInsensitive) == 0) {
            r.chunked = true;
            for (;;) {
                const qsizetype lineEnd = data.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    break;
                bool ok = false;
                const qint64 size = data.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
                if (!ok)
                    break;
                if (size == 0) {
                    if (data.size() >= lineEnd + 4 && data.mid(lineEnd + 2, 2) == "\r\n") {
                        pos = lineEnd + 4;
                        r.complete = true;
                    }
                    break;
                }
                if (data.size() < lineEnd + 2 + size + 2)
                    break;
                r.body += data.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
            out.append(r);
            if (!r.complete)
                break;
            continue;
        }
        const QByteArray length = r.header("Content-Length");
        if (!length.isNull()) {
            const qint64 n = length.toLongLong();
            r.body = data.mid(pos, n);
            r.complete = r.body.size() == n;
            pos += r.body.size();
            out.append(r);
            if (!r.complete)
                break;
            continue;
        }
        r.body = data.mid(pos);
        r.complete = eof;
        pos = data.size();
        out.append(r);
    }
    return out;
}

HttpRawClient::HttpRawClient(quint16 port, QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        if (!m_unsent.isEmpty())
            send(std::exchange(m_unsent, {}));
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, &HttpRawClient::readAvailable);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        readAvailable();
        m_closed = true;
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        readAvailable();
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            m_closed = true;
    });
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
}

void HttpRawClient::send(const QByteArray& bytes)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_unsent += bytes; // QTcpSocket cannot write before it is connected
        return;
    }
    m_socket.write(bytes);
    m_socket.flush();
}

void HttpRawClient::setReading(bool reading)
{
    m_reading = reading;
    // A bounded read buffer makes Qt stop taking bytes from the kernel while we do not read.
    m_socket.setReadBufferSize(reading ? 0 : 4096);
    if (reading)
        readAvailable();
}

void HttpRawClient::readAvailable()
{
    if (m_reading && m_socket.isOpen())
        m_received += m_socket.readAll();
}

} // namespace flarechat::test
