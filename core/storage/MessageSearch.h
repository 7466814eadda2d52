#pragma once

#include "storage/Conversation.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace flarechat {

class StoreConnection;

// Finds messages by their words. Every word of the query must occur (AND), taken literally
// whatever its characters; deleted conversations are left out, best matches first. With the
// full-text index (FTS5, trigram) it ranks by bm25 and lets SQLite cut the snippets; terms
// shorter than three characters (中文, "Qt") cannot match trigrams, so those queries, and a
// database without the index, match substrings with LIKE and cut the snippets here, in the
// same shape.
class MessageSearch final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    explicit MessageSearch(const StoreConnection& connection);

    QList<SearchHit> search(const QString& query, int limit, bool fullText) const;

private:
    const StoreConnection& m_connection;
};

} // namespace flarechat
