#pragma once

#include "storage/Conversation.h"
#include "storage/ConversationTable.h"
#include "storage/MessageSearch.h"
#include "storage/MessageTree.h"
#include "storage/StoreConnection.h"
#include "storage/StreamingBuffer.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include <functional>
#include <optional>

class QSqlError;
class QSqlQuery;

namespace flarechat {

// Conversations and their messages in an SQLite file (Qt Sql, QSQLITE), WAL, one transaction
// per change, schema versioned with PRAGMA user_version and an ordered list of migrations.
// A streaming reply is written as it grows, at most every flushIntervalMs, so a killed
// process loses only the last fraction of a second; replies left "streaming" by a dead
// process become "interrupted" on the next open.
//
// Each instance owns one named connection and belongs to the thread that created it.
// Every change returns success (bool or an id); on failure lastError() says why in words a
// user understands ("the disk is full", "locked by another program") and nothing was
// half-written, so the caller can keep the user's text and offer to try again.
//
// The work is done by its parts, each in its own file: StoreConnection (the connection and
// the wording of failures), ConversationSchema (migrations), StoreRows (values ↔ columns),
// ConversationTable, MessageTree, StreamingBuffer and MessageSearch. The store holds the
// transactions that span them, the clock and the signals.
class ConversationStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationStore)

public:
    // One step of the schema. Migration N brings a database from user_version N-1 to N;
    // apply() runs inside the step's transaction. Later versions are appended to the list.
    struct Migration
    {
        int version = 0;
        QString description;
        std::function<bool(QSqlDatabase& db, QString* error)> apply;
    };
    static QList<Migration> builtInMigrations();
    static int latestSchemaVersion();

    using Clock = std::function<QDateTime()>; // UTC "now"; tests inject one

    explicit ConversationStore(const QString& path, QObject* parent = nullptr);
    // For tests of the migration mechanism: a store that knows only `migrations`.
    ConversationStore(const QString& path, QList<Migration> migrations, QObject* parent = nullptr);
    ~ConversationStore() override; // writes pending deltas; open streams become interrupted

    // <AppDataLocation>/conversations.sqlite
    static QString defaultPath();

    // Opens (creating if needed) and migrates the database; turns rows left streaming into
    // interrupted. Refuses, untouched, a database written by a newer schema.
    bool open();
    bool isOpen() const { return m_open; }
    QString path() const { return m_connection.path(); }
    QString connectionName() const { return m_connection.connectionName(); }
    int schemaVersion() const { return m_schemaVersion; }
    bool hasFullTextIndex() const { return m_fullText; } // else search() matches substrings with LIKE
    QString lastError() const { return m_connection.lastError(); }

    void setClock(Clock clock);
    void setBusyTimeout(int ms); // how long a write waits for another connection's lock
    void setFlushInterval(int ms);
    int flushInterval() const { return m_streams.interval(); }

    // Conversations ---------------------------------------------------------------------

    // `init` supplies model, systemPrompt, parameters, title, pinned; id and times are set here.
    std::optional<qint64> createConversation(const Conversation& init = {});
    std::optional<Conversation> conversation(qint64 id) const;
    QList<ConversationSummary> conversations() const; // not deleted; pinned first, then newest
    std::optional<ConversationSummary> summary(qint64 id) const;
    bool renameConversation(qint64 id, const QString& title);
    bool setPinned(qint64 id, bool pinned);
    bool setConversationSettings(
        qint64 id, const QString& model, const QString& systemPrompt, const QJsonObject& parameters);
    bool setDraft(qint64 id, const QString& draft); // does not move the conversation in the list
    bool setDraftAttachments(qint64 id, const QJsonArray& attachments); // neither does this
    // Soft delete: hidden from the list and search until undoDelete() or purgeDeleted().
    bool deleteConversation(qint64 id);
    bool undoDelete(qint64 id);
    QList<qint64> deletedConversations() const; // most recently deleted first
    // Removes for good the conversations deleted before `olderThan`; the count, or -1 on error.
    int purgeDeleted(const QDateTime& olderThan);
    // A copy with every branch and branch choice; the title gets " (copy)".
    std::optional<qint64> duplicateConversation(qint64 id);
    // A new conversation holding `chain` as one line of messages (each the parent of the next),
    // ids and conversation ids ignored. Used by import.
    std::optional<qint64> insertConversation(const Conversation& conversation, const QList<StoredMessage>& chain);

    // A title from a first message: its first non-empty line, whitespace collapsed, cut on a
    // word boundary to about `maxChars` with "…".
    static QString titleFromText(const QString& text, int maxChars = 60);

    // Messages --------------------------------------------------------------------------

    // Adds a complete message (any role) under `message.parentId` in `message.conversationId`
    // and makes it the selected child there. The first user message titles an untitled
    // conversation.
    std::optional<qint64> addMessage(const StoredMessage& message);
    std::optional<qint64> addUserMessage(
        qint64 conversationId, qint64 parentId, const QString& content, const QJsonArray& attachments = {});
    // Editing never overwrites: the new text becomes a sibling of `messageId`, selected.
    std::optional<qint64> editUserMessage(qint64 messageId, const QString& content, const QJsonArray& attachments);
    // Starts a reply under `parentId` (a regenerate is another reply under the same parent:
    // a sibling). The row exists at once, in state streaming.
    std::optional<qint64> beginAssistantMessage(
        qint64 conversationId, qint64 parentId, const QString& model, const QJsonObject& parameters = {});
    // Continue after an interruption: the message goes back to streaming; deltas append.
    bool resumeMessage(qint64 messageId);
    // Buffers in memory; written at most every flushInterval() or at finish/fail/flush().
    void appendToStreaming(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta = {});
    // Complete: `result` content/reasoning replace the streamed text when non-empty (they are
    // the whole reply); tool calls, finish reason and usage are stored.
    bool finishMessage(qint64 messageId, const ChatResult& result, const MessageTimings& timings = {});
    // Error: the partial text stays, `error` is shown with Retry.
    bool failMessage(qint64 messageId, const QString& error);
    // Stopped by the user: the partial text stays, the message shows as interrupted (Continue).
    bool interruptMessage(qint64 messageId);
    bool flush(); // writes every pending delta now
    bool hasPendingDeltas() const { return m_streams.hasPending(); }
    // What deleteMessage() removed, as stored, for restoreMessages() (undo).
    struct DeletedMessages
    {
        qint64 conversationId = 0;
        qint64 rootId = 0; // the message deleted; the others were replies below it
        QList<QVariantList> rows; // every column, parents before children
        bool isEmpty() const { return rows.isEmpty(); }
    };
    // Deletes a message and every reply below it; *removed (if given) receives them.
    bool deleteMessage(qint64 messageId, DeletedMessages* removed = nullptr);
    // Puts deleted messages back as they were (same ids; they are never reused) and makes the
    // restored message the chosen one among its siblings. Fails when its conversation or the
    // message it answered is gone.
    bool restoreMessages(const DeletedMessages& removed);

    std::optional<StoredMessage> message(qint64 messageId) const; // with any unflushed delta
    QList<StoredMessage> messages(qint64 conversationId) const; // every branch, in id order
    // From the first message to the chosen leaf, following the selected child at each fork
    // (the newest child where none was chosen). One query.
    QList<StoredMessage> activePath(qint64 conversationId) const;
    // The message and its siblings, oldest first (for "◀ 2/3 ▶"; empty if unknown).
    QList<qint64> siblings(qint64 messageId) const;
    // Makes `messageId` the chosen one among its siblings, and its ancestors too, so any
    // message (e.g. a search hit on another branch) ends up on the active path.
    bool selectSibling(qint64 messageId);
    // Every message id of the conversation grouped by parent (0 for first messages), each list in
    // id order: the "◀ n/m ▶" of a whole path from one query.
    QHash<qint64, QList<qint64>> childrenByParent(qint64 conversationId) const;

    // Full text ---------------------------------------------------------------------------

    // Every word of `query` must occur (AND); any characters are allowed and taken literally.
    // Best matches first; deleted conversations are left out.
    QList<SearchHit> search(const QString& query, int limit = 50) const;

Q_SIGNALS:
    void conversationAdded(qint64 id);
    void conversationChanged(qint64 id); // title, pin, settings, or new messages (order may change)
    void conversationRemoved(qint64 id); // deleted (soft or purged)
    void messagesChanged(qint64 conversationId); // added, deleted, finished, branch switched
    void writeFailed(const QString& error); // a background flush failed; deltas are kept and retried

private:
    bool fail(const QString& action, const QSqlError& error) const { return m_connection.fail(action, error); }
    bool fail(const QString& message) const { return m_connection.fail(message); }
    const QSqlDatabase& db() const { return m_connection.db(); }
    QDateTime now() const;
    bool touch(qint64 conversationId); // updated = now
    bool endStreaming(qint64 messageId, MessageState state, const QString& error, const QString& action);
    std::optional<qint64> insertMessageRow(const StoredMessage& message);
    void closeDatabase();

    StoreConnection m_connection;
    QList<Migration> m_migrations;
    bool m_open = false;
    bool m_fullText = false;
    int m_schemaVersion = 0;
    Clock m_clock;
    ConversationTable m_conversations;
    MessageTree m_tree;
    StreamingBuffer m_streams;
    MessageSearch m_search;
};

} // namespace flarechat
