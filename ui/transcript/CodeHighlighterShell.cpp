// The shell scanner (sh, bash, zsh, console sessions): words, the command word of each command
// (Function), keywords where a command is expected, $variables (Attribute, also inside "…"),
// quoting, comments from a '#' that starts a word ("$#" and "a#b" are none), here-documents.

#include "CodeHighlighterScan.h"

#include <algorithm>
#include <vector>

namespace flarechat::CodeHighlighter::detail {

namespace {

const WordTable& shellWords()
{
    static const WordTable table({{Kind::Keyword, Role::StartsCommand, u"if then else elif do while until time exec"},
        {Kind::Keyword, Role::NamesFunction, u"function"},
        {Kind::Keyword, Role::None,
            u"fi done case esac for select in return break continue local export readonly declare typeset unset "
            u"shift exit source alias unalias trap set eval [["}});
    return table;
}

bool isWordChar(char16_t c)
{
    switch (c) {
    case u' ':
    case u'\t':
    case u'\r':
    case u'\n':
    case u';':
    case u'|':
    case u'&':
    case u'(':
    case u')':
    case u'<':
    case u'>':
    case u'"':
    case u'\'':
    case u'`':
    case u'$':
    case u'\\':
        return false;
    default:
        return true;
    }
}

bool isNameChar(char16_t c)
{
    return isAsciiLetter(c) || isDigit(c) || c == u'_';
}

class ShellScanner
{
public:
    ShellScanner(QStringView code, Emitter& out)
        : t(code)
        , m_out(out)
    {
    }
    void run();

private:
    void add(qsizetype from, qsizetype to, Kind kind) { m_out.add(from, to, kind); }
    qsizetype variable(qsizetype i) const;
    qsizetype doubleQuoted(qsizetype quote, qsizetype from);
    qsizetype hereDocument(qsizetype i);
    qsizetype hereDocumentBodies(qsizetype i);
    qsizetype word(qsizetype i);

    struct HereDocument
    {
        QStringView delimiter;
        bool stripTabs;
    };

    const Text t;
    Emitter& m_out;
    std::vector<HereDocument> m_hereDocuments; // opened on this line, their bodies start on the next
    bool m_command = true; // the next word is a command's name
    bool m_namesFunction = false; // after "function"
    bool m_expectIn = false; // after "for", "select", "case"
    bool m_inCase = false; // between "case" and "esac", where ")" ends a pattern
};

void ShellScanner::run()
{
    qsizetype i = 0;
    while (i < t.n) {
        const char16_t c = t.d[i];
        const char16_t next = t.at(i + 1);
        qsizetype end = i + 1;
        switch (c) {
        case u'\n':
            m_command = true;
            end = m_hereDocuments.empty() ? i + 1 : hereDocumentBodies(i + 1);
            break;
        case u' ':
        case u'\t':
        case u'\r':
            break;
        case u'#': // only reached at the start of a word
            add(i, end = t.lineEnd(i), Kind::Comment);
            break;
        case u'\\':
            end = std::min(t.n, i + 2);
            break;
        case u'\'':
            add(i, end = scanQuoted(t, i, true, false), Kind::String);
            m_command = false;
            break;
        case u'"':
            end = doubleQuoted(i, i);
            m_command = false;
            break;
        case u'`':
            add(i, end = scanQuoted(t, i, true, true), Kind::String);
            m_command = false;
            break;
        case u'$':
            if (next == u'\'') {
                add(i, end = scanQuoted(t, i + 1, true, true), Kind::String);
                m_command = false;
            } else if (next == u'"') {
                end = doubleQuoted(i + 1, i);
                m_command = false;
            } else if (const qsizetype var = variable(i); var > 0) {
                add(i, end = var, Kind::Attribute);
                m_command = false;
            } else if (next == u'(' && t.at(i + 2) == u'(') {
                end = i + 3; // $(( arithmetic )): no command in it
                m_command = false;
            } // else "$(" (a command follows at the '(') or a prompt's "$ "
            break;
        case u';':
        case u'|':
        case u'&':
        case u'(':
            m_command = true;
            break;
        case u')':
            m_command = m_inCase;
            break;
        case u'<':
            if (next == u'<' && t.at(i + 2) != u'<')
                end = hereDocument(i);
            m_command = false;
            break;
        case u'>':
            m_command = false;
            break;
        default:
            end = word(i);
            break;
        }
        i = end;
    }
}

// The end of the variable at `i` ($name, $1, $#, $?, ${…}), or -1 if the '$' starts none.
qsizetype ShellScanner::variable(qsizetype i) const
{
    const char16_t c = t.at(i + 1);
    if (isAsciiLetter(c) || c == u'_') {
        qsizetype k = i + 2;
        while (k < t.n && isNameChar(t.d[k]))
            ++k;
        return k;
    }
    if (isDigit(c) || (c != 0 && QStringView(u"#?@*!$-").contains(QChar(c))))
        return i + 2;
    if (c == u'{') {
        int depth = 0;
        for (qsizetype k = i + 1; k < t.n && t.d[k] != u'\n'; ++k) {
            depth += t.d[k] == u'{' ? 1 : t.d[k] == u'}' ? -1 : 0;
            if (depth == 0)
                return k + 1;
        }
        return t.lineEnd(i);
    }
    return -1;
}

// "…" from `quote`, highlighted from `from`: String, with its variables as Attribute.
qsizetype ShellScanner::doubleQuoted(qsizetype quote, qsizetype from)
{
    qsizetype k = quote + 1;
    while (k < t.n) {
        const char16_t c = t.d[k];
        if (c == u'\\') {
            k += 2;
        } else if (c == u'"') {
            ++k;
            break;
        } else if (const qsizetype var = c == u'$' ? variable(k) : -1; var > 0) {
            add(from, k, Kind::String);
            add(k, var, Kind::Attribute);
            from = k = var;
        } else {
            ++k;
        }
    }
    k = std::min(k, t.n);
    add(from, k, Kind::String);
    return k;
}

// "<<WORD", "<<-WORD", "<<'WORD'" at `i`: the operator and word as Keyword; the body follows the line.
qsizetype ShellScanner::hereDocument(qsizetype i)
{
    qsizetype k = i + 2;
    const bool stripTabs = t.at(k) == u'-';
    k += stripTabs;
    while (k < t.n && isSpace(t.d[k]))
        ++k;
    const char16_t quote = t.at(k);
    qsizetype from = k;
    qsizetype to = k;
    if (quote == u'\'' || quote == u'"') {
        from = to = k + 1;
        while (to < t.n && t.d[to] != quote && t.d[to] != u'\n')
            ++to;
        k = to + (t.at(to) == quote);
    } else {
        while (to < t.n && isWordChar(t.d[to]))
            ++to;
        k = to;
    }
    if (to == from)
        return i + 2;
    add(i, k, Kind::Keyword);
    m_hereDocuments.push_back({t.mid(from, to), stripTabs});
    return k;
}

// The bodies of this line's here-documents from `i` (the start of the next line), one after the
// other: String up to each closing line (Keyword). Returns the end of the last closing line.
qsizetype ShellScanner::hereDocumentBodies(qsizetype i)
{
    for (const HereDocument& document : m_hereDocuments) {
        const qsizetype body = i;
        bool closed = false;
        while (i < t.n && !closed) {
            const qsizetype end = t.lineEnd(i);
            QStringView line = t.mid(i, end);
            while (document.stripTabs && line.startsWith(u'\t'))
                line = line.mid(1);
            if (line.endsWith(u'\r'))
                line.chop(1);
            if (line == document.delimiter) {
                add(body, i, Kind::String);
                add(i, end, Kind::Keyword);
                closed = true;
            }
            i = closed || end == t.n ? end : end + 1;
        }
        if (!closed)
            add(body, i, Kind::String);
    }
    m_hereDocuments.clear();
    return i;
}

qsizetype ShellScanner::word(qsizetype i)
{
    qsizetype j = i;
    while (j < t.n && isWordChar(t.d[j]))
        ++j;
    // NAME=value, NAME+=value: an assignment, after which a command may still follow.
    if (isAsciiLetter(t.d[i]) || t.d[i] == u'_') {
        qsizetype k = i + 1;
        while (k < j && isNameChar(t.d[k]))
            ++k;
        if (k < j && (t.d[k] == u'=' || (t.d[k] == u'+' && t.at(k + 1) == u'='))) {
            add(i, k, Kind::Attribute);
            return j;
        }
    }
    const QStringView text = t.mid(i, j);
    if (text == u"{" || text == u"!" || text == u"}") {
        m_command = text != u"}";
        return j;
    }
    const WordTable::Entry* keyword = nullptr;
    if (m_command || (m_expectIn && text == u"in") || (m_inCase && text == u"esac"))
        keyword = shellWords().find(text);
    if (keyword) {
        add(i, j, keyword->kind);
        m_command = keyword->role == Role::StartsCommand;
        m_namesFunction = keyword->role == Role::NamesFunction;
        if (text == u"for" || text == u"select" || text == u"case")
            m_expectIn = true;
        else if (text == u"in")
            m_expectIn = false;
        if (text == u"case")
            m_inCase = true;
        else if (text == u"esac")
            m_inCase = false;
        return j;
    }
    if (std::all_of(t.d + i, t.d + j, isDigit))
        add(i, j, Kind::Number);
    else if ((m_command || m_namesFunction) && !(m_inCase && t.at(j) == u')')) // not a case pattern
        add(i, j, Kind::Function);
    m_command = false;
    m_namesFunction = false;
    return j;
}

} // namespace

void scanShell(QStringView code, Emitter& out)
{
    ShellScanner(code, out).run();
}

} // namespace flarechat::CodeHighlighter::detail
