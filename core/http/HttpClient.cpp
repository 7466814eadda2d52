#include "HttpClient.h"

#include "http/HttpRequestWriter.h"

#include "http/HttpClientConnection.h"

#include <QSslSocket>

namespace flarechat {

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
    const QList<HttpClientConnection*> connections = m_connections;
    m_connections.clear();
    m_idle.clear();
    for (HttpClientConnection* c : connections)
        c->detachFromClient();
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
    const QList<HttpClientConnection*> idle = m_idle.values();
    m_idle.clear();
    for (HttpClientConnection* c : idle)
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
    const QList<QByteArray> headers = request.rawHeaderList();
    for (const QByteArray& name : headers) {
        // A header that would break out of its line is never sent (nor said: it may be a token).
        if (!HttpRequestWriter::isValidHeaderName(name)
            || !HttpRequestWriter::isValidHeaderValue(request.rawHeader(name)))
            return refuse(QNetworkReply::ProtocolInvalidOperationError,
                QStringLiteral("a request header contains a line break or another character HTTP does not allow "
                               "(check the API token and the other settings for pasted line breaks)"));
    }
    if (scheme == QLatin1String("https") && !QSslSocket::supportsSsl())
        return refuse(QNetworkReply::SslHandshakeFailedError,
            QStringLiteral("TLS is not available (no TLS backend could be loaded)"));
    dispatch(reply, false);
    return reply;
}

void HttpClient::dispatch(HttpClientReply* reply, bool fresh)
{
    const HttpRoute route = m_routes.routeFor(reply->m_url);
    HttpClientConnection* connection = nullptr;
    bool reused = false;
    if (!fresh) {
        while (!connection) {
            auto it = m_idle.find(route.key);
            if (it == m_idle.end())
                break;
            HttpClientConnection* c = it.value();
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
        connection = new HttpClientConnection(this, route, m_generation);
        m_connections.append(connection);
    }
    reply->m_connection = connection;
    connection->start(reply, reused);
}

void HttpClient::release(HttpClientConnection* connection, bool reusable)
{
    if (!reusable || connection->generation() != m_generation
        || m_idle.count(connection->route().key) >= m_options.maxIdlePerRoute) {
        connection->close();
        return;
    }
    m_idle.insert(connection->route().key, connection);
    connection->keepIdle(m_options.idleTimeoutMs);
}

void HttpClient::forget(HttpClientConnection* connection)
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
