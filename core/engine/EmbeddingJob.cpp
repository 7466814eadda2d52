#include "EmbeddingJob.h"

#include "workersai/UpstreamError.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat {

EmbeddingJob::EmbeddingJob(WorkersAiClient* client, const QString& model, const QStringList& texts, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_texts(texts)
{
}

EmbeddingJob::~EmbeddingJob() = default;

void EmbeddingJob::start()
{
    const Endpoint ep = m_client ? m_client->endpoint() : Endpoint();
    // The OpenAI-compatible endpoint, because it reports token usage; the native run endpoint
    // ({"text":[...]} → {"shape","data"}) does not. Both reply shapes are read below.
    QNetworkRequest req = ep.request(ep.openAiUrl(QStringLiteral("embeddings")));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("model"), m_model},
                                              {QStringLiteral("input"), QJsonArray::fromStringList(m_texts)}})
                                .toJson(QJsonDocument::Compact);
    m_call.start(m_client, QByteArrayLiteral("POST"), req, body, m_timeoutMs,
        [this](const UpstreamCall::Reply& r) { onReply(r); });
}

void EmbeddingJob::cancel()
{
    m_call.abort();
    m_done = true;
}

void EmbeddingJob::onReply(const UpstreamCall::Reply& reply)
{
    if (m_done)
        return;
    if (reply.timedOut) {
        fail(UpstreamError::timeout(QStringLiteral("no embeddings within %1 s").arg(m_timeoutMs / 1000)));
        return;
    }
    const int status = reply.status;
    const QByteArray& body = reply.body;
    if (status == 0) {
        fail(UpstreamError::fromNetworkError(
            reply.error, reply.errorString, m_client ? m_client->endpoint() : Endpoint()));
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (status >= 300 || !root.value(QStringLiteral("success")).toBool(true)) {
        fail(UpstreamError::fromReply(status >= 300 ? status : 502, body, reply.retryAfter));
        return;
    }
    // OpenAI shape {"data":[{"embedding":[...],"index":i}],"usage":{...}}, bare or in the
    // envelope, or the native {"result":{"shape","data":[[...]]}}.
    const QJsonObject result
        = root.value(QStringLiteral("result")).isObject() ? root.value(QStringLiteral("result")).toObject() : root;
    const QJsonArray data = result.value(QStringLiteral("data")).toArray();
    if (data.size() != m_texts.size()) {
        fail(ApiError::upstream(502, ErrorType::Api,
            QStringLiteral("Workers AI returned %1 embeddings for %2 inputs.").arg(data.size()).arg(m_texts.size()),
            ErrorCode::BadUpstreamResponse));
        return;
    }
    m_vectors = QList<QVector<float>>(m_texts.size());
    for (int i = 0; i < data.size(); ++i) {
        const QJsonValue row = data.at(i);
        const QJsonArray values
            = row.isObject() ? row.toObject().value(QStringLiteral("embedding")).toArray() : row.toArray();
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

} // namespace flarechat
