#pragma once

#include <QList>
#include <QRectF>
#include <QString>

class QFont;
class QPalette;
class QTextDocument;

namespace flarechat {

// Turns a message's Markdown into a QTextDocument the way the transcript shows it: GitHub
// dialect (tables, fenced code, autolinks), code in the system's monospace face on a tinted
// background, links in the palette's link colour. Qt's importer only flags code as fixed-pitch,
// which many font set-ups still draw proportionally, hence the explicit family.
namespace MarkdownDocument {

void render(QTextDocument* document, const QString& markdown, const QFont& font, const QPalette& palette);
// True if the block at `position` is a fenced or indented code block (for the Copy action on code).
bool isCodeBlockAt(const QTextDocument* document, int position);

struct CodeBlock
{
    QRectF rect; // in document coordinates (laid out at the document's text width)
    QString text; // the code as written, lines joined with "\n"
};
// The code blocks of a rendered document, top to bottom (consecutive code lines form one block).
QList<CodeBlock> codeBlocks(const QTextDocument* document);

} // namespace MarkdownDocument
} // namespace flarechat
