#include "workersai/ThinkSplitter.h"

#include <QtTest>

using namespace flarechat;

class TestThinkSplitter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splits_data();
    void splits();
    void everySplitGivesSameResult_data() { splits_data(); }
    void everySplitGivesSameResult();
    void answerModeWhenNotStartingInReasoning();
};

static ThinkSplitter::Piece runWhole(const QString& in, bool startInReasoning = true)
{
    ThinkSplitter s(startInReasoning);
    ThinkSplitter::Piece a = s.feed(in);
    const ThinkSplitter::Piece b = s.finish();
    return {a.reasoning + b.reasoning, a.content + b.content};
}

void TestThinkSplitter::splits_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("content");

    QTest::newRow("deepseek without opening tag")
        << QStringLiteral("The user greets me.\n</think>\n\nHello!") << QStringLiteral("The user greets me.\n")
        << QStringLiteral("Hello!");
    QTest::newRow("with opening tag") << QStringLiteral("<think>\nplan</think>answer") << QStringLiteral("\nplan")
                                      << QStringLiteral("answer");
    QTest::newRow("leading whitespace before tag")
        << QStringLiteral("\n  <think>r</think>a") << QStringLiteral("r") << QStringLiteral("a");
    QTest::newRow("empty reasoning") << QStringLiteral("<think></think>\n\nok") << QString() << QStringLiteral("ok");
    QTest::newRow("seed reply leaking reasoning")
        << QStringLiteral("你好！我是DeepSeek-R1。\n</think>\n\n你好！我是DeepSeek-R1。")
        << QStringLiteral("你好！我是DeepSeek-R1。\n") << QStringLiteral("你好！我是DeepSeek-R1。");
    QTest::newRow("second close tag stays in answer")
        << QStringLiteral("r</think>a</think>b") << QStringLiteral("r") << QStringLiteral("a</think>b");
    QTest::newRow("angle brackets that are not tags")
        << QStringLiteral("a < b and <thin>x</think>y") << QStringLiteral("a < b and <thin>x") << QStringLiteral("y");
    QTest::newRow("cut off while thinking")
        << QStringLiteral("<think>still going") << QStringLiteral("still going") << QString();
}

void TestThinkSplitter::splits()
{
    QFETCH(QString, input);
    QFETCH(QString, reasoning);
    QFETCH(QString, content);
    const ThinkSplitter::Piece p = runWhole(input);
    QCOMPARE(p.reasoning, reasoning);
    QCOMPARE(p.content, content);
}

// Tags cut across stream events at every position give the same split.
void TestThinkSplitter::everySplitGivesSameResult()
{
    QFETCH(QString, input);
    QFETCH(QString, reasoning);
    QFETCH(QString, content);
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        for (qsizetype cut2 = cut; cut2 <= input.size(); ++cut2) {
            ThinkSplitter s;
            QString r, c;
            for (const QString& piece : {input.left(cut), input.mid(cut, cut2 - cut), input.mid(cut2)}) {
                const ThinkSplitter::Piece p = s.feed(piece);
                r += p.reasoning;
                c += p.content;
            }
            const ThinkSplitter::Piece end = s.finish();
            r += end.reasoning;
            c += end.content;
            QVERIFY2(r == reasoning && c == content,
                qPrintable(QStringLiteral("cuts %1,%2: [%3] [%4]").arg(cut).arg(cut2).arg(r, c)));
        }
    }
}

void TestThinkSplitter::answerModeWhenNotStartingInReasoning()
{
    const ThinkSplitter::Piece plain = runWhole(QStringLiteral("Just an answer."), false);
    QCOMPARE(plain.content, QStringLiteral("Just an answer."));
    QVERIFY(plain.reasoning.isEmpty());
    const ThinkSplitter::Piece tagged = runWhole(QStringLiteral("<think>hm</think>yes"), false);
    QCOMPARE(tagged.reasoning, QStringLiteral("hm"));
    QCOMPARE(tagged.content, QStringLiteral("yes"));
}

QTEST_GUILESS_MAIN(TestThinkSplitter)
#include "tst_thinksplitter.moc"
