#include "workersai/StopMatcher.h"

#include <QtTest>

using namespace flarechat;

class TestStopMatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cuts_data();
    void cuts();
    void inactiveWithoutStops();
    void nothingAfterStop();
    void saysWhichMatched();
};

void TestStopMatcher::cuts_data()
{
    QTest::addColumn<QStringList>("stops");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("stopped");

    QTest::newRow("no match") << QStringList {QStringLiteral("END")} << QStringLiteral("hello world")
                              << QStringLiteral("hello world") << false;
    QTest::newRow("match in middle") << QStringList {QStringLiteral("END")} << QStringLiteral("hello END world")
                                     << QStringLiteral("hello ") << true;
    QTest::newRow("earliest of several") << QStringList {QStringLiteral("world"), QStringLiteral("lo")}
                                         << QStringLiteral("hello world") << QStringLiteral("hel") << true;
    QTest::newRow("newline stop") << QStringList {QStringLiteral("\n\n")} << QStringLiteral("line one\n\nline two")
                                  << QStringLiteral("line one") << true;
    QTest::newRow("partial prefix at end released")
        << QStringList {QStringLiteral("STOP")} << QStringLiteral("ends with ST") << QStringLiteral("ends with ST")
        << false;
    QTest::newRow("chinese") << QStringList {QStringLiteral("。")} << QStringLiteral("你好。再见")
                             << QStringLiteral("你好") << true;
    QTest::newRow("empty stop ignored") << QStringList {QString()} << QStringLiteral("abc") << QStringLiteral("abc")
                                        << false;
}

// Fed in every two-piece split, the emitted text and the stop are the same.
void TestStopMatcher::cuts()
{
    QFETCH(QStringList, stops);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(bool, stopped);
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        StopMatcher m(stops);
        QString out;
        bool hit = false;
        for (const QString& piece : {input.left(cut), input.mid(cut)}) {
            const StopMatcher::Result r = m.feed(piece);
            out += r.text;
            hit = hit || r.stopped;
        }
        out += m.finish();
        QVERIFY2(out == expected, qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(out)));
        QCOMPARE(hit, stopped);
    }
}

void TestStopMatcher::inactiveWithoutStops()
{
    StopMatcher m;
    QVERIFY(!m.isActive());
    QCOMPARE(m.feed(QStringLiteral("abc")).text, QStringLiteral("abc"));
}

void TestStopMatcher::nothingAfterStop()
{
    StopMatcher m({QStringLiteral("x")});
    QVERIFY(m.feed(QStringLiteral("ax")).stopped);
    QVERIFY(m.hasStopped());
    QVERIFY(m.feed(QStringLiteral("more")).text.isEmpty());
    QVERIFY(m.finish().isEmpty());
}

// The earliest match wins and is the one reported (Anthropic's stop_sequence), even when a later
// sequence in the list is cut across pieces.
void TestStopMatcher::saysWhichMatched()
{
    StopMatcher m({QStringLiteral("END"), QStringLiteral("##")});
    QVERIFY(m.matched().isEmpty());
    QVERIFY(!m.feed(QStringLiteral("one #")).stopped);
    QVERIFY(m.feed(QStringLiteral("# two END")).stopped);
    QCOMPARE(m.matched(), QStringLiteral("##"));
}

QTEST_GUILESS_MAIN(TestStopMatcher)
#include "tst_stopmatcher.moc"
