#include "ChatJson.h"

#include <QJsonDocument>

#include <cmath>

namespace flarechat::ChatJson {

namespace {

// Usage counts arrive as JSON numbers, which Qt may hold as doubles; anything that is not a
// finite number in range counts as "not reported".
std::optional<qint64> readCount(const QJsonValue& v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < -9.0e18 || d > 9.0e18)
        return std::nullopt;
    return v.toInteger(qint64(std::llround(d)));
}

std::optional<qint64> readFirstCount(const QJsonObject& o, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        if (auto n = readCount(o.value(QLatin1String(key))))
            return n;
    }
    return std::nullopt;
}

} // namespace

QJsonObject toolCall(const ToolCall& call)
{
    return QJsonObject {
        {QStringLiteral("id"), call.id},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), call.name}, {QStringLiteral("arguments"), call.arguments}}},
    };
}

QJsonArray toolCalls(const QList<ToolCall>& calls)
{
    QJsonArray out;
    for (const ToolCall& c : calls)
        out.append(toolCall(c));
    return out;
}

QList<ToolCall> readToolCalls(const QJsonArray& calls)
{
    QList<ToolCall> out;
    for (const QJsonValue& v : calls) {
        const QJsonObject call = v.toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        const QString name = function.value(QStringLiteral("name")).toString();
        const QJsonValue arguments = function.value(QStringLiteral("arguments"));
        out.append({call.value(QStringLiteral("id")).toString(), name,
            arguments.isString()
                ? arguments.toString()
                : QString::fromUtf8(QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact))});
    }
    return out;
}

QJsonObject message(const ChatMessage& m)
{
    QJsonObject o {{QStringLiteral("role"), m.role}};
    switch (m.contentKind) {
    case ChatMessage::ContentKind::Null:
        o.insert(QStringLiteral("content"), QJsonValue::Null);
        break;
    case ChatMessage::ContentKind::Text:
        o.insert(QStringLiteral("content"), m.text);
        break;
    case ChatMessage::ContentKind::Parts: {
        QJsonArray parts;
        for (const ContentPart& p : m.parts) {
            if (p.kind == ContentPart::Kind::Text) {
                parts.append(
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), p.text}});
            } else {
                QJsonObject image {{QStringLiteral("url"), p.imageUrl}};
                if (!p.imageDetail.isEmpty())
                    image.insert(QStringLiteral("detail"), p.imageDetail);
                parts.append(QJsonObject {
                    {QStringLiteral("type"), QStringLiteral("image_url")}, {QStringLiteral("image_url"), image}});
            }
        }
        o.insert(QStringLiteral("content"), parts);
        break;
    }
    }
    if (!m.name.isEmpty())
        o.insert(QStringLiteral("name"), m.name);
    if (!m.toolCalls.isEmpty())
        o.insert(QStringLiteral("tool_calls"), toolCalls(m.toolCalls));
    if (m.role == QLatin1String("tool"))
        o.insert(QStringLiteral("tool_call_id"), m.toolCallId);
    if (!m.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning_content"), m.reasoning);
    return o;
}

QJsonObject tool(const ToolDefinition& t)
{
    QJsonObject fn {{QStringLiteral("name"), t.name}};
    if (!t.description.isEmpty())
        fn.insert(QStringLiteral("description"), t.description);
    if (!t.parameters.isEmpty())
        fn.insert(QStringLiteral("parameters"), t.parameters);
    if (t.strict)
        fn.insert(QStringLiteral("strict"), *t.strict);
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("function")}, {QStringLiteral("function"), fn}};
}

QJsonObject request(const ChatRequest& r)
{
    QJsonArray msgs;
    for (const ChatMessage& m : r.messages)
        msgs.append(message(m));
    QJsonObject o {{QStringLiteral("model"), r.model}, {QStringLiteral("messages"), msgs}};

    if (r.stream) {
        o.insert(QStringLiteral("stream"), true);
        if (r.includeUsage)
            o.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    }
    if (r.temperature)
        o.insert(QStringLiteral("temperature"), *r.temperature);
    if (r.topP)
        o.insert(QStringLiteral("top_p"), *r.topP);
    if (r.topK)
        o.insert(QStringLiteral("top_k"), *r.topK);
    if (r.frequencyPenalty)
        o.insert(QStringLiteral("frequency_penalty"), *r.frequencyPenalty);
    if (r.presencePenalty)
        o.insert(QStringLiteral("presence_penalty"), *r.presencePenalty);
    if (r.repetitionPenalty)
        o.insert(QStringLiteral("repetition_penalty"), *r.repetitionPenalty);
    if (r.seed)
        o.insert(QStringLiteral("seed"), *r.seed);
    if (r.maxTokens)
        o.insert(QStringLiteral("max_tokens"), *r.maxTokens);
    if (!r.stop.isEmpty())
        o.insert(QStringLiteral("stop"), QJsonArray::fromStringList(r.stop));
    if (!r.responseFormat.isEmpty())
        o.insert(QStringLiteral("response_format"), r.responseFormat);
    if (!r.tools.isEmpty()) {
        QJsonArray list;
        for (const ToolDefinition& t : r.tools)
            list.append(tool(t));
        o.insert(QStringLiteral("tools"), list);
    }
    if (!r.toolChoice.isUndefined() && !r.toolChoice.isNull())
        o.insert(QStringLiteral("tool_choice"), r.toolChoice);
    if (r.parallelToolCalls)
        o.insert(QStringLiteral("parallel_tool_calls"), *r.parallelToolCalls);
    if (!r.reasoningEffort.isEmpty())
        o.insert(QStringLiteral("reasoning_effort"), r.reasoningEffort);
    if (!r.user.isEmpty())
        o.insert(QStringLiteral("user"), r.user);
    return o;
}

QJsonObject usage(const Usage& u)
{
    QJsonObject o {
        {QStringLiteral("prompt_tokens"), u.promptTokens},
        {QStringLiteral("completion_tokens"), u.completionTokens},
        {QStringLiteral("total_tokens"), u.totalTokens},
    };
    if (u.cachedTokens >= 0)
        o.insert(
            QStringLiteral("prompt_tokens_details"), QJsonObject {{QStringLiteral("cached_tokens"), u.cachedTokens}});
    if (u.reasoningTokens >= 0) {
        o.insert(QStringLiteral("completion_tokens_details"),
            QJsonObject {{QStringLiteral("reasoning_tokens"), u.reasoningTokens}});
    }
    return o;
}

QJsonObject usageCounts(const Usage& usage)
{
    Usage u = usage;
    if (!u.valid) {
        u.promptTokens = u.completionTokens = u.totalTokens = 0;
    } else if (u.totalTokens == 0) {
        u.totalTokens = u.promptTokens + u.completionTokens;
    }
    return ChatJson::usage(u);
}

Usage readUsage(const QJsonObject& o)
{
    Usage u;
    // Chat Completions names first, then the Responses API's (which some Workers AI models use).
    const auto prompt = readFirstCount(o, {"prompt_tokens", "input_tokens"});
    const auto completion = readFirstCount(o, {"completion_tokens", "output_tokens"});
    const auto total = readCount(o.value(QStringLiteral("total_tokens")));
    u.promptTokens = prompt.value_or(0);
    u.completionTokens = completion.value_or(0);
    u.totalTokens = total.value_or(u.promptTokens + u.completionTokens);
    u.valid = prompt || completion || total;

    const QJsonObject promptDetails = o.value(QStringLiteral("prompt_tokens_details")).isObject()
        ? o.value(QStringLiteral("prompt_tokens_details")).toObject()
        : o.value(QStringLiteral("input_tokens_details")).toObject();
    const QJsonObject completionDetails = o.value(QStringLiteral("completion_tokens_details")).isObject()
        ? o.value(QStringLiteral("completion_tokens_details")).toObject()
        : o.value(QStringLiteral("output_tokens_details")).toObject();
    u.cachedTokens = readCount(promptDetails.value(QStringLiteral("cached_tokens"))).value_or(-1);
    u.reasoningTokens = readCount(completionDetails.value(QStringLiteral("reasoning_tokens"))).value_or(-1);
    return u;
}

} // namespace flarechat::ChatJson
