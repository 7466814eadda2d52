#include "OpenAiCompletionSession.h"

#include "openai/ChatCompletionWire.h"
#include "openai/ChatJson.h"
#include "openai/ChunkWriter.h"
#include "openai/CompletionsWire.h"
#include "server/HttpExchange.h"
#include "workersai/CompletionJob.h"

#include <QDateTime>
#include <QJsonDocument>

namespace flarechat {

OpenAiCompletionSession::OpenAiCompletionSession(
    HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_job(job)
    , m_options(options)
    , m_id(options.kind == Kind::Chat ? ChatCompletionWire::newChatId() : CompletionsWire::newCompletionId())
    , m_created(QDateTime::currentSecsSinceEpoch())
{
    m_clock.start();
    connect(job, &CompletionJob::delta, this, &OpenAiCompletionSession::onDelta);
    connect(job, &CompletionJob::finished, this, &OpenAiCompletionSession::onFinished);
    connect(job, &CompletionJob::failed, this, &OpenAiCompletionSession::onFailed);
    connect(exchange, &HttpExchange::clientGone, this, &OpenAiCompletionSession::onClientGone);
    connect(exchange, &HttpExchange::drained, this, [this] {
        if (m_job)
            m_job->setPaused(false);
    });
    if (m_options.stream && m_options.kind == Kind::Chat)
        m_chunks = ChunkWriter(m_id, m_created, m_options.model, m_options.includeUsage);
    if (m_options.stream) {
        m_keepAlive.setInterval(m_options.keepAliveMs);
        connect(&m_keepAlive, &QTimer::timeout, this, &OpenAiCompletionSession::onKeepAlive);
        m_keepAlive.start();
    }
}

OpenAiCompletionSession::~OpenAiCompletionSession()
{
    if (m_job) {
        m_job->cancel();
        m_job->deleteLater();
    }
}

void OpenAiCompletionSession::beginStream()
{
    if (m_streamStarted || !m_exchange)
        return;
    m_streamStarted = true;
    m_exchange->beginEventStream();
    if (m_options.kind == Kind::Chat)
        sendJson(ChatCompletionWire::roleChunk(m_id, m_created, m_options.model, m_options.includeUsage));
}

void OpenAiCompletionSession::sendJson(const QJsonObject& o)
{
    if (m_exchange)
        m_exchange->writeEvent(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void OpenAiCompletionSession::sendDelta(const ChatDelta& d)
{
    if (m_exchange)
        m_exchange->writeEvent(m_chunks.write(ChatCompletionWire::deltaJson(d, &m_toolCallsStarted)));
}

void OpenAiCompletionSession::applyBackpressure()
{
    if (m_exchange && m_job && m_exchange->isCongested())
        m_job->setPaused(true);
}

void OpenAiCompletionSession::onDelta(const ChatDelta& incoming)
{
    if (m_done || !m_options.stream || !m_exchange)
        return;
    if (m_outcome.ttftMs < 0)
        m_outcome.ttftMs = m_clock.elapsed();
    m_keepAlive.start(); // restart: only silence needs a keep-alive
    beginStream();
    const ChatDelta d = m_options.inlineReasoning ? m_inliner.transform(incoming) : incoming;
    if (m_options.kind == Kind::Text) {
        if (!d.content.isEmpty() || !m_options.echoPrefix.isEmpty()) {
            const QString text = m_options.echoPrefix + d.content;
            m_options.echoPrefix.clear();
            sendJson(CompletionsWire::textCompletionChunk(m_id, m_created, m_options.model, text, QJsonValue::Null));
        }
    } else if (!d.isEmpty()) {
        sendDelta(d);
    }
    applyBackpressure();
}

void OpenAiCompletionSession::onFinished(const ChatResult& incoming)
{
    if (m_done || !m_exchange)
        return;
    m_outcome.usage = incoming.usage;
    if (!m_options.stream) {
        const ChatResult r = m_options.inlineReasoning ? ReasoningInliner::apply(incoming) : incoming;
        if (m_options.kind == Kind::Chat) {
            m_exchange->respondJson(200, ChatCompletionWire::chatCompletion(m_id, m_created, m_options.model, r));
        } else {
            m_exchange->respondJson(200,
                CompletionsWire::textCompletion(
                    m_id, m_created, m_options.model, m_options.echoPrefix + r.content, r.finishReason, r.usage));
        }
        finish(200);
        return;
    }
    beginStream();
    if (m_options.inlineReasoning) {
        const ChatDelta tail = m_inliner.finish();
        if (!tail.content.isEmpty()) {
            if (m_options.kind == Kind::Chat)
                sendDelta(tail);
            else
                sendJson(CompletionsWire::textCompletionChunk(
                    m_id, m_created, m_options.model, tail.content, QJsonValue::Null));
        }
    }
    if (m_options.kind == Kind::Chat) {
        sendJson(ChatCompletionWire::finishChunk(
            m_id, m_created, m_options.model, incoming.finishReason, m_options.includeUsage));
        if (m_options.includeUsage)
            sendJson(ChatCompletionWire::usageChunk(m_id, m_created, m_options.model, incoming.usage));
    } else {
        QJsonObject last = CompletionsWire::textCompletionChunk(m_id, m_created, m_options.model, m_options.echoPrefix,
            incoming.finishReason.isEmpty() ? QStringLiteral("stop") : incoming.finishReason);
        if (m_options.includeUsage)
            last.insert(QStringLiteral("usage"), ChatJson::usageCounts(incoming.usage));
        sendJson(last);
    }
    m_exchange->writeEvent("[DONE]");
    m_exchange->endStream();
    finish(200);
}

void OpenAiCompletionSession::onFailed(const ApiError& error)
{
    if (m_done || !m_exchange)
        return;
    sendError(error);
}

void OpenAiCompletionSession::abort(const ApiError& error)
{
    if (m_done)
        return;
    if (m_exchange && !m_exchange->isClientGone())
        sendError(error);
    else
        finish(499, QStringLiteral("client closed the connection"));
    if (m_job)
        m_job->cancel(); // the upstream request ends now
}

void OpenAiCompletionSession::sendError(const ApiError& error)
{
    if (!m_streamStarted) {
        HttpHeaders headers;
        if (error.retryAfterSeconds >= 0)
            headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
        m_exchange->respondJson(error.httpStatus, error.toJson(), headers);
        finish(error.httpStatus, error.message);
        return;
    }
    // Headers are gone: report in-band, as OpenAI does, then end the stream cleanly.
    sendJson(error.toJson());
    m_exchange->writeEvent("[DONE]");
    m_exchange->endStream();
    finish(200, error.message);
}

void OpenAiCompletionSession::onClientGone()
{
    if (m_done)
        return;
    if (m_job)
        m_job->cancel(); // ends the upstream request now
    m_outcome.clientGone = true;
    finish(499, QStringLiteral("client closed the connection"));
}

void OpenAiCompletionSession::onKeepAlive()
{
    if (m_done || !m_exchange)
        return;
    // A model that thinks silently for long: commit to the stream so the comment can go out
    // and proxies and clients do not time the connection out.
    beginStream();
    m_exchange->writeComment("keep-alive");
}

void OpenAiCompletionSession::finish(int status, const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    m_keepAlive.stop();
    m_outcome.status = status;
    m_outcome.error = error;
    Q_EMIT done(m_outcome);
    deleteLater();
}

} // namespace flarechat
