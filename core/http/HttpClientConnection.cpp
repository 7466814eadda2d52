#include "HttpClientConnection.h"

#include "http/HttpClient.h"
#include "http/HttpRequestWriter.h"

#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcHttpClient, "flarechat.http.client")

namespace flarechat {

namespace {

QNetworkReply::NetworkError networkError(QAbstractSocket::SocketError e)
{
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case QAbstractSocket::ProxyConnectionRefusedError:
        return QNetworkReply::ProxyConnectionRefusedError;
    case QAbstractSocket::ProxyConnectionClosedError:
        return QNetworkReply::ProxyConnectionClosedError;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyTimeoutError;
    case QAbstractSocket::ProxyNotFoundError:
        return QNetworkReply::ProxyNotFoundError;
    case QAbstractSocket::ProxyProtocolError:
        return QNetworkReply::UnknownProxyError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

// A reused connection that closes this soon after its request was handed over was closed by
// the server while idle (the keep-alive race); the request is sent again on a new connection.
constexpr qint64 kResendWindowMs = 1000;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 307 || status == 308;
}

} // namespace

HttpClientConnection::HttpClientConnection(HttpClient* client, const HttpRoute& route, quint64 generation)
    : QObject(client)
    , m_client(client)
    , m_route(route)
    , m_generation(generation)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] { close(); });
}

bool HttpClientConnection::isUsable() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0
        && !m_closed;
}

void HttpClientConnection::start(HttpClientReply* reply, bool reused)
{
    m_idleTimer.stop();
    m_reply = reply;
    m_reused = reused;
    m_startedAt.start();
    m_redirectTo.clear();
    m_parser.reset(reply->m_method == "HEAD");
    m_unparsed.clear();
    m_eof = false;
    m_headSeen = false;
    m_toWrite = 0;
    m_request = HttpRequestWriter::write(reply->m_method, reply->m_request, reply->m_requestBody, m_route);
    // HttpClient::send() refused unwritable headers already; should one get here, nothing is sent.
    Q_ASSERT(!m_request.isEmpty());
    if (!m_socket)
        open();
    else
        writeRequest();
}

void HttpClientConnection::resume()
{
    if (m_resumeQueued || !m_reply)
        return;
    m_resumeQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_resumeQueued = false;
            if (m_reply) // else the response ended meanwhile and this connection is idle
                onReadyRead();
        },
        Qt::QueuedConnection);
}

void HttpClientConnection::abandon()
{
    m_reply = nullptr;
    close();
}

void HttpClientConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_idleTimer.stop();
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    if (m_client)
        m_client->forget(this);
    deleteLater();
}

void HttpClientConnection::keepIdle(int timeoutMs)
{
    m_idleTimer.start(timeoutMs);
}

void HttpClientConnection::detachFromClient()
{
    if (m_reply) { // a reply the caller took elsewhere
        m_reply->m_client = nullptr;
        m_reply->m_connection = nullptr;
    }
    m_client = nullptr;
    m_reply = nullptr;
    // Out of the client's children: ~QObject would delete it at once, also when the client's
    // destructor runs inside one of this connection's socket signals; deleteLater() (in close())
    // waits for that to return.
    setParent(nullptr);
    close();
}

void HttpClientConnection::open()
{
    ++m_client->m_opened;
    if (m_route.tls) {
        auto* ssl = new QSslSocket(this);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        ssl->setSslConfiguration(config);
        ssl->setPeerVerifyName(m_route.host);
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, &HttpClientConnection::onConnected);
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &HttpClientConnection::onConnected);
    }
    m_socket->setProxy(m_route.socketProxy);
    m_socket->setReadBufferSize(m_client->m_options.readBufferBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpClientConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpClientConnection::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpClientConnection::onDisconnected);
    if (m_route.tls)
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_route.host, m_route.port);
    else
        m_socket->connectToHost(m_route.host, m_route.port);
}

void HttpClientConnection::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    if (m_reply && m_toWrite == 0)
        writeRequest();
}

void HttpClientConnection::writeRequest()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return; // onConnected() writes it
    if (m_route.tls && !static_cast<QSslSocket*>(m_socket)->isEncrypted())
        return;
    m_toWrite = m_request.size();
    m_socket->write(m_request);
    m_request.clear();
}

void HttpClientConnection::onBytesWritten(qint64 n)
{
    if (!m_reply || m_toWrite <= 0)
        return;
    m_toWrite -= n;
    if (m_toWrite <= 0 && !m_reply->m_sent) {
        m_reply->m_sent = true;
        QPointer<HttpClientConnection> self(this);
        Q_EMIT m_reply->requestSent();
        if (!self)
            return;
    }
}

void HttpClientConnection::onReadyRead()
{
    if (m_closed)
        return;
    if (!m_reply) {
        // Bytes or the end on an idle connection: the server closed it or broke the protocol.
        close();
        return;
    }
    if (m_reply->m_body.size() >= m_client->m_options.readBufferBytes)
        return; // the reader is behind: leave the rest in the socket (resume() comes back)
    QByteArray bytes = std::exchange(m_unparsed, QByteArray());
    if (m_socket)
        bytes += m_socket->readAll();
    process(bytes);
}

void HttpClientConnection::process(const QByteArray& bytes)
{
    QPointer<HttpClientConnection> self(this);
    HttpClientReply* reply = m_reply;
    if (!bytes.isEmpty()) {
        QByteArray body;
        if (!m_parser.feed(bytes, &body)) {
            finish(QNetworkReply::ProtocolFailure,
                QStringLiteral("Malformed HTTP response: %1").arg(m_parser.errorString()));
            return;
        }
        bool newHead = false;
        if (m_parser.headComplete() && !m_headSeen) {
            m_headSeen = newHead = true;
            reply->m_status = m_parser.status();
            reply->m_headers = m_parser.headers();
            if (m_route.viaHttpProxy && m_route.absoluteForm && reply->m_status == 407) {
                finish(
                    QNetworkReply::ProxyAuthenticationRequiredError, QStringLiteral("Proxy requires authentication"));
                return;
            }
            m_redirectTo = redirectTarget(reply);
        }
        // A redirect to follow: its body is read to the end and dropped (never held, so it
        // cannot fill the read buffer), then finish() sends the request again.
        if (m_redirectTo.isEmpty() && (newHead || !body.isEmpty())) {
            if (reply->m_body.isEmpty())
                reply->m_body = std::move(body);
            else
                reply->m_body += body;
            Q_EMIT reply->readyRead();
            if (!self || m_reply != reply)
                return;
        }
    }
    if (m_parser.isComplete()) {
        finish(QNetworkReply::NoError, QString());
        return;
    }
    if (m_eof)
        atEof();
}

QUrl HttpClientConnection::redirectTarget(const HttpClientReply* reply) const
{
    if (!isRedirect(reply->m_status) || reply->m_redirects >= m_client->m_options.maxRedirects)
        return {};
    const QByteArray location = reply->rawHeader("location").trimmed();
    if (location.isEmpty())
        return {};
    const QUrl target = reply->m_url.resolved(QUrl::fromEncoded(location));
    // The same origin host and port (http -> https moves to 443 by design): the request carries
    // the API token, which must not reach another service on the same machine.
    const int defaultPort = [](const QUrl& u) { return u.scheme() == QLatin1String("https") ? 443 : 80; }(reply->m_url);
    const bool upgrade = reply->m_url.scheme() == QLatin1String("http") && target.scheme() == QLatin1String("https");
    const bool samePort = upgrade ? target.port(443) == 443 && reply->m_url.port(80) == 80
                                  : target.port(defaultPort) == reply->m_url.port(defaultPort);
    const bool sameHost = target.host().compare(reply->m_url.host(), Qt::CaseInsensitive) == 0 && samePort;
    const bool safe = target.scheme() == reply->m_url.scheme()
        || (reply->m_url.scheme() == QLatin1String("http") && target.scheme() == QLatin1String("https"));
    if (!target.isValid() || !sameHost || !safe || target.adjusted(QUrl::RemoveFragment) == reply->m_url)
        return {};
    return target.adjusted(QUrl::RemoveFragment);
}

void HttpClientConnection::onDisconnected()
{
    if (m_closed)
        return;
    if (!m_reply) {
        close();
        return;
    }
    if (m_socket)
        m_unparsed += m_socket->readAll();
    m_eof = true;
    if (m_reply->m_body.size() >= m_client->m_options.readBufferBytes)
        return; // handled once the reader catches up
    process(std::exchange(m_unparsed, QByteArray()));
}

void HttpClientConnection::atEof()
{
    if (!m_unparsed.isEmpty())
        return; // still bytes to hand over first
    if (m_parser.finishAtEof()) {
        finish(QNetworkReply::NoError, QString());
        return;
    }
    if (!m_parser.started()) {
        finish(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
        return;
    }
    finish(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed: %1").arg(m_parser.errorString()));
}

void HttpClientConnection::onError(QAbstractSocket::SocketError e)
{
    if (m_closed)
        return;
    if (e == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    if (!m_reply) {
        close();
        return;
    }
    if (e == QAbstractSocket::SocketTimeoutError && m_socket->state() == QAbstractSocket::ConnectedState)
        return; // a read or write timeout of a blocking call; not ours
    finish(networkError(e), m_socket->errorString());
}

void HttpClientConnection::finish(QNetworkReply::NetworkError error, const QString& text)
{
    HttpClientReply* reply = m_reply;
    HttpClient* client = m_client;
    // A kept-alive connection the server had closed as we reused it: the close comes at once.
    // Much later (a proxy giving up on a long request) the request may have been served:
    // sending it again would run (and bill) it twice.
    const bool retryFresh = error == QNetworkReply::RemoteHostClosedError && m_reused && !m_parser.started()
        && (!reply->m_sent || m_startedAt.elapsed() < kResendWindowMs);
    // Reusable only with the request written whole (a server may answer before the body is
    // in, e.g. 413) and the response read exactly to its end.
    const bool reusable = error == QNetworkReply::NoError && reply->m_sent && m_parser.keepAlive()
        && m_parser.leftover().isEmpty() && m_unparsed.isEmpty() && !m_eof && m_socket
        && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() == 0;
    const QUrl redirectTo = error == QNetworkReply::NoError ? m_redirectTo : QUrl();
    m_reply = nullptr;
    reply->m_connection = nullptr;
    if (client)
        client->release(this, reusable);
    else
        close();
    if (!client || !reply)
        return;

    if (retryFresh) {
        // The server closed the kept-alive connection as we reused it: nothing was lost.
        qCDebug(lcHttpClient) << "a reused connection closed before the response; sending again";
        reply->m_sent = false;
        client->dispatch(reply, true);
        return;
    }
    if (!redirectTo.isEmpty()) {
        ++reply->m_redirects;
        reply->m_url = redirectTo;
        reply->m_request.setUrl(redirectTo);
        reply->m_status = 0;
        reply->m_headers.clear();
        reply->m_body.clear();
        reply->m_sent = false;
        client->dispatch(reply, false);
        return;
    }
    reply->m_running = false;
    reply->m_error = error;
    reply->m_errorString = text;
    reply->m_finishedEmitted = true;
    Q_EMIT reply->finished();
}

} // namespace flarechat
