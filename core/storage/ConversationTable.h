#pragma once

#include "storage/Conversation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace flarechat {

class StoreConnection;

// The conversations table: a conversation's row read, listed, inserted and changed, soft
// deletion and its undo, and the purge of what was deleted long enough ago. The setters and
// the purge are whole changes, each in its own transaction, and fail when no row matched
// (gone, or not in that state); insert(), touch() and setTitle() are steps of a larger change
// and run inside the caller's transaction. Failures go to the connection's lastError().
class ConversationTable final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    explicit ConversationTable(const StoreConnection& connection);

    std::optional<Conversation> read(qint64 id) const;
    QList<ConversationSummary> list() const; // not deleted; pinned first, then newest
    std::optional<ConversationSummary> summary(qint64 id) const;
    QList<qint64> deleted() const; // most recently deleted first
    // Whether the conversation has no title yet; nullopt (and lastError() set) if it is gone.
    std::optional<bool> isUntitled(qint64 id, const QString& action) const;

    // Inside the caller's transaction. insert(): `c`'s title, pinned, model, system prompt,
    // parameters and draft; the new id.
    std::optional<qint64> insert(
        const Conversation& c, const QDateTime& created, const QDateTime& updated, const QString& action);
    bool touch(qint64 id, const QDateTime& now); // updated = now
    bool setTitle(qint64 id, const QString& title, const QString& action);

    bool rename(qint64 id, const QString& title);
    bool setPinned(qint64 id, bool pinned);
    bool setSettings(qint64 id, const QString& model, const QString& systemPrompt, const QJsonObject& parameters);
    bool setDraft(qint64 id, const QString& draft);
    bool setDraftAttachments(qint64 id, const QJsonArray& attachments);
    bool markDeleted(qint64 id, const QDateTime& now);
    bool unmarkDeleted(qint64 id);
    // Removes for good the conversations deleted before `olderThan`; the count, or -1 on error.
    int purge(const QDateTime& olderThan);

private:
    // One UPDATE of a conversation row in its own transaction; fails if no row matched.
    bool update(const QString& action, const QString& sql, const QVariantMap& binds);

    const StoreConnection& m_connection;
};

} // namespace flarechat
