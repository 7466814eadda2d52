#include "storage/MessageTree.h"

#include "storage/StoreConnection.h"
#include "storage/StoreRows.h"

#include <QSqlError>
#include <QSqlQuery>

namespace flarechat {

using namespace StoreRows;

namespace {

// A message and every reply below it, for the statements that follow it; binds :root.
QString subtreeCte()
{
    return QStringLiteral("WITH RECURSIVE subtree(id) AS (SELECT id FROM messages WHERE id = :root"
                          " UNION ALL SELECT m.id FROM messages m JOIN subtree s ON m.parent_id = s.id) ");
}

} // namespace

MessageTree::MessageTree(const StoreConnection& connection, Clock now)
    : m_connection(connection)
    , m_now(std::move(now))
{
}

QString MessageTree::activePathSql()
{
    return QStringLiteral(
        "SELECT %1, selected_child_id FROM messages WHERE conversation_id = :conversation ORDER BY id")
        .arg(messageColumns());
}

void MessageTree::bindActivePath(QSqlQuery& q, qint64 conversationId)
{
    q.bindValue(QStringLiteral(":conversation"), conversationId);
}

QList<StoredMessage> MessageTree::activePath(qint64 conversationId) const
{
    const QString action = tr("Reading the conversation");
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT selected_root_id FROM conversations WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), conversationId);
    if (!q.exec()) {
        m_connection.fail(action, q.lastError());
        return {};
    }
    const qint64 selectedRoot = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();

    // The whole tree in one query, in id order; the path is walked in memory.
    q.prepare(activePathSql());
    bindActivePath(q, conversationId);
    if (!q.exec()) {
        m_connection.fail(action, q.lastError());
        return {};
    }
    struct Node
    {
        StoredMessage message;
        qint64 selectedChild = 0;
        qint64 newestChild = 0;
    };
    QList<Node> nodes;
    QHash<qint64, qsizetype> index;
    qint64 newestRoot = 0;
    while (q.next()) {
        Node n {readMessage(q), q.value(kMessageColumnCount).toLongLong(), 0};
        index.insert(n.message.id, nodes.size());
        if (n.message.parentId == 0) {
            newestRoot = n.message.id;
        } else {
            const auto parent = index.constFind(n.message.parentId);
            if (parent != index.cend())
                nodes[*parent].newestChild = n.message.id;
        }
        nodes.append(std::move(n));
    }

    const auto isChildOf = [&](qint64 child, qint64 parent) {
        const auto it = index.constFind(child);
        return it != index.cend() && nodes.at(*it).message.parentId == parent;
    };
    QList<StoredMessage> path;
    qint64 current = selectedRoot && isChildOf(selectedRoot, 0) ? selectedRoot : newestRoot;
    while (current) {
        Node& n = nodes[index.value(current)];
        path.append(std::move(n.message));
        current = n.selectedChild && isChildOf(n.selectedChild, current) ? n.selectedChild : n.newestChild;
    }
    return path;
}

QList<qint64> MessageTree::siblings(qint64 messageId) const
{
    QList<qint64> out;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT s.id FROM messages m JOIN messages s ON s.conversation_id = m.conversation_id"
                             " AND s.parent_id IS m.parent_id WHERE m.id = :id ORDER BY s.id"));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec()) {
        m_connection.fail(tr("Reading the message versions"), q.lastError());
        return out;
    }
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

QHash<qint64, QList<qint64>> MessageTree::childrenByParent(qint64 conversationId) const
{
    QHash<qint64, QList<qint64>> out;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, parent_id FROM messages WHERE conversation_id = :conversation ORDER BY id"));
    q.bindValue(QStringLiteral(":conversation"), conversationId);
    if (!q.exec()) {
        m_connection.fail(tr("Reading the message versions"), q.lastError());
        return out;
    }
    while (q.next())
        out[q.value(1).toLongLong()].append(q.value(0).toLongLong()); // NULL parent reads as 0
    return out;
}

std::optional<qint64> MessageTree::conversationOf(qint64 messageId, const QString& action) const
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), std::nullopt;
    if (!q.next())
        return m_connection.fail(tr("%1 failed: the message no longer exists").arg(action)), std::nullopt;
    return q.value(0).toLongLong();
}

std::optional<qint64> MessageTree::insert(QSqlQuery& insert, const StoredMessage& m)
{
    bindMessage(insert, m, m.created.isValid() ? m.created : m_now());
    if (!insert.exec())
        return m_connection.fail(tr("Saving the message"), insert.lastError()), std::nullopt;
    return insert.lastInsertId().toLongLong();
}

bool MessageTree::setSelected(qint64 conversationId, qint64 parentId, qint64 childId)
{
    QSqlQuery q(m_connection.db());
    if (parentId) {
        q.prepare(QStringLiteral("UPDATE messages SET selected_child_id = :child WHERE id = :parent"));
        q.bindValue(QStringLiteral(":child"), childId);
        q.bindValue(QStringLiteral(":parent"), parentId);
    } else {
        q.prepare(QStringLiteral("UPDATE conversations SET selected_root_id = :child WHERE id = :conversation"));
        q.bindValue(QStringLiteral(":child"), childId);
        q.bindValue(QStringLiteral(":conversation"), conversationId);
    }
    if (!q.exec())
        return m_connection.fail(tr("Choosing the message version"), q.lastError());
    return true;
}

bool MessageTree::selectPath(qint64 conversationId, qint64 messageId, const QString& action)
{
    QSqlQuery q(m_connection.db());
    QHash<qint64, QPair<qint64, qint64>> tree; // id → (parent, selected child)
    q.prepare(
        QStringLiteral("SELECT id, parent_id, selected_child_id FROM messages WHERE conversation_id = :conversation"));
    q.bindValue(QStringLiteral(":conversation"), conversationId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    while (q.next())
        tree.insert(q.value(0).toLongLong(), {q.value(1).toLongLong(), q.value(2).toLongLong()});
    q.finish();

    for (qint64 child = messageId; child;) {
        const qint64 parent = tree.value(child).first;
        if (!parent || tree.value(parent).second != child) {
            if (!setSelected(conversationId, parent, child))
                return false;
        }
        child = parent;
    }
    return true;
}

bool MessageTree::removeSubtree(
    qint64 rootId, QList<qint64>* removedIds, QList<QVariantList>* rows, const QString& action)
{
    QSqlQuery q(m_connection.db());
    q.prepare(subtreeCte() + QStringLiteral("SELECT id FROM subtree"));
    q.bindValue(QStringLiteral(":root"), rootId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    while (q.next())
        removedIds->append(q.value(0).toLongLong());
    if (rows) {
        q.prepare(subtreeCte() + QStringLiteral("SELECT ") + allMessageColumns()
            + QStringLiteral(" FROM messages WHERE id IN (SELECT id FROM subtree) ORDER BY id"));
        q.bindValue(QStringLiteral(":root"), rootId);
        if (!q.exec())
            return m_connection.fail(action, q.lastError());
        while (q.next()) {
            QVariantList row;
            row.reserve(kAllMessageColumnCount);
            for (int i = 0; i < kAllMessageColumnCount; ++i)
                row.append(q.value(i));
            rows->append(row);
        }
    }
    q.prepare(subtreeCte() + QStringLiteral("DELETE FROM messages WHERE id IN (SELECT id FROM subtree)"));
    q.bindValue(QStringLiteral(":root"), rootId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    return true;
}

bool MessageTree::restoreSubtree(qint64 conversationId, const QList<QVariantList>& rows, const QString& action)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT 1 FROM conversations WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), conversationId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    if (!q.next())
        return m_connection.fail(tr("The message cannot be restored: its conversation was deleted."));
    const QVariant parent = rows.first().at(kAllMessageParentColumn);
    if (!parent.isNull()) {
        q.prepare(QStringLiteral("SELECT 1 FROM messages WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), parent);
        if (!q.exec())
            return m_connection.fail(action, q.lastError());
        if (!q.next())
            return m_connection.fail(tr("The message cannot be restored: the message it answered was deleted."));
    }
    q.prepare(insertAllMessageColumnsSql());
    for (const QVariantList& row : rows) {
        bindAllMessageColumns(q, row);
        if (!q.exec())
            return m_connection.fail(action, q.lastError());
    }
    return true;
}

bool MessageTree::copyTree(qint64 from, const QList<StoredMessage>& messages, qint64 to, const QString& action)
{
    // Parents always have smaller ids than their children, so id order maps every parent first.
    // One prepared insert; branch choices are copied below (unchosen forks show the newest).
    QHash<qint64, qint64> newId;
    QSqlQuery q(m_connection.db());
    q.prepare(insertMessageSql());
    for (StoredMessage m : messages) {
        m.conversationId = to;
        m.parentId = m.parentId ? newId.value(m.parentId) : 0;
        if (m.state == MessageState::Streaming)
            m.state = MessageState::Interrupted;
        const auto inserted = insert(q, m);
        if (!inserted)
            return false;
        newId.insert(m.id, *inserted);
    }
    // The same branch choices.
    QSqlQuery sel(m_connection.db());
    sel.prepare(QStringLiteral("SELECT id, selected_child_id FROM messages WHERE conversation_id = :conversation"
                               " AND selected_child_id IS NOT NULL"));
    sel.bindValue(QStringLiteral(":conversation"), from);
    if (!sel.exec())
        return m_connection.fail(action, sel.lastError());
    QSqlQuery upd(m_connection.db());
    upd.prepare(QStringLiteral("UPDATE messages SET selected_child_id = :child WHERE id = :parent"));
    while (sel.next()) {
        const qint64 child = newId.value(sel.value(1).toLongLong());
        const qint64 parent = newId.value(sel.value(0).toLongLong());
        if (!child || !parent)
            continue;
        upd.bindValue(QStringLiteral(":child"), child);
        upd.bindValue(QStringLiteral(":parent"), parent);
        if (!upd.exec())
            return m_connection.fail(action, upd.lastError());
    }
    sel.prepare(QStringLiteral("SELECT selected_root_id FROM conversations WHERE id = :id"));
    sel.bindValue(QStringLiteral(":id"), from);
    if (!sel.exec())
        return m_connection.fail(action, sel.lastError());
    const qint64 root = sel.next() ? newId.value(sel.value(0).toLongLong()) : 0;
    sel.finish();
    upd.prepare(QStringLiteral("UPDATE conversations SET selected_root_id = :root WHERE id = :id"));
    upd.bindValue(QStringLiteral(":root"), idOrNull(root));
    upd.bindValue(QStringLiteral(":id"), to);
    if (!upd.exec())
        return m_connection.fail(action, upd.lastError());
    return true;
}

bool MessageTree::appendChain(qint64 to, const QList<StoredMessage>& chain)
{
    // One prepared insert; a single line needs no branch choices (the newest child is shown).
    qint64 parent = 0;
    QSqlQuery q(m_connection.db());
    q.prepare(insertMessageSql());
    for (StoredMessage m : chain) {
        m.conversationId = to;
        m.parentId = parent;
        if (m.state == MessageState::Streaming)
            m.state = MessageState::Interrupted;
        const auto inserted = insert(q, m);
        if (!inserted)
            return false;
        parent = *inserted;
    }
    return true;
}

} // namespace flarechat
