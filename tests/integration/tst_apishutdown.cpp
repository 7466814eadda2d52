// A clean shutdown of the local API server, over real sockets against the fake Workers AI: first
// through ApiServer::shutdown() in this process, then through the `flarechat serve` binary and
// its signals. New connections are refused at once, idle ones closed; a stream in flight either
// finishes within the grace period or gets an error event, [DONE] and its last chunk; a request
// still waiting gets a 503; the upstream requests are cancelled; the process exits 0.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "HttpRawClient.h"
#include "server/ApiServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;
using flarechat::test::HttpRawClient;
using flarechat::test::HttpRawResponse;
using flarechat::test::ServeProcess;

namespace {

const char* const kKey = "sk-flarechat-testkeyforshutdowntests0000000000000000";

QByteArray chatBody(const QString& text, bool stream)
{
    const QJsonObject body {{QStringLiteral("model"), QStringLiteral("gemma-3")}, {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray post(const QByteArray& path, const QByteArray& body)
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + QByteArray(kKey)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

// Many words: at the fake's token delay the stream lasts far longer than any test.
QString longText()
{
    QStringList words;
    for (int i = 0; i < 200; ++i)
        words << QStringLiteral("word%1").arg(i);
    return words.join(QLatin1Char(' '));
}

bool acceptsConnections(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

bool sawContent(const HttpRawClient& client)
{
    return client.received().contains("\"content\":\"You");
}

// The error event and [DONE] at the end of a stream, and its terminating chunk.
void checkEndedByShutdown(const HttpRawClient& client)
{
    const QList<HttpRawResponse> responses = client.responses();
    QCOMPARE(responses.size(), 1);
    const HttpRawResponse& r = responses.first();
    QCOMPARE(r.status, 200);
    QVERIFY2(r.complete, "no terminating chunk");
    const QList<QByteArray> events = r.events();
    QVERIFY(events.size() >= 3);
    QCOMPARE(events.last(), QByteArray("[DONE]"));
    const QJsonObject error
        = QJsonDocument::fromJson(events.at(events.size() - 2)).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("server_error"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("The server is shutting down."));
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("server_shutting_down"));
    for (qsizetype i = 0; i + 2 < events.size(); ++i)
        QVERIFY2(!events.at(i).contains("\"error\""), events.at(i).constData());
}

// A stream that ran to its end: the finish chunk, then [DONE]; no error event.
void checkFinished(const HttpRawClient& client)
{
    const QList<HttpRawResponse> responses = client.responses();
    QCOMPARE(responses.size(), 1);
    const HttpRawResponse& r = responses.first();
    QCOMPARE(r.status, 200);
    QVERIFY(r.complete);
    const QList<QByteArray> events = r.events();
    QVERIFY(events.size() >= 3);
    QCOMPARE(events.last(), QByteArray("[DONE]"));
    const QJsonObject last = QJsonDocument::fromJson(events.at(events.size() - 2)).object();
    QCOMPARE(last.value(QLatin1String("choices"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("finish_reason"))
                 .toString(),
        QStringLiteral("stop"));
    QVERIFY(!r.body.contains("\"error\""));
}

} // namespace

class TestApiShutdown final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamFinishesWithinGrace();
    void streamEndedAfterGrace();
    void waitingRequestGets503_data();
    void waitingRequestGets503();
    void idleKeepAliveClosedAtOnce();
    void halfReceivedRequestGets503();
    void shutdownNowEndsStreamsAtOnce();
    void nothingOpenStopsAtOnce();

    void serveSigtermEndsStreamAfterGrace();
    void serveSigtermLetsStreamFinish();
    void serveSecondSigintStopsNow();
    void serveRejectsBadGrace();

private:
    bool startServer();
    QString binary() const;
    bool startServe(ServeProcess* serve, const QStringList& extra);

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestApiShutdown::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestApiShutdown::cleanup()
{
    m_server.reset();
    m_fake.reset();
    m_dir.reset();
}

bool TestApiShutdown::startServer()
{
    ApiServer::Config c;
    c.http.address = QHostAddress(QHostAddress::LocalHost);
    c.http.port = 0;
    c.access.requireKey = true;
    c.keys = ApiKeyVerifier(QStringList {QString::fromLatin1(kKey)});
    c.engine.endpoint = m_fake->endpoint();
    c.engine.client.maxRetries = 0;
    m_server = std::make_unique<ApiServer>();
    QString error;
    if (!m_server->start(c, &error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

void TestApiShutdown::streamFinishesWithinGrace()
{
    QVERIFY(startServer());
    m_fake->setTokenDelayMs(40);
    HttpRawClient client(m_server->port());
    client.send(post("/v1/chat/completions", chatBody(QStringLiteral("a short reply of some words"), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(client), 10000);

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    m_server->shutdown(20000);
    const quint16 port = m_server->port();
    QTRY_VERIFY_WITH_TIMEOUT(!acceptsConnections(port), 5000); // at once, while the stream goes on
    QVERIFY(!client.isClosed());

    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 15000); // when the stream is done, long before the grace period ends
    QVERIFY(!m_server->isRunning());
    QTRY_VERIFY(client.isClosed());
    checkFinished(client);
    QCOMPARE(m_fake->abortedByClient(), 0);
}

void TestApiShutdown::streamEndedAfterGrace()
{
    QVERIFY(startServer());
    m_fake->setTokenDelayMs(100);
    HttpRawClient client(m_server->port());
    client.send(post("/v1/chat/completions", chatBody(longText(), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(client), 10000);

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    QElapsedTimer clock;
    clock.start();
    m_server->shutdown(400);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10000);
    QVERIFY2(clock.elapsed() >= 350, qPrintable(QString::number(clock.elapsed()))); // the grace period was given
    QTRY_VERIFY(client.isClosed());
    checkEndedByShutdown(client);
    // The upstream request was cancelled, not left running.
    QTRY_COMPARE(m_fake->inFlightRequests(), 0);
    QCOMPARE(m_fake->abortedByClient(), 1);
}

void TestApiShutdown::waitingRequestGets503_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("chat, not streamed") << QByteArray("/v1/chat/completions") << chatBody(QStringLiteral("hi"), false);
    QTest::newRow("chat, stream not started")
        << QByteArray("/v1/chat/completions") << chatBody(QStringLiteral("hi"), true);
    QTest::newRow("embeddings") << QByteArray("/v1/embeddings")
                                << QByteArray(R"({"model":"bge-m3","input":"hello there"})");
}

void TestApiShutdown::waitingRequestGets503()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QVERIFY(startServer());
    m_fake->enqueueForPath(QStringLiteral("/"), FakeWorkersAi::hangingReply());
    QSignalSpy received(m_fake.get(), &FakeWorkersAi::requestReceived);
    HttpRawClient client(m_server->port());
    client.send(post(path, body));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 10000);

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    m_server->shutdown(300);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 10000);
    QTRY_VERIFY(client.isClosed());
    const QList<HttpRawResponse> responses = client.responses();
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 503);
    QVERIFY(responses.first().complete);
    QCOMPARE(responses.first().header("Connection"), QByteArray("close"));
    const QJsonObject error = responses.first().json().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("server_error"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("The server is shutting down."));
    QTRY_COMPARE(m_fake->inFlightRequests(), 0); // upstream cancelled
}

void TestApiShutdown::idleKeepAliveClosedAtOnce()
{
    QVERIFY(startServer());
    HttpRawClient client(m_server->port());
    client.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_COMPARE(client.responses().size(), 1);
    QVERIFY(client.responses().first().complete);
    QVERIFY(!client.isClosed()); // kept alive

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    QElapsedTimer clock;
    clock.start();
    m_server->shutdown(20000);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed()))); // no grace needed
    QCOMPARE(client.responses().size(), 1);
}

void TestApiShutdown::halfReceivedRequestGets503()
{
    QVERIFY(startServer());
    HttpRawClient client(m_server->port());
    // The server's "100 Continue" shows it has the head and waits for the body.
    client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                "Expect: 100-continue\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 5000);
    QCOMPARE(client.responses().first().status, 100);

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    m_server->shutdown(20000);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    const QList<HttpRawResponse> responses = client.responses();
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(1).status, 503);
    QCOMPARE(responses.at(1).header("Connection"), QByteArray("close"));
    QVERIFY(responses.at(1)
                .json()
                .value(QLatin1String("error"))
                .toObject()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("shutting down")));
}

void TestApiShutdown::shutdownNowEndsStreamsAtOnce()
{
    QVERIFY(startServer());
    m_fake->setTokenDelayMs(100);
    HttpRawClient first(m_server->port());
    HttpRawClient second(m_server->port());
    first.send(post("/v1/chat/completions", chatBody(longText(), true)));
    second.send(post("/v1/chat/completions", chatBody(longText(), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(first) && sawContent(second), 10000);

    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    QElapsedTimer clock;
    clock.start();
    m_server->shutdown(60000);
    m_server->shutdownNow(); // a second Ctrl+C
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QTRY_VERIFY(first.isClosed() && second.isClosed());
    checkEndedByShutdown(first);
    checkEndedByShutdown(second);
    QTRY_COMPARE(m_fake->inFlightRequests(), 0);
}

void TestApiShutdown::nothingOpenStopsAtOnce()
{
    QVERIFY(startServer());
    QSignalSpy stopped(m_server.get(), &ApiServer::stopped);
    m_server->shutdown(60000);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QVERIFY(!m_server->isRunning());
    QCOMPARE(stopped.count(), 1);
    m_server->shutdown(); // nothing left to stop: no second signal, no crash
    QVERIFY(m_server->stop());
    QCOMPARE(stopped.count(), 1);
}

// --- the `flarechat serve` binary ---

QString TestApiShutdown::binary() const
{
    return flarechat::test::flarechatBinary();
}

bool TestApiShutdown::startServe(ServeProcess* serve, const QStringList& extra)
{
    const QStringList args
        = flarechat::test::serveTestArgs(m_fake->baseUrl().toString(), m_dir->path(), QString::fromLatin1(kKey))
        + extra;
    if (!serve->start(args)) {
        qWarning().noquote() << "flarechat serve did not start:" << serve->stdErr();
        return false;
    }
    return true;
}

static QProcessEnvironment serveEnvironment(const QString& home, const FakeWorkersAi& fake)
{
    QProcessEnvironment env = flarechat::test::cliEnvironment(home);
    env.insert(QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), fake.accountId());
    env.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QString::fromLatin1(fake.apiToken()));
    return env;
}

void TestApiShutdown::serveSigtermEndsStreamAfterGrace()
{
    if (binary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    ServeProcess serve(binary(), serveEnvironment(m_dir->path(), *m_fake));
    QVERIFY(startServe(&serve, {QStringLiteral("--shutdown-grace"), QStringLiteral("0.5")}));
    m_fake->setTokenDelayMs(100);
    HttpRawClient client(serve.port());
    client.send(post("/v1/chat/completions", chatBody(longText(), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(client), 10000);

    serve.sendSignal(SIGTERM);
    QVERIFY2(serve.waitForExit(15000), serve.stdErr().constData());
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QVERIFY2(serve.exitCode() == 0, serve.stdErr().constData());
    QVERIFY(serve.stdErr().contains("shutting down"));
    QTRY_VERIFY(client.isClosed());
    checkEndedByShutdown(client);
    QTRY_COMPARE(m_fake->inFlightRequests(), 0);
}

void TestApiShutdown::serveSigtermLetsStreamFinish()
{
    if (binary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    ServeProcess serve(binary(), serveEnvironment(m_dir->path(), *m_fake));
    QVERIFY(startServe(&serve, {})); // the default grace period, 10 s
    m_fake->setTokenDelayMs(40);
    HttpRawClient client(serve.port());
    client.send(post("/v1/chat/completions", chatBody(QStringLiteral("a short reply of some words"), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(client), 10000);

    serve.sendSignal(SIGTERM);
    QVERIFY2(serve.waitForExit(15000), serve.stdErr().constData());
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    QTRY_VERIFY(client.isClosed());
    checkFinished(client);
    QCOMPARE(m_fake->abortedByClient(), 0);
}

void TestApiShutdown::serveSecondSigintStopsNow()
{
    if (binary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    ServeProcess serve(binary(), serveEnvironment(m_dir->path(), *m_fake));
    QVERIFY(startServe(&serve, {QStringLiteral("--shutdown-grace"), QStringLiteral("120")}));
    m_fake->setTokenDelayMs(100);
    HttpRawClient client(serve.port());
    client.send(post("/v1/chat/completions", chatBody(longText(), true)));
    QTRY_VERIFY_WITH_TIMEOUT(sawContent(client), 10000);

    serve.sendSignal(SIGINT);
    QTRY_VERIFY_WITH_TIMEOUT(serve.stdErr().contains("shutting down"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!acceptsConnections(serve.port()), 5000);
    QVERIFY(serve.isRunning()); // the stream still runs: 120 s of grace
    QVERIFY(!client.isClosed());

    QElapsedTimer clock;
    clock.start();
    serve.sendSignal(SIGINT);
    QVERIFY2(serve.waitForExit(10000), serve.stdErr().constData());
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    QTRY_VERIFY(client.isClosed());
    checkEndedByShutdown(client);
}

void TestApiShutdown::serveRejectsBadGrace()
{
    if (binary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    const auto r = flarechat::test::runCli(binary(),
        {QStringLiteral("serve"), QStringLiteral("--no-keychain"), QStringLiteral("--shutdown-grace"),
            QStringLiteral("soon"), QStringLiteral("--settings"), m_dir->filePath(QStringLiteral("settings.ini"))},
        serveEnvironment(m_dir->path(), *m_fake));
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--shutdown-grace"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestApiShutdown)
#include "tst_apishutdown.moc"
