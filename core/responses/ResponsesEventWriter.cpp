#include "ResponsesEventWriter.h"

#include <QJsonDocument>

namespace flarechat {

namespace {

const QString kItemId = QStringLiteral("item_id");
const QString kOutputIndex = QStringLiteral("output_index");
const QString kContentIndex = QStringLiteral("content_index");
const QString kDelta = QStringLiteral("delta");

} // namespace

ResponsesEventWriter::ResponsesEventWriter(
    const ResponsesWire::Shell& shell, const QSet<QString>& customTools, qint64 estimatedInputTokens)
    : m_shell(shell)
    , m_customTools(customTools)
    , m_inputTokens(estimatedInputTokens)
{
}

void ResponsesEventWriter::push(const char* type, QJsonObject o, QList<Event>* out)
{
    o.insert(QStringLiteral("type"), QLatin1String(type));
    o.insert(QStringLiteral("sequence_number"), m_sequence++);
    out->append({QByteArray(type), QJsonDocument(o).toJson(QJsonDocument::Compact)});
}

void ResponsesEventWriter::ensureStarted(QList<Event>* out)
{
    if (m_started)
        return;
    m_started = true;
    const QJsonObject r = ResponsesWire::response(m_shell, QStringLiteral("in_progress"), {});
    push("response.created", QJsonObject {{QStringLiteral("response"), r}}, out);
    push("response.in_progress", QJsonObject {{QStringLiteral("response"), r}}, out);
}

QList<ResponsesEventWriter::Event> ResponsesEventWriter::start()
{
    QList<Event> out;
    if (!m_ended)
        ensureStarted(&out);
    return out;
}

QJsonObject ResponsesEventWriter::itemJson(const Item& item) const
{
    switch (item.kind) {
    case Kind::Reasoning:
        return ResponsesWire::reasoningItem(item.id, item.text, item.done);
    case Kind::Message:
        return ResponsesWire::messageItem(item.id, item.text, item.done);
    case Kind::Call:
        break;
    }
    ToolCall call = item.call;
    call.arguments = item.text;
    return ResponsesWire::callItem(item.id, call, m_customTools, item.done);
}

QJsonArray ResponsesEventWriter::output() const
{
    QJsonArray out;
    for (const Item& item : m_items)
        out.append(itemJson(item));
    return out;
}

int ResponsesEventWriter::openText(Kind kind, QList<Event>* out)
{
    if (m_openText >= 0 && m_items.at(m_openText).kind == kind)
        return m_openText;
    closeText(out);
    Item item;
    item.kind = kind;
    item.id = ResponsesWire::newItemId(kind == Kind::Reasoning ? "rs_" : "msg_");
    m_items.append(item);
    m_openText = int(m_items.size() - 1);
    push("response.output_item.added",
        QJsonObject {{kOutputIndex, m_openText}, {QStringLiteral("item"), itemJson(item)}}, out);
    const QJsonObject part = kind == Kind::Reasoning ? ResponsesWire::reasoningText({}) : ResponsesWire::outputText({});
    push("response.content_part.added",
        QJsonObject {
            {kItemId, item.id}, {kOutputIndex, m_openText}, {kContentIndex, 0}, {QStringLiteral("part"), part}},
        out);
    return m_openText;
}

void ResponsesEventWriter::closeText(QList<Event>* out)
{
    if (m_openText < 0)
        return;
    const int index = std::exchange(m_openText, -1);
    closeItem(index, out);
}

void ResponsesEventWriter::closeItem(int index, QList<Event>* out)
{
    Item& item = m_items[index];
    if (item.done)
        return;
    item.done = true;
    switch (item.kind) {
    case Kind::Reasoning:
    case Kind::Message: {
        const bool reasoning = item.kind == Kind::Reasoning;
        QJsonObject done {
            {kItemId, item.id}, {kOutputIndex, index}, {kContentIndex, 0}, {QStringLiteral("text"), item.text}};
        if (!reasoning)
            done.insert(QStringLiteral("logprobs"), QJsonArray());
        push(reasoning ? "response.reasoning_text.done" : "response.output_text.done", done, out);
        push("response.content_part.done",
            QJsonObject {{kItemId, item.id}, {kOutputIndex, index}, {kContentIndex, 0},
                {QStringLiteral("part"),
                    reasoning ? ResponsesWire::reasoningText(item.text) : ResponsesWire::outputText(item.text)}},
            out);
        break;
    }
    case Kind::Call:
        if (isCustom(item)) {
            const QString input = ResponsesWire::customInput(item.text);
            push("response.custom_tool_call_input.delta",
                QJsonObject {{kItemId, item.id}, {kOutputIndex, index}, {kDelta, input}}, out);
            push("response.custom_tool_call_input.done",
                QJsonObject {{kItemId, item.id}, {kOutputIndex, index}, {QStringLiteral("input"), input}}, out);
        } else {
            if (item.text.isEmpty())
                item.text = QStringLiteral("{}");
            push("response.function_call_arguments.done",
                QJsonObject {{kItemId, item.id}, {kOutputIndex, index}, {QStringLiteral("name"), item.call.name},
                    {QStringLiteral("arguments"), item.text}},
                out);
        }
        break;
    }
    push("response.output_item.done", QJsonObject {{kOutputIndex, index}, {QStringLiteral("item"), itemJson(item)}},
        out);
}

QList<ResponsesEventWriter::Event> ResponsesEventWriter::delta(const ChatDelta& d)
{
    QList<Event> out;
    if (m_ended || d.isEmpty())
        return out;
    ensureStarted(&out);
    if (!d.reasoning.isEmpty()) {
        const int index = openText(Kind::Reasoning, &out);
        m_items[index].text += d.reasoning;
        push("response.reasoning_text.delta",
            QJsonObject {
                {kItemId, m_items.at(index).id}, {kOutputIndex, index}, {kContentIndex, 0}, {kDelta, d.reasoning}},
            &out);
    }
    if (!d.content.isEmpty()) {
        const int index = openText(Kind::Message, &out);
        m_items[index].text += d.content;
        push("response.output_text.delta",
            QJsonObject {{kItemId, m_items.at(index).id}, {kOutputIndex, index}, {kContentIndex, 0},
                {kDelta, d.content}, {QStringLiteral("logprobs"), QJsonArray()}},
            &out);
    }
    for (const ToolCallDelta& t : d.toolCalls) {
        int index = m_calls.value(t.index, -1);
        if (index < 0) {
            closeText(&out);
            Item item;
            item.kind = Kind::Call;
            item.call.id = t.id;
            item.call.name = t.name;
            item.id = ResponsesWire::newItemId(m_customTools.contains(t.name) ? "ctc_" : "fc_");
            m_items.append(item);
            index = int(m_items.size() - 1);
            m_calls.insert(t.index, index);
            push("response.output_item.added",
                QJsonObject {{kOutputIndex, index}, {QStringLiteral("item"), itemJson(item)}}, &out);
        }
        Item& item = m_items[index];
        if (t.arguments.isEmpty() || item.done)
            continue;
        item.text += t.arguments;
        if (!isCustom(item)) { // a custom tool's input is whole only once its JSON wrapper is
            push("response.function_call_arguments.delta",
                QJsonObject {{kItemId, item.id}, {kOutputIndex, index}, {kDelta, t.arguments}}, &out);
        }
    }
    return out;
}

QList<ResponsesEventWriter::Event> ResponsesEventWriter::finish(const ChatResult& r)
{
    QList<Event> out;
    if (m_ended)
        return out;
    ensureStarted(&out);
    if (m_items.isEmpty()) // no content at all: one empty message, as OpenAI answers
        openText(Kind::Message, &out);
    closeText(&out);
    for (int i = 0; i < m_items.size(); ++i)
        closeItem(i, &out);
    m_final = ResponsesWire::completed(m_shell, output(), r, m_inputTokens);
    const bool incomplete = m_final.value(QStringLiteral("status")).toString() == QLatin1String("incomplete");
    push(incomplete ? "response.incomplete" : "response.completed", QJsonObject {{QStringLiteral("response"), m_final}},
        &out);
    m_ended = true;
    return out;
}

QList<ResponsesEventWriter::Event> ResponsesEventWriter::fail(const ApiError& error)
{
    QList<Event> out;
    if (m_ended)
        return out;
    ensureStarted(&out);
    m_ended = true;
    // What arrived is kept: unfinished items with their text so far, marked incomplete.
    QJsonArray sofar;
    for (Item item : std::as_const(m_items)) {
        const bool unfinished = !item.done;
        item.done = true;
        QJsonObject o = itemJson(item);
        if (unfinished && o.contains(QStringLiteral("status")))
            o.insert(QStringLiteral("status"), QStringLiteral("incomplete"));
        sofar.append(o);
    }
    const QJsonObject r = ResponsesWire::response(
        m_shell, QStringLiteral("failed"), sofar, QJsonValue::Null, ResponsesWire::error(error));
    push("response.failed", QJsonObject {{QStringLiteral("response"), r}}, &out);
    return out;
}

} // namespace flarechat
