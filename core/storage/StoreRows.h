#pragma once

#include "storage/Conversation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

class QSqlQuery;

namespace flarechat {

// How the store's values become columns and back: times as UTC milliseconds, JSON columns as
// compact text, absent numbers as NULL, the column lists of each read, and the inserts. Values
// are bound by name (:title, :created_at), so a statement can be checked against its binds by
// reading both; rows are read by position, in the order of the column lists here. No I/O:
// the caller prepares, runs and reports.
namespace StoreRows {

// Values -------------------------------------------------------------------------------------

qint64 toMs(const QDateTime& t); // 0 for an invalid time
QDateTime fromMs(const QVariant& v); // UTC; invalid for NULL
QVariant nullInt();
// Qt binds a null QString as SQL NULL; text columns are NOT NULL and `content || NULL` is NULL.
QVariant textValue(const QString& s);
QVariant idOrNull(qint64 id); // NULL for 0 (no parent, no choice)
QVariant usageOrNull(const Usage& usage);
QVariant msOrNull(qint64 ms); // NULL for -1 (not measured)
QVariant rateOrNull(double perSecond); // NULL for -1 (not measured)
QString jsonText(const QJsonObject& o);
QString jsonText(const QJsonArray& a);
QJsonObject jsonObject(const QVariant& v);
QJsonArray jsonArray(const QVariant& v);

// Binds every value of `binds` (name → value) to a prepared `q`; strings through textValue().
void bindAll(QSqlQuery& q, const QVariantMap& binds);

// Conversations ------------------------------------------------------------------------------

// INSERT of a new conversation row; bindConversation() supplies its values.
QString insertConversationSql();
void bindConversation(QSqlQuery& q, const Conversation& c, const QDateTime& created, const QDateTime& updated);
// "SELECT <every column readConversation() reads> FROM conversations"; the caller adds WHERE.
QString conversationSelect();
Conversation readConversation(const QSqlQuery& q);
// The list's rows (not deleted), each with the start of its latest message; the caller adds
// AND ... and ORDER BY.
QString summarySelect();
ConversationSummary readSummary(const QSqlQuery& q);

// Messages -----------------------------------------------------------------------------------

// The columns readMessage() reads, in its order.
QString messageColumns();
constexpr int kMessageColumnCount = 19;
StoredMessage readMessage(const QSqlQuery& q);
// INSERT of a message with a new id; bindMessage() supplies its values, `created` for its
// time (m.created, or now for a new message: the caller asks the clock only then).
QString insertMessageSql();
void bindMessage(QSqlQuery& q, const StoredMessage& m, const QDateTime& created);

// Every column, for deleteMessage()'s snapshot and restoreMessages(): a row kept as it was
// stored, ids and branch choice included.
QString allMessageColumns();
constexpr int kAllMessageColumnCount = 20;
constexpr int kAllMessageParentColumn = 2;
QString insertAllMessageColumnsSql();
void bindAllMessageColumns(QSqlQuery& q, const QVariantList& row);

} // namespace StoreRows
} // namespace flarechat
