#include "UpstreamCall.h"

#include "http/HttpClient.h"
#include "workersai/WorkersAiClient.h"

namespace flarechat {

UpstreamCall::UpstreamCall(QObject* parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        Reply r;
        r.timedOut = true;
        r.error = QNetworkReply::TimeoutError;
        r.errorString = QStringLiteral("Operation timed out");
        Callback done = std::exchange(m_done, Callback());
        abort();
        if (done)
            done(r);
    });
}

UpstreamCall::~UpstreamCall()
{
    abort();
}

void UpstreamCall::start(WorkersAiClient* client, const QByteArray& method, const QNetworkRequest& request,
    const QByteArray& body, int timeoutMs, Callback done)
{
    abort();
    m_done = std::move(done);
    const quint64 generation = ++m_generation;
    HttpClient* http = client ? client->httpClient() : nullptr;
    if (!http) {
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation != m_generation)
                    return; // started again meanwhile
                Reply r;
                r.error = QNetworkReply::OperationCanceledError;
                r.errorString = QStringLiteral("the client was shut down");
                complete(r);
            },
            Qt::QueuedConnection);
        return;
    }
    m_reply = http->send(method, request, body);
    connect(m_reply, &HttpClientReply::finished, this, [this] {
        HttpClientReply* reply = m_reply;
        if (!reply)
            return;
        m_reply = nullptr;
        m_deadline.stop();
        disconnect(reply, nullptr, this, nullptr);
        reply->deleteLater();
        Reply r;
        r.status = reply->status();
        r.body = reply->readAll();
        r.retryAfter = reply->rawHeader("retry-after");
        r.error = reply->error();
        r.errorString = reply->errorString();
        if (r.error != QNetworkReply::NoError)
            r.status = 0; // no whole answer: a cut-off body is a network failure, not Cloudflare's reply
        complete(r);
    });
    m_deadline.start(timeoutMs);
}

void UpstreamCall::abort()
{
    m_done = nullptr;
    m_deadline.stop();
    if (m_reply) {
        HttpClientReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void UpstreamCall::complete(const Reply& reply)
{
    Callback done = std::exchange(m_done, Callback());
    if (done)
        done(reply);
}

} // namespace flarechat
