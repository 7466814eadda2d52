// The transcript's Markdown rendering: IncrementalMarkdown gives, at every step of a stream, the
// document a whole render of the same text gives, while rendering each finished block only once.
#include "transcript/CodeHighlighter.h"
#include "transcript/IncrementalMarkdown.h"
#include "transcript/MarkdownDocument.h"

#include <QApplication>
#include <QPalette>
#include <QRandomGenerator>
#include <QTextCursor>
#include <QTextDocument>
#include <QtTest>

using namespace flarechat;

namespace {

QString whole(const QString& markdown, const QFont& font, const QPalette& palette)
{
    QTextDocument document;
    MarkdownDocument::render(&document, markdown, font, palette);
    return document.toHtml();
}

// Texts with every kind of block a reply has, and the cases where a block runs over blank lines.
QList<QPair<const char*, QString>> corpus()
{
    return {
        {"paragraphs and headings",
            QStringLiteral(
                "# Title\n\nFirst paragraph with **bold**, *italic*, `code` and a [link](https://example.com).\n\n"
                "## Second\n\nAnother paragraph\nover two lines.\n\nSetext heading\n--------------\n\n"
                "Last one.")},
        {"lists",
            QStringLiteral("Intro.\n\n- one\n- two\n  continued\n- three\n\nBetween.\n\n1. first\n2. second\n\n"
                           "3. loose third\n\n   with a paragraph\n\n4. fourth\n\nAfter.\n\n3) starts at three\n"
                           "4) four\n\n* star\n\n  * nested\n\n    more nested text\n\nEnd.")},
        {"fenced code with blank lines",
            QStringLiteral("Here is code:\n\n```cpp\nint main()\n{\n\n    return 0;\n}\n```\n\nAnd tildes:\n\n~~~\n"
                           "a\n\n```\nnot a close\n~~~\n\nIndented fence in a list:\n\n1. step\n\n   ```sh\n   make\n\n"
                           "   make test\n   ```\n\n2. done\n\nInline ```not a fence``` here.\n\nEnd.")},
        {"tables and quotes",
            QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nText after the table.\n\n> quoted\n> more\n\n"
                           "> second quote\n\n---\n\n***\n\nBelow the rules.\n\n| x |\n|---|\n| y |")},
        {"html blocks",
            QStringLiteral("Before.\n\n<!-- a comment\n\nover a blank line -->\n\nMiddle.\n\n<pre>\npre text\n\nmore\n"
                           "</pre>\n\n<div>\nblock\n</div>\n\nAfter.")},
        {"indented code and cjk",
            QStringLiteral(
                "段落一，中文文本。\n\n    indented code\n\n    still code\n\n段落二 **粗体** 和 `代码`。\n\n"
                "- 列表项\n- 第二项\n\n结束。")},
        {"unfinished fence at the end", QStringLiteral("Start.\n\n```python\ndef f():\n\n    return 1\n\nprint(f())")},
        {"link reference definitions",
            QStringLiteral(
                "See [the docs][docs] and [more][m].\n\nAnother paragraph.\n\n[docs]: https://example.com/docs\n"
                "[m]: https://example.com/more\n\nAfter.")},
        {"a table after a paragraph",
            QStringLiteral(
                "Intro.\n\n| a | b |\n|---|:-:|\n| 1 | **2** |\n\nAfter.\n\n| c |\n|---|\n| 3 |\n\n# Heading\n\n"
                "| d |\n|---|\n| 4 |")},
        {"a reply as models write them",
            QStringLiteral(
                "## Steps\n\n1. **Install** the package:\n\n   ```bash\n   sudo apt install flarechat\n   ```\n\n"
                "2. Start it.\n\n### Notes\n\n- A point with `code`\n  - nested point\n- Another point\n\n"
                "> **Tip:** keep the token secret.\n\n```json\n{\n  \"a\": 1,\n\n  \"b\": [1, 2]\n}\n```\n\n"
                "That is all. 就这样！\n\n#\n\nEmpty heading above.")},
        {"leading blank lines", QStringLiteral("\n\n\nHello.\n\nWorld.\n\n\n\n- a\n\n- b\n\nBye.")},
    };
}

} // namespace

class TestMarkdown final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cuts_data();
    void cuts();
    void streamedEqualsWhole_data();
    void streamedEqualsWhole();
    void finishedBlocksAreKept();
    void aBareListMarkerWaitsForItsText();
    void codeIsHighlighted_data();
    void codeIsHighlighted();
    void anEditRendersAgain();
    void aNewFontRendersAgain();
};

void TestMarkdown::cuts_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<qsizetype>("from");
    QTest::addColumn<qsizetype>("cut");
    QTest::newRow("one paragraph") << QStringLiteral("Hello world") << qsizetype(0) << qsizetype(0);
    QTest::newRow("two paragraphs, second begun with a letter")
        << QStringLiteral("One.\n\nTwo") << qsizetype(0) << qsizetype(6);
    QTest::newRow("unfinished line that may become a list")
        << QStringLiteral("One.\n\n1") << qsizetype(0) << qsizetype(0);
    QTest::newRow("unfinished definition") << QStringLiteral("One.\n\n[a]: /x") << qsizetype(0) << qsizetype(-1);
    QTest::newRow("raw html stays with the block before")
        << QStringLiteral("One.\n\n<div>\nx\n</div>\n") << qsizetype(0) << qsizetype(0);
    QTest::newRow("two paragraphs, second line complete")
        << QStringLiteral("One.\n\nTwo\n") << qsizetype(0) << qsizetype(6);
    QTest::newRow("last cut wins") << QStringLiteral("A\n\nB\n\nC\n") << qsizetype(0) << qsizetype(6);
    QTest::newRow("from a cut") << QStringLiteral("A\n\nB\n\nC\n") << qsizetype(3) << qsizetype(6);
    QTest::newRow("list item after blank stays")
        << QStringLiteral("- a\n\n- b\n\n2. c\n\n+ d\n") << qsizetype(0) << qsizetype(0);
    QTest::newRow("indented continuation stays")
        << QStringLiteral("- a\n\n  more\n\n\tcode\n") << qsizetype(0) << qsizetype(0);
    QTest::newRow("inside a fence") << QStringLiteral("```\na\n\nb\n") << qsizetype(0) << qsizetype(0);
    QTest::newRow("after a fence") << QStringLiteral("```\na\n\nb\n```\n\nc\n") << qsizetype(0) << qsizetype(14);
    QTest::newRow("a longer close is a close")
        << QStringLiteral("```\na\n`````\n\nc\n") << qsizetype(0) << qsizetype(13);
    QTest::newRow("inline triple backticks are no fence")
        << QStringLiteral("```x```\n\nc\n") << qsizetype(0) << qsizetype(9);
    QTest::newRow("html comment") << QStringLiteral("<!-- a\n\nb -->\n\nc\n") << qsizetype(0) << qsizetype(15);
    QTest::newRow("thematic break is no list") << QStringLiteral("a\n\n---\n\n***\n") << qsizetype(0) << qsizetype(8);
    QTest::newRow("link reference definition") << QStringLiteral("a\n\n[x]: /y\n") << qsizetype(0) << qsizetype(-1);
    QTest::newRow("blank start has no text before") << QStringLiteral("\n\nHello\n") << qsizetype(0) << qsizetype(0);
}

void TestMarkdown::cuts()
{
    QFETCH(QString, markdown);
    QFETCH(qsizetype, from);
    QFETCH(qsizetype, cut);
    QCOMPARE(IncrementalMarkdown::lastCut(markdown, from), cut);
}

void TestMarkdown::streamedEqualsWhole_data()
{
    QTest::addColumn<QString>("markdown");
    for (const auto& [name, text] : corpus())
        QTest::newRow(name) << text;
}

// The text arrives in pieces of 1 to 12 characters, as tokens do; after every piece the document
// is the one a whole render of the text so far gives.
void TestMarkdown::streamedEqualsWhole()
{
    QFETCH(QString, markdown);
    const QFont font = QApplication::font();
    const QPalette palette = QApplication::palette();
    for (const quint32 seed : {42u, 7u, 2026u}) {
        QRandomGenerator random(seed);
        QTextDocument document;
        IncrementalMarkdown incremental;
        qsizetype at = 0;
        while (at < markdown.size()) {
            at = qMin(markdown.size(), at + 1 + random.bounded(12));
            const QString prefix = markdown.left(at);
            incremental.update(&document, prefix, font, palette);
            const QString expected = whole(IncrementalMarkdown::shown(prefix).toString(), font, palette);
            const QString actual = document.toHtml();
            if (actual != expected) {
                qsizetype d = 0;
                while (d < actual.size() && d < expected.size() && actual[d] == expected[d])
                    ++d;
                qWarning().noquote() << "after" << at << "characters:\n"
                                     << prefix << "\n--- streamed:\n"
                                     << actual.mid(qMax<qsizetype>(0, d - 150), 400) << "\n--- whole:\n"
                                     << expected.mid(qMax<qsizetype>(0, d - 150), 400);
                QFAIL("the streamed document differs from the whole one");
            }
        }
    }
}

void TestMarkdown::finishedBlocksAreKept()
{
    QString markdown;
    for (int i = 0; i < 40; ++i)
        markdown += QStringLiteral("Paragraph %1 with some words in it.\n\n- item\n- item\n\n").arg(i);
    markdown += QStringLiteral("The last one");
    QTextDocument document;
    IncrementalMarkdown incremental;
    for (qsizetype at = 5; at < markdown.size(); at += 5)
        incremental.update(&document, markdown.left(at), QApplication::font(), QApplication::palette());
    incremental.update(&document, markdown, QApplication::font(), QApplication::palette());
    QVERIFY2(incremental.keptLength() == markdown.size() - 12, // all but "The last one"
        qPrintable(QString::number(incremental.keptLength())));
    QCOMPARE(document.toHtml(), whole(markdown, QApplication::font(), QApplication::palette()));
    QVERIFY(!document.isUndoRedoEnabled());
}

void TestMarkdown::aBareListMarkerWaitsForItsText()
{
    QCOMPARE(IncrementalMarkdown::shown(u"### Notes\n\n-"), u"### Notes\n\n");
    QCOMPARE(IncrementalMarkdown::shown(u"Intro\n12."), u"Intro\n");
    QCOMPARE(IncrementalMarkdown::shown(u"Intro\n- a"), u"Intro\n- a");
    QCOMPARE(IncrementalMarkdown::shown(u"Intro\n---"), u"Intro\n---");
    QCOMPARE(IncrementalMarkdown::shown(u"-"), u"");
}

void TestMarkdown::codeIsHighlighted_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// Fenced code takes the highlighter's colours for its language, across lines; code without a
// language and inline code keep the text colour.
void TestMarkdown::codeIsHighlighted()
{
    QFETCH(bool, dark);
    QPalette palette = QApplication::palette();
    palette.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : Qt::white);
    palette.setColor(QPalette::Text, dark ? QColor(0xe6, 0xed, 0xf3) : Qt::black);
    QTextDocument document;
    MarkdownDocument::render(&document,
        QStringLiteral("Code `return x`:\n\n```cpp\n/* one\ntwo */\nreturn 42;\n```\n\n```\nreturn 1;\n```\n"),
        QApplication::font(), palette);
    const auto colourAt = [&](const QString& text, int occurrence = 0) {
        int at = -1;
        for (int i = 0; i <= occurrence; ++i)
            at = document.toPlainText().indexOf(text, at + 1);
        QTextCursor cursor(&document);
        cursor.setPosition(at + 1);
        return cursor.charFormat().foreground().color();
    };
    using CodeHighlighter::Kind;
    QCOMPARE(colourAt(QStringLiteral("return"), 1), CodeHighlighter::color(Kind::Keyword, dark));
    QCOMPARE(colourAt(QStringLiteral("42")), CodeHighlighter::color(Kind::Number, dark));
    QCOMPARE(colourAt(QStringLiteral("one")), CodeHighlighter::color(Kind::Comment, dark));
    QCOMPARE(colourAt(QStringLiteral("two")), CodeHighlighter::color(Kind::Comment, dark)); // the next line
    QVERIFY(colourAt(QStringLiteral("return"), 0) != CodeHighlighter::color(Kind::Keyword, dark)); // inline
    QVERIFY(colourAt(QStringLiteral("return"), 2) != CodeHighlighter::color(Kind::Keyword, dark)); // no language
}

void TestMarkdown::anEditRendersAgain()
{
    QTextDocument document;
    IncrementalMarkdown incremental;
    const QFont font = QApplication::font();
    const QPalette palette = QApplication::palette();
    incremental.update(&document, QStringLiteral("First.\n\nSecond.\n\nThird"), font, palette);
    QVERIFY(incremental.keptLength() > 0);
    const QString edited = QStringLiteral("Changed.\n\nSecond.\n\nThird");
    incremental.update(&document, edited, font, palette);
    QCOMPARE(document.toHtml(), whole(edited, font, palette));
    incremental.update(&document, QString(), font, palette);
    QCOMPARE(document.toPlainText(), QString());
}

void TestMarkdown::aNewFontRendersAgain()
{
    QTextDocument document;
    IncrementalMarkdown incremental;
    const QString text = QStringLiteral("First.\n\nSecond.\n\nThird");
    incremental.update(&document, text, QApplication::font(), QApplication::palette());
    QFont larger = QApplication::font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    incremental.update(&document, text, larger, QApplication::palette());
    QCOMPARE(document.toHtml(), whole(text, larger, QApplication::palette()));
}

QTEST_MAIN(TestMarkdown)
#include "tst_markdown.moc"
