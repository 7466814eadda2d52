#include "transcript/CodeHighlighter.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace flarechat;
using CodeHighlighter::Kind;
using CodeHighlighter::Span;

namespace {

const QStringList kindNames {QStringLiteral("Keyword"), QStringLiteral("Type"), QStringLiteral("String"),
    QStringLiteral("Number"), QStringLiteral("Comment"), QStringLiteral("Preprocessor"), QStringLiteral("Function"),
    QStringLiteral("Tag"), QStringLiteral("Attribute"), QStringLiteral("Added"), QStringLiteral("Removed"),
    QStringLiteral("Heading"), QStringLiteral("Meta")};

QString kindName(Kind kind)
{
    return kindNames.value(int(kind), QStringLiteral("?"));
}

const QStringList canonicalLanguages {QStringLiteral("c"), QStringLiteral("cpp"), QStringLiteral("python"),
    QStringLiteral("javascript"), QStringLiteral("typescript"), QStringLiteral("rust"), QStringLiteral("go"),
    QStringLiteral("java"), QStringLiteral("shell"), QStringLiteral("json"), QStringLiteral("yaml"),
    QStringLiteral("sql"), QStringLiteral("html"), QStringLiteral("css"), QStringLiteral("markdown"),
    QStringLiteral("diff")};

// Sorted, non-overlapping, non-empty, within [0, size): empty if so, else what is wrong.
QString invariantProblem(const QList<Span>& spans, qsizetype size)
{
    qsizetype end = 0;
    for (const Span& s : spans) {
        if (s.length <= 0 || s.start < end || s.start + qsizetype(s.length) > size || int(s.kind) >= kindNames.size())
            return QStringLiteral("bad span %1+%2 (%3) after %4, size %5")
                .arg(s.start)
                .arg(s.length)
                .arg(int(s.kind))
                .arg(end)
                .arg(size);
        end = s.start + qsizetype(s.length);
    }
    return {};
}

struct Token
{
    qsizetype start;
    qsizetype length;
    QString text;
};

// `marked` without its «» markers, and the marked tokens in order.
QString unmark(const QString& marked, QList<Token>* tokens)
{
    QString code;
    qsizetype open = -1;
    for (const QChar c : marked) {
        if (c == u'«') {
            open = code.size();
        } else if (c == u'»') {
            tokens->append({open, code.size() - open, code.mid(open)});
            open = -1;
        } else {
            code.append(c);
        }
    }
    return code;
}

// What covers a token: the kind of the one span that holds all of it, "none" if no span touches it,
// else a description of the spans over it.
QString coverage(const QList<Span>& spans, const Token& token)
{
    QStringList parts;
    for (const Span& s : spans) {
        const qsizetype end = s.start + qsizetype(s.length);
        if (end <= token.start || s.start >= token.start + token.length)
            continue;
        if (s.start <= token.start && end >= token.start + token.length)
            return kindName(s.kind);
        parts << QStringLiteral("%1@%2+%3").arg(kindName(s.kind)).arg(s.start).arg(s.length);
    }
    return parts.isEmpty() ? QStringLiteral("none") : QStringLiteral("partly ") + parts.join(u' ');
}

// One snippet per language, its tokens marked «so», with the kind each is expected to have.
struct Snippet
{
    const char* name;
    const char* language;
    const char* code;
    const char* kinds; // space separated, one per marked token ("none": no span)
};

const Snippet snippets[] = {
    {"c", "c",
        "«#include» «<stdio.h>»\n"
        "«/* multi\nline */»\n"
        "«int» «main»(void) {\n"
        "    «char» c = «'x'»;\n"
        "    const char* s = «\"a//b\"»;\n"
        "    «unsigned» n = «0x1Fu» + «1.5e-3f» + «.5»; «// done»\n"
        "    «struct» «point» p;\n"
        "    «return» «n» / «2»;\n"
        "}\n",
        "Preprocessor String Comment Type Function Type String String Type Number Number Number Comment Keyword Type "
        "Keyword none Number"},
    {"cpp", "cpp",
        "«template» <«typename» T>\n"
        "«class» «Widget» «final» {\n"
        "    «std»::string s = «R\"x(raw \"quoted\" )\" still)x\"»;\n"
        "    «auto» n = «1'000'000»;\n"
        "    «bool» b = «nullptr» == «this»;\n"
        "    const char* u = «u8\"utf\"»; «// note»\n"
        "};\n"
        "«enum» «class» «Color» { Red };\n",
        "Keyword Keyword Keyword Type Keyword none String Keyword Number Type Keyword Keyword String Comment Keyword "
        "Keyword Type"},
    {"python", "python",
        "«@dataclass»\n"
        "«class» «Point»:\n"
        "    «'''Doc\n    string with \"quotes\"'''»\n"
        "    «def» «norm»(self) -> «float»:\n"
        "        «return» «1_000.5» «# comment»\n"
        "x = «f\"{a!r}\"» + «rb'\\x00'» + «0xFF»\n"
        "«print»(«\"#not comment\"»)\n"
        "s = «\"\"\"a\nb\"\"\"»\n",
        "Meta Keyword Type String Keyword Function Type Keyword Number Comment String String Number Function String "
        "String"},
    {"javascript", "javascript",
        "«const» re = «/ab+c\\/d[/]/gi»;\n"
        "«let» half = total «/» «2» «/» «3»;\n"
        "«const» t = «`sum: ${»«a» + «b»«} done`»;\n"
        "«const» n = «`a${»«`inner ${»«x»«}`»«}b`»;\n"
        "«function» «greet»(name) { «return» «'hi '» + name; }\n"
        "if (x) «return» «/re/».test(s); «// comment»\n"
        "const big = «10n»; «/* block\ncomment */»\n",
        "Keyword String Keyword none Number none Number Keyword String none none String Keyword String String none "
        "String String Keyword Function Keyword String Keyword String Comment Number Comment"},
    {"typescript", "typescript",
        "«interface» «User» { name: «string»; age?: «number» }\n"
        "«type» «Id» = «string» | «number»;\n"
        "«const» u: «User» = { name: «\"x\"» };\n"
        "«@Component»({})\n"
        "«enum» «Color» { Red }\n"
        "«export» «async» «function» «load»(): «Promise»<«void»> {}\n",
        "Keyword Type Type Type Keyword Type Type Type Keyword Type String Meta Keyword Type Keyword Keyword Keyword "
        "Function Type Keyword"},
    {"rust", "rust",
        "«#[derive(Debug)]»\n"
        "«struct» «Wrapper»<«'a»> { s: &«'a» «str» }\n"
        "«fn» «main»() {\n"
        "    «let» r = «r#\"raw \"string\"\"#»;\n"
        "    «let» c = «'x'»; «let» e = «'\\n'»; «let» b = «b'x'»;\n"
        "    «println!»(«\"{}\"», «1_000u32»);\n"
        "    «/* outer /* nested */ still comment */»\n"
        "    «'outer»: «loop» { «break» «'outer»; }\n"
        "    «let» s = «\"multi\nline\"»; «let» range = «0»..«10»;\n"
        "}\n",
        "Meta Keyword Type Keyword Keyword Type Keyword Function Keyword String Keyword String Keyword String Keyword "
        "String Function String Number Comment Keyword Keyword Keyword Keyword Keyword String Keyword Number Number"},
    {"go", "go",
        "«package» main\n"
        "«import» «\"fmt\"»\n"
        "«func» «main»() {\n"
        "\ts := «`raw \\ no escape\nline`»\n"
        "\t«var» r «rune» = «'x'»\n"
        "\tfmt.«Println»(s, «0b1010», «1_000», «0x1p-2») «// comment»\n"
        "}\n",
        "Keyword Keyword String Keyword Function String Keyword Type String Function Number Number Number Comment"},
    {"java", "java",
        "«@Override»\n"
        "«public» «String» «toString»() {\n"
        "    «String» t = «\"\"\"\n        text block \"quoted\"\n        \"\"\"»;\n"
        "    «char» c = «'\\n'»;\n"
        "    «return» t + «42L» + «0.5f»; «// comment»\n"
        "}\n",
        "Meta Keyword Type Function Type String Type String Keyword Number Number Comment"},
    {"shell", "shell",
        "«#!/bin/bash»\n"
        "«# comment»\n"
        "«echo» «\"count: »«$#»«\"» «$#» «args»\n"
        "«if» [ «-f» «\"»«$HOME»«/x\"» ]; «then»\n"
        "  «grep» -q x «'single $x'» «${VAR:-default}» «$1»\n"
        "«fi»\n"
        "«cat» «<<EOF» > out\n"
        "«body $x\nsecond line»\n"
        "«EOF»\n"
        "«FOO»=bar «make» all «2»>&1 | «tee» log\n"
        "«echo» a«#b» «for» «# real comment»\n"
        "«for» i «in» 1 2; «do» «echo» «$i»; «done»\n"
        "«$ »«npm» install\n"
        "«n»=«$((»«count» + «1»))\n"
        "«[[» -z «$x» ]] && «case» «$x» «in» «start») «run» ;; «esac»\n",
        "Comment Comment Function String Attribute String Attribute none Keyword none String Attribute String Keyword "
        "Function String "
        "Attribute Attribute Keyword Function Keyword String Keyword Attribute Function Number Function Function none "
        "none Comment Keyword Keyword Keyword Function Attribute Keyword none Function Attribute none none Number "
        "Keyword Attribute Keyword Attribute Keyword none Function Keyword"},
    {"json", "json",
        "{\n"
        "  «\"name\"»: «\"flare\"»,\n"
        "  «\"count\"» : «-1.5e3»,\n"
        "  «\"ok\"»: «true», «\"none\"»: «null»,\n"
        "  «\"list\"»: [«\"a\"», «2»] «// jsonc comment»\n"
        "  «/* block */» «bare»: «'json5'»\n"
        "}\n",
        "Attribute String Attribute Number Attribute Keyword Attribute Keyword Attribute String Number Comment Comment "
        "Attribute String"},
    {"yaml", "yaml",
        "«key»: «value»\n"
        "«# comment»\n"
        "«list»:\n"
        "  - «item» «# trailing»\n"
        "  - «name»: «\"quoted\"»\n"
        "«port»: «8080»\n"
        "«enabled»: «yes»\n"
        "«anchor»: «&base» x\n"
        "«text»: «|»\n"
        "  «block line one: not a key»\n"
        "  «block line two # not a comment»\n"
        "«url»: «http://x:80/#frag»\n"
        "«---»\n"
        "«flow»: [«a», «1», «\"b\"»]\n",
        "Attribute String Comment Attribute String Comment Attribute String Attribute Number Attribute Keyword "
        "Attribute Meta Attribute Keyword String String Attribute String Meta Attribute String Number String"},
    {"sql", "sql",
        "«SELECT» name, «COUNT»(*) «FROM» users «WHERE» id = «42» «AND» s = «'it''s'» «-- comment»\n"
        "«/* block\ncomment */»\n"
        "«create» «table» t (id «INTEGER», name «varchar»(«20»));\n",
        "Keyword Function Keyword Keyword Number Keyword String Comment Comment Keyword Keyword Type Type Number"},
    {"html", "html",
        "«<!DOCTYPE html>»\n"
        "<«div» «class»=«\"box\"» «data-x»=«'1'» «hidden» «id»=«bare»>\n"
        "  «<!-- a\n  comment -->»\n"
        "  Text «&amp;» more\n"
        "  <«script»>«let» x = «1» «/» «2»;</«script»>\n"
        "  <«style»>«p» { «color»: «#fff»; }</«style»>\n"
        "</«div»>\n",
        "Meta Tag Attribute String Attribute String Attribute Attribute String Comment Meta Tag Keyword Number none "
        "Number Tag Tag Tag Attribute Number Tag Tag"},
    {"css", "css",
        "«@media» (max-width: «600px») {\n"
        "  «.card» > «a»«:hover», «#main» { «color»: «#0550ae»; «margin»: «-4px» «0»; }\n"
        "}\n"
        "«/* comment */»\n"
        "«$gap»: «8px»;\n"
        "«a»«::before» { «content»: «\"x\"»; }\n"
        "«.x» { «background»: «url»(«//cdn/img.png»); «width»: «calc»(«100%» - «2em») «!important»; }\n"
        "«.nested» { «&»:hover { «color»: red } «&__child» { } }\n",
        "Keyword Number Function Tag Function Function Attribute Number Attribute Number Number Comment Attribute "
        "Number Tag Function Attribute String Function Attribute Function String Attribute Function Number Number "
        "Keyword Function none Attribute none"},
    {"markdown", "markdown",
        "«# Title»\n"
        "Some «**»bold«**» and «`code`» and «[»«link»«]»«(https://x)» and «``a`b``».\n"
        "«-» item with «snake_case_word» and «_»emphasis«_»\n"
        "«>» quote\n"
        "«```python»\n"
        "«def» «f»(): «pass»\n"
        "«```»\n"
        "«---»\n"
        "«1.» first «<!-- note -->» «3 * 4»\n",
        "Heading Keyword Keyword String none Function none String String Keyword none Keyword Keyword Meta Meta "
        "Keyword "
        "Function Keyword Meta Meta Keyword Comment none"},
    {"diff", "diff",
        "«diff --git a/x b/x»\n"
        "«index 1234..5678 100644»\n"
        "«--- a/x»\n"
        "«+++ b/x»\n"
        "«@@ -1,3 +1,3 @@» «int main()»\n"
        " «context line»\n"
        "«-old line»\n"
        "«+new line»\n"
        "«--- not a header»\n"
        "«+++ nor this»\n"
        "«\\ No newline at end of file»\n"
        "«-outside a hunk»\n",
        "Heading Heading Heading Heading Meta none none Removed Added Removed Added Comment Removed"},
};

// A realistic C++ sample of about `size` characters.
QString cppSample(qsizetype size)
{
    const QString unit
        = QStringLiteral("#include <vector>\n"
                         "// Sums the squares of the values (a comment with \"quotes\" and 'apostrophes').\n"
                         "template <typename T>\n"
                         "static T sumOfSquares(const std::vector<T>& values, T start = T(0)) {\n"
                         "    /* A block comment\n"
                         "       over two lines. */\n"
                         "    T total = start;\n"
                         "    for (std::size_t i = 0; i < values.size(); ++i) {\n"
                         "        const auto v = values[i] * 1.5e-3 + 0x1F'FF;\n"
                         "        total += v * v; // accumulate\n"
                         "    }\n"
                         "    const char* label = \"total: \\\"%d\\\"\\n\";\n"
                         "    return total / 2;\n"
                         "}\n");
    QString sample;
    sample.reserve(size + unit.size());
    while (sample.size() < size)
        sample += unit;
    return sample;
}

} // namespace

class TestCodeHighlighter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalLanguage_data();
    void canonicalLanguage();
    void unknownLanguageIsEmpty();
    void aliasesHighlightAlike();
    void tokens_data();
    void tokens();
    void invariantsOnSnippets();
    void invariantsOnPrefixes();
    void invariantsOnRandomInput();
    void pathologicalInputsFinish_data();
    void pathologicalInputsFinish();
    void largeInputFinishes();
    void colorsAreReadable();
    void formats();
};

void TestCodeHighlighter::canonicalLanguage_data()
{
    QTest::addColumn<QString>("fenceInfo");
    QTest::addColumn<QString>("expected");
    const QList<QPair<QString, QStringList>> aliases {
        {QStringLiteral("c"), {QStringLiteral("c"), QStringLiteral("h")}},
        {QStringLiteral("cpp"),
            {QStringLiteral("cpp"), QStringLiteral("c++"), QStringLiteral("cc"), QStringLiteral("cxx"),
                QStringLiteral("hpp"), QStringLiteral("hh"), QStringLiteral("hxx")}},
        {QStringLiteral("python"), {QStringLiteral("python"), QStringLiteral("py"), QStringLiteral("python3")}},
        {QStringLiteral("javascript"),
            {QStringLiteral("js"), QStringLiteral("javascript"), QStringLiteral("jsx"), QStringLiteral("mjs"),
                QStringLiteral("cjs"), QStringLiteral("node")}},
        {QStringLiteral("typescript"), {QStringLiteral("ts"), QStringLiteral("typescript"), QStringLiteral("tsx")}},
        {QStringLiteral("rust"), {QStringLiteral("rust"), QStringLiteral("rs")}},
        {QStringLiteral("go"), {QStringLiteral("go"), QStringLiteral("golang")}},
        {QStringLiteral("java"), {QStringLiteral("java")}},
        {QStringLiteral("shell"),
            {QStringLiteral("sh"), QStringLiteral("bash"), QStringLiteral("shell"), QStringLiteral("zsh"),
                QStringLiteral("console"), QStringLiteral("shellscript")}},
        {QStringLiteral("json"), {QStringLiteral("json"), QStringLiteral("jsonc"), QStringLiteral("json5")}},
        {QStringLiteral("yaml"), {QStringLiteral("yaml"), QStringLiteral("yml")}},
        {QStringLiteral("sql"), {QStringLiteral("sql")}},
        {QStringLiteral("html"),
            {QStringLiteral("html"), QStringLiteral("htm"), QStringLiteral("xml"), QStringLiteral("xhtml"),
                QStringLiteral("svg"), QStringLiteral("vue")}},
        {QStringLiteral("css"), {QStringLiteral("css"), QStringLiteral("scss"), QStringLiteral("less")}},
        {QStringLiteral("markdown"), {QStringLiteral("md"), QStringLiteral("markdown")}},
        {QStringLiteral("diff"), {QStringLiteral("diff"), QStringLiteral("patch")}},
    };
    QStringList covered;
    for (const auto& [canonical, names] : aliases) {
        covered << canonical;
        for (const QString& name : names) {
            QTest::addRow("%s", qPrintable(name)) << name << canonical;
            QTest::addRow("%s upper", qPrintable(name)) << name.toUpper() << canonical;
        }
    }
    QCOMPARE(covered, canonicalLanguages);
    QTest::newRow("C++") << QStringLiteral("C++") << QStringLiteral("cpp");
    QTest::newRow("Py") << QStringLiteral("Py") << QStringLiteral("python");
    QTest::newRow("TSX") << QStringLiteral("TSX") << QStringLiteral("typescript");
    QTest::newRow("first word only") << QStringLiteral("shell title=x") << QStringLiteral("shell");
    QTest::newRow("white space") << QStringLiteral("  rust  \r") << QStringLiteral("rust");
    QTest::newRow("pandoc class") << QStringLiteral("{.python}") << QStringLiteral("python");
    QTest::newRow("attributes") << QStringLiteral("python{1,3}") << QStringLiteral("python");
    QTest::newRow("file name") << QStringLiteral("js:app.js") << QStringLiteral("javascript");
    QTest::newRow("with the fence") << QStringLiteral("```yaml") << QStringLiteral("yaml");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("unknown") << QStringLiteral("brainfuck") << QString();
    QTest::newRow("c#") << QStringLiteral("c#") << QString();
    QTest::newRow("prefix of a name") << QStringLiteral("pyth") << QString();
}

void TestCodeHighlighter::canonicalLanguage()
{
    QFETCH(QString, fenceInfo);
    QFETCH(QString, expected);
    QCOMPARE(CodeHighlighter::canonicalLanguage(fenceInfo), expected);
}

void TestCodeHighlighter::unknownLanguageIsEmpty()
{
    const QString code = QStringLiteral("int main() { return 0; } // \"x\"");
    QVERIFY(CodeHighlighter::highlight(u"brainfuck", code).isEmpty());
    QVERIFY(CodeHighlighter::highlight(u"", code).isEmpty());
    QVERIFY(!CodeHighlighter::highlight(u"c", code).isEmpty());
    QVERIFY(CodeHighlighter::highlight(u"c", u"").isEmpty());
}

void TestCodeHighlighter::aliasesHighlightAlike()
{
    const QString code = QStringLiteral("def f(x):\n    return '''a\nb''' # c\n");
    const QList<Span> canonical = CodeHighlighter::highlight(u"python", code);
    const QList<Span> alias = CodeHighlighter::highlight(u"PY", code);
    QCOMPARE(alias.size(), canonical.size());
    for (qsizetype i = 0; i < alias.size(); ++i) {
        QCOMPARE(alias[i].start, canonical[i].start);
        QCOMPARE(alias[i].length, canonical[i].length);
        QCOMPARE(alias[i].kind, canonical[i].kind);
    }
}

void TestCodeHighlighter::tokens_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("marked");
    QTest::addColumn<QStringList>("kinds");
    for (const Snippet& s : snippets)
        QTest::newRow(s.name) << QString::fromUtf8(s.language) << QString::fromUtf8(s.code)
                              << QString::fromUtf8(s.kinds).split(u' ');
}

void TestCodeHighlighter::tokens()
{
    QFETCH(QString, language);
    QFETCH(QString, marked);
    QFETCH(QStringList, kinds);
    QList<Token> tokens;
    const QString code = unmark(marked, &tokens);
    QCOMPARE(tokens.size(), kinds.size());
    const QList<Span> spans = CodeHighlighter::highlight(language, code);
    QVERIFY2(invariantProblem(spans, code.size()).isEmpty(), qPrintable(invariantProblem(spans, code.size())));
    QStringList wrong;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString actual = coverage(spans, tokens[i]);
        if (actual != kinds[i])
            wrong << QStringLiteral("#%1 «%2»: %3, expected %4").arg(i).arg(tokens[i].text, actual, kinds[i]);
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
}

// Every snippet in every language (most of them foreign to it) keeps the invariants.
void TestCodeHighlighter::invariantsOnSnippets()
{
    for (const Snippet& s : snippets) {
        QList<Token> tokens;
        const QString code = unmark(QString::fromUtf8(s.code), &tokens);
        for (const QString& language : canonicalLanguages) {
            const QString problem = invariantProblem(CodeHighlighter::highlight(language, code), code.size());
            QVERIFY2(problem.isEmpty(),
                qPrintable(QStringLiteral("%1 as %2: %3").arg(QLatin1String(s.name), language, problem)));
        }
    }
}

// Every prefix of every snippet: strings, comments, templates, tags, fences unterminated at the end.
void TestCodeHighlighter::invariantsOnPrefixes()
{
    for (const Snippet& s : snippets) {
        QList<Token> tokens;
        const QString code = unmark(QString::fromUtf8(s.code), &tokens);
        for (qsizetype size = 0; size <= code.size(); ++size) {
            const QStringView prefix = QStringView(code).first(size);
            const QString problem
                = invariantProblem(CodeHighlighter::highlight(QString::fromLatin1(s.language), prefix), size);
            QVERIFY2(problem.isEmpty(),
                qPrintable(QStringLiteral("%1 cut at %2: %3").arg(QLatin1String(s.name)).arg(size).arg(problem)));
        }
    }
}

void TestCodeHighlighter::invariantsOnRandomInput()
{
    QRandomGenerator random(20240601);
    const QString syntax = QStringLiteral("\"'`/*#$@{}[]()<>!?:;,.=+-_|&%\\~\n\n  \tabcRbrx019eEé\r");
    for (int round = 0; round < 300; ++round) {
        QString code;
        const int size = int(random.bounded(400));
        for (int i = 0; i < size; ++i) {
            if (round % 3 == 0)
                code += QChar(char16_t(random.bounded(0x10000))); // any UTF-16 unit, lone surrogates too
            else
                code += syntax[random.bounded(syntax.size())];
        }
        for (const QString& language : canonicalLanguages) {
            const QString problem = invariantProblem(CodeHighlighter::highlight(language, code), code.size());
            QVERIFY2(problem.isEmpty(),
                qPrintable(QStringLiteral("%1, round %2: %3").arg(language).arg(round).arg(problem)));
        }
    }
}

void TestCodeHighlighter::pathologicalInputsFinish_data()
{
    QTest::addColumn<QString>("code");
    const int n = 200'000;
    const auto repeated = [](const char* unit, int size) {
        QString s;
        const QString u = QString::fromUtf8(unit);
        while (s.size() < size)
            s += u;
        return s;
    };
    QTest::newRow("quotes") << repeated("\"'`", n);
    QTest::newRow("comment openers") << repeated("/*", n);
    QTest::newRow("nested comment openers") << repeated("/* ", n);
    QTest::newRow("template expressions") << repeated("`${", n);
    QTest::newRow("regex openers") << repeated("(/[", n);
    QTest::newRow("raw strings") << repeated("r#\"", n);
    QTest::newRow("c++ raw strings") << repeated("R\"abc(", n);
    QTest::newRow("brackets") << repeated("[", n);
    QTest::newRow("link openers") << repeated("[a](", n);
    QTest::newRow("backtick runs") << repeated("`a``b```c````d", n);
    QTest::newRow("tags") << repeated("<a b=", n);
    QTest::newRow("here-documents") << repeated("<<A ", n);
    QTest::newRow("variables") << repeated("${", n);
    QTest::newRow("yaml") << repeated("- a: [b, {c: ", n);
    QTest::newRow("css") << repeated("a{b:#{", n);
    QTest::newRow("emphasis") << repeated("*_~", n);
    QTest::newRow("one long line") << repeated("x", n);
    QTest::newRow("newlines") << repeated("\n", n);
}

// Inputs that would make a backtracking scanner quadratic finish quickly in every language.
void TestCodeHighlighter::pathologicalInputsFinish()
{
    QFETCH(QString, code);
    for (const QString& language : canonicalLanguages) {
        QElapsedTimer timer;
        timer.start();
        const QList<Span> spans = CodeHighlighter::highlight(language, code);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("%1: %2 ms").arg(language).arg(timer.elapsed())));
        QVERIFY2(invariantProblem(spans, code.size()).isEmpty(), qPrintable(language));
    }
}

void TestCodeHighlighter::largeInputFinishes()
{
    // 1 MB of each snippet (a loose bound: this is no benchmark, and may be a Debug build).
    for (const Snippet& s : snippets) {
        QList<Token> tokens;
        const QString unit = unmark(QString::fromUtf8(s.code), &tokens);
        QString code;
        while (code.size() < 1'000'000)
            code += unit;
        QElapsedTimer timer;
        timer.start();
        const QList<Span> spans = CodeHighlighter::highlight(QString::fromLatin1(s.language), code);
        QVERIFY2(timer.elapsed() < 2000,
            qPrintable(QStringLiteral("%1: %2 ms").arg(QLatin1String(s.name)).arg(timer.elapsed())));
        QVERIFY(!spans.isEmpty());
    }
    // The throughput on C++, for the record.
    const QString sample = cppSample(100'000);
    QElapsedTimer timer;
    timer.start();
    int rounds = 0;
    while (timer.elapsed() < 300 || rounds < 3) {
        QVERIFY(!CodeHighlighter::highlight(u"cpp", sample).isEmpty());
        ++rounds;
    }
    const double microseconds = double(timer.nsecsElapsed()) / 1000.0 / rounds;
    qInfo("C++, %lld characters: %.0f us, %.1f characters/us", qlonglong(sample.size()), microseconds,
        double(sample.size()) / microseconds);
}

void TestCodeHighlighter::colorsAreReadable()
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const auto contrast = [&](const QColor& a, const QColor& b) {
        const double la = luminance(a);
        const double lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    const QStringList light {QStringLiteral("#ffffff"), QStringLiteral("#f6f8fa"), QStringLiteral("#f3f3f3")};
    const QStringList dark {
        QStringLiteral("#0d1117"), QStringLiteral("#161b22"), QStringLiteral("#1e1e1e"), QStringLiteral("#2b2b2b")};
    for (int k = 0; k <= int(Kind::Meta); ++k) {
        const Kind kind = Kind(k);
        for (const bool isDark : {false, true}) {
            const QColor fg = CodeHighlighter::color(kind, isDark);
            QVERIFY(fg.isValid());
            for (const QString& bg : isDark ? dark : light) {
                const double ratio = contrast(fg, QColor(bg));
                QVERIFY2(ratio >= 4.5,
                    qPrintable(QStringLiteral("%1 %2 on %3: %4:1").arg(kindName(kind), fg.name(), bg).arg(ratio)));
            }
        }
        QVERIFY(CodeHighlighter::color(kind, false) != CodeHighlighter::color(kind, true));
    }
}

void TestCodeHighlighter::formats()
{
    for (int k = 0; k <= int(Kind::Meta); ++k) {
        for (const bool dark : {false, true}) {
            const QTextCharFormat f = CodeHighlighter::format(Kind(k), dark);
            QCOMPARE(f.foreground().color(), CodeHighlighter::color(Kind(k), dark));
        }
    }
    QVERIFY(CodeHighlighter::format(Kind::Comment, false).fontItalic());
    QCOMPARE(CodeHighlighter::format(Kind::Heading, true).fontWeight(), int(QFont::Bold));
    QVERIFY(!CodeHighlighter::format(Kind::String, false).hasProperty(QTextFormat::FontWeight));
}

QTEST_GUILESS_MAIN(TestCodeHighlighter)
#include "tst_codehighlighter.moc"
