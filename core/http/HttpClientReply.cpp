#include "HttpClientReply.h"

#include "http/HttpClient.h"
#include "http/HttpClientConnection.h"

#include <utility>

namespace flarechat {

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
        HttpClientConnection* c = m_connection;
        m_connection = nullptr;
        c->abandon();
    }
    if (m_error == QNetworkReply::NoError) {
        m_error = QNetworkReply::OperationCanceledError;
        m_errorString = QStringLiteral("Operation canceled");
    }
}

} // namespace flarechat
