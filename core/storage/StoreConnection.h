#pragma once

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>

class QSqlError;

namespace flarechat {

Q_DECLARE_LOGGING_CATEGORY(lcStore) // "flarechat.storage"

// The conversation store's own named QSQLITE connection: opening the file (and its folder),
// the pragmas every connection needs (WAL, synchronous NORMAL, foreign keys, busy timeout),
// closing, and the wording of failures. A failed statement becomes one sentence a user
// understands ("the disk is full", "locked by another program"), kept as lastError(): every
// part of the store reports through here, so the store has one lastError() whichever part failed.
class StoreConnection final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    explicit StoreConnection(const QString& path); // a connection name no other instance uses
    ~StoreConnection();
    StoreConnection(const StoreConnection&) = delete;
    StoreConnection& operator=(const StoreConnection&) = delete;

    // Creates the folder and opens the file. Runs no statement, so a file that must be refused
    // is left untouched; `action` begins the error sentence.
    bool open(const QString& action);
    bool configure(); // the pragmas; after the schema version was checked
    void close();

    const QSqlDatabase& db() const { return m_db; }
    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }
    void setBusyTimeout(int ms); // applied at once when open

    // Both return false, so a caller can `return fail(...)`.
    bool fail(const QString& message) const;
    bool fail(const QString& action, const QSqlError& error) const;
    QString lastError() const { return m_lastError; }

private:
    bool execPragma(const QString& sql);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_busyTimeoutMs = 3000; // SQLite waits this long for a lock held by another connection
    mutable QString m_lastError; // reads fail too, and they are const
};

} // namespace flarechat
