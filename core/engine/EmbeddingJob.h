#pragma once

#include "openai/ApiError.h"
#include "workersai/UpstreamCall.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVector>

namespace flarechat {

class WorkersAiClient;

// One embeddings request to a Workers AI text-embedding model, through Workers AI's
// OpenAI-compatible /ai/v1/embeddings (which reports usage). Emits finished() with one vector
// per input text, in order, or failed().
class EmbeddingJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddingJob)

public:
    EmbeddingJob(WorkersAiClient* client, const QString& model, const QStringList& texts, QObject* parent = nullptr);
    ~EmbeddingJob() override;

    void start();
    void cancel();
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    const QList<QVector<float>>& vectors() const { return m_vectors; }
    qint64 promptTokens() const { return m_promptTokens; } // -1 when Workers AI did not say

Q_SIGNALS:
    void finished();
    void failed(const flarechat::ApiError& error);

private:
    void onReply(const UpstreamCall::Reply& reply);
    void fail(const ApiError& e);

    QPointer<WorkersAiClient> m_client;
    QString m_model;
    QStringList m_texts;
    UpstreamCall m_call;
    int m_timeoutMs = 60000;
    QList<QVector<float>> m_vectors;
    qint64 m_promptTokens = -1;
    bool m_done = false;
};

} // namespace flarechat
