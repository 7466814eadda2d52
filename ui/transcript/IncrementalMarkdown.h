#pragma once

#include <QString>
#include <QStringView>

class QFont;
class QPalette;
class QTextDocument;

namespace flarechat {

// Renders a message's Markdown into its QTextDocument so that a streamed reply costs the same
// per token whatever its length: the text up to the last finished top-level block is rendered
// once and kept; each update renders only the open block at the end and puts it in place of the
// previous one. The document is the one a full MarkdownDocument::render would give (the test
// compares their HTML at every step of a stream).
class IncrementalMarkdown final
{
public:
    // Makes `document` show `markdown` (its shown() part). If `markdown` begins with the text kept last time (and the
    // document, font and palette are the same), only what follows is rendered again.
    void update(QTextDocument* document, const QString& markdown, const QFont& font, const QPalette& palette);
    // Forgets what was kept: the next update renders everything.
    void reset();

    // How much of the text the last update rendered once and kept (for tests and benchmarks).
    qsizetype keptLength() const { return m_kept.size(); }

    // What of a streaming text is shown: all of it but an unfinished last line that is only a
    // list marker ("-", "2."), which Qt would render by making the block before it a list item.
    static QStringView shown(QStringView markdown);

    // Where the text can be cut so that both parts render as they do together: the start of a
    // line after a blank line, outside fenced code and HTML comments, that does not continue a
    // list or an indented block. Returns the last such position after `from` that has text
    // before it, or `from` if there is none. `from` must be such a position itself (or 0).
    // Returns -1 if the text has something that reaches back over a cut (a link reference
    // definition), so it has to be rendered whole.
    static qsizetype lastCut(QStringView markdown, qsizetype from);

private:
    void renderWhole(QTextDocument* document, const QString& markdown, const QFont& font, const QPalette& palette);
    void append(QTextDocument* document, QStringView markdown, const QFont& font, const QPalette& palette);

    const QTextDocument* m_document = nullptr;
    QString m_fontKey;
    quint64 m_paletteKey = 0;
    QString m_kept; // the text rendered once: it ends at a cut
    int m_keptEnd = -1; // where its blocks end in the document; -1: nothing kept
    bool m_whole = false; // the text cannot be cut: always rendered whole
};

} // namespace flarechat
