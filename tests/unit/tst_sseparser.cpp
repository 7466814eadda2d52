#include "http/SseParser.h"

#include <QtTest>

using namespace flarechat;
using Event = SseParser::Event;

class TestSseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void everySplitGivesSameEvents_data();
    void everySplitGivesSameEvents();
    void finishFlushesUnterminatedEvent();
    void oversizedEventIsAnError();
    void countsComments();
};

static QList<Event> parseAll(const QByteArray& in)
{
    SseParser p;
    QList<Event> out = p.feed(in);
    out += p.finish();
    return out;
}

static Event data(const QByteArray& d)
{
    return Event {{}, d, {}};
}

void TestSseParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<Event>>("expected");

    QTest::newRow("lf") << QByteArray("data: a\n\ndata: b\n\n") << QList<Event> {data("a"), data("b")};
    QTest::newRow("crlf") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n") << QList<Event> {data("a"), data("b")};
    QTest::newRow("cr") << QByteArray("data: a\r\rdata: b\r\r") << QList<Event> {data("a"), data("b")};
    QTest::newRow("no space after colon") << QByteArray("data:x\n\n") << QList<Event> {data("x")};
    QTest::newRow("only one space stripped") << QByteArray("data:  x\n\n") << QList<Event> {data(" x")};
    QTest::newRow("multi-line data") << QByteArray("data: a\ndata: b\n\n") << QList<Event> {data("a\nb")};
    QTest::newRow("event and id") << QByteArray("event: error\nid: 7\ndata: {}\n\n")
                                  << QList<Event> {Event {"error", "{}", "7"}};
    QTest::newRow("comment ignored") << QByteArray(": keep-alive\n\ndata: a\n\n") << QList<Event> {data("a")};
    QTest::newRow("blank lines without data dispatch nothing") << QByteArray("\n\n\n") << QList<Event> {};
    QTest::newRow("empty data field") << QByteArray("data\n\n") << QList<Event> {data("")};
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "data: a\n\n")
                         << QList<Event> {data("a")};
    QTest::newRow("workers ai legacy") << QByteArray("data: {\"response\":\"Hi\",\"p\":\"abcdef\"}\n\ndata: [DONE]\n\n")
                                       << QList<Event> {data("{\"response\":\"Hi\",\"p\":\"abcdef\"}"), data("[DONE]")};
    QTest::newRow("utf8 kept intact") << QByteArray("data: 你好\n\n") << QList<Event> {data("你好")};
}

void TestSseParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<Event>, expected);
    QCOMPARE(parseAll(input), expected);
}

void TestSseParser::everySplitGivesSameEvents_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("crlf stream") << QByteArray(
        "data: {\"response\":\"Hel\",\"p\":\"xx\"}\r\n\r\n: ping\r\n\r\ndata: {\"response\":\"lo\"}\r\n\r\n"
        "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":3}}\r\n\r\ndata: [DONE]\r\n\r\n");
    QTest::newRow("mixed endings") << QByteArray("event: x\rdata: 1\n\ndata: 2\r\n\rdata: 3\n\r\n");
    QTest::newRow("chinese") << QByteArray("data: {\"response\":\"你好，世界\"}\n\ndata: [DONE]\n\n");
}

// The same stream cut at every byte boundary, and fed one byte at a time, gives the same events.
void TestSseParser::everySplitGivesSameEvents()
{
    QFETCH(QByteArray, input);
    const QList<Event> expected = parseAll(input);
    QVERIFY(!expected.isEmpty());
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        SseParser p;
        QList<Event> got = p.feed(input.left(cut));
        got += p.feed(input.mid(cut));
        got += p.finish();
        QVERIFY2(got == expected, qPrintable(QStringLiteral("split at %1").arg(cut)));
    }
    SseParser bytewise;
    QList<Event> got;
    for (char c : input)
        got += bytewise.feed(QByteArray(1, c));
    got += bytewise.finish();
    QCOMPARE(got, expected);
}

void TestSseParser::finishFlushesUnterminatedEvent()
{
    SseParser p;
    QVERIFY(p.feed("data: partial").isEmpty());
    QVERIFY(p.hasPendingData());
    const QList<Event> rest = p.finish();
    QCOMPARE(rest, QList<Event> {data("partial")});
}

void TestSseParser::oversizedEventIsAnError()
{
    SseParser p(64);
    p.feed("data: " + QByteArray(100, 'x'));
    QVERIFY(p.hasError());
    QVERIFY(p.feed("\n\ndata: a\n\n").isEmpty());
}

void TestSseParser::countsComments()
{
    SseParser p;
    p.feed(": keep-alive\n\n: again\n");
    QCOMPARE(p.commentCount(), qsizetype(2));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
