#include "OpenAiCompletionSession.h"

#include "openai/ChatCompletionWire.h"
#include "openai/ChatJson.h"
#include "openai/ChunkWriter.h"
#include "openai/CompletionsWire.h"
#include "server/HttpExchange.h"

#include <QDateTime>
#include <QJsonDocument>

namespace flarechat {

OpenAiCompletionSession::OpenAiCompletionSession(
    HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent)
    : CompletionSession(exchange, job, options.stream, options.keepAliveMs, parent)
    , m_options(options)
    , m_id(options.kind == Kind::Chat ? ChatCompletionWire::newChatId() : CompletionsWire::newCompletionId())
    , m_created(QDateTime::currentSecsSinceEpoch())
{
    if (m_options.stream && m_options.kind == Kind::Chat)
        m_chunks = ChunkWriter(m_id, m_created, m_options.model, m_options.includeUsage);
}

void OpenAiCompletionSession::writeStreamStart()
{
    if (m_options.kind == Kind::Chat)
        sendJson(ChatCompletionWire::roleChunk(m_id, m_created, m_options.model, m_options.includeUsage));
}

void OpenAiCompletionSession::sendJson(const QJsonObject& o)
{
    if (exchange())
        exchange()->writeEvent(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void OpenAiCompletionSession::sendDelta(const ChatDelta& d)
{
    if (exchange())
        exchange()->writeEvent(m_chunks.write(ChatCompletionWire::deltaJson(d, &m_toolCallsStarted)));
}

void OpenAiCompletionSession::writeDelta(const ChatDelta& incoming)
{
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
}

void OpenAiCompletionSession::writeFinished(const ChatResult& incoming)
{
    if (!m_options.stream) {
        const ChatResult r = m_options.inlineReasoning ? ReasoningInliner::apply(incoming) : incoming;
        if (m_options.kind == Kind::Chat) {
            exchange()->respondJson(200, ChatCompletionWire::chatCompletion(m_id, m_created, m_options.model, r));
        } else {
            exchange()->respondJson(200,
                CompletionsWire::textCompletion(
                    m_id, m_created, m_options.model, m_options.echoPrefix + r.content, r.finishReason, r.usage));
        }
        finish(200);
        return;
    }
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
    exchange()->writeEvent("[DONE]");
    exchange()->endStream();
    finish(200);
}

void OpenAiCompletionSession::writeError(const ApiError& error)
{
    if (!isStreamStarted()) {
        respondError(error.httpStatus, error.toJson(), error);
        return;
    }
    // Headers are gone: report in-band, as OpenAI does, then end the stream cleanly.
    sendJson(error.toJson());
    exchange()->writeEvent("[DONE]");
    exchange()->endStream();
    finish(200, error.message);
}

} // namespace flarechat
