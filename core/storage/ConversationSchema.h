#pragma once

#include "storage/ConversationStore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace flarechat {

class StoreConnection;

// The tables of the conversation database and how a file reaches the current ones: the
// ordered migrations, each run in its own transaction, and PRAGMA user_version, which records
// the last one a file has had. The full-text index (FTS5, trigram) is one of them; without an
// FTS5 trigram tokenizer it is skipped, and search matches substrings instead.
class ConversationSchema final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    using Migration = ConversationStore::Migration;

    static QList<Migration> builtInMigrations();

    // Refuses a file written by a schema newer than `latest`. Runs before anything writes (even
    // the switch to WAL), so a refused file is left exactly as it is.
    static bool checkVersion(const StoreConnection& connection, int latest, const QString& action);
    // Runs the migrations the file has not had, in order; *version is where the file stands,
    // also after a failure.
    static bool migrate(const StoreConnection& connection, const QList<Migration>& migrations, int* version);
    static bool hasFullTextIndex(const StoreConnection& connection); // messages_fts exists
};

} // namespace flarechat
