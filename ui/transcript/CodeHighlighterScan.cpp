#include "CodeHighlighterScan.h"

#include <algorithm>

namespace flarechat::CodeHighlighter::detail {

namespace {

// ASCII lower case of `word` into `buffer` (which holds at least word.size() characters).
QStringView lowered(QStringView word, char16_t* buffer)
{
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = word[i].unicode();
        buffer[i] = isUpper(c) ? char16_t(c + (u'a' - u'A')) : c;
    }
    return QStringView(buffer, word.size());
}

} // namespace

WordTable::WordTable(std::initializer_list<WordGroup> groups, bool caseInsensitive)
    : m_caseInsensitive(caseInsensitive)
{
    for (const WordGroup& group : groups) {
        const QStringView words(group.words);
        qsizetype from = 0;
        while (from < words.size()) {
            qsizetype to = words.indexOf(u' ', from);
            if (to < 0)
                to = words.size();
            if (to > from) {
                m_entries.push_back(Entry {words.mid(from, to - from), group.kind, group.role});
                m_maxLength = std::max(m_maxLength, to - from);
            }
            from = to + 1;
        }
    }
    std::stable_sort(
        m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) { return a.word.compare(b.word) < 0; });
    // A word listed twice keeps its first listing.
    m_entries.erase(std::unique(m_entries.begin(), m_entries.end(),
                        [](const Entry& a, const Entry& b) { return a.word == b.word; }),
        m_entries.end());
}

const WordTable::Entry* WordTable::find(QStringView word) const
{
    if (word.size() > m_maxLength || word.isEmpty())
        return nullptr;
    char16_t buffer[64];
    if (m_caseInsensitive) {
        if (word.size() > qsizetype(std::size(buffer)))
            return nullptr;
        word = lowered(word, buffer);
    }
    const auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), word, [](const Entry& e, QStringView w) { return e.word.compare(w) < 0; });
    return it != m_entries.end() && it->word == word ? &*it : nullptr;
}

qsizetype scanNumber(const Text& t, qsizetype i, char16_t separator)
{
    const auto digits = [&](qsizetype k, bool (*isDigitOfBase)(char16_t)) {
        const qsizetype first = k;
        while (k < t.n) {
            const char16_t c = t.d[k];
            if (isDigitOfBase(c))
                ++k;
            else if (separator && c == separator && k > first && isDigitOfBase(t.at(k + 1)))
                k += 2;
            else
                break;
        }
        return k;
    };
    const auto binary = [](char16_t c) { return c == u'0' || c == u'1'; };
    const auto octal = [](char16_t c) { return c >= u'0' && c <= u'7'; };
    const auto exponent = [&](qsizetype k, char16_t e1, char16_t e2) {
        const char16_t c = t.at(k);
        if (c != e1 && c != e2)
            return k;
        qsizetype m = k + 1;
        if (t.at(m) == u'+' || t.at(m) == u'-')
            ++m;
        return isDigit(t.at(m)) ? digits(m, isDigit) : k;
    };

    const char16_t prefix = t.at(i) == u'0' ? char16_t(t.at(i + 1) | 0x20) : char16_t(0);
    if (prefix == u'x' && (isHexDigit(t.at(i + 2)) || t.at(i + 2) == u'.')) {
        i = digits(i + 2, isHexDigit);
        if (t.at(i) == u'.' && t.at(i + 1) != u'.')
            i = digits(i + 1, isHexDigit);
        i = exponent(i, u'p', u'P');
    } else if (prefix == u'b' && binary(t.at(i + 2))) {
        i = digits(i + 2, binary);
    } else if (prefix == u'o' && octal(t.at(i + 2))) {
        i = digits(i + 2, octal);
    } else {
        i = digits(i, isDigit);
        // "1.5", "1." and ".5", but not the range "0..9" nor the method call "1.max(2)".
        if (t.at(i) == u'.' && t.at(i + 1) != u'.' && !isIdentStart(t.at(i + 1)))
            i = digits(i + 1, isDigit);
        i = exponent(i, u'e', u'E');
    }
    while (i < t.n && isIdentChar(t.d[i]))
        ++i;
    return i;
}

qsizetype scanQuoted(const Text& t, qsizetype i, bool multiLine, bool escapes)
{
    const char16_t quote = t.d[i++];
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (c == quote)
            return i + 1;
        if (c == u'\\' && escapes)
            i += 2;
        else if (c == u'\n' && !multiLine)
            return i;
        else
            ++i;
    }
    return t.n;
}

qsizetype scanUntil(const Text& t, qsizetype i, QStringView close)
{
    const char16_t first = close[0].unicode();
    for (; i < t.n; ++i) {
        if (t.d[i] == first && t.startsWith(i, close))
            return i + close.size();
    }
    return t.n;
}

} // namespace flarechat::CodeHighlighter::detail
