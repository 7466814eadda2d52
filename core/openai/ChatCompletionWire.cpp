#include "ChatCompletionWire.h"

#include "openai/ChatJson.h"

#include <QRandomGenerator>

namespace flarechat::ChatCompletionWire {

QString newId(const char* prefix)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QLatin1String(prefix);
    for (int i = 0; i < 29; ++i)
        id.append(QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(62)]));
    return id;
}

namespace {

QJsonObject choiceBase(int index)
{
    return QJsonObject {{QStringLiteral("index"), index}, {QStringLiteral("logprobs"), QJsonValue::Null}};
}
} // namespace

QString newChatId()
{
    return newId("chatcmpl-");
}

QJsonObject message(const ChatResult& r, bool includeReasoning)
{
    QJsonObject m {
        {QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("refusal"), QJsonValue::Null}};
    // OpenAI sends content null when the reply is only tool calls.
    m.insert(QStringLiteral("content"),
        r.content.isEmpty() && !r.toolCalls.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.content));
    if (includeReasoning && !r.reasoning.isEmpty())
        m.insert(QStringLiteral("reasoning_content"), r.reasoning);
    if (!r.toolCalls.isEmpty())
        m.insert(QStringLiteral("tool_calls"), ChatJson::toolCalls(r.toolCalls));
    return m;
}

QJsonObject chatCompletion(
    const QString& id, qint64 created, const QString& model, const ChatResult& r, bool includeReasoning)
{
    QJsonObject choice = choiceBase(0);
    choice.insert(QStringLiteral("message"), message(r, includeReasoning));
    choice.insert(QStringLiteral("finish_reason"), r.finishReason.isEmpty() ? QStringLiteral("stop") : r.finishReason);
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), created},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"), QJsonArray {choice}},
        {QStringLiteral("usage"), ChatJson::usageCounts(r.usage)},
        {QStringLiteral("system_fingerprint"), QJsonValue::Null},
    };
}

QJsonObject chunk(const QString& id, qint64 created, const QString& model, const QJsonObject& delta,
    const QJsonValue& finishReason, bool withUsageField)
{
    QJsonObject choice = choiceBase(0);
    choice.insert(QStringLiteral("delta"), delta);
    choice.insert(QStringLiteral("finish_reason"), finishReason);
    QJsonObject o {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("created"), created},
        {QStringLiteral("model"), model},
        {QStringLiteral("system_fingerprint"), QJsonValue::Null},
        {QStringLiteral("choices"), QJsonArray {choice}},
    };
    if (withUsageField)
        o.insert(QStringLiteral("usage"), QJsonValue::Null);
    return o;
}

QJsonObject roleChunk(const QString& id, qint64 created, const QString& model, bool withUsageField)
{
    return chunk(id, created, model,
        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()}},
        QJsonValue::Null, withUsageField);
}

QJsonObject deltaChunk(const QString& id, qint64 created, const QString& model, const ChatDelta& d, bool withUsageField,
    QList<bool>* started)
{
    return chunk(id, created, model, deltaJson(d, started), QJsonValue::Null, withUsageField);
}

QJsonObject deltaJson(const ChatDelta& d, QList<bool>* started)
{
    QJsonObject delta;
    if (!d.reasoning.isEmpty())
        delta.insert(QStringLiteral("reasoning_content"), d.reasoning);
    if (!d.content.isEmpty())
        delta.insert(QStringLiteral("content"), d.content);
    if (!d.toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const ToolCallDelta& t : d.toolCalls) {
            QJsonObject fn;
            QJsonObject call {{QStringLiteral("index"), t.index}};
            while (started->size() <= t.index)
                started->append(false);
            if (!started->at(t.index)) {
                // The first delta of a call names it, as OpenAI's streams do.
                (*started)[t.index] = true;
                call.insert(QStringLiteral("id"), t.id);
                call.insert(QStringLiteral("type"), QStringLiteral("function"));
                fn.insert(QStringLiteral("name"), t.name);
            }
            fn.insert(QStringLiteral("arguments"), t.arguments);
            call.insert(QStringLiteral("function"), fn);
            calls.append(call);
        }
        delta.insert(QStringLiteral("tool_calls"), calls);
    }
    return delta;
}

QJsonObject finishChunk(
    const QString& id, qint64 created, const QString& model, const QString& finishReason, bool withUsageField)
{
    return chunk(id, created, model, QJsonObject {}, finishReason.isEmpty() ? QStringLiteral("stop") : finishReason,
        withUsageField);
}

QJsonObject usageChunk(const QString& id, qint64 created, const QString& model, const Usage& usage)
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("created"), created},
        {QStringLiteral("model"), model},
        {QStringLiteral("system_fingerprint"), QJsonValue::Null},
        {QStringLiteral("choices"), QJsonArray {}},
        {QStringLiteral("usage"), ChatJson::usageCounts(usage)},
    };
}

} // namespace flarechat::ChatCompletionWire
