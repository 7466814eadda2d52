// The table-driven scanner of the programming languages with C-like tokens: C, C++, Python,
// JavaScript, TypeScript, Rust, Go, Java and SQL, each described by a Syntax
// (CodeHighlighterLanguages.cpp).

#include "CodeHighlighterScan.h"

#include <algorithm>
#include <vector>

namespace flarechat::CodeHighlighter::detail {

namespace {

class CodeScanner
{
public:
    CodeScanner(const Syntax& syntax, QStringView code, Emitter& out)
        : m_syntax(syntax)
        , t(code)
        , m_out(out)
    {
    }
    void run();

private:
    bool has(quint32 flag) const { return (m_syntax.flags & flag) != 0; }
    void add(qsizetype from, qsizetype to, Kind kind) { m_out.add(from, to, kind); }
    // Each of these consumes one token at `i` and returns its end, or -1 when there is none.
    qsizetype slash(qsizetype i);
    qsizetype hash(qsizetype i, bool firstOnLine);
    qsizetype blockComment(qsizetype i) const;
    qsizetype string(qsizetype quote, qsizetype from);
    qsizetype character(qsizetype quote, qsizetype from);
    qsizetype templatePart(qsizetype i, qsizetype from);
    qsizetype prefixedString(qsizetype i, qsizetype quote, QStringView prefix);
    qsizetype rustRawString(qsizetype i, qsizetype hashes);
    qsizetype cppRawString(qsizetype i, qsizetype quote);
    qsizetype regex(qsizetype i);
    qsizetype identifier(qsizetype i);

    const Syntax& m_syntax;
    const Text t;
    Emitter& m_out;
    std::vector<int> m_templates; // open ${…} of template strings: the depth of { inside each
    Role m_pending = Role::None; // what the previous word says the next identifier names
    bool m_operandEnded = false; // the last token ends an operand: '/' after it divides
    qsizetype m_noRegexBefore = 0; // a regex scan failed on this line: not again before its end
};

void CodeScanner::run()
{
    bool lineStart = true; // only white space since the last newline
    qsizetype i = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (c == u'\n' || isSpace(c)) {
            lineStart = lineStart || c == u'\n';
            ++i;
            continue;
        }
        const bool firstOnLine = lineStart;
        lineStart = false;
        const char16_t next = t.at(i + 1);
        qsizetype end = -1;
        switch (c) {
        case u'/':
            end = slash(i);
            break;
        case u'#':
            end = hash(i, firstOnLine);
            break;
        case u'-':
            if (next == u'-' && has(DashComments))
                add(i, end = t.lineEnd(i), Kind::Comment);
            break;
        case u'"':
            end = string(i, i);
            break;
        case u'\'':
            end = has(SingleQuoteStrings) ? string(i, i) : character(i, i);
            break;
        case u'`':
            if (has(TemplateStrings)) {
                end = templatePart(i + 1, i);
            } else if (has(RawBackticks)) {
                add(i, end = scanQuoted(t, i, true, false), Kind::String);
                m_operandEnded = true;
            }
            break;
        case u'@':
            if (has(Decorators) && isIdentStart(next)) {
                end = i + 1;
                while (end < t.n && (isIdentChar(t.d[end]) || (t.d[end] == u'.' && isIdentStart(t.at(end + 1)))))
                    ++end;
                add(i, end, Kind::Meta);
            }
            break;
        case u'{':
            if (!m_templates.empty())
                ++m_templates.back();
            break;
        case u'}':
            if (!m_templates.empty()) {
                if (m_templates.back() == 0) {
                    m_templates.pop_back();
                    end = templatePart(i + 1, i);
                } else {
                    --m_templates.back();
                }
            }
            break;
        default:
            break;
        }
        if (end >= 0) {
            i = end;
            continue;
        }
        if (isDigit(c) || (c == u'.' && isDigit(next) && !m_operandEnded)) {
            end = scanNumber(t, i, m_syntax.digitSeparator);
            add(i, end, Kind::Number);
            m_operandEnded = true;
            m_pending = Role::None;
        } else if (isIdentStart(c) || (c == u'$' && has(DollarIdentifiers))) {
            end = identifier(i);
        } else {
            m_operandEnded = c == u')' || c == u']' || c == u'}';
            m_pending = Role::None;
            end = i + 1;
        }
        i = end;
    }
}

qsizetype CodeScanner::slash(qsizetype i)
{
    const char16_t next = t.at(i + 1);
    qsizetype end = -1;
    if (next == u'/' && has(LineSlashComments))
        add(i, end = t.lineEnd(i), Kind::Comment);
    else if (next == u'*' && has(BlockComments))
        add(i, end = blockComment(i), Kind::Comment);
    else if (has(RegexLiterals) && !m_operandEnded && i >= m_noRegexBefore)
        end = regex(i);
    return end;
}

qsizetype CodeScanner::hash(qsizetype i, bool firstOnLine)
{
    const char16_t next = t.at(i + 1);
    if (has(Preprocessor) && firstOnLine) {
        qsizetype k = i + 1;
        while (k < t.n && isSpace(t.d[k]))
            ++k;
        const qsizetype word = k;
        while (k < t.n && isIdentChar(t.d[k]))
            ++k;
        add(i, k, Kind::Preprocessor);
        const QStringView directive = t.mid(word, k);
        if (directive == u"include" || directive == u"include_next" || directive == u"import") {
            while (k < t.n && isSpace(t.d[k]))
                ++k;
            if (t.at(k) == u'<') {
                const qsizetype from = k;
                while (k < t.n && t.d[k] != u'>' && t.d[k] != u'\n')
                    ++k;
                add(from, k = std::min(t.n, k + (t.at(k) == u'>')), Kind::String);
            }
        }
        m_operandEnded = false;
        return k;
    }
    if (has(RustAttributes) && (next == u'[' || (next == u'!' && t.at(i + 2) == u'['))) {
        qsizetype k = i + (next == u'!' ? 3 : 2);
        int depth = 1;
        while (k < t.n && depth > 0) {
            const char16_t c = t.d[k];
            if (c == u'"') {
                k = scanQuoted(t, k, true, true);
                continue;
            }
            depth += c == u'[' ? 1 : c == u']' ? -1 : 0;
            ++k;
        }
        add(i, k, Kind::Meta);
        return k;
    }
    if (has(HashComments)) {
        const qsizetype end = t.lineEnd(i);
        add(i, end, Kind::Comment);
        return end;
    }
    return -1;
}

qsizetype CodeScanner::blockComment(qsizetype i) const
{
    if (!has(NestedComments))
        return scanUntil(t, i + 2, u"*/");
    int depth = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (c == u'/' && t.at(i + 1) == u'*') {
            ++depth;
            i += 2;
        } else if (c == u'*' && t.at(i + 1) == u'/') {
            i += 2;
            if (--depth == 0)
                return i;
        } else {
            ++i;
        }
    }
    return t.n;
}

// A string whose opening quote is at `quote`, highlighted from `from` (its prefix, if any).
qsizetype CodeScanner::string(qsizetype quote, qsizetype from)
{
    const char16_t q = t.d[quote];
    qsizetype end;
    if (has(TripleQuotes) && t.at(quote + 1) == q && t.at(quote + 2) == q) {
        end = quote + 3;
        while (end < t.n) {
            const char16_t c = t.d[end];
            if (c == u'\\') {
                end += 2;
            } else if (c == q && t.at(end + 1) == q && t.at(end + 2) == q) {
                end += 3;
                break;
            } else {
                ++end;
            }
        }
        end = std::min(end, t.n);
    } else {
        end = scanQuoted(t, quote, has(MultiLineStrings), true);
    }
    add(from, end, Kind::String);
    m_operandEnded = true;
    m_pending = Role::None;
    return end;
}

// A character literal at `quote` ('x', '\n'), or a Rust lifetime or label ('a, 'static).
qsizetype CodeScanner::character(qsizetype quote, qsizetype from)
{
    if (has(Lifetimes) && from == quote && isIdentStart(t.at(quote + 1))) {
        qsizetype k = quote + 2;
        while (k < t.n && isIdentChar(t.d[k]))
            ++k;
        if (k != quote + 2 || t.at(k) != u'\'') {
            add(quote, k, Kind::Keyword);
            return k;
        }
    }
    const qsizetype end = scanQuoted(t, quote, false, true);
    add(from, end, Kind::String);
    m_operandEnded = true;
    return end;
}

// A piece of a template string from `i` (after its opening backtick, or after the "}" closing an
// expression in it) to its closing backtick or the next "${", highlighted from `from`.
qsizetype CodeScanner::templatePart(qsizetype i, qsizetype from)
{
    m_operandEnded = true;
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (c == u'\\') {
            i += 2;
        } else if (c == u'`') {
            ++i;
            break;
        } else if (c == u'$' && t.at(i + 1) == u'{') {
            i += 2;
            m_templates.push_back(0);
            m_operandEnded = false;
            break;
        } else {
            ++i;
        }
    }
    i = std::min(i, t.n);
    add(from, i, Kind::String);
    return i;
}

// A string with a prefix (`prefix` from `i`) whose quote, or Rust raw string's first '#', is at `quote`.
qsizetype CodeScanner::prefixedString(qsizetype i, qsizetype quote, QStringView prefix)
{
    const char16_t q = t.d[quote];
    if (has(RustStrings)) {
        if (prefix == u"r" || prefix == u"br" || prefix == u"cr")
            return rustRawString(i, quote);
        if ((prefix == u"b" || prefix == u"c") && q != u'#')
            return q == u'"' ? string(quote, i) : character(quote, i);
        return -1;
    }
    if (q == u'#')
        return -1;
    if (has(CppStrings)) {
        const bool raw = prefix.endsWith(u'R');
        const QStringView encoding = raw ? prefix.chopped(1) : prefix;
        if (!(encoding.isEmpty() || encoding == u"u8" || encoding == u"u" || encoding == u"U" || encoding == u"L"))
            return -1;
        if (raw)
            return q == u'"' ? cppRawString(i, quote) : -1;
        return q == u'"' ? string(quote, i) : character(quote, i);
    }
    if (has(PythonPrefixes) && prefix.size() <= 2) {
        for (const QChar ch : prefix) {
            if (!QStringView(u"rRbBuUfF").contains(ch))
                return -1;
        }
        return string(quote, i);
    }
    return -1;
}

// r"…", r#"…"#, br##"…"## from `i`; the first '#' or the quote is at `hashes`. No escapes.
qsizetype CodeScanner::rustRawString(qsizetype i, qsizetype hashes)
{
    qsizetype k = hashes;
    while (k < t.n && t.d[k] == u'#')
        ++k;
    const qsizetype count = k - hashes;
    if (t.at(k) != u'"')
        return -1; // r#name: a raw identifier
    ++k;
    while (k < t.n) {
        if (t.d[k++] != u'"')
            continue;
        const qsizetype afterQuote = k;
        while (k < t.n && k - afterQuote < count && t.d[k] == u'#')
            ++k;
        if (k - afterQuote == count)
            break;
    }
    add(i, k, Kind::String);
    m_operandEnded = true;
    return k;
}

// R"delimiter(…)delimiter" from `i`, the quote at `quote`; a malformed delimiter makes it an ordinary string.
qsizetype CodeScanner::cppRawString(qsizetype i, qsizetype quote)
{
    qsizetype k = quote + 1;
    while (k < t.n && k - quote <= 16) {
        const char16_t c = t.d[k];
        if (c == u'(' || c == u')' || c == u'\\' || c == u'"' || c == u'\n' || isSpace(c))
            break;
        ++k;
    }
    if (t.at(k) != u'(')
        return string(quote, i);
    const QStringView delimiter = t.mid(quote + 1, k);
    for (++k; k < t.n; ++k) {
        if (t.d[k] == u')' && t.startsWith(k + 1, delimiter) && t.at(k + 1 + delimiter.size()) == u'"') {
            k += delimiter.size() + 2;
            break;
        }
    }
    k = std::min(k, t.n);
    add(i, k, Kind::String);
    m_operandEnded = true;
    return k;
}

// A regular expression literal at `i` (a '/' where an operand is expected), or -1 if the line does
// not close it; then the rest of that line is not tried again, which keeps the scan linear.
qsizetype CodeScanner::regex(qsizetype i)
{
    bool inClass = false;
    qsizetype k = i + 1;
    while (k < t.n && t.d[k] != u'\n') {
        const char16_t c = t.d[k];
        if (c == u'\\' && t.at(k + 1) != u'\n') {
            k += 2;
            continue;
        }
        if (c == u'[') {
            inClass = true;
        } else if (c == u']') {
            inClass = false;
        } else if (c == u'/' && !inClass) {
            ++k;
            while (k < t.n && isAsciiLetter(t.d[k]))
                ++k;
            add(i, k, Kind::String);
            m_operandEnded = true;
            return k;
        }
        ++k;
    }
    m_noRegexBefore = k;
    return -1;
}

qsizetype CodeScanner::identifier(qsizetype i)
{
    const bool dollar = has(DollarIdentifiers);
    qsizetype j = i + 1;
    while (j < t.n && (isIdentChar(t.d[j]) || (dollar && t.d[j] == u'$')))
        ++j;
    const QStringView word = t.mid(i, j);
    const char16_t after = t.at(j);
    if (after == u'"' || after == u'\'' || after == u'#') {
        const qsizetype end = prefixedString(i, j, word);
        if (end >= 0)
            return end;
    }
    if (has(RustAttributes) && after == u'!' && t.at(j + 1) != u'=') {
        add(i, j + 1, Kind::Function); // a macro: println!(…), vec![…]
        m_operandEnded = false;
        return j + 1;
    }
    // A member (x.type, promise.catch) is no keyword.
    const bool member = t.at(i - 1) == u'.' && t.at(i - 2) != u'.';
    if (const WordTable::Entry* entry = member ? nullptr : m_syntax.words.find(word)) {
        add(i, j, entry->kind);
        if (entry->role != Role::None)
            m_pending = entry->role;
        m_operandEnded = entry->kind != Kind::Keyword;
        return j;
    }
    if (m_pending == Role::NamesFunction || (m_pending == Role::None && after == u'('))
        add(i, j, Kind::Function);
    else if (m_pending == Role::NamesType
        || (has(CapitalizedTypes) && isUpper(word.front().unicode())
            && std::any_of(word.begin(), word.end(), [](QChar ch) { return ch.isLower(); })))
        add(i, j, Kind::Type);
    m_pending = Role::None;
    m_operandEnded = true;
    return j;
}

} // namespace

void scanCode(Language language, QStringView code, Emitter& out)
{
    CodeScanner(codeSyntax(language), code, out).run();
}

} // namespace flarechat::CodeHighlighter::detail
