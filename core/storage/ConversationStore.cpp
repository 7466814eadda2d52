#include "storage/ConversationStore.h"

#include "storage/ConversationSchema.h"
#include "storage/ConversationTable.h"
#include "storage/MessageSearch.h"
#include "storage/MessageTree.h"
#include "storage/StoreRows.h"
#include "storage/StreamingBuffer.h"
#include "storage/WriteTransaction.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

namespace flarechat {

using namespace StoreRows;

QList<ConversationStore::Migration> ConversationStore::builtInMigrations()
{
    return ConversationSchema::builtInMigrations();
}

int ConversationStore::latestSchemaVersion()
{
    return builtInMigrations().constLast().version;
}

ConversationStore::ConversationStore(const QString& path, QObject* parent)
    : ConversationStore(path, builtInMigrations(), parent)
{
}

ConversationStore::ConversationStore(const QString& path, QList<Migration> migrations, QObject* parent)
    : QObject(parent)
    , m_connection(path)
    , m_migrations(std::move(migrations))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_conversations(m_connection)
    , m_tree(m_connection, [this] { return now(); })
    , m_streams(m_connection, [this](const QString& error) { Q_EMIT writeFailed(error); })
    , m_search(m_connection)
{
    std::sort(m_migrations.begin(), m_migrations.end(),
        [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

ConversationStore::~ConversationStore()
{
    if (m_open)
        m_streams.interruptOpen();
    closeDatabase();
}

QString ConversationStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("conversations.sqlite"));
}

void ConversationStore::closeDatabase()
{
    m_connection.close();
    m_open = false;
}

QDateTime ConversationStore::now() const
{
    return m_clock().toUTC();
}

void ConversationStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void ConversationStore::setBusyTimeout(int ms)
{
    m_connection.setBusyTimeout(ms);
}

void ConversationStore::setFlushInterval(int ms)
{
    m_streams.setInterval(ms);
}

bool ConversationStore::open()
{
    if (m_open)
        return true;
    const QString opening = tr("Opening the conversation database");
    if (m_migrations.isEmpty())
        return fail(tr("%1 failed: no schema migrations").arg(opening));

    if (!m_connection.open(opening))
        return false;

    // The version before the pragmas: a file written by a newer schema is left exactly as it is.
    if (!ConversationSchema::checkVersion(m_connection, m_migrations.constLast().version, opening)
        || !m_connection.configure() || !ConversationSchema::migrate(m_connection, m_migrations, &m_schemaVersion)) {
        closeDatabase();
        return false;
    }
    m_fullText = ConversationSchema::hasFullTextIndex(m_connection);

    if (!StreamingBuffer::interruptAbandoned(m_connection, opening)) {
        closeDatabase();
        return false;
    }
    m_open = true;
    return true;
}

// Conversations --------------------------------------------------------------------------------

std::optional<qint64> ConversationStore::createConversation(const Conversation& init)
{
    const QString action = tr("Creating a conversation");
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error()), std::nullopt;
    const QDateTime t = now();
    const std::optional<qint64> id = m_conversations.insert(init, t, t, action);
    if (!id)
        return std::nullopt;
    if (!tx.commit())
        return fail(action, tx.error()), std::nullopt;
    Q_EMIT conversationAdded(*id);
    return id;
}

std::optional<Conversation> ConversationStore::conversation(qint64 id) const
{
    return m_conversations.read(id);
}

QList<ConversationSummary> ConversationStore::conversations() const
{
    return m_conversations.list();
}

std::optional<ConversationSummary> ConversationStore::summary(qint64 id) const
{
    return m_conversations.summary(id);
}

bool ConversationStore::renameConversation(qint64 id, const QString& title)
{
    const bool ok = m_conversations.rename(id, title);
    if (ok)
        Q_EMIT conversationChanged(id);
    return ok;
}

bool ConversationStore::setPinned(qint64 id, bool pinned)
{
    const bool ok = m_conversations.setPinned(id, pinned);
    if (ok)
        Q_EMIT conversationChanged(id);
    return ok;
}

bool ConversationStore::setConversationSettings(
    qint64 id, const QString& model, const QString& systemPrompt, const QJsonObject& parameters)
{
    const bool ok = m_conversations.setSettings(id, model, systemPrompt, parameters);
    if (ok)
        Q_EMIT conversationChanged(id);
    return ok;
}

bool ConversationStore::setDraft(qint64 id, const QString& draft)
{
    return m_conversations.setDraft(id, draft);
}

bool ConversationStore::setDraftAttachments(qint64 id, const QJsonArray& attachments)
{
    return m_conversations.setDraftAttachments(id, attachments);
}

bool ConversationStore::deleteConversation(qint64 id)
{
    const bool ok = m_conversations.markDeleted(id, now());
    if (ok)
        Q_EMIT conversationRemoved(id);
    return ok;
}

bool ConversationStore::undoDelete(qint64 id)
{
    const bool ok = m_conversations.unmarkDeleted(id);
    if (ok)
        Q_EMIT conversationAdded(id);
    return ok;
}

QList<qint64> ConversationStore::deletedConversations() const
{
    return m_conversations.deleted();
}

int ConversationStore::purgeDeleted(const QDateTime& olderThan)
{
    return m_conversations.purge(olderThan);
}

std::optional<qint64> ConversationStore::duplicateConversation(qint64 id)
{
    const QString action = tr("Duplicating the conversation");
    m_streams.flush();
    const auto source = conversation(id);
    if (!source)
        return fail(tr("%1 failed: it no longer exists").arg(action)), std::nullopt;
    const QList<StoredMessage> all = messages(id);

    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error()), std::nullopt;
    const QDateTime t = now();
    Conversation copy = *source; // not pinned, no draft
    copy.title = source->title.isEmpty() ? source->title : tr("%1 (copy)").arg(source->title);
    copy.pinned = false;
    copy.draft.clear();
    const std::optional<qint64> copyId = m_conversations.insert(copy, t, t, action);
    if (!copyId || !m_tree.copyTree(id, all, *copyId, action))
        return std::nullopt;
    if (!tx.commit())
        return fail(action, tx.error()), std::nullopt;
    Q_EMIT conversationAdded(*copyId);
    return copyId;
}

std::optional<qint64> ConversationStore::insertConversation(
    const Conversation& conversation, const QList<StoredMessage>& chain)
{
    const QString action = tr("Importing the conversation");
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error()), std::nullopt;
    const QDateTime t = now();
    const std::optional<qint64> id
        = m_conversations.insert(conversation, conversation.created.isValid() ? conversation.created : t,
            conversation.updated.isValid() ? conversation.updated : t, action);
    if (!id || !m_tree.appendChain(*id, chain))
        return std::nullopt;
    if (!tx.commit())
        return fail(action, tx.error()), std::nullopt;
    Q_EMIT conversationAdded(*id);
    return id;
}

QString ConversationStore::titleFromText(const QString& text, int maxChars)
{
    QString line;
    for (const QString& l : text.split(QLatin1Char('\n'))) {
        line = l.simplified();
        if (!line.isEmpty())
            break;
    }
    if (line.size() <= maxChars)
        return line;
    // Cut on the last space that keeps at least half the width; text without spaces (CJK,
    // a long URL) is cut where the width ends.
    qsizetype cut = line.lastIndexOf(QLatin1Char(' '), maxChars);
    if (cut < maxChars / 2)
        cut = maxChars;
    if (cut > 0 && line.at(cut - 1).isHighSurrogate())
        --cut;
    return line.left(cut).trimmed() + QStringLiteral("…");
}

// Messages ------------------------------------------------------------------------------------

bool ConversationStore::touch(qint64 conversationId)
{
    return m_conversations.touch(conversationId, now());
}

// Inside the caller's transaction: the row, the parent's branch choice, the first-message
// title and the conversation's time.
std::optional<qint64> ConversationStore::insertMessageRow(const StoredMessage& m)
{
    const QString action = tr("Saving the message");
    const std::optional<bool> untitled = m_conversations.isUntitled(m.conversationId, action);
    if (!untitled)
        return std::nullopt;
    QSqlQuery q(db());
    if (m.parentId) {
        q.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), m.parentId);
        if (!q.exec())
            return fail(action, q.lastError()), std::nullopt;
        if (!q.next() || q.value(0).toLongLong() != m.conversationId)
            return fail(tr("%1 failed: the message it answers is not in this conversation").arg(action)), std::nullopt;
        q.finish();
    }

    q.prepare(insertMessageSql());
    const auto inserted = m_tree.insert(q, m);
    if (!inserted)
        return std::nullopt;
    const qint64 id = *inserted;

    if (!m_tree.setSelected(m.conversationId, m.parentId, id))
        return std::nullopt;
    if (*untitled && m.role == QLatin1String("user")) {
        const QString title = titleFromText(m.content);
        if (!title.isEmpty() && !m_conversations.setTitle(m.conversationId, title, action))
            return std::nullopt;
    }
    if (!touch(m.conversationId))
        return std::nullopt;
    return id;
}

std::optional<qint64> ConversationStore::addMessage(const StoredMessage& message)
{
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(tr("Saving the message"), tx.error()), std::nullopt;
    const auto id = insertMessageRow(message);
    if (!id)
        return std::nullopt;
    if (!tx.commit())
        return fail(tr("Saving the message"), tx.error()), std::nullopt;
    if (message.state == MessageState::Streaming)
        m_streams.open(*id);
    Q_EMIT messagesChanged(message.conversationId);
    Q_EMIT conversationChanged(message.conversationId);
    return id;
}

std::optional<qint64> ConversationStore::addUserMessage(
    qint64 conversationId, qint64 parentId, const QString& content, const QJsonArray& attachments)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = QStringLiteral("user");
    m.content = content;
    m.attachments = attachments;
    return addMessage(m);
}

std::optional<qint64> ConversationStore::editUserMessage(
    qint64 messageId, const QString& content, const QJsonArray& attachments)
{
    const auto original = message(messageId);
    if (!original)
        return fail(tr("Saving the edited message failed: the original no longer exists")), std::nullopt;
    StoredMessage m;
    m.conversationId = original->conversationId;
    m.parentId = original->parentId;
    m.role = original->role;
    m.content = content;
    m.attachments = attachments;
    return addMessage(m);
}

std::optional<qint64> ConversationStore::beginAssistantMessage(
    qint64 conversationId, qint64 parentId, const QString& model, const QJsonObject& parameters)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = QStringLiteral("assistant");
    m.model = model;
    m.parameters = parameters;
    m.state = MessageState::Streaming;
    return addMessage(m);
}

bool ConversationStore::resumeMessage(qint64 messageId)
{
    return m_streams.reopen(messageId, tr("Continuing the reply"));
}

void ConversationStore::appendToStreaming(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta)
{
    m_streams.append(messageId, contentDelta, reasoningDelta);
}

bool ConversationStore::flush()
{
    return m_streams.flush();
}

bool ConversationStore::finishMessage(qint64 messageId, const ChatResult& result, const MessageTimings& timings)
{
    const QString action = tr("Saving the reply");
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error());
    const std::optional<qint64> conversationId = m_streams.complete(messageId, result, timings, action);
    if (!conversationId || !touch(*conversationId))
        return false;
    if (!tx.commit())
        return fail(action, tx.error());
    m_streams.close(messageId);
    Q_EMIT messagesChanged(*conversationId);
    Q_EMIT conversationChanged(*conversationId);
    return true;
}

bool ConversationStore::failMessage(qint64 messageId, const QString& error)
{
    return endStreaming(messageId, MessageState::Error, error, tr("Saving the failed reply"));
}

bool ConversationStore::interruptMessage(qint64 messageId)
{
    return endStreaming(messageId, MessageState::Interrupted, {}, tr("Saving the stopped reply"));
}

bool ConversationStore::endStreaming(qint64 messageId, MessageState state, const QString& error, const QString& action)
{
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error());
    const std::optional<qint64> conversationId = m_tree.conversationOf(messageId, action);
    if (!conversationId || !m_streams.end(messageId, state, error, action))
        return false;
    if (!tx.commit())
        return fail(action, tx.error());
    m_streams.close(messageId);
    Q_EMIT messagesChanged(*conversationId);
    return true;
}

bool ConversationStore::deleteMessage(qint64 messageId, DeletedMessages* removedRows)
{
    const QString action = tr("Deleting the message");
    if (removedRows && !flush()) // what is kept for undo includes the last streamed text
        return false;
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error());
    const std::optional<qint64> owner = m_tree.conversationOf(messageId, action);
    if (!owner)
        return false;
    const qint64 conversationId = *owner;
    QList<qint64> removed;
    DeletedMessages snapshot;
    if (!m_tree.removeSubtree(messageId, &removed, removedRows ? &snapshot.rows : nullptr, action))
        return false;
    if (!touch(conversationId))
        return false;
    if (!tx.commit())
        return fail(action, tx.error());
    for (qint64 id : std::as_const(removed))
        m_streams.close(id);
    if (removedRows) {
        snapshot.conversationId = conversationId;
        snapshot.rootId = messageId;
        *removedRows = std::move(snapshot);
    }
    Q_EMIT messagesChanged(conversationId);
    Q_EMIT conversationChanged(conversationId);
    return true;
}

bool ConversationStore::restoreMessages(const DeletedMessages& removed)
{
    const QString action = tr("Restoring the message");
    if (removed.isEmpty())
        return true;
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error());
    if (!m_tree.restoreSubtree(removed.conversationId, removed.rows, action))
        return false;
    if (!touch(removed.conversationId))
        return false;
    if (!tx.commit())
        return fail(action, tx.error());
    Q_EMIT messagesChanged(removed.conversationId);
    Q_EMIT conversationChanged(removed.conversationId);
    return selectSibling(removed.rootId);
}

std::optional<StoredMessage> ConversationStore::message(qint64 messageId) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE id = :id").arg(messageColumns()));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec()) {
        fail(tr("Reading a message"), q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    StoredMessage m = readMessage(q);
    m_streams.addPendingTo(m);
    return m;
}

QList<StoredMessage> ConversationStore::messages(qint64 conversationId) const
{
    QList<StoredMessage> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = :conversation ORDER BY id")
                  .arg(messageColumns()));
    q.bindValue(QStringLiteral(":conversation"), conversationId);
    if (!q.exec()) {
        fail(tr("Reading the conversation"), q.lastError());
        return out;
    }
    while (q.next()) {
        StoredMessage m = readMessage(q);
        m_streams.addPendingTo(m);
        out.append(std::move(m));
    }
    return out;
}

QList<StoredMessage> ConversationStore::activePath(qint64 conversationId) const
{
    QList<StoredMessage> path = m_tree.activePath(conversationId);
    for (StoredMessage& m : path)
        m_streams.addPendingTo(m);
    return path;
}

QList<qint64> ConversationStore::siblings(qint64 messageId) const
{
    return m_tree.siblings(messageId);
}

QHash<qint64, QList<qint64>> ConversationStore::childrenByParent(qint64 conversationId) const
{
    return m_tree.childrenByParent(conversationId);
}

bool ConversationStore::selectSibling(qint64 messageId)
{
    const QString action = tr("Choosing the message version");
    WriteTransaction tx(db());
    if (!tx.isActive())
        return fail(action, tx.error());
    const std::optional<qint64> owner = m_tree.conversationOf(messageId, action);
    if (!owner)
        return false;
    const qint64 conversationId = *owner;
    if (!m_tree.selectPath(conversationId, messageId, action))
        return false;
    if (!tx.commit())
        return fail(action, tx.error());
    Q_EMIT messagesChanged(conversationId);
    return true;
}

// Full text ------------------------------------------------------------------------------------

QList<SearchHit> ConversationStore::search(const QString& query, int limit) const
{
    return m_search.search(query, limit, m_fullText);
}

} // namespace flarechat
