#include "storage/StoreRows.h"

#include "openai/ChatJson.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QStringList>
#include <QTimeZone>

namespace flarechat::StoreRows {

namespace {

constexpr int kPreviewChars = 160; // of the latest message, in the conversation list

// The order of allMessageColumns(), which is the order of DeletedMessages::rows.
QStringList allMessageColumnNames()
{
    return {QStringLiteral("id"), QStringLiteral("conversation_id"), QStringLiteral("parent_id"),
        QStringLiteral("selected_child_id"), QStringLiteral("role"), QStringLiteral("content"),
        QStringLiteral("reasoning"), QStringLiteral("model"), QStringLiteral("parameters"), QStringLiteral("usage"),
        QStringLiteral("ttft_ms"), QStringLiteral("duration_ms"), QStringLiteral("tokens_per_second"),
        QStringLiteral("error"), QStringLiteral("attachments"), QStringLiteral("tool_calls"),
        QStringLiteral("tool_call_id"), QStringLiteral("finish_reason"), QStringLiteral("state"),
        QStringLiteral("created_at")};
}

} // namespace

// Values -------------------------------------------------------------------------------------

qint64 toMs(const QDateTime& t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(const QVariant& v)
{
    if (v.isNull())
        return {};
        // Straight to UTC: going through local time costs a time-zone lookup per row.
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
#else
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
#endif
}

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant textValue(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : nullInt();
}

QVariant usageOrNull(const Usage& usage)
{
    return usage.valid ? QVariant(jsonText(ChatJson::usage(usage))) : QVariant(QMetaType::fromType<QString>());
}

QVariant msOrNull(qint64 ms)
{
    return ms >= 0 ? QVariant(ms) : nullInt();
}

QVariant rateOrNull(double perSecond)
{
    return perSecond >= 0 ? QVariant(perSecond) : QVariant(QMetaType::fromType<double>());
}

QString jsonText(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant& v)
{
    const QString s = v.toString();
    if (s.isEmpty() || s == QLatin1String("{}"))
        return {};
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

QJsonArray jsonArray(const QVariant& v)
{
    const QString s = v.toString();
    if (s.isEmpty() || s == QLatin1String("[]"))
        return {};
    return QJsonDocument::fromJson(s.toUtf8()).array();
}

void bindAll(QSqlQuery& q, const QVariantMap& binds)
{
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it->metaType() == QMetaType::fromType<QString>() ? textValue(it->toString()) : *it);
}

// Conversations ------------------------------------------------------------------------------

QString insertConversationSql()
{
    return QStringLiteral("INSERT INTO conversations (title, created_at, updated_at, pinned, model, system_prompt, "
                          "parameters, draft) VALUES (:title, :created_at, :updated_at, :pinned, :model, "
                          ":system_prompt, :parameters, :draft)");
}

void bindConversation(QSqlQuery& q, const Conversation& c, const QDateTime& created, const QDateTime& updated)
{
    q.bindValue(QStringLiteral(":title"), textValue(c.title));
    q.bindValue(QStringLiteral(":created_at"), toMs(created));
    q.bindValue(QStringLiteral(":updated_at"), toMs(updated));
    q.bindValue(QStringLiteral(":pinned"), c.pinned ? 1 : 0);
    q.bindValue(QStringLiteral(":model"), textValue(c.model));
    q.bindValue(QStringLiteral(":system_prompt"), textValue(c.systemPrompt));
    q.bindValue(QStringLiteral(":parameters"), jsonText(c.parameters));
    q.bindValue(QStringLiteral(":draft"), textValue(c.draft));
}

QString conversationSelect()
{
    return QStringLiteral("SELECT id, title, created_at, updated_at, pinned, model, system_prompt, parameters, draft, "
                          "deleted_at, draft_attachments FROM conversations");
}

Conversation readConversation(const QSqlQuery& q)
{
    Conversation c;
    c.id = q.value(0).toLongLong();
    c.title = q.value(1).toString();
    c.created = fromMs(q.value(2));
    c.updated = fromMs(q.value(3));
    c.pinned = q.value(4).toBool();
    c.model = q.value(5).toString();
    c.systemPrompt = q.value(6).toString();
    c.parameters = jsonObject(q.value(7));
    c.draft = q.value(8).toString();
    c.deleted = fromMs(q.value(9));
    c.draftAttachments = jsonArray(q.value(10));
    return c;
}

QString summarySelect()
{
    return QStringLiteral("SELECT c.id, c.title, c.updated_at, c.pinned, c.model,"
                          " (SELECT substr(m.content, 1, %1) FROM messages m WHERE m.conversation_id = c.id"
                          " AND m.content <> '' ORDER BY m.id DESC LIMIT 1)"
                          " FROM conversations c WHERE c.deleted_at IS NULL")
        .arg(kPreviewChars);
}

ConversationSummary readSummary(const QSqlQuery& q)
{
    ConversationSummary s;
    s.id = q.value(0).toLongLong();
    s.title = q.value(1).toString();
    s.updated = fromMs(q.value(2));
    s.pinned = q.value(3).toBool();
    s.model = q.value(4).toString();
    s.preview = q.value(5).toString().simplified();
    return s;
}

// Messages -----------------------------------------------------------------------------------

QString messageColumns()
{
    return QStringLiteral(
        "id, conversation_id, parent_id, role, content, reasoning, model, parameters, usage, ttft_ms, duration_ms, "
        "tokens_per_second, error, attachments, tool_calls, tool_call_id, finish_reason, state, created_at");
}

StoredMessage readMessage(const QSqlQuery& q)
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.parentId = q.value(2).toLongLong();
    m.role = q.value(3).toString();
    m.content = q.value(4).toString();
    m.reasoning = q.value(5).toString();
    m.model = q.value(6).toString();
    m.parameters = jsonObject(q.value(7));
    if (!q.value(8).isNull())
        m.usage = ChatJson::readUsage(jsonObject(q.value(8)));
    m.timings.ttftMs = q.value(9).isNull() ? -1 : q.value(9).toLongLong();
    m.timings.durationMs = q.value(10).isNull() ? -1 : q.value(10).toLongLong();
    m.timings.tokensPerSecond = q.value(11).isNull() ? -1 : q.value(11).toDouble();
    m.error = q.value(12).toString();
    m.attachments = jsonArray(q.value(13));
    m.toolCalls = jsonArray(q.value(14));
    m.toolCallId = q.value(15).toString();
    m.finishReason = q.value(16).toString();
    m.state = messageStateFromName(q.value(17).toString()).value_or(MessageState::Complete);
    m.created = fromMs(q.value(18));
    return m;
}

QString insertMessageSql()
{
    return QStringLiteral(
        "INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, model, parameters, usage, "
        "ttft_ms, duration_ms, tokens_per_second, error, attachments, tool_calls, tool_call_id, finish_reason, state, "
        "created_at) VALUES (:conversation_id, :parent_id, :role, :content, :reasoning, :model, :parameters, :usage, "
        ":ttft_ms, :duration_ms, :tokens_per_second, :error, :attachments, :tool_calls, :tool_call_id, "
        ":finish_reason, :state, :created_at)");
}

void bindMessage(QSqlQuery& q, const StoredMessage& m, const QDateTime& created)
{
    q.bindValue(QStringLiteral(":conversation_id"), m.conversationId);
    q.bindValue(QStringLiteral(":parent_id"), idOrNull(m.parentId));
    q.bindValue(QStringLiteral(":role"), textValue(m.role));
    q.bindValue(QStringLiteral(":content"), textValue(m.content));
    q.bindValue(QStringLiteral(":reasoning"), textValue(m.reasoning));
    q.bindValue(QStringLiteral(":model"), textValue(m.model));
    q.bindValue(QStringLiteral(":parameters"), jsonText(m.parameters));
    q.bindValue(QStringLiteral(":usage"), usageOrNull(m.usage));
    q.bindValue(QStringLiteral(":ttft_ms"), msOrNull(m.timings.ttftMs));
    q.bindValue(QStringLiteral(":duration_ms"), msOrNull(m.timings.durationMs));
    q.bindValue(QStringLiteral(":tokens_per_second"), rateOrNull(m.timings.tokensPerSecond));
    q.bindValue(QStringLiteral(":error"), textValue(m.error));
    q.bindValue(QStringLiteral(":attachments"), jsonText(m.attachments));
    q.bindValue(QStringLiteral(":tool_calls"), jsonText(m.toolCalls));
    q.bindValue(QStringLiteral(":tool_call_id"), textValue(m.toolCallId));
    q.bindValue(QStringLiteral(":finish_reason"), textValue(m.finishReason));
    q.bindValue(QStringLiteral(":state"), messageStateName(m.state));
    q.bindValue(QStringLiteral(":created_at"), toMs(created));
}

QString allMessageColumns()
{
    return allMessageColumnNames().join(QStringLiteral(", "));
}

QString insertAllMessageColumnsSql()
{
    const QStringList names = allMessageColumnNames();
    return QStringLiteral("INSERT INTO messages (") + names.join(QStringLiteral(", ")) + QStringLiteral(") VALUES (:")
        + names.join(QStringLiteral(", :")) + QLatin1Char(')');
}

void bindAllMessageColumns(QSqlQuery& q, const QVariantList& row)
{
    const QStringList names = allMessageColumnNames();
    for (qsizetype i = 0; i < names.size() && i < row.size(); ++i)
        q.bindValue(QLatin1Char(':') + names.at(i), row.at(i));
}

} // namespace flarechat::StoreRows
