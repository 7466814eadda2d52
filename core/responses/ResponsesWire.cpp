#include "ResponsesWire.h"

#include "openai/ChatCompletionWire.h"

#include <QJsonDocument>

namespace flarechat::ResponsesWire {

namespace {

QLatin1String itemStatus(bool done)
{
    return done ? QLatin1String("completed") : QLatin1String("in_progress");
}

// The settings a response echoes, with OpenAI's defaults where the request left them out.
void insertEcho(QJsonObject* o, const Shell& s)
{
    auto echoed = [&s](const char* key, const QJsonValue& fallback) {
        const QJsonValue v = s.echo.value(QLatin1String(key));
        return v.isUndefined() || v.isNull() ? fallback : v;
    };
    o->insert(QStringLiteral("instructions"), s.instructions.isEmpty() ? QJsonValue() : QJsonValue(s.instructions));
    o->insert(QStringLiteral("max_output_tokens"), echoed("max_output_tokens", QJsonValue()));
    o->insert(QStringLiteral("metadata"), echoed("metadata", QJsonObject()));
    o->insert(QStringLiteral("parallel_tool_calls"), echoed("parallel_tool_calls", true));
    o->insert(QStringLiteral("previous_response_id"),
        s.previousResponseId.isEmpty() ? QJsonValue() : QJsonValue(s.previousResponseId));
    o->insert(QStringLiteral("reasoning"),
        echoed("reasoning",
            QJsonObject {{QStringLiteral("effort"), QJsonValue()}, {QStringLiteral("summary"), QJsonValue()}}));
    o->insert(QStringLiteral("store"), s.store);
    o->insert(QStringLiteral("temperature"), echoed("temperature", 1.0));
    o->insert(QStringLiteral("text"),
        echoed("text",
            QJsonObject {{QStringLiteral("format"), QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}}}}));
    o->insert(QStringLiteral("tool_choice"), echoed("tool_choice", QStringLiteral("auto")));
    o->insert(QStringLiteral("tools"), echoed("tools", QJsonArray()));
    o->insert(QStringLiteral("top_p"), echoed("top_p", 1.0));
    o->insert(QStringLiteral("truncation"), echoed("truncation", QStringLiteral("disabled")));
}

} // namespace

QString newResponseId()
{
    return ChatCompletionWire::newId("resp_");
}

QString newItemId(const char* prefix)
{
    return ChatCompletionWire::newId(prefix);
}

QJsonObject outputText(const QString& text)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("output_text")}, {QStringLiteral("text"), text},
        {QStringLiteral("annotations"), QJsonArray()}, {QStringLiteral("logprobs"), QJsonArray()}};
}

QJsonObject reasoningText(const QString& text)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("reasoning_text")}, {QStringLiteral("text"), text}};
}

QJsonObject messageItem(const QString& id, const QString& text, bool done)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("status"), itemStatus(done)}, {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), done ? QJsonArray {outputText(text)} : QJsonArray()}};
}

QJsonObject reasoningItem(const QString& id, const QString& text, bool done)
{
    // summary is required by the SDKs' types and by Codex; Workers AI models give raw reasoning,
    // which is content, not a summary.
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("reasoning")},
        {QStringLiteral("summary"), QJsonArray()},
        {QStringLiteral("content"), done ? QJsonArray {reasoningText(text)} : QJsonArray()}};
}

QJsonObject functionCallItem(
    const QString& id, const QString& callId, const QString& name, const QString& arguments, bool done)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("function_call")},
        {QStringLiteral("status"), itemStatus(done)}, {QStringLiteral("call_id"), callId},
        {QStringLiteral("name"), name}, {QStringLiteral("arguments"), arguments}};
}

QJsonObject customToolCallItem(
    const QString& id, const QString& callId, const QString& name, const QString& input, bool done)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("custom_tool_call")},
        {QStringLiteral("status"), itemStatus(done)}, {QStringLiteral("call_id"), callId},
        {QStringLiteral("name"), name}, {QStringLiteral("input"), input}};
}

QString customInput(const QString& arguments)
{
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toUtf8());
    const QJsonValue input = doc.object().value(QStringLiteral("input"));
    return doc.isObject() && input.isString() ? input.toString() : arguments;
}

QJsonObject callItem(const QString& id, const ToolCall& call, const QSet<QString>& customTools, bool done)
{
    if (customTools.contains(call.name))
        return customToolCallItem(id, call.id, call.name, customInput(call.arguments), done);
    return functionCallItem(
        id, call.id, call.name, call.arguments.isEmpty() ? QStringLiteral("{}") : call.arguments, done);
}

QJsonArray outputItems(const ChatResult& r, const QSet<QString>& customTools)
{
    QJsonArray out;
    if (!r.reasoning.isEmpty())
        out.append(reasoningItem(newItemId("rs_"), r.reasoning, true));
    if (!r.content.isEmpty() || r.toolCalls.isEmpty())
        out.append(messageItem(newItemId("msg_"), r.content, true));
    for (const ToolCall& call : r.toolCalls)
        out.append(callItem(newItemId(customTools.contains(call.name) ? "ctc_" : "fc_"), call, customTools, true));
    return out;
}

QString outputTextOf(const QJsonArray& output)
{
    QString text;
    for (const QJsonValue& item : output) {
        const QJsonObject o = item.toObject();
        if (o.value(QStringLiteral("type")).toString() != QLatin1String("message"))
            continue;
        for (const QJsonValue& part : o.value(QStringLiteral("content")).toArray()) {
            if (part.toObject().value(QStringLiteral("type")).toString() == QLatin1String("output_text"))
                text += part.toObject().value(QStringLiteral("text")).toString();
        }
    }
    return text;
}

QJsonObject usage(const Usage& u, qint64 estimatedInput)
{
    const qint64 input = u.valid ? u.promptTokens : estimatedInput;
    const qint64 output = u.completionTokens;
    return QJsonObject {
        {QStringLiteral("input_tokens"), input},
        {QStringLiteral("input_tokens_details"),
            QJsonObject {{QStringLiteral("cached_tokens"), qMax<qint64>(0, u.cachedTokens)}}},
        {QStringLiteral("output_tokens"), output},
        {QStringLiteral("output_tokens_details"),
            QJsonObject {{QStringLiteral("reasoning_tokens"), qMax<qint64>(0, u.reasoningTokens)}}},
        {QStringLiteral("total_tokens"), u.valid && u.totalTokens > 0 ? u.totalTokens : input + output},
    };
}

QString status(const ChatResult& r)
{
    return r.finishReason == QLatin1String("length") ? QStringLiteral("incomplete") : QStringLiteral("completed");
}

QJsonObject error(const ApiError& e)
{
    QString code = e.code;
    if (code.isEmpty()) {
        if (e.httpStatus == 429)
            code = QStringLiteral("rate_limit_exceeded");
        else if (e.httpStatus >= 400 && e.httpStatus < 500)
            code = QStringLiteral("invalid_prompt");
        else
            code = QStringLiteral("server_error");
    }
    return QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), e.message}};
}

QJsonObject response(
    const Shell& s, const QString& status, const QJsonArray& output, const QJsonValue& usage, const QJsonValue& error)
{
    QJsonObject o {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("object"), QStringLiteral("response")},
        {QStringLiteral("created_at"), s.createdAt},
        {QStringLiteral("status"), status},
        {QStringLiteral("model"), s.model},
        {QStringLiteral("output"), output},
        {QStringLiteral("usage"), usage},
        {QStringLiteral("error"), error},
        {QStringLiteral("incomplete_details"),
            status == QLatin1String("incomplete")
                ? QJsonValue(QJsonObject {{QStringLiteral("reason"), QStringLiteral("max_output_tokens")}})
                : QJsonValue()},
        {QStringLiteral("background"), false},
        {QStringLiteral("service_tier"), QStringLiteral("default")},
    };
    insertEcho(&o, s);
    return o;
}

QJsonObject completed(const Shell& shell, const QJsonArray& output, const ChatResult& r, qint64 estimatedInput)
{
    QJsonObject o = response(shell, status(r), output, usage(r.usage, estimatedInput));
    o.insert(QStringLiteral("output_text"), outputTextOf(output)); // the SDKs' convenience, also on the wire
    return o;
}

ChatMessage assistantMessage(const QJsonArray& output)
{
    ChatMessage m;
    m.role = QStringLiteral("assistant");
    m.text = outputTextOf(output);
    for (const QJsonValue& v : output) {
        const QJsonObject item = v.toObject();
        const QString type = item.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("function_call")) {
            m.toolCalls.append({item.value(QStringLiteral("call_id")).toString(),
                item.value(QStringLiteral("name")).toString(), item.value(QStringLiteral("arguments")).toString()});
        } else if (type == QLatin1String("custom_tool_call")) {
            const QJsonObject args {{QStringLiteral("input"), item.value(QStringLiteral("input"))}};
            m.toolCalls.append(
                {item.value(QStringLiteral("call_id")).toString(), item.value(QStringLiteral("name")).toString(),
                    QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact))});
        }
    }
    if (m.text.isEmpty() && !m.toolCalls.isEmpty())
        m.contentKind = ChatMessage::ContentKind::Null;
    return m;
}

} // namespace flarechat::ResponsesWire
