#include "storage/ConversationSchema.h"

#include "storage/StoreConnection.h"
#include "storage/WriteTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace flarechat {

namespace {

bool execAll(QSqlDatabase& db, const QStringList& statements, QString* error)
{
    for (const QString& sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

bool migrationCreateTables(QSqlDatabase& db, QString* error)
{
    // Times are UTC milliseconds since the epoch. The selection columns (which child of a fork
    // is shown) carry no foreign key: a stale choice is simply ignored when the path is built.
    return execAll(db,
        {
            QStringLiteral("CREATE TABLE conversations ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL,"
                           " pinned INTEGER NOT NULL DEFAULT 0,"
                           " model TEXT NOT NULL DEFAULT '',"
                           " system_prompt TEXT NOT NULL DEFAULT '',"
                           " parameters TEXT NOT NULL DEFAULT '{}',"
                           " draft TEXT NOT NULL DEFAULT '',"
                           " selected_root_id INTEGER,"
                           " deleted_at INTEGER)"),
            QStringLiteral("CREATE INDEX conversations_by_order ON conversations(deleted_at, pinned, updated_at)"),
            QStringLiteral("CREATE TABLE messages ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                           " parent_id INTEGER REFERENCES messages(id),"
                           " selected_child_id INTEGER,"
                           " role TEXT NOT NULL,"
                           " content TEXT NOT NULL DEFAULT '',"
                           " reasoning TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " parameters TEXT NOT NULL DEFAULT '{}',"
                           " usage TEXT,"
                           " ttft_ms INTEGER,"
                           " duration_ms INTEGER,"
                           " tokens_per_second REAL,"
                           " error TEXT NOT NULL DEFAULT '',"
                           " attachments TEXT NOT NULL DEFAULT '[]',"
                           " tool_calls TEXT NOT NULL DEFAULT '[]',"
                           " tool_call_id TEXT NOT NULL DEFAULT '',"
                           " finish_reason TEXT NOT NULL DEFAULT '',"
                           " state TEXT NOT NULL DEFAULT 'complete'"
                           "  CHECK (state IN ('complete', 'streaming', 'interrupted', 'error')),"
                           " created_at INTEGER NOT NULL)"),
            // (conversation_id) orders by rowid inside a conversation: the path load and the preview.
            QStringLiteral("CREATE INDEX messages_by_conversation ON messages(conversation_id)"),
            QStringLiteral("CREATE INDEX messages_by_parent ON messages(parent_id)"),
            QStringLiteral("CREATE INDEX messages_streaming ON messages(state) WHERE state = 'streaming'"),
        },
        error);
}

bool migrationDraftAttachments(QSqlDatabase& db, QString* error)
{
    return execAll(db,
        {QStringLiteral("ALTER TABLE conversations ADD COLUMN draft_attachments TEXT NOT NULL DEFAULT '[]'")}, error);
}

bool migrationFullText(QSqlDatabase& db, QString* error)
{
    // trigram: unicode61 keeps a run of CJK characters as one token, so 中文 inside a sentence
    // would never match; trigrams match any substring of three or more characters.
    QSqlQuery probe(db);
    if (!probe.exec(
            QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5("
                           "content, reasoning, content='messages', content_rowid='id', tokenize='trigram')"))) {
        qCWarning(lcStore) << "SQLite has no FTS5 trigram tokenizer; search falls back to substring matching:"
                           << probe.lastError().text();
        return true;
    }
    // A reply is indexed once it stops streaming: re-indexing the whole text at every flush
    // would cost more than the flush itself. The index therefore holds exactly the rows whose
    // state is not 'streaming', and each trigger removes what it added.
    return execAll(db,
        {
            QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
                           " WHEN new.state <> 'streaming' BEGIN"
                           " INSERT INTO messages_fts(rowid, content, reasoning)"
                           " VALUES (new.id, new.content, new.reasoning); END"),
            QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
                           " WHEN old.state <> 'streaming' BEGIN"
                           " INSERT INTO messages_fts(messages_fts, rowid, content, reasoning)"
                           " VALUES ('delete', old.id, old.content, old.reasoning); END"),
            // One trigger, so the old entry always goes before the new one arrives.
            QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, reasoning, state ON messages"
                           " BEGIN"
                           " INSERT INTO messages_fts(messages_fts, rowid, content, reasoning)"
                           " SELECT 'delete', old.id, old.content, old.reasoning WHERE old.state <> 'streaming';"
                           " INSERT INTO messages_fts(rowid, content, reasoning)"
                           " SELECT new.id, new.content, new.reasoning WHERE new.state <> 'streaming'; END"),
            // Messages written before this migration.
            QStringLiteral("INSERT INTO messages_fts(rowid, content, reasoning)"
                           " SELECT id, content, reasoning FROM messages WHERE state <> 'streaming'"),
        },
        error);
}

} // namespace

QList<ConversationSchema::Migration> ConversationSchema::builtInMigrations()
{
    return {
        {1, QStringLiteral("conversations and messages"), migrationCreateTables},
        {2, QStringLiteral("full-text index of messages (FTS5, trigram)"), migrationFullText},
        {3, QStringLiteral("attachments of the unsent draft"), migrationDraftAttachments},
    };
}

bool ConversationSchema::checkVersion(const StoreConnection& connection, int latest, const QString& action)
{
    QSqlQuery q(connection.db());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return connection.fail(action, q.lastError());
    const int version = q.value(0).toInt();
    if (version > latest) {
        return connection.fail(
            tr("%1 refused: %2 was written by a newer FlareChat (schema version %3; this version understands up "
               "to %4). Update FlareChat to open it; the file was not changed.")
                .arg(action, connection.path())
                .arg(version)
                .arg(latest));
    }
    return true;
}

bool ConversationSchema::migrate(const StoreConnection& connection, const QList<Migration>& migrations, int* version)
{
    for (const Migration& migration : migrations) {
        const QString action = tr("Upgrading the conversation database to schema version %1 (%2)")
                                   .arg(migration.version)
                                   .arg(migration.description);
        WriteTransaction tx(connection.db());
        if (!tx.isActive())
            return connection.fail(action, tx.error());
        // Read again under the write lock: another instance may have migrated meanwhile.
        QSqlQuery q(connection.db());
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return connection.fail(action, q.lastError());
        *version = q.value(0).toInt();
        q.finish();
        if (*version >= migration.version)
            continue;
        QString error;
        QSqlDatabase db = connection.db(); // apply() takes it by reference
        if (!migration.apply(db, &error))
            return connection.fail(tr("%1 failed: %2").arg(action, error));
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)))
            return connection.fail(action, q.lastError());
        if (!tx.commit())
            return connection.fail(action, tx.error());
        *version = migration.version;
        qCInfo(lcStore) << "conversation database at schema version" << *version;
    }
    return true;
}

bool ConversationSchema::hasFullTextIndex(const StoreConnection& connection)
{
    QSqlQuery q(connection.db());
    return q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'"))
        && q.next();
}

} // namespace flarechat
