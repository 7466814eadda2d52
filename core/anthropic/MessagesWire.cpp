#include "MessagesWire.h"

#include "openai/ChatCompletionWire.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace flarechat::MessagesWire {

QString newMessageId()
{
    return ChatCompletionWire::newId("msg_");
}

QString toolUseId(const QString& engineId)
{
    if (engineId.startsWith(QLatin1String("toolu_")))
        return engineId;
    QString id = QStringLiteral("toolu_");
    id.reserve(6 + engineId.size());
    for (const QChar c : engineId) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || c == QLatin1Char('_') || c == QLatin1Char('-');
        id.append(ok ? c : QLatin1Char('_'));
    }
    return id;
}

QString stopReason(const ChatResult& r, const QString& stopSequence)
{
    if (!r.toolCalls.isEmpty() || r.finishReason == QLatin1String("tool_calls"))
        return QStringLiteral("tool_use");
    if (r.finishReason == QLatin1String("length"))
        return QStringLiteral("max_tokens");
    if (!stopSequence.isEmpty())
        return QStringLiteral("stop_sequence");
    return QStringLiteral("end_turn");
}

QJsonObject toolInput(const QString& arguments)
{
    if (arguments.trimmed().isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    return QJsonObject {{QStringLiteral("_raw"), arguments}};
}

QJsonObject usage(qint64 inputTokens, qint64 outputTokens)
{
    return QJsonObject {{QStringLiteral("input_tokens"), inputTokens}, {QStringLiteral("output_tokens"), outputTokens}};
}

namespace {

QJsonObject messageShell(const QString& id, const QString& model)
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), model},
    };
}

} // namespace

QJsonObject message(const QString& id, const QString& model, const ChatResult& r, const QString& stopSequence)
{
    QJsonArray content;
    if (!r.reasoning.isEmpty()) {
        content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("thinking")},
            {QStringLiteral("thinking"), r.reasoning}, {QStringLiteral("signature"), QString()}});
    }
    if (!r.content.isEmpty() || r.toolCalls.isEmpty()) {
        content.append(
            QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), r.content}});
    }
    for (const ToolCall& call : r.toolCalls) {
        content.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")},
            {QStringLiteral("id"), toolUseId(call.id)}, {QStringLiteral("name"), call.name},
            {QStringLiteral("input"), toolInput(call.arguments)}});
    }
    QJsonObject o = messageShell(id, model);
    o.insert(QStringLiteral("content"), content);
    const QString reason = stopReason(r, stopSequence);
    o.insert(QStringLiteral("stop_reason"), reason);
    o.insert(QStringLiteral("stop_sequence"),
        reason == QLatin1String("stop_sequence") ? QJsonValue(stopSequence) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("usage"), usage(r.usage.promptTokens, r.usage.completionTokens));
    return o;
}

QJsonObject startMessage(const QString& id, const QString& model, qint64 inputTokens)
{
    QJsonObject o = messageShell(id, model);
    o.insert(QStringLiteral("content"), QJsonArray());
    o.insert(QStringLiteral("stop_reason"), QJsonValue::Null);
    o.insert(QStringLiteral("stop_sequence"), QJsonValue::Null);
    o.insert(QStringLiteral("usage"), usage(inputTokens, 0));
    return o;
}

QJsonObject countTokens(qint64 inputTokens)
{
    return QJsonObject {{QStringLiteral("input_tokens"), inputTokens}};
}

QJsonObject modelsList(const QList<ModelEntry>& models)
{
    QJsonArray data;
    for (const ModelEntry& m : models) {
        data.append(QJsonObject {
            {QStringLiteral("type"), QStringLiteral("model")},
            {QStringLiteral("id"), m.id},
            {QStringLiteral("display_name"), m.displayName.isEmpty() ? m.id : m.displayName},
            {QStringLiteral("created_at"),
                QDateTime::fromSecsSinceEpoch(m.created, QTimeZone::utc())
                    .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"))},
        });
    }
    return QJsonObject {
        {QStringLiteral("data"), data},
        {QStringLiteral("has_more"), false},
        {QStringLiteral("first_id"), models.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(models.first().id)},
        {QStringLiteral("last_id"), models.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(models.last().id)},
    };
}

} // namespace flarechat::MessagesWire
