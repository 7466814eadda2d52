#include "HttpClient.h"

#include "http/HttpRequestWriter.h"
#include "http/HttpResponseParser.h"
#include "http/HttpRoute.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcHttpClient, "flarechat.http.client")

namespace flarechat {

namespace httpclient_detail {

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

// One kept-alive socket to a route, carrying one request at a time.
class Connection final : public QObject
{
public:
    Connection(HttpClient* client, const HttpRoute& route, quint64 generation)
        : QObject(client)
        , m_client(client)
        , m_route(route)
        , m_generation(generation)
    {
        m_idleTimer.setSingleShot(true);
        connect(&m_idleTimer, &QTimer::timeout, this, [this] { close(); });
    }

    const HttpRoute& route() const { return m_route; }
    quint64 generation() const { return m_generation; }
    bool isIdle() const { return !m_reply && !m_closed; }
    bool isUsable() const
    {
        return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0
            && !m_closed;
    }

    void start(HttpClientReply* reply, bool reused)
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
        if (!m_socket)
            open();
        else
            writeRequest();
    }

    // Another pass over the socket once the reader made room (backpressure).
    void resume()
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

    // The reply gave up: close at once, say nothing.
    void abandon()
    {
        m_reply = nullptr;
        close();
    }

    void close()
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

private:
    void open()
    {
        ++m_client->m_opened;
        if (m_route.tls) {
            auto* ssl = new QSslSocket(this);
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
            ssl->setSslConfiguration(config);
            ssl->setPeerVerifyName(m_route.host);
            m_socket = ssl;
            connect(ssl, &QSslSocket::encrypted, this, &Connection::onConnected);
        } else {
            m_socket = new QTcpSocket(this);
            connect(m_socket, &QTcpSocket::connected, this, &Connection::onConnected);
        }
        m_socket->setProxy(m_route.socketProxy);
        m_socket->setReadBufferSize(m_client->m_options.readBufferBytes);
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
        connect(m_socket, &QTcpSocket::errorOccurred, this, &Connection::onError);
        connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
        if (m_route.tls)
            static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_route.host, m_route.port);
        else
            m_socket->connectToHost(m_route.host, m_route.port);
    }

    void onConnected()
    {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        if (m_reply && m_toWrite == 0)
            writeRequest();
    }

    void writeRequest()
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return; // onConnected() writes it
        if (m_route.tls && !static_cast<QSslSocket*>(m_socket)->isEncrypted())
            return;
        m_toWrite = m_request.size();
        m_socket->write(m_request);
        m_request.clear();
    }

    void onBytesWritten(qint64 n)
    {
        if (!m_reply || m_toWrite <= 0)
            return;
        m_toWrite -= n;
        if (m_toWrite <= 0 && !m_reply->m_sent) {
            m_reply->m_sent = true;
            QPointer<Connection> self(this);
            Q_EMIT m_reply->requestSent();
            if (!self)
                return;
        }
    }

    void onReadyRead()
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

    void process(const QByteArray& bytes)
    {
        QPointer<Connection> self(this);
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
                    finish(QNetworkReply::ProxyAuthenticationRequiredError,
                        QStringLiteral("Proxy requires authentication"));
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

    // Where a 3xx response sends the request, if it is to be followed: a Location on the same
    // host, not from https to http, not the same URL, within the redirect budget.
    QUrl redirectTarget(const HttpClientReply* reply) const
    {
        if (!isRedirect(reply->m_status) || reply->m_redirects >= m_client->m_options.maxRedirects)
            return {};
        const QByteArray location = reply->rawHeader("location").trimmed();
        if (location.isEmpty())
            return {};
        const QUrl target = reply->m_url.resolved(QUrl::fromEncoded(location));
        const bool sameHost = target.host().compare(reply->m_url.host(), Qt::CaseInsensitive) == 0;
        const bool safe = target.scheme() == reply->m_url.scheme()
            || (reply->m_url.scheme() == QLatin1String("http") && target.scheme() == QLatin1String("https"));
        if (!target.isValid() || !sameHost || !safe || target.adjusted(QUrl::RemoveFragment) == reply->m_url)
            return {};
        return target.adjusted(QUrl::RemoveFragment);
    }

    void onDisconnected()
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

    void atEof()
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
        finish(
            QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed: %1").arg(m_parser.errorString()));
    }

    void onError(QAbstractSocket::SocketError e)
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

    // The request ended: hand the outcome to the reply, then pool or close this connection.
    void finish(QNetworkReply::NetworkError error, const QString& text)
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

    friend class flarechat::HttpClient;
};

} // namespace httpclient_detail

using httpclient_detail::Connection;

// ---- HttpClientReply ---------------------------------------------------------------------------

HttpClientReply::HttpClientReply(
    HttpClient* client, const QByteArray& method, const QNetworkRequest& request, const QByteArray& body)
    : QObject(client)
    , m_client(client)
    , m_method(method)
    , m_request(request)
    , m_url(request.url())
    , m_requestBody(body)
{
}

HttpClientReply::~HttpClientReply()
{
    abort();
}

QByteArray HttpClientReply::rawHeader(QByteArrayView name) const
{
    for (const auto& h : m_headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpClientReply::readAll()
{
    QByteArray out = std::exchange(m_body, QByteArray());
    if (m_connection && m_client && out.size() >= m_client->m_options.readBufferBytes)
        m_connection->resume(); // it may have stopped reading for us
    return out;
}

void HttpClientReply::abort()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_connection) {
        Connection* c = m_connection;
        m_connection = nullptr;
        c->abandon();
    }
    if (m_error == QNetworkReply::NoError) {
        m_error = QNetworkReply::OperationCanceledError;
        m_errorString = QStringLiteral("Operation canceled");
    }
}

// ---- HttpClient --------------------------------------------------------------------------------

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
{
}

HttpClient::~HttpClient()
{
    // Replies are children too; they must not reach back into connections being destroyed.
    const QList<HttpClientReply*> replies = findChildren<HttpClientReply*>(QString(), Qt::FindDirectChildrenOnly);
    for (HttpClientReply* r : replies) {
        r->m_client = nullptr;
        r->m_connection = nullptr;
    }
    const QList<Connection*> connections = m_connections;
    m_connections.clear();
    m_idle.clear();
    for (Connection* c : connections) {
        if (c->m_reply) { // a reply the caller took elsewhere
            c->m_reply->m_client = nullptr;
            c->m_reply->m_connection = nullptr;
        }
        c->m_client = nullptr;
        c->m_reply = nullptr;
        // Out of our children: ~QObject would delete it at once, also when this destructor runs
        // inside one of its sockets' signals; deleteLater() (in close()) waits for that to return.
        c->setParent(nullptr);
        c->close();
    }
}

void HttpClient::setProxy(const QNetworkProxy& proxy)
{
    m_routes.setProxy(proxy);
    ++m_generation;
    closeIdleConnections();
}

int HttpClient::idleConnections() const
{
    return static_cast<int>(m_idle.size());
}

void HttpClient::closeIdleConnections()
{
    const QList<Connection*> idle = m_idle.values();
    m_idle.clear();
    for (Connection* c : idle)
        c->close();
}

HttpClientReply* HttpClient::post(const QNetworkRequest& request, const QByteArray& body)
{
    return send(QByteArrayLiteral("POST"), request, body);
}

HttpClientReply* HttpClient::get(const QNetworkRequest& request)
{
    return send(QByteArrayLiteral("GET"), request, QByteArray());
}

HttpClientReply* HttpClient::send(const QByteArray& method, const QNetworkRequest& request, const QByteArray& body)
{
    auto* reply = new HttpClientReply(this, method, request, body);
    const QString scheme = request.url().scheme();
    // Refused before any connection: reported from the event loop (after the caller connected),
    // unless the caller aborts first.
    const auto refuse = [reply](QNetworkReply::NetworkError error, const QString& text) {
        QMetaObject::invokeMethod(
            reply,
            [reply, error, text] {
                if (!reply->m_running)
                    return; // aborted
                reply->m_running = false;
                reply->m_error = error;
                reply->m_errorString = text;
                reply->m_finishedEmitted = true;
                Q_EMIT reply->finished();
            },
            Qt::QueuedConnection);
        return reply;
    };
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return refuse(QNetworkReply::ProtocolUnknownError, QStringLiteral("Protocol \"%1\" is unknown").arg(scheme));
    if (scheme == QLatin1String("https") && !QSslSocket::supportsSsl())
        return refuse(QNetworkReply::SslHandshakeFailedError,
            QStringLiteral("TLS is not available (no TLS backend could be loaded)"));
    dispatch(reply, false);
    return reply;
}

void HttpClient::dispatch(HttpClientReply* reply, bool fresh)
{
    const HttpRoute route = m_routes.routeFor(reply->m_url);
    Connection* connection = nullptr;
    bool reused = false;
    if (!fresh) {
        while (!connection) {
            auto it = m_idle.find(route.key);
            if (it == m_idle.end())
                break;
            Connection* c = it.value();
            m_idle.erase(it);
            if (c->isUsable() && c->generation() == m_generation) {
                connection = c;
                reused = true;
            } else {
                c->close();
            }
        }
    }
    if (!connection) {
        connection = new Connection(this, route, m_generation);
        m_connections.append(connection);
    }
    reply->m_connection = connection;
    connection->start(reply, reused);
}

void HttpClient::release(Connection* connection, bool reusable)
{
    if (!reusable || connection->generation() != m_generation
        || m_idle.count(connection->route().key) >= m_options.maxIdlePerRoute) {
        connection->close();
        return;
    }
    m_idle.insert(connection->route().key, connection);
    connection->m_idleTimer.start(m_options.idleTimeoutMs);
}

void HttpClient::forget(Connection* connection)
{
    m_connections.removeOne(connection);
    auto it = m_idle.begin();
    while (it != m_idle.end()) {
        if (it.value() == connection)
            it = m_idle.erase(it);
        else
            ++it;
    }
}

} // namespace flarechat
