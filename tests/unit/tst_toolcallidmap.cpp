#include "workersai/ToolCallIdMap.h"
#include "workersai/ToolCallIds.h"

#include <QSet>
#include <QtTest>

using namespace flarechat;

// ToolCallIdMap: what every tool-call id becomes on its way to Workers AI, and back.
class TestToolCallIdMap final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsEveryIdToNineAlphanumerics_data();
    void mapsEveryIdToNineAlphanumerics();
    void validIdsStay();
    void callAndResultAgree();
    void stableAsTheHistoryGrows();
    void neverCollides();
    void collisionWithAValidIdIsRederived();
    void mapsBack();
};

static ChatMessage assistantCalling(const QStringList& ids)
{
    ChatMessage m = ChatMessage::assistant(QString());
    m.contentKind = ChatMessage::ContentKind::Null;
    for (const QString& id : ids)
        m.toolCalls.append(ToolCall {id, QStringLiteral("get_weather"), QStringLiteral("{}")});
    return m;
}

static ChatMessage toolResult(const QString& id)
{
    ChatMessage m = ChatMessage::make(QStringLiteral("tool"), QStringLiteral("18C"));
    m.toolCallId = id;
    return m;
}

void TestToolCallIdMap::mapsEveryIdToNineAlphanumerics_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("OpenAI client") << QStringLiteral("call_Ab12Cd34Ef56Gh78");
    QTest::newRow("Workers AI vLLM") << QStringLiteral("chatcmpl-tool-5f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b");
    QTest::newRow("Anthropic") << QStringLiteral("toolu_01A09q90qw90lq917835lq9");
    QTest::newRow("Responses") << QStringLiteral("fc_68b1c0d2e3f4a5b6");
    QTest::newRow("too short") << QStringLiteral("abc");
    QTest::newRow("ten alphanumerics") << QStringLiteral("abcdefghij");
    QTest::newRow("non-ASCII") << QStringLiteral("调用-1");
    QTest::newRow("empty") << QString();
}

void TestToolCallIdMap::mapsEveryIdToNineAlphanumerics()
{
    QFETCH(QString, id);
    const ToolCallIdMap map = ToolCallIdMap::forMessages({assistantCalling({id}), toolResult(id)});
    const QString upstream = map.upstream(id);
    QVERIFY2(ToolCallIds::isStrict(upstream), qPrintable(upstream));
    QCOMPARE(map.original(upstream), id);
}

void TestToolCallIdMap::validIdsStay()
{
    const ToolCallIdMap map = ToolCallIdMap::forMessages({assistantCalling({QStringLiteral("Ab3dE6gH9")})});
    QCOMPARE(map.upstream(QStringLiteral("Ab3dE6gH9")), QStringLiteral("Ab3dE6gH9"));
}

void TestToolCallIdMap::callAndResultAgree()
{
    const QString a = QStringLiteral("chatcmpl-tool-aaaa");
    const QString b = QStringLiteral("chatcmpl-tool-bbbb");
    const ToolCallIdMap map = ToolCallIdMap::forMessages({assistantCalling({a, b}), toolResult(b), toolResult(a)});
    QVERIFY(map.upstream(a) != map.upstream(b)); // truncation would make both "chatcmplt"
    QCOMPARE(map.original(map.upstream(a)), a);
    QCOMPARE(map.original(map.upstream(b)), b);
}

void TestToolCallIdMap::stableAsTheHistoryGrows()
{
    // The next turn resends the history and adds to it: the earlier ids must map as before, or
    // the model sees its own calls renamed and the cached prefix no longer matches.
    QList<ChatMessage> history {ChatMessage::user(QStringLiteral("weather?"))};
    QHash<QString, QString> first;
    for (int turn = 0; turn < 20; ++turn) {
        const QString id = QStringLiteral("call_turn_%1").arg(turn);
        history << assistantCalling({id}) << toolResult(id);
        const ToolCallIdMap map = ToolCallIdMap::forMessages(history);
        for (int earlier = 0; earlier <= turn; ++earlier) {
            const QString e = QStringLiteral("call_turn_%1").arg(earlier);
            if (!first.contains(e))
                first.insert(e, map.upstream(e));
            QCOMPARE(map.upstream(e), first.value(e));
        }
    }
}

void TestToolCallIdMap::neverCollides()
{
    QStringList ids;
    for (int i = 0; i < 2000; ++i)
        ids << QStringLiteral("chatcmpl-tool-%1").arg(i, 32, 16, QLatin1Char('0'));
    const ToolCallIdMap map = ToolCallIdMap::forMessages({assistantCalling(ids)});
    QSet<QString> seen;
    for (const QString& id : std::as_const(ids)) {
        const QString up = map.upstream(id);
        QVERIFY(ToolCallIds::isStrict(up));
        QVERIFY2(!seen.contains(up), qPrintable(id));
        seen.insert(up);
    }
}

void TestToolCallIdMap::collisionWithAValidIdIsRederived()
{
    // A client id that is already valid and equals what another id would be derived to: the valid
    // one keeps itself, the other is re-derived.
    const QString derived = ToolCallIds::toStrict(QStringLiteral("call_x"));
    const ToolCallIdMap map
        = ToolCallIdMap::forMessages({assistantCalling({QStringLiteral("call_x"), derived}), toolResult(derived)});
    QCOMPARE(map.upstream(derived), derived);
    QVERIFY(map.upstream(QStringLiteral("call_x")) != derived);
    QVERIFY(ToolCallIds::isStrict(map.upstream(QStringLiteral("call_x"))));
    QCOMPARE(map.original(map.upstream(QStringLiteral("call_x"))), QStringLiteral("call_x"));
}

void TestToolCallIdMap::mapsBack()
{
    const ToolCallIdMap map = ToolCallIdMap::forMessages({assistantCalling({QStringLiteral("call_1")})});
    QCOMPARE(map.original(map.upstream(QStringLiteral("call_1"))), QStringLiteral("call_1"));
    // A fresh id of the model's passes through unchanged.
    QCOMPARE(map.original(QStringLiteral("chatcmpl-tool-new")), QStringLiteral("chatcmpl-tool-new"));
    QCOMPARE(ToolCallIdMap().original(QStringLiteral("X")), QStringLiteral("X"));
}

QTEST_GUILESS_MAIN(TestToolCallIdMap)
#include "tst_toolcallidmap.moc"
