#include "MessagesEventWriter.h"

#include "anthropic/MessagesError.h"
#include "anthropic/MessagesWire.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat {

namespace {

MessagesEventWriter::Event event(const char* type, QJsonObject o)
{
    o.insert(QStringLiteral("type"), QLatin1String(type));
    return {QByteArray(type), QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

} // namespace

MessagesEventWriter::MessagesEventWriter(const QString& id, const QString& model, qint64 estimatedInputTokens)
    : m_id(id)
    , m_model(model)
    , m_inputTokens(estimatedInputTokens)
{
}

MessagesEventWriter::Event MessagesEventWriter::ping()
{
    return event("ping", {});
}

void MessagesEventWriter::ensureStarted(QList<Event>* out)
{
    if (m_started)
        return;
    m_started = true;
    out->append(event("message_start",
        QJsonObject {{QStringLiteral("message"), MessagesWire::startMessage(m_id, m_model, m_inputTokens)}}));
}

QList<MessagesEventWriter::Event> MessagesEventWriter::start()
{
    QList<Event> out;
    if (!m_ended)
        ensureStarted(&out);
    return out;
}

void MessagesEventWriter::open(Block kind, const QJsonObject& contentBlock, QList<Event>* out)
{
    close(out);
    m_open = kind;
    out->append(event("content_block_start",
        QJsonObject {{QStringLiteral("index"), m_blocks}, {QStringLiteral("content_block"), contentBlock}}));
    if (!m_pinged) { // Anthropic's own streams ping right after the first block opens
        m_pinged = true;
        out->append(ping());
    }
}

void MessagesEventWriter::close(QList<Event>* out)
{
    if (m_open == Block::None)
        return;
    out->append(event("content_block_stop", QJsonObject {{QStringLiteral("index"), m_blocks}}));
    m_open = Block::None;
    m_openToolIndex = -1;
    ++m_blocks;
}

void MessagesEventWriter::blockDelta(const QJsonObject& delta, QList<Event>* out)
{
    out->append(event(
        "content_block_delta", QJsonObject {{QStringLiteral("index"), m_blocks}, {QStringLiteral("delta"), delta}}));
}

QList<MessagesEventWriter::Event> MessagesEventWriter::delta(const ChatDelta& d)
{
    QList<Event> out;
    if (m_ended || d.isEmpty())
        return out;
    ensureStarted(&out);
    if (!d.reasoning.isEmpty()) {
        if (m_open != Block::Thinking) {
            open(Block::Thinking,
                QJsonObject {{QStringLiteral("type"), QStringLiteral("thinking")},
                    {QStringLiteral("thinking"), QString()}, {QStringLiteral("signature"), QString()}},
                &out);
        }
        blockDelta(QJsonObject {{QStringLiteral("type"), QStringLiteral("thinking_delta")},
                       {QStringLiteral("thinking"), d.reasoning}},
            &out);
    }
    if (!d.content.isEmpty()) {
        if (m_open != Block::Text) {
            open(Block::Text,
                QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}},
                &out);
        }
        blockDelta(
            QJsonObject {{QStringLiteral("type"), QStringLiteral("text_delta")}, {QStringLiteral("text"), d.content}},
            &out);
    }
    for (const ToolCallDelta& t : d.toolCalls) {
        if (!(m_open == Block::ToolUse && m_openToolIndex == t.index)) {
            if (m_toolsSeen.value(t.index))
                continue; // a late fragment of a call whose block is closed: Anthropic cannot reopen it
            m_toolsSeen.insert(t.index, true);
            open(Block::ToolUse,
                QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
                    {QStringLiteral("id"), MessagesWire::toolUseId(t.id)}, {QStringLiteral("name"), t.name},
                    {QStringLiteral("input"), QJsonObject()}},
                &out);
            m_openToolIndex = t.index;
        }
        if (!t.arguments.isEmpty()) {
            blockDelta(QJsonObject {{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                           {QStringLiteral("partial_json"), t.arguments}},
                &out);
        }
    }
    return out;
}

QList<MessagesEventWriter::Event> MessagesEventWriter::finish(const ChatResult& r, const QString& stopSequence)
{
    QList<Event> out;
    if (m_ended)
        return out;
    ensureStarted(&out);
    if (m_blocks == 0 && m_open == Block::None) // no content at all: one empty text block
        open(Block::Text,
            QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}}, &out);
    close(&out);
    const QString reason = MessagesWire::stopReason(r, stopSequence);
    const qint64 input = r.usage.valid ? r.usage.promptTokens : m_inputTokens;
    out.append(event("message_delta",
        QJsonObject {{QStringLiteral("delta"),
                         QJsonObject {{QStringLiteral("stop_reason"), reason},
                             {QStringLiteral("stop_sequence"),
                                 reason == QLatin1String("stop_sequence") ? QJsonValue(stopSequence)
                                                                          : QJsonValue(QJsonValue::Null)}}},
            {QStringLiteral("usage"), MessagesWire::usage(input, r.usage.completionTokens)}}));
    out.append(event("message_stop", {}));
    m_ended = true;
    return out;
}

QList<MessagesEventWriter::Event> MessagesEventWriter::fail(const ApiError& error)
{
    QList<Event> out;
    if (m_ended)
        return out;
    m_ended = true;
    QJsonObject body = MessagesError::body(error);
    body.remove(QStringLiteral("type"));
    out.append(event("error", body));
    return out;
}

} // namespace flarechat
