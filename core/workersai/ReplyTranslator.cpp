#include "ReplyTranslator.h"

#include "openai/ChatJson.h"
#include "workersai/StopMatcher.h"
#include "workersai/ThinkSplitter.h"
#include "workersai/ToolCallIds.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace flarechat {

namespace {

QString toolCallId(const QJsonObject& call, const QString& seed, int index)
{
    const QString id = call.value(QStringLiteral("id")).toString();
    return id.isEmpty() ? ToolCallIds::forReply(seed, index) : id;
}

QList<ToolCall> parseToolCalls(const QJsonArray& calls, const QString& seed)
{
    QList<ToolCall> out;
    for (int i = 0; i < calls.size(); ++i) {
        const QJsonObject c = calls.at(i).toObject();
        // OpenAI form {id, type, function:{name, arguments}} or native {name, arguments}.
        const QJsonObject fn
            = c.contains(QStringLiteral("function")) ? c.value(QStringLiteral("function")).toObject() : c;
        const QString name = fn.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        out.append(ToolCall {
            toolCallId(c, seed, i), name, ReplyTranslator::argumentsText(fn.value(QStringLiteral("arguments")))});
    }
    return out;
}

void applyThinkSplit(ChatResult& r, const ModelInfo& model)
{
    const bool tagged = model.reasoning == ModelInfo::ReasoningStyle::ThinkTags;
    const QString trimmed = r.content.trimmed();
    if (!tagged && !trimmed.startsWith(QLatin1String("<think>")))
        return;
    if (!r.content.contains(QLatin1String("</think>")) && !trimmed.startsWith(QLatin1String("<think>")))
        return; // no reasoning in this reply at all
    ThinkSplitter splitter(true);
    ThinkSplitter::Piece a = splitter.feed(r.content);
    const ThinkSplitter::Piece b = splitter.finish();
    r.reasoning += a.reasoning + b.reasoning;
    r.content = a.content + b.content;
}

std::optional<ChatResult> fromChatCompletion(const QJsonObject& cc, const QString& seed)
{
    const QJsonArray choices = cc.value(QStringLiteral("choices")).toArray();
    ChatResult r;
    r.usage = ChatJson::readUsage(cc.value(QStringLiteral("usage")).toObject());
    if (choices.isEmpty())
        return r;
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject msg = choice.value(QStringLiteral("message")).toObject();
    r.content = ReplyTranslator::stringify(msg.value(QStringLiteral("content")));
    r.reasoning = msg.value(QStringLiteral("reasoning_content")).toString();
    if (r.reasoning.isEmpty())
        r.reasoning = msg.value(QStringLiteral("reasoning")).toString();
    r.toolCalls = parseToolCalls(msg.value(QStringLiteral("tool_calls")).toArray(), seed);
    r.finishReason = choice.value(QStringLiteral("finish_reason")).toString();
    return r;
}

std::optional<ChatResult> fromResponses(const QJsonObject& resp, const QString& seed)
{
    ChatResult r;
    const QJsonArray output = resp.value(QStringLiteral("output")).toArray();
    int toolIndex = 0;
    for (const QJsonValue& v : output) {
        const QJsonObject item = v.toObject();
        const QString type = item.value(QStringLiteral("type")).toString();
        const QJsonArray content = item.value(QStringLiteral("content")).toArray();
        if (type == QLatin1String("reasoning")) {
            for (const QJsonValue& c : content)
                r.reasoning += c.toObject().value(QStringLiteral("text")).toString();
        } else if (type == QLatin1String("message")) {
            for (const QJsonValue& c : content) {
                const QJsonObject part = c.toObject();
                if (part.value(QStringLiteral("type")).toString() == QLatin1String("output_text"))
                    r.content += part.value(QStringLiteral("text")).toString();
            }
        } else if (type == QLatin1String("function_call")) {
            QString id = item.value(QStringLiteral("call_id")).toString();
            if (id.isEmpty())
                id = ToolCallIds::forReply(seed, toolIndex);
            r.toolCalls.append(ToolCall {id, item.value(QStringLiteral("name")).toString(),
                ReplyTranslator::argumentsText(item.value(QStringLiteral("arguments")))});
            ++toolIndex;
        }
    }
    r.usage = ChatJson::readUsage(resp.value(QStringLiteral("usage")).toObject());
    return r;
}

} // namespace

QString ReplyTranslator::stringify(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)) && qAbs(d) < 1e15)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

QString ReplyTranslator::argumentsText(const QJsonValue& args)
{
    if (args.isUndefined() || args.isNull())
        return QStringLiteral("{}");
    return stringify(args);
}

void ReplyTranslator::salvageToolCalls(ChatResult& r, const RunRequest& run, const QString& idSeed)
{
    if (!run.forcedToolChoice || !r.toolCalls.isEmpty())
        return;
    QString text = r.content.trimmed();
    if (text.startsWith(QLatin1String("```"))) { // fenced JSON
        const qsizetype nl = text.indexOf(QLatin1Char('\n'));
        const qsizetype end = text.lastIndexOf(QLatin1String("```"));
        if (nl > 0 && end > nl)
            text = text.mid(nl + 1, end - nl - 1).trimmed();
    }
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return;
    QJsonArray items = doc.isArray() ? doc.array() : QJsonArray {doc.object()};
    QList<ToolCall> calls;
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject o = items.at(i).toObject();
        const QJsonObject fn
            = o.contains(QStringLiteral("function")) ? o.value(QStringLiteral("function")).toObject() : o;
        QString name = fn.value(QStringLiteral("name")).toString();
        QJsonValue args = fn.contains(QStringLiteral("arguments")) ? fn.value(QStringLiteral("arguments"))
                                                                   : fn.value(QStringLiteral("parameters"));
        if (name.isEmpty() && !run.forcedToolName.isEmpty()) {
            // The model wrote only the arguments of the function it was told to call.
            name = run.forcedToolName;
            args = o;
        }
        if (name.isEmpty())
            return;
        calls.append(ToolCall {ToolCallIds::forReply(idSeed, i), name, argumentsText(args)});
    }
    if (calls.isEmpty())
        return;
    r.toolCalls = calls;
    r.content.clear();
    r.finishReason = QStringLiteral("tool_calls");
}

void ReplyTranslator::finishReasonFor(ChatResult& r, const RunRequest& run)
{
    if (!r.toolCalls.isEmpty()) {
        r.finishReason = QStringLiteral("tool_calls");
        return;
    }
    if (r.finishReason == QLatin1String("length") || r.finishReason == QLatin1String("content_filter"))
        return;
    if (r.usage.valid && run.maxTokens > 0 && r.usage.completionTokens >= run.maxTokens)
        r.finishReason = QStringLiteral("length");
    else
        r.finishReason = QStringLiteral("stop");
}

std::optional<ChatResult> ReplyTranslator::translate(const QByteArray& body, const ModelInfo& model,
    const RunRequest& run, const QString& idSeed, ApiError* error, QString* stopSequence)
{
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error) {
            *error = ApiError::upstream(502, ErrorType::Api,
                QStringLiteral("Workers AI sent a reply that is not JSON (%1).")
                    .arg(pe.error != QJsonParseError::NoError ? pe.errorString() : QStringLiteral("not an object")),
                ErrorCode::BadUpstreamResponse);
        }
        return std::nullopt;
    }
    return translateJson(doc.object(), model, run, idSeed, error, stopSequence);
}

std::optional<ChatResult> ReplyTranslator::translateJson(const QJsonObject& root, const ModelInfo& model,
    const RunRequest& run, const QString& idSeed, ApiError* error, QString* stopSequence)
{
    // The native envelope wraps the result; the /ai/v1 endpoints answer bare.
    const QJsonValue resultValue = root.value(QStringLiteral("result"));
    const QJsonObject result = resultValue.isObject() ? resultValue.toObject() : root;

    std::optional<ChatResult> r;
    if (result.contains(QStringLiteral("choices"))) {
        r = fromChatCompletion(result, idSeed);
    } else if (result.contains(QStringLiteral("output")) && result.value(QStringLiteral("output")).isArray()) {
        r = fromResponses(result, idSeed);
    } else if (result.contains(QStringLiteral("response")) || result.contains(QStringLiteral("tool_calls"))) {
        ChatResult legacy;
        legacy.content = stringify(result.value(QStringLiteral("response")));
        legacy.toolCalls = parseToolCalls(result.value(QStringLiteral("tool_calls")).toArray(), idSeed);
        legacy.usage = ChatJson::readUsage(result.value(QStringLiteral("usage")).toObject());
        r = legacy;
    } else {
        if (error) {
            *error = ApiError::upstream(502, ErrorType::Api,
                QStringLiteral("Workers AI sent a reply FlareChat does not understand "
                               "(no response, choices or output in the result)."),
                ErrorCode::BadUpstreamResponse);
        }
        return std::nullopt;
    }
    if (r->reasoning.isEmpty())
        applyThinkSplit(*r, model);
    if (!run.localStops.isEmpty()) {
        StopMatcher stops(run.localStops);
        const StopMatcher::Result cut = stops.feed(r->content);
        r->content = cut.text + stops.finish();
        if (stopSequence)
            *stopSequence = stops.matched();
    }
    salvageToolCalls(*r, run, idSeed);
    for (ToolCall& call : r->toolCalls)
        call.id = run.toolIds.original(call.id); // an id of the client's that the model echoed
    finishReasonFor(*r, run);
    return r;
}

} // namespace flarechat
