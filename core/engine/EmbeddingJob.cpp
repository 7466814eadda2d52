#include "EmbeddingJob.h"

#include "workersai/UpstreamError.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace flarechat {

EmbeddingJob::EmbeddingJob(WorkersAiClient* client, const QString& model, const QStringList& texts, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clientGuard(client)
    , m_model(model)
    , m_texts(texts)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        release(true);
        fail(UpstreamError::timeout(QStringLiteral("no embeddings within %1 s").arg(m_timeoutMs / 1000)));
    });
}

EmbeddingJob::~EmbeddingJob()
{
    release(true);
}

void EmbeddingJob::start()
{
    const Endpoint& ep = m_client->endpoint();
    // The OpenAI-compatible endpoint, because it reports token usage; the native run endpoint
    // ({"text":[...]} → {"shape","data"}) does not. Both reply shapes are read below.
    QNetworkRequest req = ep.request(ep.openAiUrl(QStringLiteral("embeddings")));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("model"), m_model},
                                                      {QStringLiteral("input"), QJsonArray::fromStringList(m_texts)}})
                                .toJson(QJsonDocument::Compact);
    m_manager = m_client->acquireManager();
    m_reply = m_manager->post(req, body);
    connect(m_reply, &QNetworkReply::finished, this, &EmbeddingJob::onReply);
    m_timer.start(m_timeoutMs);
}

void EmbeddingJob::cancel()
{
    release(true);
    m_done = true;
}

void EmbeddingJob::onReply()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    release(false);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0 || reply->error() == QNetworkReply::ProxyAuthenticationRequiredError) {
        fail(UpstreamError::fromNetworkError(reply->error(), reply->errorString(),
                                             m_clientGuard ? m_clientGuard->endpoint() : Endpoint()));
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (status >= 300 || !root.value(QStringLiteral("success")).toBool(true)) {
        fail(UpstreamError::fromReply(status >= 300 ? status : 502, body, reply->rawHeader("Retry-After")));
        return;
    }
    // OpenAI shape {"data":[{"embedding":[...],"index":i}],"usage":{...}}, bare or in the
    // envelope, or the native {"result":{"shape","data":[[...]]}}.
    const QJsonObject result = root.value(QStringLiteral("result")).isObject()
        ? root.value(QStringLiteral("result")).toObject()
        : root;
    const QJsonArray data = result.value(QStringLiteral("data")).toArray();
    if (data.size() != m_texts.size()) {
        fail(ApiError::upstream(502, QStringLiteral("api_error"),
                                QStringLiteral("Workers AI returned %1 embeddings for %2 inputs.")
                                    .arg(data.size())
                                    .arg(m_texts.size()),
                                QStringLiteral("bad_upstream_response")));
        return;
    }
    m_vectors = QList<QVector<float>>(m_texts.size());
    for (int i = 0; i < data.size(); ++i) {
        const QJsonValue row = data.at(i);
        const QJsonArray values = row.isObject() ? row.toObject().value(QStringLiteral("embedding")).toArray() : row.toArray();
        const int index = row.isObject() ? row.toObject().value(QStringLiteral("index")).toInt(i) : i;
        QVector<float> v;
        v.reserve(values.size());
        for (const QJsonValue& x : values)
            v.append(static_cast<float>(x.toDouble()));
        m_vectors[index >= 0 && index < m_vectors.size() ? index : i] = v;
    }
    const QJsonObject usage = result.value(QStringLiteral("usage")).toObject();
    if (usage.contains(QStringLiteral("prompt_tokens")))
        m_promptTokens = static_cast<qint64>(usage.value(QStringLiteral("prompt_tokens")).toDouble());
    m_done = true;
    Q_EMIT finished();
}

void EmbeddingJob::fail(const ApiError& e)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(e);
}

void EmbeddingJob::release(bool abort)
{
    if (m_manager && m_clientGuard)
        m_client->releaseManager(m_manager);
    m_manager = nullptr;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        if (abort)
            reply->abort();
        reply->deleteLater();
    }
}

} // namespace flarechat
