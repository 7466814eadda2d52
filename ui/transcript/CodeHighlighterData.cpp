// The scanners of the data formats: JSON (with JSONC/JSON5 comments, quotes and bare keys), YAML
// (keys, scalars, block scalars, anchors, tags, comments) and unified diffs.

#include "CodeHighlighterScan.h"

#include <algorithm>

namespace flarechat::CodeHighlighter::detail {

namespace {

// The start of the line after the one ending at `end`.
qsizetype nextLine(const Text& t, qsizetype end)
{
    return end < t.n ? end + 1 : end;
}

bool isLineSpace(const Text& t, qsizetype i)
{
    return i >= t.n || isSpace(t.d[i]) || t.d[i] == u'\n';
}

// A number with an optional sign at `i`, or -1.
qsizetype signedNumber(const Text& t, qsizetype i)
{
    const qsizetype digits = i + (t.at(i) == u'-' || t.at(i) == u'+');
    if (isDigit(t.at(digits)) || (t.at(digits) == u'.' && isDigit(t.at(digits + 1))))
        return scanNumber(t, digits, u'_');
    return -1;
}

} // namespace

void scanJson(QStringView code, Emitter& out)
{
    const Text t(code);
    qsizetype i = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        const char16_t next = t.at(i + 1);
        qsizetype end = i + 1;
        if (c == u'"' || c == u'\'') {
            end = scanQuoted(t, i, false, true);
            qsizetype k = end;
            while (k < t.n && (isSpace(t.d[k]) || t.d[k] == u'\n'))
                ++k;
            out.add(i, end, t.at(k) == u':' ? Kind::Attribute : Kind::String);
        } else if (c == u'/' && next == u'/') {
            out.add(i, end = t.lineEnd(i), Kind::Comment);
        } else if (c == u'/' && next == u'*') {
            out.add(i, end = scanUntil(t, i + 2, u"*/"), Kind::Comment);
        } else if (const qsizetype number = isIdentChar(t.at(i - 1)) ? -1 : signedNumber(t, i); number >= 0) {
            out.add(i, end = number, Kind::Number);
        } else if (isIdentStart(c) || c == u'$') {
            while (end < t.n && (isIdentChar(t.d[end]) || t.d[end] == u'$'))
                ++end;
            const QStringView word = t.mid(i, end);
            qsizetype k = end;
            while (k < t.n && isSpace(t.d[k]))
                ++k;
            if (word == u"true" || word == u"false" || word == u"null" || word == u"Infinity" || word == u"NaN")
                out.add(i, end, Kind::Keyword);
            else if (t.at(k) == u':')
                out.add(i, end, Kind::Attribute); // a JSON5 bare key
        }
        i = end;
    }
}

namespace {

class YamlScanner
{
public:
    YamlScanner(QStringView code, Emitter& out)
        : t(code)
        , m_out(out)
    {
    }
    void run();

private:
    void add(qsizetype from, qsizetype to, Kind kind) { m_out.add(from, to, kind); }
    qsizetype keyColon(qsizetype i, qsizetype end) const;
    void value(qsizetype i, qsizetype end);
    void scalar(qsizetype from, qsizetype to);

    const Text t;
    Emitter& m_out;
    bool m_blockScalar = false; // the line ended with "|" or ">": the lines indented deeper are its text
};

void YamlScanner::run()
{
    qsizetype blockIndent = -1; // inside a block scalar: the indentation of the line that opened it
    qsizetype i = 0;
    while (i < t.n) {
        const qsizetype end = t.lineEnd(i);
        qsizetype k = i;
        while (k < end && (t.d[k] == u' ' || t.d[k] == u'\t'))
            ++k;
        const qsizetype indent = k - i;
        if (blockIndent >= 0) {
            if (k == end || (k < end && t.d[k] == u'\r') || indent > blockIndent) {
                add(k, end, Kind::String);
                i = nextLine(t, end);
                continue;
            }
            blockIndent = -1;
        }
        if (indent == 0 && (t.startsWith(k, u"---") || t.startsWith(k, u"...")) && isLineSpace(t, k + 3)) {
            add(k, k + 3, Kind::Meta); // a document marker; a value may follow ("--- |")
            k += 3;
        } else if (indent == 0 && t.at(k) == u'%') {
            add(k, end, Kind::Meta); // %YAML, %TAG
            k = end;
        }
        // Sequence entries ("- ", "- - ") and complex keys ("? ").
        while (k < end && (t.d[k] == u'-' || t.d[k] == u'?') && isLineSpace(t, k + 1)) {
            ++k;
            while (k < end && isSpace(t.d[k]))
                ++k;
        }
        if (const qsizetype colon = keyColon(k, end); colon > k) {
            qsizetype key = colon;
            while (key > k && isSpace(t.d[key - 1]))
                --key;
            add(k, key, Kind::Attribute);
            k = colon + 1;
        }
        m_blockScalar = false;
        value(k, end);
        if (m_blockScalar)
            blockIndent = indent;
        i = nextLine(t, end);
    }
}

// The position of the ':' ending a key that starts at `i` ("key: v", "my key:", "'quoted': v"), or -1.
qsizetype YamlScanner::keyColon(qsizetype i, qsizetype end) const
{
    if (i >= end)
        return -1;
    qsizetype k = i;
    const char16_t c = t.d[i];
    if (c == u'"' || c == u'\'') {
        k = scanQuoted(t, i, false, c == u'"');
        while (k < end && isSpace(t.d[k]))
            ++k;
    } else if (QStringView(u"[]{}#&*!|>%@`,").contains(QChar(c))) {
        return -1;
    } else {
        for (; k < end; ++k) {
            if (t.d[k] == u':' && isLineSpace(t, k + 1))
                break;
            if (t.d[k] == u'#' && isSpace(t.d[k - 1]))
                return -1;
        }
    }
    return k < end && t.d[k] == u':' && isLineSpace(t, k + 1) ? k : -1;
}

// The value part of a line, from `i` to `end`: scalars, flow collections, anchors, tags, comments.
void YamlScanner::value(qsizetype i, qsizetype end)
{
    int flow = 0; // depth of [ ] and { }
    bool first = true;
    while (i < end) {
        const char16_t c = t.d[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        qsizetype next = i + 1;
        if (c == u'#' && (i == 0 || isSpace(t.at(i - 1)) || t.at(i - 1) == u'\n')) {
            add(i, next = end, Kind::Comment);
        } else if (c == u'"' || c == u'\'') {
            next = std::min(scanQuoted(t, i, false, c == u'"'), end);
            const bool isKey = t.at(next) == u':' && flow > 0;
            add(i, next, isKey ? Kind::Attribute : Kind::String);
        } else if ((c == u'|' || c == u'>') && first) {
            while (next < end && (t.d[next] == u'-' || t.d[next] == u'+' || isDigit(t.d[next])))
                ++next;
            add(i, next, Kind::Keyword);
            m_blockScalar = true;
        } else if (c == u'&' || c == u'*' || c == u'!') {
            while (next < end && !isSpace(t.d[next]) && !(flow > 0 && QStringView(u",[]{}").contains(QChar(t.d[next]))))
                ++next;
            add(i, next, Kind::Meta);
        } else if (c == u'[' || c == u'{') {
            ++flow;
        } else if (c == u']' || c == u'}') {
            flow = std::max(0, flow - 1);
        } else if (c == u',' || (c == u':' && flow > 0)) {
            // punctuation of a flow collection
        } else {
            // A plain scalar: to a " #", the line's end, or in a flow collection a ',', ']', '}' or ": ".
            while (next < end) {
                const char16_t ch = t.d[next];
                if ((ch == u'#' && isSpace(t.d[next - 1]))
                    || (flow > 0
                        && (ch == u',' || ch == u']' || ch == u'}' || (ch == u':' && isLineSpace(t, next + 1)))))
                    break;
                ++next;
            }
            qsizetype to = next;
            while (to > i && isSpace(t.d[to - 1]))
                --to;
            if (flow > 0 && t.at(next) == u':')
                add(i, to, Kind::Attribute);
            else
                scalar(i, to);
        }
        first = false;
        i = next;
    }
}

// A plain scalar: Number, Keyword (true, null, yes, ~…) or String.
void YamlScanner::scalar(qsizetype from, qsizetype to)
{
    static const WordTable words({{Kind::Keyword, Role::None, u"true false yes no on off null ~"}}, true);
    if (words.find(t.mid(from, to)))
        add(from, to, Kind::Keyword);
    else if (signedNumber(t, from) == to)
        add(from, to, Kind::Number);
    else
        add(from, to, Kind::String);
}

} // namespace

void scanYaml(QStringView code, Emitter& out)
{
    YamlScanner(code, out).run();
}

namespace {

// The line count of one side of a hunk header from `k` (after its '-' or '+': "start[,count]").
qsizetype hunkSide(const Text& t, qsizetype& k, qsizetype end)
{
    while (k < end && isDigit(t.d[k]))
        ++k;
    if (t.at(k) != u',')
        return 1;
    qsizetype count = 0;
    for (++k; k < end && isDigit(t.d[k]); ++k)
        count = std::min<qsizetype>(count * 10 + (t.d[k] - u'0'), 1'000'000'000);
    return count;
}

} // namespace

void scanDiff(QStringView code, Emitter& out)
{
    static constexpr const char16_t* headers[] = {u"diff ", u"index ", u"Index: ", u"similarity index ",
        u"dissimilarity index ", u"rename from ", u"rename to ", u"copy from ", u"copy to ", u"new file mode ",
        u"deleted file mode ", u"old mode ", u"new mode ", u"Binary files ", u"Only in ", u"===="};
    const Text t(code);
    bool oldFileHeader = false; // the previous line was "--- a/file" before a "+++ b/file"
    qsizetype oldLines = 0; // in a hunk: the lines of each side still to come
    qsizetype newLines = 0;
    qsizetype i = 0;
    while (i < t.n) {
        const qsizetype end = t.lineEnd(i);
        const QStringView line = t.mid(i, end);
        const bool wasOldFileHeader = oldFileHeader;
        oldFileHeader = false;
        const char16_t first = line.isEmpty() ? u' ' : line.front().unicode();
        if ((oldLines > 0 || newLines > 0) && (first == u' ' || first == u'-' || first == u'+' || first == u'\\')) {
            if (first != u'\\') {
                oldLines -= first != u'+';
                newLines -= first != u'-';
            }
            if (first != u' ')
                out.add(i, end, first == u'+' ? Kind::Added : first == u'-' ? Kind::Removed : Kind::Comment);
            i = nextLine(t, end);
            continue;
        }
        oldLines = newLines = 0;
        if (line.startsWith(u"@@")) {
            const qsizetype close = line.indexOf(u"@@", 2);
            out.add(i, close < 0 ? end : i + close + 2, Kind::Meta);
            qsizetype k = i + 2;
            while (k < end && t.d[k] == u' ')
                ++k;
            if (t.at(k) == u'-') {
                oldLines = hunkSide(t, ++k, end);
                while (k < end && t.d[k] == u' ')
                    ++k;
                if (t.at(k) == u'+')
                    newLines = hunkSide(t, ++k, end);
                else
                    oldLines = 0;
            }
        } else if (line.startsWith(u"--- ") && t.startsWith(nextLine(t, end), u"+++ ")) {
            out.add(i, end, Kind::Heading);
            oldFileHeader = true;
        } else if (line.startsWith(u"+++ ") && wasOldFileHeader) {
            out.add(i, end, Kind::Heading);
        } else if (line.startsWith(u'+')) {
            out.add(i, end, Kind::Added);
        } else if (line.startsWith(u'-')) {
            out.add(i, end, Kind::Removed);
        } else if (line.startsWith(u'\\')) {
            out.add(i, end, Kind::Comment); // "\ No newline at end of file"
        } else if (std::any_of(std::begin(headers), std::end(headers),
                       [&](const char16_t* header) { return line.startsWith(QStringView(header)); })) {
            out.add(i, end, Kind::Heading);
        }
        i = nextLine(t, end);
    }
}

} // namespace flarechat::CodeHighlighter::detail
