#include "IncrementalMarkdown.h"

#include "MarkdownDocument.h"

#include <QFont>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextList>

namespace flarechat {

namespace {

bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// "#" or "## " with no text yet: Qt gives an empty heading its font only after another block.
bool isEmptyHeading(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] == u'#')
        ++i;
    return i > 0 && isBlank(line.mid(i));
}

// "- ", "* ", "+ ", "1. ", "12) " (or the marker alone on its line) at the start of the line.
bool startsWithListMarker(QStringView line)
{
    const auto followedBySpace = [&](qsizetype i) { return i >= line.size() || line[i] == u' ' || line[i] == u'\t'; };
    if (line.isEmpty())
        return false;
    if (line[0] == u'-' || line[0] == u'*' || line[0] == u'+')
        return followedBySpace(1);
    qsizetype i = 0;
    while (i < line.size() && i < 10 && line[i].isDigit())
        ++i;
    return i > 0 && i < line.size() && (line[i] == u'.' || line[i] == u')') && followedBySpace(i + 1);
}

// "[label]: destination", which links anywhere in the text can use.
bool isLinkReferenceDefinition(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line[i] == u' ')
        ++i;
    if (i >= line.size() || line[i] != u'[')
        return false;
    const qsizetype close = line.indexOf(u']', i + 1);
    return close > i + 1 && close + 1 < line.size() && line[close + 1] == u':';
}

// A fence line: its character and length, or 0.
struct Fence
{
    QChar mark;
    qsizetype length = 0;
};

Fence fenceOf(QStringView line)
{
    const QStringView t = line.trimmed();
    if (t.size() < 3 || (t[0] != u'`' && t[0] != u'~'))
        return {};
    qsizetype n = 0;
    while (n < t.size() && t[n] == t[0])
        ++n;
    if (n < 3 || (t[0] == u'`' && t.mid(n).contains(u'`')))
        return {};
    return {t[0], n};
}

// An HTML block that runs until its own end marker, over blank lines: the marker it waits for.
QLatin1String htmlBlockEnd(QStringView line)
{
    const QStringView t = line.trimmed();
    if (t.contains(QLatin1String("<!--")) && !t.contains(QLatin1String("-->")))
        return QLatin1String("-->");
    for (const char* tag : {"pre", "script", "style", "textarea"}) {
        const QString open = QLatin1Char('<') + QLatin1String(tag);
        if (t.startsWith(open, Qt::CaseInsensitive)
            && !t.contains(QLatin1String("</") + QLatin1String(tag), Qt::CaseInsensitive)) {
            return QLatin1String(tag); // the caller looks for "</tag"
        }
    }
    return {};
}

bool endsHtmlBlock(QStringView line, QLatin1String end)
{
    if (end == QLatin1String("-->"))
        return line.contains(end);
    return line.contains(QLatin1String("</") + end, Qt::CaseInsensitive);
}

// Removes from `position` (the end of a block) to `end`, or to the document's end when -1. Qt
// gives the joined block the format of the block after it when the block before is empty (a
// rule): the block keeps its own here.
void removeAfterBlock(QTextDocument* document, int position, int end = -1)
{
    const QTextBlock block = document->findBlock(position);
    const QTextBlockFormat format = block.blockFormat();
    const QTextCharFormat charFormat = block.charFormat();
    QTextCursor cursor(document);
    cursor.setPosition(position);
    if (end < 0)
        cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    else
        cursor.setPosition(end, QTextCursor::KeepAnchor);
    if (!cursor.hasSelection())
        return;
    cursor.removeSelectedText();
    if (block.length() == 1) { // empty: the case where Qt takes the other block's format
        QTextCursor restore(document);
        restore.setPosition(position);
        restore.setBlockFormat(format);
        restore.setBlockCharFormat(charFormat);
    }
}

// The palette colours MarkdownDocument::render uses.
quint64 paletteKey(const QPalette& palette)
{
    // Unsigned: shifted out bits simply drop (UBSan rightly refused a signed shift overflow).
    return quint64(palette.color(QPalette::Base).rgba()) ^ (quint64(palette.color(QPalette::Text).rgba()) << 21)
        ^ (quint64(palette.color(QPalette::Link).rgba()) << 42);
}

} // namespace

qsizetype IncrementalMarkdown::lastCut(QStringView markdown, qsizetype from)
{
    qsizetype cut = from;
    bool previousBlank = false;
    bool sawText = false;
    Fence fence;
    QLatin1String html;
    qsizetype start = from;
    while (start < markdown.size()) {
        const qsizetype newline = markdown.indexOf(u'\n', start);
        if (newline < 0) {
            // An unfinished line may still become a list item, a fence or a definition, unless
            // it begins with a letter: then it is a paragraph's, whatever follows.
            const QStringView rest = markdown.mid(start);
            if (fence.length == 0 && html.size() == 0 && isLinkReferenceDefinition(rest))
                return -1;
            if (fence.length == 0 && html.size() == 0 && previousBlank && sawText && rest.front().isLetter())
                cut = start;
            break;
        }
        const QStringView line = markdown.mid(start, newline - start);
        if (fence.length > 0) {
            const Fence f = fenceOf(line);
            if (f.mark == fence.mark && f.length >= fence.length && line.trimmed().size() == f.length)
                fence = {};
        } else if (html.size() > 0) {
            if (endsHtmlBlock(line, html))
                html = {};
        } else if (isBlank(line)) {
            previousBlank = true;
        } else {
            if (isLinkReferenceDefinition(line))
                return -1;
            // Not before raw HTML either: Qt puts an HTML block into the block before it.
            if (previousBlank && sawText && !line.front().isSpace() && line.front() != u'<'
                && !startsWithListMarker(line) && !isEmptyHeading(line)) {
                cut = start;
            }
            previousBlank = false;
            sawText = true;
            fence = fenceOf(line);
            if (fence.length == 0)
                html = htmlBlockEnd(line);
        }
        start = newline + 1;
    }
    return cut;
}

QStringView IncrementalMarkdown::shown(QStringView markdown)
{
    const qsizetype lineStart = markdown.lastIndexOf(u'\n') + 1;
    const QStringView last = markdown.mid(lineStart).trimmed();
    if (!last.isEmpty() && startsWithListMarker(last) && last.indexOf(u' ') < 0)
        return markdown.left(lineStart);
    return markdown;
}

void IncrementalMarkdown::reset()
{
    m_document = nullptr;
    m_kept.clear();
    m_keptEnd = -1;
}

void IncrementalMarkdown::update(
    QTextDocument* document, const QString& text, const QFont& font, const QPalette& palette)
{
    const QStringView visible = shown(text);
    const QString markdown = visible.size() == text.size() ? text : visible.toString();
    const QString fontKey = font.key();
    const quint64 colours = paletteKey(palette);
    if (document != m_document || fontKey != m_fontKey || colours != m_paletteKey || !markdown.startsWith(m_kept)) {
        reset();
        m_document = document;
        m_fontKey = fontKey;
        m_paletteKey = colours;
        document->setUndoRedoEnabled(false); // every token would be an undo step
    }
    const qsizetype cut = lastCut(markdown, m_kept.size());
    if (cut < 0) {
        m_kept.clear();
        m_keptEnd = -1;
        renderWhole(document, markdown, font, palette);
        return;
    }
    // Take away the open block rendered last time.
    if (m_keptEnd >= 0)
        removeAfterBlock(document, m_keptEnd);
    if (cut > m_kept.size()) {
        const QStringView finished = QStringView(markdown).mid(m_kept.size(), cut - m_kept.size());
        if (m_keptEnd < 0)
            renderWhole(document, finished.toString(), font, palette);
        else
            append(document, finished, font, palette);
        m_kept = markdown.left(cut);
        m_keptEnd = document->characterCount() - 1;
    }
    const QStringView open = QStringView(markdown).mid(cut);
    if (m_keptEnd < 0)
        renderWhole(document, open.toString(), font, palette);
    else if (!isBlank(open))
        append(document, open, font, palette);
}

void IncrementalMarkdown::renderWhole(
    QTextDocument* document, const QString& markdown, const QFont& font, const QPalette& palette)
{
    MarkdownDocument::render(document, markdown, font, palette);
}

void IncrementalMarkdown::append(
    QTextDocument* document, QStringView markdown, const QFont& font, const QPalette& palette)
{
    QTextDocument part;
    part.setUndoRedoEnabled(false);
    MarkdownDocument::render(&part, markdown.toString(), font, palette);
    const QTextBlock only = part.begin();
    if (part.isEmpty() && only.blockFormat().headingLevel() == 0 && !only.textList()
        && !MarkdownDocument::isCodeBlockAt(&part, 0)) {
        return; // nothing shows (a comment, say)
    }
    // A fragment's first block is merged into the block it is inserted at, losing its format
    // (a heading, a list item, a code line). So the part gets an empty plain block in front,
    // which is the one merged away, and its first real block keeps its format and list.
    // A part that begins with a rule or a table has such a block already: the importer's empty
    // first block, which a whole render does not have there.
    const QTextBlock first = part.begin();
    const bool hasPlaceholder = first.text().isEmpty() && first.next().isValid() && !first.textList()
        && first.blockFormat().headingLevel() == 0 && !MarkdownDocument::isCodeBlockAt(&part, 0);
    if (!hasPlaceholder) {
        QTextList* list = first.textList();
        QTextCursor(&part).insertBlock(first.blockFormat(), first.charFormat());
        const QTextBlock placeholder = part.begin();
        if (list)
            list->remove(placeholder);
        QTextCursor(placeholder).setBlockFormat(QTextBlockFormat());
        if (list)
            list->add(placeholder.next());
    }

    // Into a block of its own, then joined to the last one: the merge must not touch the last
    // block's format either (an empty block, such as a rule, would take the placeholder's).
    QTextCursor end(document);
    end.movePosition(QTextCursor::End);
    const int join = end.position();
    end.insertBlock();
    end.insertFragment(QTextDocumentFragment(&part));
    removeAfterBlock(document, join, join + 1);
}

} // namespace flarechat
