#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTcpSocket>

namespace flarechat::test {

// One HTTP/1.x response as a raw client saw it on the wire.
struct HttpRawResponse
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent, in order
    QByteArray body; // de-chunked
    bool chunked = false;
    bool complete = false; // the whole body (or the terminating chunk) arrived

    QByteArray header(const QByteArray& name) const; // first value, case-insensitive; null if absent
    int headerCount(const QByteArray& name) const;
    QJsonObject json() const;
    QList<QByteArray> events() const; // "data:" payloads of an SSE body, in order
};

// Parses every response in `data`, in order; the last one may be incomplete. 1xx responses are
// entries of their own. A response framed by neither Content-Length nor chunking runs to the end
// of the data and is complete only when `eof` says the server closed. `bodylessCount` responses
// from the first are read as answers to HEAD (no body whatever the headers say).
QList<HttpRawResponse> parseHttpResponses(const QByteArray& data, bool eof = false, int bodylessCount = 0);

// A raw-socket HTTP client for server tests: writes exactly the bytes it is given and collects
// everything the server sends, so framing, ordering and closing are visible byte for byte. It
// never blocks: drive it with QTRY_* while the server runs in the same event loop.
class HttpRawClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpRawClient)

public:
    explicit HttpRawClient(quint16 port, QObject* parent = nullptr);

    void send(const QByteArray& bytes); // before the connection is up: written once it is
    // Stop taking bytes from the socket (the kernel buffers fill and the server sees backpressure),
    // or resume and take everything buffered.
    void setReading(bool reading);

    QTcpSocket* socket() { return &m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isClosed() const { return m_closed; } // the server closed (or reset) the connection
    const QByteArray& received() const { return m_received; }
    QList<HttpRawResponse> responses(int bodylessCount = 0) const
    {
        return parseHttpResponses(m_received, m_closed, bodylessCount);
    }

private:
    void readAvailable();

    QTcpSocket m_socket;
    QByteArray m_received;
    QByteArray m_unsent; // sent before the connection was up
    bool m_reading = true;
    bool m_closed = false;
};

} // namespace flarechat::test
