#include "openai/ReasoningInliner.h"

#include <QtTest>

using namespace flarechat;

class TestReasoningInliner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeResult();
    void streamMatchesWholeResult();
    void streamEndingWhileThinking();
    void noReasoningUntouched();
};

void TestReasoningInliner::wholeResult()
{
    ChatResult r;
    r.reasoning = QStringLiteral("Let me think.");
    r.content = QStringLiteral("Answer.");
    const ChatResult out = ReasoningInliner::apply(r);
    QCOMPARE(out.content, QStringLiteral("<think>\nLet me think.\n</think>\n\nAnswer."));
    QVERIFY(out.reasoning.isEmpty());
}

void TestReasoningInliner::streamMatchesWholeResult()
{
    ReasoningInliner in;
    QString content;
    const QList<ChatDelta> deltas {{QString(), QStringLiteral("Let me "), {}},
        {QString(), QStringLiteral("think."), {}}, {QStringLiteral("Ans"), QString(), {}},
        {QStringLiteral("wer."), QString(), {}}};
    for (const ChatDelta& d : deltas) {
        const ChatDelta out = in.transform(d);
        QVERIFY(out.reasoning.isEmpty());
        content += out.content;
    }
    content += in.finish().content;
    ChatResult whole;
    whole.reasoning = QStringLiteral("Let me think.");
    whole.content = QStringLiteral("Answer.");
    QCOMPARE(content, ReasoningInliner::apply(whole).content);
}

void TestReasoningInliner::streamEndingWhileThinking()
{
    ReasoningInliner in;
    QString content = in.transform(ChatDelta {QString(), QStringLiteral("hm"), {}}).content;
    content += in.finish().content;
    QCOMPARE(content, QStringLiteral("<think>\nhm\n</think>\n\n"));
}

void TestReasoningInliner::noReasoningUntouched()
{
    ReasoningInliner in;
    QCOMPARE(in.transform(ChatDelta {QStringLiteral("plain"), QString(), {}}).content, QStringLiteral("plain"));
    QVERIFY(in.finish().content.isEmpty());
    ChatResult r;
    r.content = QStringLiteral("plain");
    QCOMPARE(ReasoningInliner::apply(r).content, QStringLiteral("plain"));
}

QTEST_GUILESS_MAIN(TestReasoningInliner)
#include "tst_reasoninginliner.moc"
