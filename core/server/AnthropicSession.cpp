#include "AnthropicSession.h"

#include "anthropic/MessagesError.h"
#include "anthropic/MessagesWire.h"
#include "server/HttpExchange.h"
#include "workersai/CompletionJob.h"

namespace flarechat {

AnthropicSession::AnthropicSession(HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent)
    : CompletionSession(exchange, job, options.stream, options.keepAliveMs, parent)
    , m_options(options)
    , m_id(MessagesWire::newMessageId())
    , m_events(m_id, options.model, options.estimatedInputTokens)
{
}

void AnthropicSession::send(const QList<MessagesEventWriter::Event>& events)
{
    if (!exchange())
        return;
    for (const MessagesEventWriter::Event& e : events)
        exchange()->writeEvent(e.name, e.data);
}

void AnthropicSession::writeStreamStart()
{
    send(m_events.start());
}

void AnthropicSession::writeDelta(const ChatDelta& delta)
{
    send(m_events.delta(delta));
}

void AnthropicSession::writeKeepAlive()
{
    send({MessagesEventWriter::ping()});
}

void AnthropicSession::writeFinished(const ChatResult& result)
{
    if (!m_options.stream) {
        exchange()->respondJson(200, MessagesWire::message(m_id, m_options.model, result, stopSequence()));
        finish(200);
        return;
    }
    send(m_events.finish(result, stopSequence()));
    exchange()->endStream();
    finish(200);
}

QString AnthropicSession::stopSequence() const
{
    return job() ? job()->stopSequence() : QString();
}

void AnthropicSession::writeError(const ApiError& error)
{
    if (!isStreamStarted()) {
        respondError(MessagesError::map(error).status, MessagesError::body(error), error);
        return;
    }
    send(m_events.fail(error));
    exchange()->endStream();
    finish(200, error.message);
}

} // namespace flarechat
