#include "ResponsesSession.h"

#include "server/HttpExchange.h"

namespace flarechat {

ResponsesSession::ResponsesSession(HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent)
    : CompletionSession(exchange, job, options.stream, options.keepAliveMs, parent)
    , m_options(options)
    , m_events(options.shell, options.customTools, options.estimatedInputTokens)
{
}

void ResponsesSession::send(const QList<ResponsesEventWriter::Event>& events)
{
    if (!exchange())
        return;
    for (const ResponsesEventWriter::Event& e : events)
        exchange()->writeEvent(e.name, e.data);
}

void ResponsesSession::writeStreamStart()
{
    send(m_events.start());
}

void ResponsesSession::writeDelta(const ChatDelta& delta)
{
    send(m_events.delta(delta));
}

void ResponsesSession::writeFinished(const ChatResult& result)
{
    if (!m_options.stream) {
        const QJsonObject response = ResponsesWire::completed(m_options.shell,
            ResponsesWire::outputItems(result, m_options.customTools), result, m_options.estimatedInputTokens);
        exchange()->respondJson(200, response);
        Q_EMIT responded(response);
        finish(200);
        return;
    }
    send(m_events.finish(result));
    exchange()->endStream();
    Q_EMIT responded(m_events.finalResponse());
    finish(200);
}

void ResponsesSession::writeError(const ApiError& error)
{
    if (!isStreamStarted()) {
        respondError(error.httpStatus, error.toJson(), error);
        return;
    }
    send(m_events.fail(error));
    exchange()->endStream();
    finish(200, error.message);
}

} // namespace flarechat
