#pragma once

// The toolkit the CodeHighlighter scanners share (internal to CodeHighlighter*.cpp): the language
// ids, the span sink, character classes, keyword tables, numbers and quoted strings, the
// description of a language for the table-driven code scanner.

#include "CodeHighlighter.h"

#include <initializer_list>
#include <vector>

namespace flarechat::CodeHighlighter::detail {

enum class Language : quint8 {
    None,
    C,
    Cpp,
    Python,
    JavaScript,
    TypeScript,
    Rust,
    Go,
    Java,
    Shell,
    Json,
    Yaml,
    Sql,
    Html,
    Css,
    Markdown,
    Diff
};

// The language for a canonical name, an alias or fence info (CodeHighlighter.cpp).
Language languageOf(QStringView name);

// Collects the spans in order. Positions are relative to the scanned text; `base` is added (a block
// scanned inside another, like <script> in HTML). Adjacent spans of one kind are merged, empty ones
// dropped, and a span that would overlap the previous one is clipped, so the list stays sorted
// and non-overlapping whatever a scanner does.
class Emitter
{
public:
    explicit Emitter(QList<Span>& spans, qsizetype base = 0)
        : m_spans(spans)
        , m_base(base)
    {
    }
    void add(qsizetype from, qsizetype to, Kind kind)
    {
        qsizetype start = from + m_base;
        const qsizetype end = to + m_base;
        if (!m_spans.isEmpty()) {
            Span& last = m_spans.last();
            const qsizetype lastEnd = qsizetype(last.start) + last.length;
            if (start < lastEnd)
                start = lastEnd;
            if (end > start && last.kind == kind && lastEnd == start) {
                last.length = int(end - last.start);
                return;
            }
        }
        if (end > start)
            m_spans.append(Span {int(start), int(end - start), kind});
    }
    QList<Span>& spans() { return m_spans; }
    qsizetype base() const { return m_base; }

private:
    QList<Span>& m_spans;
    qsizetype m_base;
};

// The text being scanned, with a bounds-checked peek (0 past the end).
struct Text
{
    explicit Text(QStringView s)
        : d(s.utf16())
        , n(s.size())
    {
    }
    char16_t at(qsizetype i) const { return i >= 0 && i < n ? d[i] : char16_t(0); }
    QStringView mid(qsizetype from, qsizetype to) const { return QStringView(d + from, to - from); }
    // The index of the '\n' ending the line that holds `i`, or n.
    qsizetype lineEnd(qsizetype i) const
    {
        while (i < n && d[i] != u'\n')
            ++i;
        return i;
    }
    bool startsWith(qsizetype i, QStringView what) const
    {
        return i >= 0 && n - i >= what.size() && mid(i, i + what.size()) == what;
    }

    const char16_t* d;
    qsizetype n;
};

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}
inline bool isHexDigit(char16_t c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}
inline bool isAsciiLetter(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
inline bool isUpper(char16_t c)
{
    return c >= u'A' && c <= u'Z';
}
inline bool isSpace(char16_t c) // horizontal white space; '\n' is handled by every scanner itself
{
    return c == u' ' || c == u'\t' || c == u'\r' || c == u'\f' || c == u'\v';
}
inline bool isIdentStart(char16_t c)
{
    return isAsciiLetter(c) || c == u'_' || (c >= 0x80 && QChar::isLetter(c));
}
inline bool isIdentChar(char16_t c)
{
    return isAsciiLetter(c) || isDigit(c) || c == u'_'
        || (c >= 0x80 && (QChar::isLetterOrNumber(c) || QChar::isMark(c)));
}

// Words of a language and what they are, built once: a sorted table searched by binary search.
// A word may also announce what the next identifier names ("def" a function, "class" a type).
enum class Role : quint8 { None, NamesFunction, NamesType, StartsCommand };

struct WordGroup
{
    Kind kind;
    Role role;
    const char16_t* words; // separated by single spaces
};

class WordTable
{
public:
    struct Entry
    {
        QStringView word;
        Kind kind;
        Role role;
    };
    // With `caseInsensitive`, the words are given in lower case and matched ignoring ASCII case.
    WordTable(std::initializer_list<WordGroup> groups, bool caseInsensitive = false);
    const Entry* find(QStringView word) const;

private:
    std::vector<Entry> m_entries;
    qsizetype m_maxLength = 0;
    bool m_caseInsensitive;
};

// The end of the number at `i` (a digit, or '.' before one): 0x/0b/0o prefixes, fractions,
// exponents, digit separators (`separator`, 0 for none, between digits only) and any suffix
// made of identifier characters (10u, 1.5f, 3i32, 10n, 2j).
qsizetype scanNumber(const Text& t, qsizetype i, char16_t separator);

// The end of the quoted text whose opening quote is at `i` (just after the closing quote). Backslash
// escapes the next character when `escapes`. Without `multiLine`, an unterminated string ends at
// the end of its line ("\\\n" continues it).
qsizetype scanQuoted(const Text& t, qsizetype i, bool multiLine, bool escapes);

// The end of a comment from `i` (after its opener) to `close` (included), or the end of the text.
qsizetype scanUntil(const Text& t, qsizetype i, QStringView close);

// The tokens of a language for the table-driven code scanner.
enum CodeFlag : quint32 {
    LineSlashComments = 1u << 0, // "// …"
    BlockComments = 1u << 1, // "/* … */"
    NestedComments = 1u << 2, // "/* /* */ */" (Rust)
    HashComments = 1u << 3, // "# …" (Python)
    DashComments = 1u << 4, // "-- …" (SQL)
    Preprocessor = 1u << 5, // "#directive" first on a line (C, C++)
    SingleQuoteStrings = 1u << 6, // 'text' is a string, not a character
    Lifetimes = 1u << 7, // 'a and 'label are lifetimes, 'a' a character (Rust)
    TripleQuotes = 1u << 8, // """…""" (and '''…''') across lines
    MultiLineStrings = 1u << 9, // "…" may span lines
    TemplateStrings = 1u << 10, // `…${expression}…` (JavaScript, TypeScript)
    RawBackticks = 1u << 11, // `…` without escapes, across lines (Go, SQL's quoted names)
    RustStrings = 1u << 12, // r#"…"#, b"…", b'x'
    CppStrings = 1u << 13, // u8"…", L'x', R"delimiter(…)delimiter"
    PythonPrefixes = 1u << 14, // r"…", f'…', rb"""…"""
    Decorators = 1u << 15, // @name, @a.b: Meta
    RustAttributes = 1u << 16, // #[…], #![…]: Meta; name!: a macro (Function)
    RegexLiterals = 1u << 17, // /…/flags where an operand is expected
    CapitalizedTypes = 1u << 18, // CamelCase names are types
    DollarIdentifiers = 1u << 19, // $ is an identifier character
};

// How a language of the table-driven code scanner looks (CodeHighlighterLanguages.cpp).
struct Syntax
{
    quint32 flags; // CodeFlag
    char16_t digitSeparator; // between digits of a number, 0 for none
    const WordTable& words;
};
const Syntax& codeSyntax(Language language); // C, C++, Python, JavaScript, TypeScript, Rust, Go, Java, SQL

// The scanners, each over a whole block.
void scanCode(Language language, QStringView code, Emitter& out); // CodeHighlighterCode.cpp
void scanShell(QStringView code, Emitter& out); // CodeHighlighterShell.cpp
void scanJson(QStringView code, Emitter& out); // CodeHighlighterData.cpp
void scanYaml(QStringView code, Emitter& out);
void scanDiff(QStringView code, Emitter& out);
void scanHtml(QStringView code, Emitter& out); // CodeHighlighterMarkup.cpp
void scanCss(QStringView code, Emitter& out);
void scanMarkdown(QStringView code, Emitter& out);

// Any language into `out` (CodeHighlighter.cpp); for blocks inside blocks.
void scan(Language language, QStringView code, Emitter& out);

} // namespace flarechat::CodeHighlighter::detail
