#pragma once

#include "http/SseEvent.h"
#include "openai/ApiError.h"
#include "openai/ChatTypes.h"
#include "responses/ResponsesWire.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>

namespace flarechat {

// Turns the engine's stream of one reply (ChatDelta..., then a ChatResult or an ApiError) into
// the Responses API's events, each with its sequence_number, in OpenAI's order:
//   response.created, response.in_progress,
//   per output item: response.output_item.added, then
//     reasoning: response.content_part.added, response.reasoning_text.delta...,
//                response.reasoning_text.done, response.content_part.done
//     message:   response.content_part.added, response.output_text.delta...,
//                response.output_text.done, response.content_part.done
//     function_call: response.function_call_arguments.delta..., response.function_call_arguments.done
//     custom_tool_call: response.custom_tool_call_input.delta, response.custom_tool_call_input.done
//   response.output_item.done (the finished item: Codex takes the turn's items from these),
//   response.completed (or response.incomplete at the token limit) with the whole response.
// A reasoning or message item is open until something else arrives; tool calls stay open to the
// end, so fragments of several calls may interleave. A failure after the start is
// response.failed with the output so far, and nothing follows it. Pure code.
class ResponsesEventWriter final
{
public:
    using Event = SseEvent;

    ResponsesEventWriter() = default;
    ResponsesEventWriter(
        const ResponsesWire::Shell& shell, const QSet<QString>& customTools, qint64 estimatedInputTokens);

    QList<Event> start(); // response.created, response.in_progress (once; the others start first if needed)
    QList<Event> delta(const ChatDelta& delta);
    QList<Event> finish(const ChatResult& result);
    QList<Event> fail(const ApiError& error);

    bool isStarted() const { return m_started; }
    bool isEnded() const { return m_ended; }
    // The whole response of response.completed (after finish()), for the response store.
    const QJsonObject& finalResponse() const { return m_final; }

private:
    enum class Kind { Reasoning, Message, Call };
    struct Item
    {
        Kind kind = Kind::Message;
        QString id;
        QString text; // reasoning or message text, or a call's arguments
        ToolCall call; // Kind::Call
        bool done = false;
    };

    void push(const char* type, QJsonObject o, QList<Event>* out);
    void ensureStarted(QList<Event>* out);
    int openText(Kind kind, QList<Event>* out); // the open reasoning or message item, opened if needed
    void closeText(QList<Event>* out);
    void closeItem(int index, QList<Event>* out);
    QJsonObject itemJson(const Item& item) const;
    QJsonArray output() const;
    bool isCustom(const Item& item) const { return m_customTools.contains(item.call.name); }

    ResponsesWire::Shell m_shell;
    QSet<QString> m_customTools;
    qint64 m_inputTokens = 0;
    int m_sequence = 0;
    bool m_started = false;
    bool m_ended = false;
    QList<Item> m_items; // by output_index
    int m_openText = -1; // index of the open reasoning or message item
    QHash<int, int> m_calls; // the engine's tool-call index -> output index
    QJsonObject m_final;
};

} // namespace flarechat
