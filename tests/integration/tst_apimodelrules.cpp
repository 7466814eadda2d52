// What the local API knows about Workers AI's models of December 2026 (reference §4.6–§4.8, §6,
// §7), end to end over real sockets against the fake Workers AI: retired models run on their
// replacement (and say so), paid-only models on a Free account name a free one, reasoning_effort
// reaches each model through its own switch, max_tokens fits the context window, and a client's
// x-session-affinity reaches the prompt cache.
#include "ApiServerFixture.h"
#include "server/RequestLog.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTimeZone>
#include <QtTest>

using namespace flarechat;
using namespace flarechat::test;

namespace {

const QString kGemma3 = QStringLiteral("@cf/google/gemma-3-12b-it"); // retired 2026-05-30
const QString kGemma4 = QStringLiteral("@cf/google/gemma-4-26b-a4b-it");
const QString kKimi25 = QStringLiteral("@cf/moonshotai/kimi-k2.5"); // retired, alias of kimi-k2.6
const QString kKimi26 = QStringLiteral("@cf/moonshotai/kimi-k2.6"); // paid-only

QDateTime utc(int year, int month, int day, int hour = 12)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone::utc());
}

QStringList listedIds(const ApiReply& r)
{
    QStringList ids;
    for (const QJsonValue& v : r.json.value(QStringLiteral("data")).toArray())
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

} // namespace

class TestApiModelRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void retiredModelRunsOnItsReplacement_data();
    void retiredModelRunsOnItsReplacement();
    void retiredModelBeforeItsDay();
    void retiredModelsLeaveTheList();
    void paidOnlyModelNamesAFreeOne_data();
    void paidOnlyModelNamesAFreeOne();
    void reasoningSwitchPerModel_data();
    void reasoningSwitchPerModel();
    void maxTokensFitTheContextWindow();
    void sessionAffinityReachesThePromptCache();
    void malformedSessionAffinityIsDropped_data();
    void malformedSessionAffinityIsDropped();

private:
    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiModelRules::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
    m_env->setNow(utc(2026, 12, 1));
}

void TestApiModelRules::cleanup()
{
    m_env.reset();
}

void TestApiModelRules::retiredModelRunsOnItsReplacement_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("retired");
    QTest::addColumn<QString>("served");
    QTest::addColumn<bool>("stream");
    QTest::newRow("gemma-3 by id") << kGemma3 << kGemma3 << kGemma4 << false;
    QTest::newRow("gemma-3 by alias, streamed") << QStringLiteral("gemma-3") << kGemma3 << kGemma4 << true;
    QTest::newRow("kimi-k2.5") << kKimi25 << kKimi25 << kKimi26 << false;
    QTest::newRow("llama-3.1-8b") << QStringLiteral("@cf/meta/llama-3.1-8b-instruct")
                                  << QStringLiteral("@cf/meta/llama-3.1-8b-instruct")
                                  << QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast") << true;
}

// After Cloudflare's day, a request for a retired model is answered by its replacement instead
// of Workers AI's 400 "No such model": the client is told in a header, the request log says so.
void TestApiModelRules::retiredModelRunsOnItsReplacement()
{
    QFETCH(QString, asked);
    QFETCH(QString, retired);
    QFETCH(QString, served);
    QFETCH(bool, stream);
    QSignalSpy logged(&m_env->server(), &ApiServer::requestLogged);
    const ApiReply r = m_env->client().chat(chatBody(asked, QStringLiteral("hello there"), stream));
    QVERIFY2(r.status == 200, r.body.constData());
    QCOMPARE(
        QString::fromUtf8(r.headers.value("x-flarechat-model-replaced")), retired + QStringLiteral(" -> ") + served);
    QCOMPARE(m_env->fake().lastInference().model, served);
    QVERIFY(m_env->fake().lastInference().reachedModel);
    const QString text = stream ? r.streamedContent() : r.message().value(QStringLiteral("content")).toString();
    QVERIFY2(text.contains(QStringLiteral("hello there")), qPrintable(text));
    QTRY_VERIFY_WITH_TIMEOUT(!logged.isEmpty(), 5000);
    const auto record = logged.last().first().value<RequestLogRecord>();
    QCOMPARE(record.status, 200);
    QVERIFY2(record.note.contains(retired) && record.note.contains(served), qPrintable(record.note));
}

// Before the day the model is still Workers AI's: it runs as itself, nothing is said.
void TestApiModelRules::retiredModelBeforeItsDay()
{
    m_env->setNow(utc(2026, 5, 29, 23));
    const ApiReply r = m_env->client().chat(chatBody(kGemma3, QStringLiteral("hello")));
    QVERIFY2(r.status == 200, r.body.constData());
    QVERIFY(!r.headers.contains("x-flarechat-model-replaced"));
    QCOMPARE(m_env->fake().lastInference().model, kGemma3);
}

// /v1/models lists a retired model's id only before its day; its short name stays (it still
// works) and describes the replacement.
void TestApiModelRules::retiredModelsLeaveTheList()
{
    ApiReply r = m_env->client().call("GET", QStringLiteral("/v1/models"));
    QCOMPARE(r.status, 200);
    QVERIFY(!listedIds(r).contains(kGemma3));
    QVERIFY(listedIds(r).contains(kGemma4));
    QVERIFY(listedIds(r).contains(QStringLiteral("gemma-3")));
    m_env->setNow(utc(2026, 5, 1));
    r = m_env->client().call("GET", QStringLiteral("/v1/models"));
    QVERIFY(listedIds(r).contains(kGemma3));
}

void TestApiModelRules::paidOnlyModelNamesAFreeOne_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("emptyBody");
    QTest::addColumn<bool>("stream");
    QTest::newRow("kimi-k2.6 5035") << kKimi26 << false << false;
    QTest::newRow("kimi-k2.6 5035 streamed") << kKimi26 << false << true;
    QTest::newRow("kimi-k2.7-code bare 403") << QStringLiteral("@cf/moonshotai/kimi-k2.7-code") << true << false;
    QTest::newRow("glm-5.3") << QStringLiteral("@cf/zai-org/glm-5.3") << false << true;
}

// A Free account asking for a Workers Paid model gets OpenAI's permission error naming the plan
// and a free model for the same job, whether Workers AI said 5035 or sent an empty 403.
void TestApiModelRules::paidOnlyModelNamesAFreeOne()
{
    QFETCH(QString, model);
    QFETCH(bool, emptyBody);
    QFETCH(bool, stream);
    m_env->fake().setFreePlan(true);
    if (emptyBody)
        m_env->fake().setPaidOnlyEmptyBody(model);
    const ApiReply r = m_env->client().chat(chatBody(model, QStringLiteral("hello"), stream));
    QCOMPARE(r.status, 403);
    QVERIFY(r.headers.value("content-type").startsWith("application/json"));
    const QJsonObject error = r.error();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("model_requires_paid_plan"));
    QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("permission_error"));
    QCOMPARE(error.value(QStringLiteral("param")).toString(), QStringLiteral("model"));
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("Workers Paid")), qPrintable(message));
    QVERIFY2(message.contains(model), qPrintable(message));
    const bool namesFree
        = message.contains(QStringLiteral("glm-4.7-flash")) || message.contains(QStringLiteral("gemma-4"));
    QVERIFY2(namesFree, qPrintable(message));
    QVERIFY(!message.contains(QString::fromLatin1(m_env->fake().apiToken())));
    // The free model it names really answers this account.
    const QString free
        = message.contains(QStringLiteral("gemma-4")) ? kGemma4 : QStringLiteral("@cf/zai-org/glm-4.7-flash");
    QCOMPARE(m_env->client().chat(chatBody(free, QStringLiteral("hello"))).status, 200);
}

void TestApiModelRules::reasoningSwitchPerModel_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("effort"); // empty: none sent
    QTest::addColumn<bool>("reasons");
    QTest::addColumn<QString>("sentEffort"); // reasoning_effort sent upstream, "" none; "-" any
    const QString kimi = kKimi26;
    const QString glm = QStringLiteral("@cf/zai-org/glm-4.7-flash");
    const QString dsv4 = QStringLiteral("@cf/deepseek-ai/deepseek-v4-flash-0731");
    const QString oss = QStringLiteral("@cf/openai/gpt-oss-120b");
    const QString any = QStringLiteral("-");
    QTest::newRow("kimi default") << kimi << QString() << true << any;
    QTest::newRow("kimi none") << kimi << QStringLiteral("none") << false << any;
    QTest::newRow("kimi low") << kimi << QStringLiteral("low") << true << any;
    QTest::newRow("kimi-k2.7-code none (cannot stop)")
        << QStringLiteral("@cf/moonshotai/kimi-k2.7-code") << QStringLiteral("none") << true << QString();
    QTest::newRow("gemma-4 default (off)") << kGemma4 << QString() << false << any;
    QTest::newRow("gemma-4 medium") << kGemma4 << QStringLiteral("medium") << true << QStringLiteral("high");
    QTest::newRow("gemma-4 minimal") << kGemma4 << QStringLiteral("minimal") << false << any;
    QTest::newRow("glm-4.7 default") << glm << QString() << true << any;
    QTest::newRow("glm-4.7 none") << glm << QStringLiteral("none") << false << any;
    QTest::newRow("glm-4.7 xhigh (a toggle only)") << glm << QStringLiteral("xhigh") << true << QString();
    QTest::newRow("glm-5.3-flash none (cannot stop)")
        << QStringLiteral("@cf/zai-org/glm-5.3-flash") << QStringLiteral("none") << true << any;
    QTest::newRow("deepseek-v4 default (off)") << dsv4 << QString() << false << any;
    QTest::newRow("deepseek-v4 high") << dsv4 << QStringLiteral("high") << true << QStringLiteral("high");
    QTest::newRow("deepseek-v4 max") << dsv4 << QStringLiteral("max") << true << QStringLiteral("max");
    QTest::newRow("gpt-oss low") << oss << QStringLiteral("low") << true << QStringLiteral("low");
    QTest::newRow("gpt-oss none (cannot stop)") << oss << QStringLiteral("none") << true << QStringLiteral("low");
    QTest::newRow("nemotron none") << QStringLiteral("@cf/nvidia/nemotron-3-120b-a12b") << QStringLiteral("none")
                                   << false << any;
    QTest::newRow("llama ignores it") << QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast")
                                      << QStringLiteral("high") << false << any;
}

// OpenAI's reasoning_effort reaches each model through the switch that model honours (reference
// §4.8); the fake refuses a switch a model's schema does not take (400 "Invalid input"), so every
// row is also a check that FlareChat sent only what that model accepts.
void TestApiModelRules::reasoningSwitchPerModel()
{
    QFETCH(QString, model);
    QFETCH(QString, effort);
    QFETCH(bool, reasons);
    QFETCH(QString, sentEffort);
    QJsonObject body = chatBody(model, QStringLiteral("two words"));
    body.insert(QStringLiteral("max_tokens"), 400);
    if (!effort.isEmpty())
        body.insert(QStringLiteral("reasoning_effort"), effort);
    const ApiReply r = m_env->client().chat(body);
    QVERIFY2(r.status == 200, r.body.constData());
    const FakeWorkersAi::Inference done = m_env->fake().lastInference();
    QVERIFY(done.reachedModel);
    QCOMPARE(done.reasoned, reasons);
    if (sentEffort != QLatin1String("-"))
        QCOMPARE(m_env->fake().lastRequest().json.value(QStringLiteral("reasoning_effort")).toString(), sentEffort);
    // The reasoning comes back apart from the answer, never inside it.
    const QJsonObject message = r.message();
    QCOMPARE(!message.value(QStringLiteral("reasoning_content")).toString().isEmpty(), reasons);
    QVERIFY(message.value(QStringLiteral("content")).toString().contains(QStringLiteral("two words")));
    // Streamed too (kimi and gpt-oss answer JSON even then: FlareChat streams it on).
    body.insert(QStringLiteral("stream"), true);
    const ApiReply streamed = m_env->client().chat(body);
    QVERIFY2(streamed.status == 200, streamed.body.constData());
    QCOMPARE(m_env->fake().lastInference().reasoned, reasons);
    QCOMPARE(!streamed.streamedReasoning().isEmpty(), reasons);
    QVERIFY(streamed.streamedContent().contains(QStringLiteral("two words")));
}

// llama-3.3 has a 24,000-token window: a client's max_tokens of 32,000 (what many clients send)
// is clamped to what the prompt leaves, instead of Workers AI's 400 "maximum context length".
void TestApiModelRules::maxTokensFitTheContextWindow()
{
    const QString model = QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    QCOMPARE(m_env->fake().contextWindow(model), 24000);
    for (const QString& key : {QStringLiteral("max_tokens"), QStringLiteral("max_completion_tokens")}) {
        QJsonObject body = chatBody(model, QStringLiteral("a short question"));
        body.insert(key, 32000);
        const ApiReply r = m_env->client().chat(body);
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject sent = m_env->fake().lastRequest().json;
        const int cap = sent.value(QStringLiteral("max_tokens")).toInt();
        QVERIFY2(cap > 20000 && cap < 24000, qPrintable(QString::number(cap)));
        QVERIFY(cap + FakeWorkersAi::promptTokensFor(sent) <= 24000);
    }
    // A prompt that alone fills the window is the client's to shorten: 400 with vLLM's reason.
    QString words;
    for (int i = 0; i < 25000; ++i)
        words += QStringLiteral("w ");
    const ApiReply r = m_env->client().chat(chatBody(model, words));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error().value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY2(r.error().value(QStringLiteral("message")).toString().contains(QStringLiteral("context length")),
        r.body.constData());
}

// A client's x-session-affinity (OpenCode sends one per session) goes to Workers AI unchanged, so
// the second turn of a conversation is billed from the prompt cache, and the client sees it.
void TestApiModelRules::sessionAffinityReachesThePromptCache()
{
    const QString model = QStringLiteral("@cf/zai-org/glm-4.7-flash");
    const QList<QPair<QByteArray, QByteArray>> affinity {{"x-session-affinity", "ses_0123456789abcdef"}};
    QJsonObject body = chatBody(model, QStringLiteral("a first question with some words in it"));
    ApiReply r = m_env->client().chat(body, affinity);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_env->fake().lastInference().sessionAffinity, QByteArray("ses_0123456789abcdef"));
    const QString answer = r.message().value(QStringLiteral("content")).toString();

    QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    messages.append(
        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), answer}});
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"), QStringLiteral("and a second one")}});
    body.insert(QStringLiteral("messages"), messages);
    for (bool stream : {false, true}) {
        body.insert(QStringLiteral("stream"), stream);
        body.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
        r = m_env->client().chat(body, affinity);
        QCOMPARE(r.status, 200);
        const int cachedUpstream = m_env->fake().lastInference().usage.cachedTokens;
        QVERIFY2(cachedUpstream > 0, "the first turn's prefix is cached");
        const QJsonObject usage = stream ? r.events.last().value(QStringLiteral("usage")).toObject()
                                         : r.json.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("prompt_tokens_details"))
                     .toObject()
                     .value(QStringLiteral("cached_tokens"))
                     .toInt(),
            cachedUpstream);
    }
    // Without the header nothing is cached.
    body.insert(QStringLiteral("stream"), false);
    r = m_env->client().chat(body);
    QCOMPARE(r.status, 200);
    QVERIFY(m_env->fake().lastInference().sessionAffinity.isEmpty());
    QCOMPARE(m_env->fake().lastInference().usage.cachedTokens, 0);
}

void TestApiModelRules::malformedSessionAffinityIsDropped_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("too long") << QByteArray(300, 'a');
    QTest::newRow("inner space") << QByteArray("ses one");
    QTest::newRow("non-ASCII") << QByteArray("ses_\xe4\xbc\x9a\xe8\xaf\x9d");
}

// Only a plain token becomes a header of ours: anything else is dropped, the request still runs.
void TestApiModelRules::malformedSessionAffinityIsDropped()
{
    QFETCH(QByteArray, value);
    const ApiReply r = m_env->client().chat(
        chatBody(QStringLiteral("@cf/zai-org/glm-4.7-flash"), QStringLiteral("hi")), {{"x-session-affinity", value}});
    QCOMPARE(r.status, 200);
    QVERIFY(m_env->fake().lastInference().reachedModel);
    QVERIFY(m_env->fake().lastRequest().header("x-session-affinity").isEmpty());
}

QTEST_MAIN(TestApiModelRules)
#include "tst_apimodelrules.moc"
