#include "storage/ConversationTable.h"

#include "storage/StoreConnection.h"
#include "storage/StoreRows.h"
#include "storage/WriteTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace flarechat {

using namespace StoreRows;

ConversationTable::ConversationTable(const StoreConnection& connection)
    : m_connection(connection)
{
}

std::optional<Conversation> ConversationTable::read(qint64 id) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(conversationSelect() + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        m_connection.fail(tr("Reading a conversation"), q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readConversation(q);
}

QList<ConversationSummary> ConversationTable::list() const
{
    QList<ConversationSummary> out;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (!q.exec(summarySelect() + QStringLiteral(" ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC"))) {
        m_connection.fail(tr("Listing conversations"), q.lastError());
        return out;
    }
    while (q.next())
        out.append(readSummary(q));
    return out;
}

std::optional<ConversationSummary> ConversationTable::summary(qint64 id) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(summarySelect() + QStringLiteral(" AND c.id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        m_connection.fail(tr("Reading a conversation"), q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readSummary(q);
}

QList<qint64> ConversationTable::deleted() const
{
    QList<qint64> out;
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral(
            "SELECT id FROM conversations WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC"))) {
        m_connection.fail(tr("Listing deleted conversations"), q.lastError());
        return out;
    }
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

std::optional<bool> ConversationTable::isUntitled(qint64 id, const QString& action) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT title FROM conversations WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), std::nullopt;
    if (!q.next())
        return m_connection.fail(tr("%1 failed: the conversation no longer exists").arg(action)), std::nullopt;
    return q.value(0).toString().isEmpty();
}

std::optional<qint64> ConversationTable::insert(
    const Conversation& c, const QDateTime& created, const QDateTime& updated, const QString& action)
{
    QSqlQuery q(m_connection.db());
    q.prepare(insertConversationSql());
    bindConversation(q, c, created, updated);
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), std::nullopt;
    return q.lastInsertId().toLongLong();
}

bool ConversationTable::touch(qint64 id, const QDateTime& now)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE conversations SET updated_at = :updated_at WHERE id = :id"));
    q.bindValue(QStringLiteral(":updated_at"), toMs(now));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_connection.fail(tr("Saving the conversation"), q.lastError());
    return true;
}

bool ConversationTable::setTitle(qint64 id, const QString& title, const QString& action)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE conversations SET title = :title WHERE id = :id"));
    q.bindValue(QStringLiteral(":title"), textValue(title));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    return true;
}

bool ConversationTable::update(const QString& action, const QString& sql, const QVariantMap& binds)
{
    WriteTransaction tx(m_connection.db());
    if (!tx.isActive())
        return m_connection.fail(action, tx.error());
    QSqlQuery q(m_connection.db());
    q.prepare(sql);
    bindAll(q, binds);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    if (q.numRowsAffected() == 0)
        return m_connection.fail(tr("%1 failed: the conversation does not exist or is not in that state").arg(action));
    if (!tx.commit())
        return m_connection.fail(action, tx.error());
    return true;
}

bool ConversationTable::rename(qint64 id, const QString& title)
{
    return update(tr("Renaming the conversation"),
        QStringLiteral("UPDATE conversations SET title = :title WHERE id = :id"),
        {{QStringLiteral(":title"), title.trimmed()}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::setPinned(qint64 id, bool pinned)
{
    return update(pinned ? tr("Pinning the conversation") : tr("Unpinning the conversation"),
        QStringLiteral("UPDATE conversations SET pinned = :pinned WHERE id = :id"),
        {{QStringLiteral(":pinned"), pinned ? 1 : 0}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::setSettings(
    qint64 id, const QString& model, const QString& systemPrompt, const QJsonObject& parameters)
{
    return update(tr("Saving the conversation's settings"),
        QStringLiteral("UPDATE conversations SET model = :model, system_prompt = :system_prompt,"
                       " parameters = :parameters WHERE id = :id"),
        {{QStringLiteral(":model"), model}, {QStringLiteral(":system_prompt"), systemPrompt},
            {QStringLiteral(":parameters"), jsonText(parameters)}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::setDraft(qint64 id, const QString& draft)
{
    return update(tr("Saving the draft"), QStringLiteral("UPDATE conversations SET draft = :draft WHERE id = :id"),
        {{QStringLiteral(":draft"), draft}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::setDraftAttachments(qint64 id, const QJsonArray& attachments)
{
    return update(tr("Saving the draft's attachments"),
        QStringLiteral("UPDATE conversations SET draft_attachments = :draft_attachments WHERE id = :id"),
        {{QStringLiteral(":draft_attachments"), jsonText(attachments)}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::markDeleted(qint64 id, const QDateTime& now)
{
    return update(tr("Deleting the conversation"),
        QStringLiteral("UPDATE conversations SET deleted_at = :deleted_at WHERE id = :id AND deleted_at IS NULL"),
        {{QStringLiteral(":deleted_at"), toMs(now)}, {QStringLiteral(":id"), id}});
}

bool ConversationTable::unmarkDeleted(qint64 id)
{
    return update(tr("Restoring the conversation"),
        QStringLiteral("UPDATE conversations SET deleted_at = NULL WHERE id = :id AND deleted_at IS NOT NULL"),
        {{QStringLiteral(":id"), id}});
}

int ConversationTable::purge(const QDateTime& olderThan)
{
    const QString action = tr("Removing deleted conversations");
    WriteTransaction tx(m_connection.db());
    if (!tx.isActive())
        return m_connection.fail(action, tx.error()), -1;
    // Messages first, in one statement: the parent_id references are all gone by its end.
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM messages WHERE conversation_id IN"
                             " (SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < :before)"));
    q.bindValue(QStringLiteral(":before"), toMs(olderThan));
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), -1;
    q.prepare(QStringLiteral("DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < :before"));
    q.bindValue(QStringLiteral(":before"), toMs(olderThan));
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), -1;
    const int count = q.numRowsAffected();
    if (!tx.commit())
        return m_connection.fail(action, tx.error()), -1;
    return count;
}

} // namespace flarechat
