#pragma once

#include "storage/Conversation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>
#include <optional>

class QSqlQuery;

namespace flarechat {

class StoreConnection;

// The messages of a conversation as a tree. Each message answers its parent (none for the
// first ones); siblings are versions of one turn ("◀ 2/3 ▶"); each fork keeps the child last
// chosen (selected_child_id, and the conversation's selected_root_id for the first messages),
// and the newest child counts where there is no choice or the choice is stale. It reads the
// active path and the versions, moves choices, removes and restores a message with its
// replies, and copies whole trees. Writes run inside the caller's transaction; failures go
// to the connection's lastError().
class MessageTree final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    using Clock = std::function<QDateTime()>; // UTC; for a message without a time

    MessageTree(const StoreConnection& connection, Clock now);

    // The statement activePath() loads a whole conversation with (every message, in id order,
    // with its chosen child), and its bind value: one place for both, so a test can EXPLAIN
    // exactly what runs.
    static QString activePathSql();
    static void bindActivePath(QSqlQuery& q, qint64 conversationId);

    // As stored: unflushed stream deltas are the caller's to add.
    QList<StoredMessage> activePath(qint64 conversationId) const;
    QList<qint64> siblings(qint64 messageId) const;
    QHash<qint64, QList<qint64>> childrenByParent(qint64 conversationId) const;
    // The conversation a message belongs to; nullopt (and lastError() set) if it is gone.
    std::optional<qint64> conversationOf(qint64 messageId, const QString& action) const;

    // Binds `m` to a prepared StoreRows::insertMessageSql() and runs it; the new id.
    std::optional<qint64> insert(QSqlQuery& insert, const StoredMessage& m);
    // `childId` becomes the choice under `parentId` (0: among the first messages).
    bool setSelected(qint64 conversationId, qint64 parentId, qint64 childId);
    // Makes `messageId` and each of its ancestors the choice under its parent.
    bool selectPath(qint64 conversationId, qint64 messageId, const QString& action);
    // Deletes `rootId` and every reply below it: their ids into *removedIds and, if `rows` is
    // given, every column of each (parents first) into *rows.
    bool removeSubtree(qint64 rootId, QList<qint64>* removedIds, QList<QVariantList>* rows, const QString& action);
    // Puts removed rows back as they were; refuses when the conversation or the parent is gone.
    bool restoreSubtree(qint64 conversationId, const QList<QVariantList>& rows, const QString& action);
    // Copies `messages` (the whole tree of conversation `from`, in id order) into conversation
    // `to` with the same branch choices; a reply still streaming becomes interrupted.
    bool copyTree(qint64 from, const QList<StoredMessage>& messages, qint64 to, const QString& action);
    // Stores `chain` under conversation `to` as one line, each message the parent of the next.
    bool appendChain(qint64 to, const QList<StoredMessage>& chain);

private:
    const StoreConnection& m_connection;
    Clock m_now;
};

} // namespace flarechat
