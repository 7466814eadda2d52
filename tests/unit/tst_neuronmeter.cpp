// NeuronMeter: today's neurons per model, the UTC day, the file every process adds to, a file that
// cannot be written, and records from many threads at once.
#include "engine/NeuronMeter.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>

using namespace flarechat;

namespace {

Usage usage(qint64 prompt, qint64 completion)
{
    Usage u;
    u.promptTokens = prompt;
    u.completionTokens = completion;
    u.totalTokens = prompt + completion;
    u.valid = true;
    return u;
}

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

class TestNeuronMeter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsPerModel();
    void theDayIsUtc();
    void keptOnDiskAcrossRestarts();
    void twoProcessesCountIntoOneDay();
    void aFileThatCannotBeWrittenKeepsTheCount();
    void aBrokenFileIsAProblemNotACrash();
    void manyThreadsAtOnce();
};

void TestNeuronMeter::countsPerModel()
{
    NeuronMeter meter;
    QSignalSpy changed(&meter, &NeuronMeter::changed);
    meter.record(QStringLiteral("@cf/a"), usage(100, 20), 12.5);
    meter.record(QStringLiteral("@cf/a"), usage(50, 10), 2.5);
    meter.record(QStringLiteral("@cf/b"), usage(7, 3), 1);
    QCOMPARE(changed.count(), 3);
    const NeuronMeter::Day day = meter.today();
    QCOMPARE(day.neurons(), 16.0);
    QCOMPARE(day.requests(), 3);
    QCOMPARE(day.models.value(QStringLiteral("@cf/a")).neurons, 15.0);
    QCOMPARE(day.models.value(QStringLiteral("@cf/a")).requests, 2);
    QCOMPARE(day.models.value(QStringLiteral("@cf/a")).promptTokens, 150);
    QCOMPARE(day.models.value(QStringLiteral("@cf/a")).completionTokens, 30);
    QCOMPARE(meter.usedToday(), 16.0);
    // Nonsense in: nothing negative counted.
    meter.record(QStringLiteral("@cf/b"), usage(-5, -5), -3);
    QCOMPARE(meter.usedToday(), 16.0);
}

void TestNeuronMeter::theDayIsUtc()
{
    NeuronMeter meter;
    QDateTime now = at("2026-12-02T23:59:30Z");
    meter.setClock([&] { return now; });
    meter.record(QStringLiteral("@cf/a"), usage(1, 1), 100);
    QCOMPARE(meter.usedToday(), 100.0);
    QCOMPARE(meter.today().date, QDate(2026, 12, 2));
    QCOMPARE(meter.resetAt(), at("2026-12-03T00:00:00Z"));
    now = at("2026-12-03T00:00:01Z");
    QCOMPARE(meter.usedToday(), 0.0); // a new day: the allocation is whole again
    QCOMPARE(meter.resetAt(), at("2026-12-04T00:00:00Z"));
    // Local time does not matter: 07:00 in UTC+8 is still the UTC day before.
    now = QDateTime(QDate(2026, 12, 4), QTime(7, 0), QTimeZone(8 * 3600));
    QCOMPARE(meter.today().date, QDate(2026, 12, 3));
}

void TestNeuronMeter::keptOnDiskAcrossRestarts()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/usage-today.json"));
    const QDateTime now = at("2026-12-02T10:00:00Z");
    {
        NeuronMeter meter(path);
        meter.setClock([&] { return now; });
        meter.record(QStringLiteral("@cf/a"), usage(10, 10), 42);
        QVERIFY(meter.problem().isEmpty());
    }
    QVERIFY(QFile::exists(path));
    NeuronMeter again(path);
    again.setClock([&] { return now; });
    QCOMPARE(again.usedToday(), 42.0);
    QCOMPARE(again.today().models.value(QStringLiteral("@cf/a")).requests, 1);
    // The next day, yesterday's file counts nothing.
    NeuronMeter tomorrow(path);
    const QDateTime later = now.addDays(1);
    tomorrow.setClock([&] { return later; });
    QCOMPARE(tomorrow.usedToday(), 0.0);
    tomorrow.record(QStringLiteral("@cf/b"), usage(1, 1), 1);
    QCOMPARE(tomorrow.usedToday(), 1.0);
    QVERIFY(!tomorrow.today().models.contains(QStringLiteral("@cf/a")));
}

void TestNeuronMeter::twoProcessesCountIntoOneDay()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("usage-today.json"));
    NeuronMeter window(path);
    NeuronMeter server(path);
    window.record(QStringLiteral("@cf/a"), usage(1, 1), 10);
    QTest::qWait(5); // file times differ
    server.record(QStringLiteral("@cf/a"), usage(1, 1), 5);
    QCOMPARE(server.usedToday(), 15.0);
    QCOMPARE(window.usedToday(), 15.0); // read again: the other one wrote
    QTest::qWait(5);
    window.record(QStringLiteral("@cf/b"), usage(1, 1), 1);
    QCOMPARE(window.usedToday(), 16.0);
    QCOMPARE(server.usedToday(), 16.0);
}

void TestNeuronMeter::aFileThatCannotBeWrittenKeepsTheCount()
{
    QTemporaryDir dir;
    // A directory where the file should be: nothing can be written there.
    const QString path = dir.filePath(QStringLiteral("usage-today.json"));
    QVERIFY(QDir().mkpath(path));
    NeuronMeter meter(path);
    meter.record(QStringLiteral("@cf/a"), usage(1, 1), 3);
    meter.record(QStringLiteral("@cf/a"), usage(1, 1), 4);
    QCOMPARE(meter.usedToday(), 7.0);
    QVERIFY(!meter.problem().isEmpty());
    QVERIFY2(meter.problem().contains(path), qPrintable(meter.problem()));
    // Once it can be written, what was counted meanwhile goes in with the next reply.
    QVERIFY(QDir(path).removeRecursively());
    meter.record(QStringLiteral("@cf/a"), usage(1, 1), 1);
    QVERIFY2(meter.problem().isEmpty(), qPrintable(meter.problem()));
    NeuronMeter reader(path);
    QCOMPARE(reader.usedToday(), 8.0);
}

void TestNeuronMeter::aBrokenFileIsAProblemNotACrash()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("usage-today.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"day\": \"2026-");
    file.close();
    NeuronMeter meter(path);
    QCOMPARE(meter.usedToday(), 0.0);
    QVERIFY(!meter.problem().isEmpty());
    meter.record(QStringLiteral("@cf/a"), usage(1, 1), 2);
    QCOMPARE(meter.usedToday(), 2.0);
    QVERIFY(meter.problem().isEmpty()); // written over with a good one
}

void TestNeuronMeter::manyThreadsAtOnce()
{
    QTemporaryDir dir;
    NeuronMeter meter(dir.filePath(QStringLiteral("usage-today.json")));
    std::atomic<int> changed {0};
    connect(
        &meter, &NeuronMeter::changed, this, [&] { ++changed; }, Qt::DirectConnection);
    QList<QThread*> threads;
    for (int t = 0; t < 4; ++t) {
        threads << QThread::create([&meter, t] {
            for (int i = 0; i < 50; ++i)
                meter.record(QStringLiteral("@cf/m%1").arg(t), usage(1, 1), 0.5);
        });
        threads.last()->start();
    }
    for (QThread* thread : threads) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(changed.load(), 200);
    QCOMPARE(meter.usedToday(), 100.0);
    QCOMPARE(meter.today().requests(), 200);
    NeuronMeter reader(meter.filePath());
    QCOMPARE(reader.usedToday(), 100.0);
}

QTEST_GUILESS_MAIN(TestNeuronMeter)
#include "tst_neuronmeter.moc"
