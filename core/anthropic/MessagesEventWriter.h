#pragma once

#include "http/SseEvent.h"
#include "openai/ApiError.h"
#include "openai/ChatTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace flarechat {

// Turns the engine's stream of one reply (ChatDelta..., then a ChatResult or an ApiError) into
// Anthropic's Messages events, in Anthropic's order exactly:
//   message_start, content_block_start, ping, content_block_delta..., content_block_stop, ...,
//   message_delta (stop_reason, stop_sequence, usage), message_stop
// Each content block is opened when its first piece arrives and closed before the next opens:
// reasoning is a "thinking" block (thinking_delta), text a "text" block (text_delta), each tool
// call a "tool_use" block whose arguments go out as input_json_delta fragments as they arrive.
// Every opened block gets its content_block_stop (Claude Code shows nothing otherwise); a reply
// with no content at all gets one empty text block. A failure after the start is an `error`
// event with Anthropic's error body, and nothing follows it. Pure code.
class MessagesEventWriter final
{
public:
    using Event = SseEvent;

    MessagesEventWriter() = default;
    MessagesEventWriter(const QString& id, const QString& model, qint64 estimatedInputTokens);

    QList<Event> start(); // message_start (once; the other calls start first if needed)
    QList<Event> delta(const ChatDelta& delta);
    QList<Event> finish(const ChatResult& result, const QString& stopSequence = {});
    QList<Event> fail(const ApiError& error);
    static Event ping();

    bool isStarted() const { return m_started; }
    bool isEnded() const { return m_ended; }

    // The SSE bytes of events as Anthropic writes them: "event: <name>\ndata: <json>\n\n".
    static QByteArray serialize(const QList<Event>& events) { return serializeSseEvents(events); }

private:
    enum class Block { None, Thinking, Text, ToolUse };
    void ensureStarted(QList<Event>* out);
    void open(Block kind, const QJsonObject& contentBlock, QList<Event>* out);
    void close(QList<Event>* out);
    void blockDelta(const QJsonObject& delta, QList<Event>* out);

    QString m_id;
    QString m_model;
    qint64 m_inputTokens = 0;
    bool m_started = false;
    bool m_ended = false;
    bool m_pinged = false;
    Block m_open = Block::None;
    int m_openToolIndex = -1; // the engine's index of the open tool_use block
    int m_blocks = 0; // blocks opened so far; the next one's index
    QHash<int, bool> m_toolsSeen; // engine tool-call indexes that have had a block
};

} // namespace flarechat
