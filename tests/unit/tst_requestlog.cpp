#include "server/RequestLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace flarechat;

// Key- and token-shaped strings below are made up for the tests and cannot be real credentials.
class TestRequestLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLine();
    void scrub_data();
    void scrub();
    void recordScrubsEverything();
    void headersAreRedacted();
    void writesJsonLines();
    void rotatesAtCap();
    void signalOnlyWithoutFile();
    void unwritableFileStillSignals();
    void concurrentWritersQueuedToGuiThread();
};

static RequestLogRecord sample(int i = 0)
{
    RequestLogRecord r;
    r.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    r.client = QStringLiteral("127.0.0.1:50123");
    r.method = "POST";
    r.path = QStringLiteral("/v1/chat/completions");
    r.model = QStringLiteral("llama-3.3-70b");
    r.status = 200;
    r.latencyMs = 1200 + i;
    r.ttftMs = 85;
    r.promptTokens = 12;
    r.completionTokens = 345;
    return r;
}

static QList<QJsonObject> readLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return {}; // a torn or malformed line fails the caller's comparison
        out.append(doc.object());
    }
    return out;
}

void TestRequestLog::jsonLine()
{
    RequestLogRecord r = sample();
    QJsonObject o = r.toJson();
    QCOMPARE(o.value(QLatin1String("time")).toString(), QStringLiteral("2026-01-02T03:04:05.678Z"));
    QCOMPARE(o.value(QLatin1String("client")).toString(), QStringLiteral("127.0.0.1:50123"));
    QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(o.value(QLatin1String("path")).toString(), QStringLiteral("/v1/chat/completions"));
    QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("llama-3.3-70b"));
    QCOMPARE(o.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(o.value(QLatin1String("latency_ms")).toInteger(), 1200);
    QCOMPARE(o.value(QLatin1String("ttft_ms")).toInteger(), 85);
    QCOMPARE(o.value(QLatin1String("prompt_tokens")).toInteger(), 12);
    QCOMPARE(o.value(QLatin1String("completion_tokens")).toInteger(), 345);
    QVERIFY(!o.contains(QLatin1String("error")));

    r.ttftMs = -1;
    r.model.clear();
    r.error = QStringLiteral("upstream timed out");
    o = r.toJson();
    QVERIFY(o.value(QLatin1String("ttft_ms")).isNull());
    QVERIFY(!o.contains(QLatin1String("model")));
    QCOMPARE(o.value(QLatin1String("error")).toString(), QStringLiteral("upstream timed out"));
}

void TestRequestLog::scrub_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::newRow("plain") << QStringLiteral("/v1/models") << QStringLiteral("/v1/models");
    QTest::newRow("local key") << QStringLiteral("bad key sk-flarechat-TESTTESTTESTTESTTESTTEST here")
                               << QStringLiteral("bad key [redacted] here");
    QTest::newRow("openai-style key") << QStringLiteral("sk-proj-TEST_test-TEST") << QStringLiteral("[redacted]");
    QTest::newRow("not a key: task-") << QStringLiteral("task-abcdefghij") << QStringLiteral("task-abcdefghij");
    QTest::newRow("short sk-") << QStringLiteral("sk-abc") << QStringLiteral("sk-abc");
    QTest::newRow("bearer") << QStringLiteral("got Authorization: Bearer TESTtokenTEST, refused")
                            << QStringLiteral("got Authorization: Bearer [redacted], refused");
    QTest::newRow("bearer case") << QStringLiteral("bearer\tTESTtoken") << QStringLiteral("bearer [redacted]");
    QTest::newRow("bearer encoded") << QStringLiteral("/x?h=Bearer%20TESTtoken")
                                    << QStringLiteral("/x?h=Bearer [redacted]");
    QTest::newRow("query key") << QStringLiteral("/v1/models?key=TESTvalue&x=1")
                               << QStringLiteral("/v1/models?key=[redacted]&x=1");
    QTest::newRow("query api_key") << QStringLiteral("/v1/models?a=1&api_key=TESTvalue")
                                   << QStringLiteral("/v1/models?a=1&api_key=[redacted]");
    QTest::newRow("query token") << QStringLiteral("/x?access_token=TESTvalue#f")
                                 << QStringLiteral("/x?access_token=[redacted]#f");
    QTest::newRow("not a key param") << QStringLiteral("/x?monkey=banana") << QStringLiteral("/x?monkey=banana");
}

void TestRequestLog::scrub()
{
    QFETCH(QString, input);
    QFETCH(QString, output);
    QCOMPARE(RequestLog::scrub(input), output);
}

void TestRequestLog::recordScrubsEverything()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    RequestLog log(path);
    QSignalSpy spy(&log, &RequestLog::recorded);
    RequestLogRecord r = sample();
    const QString secret = QStringLiteral("sk-flarechat-TESTONLYTESTONLYTESTONLY");
    r.path = QStringLiteral("/v1/models?key=") + secret;
    r.model = secret;
    r.client = QStringLiteral("Bearer ") + secret;
    r.error = QStringLiteral("Incorrect API key provided: ") + secret;
    r.status = 401;
    log.record(r);

    QCOMPARE(spy.count(), 1);
    const auto emitted = spy.at(0).at(0).value<RequestLogRecord>();
    for (const QString& field : {emitted.path, emitted.model, emitted.client, emitted.error}) {
        QVERIFY2(!field.contains(QLatin1String("TESTONLY")), qPrintable(field));
        QVERIFY2(field.contains(QLatin1String("[redacted]")), qPrintable(field));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray file = f.readAll();
    QVERIFY(!file.isEmpty());
    QVERIFY(!file.contains("TESTONLY"));
}

void TestRequestLog::writesJsonLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/dir/requests.jsonl")); // created on demand
    {
        RequestLog log(path);
        for (int i = 0; i < 3; ++i)
            log.record(sample(i));
        // Flushed per line: readable before the log is destroyed.
        QCOMPARE(readLines(path).size(), 3);
    }
    RequestLog again(path); // appends, never truncates
    again.record(sample(3));
    const QList<QJsonObject> lines = readLines(path);
    QCOMPARE(lines.size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(lines.at(i).value(QLatin1String("latency_ms")).toInteger(), 1200 + i);
}

void TestRequestLog::rotatesAtCap()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    const qint64 lineSize = QJsonDocument(sample(0).toJson()).toJson(QJsonDocument::Compact).size() + 1;
    const qint64 cap = lineSize * 10 + lineSize / 2; // ten lines fit, the eleventh rotates
    RequestLog log(path, cap);
    QCOMPARE(log.maxBytes(), cap);
    for (int i = 0; i < 25; ++i) {
        log.record(sample(i));
        QVERIFY(QFileInfo(path).size() <= cap);
    }
    // 25 = 10 rotated away twice (the first ten are gone), 10 in .1, 5 live.
    const QList<QJsonObject> old = readLines(path + QStringLiteral(".1"));
    const QList<QJsonObject> live = readLines(path);
    QCOMPARE(old.size(), 10);
    QCOMPARE(live.size(), 5);
    QCOMPARE(old.first().value(QLatin1String("latency_ms")).toInteger(), 1210);
    QCOMPARE(live.first().value(QLatin1String("latency_ms")).toInteger(), 1220);
    QCOMPARE(live.last().value(QLatin1String("latency_ms")).toInteger(), 1224);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".2")));
}

void TestRequestLog::signalOnlyWithoutFile()
{
    RequestLog log;
    QSignalSpy spy(&log, &RequestLog::recorded);
    log.record(sample());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<RequestLogRecord>().status, 200);
}

void TestRequestLog::unwritableFileStillSignals()
{
    QTemporaryDir dir;
    // The "directory" of the log file is a regular file: opening must fail, quietly after once.
    QFile blocker(dir.filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    RequestLog log(dir.filePath(QStringLiteral("blocker/requests.jsonl")));
    QSignalSpy spy(&log, &RequestLog::recorded);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot write the request log")));
    log.record(sample(0));
    log.record(sample(1)); // no second warning: an unexpected one would fail the test
    QCOMPARE(spy.count(), 2);
}

namespace {
class Writer final : public QThread
{
public:
    Writer(RequestLog* log, int base)
        : m_log(log)
        , m_base(base)
    {
    }
    void run() override
    {
        for (int i = 0; i < 250; ++i)
            m_log->record(sample(m_base + i));
    }

private:
    RequestLog* m_log;
    int m_base;
};
} // namespace

void TestRequestLog::concurrentWritersQueuedToGuiThread()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    RequestLog log(path);
    QObject receiver; // lives in this (the "GUI") thread: deliveries from writers are queued
    int received = 0;
    bool allOnGuiThread = true;
    connect(&log, &RequestLog::recorded, &receiver, [&](const RequestLogRecord& r) {
        allOnGuiThread = allOnGuiThread && QThread::currentThread() == receiver.thread();
        received += r.status == 200 ? 1 : 0;
    });
    std::vector<std::unique_ptr<Writer>> writers;
    for (int w = 0; w < 4; ++w) {
        writers.push_back(std::make_unique<Writer>(&log, w * 1000));
        writers.back()->start();
    }
    for (auto& w : writers)
        QVERIFY(w->wait(30000));
    QTRY_COMPARE(received, 1000);
    QVERIFY(allOnGuiThread);
    const QList<QJsonObject> lines = readLines(path); // empty if any line was torn
    QCOMPARE(lines.size(), 1000);
    QSet<qint64> latencies;
    for (const QJsonObject& o : lines)
        latencies.insert(o.value(QLatin1String("latency_ms")).toInteger());
    QCOMPARE(latencies.size(), 1000);
}

// The window shows a request's headers; no credential in them gets there, and none reaches the file.
void TestRequestLog::headersAreRedacted()
{
    const QByteArray key = "sk-flarechat-testkeyforintegrationtests000000000000";
    RequestLogRecord r = sample();
    r.headers = {{"authorization", "Bearer " + key}, {"x-api-key", key}, {"Cookie", "session=abc"},
        {"user-agent", "OpenAI/Python 1.99.0"}, {"x-note", "key " + key}};
    QTemporaryDir dir;
    RequestLog log(dir.filePath(QStringLiteral("requests.log")));
    QSignalSpy recorded(&log, &RequestLog::recorded);
    log.record(r);
    QCOMPARE(recorded.count(), 1);
    const auto clean = recorded.at(0).at(0).value<RequestLogRecord>();
    QCOMPARE(clean.headers.size(), 5);
    QCOMPARE(clean.headers.at(0).second, QByteArray("Bearer [redacted]"));
    QCOMPARE(clean.headers.at(1).second, QByteArray("[redacted]"));
    QCOMPARE(clean.headers.at(2).second, QByteArray("[redacted]"));
    QCOMPARE(clean.headers.at(3).second, QByteArray("OpenAI/Python 1.99.0"));
    QVERIFY(!clean.headers.at(4).second.contains(key));
    QFile file(log.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(!written.contains(key));
    QVERIFY(!written.contains("session=abc"));
}

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
