// The spent free daily allocation end to end (reference §6, §7), over real sockets: a Free-plan
// account of the fake Workers AI with today's allocation used up; a window-side Engine configured
// by EngineConfig and an ApiServer started from ServerConfig in this one process, as the window runs
// them. Once Workers AI said 3036/4006, both fail fast with the same insufficient_quota error
// without reaching it, except one probe a minute (on the process QuotaState's injected clock).
#include "FakeWorkersAi.h"
#include "OpenAiTestClient.h"
#include "config/Credentials.h"
#include "config/EngineConfig.h"
#include "config/ServerConfig.h"
#include "engine/EmbeddingJob.h"
#include "engine/Engine.h"
#include "server/ApiServer.h"
#include "storage/Settings.h"
#include "workersai/CompletionJob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

namespace {

const char* const kKey = "sk-flarechat-testkeyforintegrationtests000000000000";
const QString kChatModel = QStringLiteral("llama-3.3-70b"); // free, not deprecated
const QString kEmbeddingModel = QStringLiteral("bge-m3");

QDateTime utc(int day, int h, int m, int s = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(h, m, s), QTimeZone::utc());
}

using HttpReply = flarechat::test::ApiReply;

// How one of the window engine's requests ended.
struct Outcome
{
    bool started = false; // the engine made a job (else: refused at once, in error)
    bool finished = false;
    ApiError error;
    QString content;
};

} // namespace

// The helpers' QVERIFYs end only the helper: stop the test there too.
#define HELD(...)                                                                                                      \
    do {                                                                                                               \
        verifyHeld(__VA_ARGS__);                                                                                       \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)
#define FROM_THE_FAKE(...)                                                                                             \
    do {                                                                                                               \
        verifyFromTheFake(__VA_ARGS__);                                                                                \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)
#define SPEND()                                                                                                        \
    do {                                                                                                               \
        spendFromTheFake();                                                                                            \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

class TestQuota final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyQuotaReplyHoldsTheAccount_data();
    void everyQuotaReplyHoldsTheAccount();
    void heldUntilAProbeSeesTheUpgrade();
    void onlyOneProbeAtATime();
    void aStreamedProbeClearsAtItsFirstToken();
    void midnightReleasesTheAccount();
    void embeddingsAreHeldAndTeach();
    void anotherAccountIsNotHeld();

private:
    // The window's side: an Engine configured as MainWindow does.
    Outcome chat(const QString& text);
    Outcome embed(const QString& text);
    // The API side, through the ApiServer's engine on its thread.
    HttpReply post(const QString& path, const QJsonObject& body);
    HttpReply apiChat(const QString& text, bool stream = false);
    HttpReply apiEmbed(const QString& text);
    // The first request: the fake answers 429 insufficient_quota and the account is held.
    void spendFromTheFake();
    void setNow(const QDateTime& now);
    void advance(int seconds) { setNow(now().addSecs(seconds)); }
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(m_nowMs.load(), QTimeZone::utc()); }
    int reachedFake() const { return m_fake->requests().size(); }
    // Held by FlareChat: 429 insufficient_quota in OpenAI's shape, the reset time on the injected
    // clock, Retry-After counting down to it.
    void verifyHeld(const HttpReply& r, int retryAfter, const char* what);
    // Workers AI's own 429 passed on. (Its reset time and Retry-After are on the real clock:
    // CompletionJob maps replies with the current time; only QuotaState's clock is injected.)
    void verifyFromTheFake(const HttpReply& r, const char* what);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ApiServer> m_server;
    std::shared_ptr<QuotaState> m_quota;
    std::atomic<qint64> m_nowMs {0}; // read by the server thread's engine too
    flarechat::test::OpenAiTestClient m_client {kKey};
};

void TestQuota::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestQuota::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));

    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_fake->setFreePlan(true);
    m_quota = EngineConfig::quota();
    m_quota->clear(); // one process-wide state: nothing left from the previous test
    m_quota->setClock([this] { return now(); });
    setNow(utc(1, 12, 0));
    m_fake->setNeuronsUsedToday(m_fake->dailyFreeNeurons()); // today's allocation is used up

    Credentials::Overrides cli;
    cli.accountId = m_fake->accountId();
    cli.apiToken = QString::fromLatin1(m_fake->apiToken());
    cli.apiBase = m_fake->baseUrl().toString();
    cli.apiKeys = QStringList {QString::fromLatin1(kKey)};
    const Credentials credentials = Credentials::resolve(cli, QProcessEnvironment(), *m_settings, {});
    QVERIFY2(credentials.isUsable(), qPrintable(credentials.problems().join(QLatin1Char(' '))));

    m_engine = std::make_unique<Engine>();
    m_engine->configure(EngineConfig::build(*m_settings, credentials));
    QCOMPARE(m_engine->quota(), m_quota);

    ServerConfig::Overrides overrides;
    overrides.bind = QStringLiteral("127.0.0.1");
    overrides.port = 0;
    overrides.logPath = m_dir->filePath(QStringLiteral("requests.log"));
    ApiServer::Config config;
    QString error;
    QVERIFY2(ServerConfig::build(*m_settings, credentials, overrides, &config, &error), qPrintable(error));
    QCOMPARE(config.engine.quota, m_quota); // the same state as the window's engine
    m_server = std::make_unique<ApiServer>();
    QVERIFY2(m_server->start(config, &error), qPrintable(error));
}

void TestQuota::cleanup()
{
    m_server.reset();
    m_engine.reset();
    m_fake.reset();
    m_quota->setClock({});
    m_quota->clear();
    m_quota.reset();
}

void TestQuota::setNow(const QDateTime& when)
{
    m_nowMs = when.toMSecsSinceEpoch();
    m_fake->setNow(when); // the fake's UTC day follows, so its allocation resets at the same midnight
}

Outcome TestQuota::chat(const QString& text)
{
    ChatRequest request;
    request.model = kChatModel;
    request.messages << ChatMessage::user(text);
    ApiError error;
    CompletionJob* job = m_engine->chat(request, &error);
    if (!job)
        return Outcome {false, false, error, {}};
    // Shared with the handlers, which may outlive this call should the wait time out.
    auto o = std::make_shared<Outcome>();
    o->started = true;
    auto done = std::make_shared<bool>(false);
    connect(job, &CompletionJob::finished, this, [o, done](const ChatResult& r) {
        o->finished = true;
        o->content = r.content;
        *done = true;
    });
    connect(job, &CompletionJob::failed, this, [o, done](const ApiError& e) {
        o->error = e;
        *done = true;
    });
    if (!QTest::qWaitFor([done] { return *done; }, 10000))
        job->cancel();
    job->deleteLater();
    return *o;
}

Outcome TestQuota::embed(const QString& text)
{
    ApiError error;
    EmbeddingJob* job = m_engine->embed(kEmbeddingModel, {text}, &error);
    if (!job)
        return Outcome {false, false, error, {}};
    auto o = std::make_shared<Outcome>();
    o->started = true;
    auto done = std::make_shared<bool>(false);
    connect(job, &EmbeddingJob::finished, this, [o, done] {
        o->finished = true;
        *done = true;
    });
    connect(job, &EmbeddingJob::failed, this, [o, done](const ApiError& e) {
        o->error = e;
        *done = true;
    });
    if (!QTest::qWaitFor([done] { return *done; }, 10000))
        job->cancel();
    job->deleteLater();
    return *o;
}

HttpReply TestQuota::post(const QString& path, const QJsonObject& body)
{
    m_client.setPort(m_server->port());
    return m_client.post(path, body);
}

HttpReply TestQuota::apiChat(const QString& text, bool stream)
{
    return post(QStringLiteral("/v1/chat/completions"),
        QJsonObject {{QStringLiteral("model"), kChatModel},
            {QStringLiteral("messages"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}},
            {QStringLiteral("stream"), stream}});
}

HttpReply TestQuota::apiEmbed(const QString& text)
{
    return post(QStringLiteral("/v1/embeddings"),
        QJsonObject {{QStringLiteral("model"), kEmbeddingModel}, {QStringLiteral("input"), text}});
}

void TestQuota::spendFromTheFake()
{
    const int before = reachedFake();
    const Outcome first = chat(QStringLiteral("hello"));
    QVERIFY(first.started);
    QCOMPARE(reachedFake(), before + 1);
    QCOMPARE(first.error.httpStatus, 429);
    QCOMPARE(first.error.type, QString(ErrorType::InsufficientQuota));
    QVERIFY(m_quota->isSpent(m_fake->accountId()));
    QCOMPARE(m_quota->resetAt(m_fake->accountId()), utc(2, 0, 0));
}

void TestQuota::verifyHeld(const HttpReply& r, int retryAfter, const char* what)
{
    QVERIFY2(r.status == 429, what);
    const QJsonObject e = r.error();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QString(ErrorType::InsufficientQuota));
    QCOMPARE(e.value(QStringLiteral("code")).toString(), QString(ErrorCode::InsufficientQuota));
    QVERIFY(e.contains(QStringLiteral("param")));
    const QString message = e.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("2026-12-02T00:00:00Z")), qPrintable(message));
    QCOMPARE(r.headers.value("retry-after"), QByteArray::number(retryAfter));
}

void TestQuota::verifyFromTheFake(const HttpReply& r, const char* what)
{
    QVERIFY2(r.status == 429, what);
    const QJsonObject e = r.error();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QString(ErrorType::InsufficientQuota));
    const QString message = e.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QLatin1String("daily free allocation")), qPrintable(message)); // Cloudflare's words
    QVERIFY2(!message.contains(QLatin1String("did not send")), qPrintable(message));
    QVERIFY(r.headers.value("retry-after").toInt() > 0);
}

void TestQuota::everyQuotaReplyHoldsTheAccount_data()
{
    QTest::addColumn<int>("reply");
    QTest::newRow("3036") << int(FakeWorkersAi::QuotaReply::Code3036);
    QTest::newRow("4006") << int(FakeWorkersAi::QuotaReply::Code4006);
    QTest::newRow("text only") << int(FakeWorkersAi::QuotaReply::TextOnly);
}

void TestQuota::everyQuotaReplyHoldsTheAccount()
{
    QFETCH(int, reply);
    m_fake->setQuotaReply(static_cast<FakeWorkersAi::QuotaReply>(reply));
    SPEND();
    const int reached = reachedFake();
    const Outcome held = chat(QStringLiteral("again"));
    QVERIFY(!held.started); // refused like any early failure: no job, the error at once
    QCOMPARE(held.error.httpStatus, 429);
    QCOMPARE(held.error.type, QString(ErrorType::InsufficientQuota));
    QCOMPARE(held.error.code, QString(ErrorCode::InsufficientQuota));
    QCOMPARE(held.error.retryAfterSeconds, 12 * 3600);
    QVERIFY2(held.error.message.contains(QLatin1String("2026-12-02T00:00:00Z")), qPrintable(held.error.message));
    HELD(apiChat(QStringLiteral("and from the API")), 12 * 3600, "API chat held");
    QCOMPARE(reachedFake(), reached);
}

void TestQuota::heldUntilAProbeSeesTheUpgrade()
{
    SPEND();
    const int reached = reachedFake();

    // Every face fails fast, without reaching Workers AI, with the same error and Retry-After.
    const Outcome window = chat(QStringLiteral("window"));
    QVERIFY(!window.started);
    QCOMPARE(window.error.retryAfterSeconds, 12 * 3600);
    HELD(apiChat(QStringLiteral("api")), 12 * 3600, "chat");
    HELD(apiChat(QStringLiteral("api stream"), true), 12 * 3600, "streamed chat: an HTTP error, no stream");
    HELD(apiEmbed(QStringLiteral("vector")), 12 * 3600, "embeddings");
    HELD(post(QStringLiteral("/v1/completions"),
             QJsonObject {{QStringLiteral("model"), kChatModel}, {QStringLiteral("prompt"), QStringLiteral("x")}}),
        12 * 3600, "legacy completions");
    QCOMPARE(reachedFake(), reached);

    // 59 s later: still held, the wait counted down.
    advance(59);
    HELD(apiChat(QStringLiteral("not yet")), 12 * 3600 - 59, "before the minute");
    QCOMPARE(reachedFake(), reached);

    // A minute after the quota error: one probe reaches Workers AI, which still says 3036.
    advance(1);
    const HttpReply probe = apiChat(QStringLiteral("probe"));
    QCOMPARE(reachedFake(), reached + 1);
    FROM_THE_FAKE(probe, "the probe's own answer");
    HELD(apiChat(QStringLiteral("right after the probe")), 12 * 3600 - 60, "after the probe");
    QVERIFY(!chat(QStringLiteral("window, after the probe")).started);
    QCOMPARE(reachedFake(), reached + 1);

    // The account is upgraded to Workers Paid; the next minute's probe (from the window) notices.
    m_fake->setPaidPlan(true);
    advance(59);
    QVERIFY(!chat(QStringLiteral("not yet")).started);
    QCOMPARE(reachedFake(), reached + 1);
    advance(1);
    const Outcome upgraded = chat(QStringLiteral("upgraded?"));
    QVERIFY(upgraded.started);
    QVERIFY2(upgraded.finished, qPrintable(upgraded.error.message));
    QCOMPARE(upgraded.content, QStringLiteral("You said: upgraded?"));
    QCOMPARE(reachedFake(), reached + 2);
    QVERIFY(!m_quota->isSpent(m_fake->accountId()));

    // Requests flow again, on both engines, at once.
    const HttpReply flowing = apiChat(QStringLiteral("flowing"));
    QCOMPARE(flowing.status, 200);
    QCOMPARE(apiChat(QStringLiteral("streaming"), true).status, 200);
    QCOMPARE(apiEmbed(QStringLiteral("vector")).status, 200);
    QVERIFY(chat(QStringLiteral("window again")).finished);
    QVERIFY(embed(QStringLiteral("window vector")).finished);
    QCOMPARE(reachedFake(), reached + 7);
}

void TestQuota::onlyOneProbeAtATime()
{
    SPEND();
    const int reached = reachedFake();
    advance(60);
    // The window's probe hangs: Workers AI is slow to answer it.
    m_fake->enqueue(FakeWorkersAi::hangingReply());
    ChatRequest request;
    request.model = kChatModel;
    request.messages << ChatMessage::user(QStringLiteral("slow probe"));
    ApiError error;
    CompletionJob* probe = m_engine->chat(request, &error);
    QVERIFY2(probe, qPrintable(error.message));
    QTRY_COMPARE(reachedFake(), reached + 1);
    // Meanwhile nothing else goes out, not even minutes later.
    HELD(apiChat(QStringLiteral("while probing")), 12 * 3600 - 60, "while the probe runs");
    advance(120);
    HELD(apiEmbed(QStringLiteral("still probing")), 12 * 3600 - 180, "a later minute, the probe still runs");
    QVERIFY(!chat(QStringLiteral("window, still probing")).started);
    QCOMPARE(reachedFake(), reached + 1);
    // The probe is deleted without an outcome (no cancel(), no signal): it taught nothing, and its
    // place is free again. Its minute is over, so the next request is the next probe.
    delete probe;
    QVERIFY(m_quota->isSpent(m_fake->accountId()));
    FROM_THE_FAKE(apiChat(QStringLiteral("next probe")), "the next probe (still the Free plan)");
    QCOMPARE(reachedFake(), reached + 2);
    HELD(apiChat(QStringLiteral("after it")), 12 * 3600 - 180, "after the next probe");
    QCOMPARE(reachedFake(), reached + 2);
}

void TestQuota::aStreamedProbeClearsAtItsFirstToken()
{
    // A probe that streams a long reply: its first token proves the upgrade, so the other
    // requests need not wait for its end.
    SPEND();
    const int reached = reachedFake();
    m_fake->setPaidPlan(true);
    m_fake->setTokenDelayMs(50);
    advance(60);
    ChatRequest request;
    request.model = kChatModel;
    request.stream = true;
    QStringList words;
    for (int i = 0; i < 60; ++i)
        words << QStringLiteral("word%1").arg(i);
    request.messages << ChatMessage::user(words.join(QLatin1Char(' '))); // 62 tokens: 3 s at 50 ms each
    ApiError error;
    CompletionJob* probe = m_engine->chat(request, &error);
    QVERIFY2(probe, qPrintable(error.message));
    QSignalSpy deltas(probe, &CompletionJob::delta);
    QSignalSpy finished(probe, &CompletionJob::finished);
    QVERIFY(deltas.wait(10000));
    QVERIFY(!m_quota->isSpent(m_fake->accountId()));
    QCOMPARE(apiChat(QStringLiteral("meanwhile")).status, 200); // 3 tokens: 0.15 s
    QCOMPARE(finished.count(), 0); // the probe is still streaming
    QCOMPARE(reachedFake(), reached + 2);
    QVERIFY(finished.wait(20000));
    delete probe;
}

void TestQuota::midnightReleasesTheAccount()
{
    SPEND();
    const int reached = reachedFake();
    setNow(utc(1, 23, 59, 59));
    const Outcome probe = chat(QStringLiteral("a second to go")); // this minute's probe: still spent
    QVERIFY(probe.started);
    QCOMPARE(probe.error.type, QString(ErrorType::InsufficientQuota));
    HELD(apiChat(QStringLiteral("a second to go")), 1, "one second before midnight");
    QCOMPARE(reachedFake(), reached + 1);
    // 00:00 UTC: a new allocation, on the fake's clock as on FlareChat's.
    setNow(utc(2, 0, 0));
    QVERIFY(!m_quota->isSpent(m_fake->accountId()));
    QCOMPARE(apiChat(QStringLiteral("new day")).status, 200);
    QCOMPARE(apiEmbed(QStringLiteral("new day")).status, 200);
    QVERIFY(chat(QStringLiteral("new day")).finished);
    QCOMPARE(reachedFake(), reached + 4);
}

void TestQuota::embeddingsAreHeldAndTeach()
{
    // An embeddings request meets the spent allocation first; chat is held by what it taught.
    const int before = reachedFake();
    const HttpReply first = apiEmbed(QStringLiteral("vector"));
    QCOMPARE(first.status, 429);
    QCOMPARE(first.error().value(QStringLiteral("type")).toString(), QString(ErrorType::InsufficientQuota));
    QCOMPARE(reachedFake(), before + 1);
    QTRY_VERIFY(m_quota->isSpent(m_fake->accountId())); // learnt on the server thread
    const Outcome window = chat(QStringLiteral("window"));
    QVERIFY(!window.started);
    QCOMPARE(window.error.type, QString(ErrorType::InsufficientQuota));
    const Outcome vector = embed(QStringLiteral("window vector"));
    QVERIFY(!vector.started);
    QCOMPARE(vector.error.retryAfterSeconds, 12 * 3600);
    HELD(apiEmbed(QStringLiteral("again")), 12 * 3600, "embeddings held");
    QCOMPARE(reachedFake(), before + 1);
    // An embeddings probe that succeeds clears the account too.
    m_fake->setPaidPlan(true);
    advance(60);
    QCOMPARE(apiEmbed(QStringLiteral("probe")).status, 200);
    QVERIFY(!m_quota->isSpent(m_fake->accountId()));
    QVERIFY(chat(QStringLiteral("flowing")).finished);
    QCOMPARE(reachedFake(), before + 3);
}

void TestQuota::anotherAccountIsNotHeld()
{
    SPEND();
    const int reached = reachedFake();
    // Another Cloudflare account has an allocation of its own: its request goes out (the fake
    // knows only its own account and answers 7003, which teaches nothing about quotas).
    Endpoint other = m_engine->endpoint();
    other.accountId = QStringLiteral("fedcba9876543210fedcba9876543210");
    Engine engine;
    engine.configure(EngineConfig::build(*m_settings, other));
    ChatRequest request;
    request.model = kChatModel;
    request.messages << ChatMessage::user(QStringLiteral("other account"));
    ApiError error;
    CompletionJob* job = engine.chat(request, &error);
    QVERIFY2(job, qPrintable(error.message));
    ApiError failed;
    connect(job, &CompletionJob::failed, this, [&failed](const ApiError& e) { failed = e; });
    QTRY_VERIFY_WITH_TIMEOUT(failed.isValid(), 10000);
    QCOMPARE(failed.code, QString(ErrorCode::AccountNotFound));
    QCOMPARE(reachedFake(), reached + 1);
    QVERIFY(!m_quota->isSpent(other.accountId));
    QVERIFY(m_quota->isSpent(m_fake->accountId()));
}

QTEST_GUILESS_MAIN(TestQuota)
#include "tst_quota.moc"
