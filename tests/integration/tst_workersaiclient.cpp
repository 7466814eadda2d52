// The Workers AI client against the fake Workers AI server, over real sockets: every model
// family streamed and not, errors, retries, timeouts, cancellation and concurrency.
#include "FakeWorkersAi.h"
#include "http/HttpClient.h"
#include "workersai/CompletionJob.h"
#include "workersai/ModelCatalog.h"
#include "workersai/WorkersAiClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestWorkersAiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void nonStreaming_data();
    void nonStreaming();
    void streaming_data();
    void streaming();
    void deepSeekReasoningSplitLive();
    void jsonInsteadOfSseRetriedWithoutStream();
    void toolCallsStream();
    void upstreamErrors_data();
    void upstreamErrors();
    void capacityRetriedThenSucceeds();
    void serverErrorsRetriedThenFail();
    void quotaNeverRetried();
    void noRetryAfterTokensReachedCaller();
    void truncatedStreamKeepsPartialReply();
    void firstByteTimeout();
    void slowFirstByteWithinTimeoutIsFine();
    void idleTimeoutBetweenEvents();
    void cancelBeforeFirstByte();
    void cancelDuringStream();
    void stopSequenceCancelsUpstream();
    void validationErrorIsAsync();
    void gatewayHeaders();
    void connectionRefused();
    void concurrentStreamsRunAtOnce();

private:
    CompletionJob* chat(const QString& model, const QString& text, bool stream, const QStringList& stop = {});
    Endpoint endpoint() const;

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<WorkersAiClient> m_client;
    ModelCatalog m_catalog = ModelCatalog::builtIn();
};

// Collects what a job emitted.
struct Collector
{
    explicit Collector(CompletionJob* job)
    {
        QObject::connect(job, &CompletionJob::delta, job, [this](const ChatDelta& d) {
            content += d.content;
            reasoning += d.reasoning;
            toolDeltas += d.toolCalls;
            ++deltas;
        });
        QObject::connect(job, &CompletionJob::finished, job, [this](const ChatResult& r) {
            result = r;
            ++finished;
        });
        QObject::connect(job, &CompletionJob::failed, job, [this](const ApiError& e) {
            error = e;
            ++failed;
        });
        QObject::connect(job, &CompletionJob::cancelled, job, [this] { ++cancelled; });
    }
    bool done() const { return finished + failed + cancelled > 0; }
    QString content;
    QString reasoning;
    QList<ToolCallDelta> toolDeltas;
    int deltas = 0;
    ChatResult result;
    ApiError error;
    int finished = 0;
    int failed = 0;
    int cancelled = 0;
};

Endpoint TestWorkersAiClient::endpoint() const
{
    return m_fake->endpoint();
}

void TestWorkersAiClient::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_client = std::make_unique<WorkersAiClient>();
    m_client->setEndpoint(endpoint());
    ClientOptions o;
    o.retryBaseDelayMs = 20;
    m_client->setOptions(o);
}

void TestWorkersAiClient::cleanup()
{
    m_client.reset();
    m_fake.reset();
}

CompletionJob* TestWorkersAiClient::chat(
    const QString& model, const QString& text, bool stream, const QStringList& stop)
{
    ChatRequest r;
    r.model = model;
    r.messages = {ChatMessage::system(QStringLiteral("Be brief.")), ChatMessage::user(text)};
    r.stream = stream;
    r.stop = stop;
    return m_client->chat(r, m_catalog.resolve(model));
}

void TestWorkersAiClient::nonStreaming_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("legacy llama-3.3") << QStringLiteral("llama-3.3-70b");
    QTest::newRow("legacy qwen2.5-coder") << QStringLiteral("qwen2.5-coder");
    QTest::newRow("vision llama-4-scout") << QStringLiteral("llama-4-scout");
    QTest::newRow("vision mistral-small-3.1") << QStringLiteral("mistral-small-3.1");
    QTest::newRow("vllm gemma-4") << QStringLiteral("gemma-4");
    QTest::newRow("vllm nemotron-3") << QStringLiteral("nemotron-3");
    QTest::newRow("gpt-oss-120b chat.completion") << QStringLiteral("gpt-oss-120b");
    QTest::newRow("gpt-oss-20b chat.completion") << QStringLiteral("gpt-oss-20b");
    QTest::newRow("vllm glm") << QStringLiteral("glm-4.7-flash");
    QTest::newRow("unknown @cf id") << FakeWorkersAi::extraModelId();
}

void TestWorkersAiClient::nonStreaming()
{
    QFETCH(QString, model);
    CompletionJob* job = chat(model, QStringLiteral("hello there"), false);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY2(c.result.content.contains(QStringLiteral("hello there")), qPrintable(c.result.content));
    QCOMPARE(c.result.finishReason, QStringLiteral("stop"));
    QVERIFY(c.result.usage.valid);
    QVERIFY(c.result.usage.completionTokens > 0);
    QCOMPARE(c.deltas, 0); // not streaming: no deltas

    const FakeWorkersAi::ReceivedRequest req = m_fake->lastRequest();
    QCOMPARE(req.header("authorization"), QByteArray("Bearer ") + m_fake->apiToken());
    const QJsonArray msgs = req.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(msgs.size(), 2);
    QCOMPARE(msgs.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(req.json.value(QStringLiteral("max_tokens")).toInt(), 2048);
    QVERIFY(!req.json.contains(QStringLiteral("stream")));
    QCOMPARE(req.model, m_catalog.resolve(model).id);
}

void TestWorkersAiClient::streaming_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("synthesized");
    QTest::newRow("legacy llama-3.3") << QStringLiteral("llama-3.3-70b") << false;
    QTest::newRow("legacy llama-4-scout") << QStringLiteral("llama-4-scout") << false;
    QTest::newRow("vllm gemma-4 chunks") << QStringLiteral("gemma-4") << false;
    QTest::newRow("gpt-oss-120b synthesized") << QStringLiteral("gpt-oss-120b") << true;
    QTest::newRow("vllm glm chunks") << QStringLiteral("glm-4.7-flash") << false;
    QTest::newRow("vllm qwen3 chunks") << QStringLiteral("qwen3-30b") << false;
}

void TestWorkersAiClient::streaming()
{
    QFETCH(QString, model);
    QFETCH(bool, synthesized);
    m_fake->setTokenDelayMs(5);
    CompletionJob* job = chat(model, QStringLiteral("stream me some words please"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY(c.deltas >= 1);
    if (!synthesized)
        QVERIFY2(c.deltas > 3, "a real stream arrives in several deltas");
    QCOMPARE(c.content, c.result.content); // the deltas add up to the reply
    QVERIFY2(c.result.content.contains(QStringLiteral("stream me some words please")), qPrintable(c.result.content));
    QVERIFY(c.result.usage.valid);
    QVERIFY(c.result.usage.completionTokens > 0); // the non-zero usage, not the all-zero frame
    QVERIFY(job->timeToFirstTokenMs() >= 0);
    QCOMPARE(m_fake->lastRequest().json.value(QStringLiteral("stream")).toBool(), !synthesized);
}

void TestWorkersAiClient::deepSeekReasoningSplitLive()
{
    m_fake->setTokenDelayMs(2);
    CompletionJob* job = chat(QStringLiteral("deepseek-r1"), QStringLiteral("why is the sky blue"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.finished, 1);
    QVERIFY(!c.reasoning.isEmpty());
    QVERIFY(!c.reasoning.contains(QStringLiteral("think>")));
    QVERIFY(!c.content.contains(QStringLiteral("think>")));
    QVERIFY(c.content.contains(QStringLiteral("why is the sky blue")));
    QCOMPARE(c.result.reasoning, c.reasoning);
}

void TestWorkersAiClient::jsonInsteadOfSseRetriedWithoutStream()
{
    // A model we believe streams answers stream:true with an empty JSON result (as gpt-oss does).
    const QString model = FakeWorkersAi::extraModelId();
    m_fake->enqueueFor(model, FakeWorkersAi::envelope(QJsonObject {}));
    CompletionJob* job = chat(model, QStringLiteral("hi"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY(c.content.contains(QStringLiteral("hi")));
    const QList<FakeWorkersAi::ReceivedRequest> runs = m_fake->runRequests();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).json.value(QStringLiteral("stream")).toBool(), true);
    QVERIFY(!runs.at(1).json.contains(QStringLiteral("stream")));
}

void TestWorkersAiClient::toolCallsStream()
{
    const QString model = QStringLiteral("glm-4.7-flash");
    m_fake->enqueueFor(m_catalog.resolve(model).id,
        FakeWorkersAi::openAiStream(m_catalog.resolve(model).id, {}, {QStringLiteral("need weather")},
            {FakeWorkersAi::ToolCall {QStringLiteral("call_x1"), QStringLiteral("get_weather"),
                QJsonObject {{QStringLiteral("city"), QStringLiteral("Paris")}}}},
            FakeWorkersAi::Usage {5, 7}, QStringLiteral("tool_calls")));
    CompletionJob* job = chat(model, QStringLiteral("weather?"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QCOMPARE(c.result.toolCalls.size(), 1);
    QCOMPARE(c.result.toolCalls.at(0).name, QStringLiteral("get_weather"));
    QCOMPARE(QJsonDocument::fromJson(c.result.toolCalls.at(0).arguments.toUtf8())
                 .object()
                 .value(QStringLiteral("city"))
                 .toString(),
        QStringLiteral("Paris"));
    QCOMPARE(c.result.finishReason, QStringLiteral("tool_calls"));
    QVERIFY(!c.toolDeltas.isEmpty());
    QCOMPARE(c.toolDeltas.first().name, QStringLiteral("get_weather"));
}

void TestWorkersAiClient::upstreamErrors_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::newRow("401 auth") << int(FakeWorkersAi::Error::Authentication) << 401
                              << QStringLiteral("authentication_error");
    QTest::newRow("403 paid only") << int(FakeWorkersAi::Error::PaidOnly) << 403 << QStringLiteral("permission_error");
    QTest::newRow("403 agreement") << int(FakeWorkersAi::Error::AgreementNeeded) << 403
                                   << QStringLiteral("permission_error");
    QTest::newRow("404 no such model") << int(FakeWorkersAi::Error::NoSuchModel) << 404
                                       << QStringLiteral("invalid_request_error");
    QTest::newRow("404 bad route") << int(FakeWorkersAi::Error::BadRoute) << 404
                                   << QStringLiteral("invalid_request_error");
    QTest::newRow("413 too large") << int(FakeWorkersAi::Error::TooLarge) << 413
                                   << QStringLiteral("invalid_request_error");
    QTest::newRow("429 daily quota") << int(FakeWorkersAi::Error::DailyQuota) << 429
                                     << QStringLiteral("insufficient_quota");
    QTest::newRow("429 daily quota 4006")
        << int(FakeWorkersAi::Error::DailyQuota4006) << 429 << QStringLiteral("insufficient_quota");
    QTest::newRow("400 invalid input") << int(FakeWorkersAi::Error::InvalidInput) << 400
                                       << QStringLiteral("invalid_request_error");
}

void TestWorkersAiClient::upstreamErrors()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QString, type);
    m_fake->enqueue(FakeWorkersAi::error(static_cast<FakeWorkersAi::Error>(kind)));
    CompletionJob* job = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, status);
    QCOMPARE(c.error.type, type);
    QVERIFY(c.error.upstreamCode != 0);
    QVERIFY(!c.error.message.contains(QString::fromLatin1(m_fake->apiToken()))); // never the token
    QCOMPARE(m_fake->runRequests().size(), 1); // none of these is retried
}

void TestWorkersAiClient::capacityRetriedThenSucceeds()
{
    m_fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Capacity, {}, 0));
    CompletionJob* job = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("again"), true);
    QSignalSpy retrying(job, &CompletionJob::retrying);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(m_fake->runRequests().size(), 2);
}

void TestWorkersAiClient::serverErrorsRetriedThenFail()
{
    for (int i = 0; i < 3; ++i)
        m_fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Internal));
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), false);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(m_fake->runRequests().size(), 3); // one try plus two retries
}

void TestWorkersAiClient::quotaNeverRetried()
{
    m_fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::DailyQuota));
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), false);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.error.type, QStringLiteral("insufficient_quota"));
    QVERIFY(c.error.retryAfterSeconds > 0);
    QVERIFY(c.error.retryAfterSeconds <= 24 * 3600);
    QCOMPARE(m_fake->runRequests().size(), 1);
}

void TestWorkersAiClient::noRetryAfterTokensReachedCaller()
{
    m_fake->enqueue(FakeWorkersAi::cutStream({QStringLiteral("Hello"), QStringLiteral(" wor")}));
    CompletionJob* job = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(m_fake->runRequests().size(), 1);
}

void TestWorkersAiClient::truncatedStreamKeepsPartialReply()
{
    m_fake->enqueue(FakeWorkersAi::cutStream({QStringLiteral("Partial"), QStringLiteral(" reply")}));
    CompletionJob* job = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QVERIFY(c.error.message.contains(QStringLiteral("truncated")));
    QCOMPARE(c.content, QStringLiteral("Partial reply"));
    QCOMPARE(job->result().content, QStringLiteral("Partial reply"));
}

void TestWorkersAiClient::firstByteTimeout()
{
    ClientOptions o = m_client->options();
    o.firstByteTimeoutMs = 300;
    o.maxRetries = 0;
    m_client->setOptions(o);
    m_fake->enqueue(FakeWorkersAi::hangingReply());
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 504);
    QTRY_COMPARE(m_fake->abortedByClient(), 1); // the hung request was closed, not left open
}

void TestWorkersAiClient::slowFirstByteWithinTimeoutIsFine()
{
    // The connect timeout covers sending the request only: a model that thinks for longer
    // than it, but less than the first-byte timeout, is not cut off.
    ClientOptions o = m_client->options();
    o.connectTimeoutMs = 200;
    o.firstByteTimeoutMs = 10000;
    m_client->setOptions(o);
    m_fake->setFirstByteDelayMs(600);
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("slow"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
}

void TestWorkersAiClient::idleTimeoutBetweenEvents()
{
    ClientOptions o = m_client->options();
    o.idleTimeoutMs = 300;
    m_client->setOptions(o);
    FakeWorkersAi::Script s = FakeWorkersAi::legacyStream({QStringLiteral("one"), QStringLiteral(" two")});
    s.chunkDelayMs = 3000;
    m_fake->enqueue(s);
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 504);
    QCOMPARE(c.content, QStringLiteral("one"));
    QCOMPARE(m_fake->runRequests().size(), 1); // a token had reached us: no retry
}

void TestWorkersAiClient::cancelBeforeFirstByte()
{
    m_fake->enqueue(FakeWorkersAi::hangingReply());
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), true);
    Collector c(job);
    QTRY_COMPARE(m_fake->runRequests().size(), 1);
    job->cancel();
    QCOMPARE(c.cancelled, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->abortedByClient(), 1, 2000);
    // A later job through the same client is answered: by then whatever the aborted request
    // still had queued for the cancelled job has had its chance to reach it.
    CompletionJob* later = chat(QStringLiteral("llama-4-scout"), QStringLiteral("later"), true);
    Collector after(later);
    QTRY_VERIFY_WITH_TIMEOUT(after.done(), 10000);
    QCOMPARE(after.finished, 1);
    QCOMPARE(c.finished + c.failed, 0);
    QCOMPARE(c.cancelled, 1);
}

void TestWorkersAiClient::cancelDuringStream()
{
    m_fake->setTokenDelayMs(40);
    CompletionJob* job
        = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("a long answer with many many tokens in it"), true);
    Collector c(job);
    QTRY_VERIFY(c.deltas >= 1);
    QElapsedTimer t;
    t.start();
    job->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->abortedByClient(), 1, 2000);
    QCOMPARE(c.cancelled, 1);
    QCOMPARE(c.finished + c.failed, 0);
    QVERIFY(!job->result().content.isEmpty()); // what arrived is kept
}

void TestWorkersAiClient::stopSequenceCancelsUpstream()
{
    m_fake->setTokenDelayMs(20);
    CompletionJob* job = chat(QStringLiteral("qwen2.5-coder"),
        QStringLiteral("alpha beta gamma delta epsilon zeta eta theta"), true, {QStringLiteral("gamma")});
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.finished, 1);
    QVERIFY2(!c.result.content.contains(QStringLiteral("gamma")), qPrintable(c.result.content));
    QVERIFY(c.result.content.contains(QStringLiteral("beta")));
    QCOMPARE(c.result.finishReason, QStringLiteral("stop"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->abortedByClient(), 1, 2000);
}

void TestWorkersAiClient::validationErrorIsAsync()
{
    ChatRequest r;
    r.model = QStringLiteral("qwen2.5-coder");
    ChatMessage m;
    m.role = QStringLiteral("user");
    m.contentKind = ChatMessage::ContentKind::Parts;
    m.parts = {ContentPart::makeImage(QStringLiteral("data:image/png;base64,AA=="))};
    r.messages = {m};
    CompletionJob* job = m_client->chat(r, m_catalog.resolve(r.model));
    Collector c(job); // connected after chat(): still sees the failure
    QTRY_COMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 400);
    QCOMPARE(m_fake->runRequests().size(), 0);
}

void TestWorkersAiClient::gatewayHeaders()
{
    Endpoint ep = endpoint();
    ep.kind = Endpoint::Kind::Gateway;
    ep.gatewayBase = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_fake->port()));
    ep.gatewayId = QStringLiteral("my-gateway");
    ep.gatewayToken = QStringLiteral("gateway-token-for-tests");
    ep.gatewayCacheTtl = 3600;
    m_client->setEndpoint(ep);
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("through the gateway"), false);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    const FakeWorkersAi::ReceivedRequest req = m_fake->lastRequest();
    QCOMPARE(req.path,
        QStringLiteral("/v1/%1/my-gateway/workers-ai/run/@cf/meta/llama-4-scout-17b-16e-instruct")
            .arg(m_fake->accountId()));
    QCOMPARE(req.header("cf-aig-authorization"), QByteArray("Bearer gateway-token-for-tests"));
    QCOMPARE(req.header("cf-aig-cache-ttl"), QByteArray("3600"));
}

void TestWorkersAiClient::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close(); // nothing listens there now
    Endpoint ep = endpoint();
    ep.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(deadPort));
    m_client->setEndpoint(ep);
    CompletionJob* job = chat(QStringLiteral("llama-4-scout"), QStringLiteral("x"), true);
    QSignalSpy retrying(job, &CompletionJob::retrying);
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(c.error.code, QStringLiteral("upstream_unreachable"));
    QCOMPARE(retrying.count(), 2); // network errors are retried
}

void TestWorkersAiClient::concurrentStreamsRunAtOnce()
{
    // 64 streams of ~10 tokens at 100 ms each: through one QNetworkAccessManager they would run
    // six at a time (about eleven rounds); the client opens a connection per stream, so all 64
    // are in flight together, and keeps them alive for the next requests.
    m_fake->setTokenDelayMs(100);
    QList<CompletionJob*> jobs;
    QList<std::shared_ptr<Collector>> collectors;
    for (int i = 0; i < 64; ++i) {
        CompletionJob* job
            = chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("request number %1 with a few words").arg(i), true);
        jobs.append(job);
        collectors.append(std::make_shared<Collector>(job));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(collectors.cbegin(), collectors.cend(),
                                 [](const std::shared_ptr<Collector>& c) { return c->done(); }),
        30000);
    for (int i = 0; i < 64; ++i) {
        QVERIFY2(collectors.at(i)->finished == 1, qPrintable(collectors.at(i)->error.message));
        QVERIFY(collectors.at(i)->result.content.contains(QStringLiteral("request number %1 ").arg(i)));
    }
    QCOMPARE(m_fake->maxConcurrentRequests(), 64);
    QCOMPARE(m_fake->acceptedConnections(), 64);
    QCOMPARE(m_client->httpClient()->idleConnections(), 64);
    QCOMPARE(m_client->inFlight(), 0);

    // A second round reuses those connections: no new one is opened.
    collectors.clear();
    for (int i = 0; i < 64; ++i)
        collectors.append(std::make_shared<Collector>(
            chat(QStringLiteral("llama-3.3-70b"), QStringLiteral("again %1 with a few words").arg(i), true)));
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(collectors.cbegin(), collectors.cend(),
                                 [](const std::shared_ptr<Collector>& c) { return c->done(); }),
        30000);
    for (int i = 0; i < 64; ++i)
        QVERIFY2(collectors.at(i)->finished == 1, qPrintable(collectors.at(i)->error.message));
    QCOMPARE(m_fake->acceptedConnections(), 64);
}

QTEST_GUILESS_MAIN(TestWorkersAiClient)
#include "tst_workersaiclient.moc"
