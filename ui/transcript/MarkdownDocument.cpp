#include "MarkdownDocument.h"

#include "CodeHighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace flarechat::MarkdownDocument {

namespace {

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
        float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isCodeBlock(const QTextBlock& block)
{
    const QTextBlockFormat f = block.blockFormat();
    return f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage)
        || (block.charFormat().fontFixedPitch() && block.text().size() > 0 && f.nonBreakableLines());
}

// Colours fenced code by its language: each run of code lines of one fence is highlighted as a
// whole (a block comment spans lines), its offsets being document positions from the run's start
// (a line break is one character in both).
void highlightCode(QTextDocument* document, QTextCursor& cursor, bool dark)
{
    QTextBlock block = document->begin();
    while (block.isValid()) {
        const QString info = block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
        if (!isCodeBlock(block) || info.isEmpty()) {
            block = block.next();
            continue;
        }
        const QString language = CodeHighlighter::canonicalLanguage(info);
        const int start = block.position();
        QString code;
        QTextBlock run = block;
        for (; run.isValid() && isCodeBlock(run)
             && run.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage) == info;
             run = run.next()) {
            if (!code.isEmpty() || run != block)
                code += QLatin1Char('\n');
            code += run.text();
        }
        block = run;
        if (language.isEmpty())
            continue;
        code.replace(QChar::LineSeparator, QLatin1Char('\n'));
        for (const CodeHighlighter::Span& span : CodeHighlighter::highlight(language, code)) {
            cursor.setPosition(start + span.start);
            cursor.setPosition(start + span.start + span.length, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(CodeHighlighter::format(span.kind, dark));
        }
    }
}

} // namespace

void render(QTextDocument* document, const QString& markdown, const QFont& font, const QPalette& palette)
{
    document->setDefaultFont(font);
    document->setDocumentMargin(0);
    document->setMarkdown(markdown, QTextDocument::MarkdownDialectGitHub);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.95 : mono.pointSizeF());
    const QColor codeBackground = blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.08);
    const QColor link = palette.color(QPalette::Link);

    QTextCursor cursor(document);
    cursor.beginEditBlock();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const bool codeBlock = isCodeBlock(block);
        if (codeBlock) {
            QTextBlockFormat bf = block.blockFormat();
            bf.setBackground(codeBackground);
            bf.setLeftMargin(8);
            bf.setRightMargin(8);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(bf);
        }
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            const QTextCharFormat cf = fragment.charFormat();
            QTextCharFormat change;
            bool touched = false;
            if (codeBlock || cf.fontFixedPitch()) {
                change.setFontFamilies(QStringList {mono.family()});
                change.setFontFixedPitch(true);
                change.setFontPointSize(mono.pointSizeF());
                if (!codeBlock)
                    change.setBackground(codeBackground);
                touched = true;
            }
            if (cf.isAnchor()) {
                change.setForeground(link);
                touched = true;
            }
            if (touched) {
                cursor.setPosition(fragment.position());
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
                cursor.mergeCharFormat(change);
            }
        }
    }
    highlightCode(document, cursor, palette.color(QPalette::Base).lightness() < 128);
    cursor.endEditBlock();
}

bool isCodeBlockAt(const QTextDocument* document, int position)
{
    return isCodeBlock(document->findBlock(position));
}

QList<CodeBlock> codeBlocks(const QTextDocument* document)
{
    QList<CodeBlock> out;
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    bool open = false;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (!isCodeBlock(block)) {
            open = false;
            continue;
        }
        QString text = block.text();
        text.replace(QChar::LineSeparator, QLatin1Char('\n'));
        const QRectF rect = layout->blockBoundingRect(block);
        if (open) {
            out.last().rect = out.last().rect.united(rect);
            out.last().text += QLatin1Char('\n') + text;
        } else {
            out.append({rect, text});
            open = true;
        }
    }
    return out;
}

} // namespace flarechat::MarkdownDocument
