#include "storage/MessageSearch.h"

#include "storage/StoreConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace flarechat {

namespace {

int codePointCount(const QString& s)
{
    return static_cast<int>(s.toUcs4().size());
}

QString escapeLike(QString term)
{
    term.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    term.replace(QLatin1Char('%'), QLatin1String("\\%"));
    term.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + term + QLatin1Char('%');
}

// The FTS path's snippet() for substring matches: a window around the first match, every
// term marked inside it.
QString substringSnippet(const QString& text, const QStringList& terms)
{
    constexpr int kBefore = 30;
    constexpr int kWidth = 100;
    qsizetype first = -1;
    for (const QString& t : terms) {
        const qsizetype at = text.indexOf(t, 0, Qt::CaseInsensitive);
        if (at >= 0 && (first < 0 || at < first))
            first = at;
    }
    if (first < 0)
        first = 0;
    qsizetype start = std::max<qsizetype>(0, first - kBefore);
    if (start > 0) {
        // Start on a word where one is near, not in the middle of it.
        const qsizetype space = text.indexOf(QLatin1Char(' '), start);
        if (space >= 0 && space < first && space - start < 12)
            start = space + 1;
    }
    const qsizetype end = std::min<qsizetype>(text.size(), start + kWidth);
    const QString window = text.mid(start, end - start);

    QString out;
    if (start > 0)
        out += QStringLiteral("…");
    qsizetype pos = 0;
    while (pos < window.size()) {
        qsizetype best = -1;
        qsizetype bestLen = 0;
        for (const QString& t : terms) {
            const qsizetype at = window.indexOf(t, pos, Qt::CaseInsensitive);
            if (at >= 0 && (best < 0 || at < best || (at == best && t.size() > bestLen))) {
                best = at;
                bestLen = t.size();
            }
        }
        if (best < 0) {
            out += window.mid(pos);
            break;
        }
        out += window.mid(pos, best - pos);
        out += SearchHit::kMarkStart + window.mid(best, bestLen) + SearchHit::kMarkEnd;
        pos = best + bestLen;
    }
    if (end < text.size())
        out += QStringLiteral("…");
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return out;
}

} // namespace

MessageSearch::MessageSearch(const StoreConnection& connection)
    : m_connection(connection)
{
}

QList<SearchHit> MessageSearch::search(const QString& query, int limit, bool fullText) const
{
    QList<SearchHit> hits;
    const QStringList terms = query.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms.isEmpty() || limit <= 0)
        return hits;
    const QString action = tr("Searching");

    // Trigrams cannot match a term shorter than three characters (中文, "Qt"); those queries
    // match substrings with LIKE instead, with the same result shape.
    const bool useFts = fullText
        && std::all_of(terms.cbegin(), terms.cend(), [](const QString& t) { return codePointCount(t) >= 3; });
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (useFts) {
        // Each term a quoted string: FTS5 then reads no operator or syntax inside it.
        QStringList phrases;
        for (QString t : terms)
            phrases.append(QLatin1Char('"') + t.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'));
        q.prepare(QStringLiteral("SELECT m.conversation_id, m.id, snippet(messages_fts, -1, char(2), char(3), '…', 24),"
                                 " bm25(messages_fts) AS score"
                                 " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
                                 " JOIN conversations c ON c.id = m.conversation_id"
                                 " WHERE messages_fts MATCH :match AND c.deleted_at IS NULL"
                                 " ORDER BY score, m.id DESC LIMIT :limit"));
        q.bindValue(QStringLiteral(":match"), phrases.join(QLatin1Char(' ')));
        q.bindValue(QStringLiteral(":limit"), limit);
        if (!q.exec()) {
            m_connection.fail(action, q.lastError());
            return hits;
        }
        while (q.next())
            hits.append(
                {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toDouble()});
        return hits;
    }

    QStringList conditions;
    for (int i = 0; i < terms.size(); ++i)
        conditions.append(
            QStringLiteral("(m.content LIKE :term%1 ESCAPE '\\' OR m.reasoning LIKE :term%1 ESCAPE '\\')").arg(i));
    q.prepare(QStringLiteral("SELECT m.conversation_id, m.id, m.content, m.reasoning FROM messages m"
                             " JOIN conversations c ON c.id = m.conversation_id"
                             " WHERE c.deleted_at IS NULL AND %1 ORDER BY m.id DESC LIMIT :limit")
                  .arg(conditions.join(QStringLiteral(" AND "))));
    for (int i = 0; i < terms.size(); ++i)
        q.bindValue(QStringLiteral(":term%1").arg(i), escapeLike(terms.at(i)));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!q.exec()) {
        m_connection.fail(action, q.lastError());
        return hits;
    }
    while (q.next()) {
        const QString content = q.value(2).toString();
        const bool inContent = std::any_of(
            terms.cbegin(), terms.cend(), [&](const QString& t) { return content.contains(t, Qt::CaseInsensitive); });
        hits.append({q.value(0).toLongLong(), q.value(1).toLongLong(),
            substringSnippet(inContent ? content : q.value(3).toString(), terms), 0});
    }
    return hits;
}

} // namespace flarechat
