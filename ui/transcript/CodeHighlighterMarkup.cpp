// The scanners of the markup languages: HTML/XML (tags, attributes, values, comments, <script> and
// <style> as JavaScript and CSS), CSS/SCSS/Less (selectors, properties, values, at-rules) and
// Markdown (headings, block markers, emphasis markers, inline code, links, fenced code).

#include "CodeHighlighterScan.h"

#include <array>

namespace flarechat::CodeHighlighter::detail {

namespace {

// The start of the line after the one ending at `end`.
qsizetype nextLine(const Text& t, qsizetype end)
{
    return end < t.n ? end + 1 : end;
}

bool isCssIdentChar(char16_t c)
{
    return isIdentChar(c) || c == u'-';
}

// `word` at `i`, ignoring ASCII case.
bool startsWithNoCase(const Text& t, qsizetype i, QStringView word)
{
    return t.n - i >= word.size() && t.mid(i, i + word.size()).compare(word, Qt::CaseInsensitive) == 0;
}

// ---- HTML / XML -------------------------------------------------------------------------------

// The tag at `i` ('<' before a name or "/name"): the name as Tag, attribute names as Attribute,
// values as String; the content of <script> and <style> in their own languages. Returns its end.
qsizetype htmlTag(const Text& t, qsizetype i, Emitter& out)
{
    qsizetype k = i + 1;
    const bool closing = t.at(k) == u'/';
    k += closing;
    const qsizetype name = k;
    while (k < t.n && (isIdentChar(t.d[k]) || t.d[k] == u'-' || t.d[k] == u':' || t.d[k] == u'.'))
        ++k;
    out.add(name, k, Kind::Tag);
    const QStringView tagName = t.mid(name, k);
    bool opened = false; // ended by '>' rather than "/>"
    while (k < t.n) {
        const char16_t c = t.d[k];
        if (c == u'>') {
            ++k;
            opened = true;
            break;
        }
        if (c == u'/' && t.at(k + 1) == u'>') {
            k += 2;
            break;
        }
        if (c == u'<')
            break; // an unclosed tag: the next one starts here
        if (c == u'"' || c == u'\'') {
            const qsizetype end = scanQuoted(t, k, true, false);
            out.add(k, end, Kind::String);
            k = end;
        } else if (c == u'=') {
            ++k;
            while (k < t.n && isSpace(t.d[k]))
                ++k;
            const qsizetype value = k;
            while (k < t.n && !isSpace(t.d[k]) && !QStringView(u"\n\"'<>`=").contains(QChar(t.d[k])))
                ++k;
            out.add(value, k, Kind::String); // an unquoted value
        } else if (isSpace(c) || c == u'\n' || c == u'/') {
            ++k;
        } else {
            const qsizetype attribute = k;
            while (k < t.n && !isSpace(t.d[k]) && !QStringView(u"\n=>/\"'<").contains(QChar(t.d[k])))
                ++k;
            out.add(attribute, k, Kind::Attribute);
        }
    }
    if (closing || !opened)
        return k;
    const bool script = tagName.compare(u"script", Qt::CaseInsensitive) == 0;
    if (!script && tagName.compare(u"style", Qt::CaseInsensitive) != 0)
        return k;
    qsizetype close = k;
    while (close < t.n && !(t.d[close] == u'<' && t.at(close + 1) == u'/' && startsWithNoCase(t, close + 2, tagName)))
        ++close;
    Emitter inner(out.spans(), out.base() + k);
    scan(script ? Language::JavaScript : Language::Css, t.mid(k, close), inner);
    return close;
}

} // namespace

void scanHtml(QStringView code, Emitter& out)
{
    const Text t(code);
    qsizetype i = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        const char16_t next = t.at(i + 1);
        qsizetype end = i + 1;
        if (c == u'<' && t.startsWith(i, u"<!--")) {
            out.add(i, end = scanUntil(t, i + 4, u"-->"), Kind::Comment);
        } else if (c == u'<' && t.startsWith(i, u"<![CDATA[")) {
            out.add(i, end = scanUntil(t, i + 9, u"]]>"), Kind::String);
        } else if (c == u'<' && (next == u'!' || next == u'?')) {
            out.add(i, end = scanUntil(t, i + 2, u">"), Kind::Meta); // <!DOCTYPE …>, <?xml …?>
        } else if (c == u'<' && (isIdentStart(next) || (next == u'/' && isIdentStart(t.at(i + 2))))) {
            end = htmlTag(t, i, out);
        } else if (c == u'&') {
            while (end < t.n && end - i < 32 && (isIdentChar(t.d[end]) || t.d[end] == u'#'))
                ++end;
            if (t.at(end) == u';' && end > i + 1)
                out.add(i, ++end, Kind::Meta); // &amp; &#160; &#x1F600;
        }
        i = end;
    }
}

// ---- CSS --------------------------------------------------------------------------------------

namespace {

class CssScanner
{
public:
    CssScanner(QStringView code, Emitter& out)
        : t(code)
        , m_out(out)
    {
    }
    void run();

private:
    enum class Mode : quint8 { Selector, Value };
    void add(qsizetype from, qsizetype to, Kind kind) { m_out.add(from, to, kind); }
    bool lineComment(qsizetype i) const
    {
        return t.at(i) == u'/' && t.at(i + 1) == u'/' && (i == 0 || isSpace(t.d[i - 1]) || t.d[i - 1] == u'\n');
    }
    qsizetype statementEnd(qsizetype i) const;
    void declaration(qsizetype i, qsizetype end);
    void tokens(qsizetype i, qsizetype end, Mode mode);
    qsizetype identifierEnd(qsizetype i) const
    {
        while (i < t.n && isCssIdentChar(t.d[i]))
            ++i;
        return i;
    }

    const Text t;
    Emitter& m_out;
};

void CssScanner::run()
{
    qsizetype i = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (isSpace(c) || c == u'\n' || c == u'{' || c == u'}' || c == u';') {
            ++i;
            continue;
        }
        if ((c == u'/' && t.at(i + 1) == u'*') || lineComment(i)) {
            const qsizetype end = c == u'/' && t.at(i + 1) == u'*' ? scanUntil(t, i + 2, u"*/") : t.lineEnd(i);
            add(i, end, Kind::Comment);
            i = end;
            continue;
        }
        // A statement: a selector before '{', a declaration before ';' or '}', or an at-rule.
        const qsizetype end = statementEnd(i);
        if (c == u'@') {
            const qsizetype name = identifierEnd(i + 1);
            add(i, name, Kind::Keyword);
            tokens(name, end, Mode::Value);
        } else if (t.at(end) == u'{') {
            tokens(i, end, Mode::Selector);
        } else {
            declaration(i, end);
        }
        i = std::max(end, i + 1);
    }
}

// The first '{', ';' or '}' from `i` outside strings, comments, parentheses and #{…}, or the end.
qsizetype CssScanner::statementEnd(qsizetype i) const
{
    int parentheses = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        if (c == u'"' || c == u'\'') {
            i = scanQuoted(t, i, false, true);
        } else if (c == u'/' && t.at(i + 1) == u'*') {
            i = scanUntil(t, i + 2, u"*/");
        } else if (parentheses == 0 && lineComment(i)) {
            i = t.lineEnd(i);
        } else if (c == u'#' && t.at(i + 1) == u'{') {
            while (i < t.n && t.d[i] != u'}' && t.d[i] != u'\n')
                ++i;
            i += t.at(i) == u'}';
        } else if (c == u'(') {
            ++parentheses;
            ++i;
        } else if (c == u')') {
            parentheses -= parentheses > 0;
            ++i;
        } else if (parentheses == 0 && (c == u'{' || c == u';' || c == u'}')) {
            return i;
        } else {
            ++i;
        }
    }
    return t.n;
}

// "property: value": the property as Attribute, then the value's tokens.
void CssScanner::declaration(qsizetype i, qsizetype end)
{
    qsizetype colon = i;
    while (colon < end && t.d[colon] != u':' && t.d[colon] != u'\n')
        ++colon;
    if (colon >= end || t.d[colon] != u':')
        return tokens(i, end, Mode::Value);
    qsizetype property = colon;
    while (property > i && isSpace(t.d[property - 1]))
        --property;
    add(i, property, Kind::Attribute);
    tokens(colon + 1, end, Mode::Value);
}

void CssScanner::tokens(qsizetype i, qsizetype end, Mode mode)
{
    while (i < end) {
        const char16_t c = t.d[i];
        const char16_t next = t.at(i + 1);
        qsizetype k = i + 1;
        if (c == u'/' && next == u'*') {
            add(i, k = std::min(end, scanUntil(t, i + 2, u"*/")), Kind::Comment);
        } else if (lineComment(i)) {
            add(i, k = std::min(end, t.lineEnd(i)), Kind::Comment);
        } else if (c == u'"' || c == u'\'') {
            add(i, k = std::min(end, scanQuoted(t, i, false, true)), Kind::String);
        } else if (c == u'$' || (c == u'@' && isIdentStart(next)) || (c == u'-' && next == u'-')) {
            add(i, k = identifierEnd(i + 1), Kind::Attribute); // $scss, @less, --custom-property
        } else if (mode == Mode::Selector && (c == u'.' || c == u'#' || c == u'%' || c == u':')
            && (isCssIdentChar(next) || next == u':')) {
            add(i, k = identifierEnd(i + 1 + (next == u':')), Kind::Function); // .class #id %placeholder :hover
        } else if (mode == Mode::Selector && c == u'&') {
            k = identifierEnd(i + 1); // the parent selector, with a suffix (&__element) if any
        } else if (mode == Mode::Selector && c == u'[') {
            while (k < end && isSpace(t.d[k]))
                ++k;
            const qsizetype name = k;
            add(name, k = identifierEnd(k), Kind::Attribute);
        } else if (mode == Mode::Value && c == u'#' && isHexDigit(next)) {
            add(i, k = identifierEnd(i + 1), Kind::Number); // #fff, #1e1e1e
        } else if (isDigit(c)
            || ((c == u'.' || c == u'-' || c == u'+') && isDigit(next) && !isCssIdentChar(t.at(i - 1)))) {
            k = scanNumber(t, i + (c != u'.' && !isDigit(c)), 0);
            k += t.at(k) == u'%';
            add(i, k, Kind::Number);
        } else if (mode == Mode::Value && c == u'!' && isAsciiLetter(next)) {
            add(i, k = identifierEnd(i + 1), Kind::Keyword); // !important, !default
        } else if (isIdentStart(c) || (c == u'-' && isIdentStart(next))) {
            k = identifierEnd(i);
            if (t.at(k) == u'(') {
                add(i, k, Kind::Function);
                if (t.mid(i, k).compare(u"url", Qt::CaseInsensitive) == 0 && t.at(k + 1) != u'"'
                    && t.at(k + 1) != u'\'') {
                    qsizetype close = k + 1;
                    while (close < end && t.d[close] != u')' && t.d[close] != u'\n')
                        ++close;
                    add(k + 1, close, Kind::String);
                    k = close;
                }
            } else if (mode == Mode::Selector) {
                add(i, k, Kind::Tag);
            }
        }
        i = std::max(k, i + 1);
    }
}

} // namespace

void scanCss(QStringView code, Emitter& out)
{
    CssScanner(code, out).run();
}

// ---- Markdown ---------------------------------------------------------------------------------

namespace {

class MarkdownScanner
{
public:
    MarkdownScanner(QStringView code, Emitter& out)
        : t(code)
        , m_out(out)
    {
    }
    void run();

private:
    void add(qsizetype from, qsizetype to, Kind kind) { m_out.add(from, to, kind); }
    qsizetype block(qsizetype i, qsizetype end);
    qsizetype inlines(qsizetype i, qsizetype end);
    qsizetype codeSpan(qsizetype i, qsizetype end);
    qsizetype link(qsizetype i, qsizetype end);
    // The next `c` at or after `from` on the line (ending at `end`), or `end`; each search continues the last.
    qsizetype next(qsizetype& cache, qsizetype from, qsizetype end, char16_t c) const
    {
        if (cache < from) {
            cache = from;
            while (cache < end && t.d[cache] != c)
                ++cache;
        }
        return cache;
    }

    const Text t;
    Emitter& m_out;
    // An open fence: its character ('`' or '~'), length, the language of its code and where that starts.
    char16_t m_fence = 0;
    qsizetype m_fenceLength = 0;
    Language m_fenceLanguage = Language::None;
    qsizetype m_codeStart = 0;
    // Per line: code spans of these lengths have no closing run, the next ']' and ')'.
    std::array<bool, 16> m_noCloser {};
    qsizetype m_bracket = -1;
    qsizetype m_parenthesis = -1;
};

void MarkdownScanner::run()
{
    qsizetype i = 0;
    while (i < t.n) {
        const qsizetype end = t.lineEnd(i);
        m_noCloser.fill(false);
        m_bracket = m_parenthesis = -1;
        i = block(i, end);
    }
    if (m_fence && m_codeStart < t.n) { // unclosed (still streaming): the code runs to the end
        Emitter inner(m_out.spans(), m_out.base() + m_codeStart);
        scan(m_fenceLanguage, t.mid(m_codeStart, t.n), inner);
    }
}

// One line from `i`; returns where the next line starts (or, after a comment across lines, where it ended).
qsizetype MarkdownScanner::block(qsizetype i, qsizetype end)
{
    qsizetype k = i;
    while (k < end && k - i < 4 && t.d[k] == u' ')
        ++k;
    const char16_t c = t.at(k);
    qsizetype run = k;
    while (run < end && t.d[run] == c)
        ++run;
    const qsizetype runLength = run - k;
    if (m_fence) {
        const bool closes = c == m_fence && runLength >= m_fenceLength && t.mid(run, end).trimmed().isEmpty();
        if (!closes)
            return nextLine(t, end);
        if (m_fenceLanguage != Language::None) {
            Emitter inner(m_out.spans(), m_out.base() + m_codeStart);
            scan(m_fenceLanguage, t.mid(m_codeStart, i), inner);
        }
        add(k, end, Kind::Meta);
        m_fence = 0;
        return nextLine(t, end);
    }
    if ((c == u'`' || c == u'~') && runLength >= 3 && !(c == u'`' && t.mid(run, end).contains(u'`'))) {
        m_fence = c;
        m_fenceLength = runLength;
        m_fenceLanguage = languageOf(t.mid(run, end));
        if (m_fenceLanguage == Language::Markdown)
            m_fenceLanguage = Language::None; // no Markdown inside Markdown: nesting stays bounded
        m_codeStart = nextLine(t, end);
        add(k, end, Kind::Meta);
        return nextLine(t, end);
    }
    if (c == u'#' && runLength <= 6 && (run == end || isSpace(t.d[run]))) {
        add(k, end, Kind::Heading);
        return nextLine(t, end);
    }
    const bool onlyRun = runLength > 0 && t.mid(run, end).trimmed().isEmpty();
    if (onlyRun && c == u'=') {
        add(k, end, Kind::Heading); // a setext underline
        return nextLine(t, end);
    }
    if ((c == u'-' || c == u'*' || c == u'_') && runLength >= 3 && onlyRun) {
        add(k, end, Kind::Meta); // a thematic break
        return nextLine(t, end);
    }
    // Block quote markers, then a list marker.
    while (k < end && t.d[k] == u'>') {
        add(k, k + 1, Kind::Meta);
        ++k;
        while (k < end && isSpace(t.d[k]))
            ++k;
    }
    qsizetype marker = k;
    while (marker < end && marker - k < 9 && isDigit(t.d[marker]))
        ++marker;
    if (marker > k && (t.at(marker) == u'.' || t.at(marker) == u')'))
        ++marker;
    else if (marker == k && (t.at(k) == u'-' || t.at(k) == u'*' || t.at(k) == u'+'))
        ++marker;
    else
        marker = k;
    if (marker > k && (marker == end || isSpace(t.d[marker]))) {
        add(k, marker, Kind::Keyword);
        k = marker;
    }
    return inlines(k, end);
}

// Inline markup from `i` to the line's `end`; returns where the next line starts.
qsizetype MarkdownScanner::inlines(qsizetype i, qsizetype end)
{
    while (i < end) {
        const char16_t c = t.d[i];
        qsizetype k = i + 1;
        if (c == u'\\' && k < end) {
            k = i + 2;
        } else if (c == u'`') {
            k = codeSpan(i, end);
        } else if (c == u'[' || (c == u'!' && t.at(i + 1) == u'[')) {
            k = link(i, end);
        } else if (c == u'<' && t.startsWith(i, u"<!--")) {
            const qsizetype close = scanUntil(t, i + 4, u"-->");
            add(i, close, Kind::Comment);
            if (close > end) { // a comment across lines: the rest of its last line is inline text
                end = t.lineEnd(close);
                m_noCloser.fill(false);
            }
            k = close;
        } else if (c == u'<' && (t.startsWith(i + 1, u"http") || t.startsWith(i + 1, u"mailto:"))) {
            while (k < end && t.d[k] != u'>' && !isSpace(t.d[k]))
                ++k;
            if (t.at(k) == u'>')
                add(i, ++k, Kind::String);
        } else if (c == u'*' || c == u'_' || c == u'~') {
            while (k < end && t.d[k] == c)
                ++k;
            const char16_t before = t.at(i - 1);
            const char16_t after = t.at(k);
            const bool spaceBefore = i == 0 || isSpace(before) || before == u'\n';
            const bool spaceAfter = k == end || isSpace(after);
            const bool intraword = isIdentChar(before) && isIdentChar(after);
            if (!(spaceBefore && spaceAfter) && !(c == u'_' && intraword) && !(c == u'~' && k - i < 2))
                add(i, k, Kind::Keyword);
        }
        i = std::max(k, i + 1);
    }
    return nextLine(t, end);
}

// `code` (any number of backticks, closed by a run as long) at `i`: String; else the run is plain.
qsizetype MarkdownScanner::codeSpan(qsizetype i, qsizetype end)
{
    qsizetype k = i;
    while (k < end && t.d[k] == u'`')
        ++k;
    const qsizetype length = k - i;
    if (length >= qsizetype(m_noCloser.size()) || m_noCloser[std::size_t(length)])
        return k;
    while (k < end) {
        if (t.d[k] != u'`') {
            ++k;
            continue;
        }
        const qsizetype run = k;
        while (k < end && t.d[k] == u'`')
            ++k;
        if (k - run == length) {
            add(i, k, Kind::String);
            return k;
        }
    }
    m_noCloser[std::size_t(length)] = true; // no later run of this length closes on this line either
    return i + length;
}

// [text](url), [text][reference], ![alt](src) at `i`: the text as Function, the target as String.
qsizetype MarkdownScanner::link(qsizetype i, qsizetype end)
{
    const qsizetype open = i + (t.d[i] == u'!');
    const qsizetype close = next(m_bracket, open + 1, end, u']');
    const char16_t after = t.at(close + 1);
    if (close >= end || (after != u'(' && after != u'['))
        return open + 1;
    const qsizetype targetEnd
        = after == u'(' ? next(m_parenthesis, close + 2, end, u')') : next(m_bracket, close + 2, end, u']');
    if (targetEnd >= end)
        return open + 1;
    add(open + 1, close, Kind::Function);
    add(close + 1, targetEnd + 1, Kind::String);
    return targetEnd + 1;
}

} // namespace

void scanMarkdown(QStringView code, Emitter& out)
{
    MarkdownScanner(code, out).run();
}

} // namespace flarechat::CodeHighlighter::detail
