// Anthropic's Messages API on the local server end to end, over real sockets: a client speaks
// Anthropic's protocol to ApiServer (POST /v1/messages, count_tokens, the models list, HEAD /),
// which runs the same engine as the chat endpoint against the fake Workers AI server.
#include "AnthropicTestClient.h"
#include "ApiServerFixture.h"
#include "HttpRawClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using namespace flarechat;
using namespace flarechat::test;

class TestApiAnthropic final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createWholeMessage();
    void streamEventsExactly();
    void routesWithBetaQueryAndXApiKey();
    void claudeNamesMapToWorkersAiModels();
    void systemBlocksAndSamplingReachUpstream();
    void imagesBase64AndUrl();
    void errors_data();
    void errors();
    void authErrorsInAnthropicShape();
    void rateLimitHasRetryAfter();
    void overloadedIs529();
    void upstreamFailureMidStreamIsErrorEvent();
    void countTokens();
    void modelsInAnthropicShape();
    void headRoot();
    void transportErrorsInAnthropicShape();
    void requestLogRows();
    void disconnectCancelsUpstream();
    void shutdownEndsStreamWithErrorEvent();
    void concurrentStreams();

private:
    ApiReply messages(const QJsonObject& body, const Headers& headers = kAnthropic)
    {
        return m_env->client().post(QStringLiteral("/v1/messages"), body, headers);
    }
    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiAnthropic::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiAnthropic::cleanup()
{
    m_env.reset();
}

void TestApiAnthropic::createWholeMessage()
{
    const ApiReply r
        = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("Hello there"))}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("application/json"));
    QVERIFY(r.headers.value("request-id").startsWith("req_"));
    const QJsonObject m = r.json;
    QVERIFY(m.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")));
    QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(m.value(QStringLiteral("model")).toString(), QStringLiteral("llama-3.3-70b"));
    QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("end_turn"));
    QVERIFY(m.value(QStringLiteral("stop_sequence")).isNull());
    const QJsonArray content = m.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(content[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(content[0].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("You said: Hello there"));
    const QJsonObject usage = m.value(QStringLiteral("usage")).toObject();
    QVERIFY(usage.value(QStringLiteral("input_tokens")).toInt() > 0);
    QVERIFY(usage.value(QStringLiteral("output_tokens")).toInt() > 0);
}

void TestApiAnthropic::streamEventsExactly()
{
    const ApiReply r
        = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("Stream this"))}, true));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
    const Stream s = readStream(r.body);
    QVERIFY(s.namesMatchTypes);
    QVERIFY(s.names.size() >= 7);
    QCOMPARE(s.names.mid(0, 3), (QByteArrayList {"message_start", "content_block_start", "ping"}));
    QCOMPARE(s.names.mid(s.names.size() - 3), (QByteArrayList {"content_block_stop", "message_delta", "message_stop"}));
    for (qsizetype i = 3; i < s.names.size() - 3; ++i)
        QCOMPARE(s.names[i], QByteArray("content_block_delta"));
    const QJsonObject start = s.first("message_start").value(QStringLiteral("message")).toObject();
    QVERIFY(start.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")));
    QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("llama-3.3-70b"));
    QVERIFY(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt() > 0);
    QCOMPARE(s.text(), QStringLiteral("You said: Stream this"));
    const QJsonObject md = s.first("message_delta");
    QCOMPARE(md.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
        QStringLiteral("end_turn"));
    QVERIFY(md.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt() > 0);
    // Every event has its event: line (Claude Code shows nothing otherwise).
    QCOMPARE(r.body.count("event: "), s.names.size());
}

void TestApiAnthropic::routesWithBetaQueryAndXApiKey()
{
    Headers headers = kAnthropic;
    headers.append({QByteArray("x-api-key"), QByteArray(kTestApiKey)});
    headers.append({QByteArray("anthropic-beta"), QByteArray("claude-code-20250219,interleaved-thinking-2025-05-14")});
    const ApiReply r = m_env->client().call("POST", QStringLiteral("/v1/messages?beta=true"),
        messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("beta"))}), headers, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
}

void TestApiAnthropic::claudeNamesMapToWorkersAiModels()
{
    ApiReply r = messages(messagesBody(QStringLiteral("claude-sonnet-4-5-20250929"), {userText(QStringLiteral("a"))}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(m_env->fake().lastInference().model, QStringLiteral("@cf/zai-org/glm-4.7-flash"));
    r = messages(messagesBody(QStringLiteral("claude-3-5-haiku-20241022"), {userText(QStringLiteral("b"))}));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_env->fake().lastInference().model, QStringLiteral("@cf/google/gemma-4-26b-a4b-it"));
    r = messages(messagesBody(QStringLiteral("claude-unheard-of-7"), {userText(QStringLiteral("c"))}));
    QCOMPARE(r.status, 200); // never a 404 for a Claude name
    QCOMPARE(m_env->fake().lastInference().model, QStringLiteral("@cf/zai-org/glm-4.7-flash"));
    // The table is a setting (server/claude_models): restart with another one.
    QVERIFY(m_env->restart([](ApiServer::Config& c) {
        c.router.claudeModels = ClaudeModelMap::fromSetting({QStringLiteral("*haiku*=llama-3.3-70b")});
    }));
    r = messages(messagesBody(QStringLiteral("claude-haiku-4-5"), {userText(QStringLiteral("d"))}));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_env->fake().lastInference().model, QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"));
}

void TestApiAnthropic::systemBlocksAndSamplingReachUpstream()
{
    QJsonObject body = messagesBody(QStringLiteral("glm-4.7-flash"),
        {QJsonObject {
             {QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), QStringLiteral("Inner.")}},
            userText(QStringLiteral("Hi"))});
    body.insert(QStringLiteral("system"),
        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QStringLiteral("Outer.")},
            {QStringLiteral("cache_control"), QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}}});
    body.insert(QStringLiteral("temperature"), 0.3);
    body.insert(QStringLiteral("top_p"), 0.8);
    body.insert(QStringLiteral("top_k"), 20);
    body.insert(QStringLiteral("max_tokens"), 32000); // clamped to the model, never a 400
    body.insert(QStringLiteral("metadata"), QJsonObject {{QStringLiteral("user_id"), QStringLiteral("user-1")}});
    body.insert(QStringLiteral("some_future_field"), true);
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    const QJsonObject sent = m_env->fake().lastRequest().json;
    const QJsonArray msgs = sent.value(QStringLiteral("messages")).toArray();
    QCOMPARE(msgs[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(msgs[0].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Outer.\n\nInner."));
    QCOMPARE(sent.value(QStringLiteral("temperature")).toDouble(), 0.3);
    QCOMPARE(sent.value(QStringLiteral("top_p")).toDouble(), 0.8);
    QVERIFY(sent.value(QStringLiteral("max_tokens")).toInt() <= 131072);
}

void TestApiAnthropic::imagesBase64AndUrl()
{
    const QJsonObject image = QJsonDocument::fromJson(R"({"type":"image","source":{"type":"base64",
        "media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg=="}})")
                                  .object();
    const QJsonObject user {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
            QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                            {QStringLiteral("text"), QStringLiteral("What is this?")}},
                image}}};
    ApiReply r = messages(messagesBody(QStringLiteral("llama-4-scout"), {user}));
    QCOMPARE(r.status, 200);
    const QJsonArray parts = m_env->fake()
                                 .lastRequest()
                                 .json.value(QStringLiteral("messages"))
                                 .toArray()[0]
                                 .toObject()
                                 .value(QStringLiteral("content"))
                                 .toArray();
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts[1]
                .toObject()
                .value(QStringLiteral("image_url"))
                .toObject()
                .value(QStringLiteral("url"))
                .toString()
                .startsWith(QLatin1String("data:image/png;base64,")));

    const QJsonObject urlImage
        = QJsonDocument::fromJson(R"({"type":"image","source":{"type":"url","url":"https://example.com/a.png"}})")
              .object();
    const QJsonObject withUrl {
        {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QJsonArray {urlImage}}};
    r = messages(messagesBody(QStringLiteral("llama-4-scout"), {withUrl}));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(errorType(r.json), QStringLiteral("invalid_request_error"));
    QVERIFY(r.json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString()
                .contains(QStringLiteral("URL")));
}

void TestApiAnthropic::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("not json") << QByteArray("{nope") << 400 << QByteArray("invalid_request_error");
    QTest::newRow("no max_tokens") << QByteArray(
        R"({"model":"llama-3.3-70b","messages":[{"role":"user","content":"x"}]})")
                                   << 400 << QByteArray("invalid_request_error");
    QTest::newRow("unknown model") << QByteArray(
        R"({"model":"no-such-model","max_tokens":5,"messages":[{"role":"user","content":"x"}]})")
                                   << 404 << QByteArray("not_found_error");
    QTest::newRow("paid-only model on free plan") << QByteArray() << 403 << QByteArray("permission_error");
    QTest::newRow("too large upstream") << QByteArray() << 413 << QByteArray("request_too_large");
    QTest::newRow("upstream 500: a bad gateway") << QByteArray() << 502 << QByteArray("api_error");
}

void TestApiAnthropic::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, type);
    ApiReply r;
    if (QByteArray(QTest::currentDataTag()) == "paid-only model on free plan") {
        m_env->fake().setFreePlan(true);
        r = messages(messagesBody(QStringLiteral("@cf/zai-org/glm-5.3-flash"), {userText(QStringLiteral("x"))}));
    } else if (body.isEmpty()) {
        const auto kind = status == 413 ? FakeWorkersAi::Error::TooLarge : FakeWorkersAi::Error::Internal; // 500/3043
        for (int i = 0; i < 3; ++i) // the first try and both retries
            m_env->fake().enqueue(FakeWorkersAi::error(kind));
        r = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("x"))}));
    } else {
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/messages").arg(m_env->server().port())));
        req.setRawHeader("x-api-key", kTestApiKey);
        req.setRawHeader("anthropic-version", "2023-06-01");
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply* reply = nam.post(req, body);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.json = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
    }
    QCOMPARE(r.status, status);
    QCOMPARE(r.json.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(errorType(r.json), QString::fromLatin1(type));
    QVERIFY(!r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
}

void TestApiAnthropic::authErrorsInAnthropicShape()
{
    const QJsonObject body = messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("x"))});
    ApiReply r = m_env->client().call("POST", QStringLiteral("/v1/messages"), body, kAnthropic, false);
    QCOMPARE(r.status, 401);
    QCOMPARE(errorType(r.json), QStringLiteral("authentication_error"));
    r = m_env->client().call(
        "POST", QStringLiteral("/v1/messages"), body, {{"x-api-key", "sk-flarechat-wrong"}}, false);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    // A wrong method on the route: Anthropic's shape too.
    r = m_env->client().call("GET", QStringLiteral("/v1/messages"));
    QCOMPARE(r.status, 405);
    QCOMPARE(errorType(r.json), QStringLiteral("invalid_request_error"));
    // The chat endpoint keeps OpenAI's shape.
    r = m_env->client().call("POST", QStringLiteral("/v1/chat/completions"), body, {}, false);
    QCOMPARE(r.status, 401);
    QVERIFY(!r.json.contains(QStringLiteral("type")));
}

void TestApiAnthropic::rateLimitHasRetryAfter()
{
    m_env->fake().setFreePlan(true);
    m_env->fake().setNeuronsUsedToday(m_env->fake().dailyFreeNeurons() + 1);
    const ApiReply r = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("x"))}));
    QCOMPARE(r.status, 429);
    QCOMPARE(errorType(r.json), QStringLiteral("rate_limit_error"));
    QVERIFY(r.headers.contains("retry-after"));
    const int seconds = r.headers.value("retry-after").toInt();
    QVERIFY2(seconds > 0 && seconds <= 86400, r.headers.value("retry-after").constData());
}

void TestApiAnthropic::overloadedIs529()
{
    for (int i = 0; i < 3; ++i)
        m_env->fake().enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Capacity, {}, 0));
    const ApiReply r = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("x"))}));
    QCOMPARE(r.status, 529);
    QCOMPARE(errorType(r.json), QStringLiteral("overloaded_error"));
}

void TestApiAnthropic::upstreamFailureMidStreamIsErrorEvent()
{
    for (int i = 0; i < 3; ++i)
        m_env->fake().enqueue(FakeWorkersAi::cutStream({QStringLiteral("Hel"), QStringLiteral("lo")}));
    const ApiReply r = messages(messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("x"))}, true));
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QVERIFY(s.names.contains(QByteArray("message_start")));
    QCOMPARE(s.names.last(), QByteArray("error"));
    QVERIFY(!s.names.contains(QByteArray("message_stop")));
    const QJsonObject e = s.data.last();
    QCOMPARE(e.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(e.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("api_error"));
}

void TestApiAnthropic::countTokens()
{
    QJsonObject body
        = messagesBody(QStringLiteral("claude-sonnet-4-5"), {userText(QStringLiteral("Count me, please."))});
    ApiReply r = m_env->client().post(QStringLiteral("/v1/messages/count_tokens"), body, kAnthropic);
    QCOMPARE(r.status, 200);
    const int small = r.json.value(QStringLiteral("input_tokens")).toInt();
    QVERIFY(small > 0);
    body.insert(QStringLiteral("tools"), QJsonArray {weatherTool()});
    r = m_env->client().post(QStringLiteral("/v1/messages/count_tokens"), body, kAnthropic);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("input_tokens")).toInt() > small);
    QCOMPARE(m_env->fake().modelRequests(), 0); // an estimate: nothing asked of Workers AI
}

void TestApiAnthropic::modelsInAnthropicShape()
{
    ApiReply r = m_env->client().call("GET", QStringLiteral("/v1/models"), {}, kAnthropic);
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.json.value(QStringLiteral("data")).toArray();
    QVERIFY(!data.isEmpty());
    const QJsonObject first = data[0].toObject();
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("model"));
    QVERIFY(!first.value(QStringLiteral("id")).toString().isEmpty());
    QVERIFY(!first.value(QStringLiteral("display_name")).toString().isEmpty());
    QVERIFY(first.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(r.json.value(QStringLiteral("has_more")).toBool(true), false);
    QCOMPARE(r.json.value(QStringLiteral("first_id")).toString(), first.value(QStringLiteral("id")).toString());
    QVERIFY(!r.json.contains(QStringLiteral("object")));
    // Without the header: OpenAI's list.
    r = m_env->client().call("GET", QStringLiteral("/v1/models"));
    QCOMPARE(r.json.value(QStringLiteral("object")).toString(), QStringLiteral("list"));
}

void TestApiAnthropic::headRoot()
{
    HttpRawClient raw(m_env->server().port());
    raw.send("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // no key: the probe says only "here"
    QTRY_VERIFY(!raw.responses(1).isEmpty() && raw.responses(1).first().complete);
    QCOMPARE(raw.responses(1).first().status, 200);
    QVERIFY(raw.responses(1).first().body.isEmpty());
}

// Errors the transport writes itself, before any route sees the request (a body over the limit
// is refused from its Content-Length), come in Anthropic's shape to Anthropic's clients too.
void TestApiAnthropic::transportErrorsInAnthropicShape()
{
    const auto refuse = [this](const QByteArray& path, const QByteArray& extraHeader) {
        HttpRawClient raw(m_env->server().port());
        raw.send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + QByteArray(kTestApiKey) + "\r\n"
            + extraHeader + "Content-Type: application/json\r\nContent-Length: 4000000000\r\n\r\n{");
        [&] { QTRY_VERIFY(!raw.responses().isEmpty() && raw.responses().first().complete); }();
        return raw.responses().isEmpty() ? HttpRawResponse() : raw.responses().first();
    };
    HttpRawResponse r = refuse("/v1/messages", {});
    QCOMPARE(r.status, 413);
    QJsonObject json = QJsonDocument::fromJson(r.body).object();
    QVERIFY2(json.value(QStringLiteral("type")).toString() == QLatin1String("error"), r.body.constData());
    QCOMPARE(errorType(json), QStringLiteral("request_too_large"));
    // Any route, from a client that says it speaks Anthropic's API.
    r = refuse("/v1/models", "anthropic-version: 2023-06-01\r\n");
    QCOMPARE(r.status, 413);
    QCOMPARE(errorType(QJsonDocument::fromJson(r.body).object()), QStringLiteral("request_too_large"));
    // OpenAI's clients keep OpenAI's shape.
    r = refuse("/v1/chat/completions", {});
    QCOMPARE(r.status, 413);
    json = QJsonDocument::fromJson(r.body).object();
    QVERIFY(!json.contains(QStringLiteral("type")));
    QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("request_too_large"));
}

void TestApiAnthropic::requestLogRows()
{
    QSignalSpy logged(&m_env->server(), &ApiServer::requestLogged);
    QCOMPARE(
        messages(messagesBody(QStringLiteral("claude-sonnet-4-5"), {userText(QStringLiteral("log me"))})).status, 200);
    QTRY_VERIFY(!logged.isEmpty());
    const RequestLogRecord row = logged.last().at(0).value<RequestLogRecord>();
    QCOMPARE(row.path, QStringLiteral("/v1/messages"));
    QCOMPARE(row.status, 200);
    QCOMPARE(row.model, QStringLiteral("glm-4.7-flash"));
    QVERIFY2(row.note.contains(QStringLiteral("claude-sonnet-4-5")), qPrintable(row.note));
    QVERIFY(row.promptTokens > 0);
    QVERIFY(row.completionTokens > 0);
    QVERIFY(row.neurons > 0);
}

void TestApiAnthropic::disconnectCancelsUpstream()
{
    m_env->fake().setTokenDelayMs(50);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_env->server().port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body = QJsonDocument(
        messagesBody(QStringLiteral("llama-3.3-70b"),
            {userText(QStringLiteral("a long reply with very many words in it to stream slowly"))}, true))
                                .toJson(QJsonDocument::Compact);
    socket.write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + QByteArray(kTestApiKey)
        + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += socket.readAll();
            return got.contains("text_delta");
        },
        10000));
    QSignalSpy gone(&m_env->fake(), &FakeWorkersAi::clientDisconnected);
    QElapsedTimer t;
    t.start();
    socket.abort();
    QVERIFY(gone.wait(2000));
    const qint64 ms = t.elapsed();
    qInfo() << "upstream request ended" << ms << "ms after the client disconnected";
    QVERIFY2(ms < 100, qPrintable(QString::number(ms)));
    QCOMPARE(m_env->fake().abortedByClient(), 1);
}

// The grace period over, a stream still open ends with Anthropic's error event (not OpenAI's
// chunk and [DONE]), and its upstream request is cancelled.
void TestApiAnthropic::shutdownEndsStreamWithErrorEvent()
{
    m_env->fake().setTokenDelayMs(200);
    HttpRawClient raw(m_env->server().port());
    const QByteArray body
        = QJsonDocument(messagesBody(QStringLiteral("llama-3.3-70b"),
                            {userText(QStringLiteral("many words to stream very slowly here"))}, true))
              .toJson(QJsonDocument::Compact);
    raw.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + QByteArray(kTestApiKey)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body);
    QTRY_VERIFY(raw.received().contains("text_delta"));
    m_env->server().shutdown(50);
    QTRY_VERIFY(!raw.responses().isEmpty() && raw.responses().first().complete);
    const Stream s = readStream(raw.responses().first().body);
    QCOMPARE(s.names.last(), QByteArray("error"));
    QVERIFY(!s.names.contains(QByteArray("message_stop")));
    QCOMPARE(s.data.last().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("The server is shutting down."));
    QVERIFY(!raw.received().contains("[DONE]"));
}

void TestApiAnthropic::concurrentStreams()
{
    m_env->fake().setTokenDelayMs(30);
    QList<QNetworkAccessManager*> managers;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 64; ++i) {
        if (i % 6 == 0)
            managers.append(new QNetworkAccessManager(this));
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/messages").arg(m_env->server().port())));
        req.setRawHeader("x-api-key", kTestApiKey);
        req.setRawHeader("anthropic-version", "2023-06-01");
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        replies.append(managers.last()->post(req,
            QJsonDocument(messagesBody(QStringLiteral("llama-3.3-70b"),
                              {userText(QStringLiteral("client %1 says hi").arg(i))}, true))
                .toJson()));
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }); },
        30000));
    for (int i = 0; i < 64; ++i) {
        QCOMPARE(replies.at(i)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const Stream s = readStream(replies.at(i)->readAll());
        QCOMPARE(s.names.last(), QByteArray("message_stop"));
        QCOMPARE(s.text(), QStringLiteral("You said: client %1 says hi").arg(i));
    }
    QCOMPARE(m_env->fake().maxConcurrentRequests(), 64);
    qDeleteAll(managers);
}

QTEST_GUILESS_MAIN(TestApiAnthropic)
#include "tst_apianthropic.moc"
