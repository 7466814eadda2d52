// The fake Workers AI server, driven by a plain QNetworkAccessManager (and raw sockets for the
// HTTP corner cases): every reply must match shared/reference/cloudflare-api.md on the wire.

#include "FakeWorkersAi.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <vector>

using namespace flarechat::test;
using Fake = FakeWorkersAi;

namespace {

const QString kScout = QStringLiteral("@cf/meta/llama-4-scout-17b-16e-instruct");
const QString kLlama33 = QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
const QString kCoder = QStringLiteral("@cf/qwen/qwen2.5-coder-32b-instruct");
const QString kDeepSeek = QStringLiteral("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b");
const QString kGptOss = QStringLiteral("@cf/openai/gpt-oss-120b");
const QString kGlm = QStringLiteral("@cf/zai-org/glm-4.7-flash");
const QString kKimi = QStringLiteral("@cf/moonshotai/kimi-k2.6");

struct Result
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QByteArray> reads; // body as the client's reads delivered it
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray contentType() const { return headers.value("content-type"); }
    // "data:" payloads of an SSE body, in order.
    QList<QByteArray> events() const
    {
        QList<QByteArray> out;
        QByteArray normalized = body;
        normalized.replace("\r\n", "\n");
        for (const QByteArray& block : normalized.split('\n')) {
            if (block.startsWith("data: "))
                out.append(block.mid(6));
        }
        return out;
    }
};

QJsonObject userMessages(const QString& text, const QJsonObject& extra = {})
{
    QJsonObject body {
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                            {QStringLiteral("content"), QStringLiteral("Be brief.")}},
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}},
        {QStringLiteral("max_tokens"), 256}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QJsonObject weatherTool()
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                {QStringLiteral("description"), QStringLiteral("Weather for a city")},
                {QStringLiteral("parameters"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                        {QStringLiteral("properties"),
                            QJsonObject {{QStringLiteral("city"),
                                QJsonObject {{QStringLiteral("type"), QStringLiteral("string")},
                                    {QStringLiteral("description"), QStringLiteral("City")}}}}},
                        {QStringLiteral("required"), QJsonArray {QStringLiteral("city")}}}}}}};
}

QByteArray errorBody(int code, const QString& message)
{
    return "{\"result\":null,\"success\":false,\"errors\":[{\"code\":" + QByteArray::number(code) + ",\"message\":\""
        + message.toUtf8() + "\"}],\"messages\":[]}";
}

// Sends raw bytes on a fresh socket and returns everything read until the server closes or
// `until` appears in the input. The event loop keeps running meanwhile: the server lives on
// this thread too.
QByteArray rawExchange(quint16 port, const QByteArray& bytes, const QByteArray& until = {})
{
    QTcpSocket socket;
    QByteArray in;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { in += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write(bytes);
    const bool ended = QTest::qWaitFor(
        [&] { return (!until.isEmpty() && in.contains(until)) || socket.state() == QAbstractSocket::UnconnectedState; },
        5000);
    Q_UNUSED(ended); // a timeout shows up as missing bytes in the caller's checks
    in += socket.readAll();
    return in;
}

} // namespace

class TestFakeWorkersAi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listensOnLoopbackWithCloudflarePaths();
    void missingOrWrongTokenIs401();
    void wrongAccountIs7003();
    void unknownRouteIs404();
    void unknownModelIs5007();
    void invalidBodies();

    void legacyJson();
    void legacyStream();
    void deepSeekMissesOpeningThink();
    void gptOssMessagesPromptAndResponses();
    void gptOssAnswersJsonWhenAskedToStream();
    void vllmJsonAndStreamWithUsageTail();
    void jsonModeIsAnObjectAndDoesNotStream();
    void legacyToolCalls();
    void openAiToolCalls();
    void strictToolCallIds();
    void contentChecks();
    void maxTokensCapsOutput();
    void paidOnlyOnFreePlan();
    void openAiCompatibleEndpoint();
    void aiGatewayLayout();
    void embeddings();

    void toolCallIdsEveryModelAndEndpoint();
    void catalogOfDecember2026();
    void reasoningPerModel_data();
    void reasoningPerModel();
    void reasoningSettersAndStreams();
    void contextWindows();
    void paidOnlyModels();
    void deprecatedModels();
    void dailyFreeAllocation();
    void sessionAffinityPrefixCache();
    void clefIsNotAChatModel();

    void scriptedErrorWithRetryAfter();
    void everyDocumentedErrorHasItsStatus();
    void scriptsPerModelComeFirst();
    void scriptForPath();
    void hangThenClientAbortIsCounted();
    void cutStreamEndsWithoutDone();
    void splitWritesArriveSeparately();
    void quirkStreams();
    void defaultDelays();

    void searchPages();
    void searchFilters();
    void verifyTokens();

    void recordsRequests();
    void keepAliveReusesConnection();
    void malformedHttpIs400AndClose();
    void chunkedRequestBodyAndPipelining();
    void oversizedBodyIs413();
    void sixtyFourConcurrentStreams();

private:
    Result send(const QByteArray& verb, const QString& path, const QByteArray& body = {},
        const QByteArray& token = "fake-token-for-tests", const QList<QPair<QByteArray, QByteArray>>& headers = {},
        QNetworkAccessManager* nam = nullptr);
    Result run(const QString& model, const QJsonObject& body, const QByteArray& token = "fake-token-for-tests");
    Result chat(const QJsonObject& body, const QList<QPair<QByteArray, QByteArray>>& headers = {}); // /ai/v1
    QString accountPath(const QString& rest) const
    {
        return QStringLiteral("/client/v4/accounts/") + m_fake->accountId() + QLatin1Char('/') + rest;
    }

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestFakeWorkersAi::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestFakeWorkersAi::cleanup()
{
    m_nam.reset();
    m_fake.reset();
}

Result TestFakeWorkersAi::send(const QByteArray& verb, const QString& path, const QByteArray& body,
    const QByteArray& token, const QList<QPair<QByteArray, QByteArray>>& headers, QNetworkAccessManager* nam)
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(m_fake->port()));
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(q >= 0 ? path.left(q) : path, QUrl::TolerantMode); // keep %XX as sent
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply* reply = (nam ? nam : m_nam.get())->sendCustomRequest(request, verb, body);
    Result result;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, &result] {
        const QByteArray piece = reply->readAll();
        result.reads.append(piece);
        result.body += piece;
    });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    result.finished = finished.wait(15000);
    result.body += reply->readAll();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    for (const auto& pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return result;
}

Result TestFakeWorkersAi::run(const QString& model, const QJsonObject& body, const QByteArray& token)
{
    return send("POST", accountPath(QStringLiteral("ai/run/") + model),
        QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

// ---------------------------------------------------------------------------------------------

void TestFakeWorkersAi::listensOnLoopbackWithCloudflarePaths()
{
    QVERIFY(m_fake->port() > 0);
    QCOMPARE(m_fake->baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(m_fake->port())));
    QCOMPARE(m_fake->accountId(), QStringLiteral("0123456789abcdef0123456789abcdef"));
    QCOMPARE(m_fake->apiToken(), QByteArray("fake-token-for-tests"));
    QCOMPARE(m_fake->gatewayUrl().path(), QStringLiteral("/v1/0123456789abcdef0123456789abcdef/default/workers-ai"));
    m_fake->setAccountId(QStringLiteral("fedcba9876543210fedcba9876543210"));
    m_fake->setApiToken("another-fake-token");
    const Result ok = run(kScout, userMessages(QStringLiteral("hi")), "another-fake-token");
    QCOMPARE(ok.status, 200);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 401);
}

void TestFakeWorkersAi::missingOrWrongTokenIs401()
{
    const QByteArray body = QJsonDocument(userMessages(QStringLiteral("hi"))).toJson();
    for (const QByteArray& token : {QByteArray(), QByteArray("wrong-token")}) {
        const Result r = send("POST", accountPath(QStringLiteral("ai/run/") + kScout), body, token);
        QVERIFY(r.finished);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.body, errorBody(10000, QStringLiteral("Authentication error")));
        QCOMPARE(r.contentType(), QByteArray("application/json"));
    }
    m_fake->addToken("disabled-token", Fake::TokenKind::User, Fake::TokenStatus::Disabled);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi")), "disabled-token").status, 401);
    QCOMPARE(m_fake->requests().size(), 3); // refused requests are recorded too
}

void TestFakeWorkersAi::wrongAccountIs7003()
{
    const QString path = QStringLiteral("/client/v4/accounts/ffffffffffffffffffffffffffffffff/ai/run/") + kScout;
    const Result r = send("POST", path, QJsonDocument(userMessages(QStringLiteral("hi"))).toJson());
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body,
        errorBody(7003,
            QStringLiteral("Could not route to ") + path
                + QStringLiteral(", perhaps your object identifier is invalid?")));
}

void TestFakeWorkersAi::unknownRouteIs404()
{
    const Result r = send("GET", accountPath(QStringLiteral("ai/run/") + kScout)); // GET on a POST route
    QCOMPARE(r.status, 404);
    QCOMPARE(
        r.json().value(QLatin1String("errors")).toArray().at(0).toObject().value(QLatin1String("code")).toInt(), 7000);
}

void TestFakeWorkersAi::unknownModelIs5007()
{
    const Result r = run(QStringLiteral("gpt-4o"), userMessages(QStringLiteral("hi")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, errorBody(5007, QStringLiteral("No such model gpt-4o or task")));
    m_fake->setModelFamily(QStringLiteral("@cf/meta/retired-model"), Fake::Family::Missing);
    QCOMPARE(run(QStringLiteral("@cf/meta/retired-model"), userMessages(QStringLiteral("hi"))).status, 400);
    // An unknown but well-formed @cf id answers like a legacy model.
    const Result unknown = run(QStringLiteral("@cf/newvendor/new-model"), userMessages(QStringLiteral("hi")));
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said: hi"));
    // Percent-encoded model ids route the same.
    const Result encoded
        = send("POST", accountPath(QStringLiteral("ai/run/%40cf%2Fmeta%2Fllama-4-scout-17b-16e-instruct")),
            QJsonDocument(userMessages(QStringLiteral("hi"))).toJson());
    QCOMPARE(encoded.status, 200);
    QCOMPARE(m_fake->lastRequest().model, kScout);
}

void TestFakeWorkersAi::invalidBodies()
{
    const QString path = accountPath(QStringLiteral("ai/run/") + kScout);
    const Result notJson = send("POST", path, "{\"messages\": [");
    QCOMPARE(notJson.status, 400);
    QCOMPARE(notJson.json()[QLatin1String("errors")].toArray().at(0).toObject()[QLatin1String("code")].toInt(), 3003);

    QJsonObject both = userMessages(QStringLiteral("hi"));
    both.insert(QStringLiteral("prompt"), QStringLiteral("hi"));
    const Result oneOf = run(kScout, both);
    QCOMPARE(oneOf.status, 400);
    QCOMPARE(oneOf.json()[QLatin1String("errors")].toArray().at(0).toObject()[QLatin1String("message")].toString(),
        QStringLiteral("AiError: Bad input: Error: oneOf at '/' not met"));
    QCOMPARE(run(kScout, QJsonObject {{QStringLiteral("max_tokens"), 5}}).status, 400);
}

void TestFakeWorkersAi::legacyJson()
{
    const Result r = run(kScout, userMessages(QStringLiteral("hello world")));
    QVERIFY(r.finished);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType(), QByteArray("application/json"));
    QVERIFY(r.body.startsWith("{\"result\":{\"response\":\"You said: hello world\",\"tool_calls\":[],\"usage\":{"));
    QVERIFY(r.body.endsWith("}},\"success\":true,\"errors\":[],\"messages\":[]}"));
    const QJsonObject result = r.json()[QLatin1String("result")].toObject();
    const QJsonObject usage = result[QLatin1String("usage")].toObject();
    QCOMPARE(usage.keys(),
        (QStringList {
            QStringLiteral("completion_tokens"), QStringLiteral("prompt_tokens"), QStringLiteral("total_tokens")}));
    QCOMPARE(usage[QLatin1String("completion_tokens")].toInt(), 4); // "You", " said:", " hello", " world"
    QCOMPARE(usage[QLatin1String("total_tokens")].toInt(), usage[QLatin1String("prompt_tokens")].toInt() + 4);
}

void TestFakeWorkersAi::legacyStream()
{
    QJsonObject body = userMessages(QStringLiteral("hello there world"));
    body.insert(QStringLiteral("stream"), true);
    const Result r = run(kLlama33, body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType(), QByteArray("text/event-stream"));
    QVERIFY(r.body.startsWith("data: {\"response\":\"You\",\"p\":\""));
    QVERIFY(r.body.endsWith("\n\ndata: [DONE]\n\n"));
    const QList<QByteArray> events = r.events();
    QCOMPARE(events.constLast(), QByteArray("[DONE]"));
    QString text;
    for (int i = 0; i < events.size() - 2; ++i) {
        const QJsonObject e = QJsonDocument::fromJson(events.at(i)).object();
        QCOMPARE(e.keys(), (QStringList {QStringLiteral("p"), QStringLiteral("response")}));
        QVERIFY(!e[QLatin1String("p")].toString().isEmpty());
        text += e[QLatin1String("response")].toString();
    }
    QCOMPARE(text, QStringLiteral("You said: hello there world"));
    QCOMPARE(events.size() - 2, Fake::splitTokens(text).size());
    const QJsonObject last = QJsonDocument::fromJson(events.at(events.size() - 2)).object();
    QCOMPARE(last[QLatin1String("response")].toString(), QString());
    QVERIFY(!last.contains(QLatin1String("p")));
    QCOMPARE(last[QLatin1String("usage")].toObject()[QLatin1String("completion_tokens")].toInt(), events.size() - 2);
    QVERIFY(last[QLatin1String("usage")].toObject()[QLatin1String("total_tokens")].toInt()
        > last[QLatin1String("usage")].toObject()[QLatin1String("completion_tokens")].toInt());
}

void TestFakeWorkersAi::deepSeekMissesOpeningThink()
{
    const Result r = run(kDeepSeek, userMessages(QStringLiteral("two words")));
    QCOMPARE(r.status, 200);
    const QString response = r.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString();
    QVERIFY2(!response.contains(QLatin1String("<think>")), qPrintable(response));
    QVERIFY(response.contains(QLatin1String("\n</think>\n\n")));
    QVERIFY(response.endsWith(QLatin1String("</think>\n\nYou said: two words")));
    QVERIFY(!response.startsWith(QLatin1String("\n")));

    QJsonObject body = userMessages(QStringLiteral("two words"));
    body.insert(QStringLiteral("stream"), true);
    const Result s = run(kDeepSeek, body);
    QCOMPARE(s.contentType(), QByteArray("text/event-stream"));
    QString streamed;
    bool thinkAlone = false;
    for (const QByteArray& e : s.events()) {
        const QJsonObject o = QJsonDocument::fromJson(e).object();
        streamed += o[QLatin1String("response")].toString();
        thinkAlone = thinkAlone || o[QLatin1String("response")].toString() == QLatin1String("</think>");
    }
    QCOMPARE(streamed, response);
    QVERIFY(thinkAlone);
}

void TestFakeWorkersAi::gptOssMessagesPromptAndResponses()
{
    const Result chat = run(kGptOss, userMessages(QStringLiteral("hi there")));
    QCOMPARE(chat.status, 200);
    QVERIFY(chat.body.startsWith("{\"result\":{\"id\":\"chatcmpl-"));
    const QJsonObject completion = chat.json()[QLatin1String("result")].toObject();
    QCOMPARE(completion[QLatin1String("object")].toString(), QStringLiteral("chat.completion"));
    QCOMPARE(completion[QLatin1String("model")].toString(), kGptOss);
    const QJsonObject choice = completion[QLatin1String("choices")].toArray().at(0).toObject();
    QCOMPARE(choice[QLatin1String("finish_reason")].toString(), QStringLiteral("stop"));
    QCOMPARE(choice[QLatin1String("message")].toObject()[QLatin1String("content")].toString(),
        QStringLiteral("You said: hi there"));
    QVERIFY(!choice[QLatin1String("message")].toObject()[QLatin1String("reasoning_content")].toString().isEmpty());
    QVERIFY(completion[QLatin1String("usage")].toObject()[QLatin1String("total_tokens")].toInt() > 0);

    const Result prompt = run(kGptOss, QJsonObject {{QStringLiteral("prompt"), QStringLiteral("hi")}});
    QCOMPARE(prompt.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said: hi"));

    const Result responses = run(kGptOss,
        QJsonObject {{QStringLiteral("input"),
                         QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                             {QStringLiteral("content"), QStringLiteral("hey")}}}},
            {QStringLiteral("reasoning"), QJsonObject {{QStringLiteral("effort"), QStringLiteral("low")}}}});
    QCOMPARE(responses.status, 200);
    const QJsonObject response = responses.json()[QLatin1String("result")].toObject();
    QCOMPARE(response[QLatin1String("object")].toString(), QStringLiteral("response"));
    QCOMPARE(response[QLatin1String("status")].toString(), QStringLiteral("completed"));
    const QJsonArray output = response[QLatin1String("output")].toArray();
    QCOMPARE(output.size(), 2);
    QCOMPARE(output.at(0).toObject()[QLatin1String("type")].toString(), QStringLiteral("reasoning"));
    QCOMPARE(
        output.at(0).toObject()[QLatin1String("content")].toArray().at(0).toObject()[QLatin1String("type")].toString(),
        QStringLiteral("reasoning_text"));
    QCOMPARE(output.at(1).toObject()[QLatin1String("type")].toString(), QStringLiteral("message"));
    QCOMPARE(
        output.at(1).toObject()[QLatin1String("content")].toArray().at(0).toObject()[QLatin1String("text")].toString(),
        QStringLiteral("You said: hey"));
    QVERIFY(response[QLatin1String("usage")].toObject().contains(QLatin1String("input_tokens")));
    // Other models know no Responses form.
    QCOMPARE(run(kScout, QJsonObject {{QStringLiteral("input"), QStringLiteral("hey")}}).status, 400);
}

void TestFakeWorkersAi::gptOssAnswersJsonWhenAskedToStream()
{
    for (const QString& model : {kGptOss, kKimi}) {
        QJsonObject body = userMessages(QStringLiteral("stream please"));
        body.insert(QStringLiteral("stream"), true);
        const Result r = run(model, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("application/json"));
        QCOMPARE(r.json()[QLatin1String("result")]
                     .toObject()[QLatin1String("choices")]
                     .toArray()
                     .at(0)
                     .toObject()[QLatin1String("message")]
                     .toObject()[QLatin1String("content")]
                     .toString(),
            QStringLiteral("You said: stream please"));
    }
    m_fake->setNoStreamReplyEmpty(true);
    QJsonObject body = userMessages(QStringLiteral("stream please"));
    body.insert(QStringLiteral("stream"), true);
    const Result empty = run(kGptOss, body);
    QCOMPARE(empty.body, QByteArray("{\"result\":{},\"success\":true,\"errors\":[],\"messages\":[]}"));
}

void TestFakeWorkersAi::vllmJsonAndStreamWithUsageTail()
{
    const Result r = run(kGlm, userMessages(QStringLiteral("good morning")));
    QCOMPARE(r.status, 200);
    const QJsonObject message = r.json()[QLatin1String("result")]
                                    .toObject()[QLatin1String("choices")]
                                    .toArray()
                                    .at(0)
                                    .toObject()[QLatin1String("message")]
                                    .toObject();
    QCOMPARE(message[QLatin1String("content")].toString(), QStringLiteral("You said: good morning"));
    QVERIFY(!message[QLatin1String("reasoning_content")].toString().isEmpty());

    QJsonObject body = userMessages(QStringLiteral("good morning"));
    body.insert(QStringLiteral("stream"), true);
    const Result s = run(kGlm, body);
    QCOMPARE(s.contentType(), QByteArray("text/event-stream"));
    const QList<QByteArray> events = s.events();
    QVERIFY(events.size() > 6);
    QCOMPARE(events.constLast(), QByteArray("[DONE]"));
    QString reasoning, content;
    bool contentSeen = false;
    int i = 0;
    for (; i < events.size(); ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(events.at(i)).object();
        QCOMPARE(chunk[QLatin1String("object")].toString(), QStringLiteral("chat.completion.chunk"));
        const QJsonObject choice = chunk[QLatin1String("choices")].toArray().at(0).toObject();
        const QJsonObject delta = choice[QLatin1String("delta")].toObject();
        if (delta.contains(QLatin1String("reasoning_content"))) {
            QVERIFY2(!contentSeen, "reasoning after content");
            reasoning += delta[QLatin1String("reasoning_content")].toString();
        }
        if (delta.contains(QLatin1String("content"))) {
            contentSeen = true;
            content += delta[QLatin1String("content")].toString();
        }
        if (!choice[QLatin1String("finish_reason")].isNull()) {
            QCOMPARE(choice[QLatin1String("finish_reason")].toString(), QStringLiteral("stop"));
            break;
        }
    }
    QVERIFY(!reasoning.isEmpty());
    QCOMPARE(content, QStringLiteral("You said: good morning"));
    QCOMPARE(events.size(), i + 4); // finish chunk, zero usage, Cloudflare frame, [DONE]
    const QJsonObject zero = QJsonDocument::fromJson(events.at(i + 1)).object();
    QCOMPARE(zero[QLatin1String("choices")].toArray().size(), 0);
    QCOMPARE(zero[QLatin1String("usage")].toObject()[QLatin1String("total_tokens")].toInt(), 0);
    const QJsonObject tail = QJsonDocument::fromJson(events.at(i + 2)).object();
    QCOMPARE(tail[QLatin1String("response")].toString(), QString());
    QVERIFY(tail[QLatin1String("usage")].toObject()[QLatin1String("completion_tokens")].toInt() > 0);
    QVERIFY(tail[QLatin1String("usage")].toObject()[QLatin1String("neurons")].toDouble() > 0);
}

void TestFakeWorkersAi::jsonModeIsAnObjectAndDoesNotStream()
{
    const QJsonObject schema {{QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("answer"), QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}},
                {QStringLiteral("score"), QJsonObject {{QStringLiteral("type"), QStringLiteral("integer")}}}}}};
    QJsonObject body = userMessages(QStringLiteral("rate this"),
        {{QStringLiteral("response_format"),
            QJsonObject {
                {QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("json_schema"), schema}}}});
    const Result r = run(kLlama33, body);
    QCOMPARE(r.status, 200);
    const QJsonValue response = r.json()[QLatin1String("result")].toObject()[QLatin1String("response")];
    QVERIFY(response.isObject());
    QCOMPARE(response.toObject()[QLatin1String("answer")].toString(), QStringLiteral("rate this"));
    QCOMPARE(response.toObject()[QLatin1String("score")].toInt(), 42);

    body.insert(QStringLiteral("stream"), true);
    const Result s = run(kLlama33, body);
    QCOMPARE(s.contentType(), QByteArray("application/json"));
    QVERIFY(s.json()[QLatin1String("result")].toObject()[QLatin1String("response")].isObject());

    // vLLM-era models want OpenAI's {name, schema} envelope.
    QJsonObject glm = userMessages(QStringLiteral("x"),
        {{QStringLiteral("response_format"),
            QJsonObject {
                {QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("json_schema"), schema}}}});
    QCOMPARE(run(kGlm, glm).status, 400);
    glm.insert(QStringLiteral("response_format"),
        QJsonObject {{QStringLiteral("type"), QStringLiteral("json_schema")},
            {QStringLiteral("json_schema"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("rating")}, {QStringLiteral("schema"), schema}}}});
    const Result g = run(kGlm, glm);
    QCOMPARE(g.status, 200);
    const QString content = g.json()[QLatin1String("result")]
                                .toObject()[QLatin1String("choices")]
                                .toArray()
                                .at(0)
                                .toObject()[QLatin1String("message")]
                                .toObject()[QLatin1String("content")]
                                .toString();
    QCOMPARE(QJsonDocument::fromJson(content.toUtf8()).object()[QLatin1String("score")].toInt(), 42);
}

void TestFakeWorkersAi::legacyToolCalls()
{
    const QJsonObject body
        = userMessages(QStringLiteral("Paris"), {{QStringLiteral("tools"), QJsonArray {weatherTool()}}});
    const Result r = run(kLlama33, body);
    QCOMPARE(r.status, 200);
    const QJsonObject result = r.json()[QLatin1String("result")].toObject();
    QCOMPARE(result[QLatin1String("response")].toString(), QString());
    const QJsonObject call = result[QLatin1String("tool_calls")].toArray().at(0).toObject();
    QCOMPARE(call.keys(), (QStringList {QStringLiteral("arguments"), QStringLiteral("name")})); // no id
    QCOMPARE(call[QLatin1String("name")].toString(), QStringLiteral("get_weather"));
    QCOMPARE(call[QLatin1String("arguments")].toObject()[QLatin1String("city")].toString(), QStringLiteral("Paris"));

    QJsonObject streamBody = body;
    streamBody.insert(QStringLiteral("stream"), true);
    const Result s = run(kLlama33, streamBody);
    bool found = false;
    for (const QByteArray& e : s.events()) {
        const QJsonObject o = QJsonDocument::fromJson(e).object();
        if (o.contains(QLatin1String("tool_calls"))) {
            found = true;
            QCOMPARE(o[QLatin1String("tool_calls")]
                         .toArray()
                         .at(0)
                         .toObject()[QLatin1String("arguments")]
                         .toObject()[QLatin1String("city")]
                         .toString(),
                QStringLiteral("Paris"));
        }
    }
    QVERIFY(found);

    // After the tool answered, the model answers in text.
    QJsonObject after = body;
    QJsonArray messages = after[QLatin1String("messages")].toArray();
    messages.append(
        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()}});
    messages.append(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("tool")}, {QStringLiteral("content"), QStringLiteral("sunny")}});
    after.insert(QStringLiteral("messages"), messages);
    QCOMPARE(run(kLlama33, after).json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("Tool result: sunny"));
}

void TestFakeWorkersAi::openAiToolCalls()
{
    const QJsonObject body
        = userMessages(QStringLiteral("Oslo"), {{QStringLiteral("tools"), QJsonArray {weatherTool()}}});
    const Result r = run(kGptOss, body);
    const QJsonObject choice
        = r.json()[QLatin1String("result")].toObject()[QLatin1String("choices")].toArray().at(0).toObject();
    QCOMPARE(choice[QLatin1String("finish_reason")].toString(), QStringLiteral("tool_calls"));
    const QJsonObject call
        = choice[QLatin1String("message")].toObject()[QLatin1String("tool_calls")].toArray().at(0).toObject();
    QVERIFY(!call[QLatin1String("id")].toString().isEmpty());
    QCOMPARE(call[QLatin1String("type")].toString(), QStringLiteral("function"));
    QVERIFY(call[QLatin1String("function")].toObject()[QLatin1String("arguments")].isString());
    QCOMPARE(QJsonDocument::fromJson(
                 call[QLatin1String("function")].toObject()[QLatin1String("arguments")].toString().toUtf8())
                 .object()[QLatin1String("city")]
                 .toString(),
        QStringLiteral("Oslo"));

    QJsonObject streamBody = body;
    streamBody.insert(QStringLiteral("stream"), true);
    const Result s = run(kGlm, streamBody);
    QString id, name, arguments;
    bool finalization = false;
    QString finish;
    for (const QByteArray& e : s.events()) {
        const QJsonObject choice0
            = QJsonDocument::fromJson(e).object()[QLatin1String("choices")].toArray().at(0).toObject();
        if (choice0[QLatin1String("finish_reason")].isString())
            finish = choice0[QLatin1String("finish_reason")].toString();
        for (const QJsonValue& v : choice0[QLatin1String("delta")].toObject()[QLatin1String("tool_calls")].toArray()) {
            const QJsonObject tc = v.toObject();
            QCOMPARE(tc[QLatin1String("index")].toInt(), 0);
            if (tc.contains(QLatin1String("id")) && tc[QLatin1String("id")].isNull()) {
                finalization = true;
                QVERIFY(tc[QLatin1String("function")].toObject()[QLatin1String("name")].isNull());
                QVERIFY(tc[QLatin1String("function")].toObject()[QLatin1String("arguments")].isNull());
                continue;
            }
            if (tc[QLatin1String("id")].isString())
                id = tc[QLatin1String("id")].toString();
            if (tc[QLatin1String("function")].toObject()[QLatin1String("name")].isString())
                name = tc[QLatin1String("function")].toObject()[QLatin1String("name")].toString();
            arguments += tc[QLatin1String("function")].toObject()[QLatin1String("arguments")].toString();
        }
    }
    QVERIFY(!id.isEmpty());
    QCOMPARE(name, QStringLiteral("get_weather"));
    QCOMPARE(
        QJsonDocument::fromJson(arguments.toUtf8()).object()[QLatin1String("city")].toString(), QStringLiteral("Oslo"));
    QVERIFY(finalization);
    QCOMPARE(finish, QStringLiteral("tool_calls"));
}

void TestFakeWorkersAi::strictToolCallIds()
{
    auto withToolTurn = [](const QString& id) {
        QJsonObject body
            = userMessages(QStringLiteral("Rome"), {{QStringLiteral("tools"), QJsonArray {weatherTool()}}});
        QJsonArray messages = body[QLatin1String("messages")].toArray();
        messages.append(
            QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()},
                {QStringLiteral("tool_calls"),
                    QJsonArray {
                        QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("function")},
                            {QStringLiteral("function"),
                                QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                                    {QStringLiteral("arguments"), QStringLiteral("{\"city\":\"Rome\"}")}}}}}}});
        messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
            {QStringLiteral("tool_call_id"), id}, {QStringLiteral("content"), QStringLiteral("rain")}});
        body.insert(QStringLiteral("messages"), messages);
        return body;
    };
    // Every model, every family: 9 alphanumerics or 400 (reference §11).
    for (const QString& model : {kScout, QStringLiteral("@cf/mistralai/mistral-small-3.1-24b-instruct"), kLlama33,
             kGptOss, kGlm, kKimi, kDeepSeek, kCoder}) {
        const Result bad = run(model, withToolTurn(QStringLiteral("call_0123456789")));
        QCOMPARE(bad.status, 400);
        QCOMPARE(
            bad.body, errorBody(8001, QStringLiteral("Tool call IDs should be alphanumeric strings with length 9")));
        QCOMPARE(run(model, withToolTurn(QStringLiteral("abc123XYZ"))).status, 200);
    }
}

void TestFakeWorkersAi::contentChecks()
{
    auto withContent = [](const QJsonValue& content) {
        return QJsonObject {{QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), content}}}}};
    };
    QCOMPARE(run(kScout, withContent(QJsonValue::Null)).status, 400);
    auto image = [](const QString& url) {
        return QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                               {QStringLiteral("text"), QStringLiteral("what is this")}},
            QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")},
                {QStringLiteral("image_url"), QJsonObject {{QStringLiteral("url"), url}}}}};
    };
    QCOMPARE(run(kScout, withContent(image(QStringLiteral("https://example.com/cat.png")))).status, 400);
    const Result ok = run(kScout, withContent(image(QStringLiteral("data:image/png;base64,iVBORw0KGgo="))));
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said: what is this"));
    QCOMPARE(run(kLlama33, withContent(image(QStringLiteral("data:image/png;base64,iVBORw0KGgo=")))).status, 400);
    // String-only models refuse even text parts.
    const QJsonArray textParts {
        QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QStringLiteral("hi")}}};
    QCOMPARE(run(kCoder, withContent(textParts)).status, 400);
    QCOMPARE(run(kDeepSeek, withContent(textParts)).status, 200);
}

void TestFakeWorkersAi::maxTokensCapsOutput()
{
    QStringList words;
    for (int i = 0; i < 300; ++i)
        words.append(QStringLiteral("w%1").arg(i));
    QJsonObject body {{QStringLiteral("prompt"), words.join(QLatin1Char(' '))}};
    const Result uncapped = run(kCoder, body);
    QCOMPARE(uncapped.json()[QLatin1String("result")]
                 .toObject()[QLatin1String("usage")]
                 .toObject()[QLatin1String("completion_tokens")]
                 .toInt(),
        256);
    QVERIFY(!m_fake->lastRequest().json.contains(QLatin1String("max_tokens"))); // recorded as sent

    body.insert(QStringLiteral("max_tokens"), 2);
    const Result two = run(kCoder, body);
    QCOMPARE(two.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said:"));
    QCOMPARE(m_fake->lastRequest().json[QLatin1String("max_tokens")].toInt(), 2);

    // A reasoning model can spend the whole budget thinking.
    const Result thinking = run(kGlm, userMessages(QStringLiteral("hi"), {{QStringLiteral("max_tokens"), 1}}));
    const QJsonObject choice
        = thinking.json()[QLatin1String("result")].toObject()[QLatin1String("choices")].toArray().at(0).toObject();
    QCOMPARE(choice[QLatin1String("finish_reason")].toString(), QStringLiteral("length"));
    QCOMPARE(choice[QLatin1String("message")].toObject()[QLatin1String("content")].toString(), QString());
}

void TestFakeWorkersAi::paidOnlyOnFreePlan()
{
    QCOMPARE(run(kKimi, userMessages(QStringLiteral("hi"))).status, 200);
    m_fake->setFreePlan(true);
    const Result r = run(kKimi, userMessages(QStringLiteral("hi")));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.json()[QLatin1String("errors")].toArray().at(0).toObject()[QLatin1String("code")].toInt(), 5035);
}

void TestFakeWorkersAi::openAiCompatibleEndpoint()
{
    QJsonObject body = userMessages(QStringLiteral("compat"));
    body.insert(QStringLiteral("model"), kScout);
    const QString path = accountPath(QStringLiteral("ai/v1/chat/completions"));
    const Result r = send("POST", path, QJsonDocument(body).toJson());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QLatin1String("object")].toString(), QStringLiteral("chat.completion")); // no envelope
    QCOMPARE(r.json()[QLatin1String("choices")]
                 .toArray()
                 .at(0)
                 .toObject()[QLatin1String("message")]
                 .toObject()[QLatin1String("content")]
                 .toString(),
        QStringLiteral("You said: compat"));
    QCOMPARE(m_fake->lastRequest().model, kScout);

    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    const Result s = send("POST", path, QJsonDocument(body).toJson());
    const QList<QByteArray> events = s.events();
    QCOMPARE(events.constLast(), QByteArray("[DONE]"));
    const QJsonObject usage = QJsonDocument::fromJson(events.at(events.size() - 2)).object();
    QCOMPARE(usage[QLatin1String("choices")].toArray().size(), 0);
    QVERIFY(usage[QLatin1String("usage")].toObject()[QLatin1String("total_tokens")].toInt() > 0);
}

void TestFakeWorkersAi::aiGatewayLayout()
{
    const QString path = m_fake->gatewayUrl(QStringLiteral("my-gateway")).path() + QStringLiteral("/run/") + kScout;
    const Result r = send("POST", path, QJsonDocument(userMessages(QStringLiteral("via gateway"))).toJson(),
        "fake-token-for-tests", {{"cf-aig-skip-cache", "true"}, {"cf-aig-metadata", "{\"user\":\"t\"}"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said: via gateway"));
    QVERIFY(!r.headers.value("cf-aig-log-id").isEmpty());
    QCOMPARE(r.headers.value("cf-aig-cache-status"), QByteArray("MISS"));
    const Fake::ReceivedRequest rec = m_fake->lastRequest();
    QCOMPARE(rec.model, kScout);
    QCOMPARE(rec.header("cf-aig-skip-cache"), QByteArray("true"));
    QCOMPARE(rec.header("cf-aig-metadata"), QByteArray("{\"user\":\"t\"}"));
}

void TestFakeWorkersAi::embeddings()
{
    const Result r = run(QStringLiteral("@cf/baai/bge-small-en-v1.5"),
        QJsonObject {{QStringLiteral("text"), QJsonArray {QStringLiteral("a"), QStringLiteral("b")}}});
    QCOMPARE(r.status, 200);
    const QJsonObject result = r.json()[QLatin1String("result")].toObject();
    QCOMPARE(result[QLatin1String("shape")].toArray(), (QJsonArray {2, 384}));
    QCOMPARE(result[QLatin1String("data")].toArray().at(0).toArray().size(), 384);
}

// ---------------------------------------------------------------------------------------------

void TestFakeWorkersAi::scriptedErrorWithRetryAfter()
{
    m_fake->enqueue(Fake::error(Fake::Error::Capacity, {}, 7));
    QCOMPARE(m_fake->pendingScripts(), 1);
    const Result r = run(kScout, userMessages(QStringLiteral("hi")), "not-even-a-valid-token"); // scripts skip auth
    QCOMPARE(r.status, 429);
    QCOMPARE(r.headers.value("retry-after"), QByteArray("7"));
    QCOMPARE(r.body, errorBody(3040, QStringLiteral("Capacity temporarily exceeded, please try again.")));
    QCOMPARE(m_fake->pendingScripts(), 0);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 200); // back to defaults
}

void TestFakeWorkersAi::everyDocumentedErrorHasItsStatus()
{
    const QList<QPair<Fake::Error, QPair<int, int>>> table {{Fake::Error::Authentication, {401, 10000}},
        {Fake::Error::PaidOnly, {403, 5035}}, {Fake::Error::AgreementNeeded, {403, 5016}},
        {Fake::Error::NoSuchModel, {400, 5007}}, {Fake::Error::InvalidModelName, {404, 3042}},
        {Fake::Error::MisspeltModel, {400, 7000}}, {Fake::Error::BadRoute, {404, 7003}},
        {Fake::Error::TooLarge, {413, 3006}}, {Fake::Error::Timeout, {408, 3007}}, {Fake::Error::Aborted, {408, 3008}},
        {Fake::Error::Capacity, {429, 3040}}, {Fake::Error::DailyQuota, {429, 3036}},
        {Fake::Error::DailyQuota4006, {429, 4006}}, {Fake::Error::InvalidInput, {400, 8001}},
        {Fake::Error::Internal, {500, 3043}}, {Fake::Error::BadGateway, {502, 0}}, {Fake::Error::Unavailable, {503, 0}},
        {Fake::Error::GatewayTimeout, {504, 0}}};
    for (const auto& row : table)
        m_fake->enqueue(Fake::error(row.first));
    for (const auto& row : table) {
        const Result r = run(kScout, userMessages(QStringLiteral("hi")));
        QCOMPARE(r.status, row.second.first);
        if (row.second.second != 0)
            QCOMPARE(r.json()[QLatin1String("errors")].toArray().at(0).toObject()[QLatin1String("code")].toInt(),
                row.second.second);
        else
            QCOMPARE(r.contentType(), QByteArray("text/html"));
    }
    QVERIFY(Fake::error(Fake::Error::DailyQuota).body().contains("daily free allocation of 10,000 neurons"));
}

void TestFakeWorkersAi::scriptsPerModelComeFirst()
{
    m_fake->enqueue(Fake::legacyJson(QStringLiteral("general")));
    m_fake->enqueueFor(kGlm, Fake::legacyJson(QStringLiteral("for glm")));
    QCOMPARE(run(kScout, userMessages(QStringLiteral("x")))
                 .json()[QLatin1String("result")]
                 .toObject()[QLatin1String("response")]
                 .toString(),
        QStringLiteral("general"));
    QCOMPARE(run(kGlm, userMessages(QStringLiteral("x")))
                 .json()[QLatin1String("result")]
                 .toObject()[QLatin1String("response")]
                 .toString(),
        QStringLiteral("for glm"));
    QCOMPARE(run(kGlm, userMessages(QStringLiteral("x")))
                 .json()[QLatin1String("result")]
                 .toObject()[QLatin1String("choices")]
                 .toArray()
                 .size(),
        1);
}

void TestFakeWorkersAi::scriptForPath()
{
    m_fake->enqueueForPath(QStringLiteral("/ai/models/search"), Fake::error(Fake::Error::Authentication));
    QCOMPARE(send("GET", accountPath(QStringLiteral("ai/models/search"))).status, 401);
    QCOMPARE(send("GET", accountPath(QStringLiteral("ai/models/search"))).status, 200);
}

void TestFakeWorkersAi::hangThenClientAbortIsCounted()
{
    m_fake->enqueue(Fake::hangingReply());
    QSignalSpy received(m_fake.get(), &FakeWorkersAi::requestReceived);
    QSignalSpy disconnected(m_fake.get(), &FakeWorkersAi::clientDisconnected);
    QNetworkRequest request(QUrl(m_fake->baseUrl().toString() + QStringLiteral("/accounts/") + m_fake->accountId()
        + QStringLiteral("/ai/run/") + kScout));
    request.setRawHeader("Authorization", "Bearer fake-token-for-tests");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = m_nam->post(request, QJsonDocument(userMessages(QStringLiteral("hi"))).toJson());
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<Fake::ReceivedRequest>().model, kScout);
    QCOMPARE(m_fake->inFlightRequests(), 1);
    reply->abort();
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(m_fake->abortedByClient(), 1);
    QCOMPARE(m_fake->inFlightRequests(), 0);
    reply->deleteLater();
}

void TestFakeWorkersAi::cutStreamEndsWithoutDone()
{
    m_fake->enqueue(Fake::cutStream({QStringLiteral("Hel"), QStringLiteral("lo")}));
    QJsonObject body = userMessages(QStringLiteral("hi"));
    body.insert(QStringLiteral("stream"), true);
    const Result r = run(kScout, body);
    QVERIFY(r.finished);
    QVERIFY(r.body.contains("\"Hel\""));
    QVERIFY(!r.body.contains("[DONE]"));
    // Whether Qt reports the unterminated chunked body as an error depends on timing (NoError
    // or RemoteHostClosedError): only the missing [DONE] is certain.

    m_fake->enqueue(Fake::cutStream({QStringLiteral("Hel")}, true));
    const Result n = run(kScout, body);
    QCOMPARE(n.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(n.body.startsWith("data: {\"response\":\"Hel\""));
    QCOMPARE(m_fake->abortedByClient(), 0); // the server closed, not the client

    // Without chunked framing the body simply runs to the close: a clean EOF, still no [DONE].
    Fake::Script plain = Fake::cutStream({QStringLiteral("Hel")});
    plain.useChunkedEncoding = false;
    m_fake->enqueue(plain);
    const Result p = run(kScout, body);
    QCOMPARE(p.status, 200);
    QVERIFY(p.body.startsWith("data: {\"response\":\"Hel\""));
    QVERIFY(!p.body.contains("[DONE]"));
}

void TestFakeWorkersAi::splitWritesArriveSeparately()
{
    // "é" is two bytes in UTF-8 and "</think>" eight: cut inside both, the writes 30 ms apart.
    const Fake::Script whole
        = Fake::legacyStream({QStringLiteral("caf\u00e9"), QStringLiteral("</think>")}, {}, true, false, false);
    const QByteArray bytes = whole.body();
    const int inUtf8 = int(bytes.indexOf("\xc3\xa9")) + 1;
    const int inThink = int(bytes.indexOf("</think>")) + 3;
    m_fake->enqueue(Fake::withDelays(Fake::splitAt(whole, {inUtf8, inThink}), 0, 30));
    QJsonObject body = userMessages(QStringLiteral("hi"));
    body.insert(QStringLiteral("stream"), true);
    const Result r = run(kScout, body);
    QCOMPARE(r.body, bytes);
    QCOMPARE(r.reads.size(), 3);
    QVERIFY(r.reads.at(0).endsWith('\xc3'));
    QVERIFY(r.reads.at(1).startsWith('\xa9'));
    QVERIFY(r.reads.at(1).endsWith("</t"));

    const Fake::Script every = Fake::splitEvery(whole, 3);
    QCOMPARE(every.chunks.size(), (bytes.size() + 2) / 3);
    QCOMPARE(every.body(), bytes);
}

void TestFakeWorkersAi::quirkStreams()
{
    QJsonObject body = userMessages(QStringLiteral("hi"));
    body.insert(QStringLiteral("stream"), true);

    m_fake->enqueue(Fake::malformedEventStream());
    QVERIFY(run(kScout, body).events().contains("{not json"));

    m_fake->enqueue(Fake::numericResponseStream());
    const Result numeric = run(kScout, body);
    QVERIFY(QJsonDocument::fromJson(numeric.events().at(1)).object()[QLatin1String("response")].isDouble());

    m_fake->enqueue(Fake::paddingOnlyStream({QStringLiteral("a")}));
    const Result padding = run(kScout, body);
    QCOMPARE(QJsonDocument::fromJson(padding.events().at(0)).object().keys(), QStringList {QStringLiteral("p")});

    m_fake->enqueue(Fake::legacyStream({QStringLiteral("x")}, Fake::Usage {1, 1}, true, true));
    const Result crlf = run(kScout, body);
    QVERIFY(crlf.body.contains("\r\n\r\ndata: [DONE]\r\n\r\n"));

    m_fake->enqueue(Fake::sse({"{\"response\":\"raw\"}"}, false));
    QCOMPARE(run(kScout, body).body, QByteArray("data: {\"response\":\"raw\"}\n\n"));
}

void TestFakeWorkersAi::defaultDelays()
{
    m_fake->setFirstByteDelayMs(150);
    m_fake->setTokenDelayMs(20);
    QJsonObject body = userMessages(QStringLiteral("one two three"));
    body.insert(QStringLiteral("stream"), true);
    QElapsedTimer timer;
    timer.start();
    const Result r = run(kScout, body);
    QCOMPARE(r.status, 200);
    QVERIFY2(timer.elapsed() >= 150 + 20 * 4, QByteArray::number(timer.elapsed()).constData());
    QVERIFY(r.reads.size() > 2); // the tokens arrived over time, not at once
}

// ---------------------------------------------------------------------------------------------

void TestFakeWorkersAi::searchPages()
{
    int textModels = 0;
    for (const QJsonValue& v : m_fake->catalog())
        textModels += v.toObject()[QLatin1String("task")].toObject()[QLatin1String("name")].toString()
            == QLatin1String("Text Generation");
    QVERIFY2(textModels > 10, "the built-in models.json should be in the catalog");

    QStringList names;
    int page = 1;
    for (;; ++page) {
        const Result r = send(
            "GET", accountPath(QStringLiteral("ai/models/search?task=Text%20Generation&page=%1&per_page=5").arg(page)));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(o[QLatin1String("success")].toBool(), true);
        const QJsonObject info = o[QLatin1String("result_info")].toObject();
        QCOMPARE(info[QLatin1String("page")].toInt(), page);
        QCOMPARE(info[QLatin1String("per_page")].toInt(), 5);
        QCOMPARE(info[QLatin1String("total_count")].toInt(), textModels);
        const QJsonArray items = o[QLatin1String("result")].toArray();
        QCOMPARE(info[QLatin1String("count")].toInt(), items.size());
        if (items.isEmpty())
            break;
        for (const QJsonValue& v : items) {
            const QJsonObject m = v.toObject();
            QVERIFY(QUuid::fromString(m[QLatin1String("id")].toString()).isNull() == false);
            QCOMPARE(m[QLatin1String("source")].toInt(), 1);
            QVERIFY(m[QLatin1String("name")].toString().startsWith(QLatin1String("@cf/")));
            QCOMPARE(m[QLatin1String("task")].toObject()[QLatin1String("name")].toString(),
                QStringLiteral("Text Generation"));
            QVERIFY(!m[QLatin1String("task")].toObject()[QLatin1String("id")].toString().isEmpty());
            QVERIFY(m[QLatin1String("tags")].isArray());
            QVERIFY(!m[QLatin1String("created_at")].toString().isEmpty());
            for (const QJsonValue& p : m[QLatin1String("properties")].toArray())
                QVERIFY(p.toObject().contains(QLatin1String("property_id"))
                    && p.toObject().contains(QLatin1String("value")));
            names.append(m[QLatin1String("name")].toString());
        }
    }
    QCOMPARE(names.size(), textModels);
    QVERIFY(names.contains(Fake::extraModelId()));
    QVERIFY(names.contains(kGptOss));
}

void TestFakeWorkersAi::searchFilters()
{
    const Result r = send("GET", accountPath(QStringLiteral("ai/models/search?search=gpt-oss")));
    QCOMPARE(r.json()[QLatin1String("result_info")].toObject()[QLatin1String("total_count")].toInt(), 2);
    const QJsonArray props
        = r.json()[QLatin1String("result")].toArray().at(0).toObject()[QLatin1String("properties")].toArray();
    bool context = false;
    for (const QJsonValue& p : props) {
        if (p.toObject()[QLatin1String("property_id")].toString() == QLatin1String("context_window")) {
            context = true;
            QCOMPARE(p.toObject()[QLatin1String("value")].toString(),
                QStringLiteral("128000")); // a string, as Cloudflare writes it
        }
    }
    QVERIFY(context);
    const Result e = send("GET", accountPath(QStringLiteral("ai/models/search?task=Text+Embeddings")));
    QVERIFY(e.json()[QLatin1String("result_info")].toObject()[QLatin1String("total_count")].toInt() >= 1);
    QCOMPARE(send("GET", accountPath(QStringLiteral("ai/models/search")), {}, "bad").status, 401);
}

void TestFakeWorkersAi::verifyTokens()
{
    m_fake->addToken("account-token", Fake::TokenKind::Account);
    m_fake->addToken("disabled-token", Fake::TokenKind::User, Fake::TokenStatus::Disabled);
    m_fake->addToken("expired-token", Fake::TokenKind::Account, Fake::TokenStatus::Expired);
    const QString user = QStringLiteral("/client/v4/user/tokens/verify");
    const QString account = accountPath(QStringLiteral("tokens/verify"));

    const Result ok = send("GET", user);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body,
        "{\"result\":{\"id\":\"" + m_fake->tokenId("fake-token-for-tests").toLatin1()
            + "\",\"status\":\"active\"},\"success\":true,\"errors\":[],\"messages\":[{\"code\":10000,"
              "\"message\":\"This API Token is valid and active\",\"type\":null}]}");
    QCOMPARE(m_fake->tokenId("fake-token-for-tests").size(), 32);

    const Result accountOnUser = send("GET", user, {}, "account-token");
    QCOMPARE(accountOnUser.status, 401);
    QCOMPARE(accountOnUser.body, errorBody(1000, QStringLiteral("Invalid API Token")));
    QCOMPARE(send("GET", account, {}, "account-token")
                 .json()[QLatin1String("result")]
                 .toObject()[QLatin1String("status")]
                 .toString(),
        QStringLiteral("active"));
    QCOMPARE(send("GET", account, {}, "fake-token-for-tests").status, 401);
    QCOMPARE(send("GET", user, {}, "disabled-token")
                 .json()[QLatin1String("result")]
                 .toObject()[QLatin1String("status")]
                 .toString(),
        QStringLiteral("disabled"));
    const QJsonObject expired = send("GET", account, {}, "expired-token").json()[QLatin1String("result")].toObject();
    QCOMPARE(expired[QLatin1String("status")].toString(), QStringLiteral("expired"));
    QVERIFY(expired.contains(QLatin1String("expires_on")));
    QCOMPARE(send("GET", user, {}, {}).status, 401);
    QCOMPARE(send("GET", user, {}, "nope").status, 401);
    // An account token runs models like any other.
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi")), "account-token").status, 200);
}

// ---------------------------------------------------------------------------------------------

void TestFakeWorkersAi::recordsRequests()
{
    QSignalSpy received(m_fake.get(), &FakeWorkersAi::requestReceived);
    QJsonObject body = userMessages(QStringLiteral("record me"));
    send("POST", accountPath(QStringLiteral("ai/run/") + kScout) + QStringLiteral("?debug=1"),
        QJsonDocument(body).toJson(), "fake-token-for-tests", {{"X-Session-Affinity", "abc"}});
    send("GET", accountPath(QStringLiteral("ai/models/search?page=2")));
    QCOMPARE(received.size(), 2);
    const QList<Fake::ReceivedRequest> all = m_fake->requests();
    QCOMPARE(all.size(), 2);
    const Fake::ReceivedRequest& r = all.at(0);
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, m_fake->runPath(kScout));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("debug")), QStringLiteral("1"));
    QCOMPARE(r.header("authorization"), QByteArray("Bearer fake-token-for-tests"));
    QCOMPARE(r.header("x-session-affinity"), QByteArray("abc"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(r.json, body);
    QCOMPARE(r.model, kScout);
    QCOMPARE(all.at(1).model, QString());
    QCOMPARE(all.at(1).query.queryItemValue(QStringLiteral("page")), QStringLiteral("2"));
    QCOMPARE(m_fake->runRequests().size(), 1);
    m_fake->clearRequests();
    QVERIFY(m_fake->requests().isEmpty());
}

void TestFakeWorkersAi::keepAliveReusesConnection()
{
    for (int i = 0; i < 5; ++i) {
        QJsonObject body = userMessages(QStringLiteral("again"));
        body.insert(QStringLiteral("stream"), i % 2 == 0);
        QCOMPARE(run(kScout, body).status, 200);
    }
    QCOMPARE(m_fake->acceptedConnections(), 1);
    QCOMPARE(m_fake->openConnections(), 1);
}

void TestFakeWorkersAi::malformedHttpIs400AndClose()
{
    const QByteArray reply = rawExchange(m_fake->port(), "GARBAGE LINE\r\n\r\n");
    QVERIFY2(reply.startsWith("HTTP/1.1 400 "), reply.constData());
    QVERIFY(reply.contains("Connection: close"));
    const QByteArray badLength
        = rawExchange(m_fake->port(), "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: nope\r\n\r\n");
    QVERIFY(badLength.startsWith("HTTP/1.1 400 "));
    QTRY_COMPARE(m_fake->openConnections(), 0);
    // Still serving.
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 200);
}

void TestFakeWorkersAi::chunkedRequestBodyAndPipelining()
{
    const QByteArray json = QJsonDocument(userMessages(QStringLiteral("chunky"))).toJson(QJsonDocument::Compact);
    const QByteArray path = m_fake->runPath(kScout).toUtf8();
    QByteArray chunked = "POST " + path
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer fake-token-for-tests\r\n"
          "Transfer-Encoding: chunked\r\n\r\n";
    chunked += QByteArray::number(10, 16) + "\r\n" + json.left(10) + "\r\n";
    chunked += QByteArray::number(json.size() - 10, 16) + "\r\n" + json.mid(10) + "\r\n0\r\n\r\n";
    const QByteArray plain = "POST " + path
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer fake-token-for-tests\r\n"
          "Content-Length: "
        + QByteArray::number(json.size()) + "\r\nConnection: close\r\n\r\n" + json;
    const QByteArray replies = rawExchange(m_fake->port(), chunked + plain);
    QCOMPARE(replies.count("HTTP/1.1 200 OK"), 2);
    QCOMPARE(replies.count("You said: chunky"), 2);
    QCOMPARE(m_fake->requests().size(), 2);
    QCOMPARE(m_fake->requests().at(0).body, json);
}

void TestFakeWorkersAi::oversizedBodyIs413()
{
    m_fake->setMaxBodyBytes(1000);
    const QByteArray big(5000, 'x');
    const QByteArray request
        = "POST " + m_fake->runPath(kScout).toUtf8() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + big;
    const QByteArray reply = rawExchange(m_fake->port(), request);
    QVERIFY2(reply.startsWith("HTTP/1.1 413 "), reply.left(100).constData());
    QVERIFY(reply.contains("\"code\":3006"));
}

void TestFakeWorkersAi::sixtyFourConcurrentStreams()
{
    m_fake->setFirstByteDelayMs(100);
    // One manager opens at most 6 connections per host: 11 managers carry 64 streams at once.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < 11; ++i)
        managers.push_back(std::make_unique<QNetworkAccessManager>());
    QJsonObject body = userMessages(QStringLiteral("concurrent"));
    body.insert(QStringLiteral("stream"), true);
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_fake->port()) + m_fake->runPath(kScout)));
    request.setRawHeader("Authorization", "Bearer fake-token-for-tests");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QList<QNetworkReply*> replies;
    int done = 0;

    for (int i = 0; i < 64; ++i) {
        QNetworkReply* reply = managers.at(size_t(i % 11))->post(request, payload);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&done] { ++done; });
        replies.append(reply);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 64, 20000);
    for (QNetworkReply* reply : std::as_const(replies)) {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QByteArray data = reply->readAll();
        QVERIFY(data.endsWith("data: [DONE]\n\n"));
        reply->deleteLater();
    }
    QCOMPARE(m_fake->maxConcurrentRequests(), 64);
    QCOMPARE(m_fake->inFlightRequests(), 0);
    QCOMPARE(m_fake->runRequests().size(), 64);
}

// ---------------------------------------------------------------------------------------------
// December 2026 behaviour (reference §1, §4.6-§4.8, §6, §7, §11)

namespace {

const QString kKimi27 = QStringLiteral("@cf/moonshotai/kimi-k2.7-code");
const QString kKimi25 = QStringLiteral("@cf/moonshotai/kimi-k2.5");
const QString kGemma4 = QStringLiteral("@cf/google/gemma-4-26b-a4b-it");
const QString kGemma3 = QStringLiteral("@cf/google/gemma-3-12b-it");
const QString kGlm52 = QStringLiteral("@cf/zai-org/glm-5.2");
const QString kGlm53 = QStringLiteral("@cf/zai-org/glm-5.3");
const QString kGlm53Flash = QStringLiteral("@cf/zai-org/glm-5.3-flash");
const QString kDsFlash = QStringLiteral("@cf/deepseek-ai/deepseek-v4-flash-0731");
const QString kDsPro = QStringLiteral("@cf/deepseek-ai/deepseek-v4-pro-0813");
const QString kNemotron = QStringLiteral("@cf/nvidia/nemotron-3-120b-a12b");
const QString kQwq = QStringLiteral("@cf/qwen/qwq-32b");
const QString kQuotaText = QStringLiteral("You have used up your daily free allocation of 10,000 neurons. Please "
                                          "upgrade to Cloudflare's Workers Paid plan if you would like to continue "
                                          "usage.");
const QString kBadId = QStringLiteral("Tool call IDs should be alphanumeric strings with length 9");

QPair<int, QString> firstError(const Result& r)
{
    const QJsonObject e = r.json()[QLatin1String("errors")].toArray().at(0).toObject();
    return {e[QLatin1String("code")].toInt(), e[QLatin1String("message")].toString()};
}

// choices[0].message of a chat.completion, in the envelope or not.
QJsonObject messageOf(const Result& r)
{
    QJsonObject completion = r.json();
    if (completion.contains(QLatin1String("result")))
        completion = completion[QLatin1String("result")].toObject();
    return completion[QLatin1String("choices")].toArray().at(0).toObject()[QLatin1String("message")].toObject();
}

QJsonObject usageOf(const Result& r)
{
    QJsonObject completion = r.json();
    if (completion.contains(QLatin1String("result")))
        completion = completion[QLatin1String("result")].toObject();
    return completion[QLatin1String("usage")].toObject();
}

QJsonObject message(const QString& role, const QString& content)
{
    return QJsonObject {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

// A weather question, the assistant's call with `callId` and the tool's answer to `answerId`.
QJsonObject toolHistory(const QString& callId, const QString& answerId)
{
    QJsonObject body = userMessages(QStringLiteral("Rome"), {{QStringLiteral("tools"), QJsonArray {weatherTool()}}});
    QJsonArray messages = body[QLatin1String("messages")].toArray();
    messages.append(
        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()},
            {QStringLiteral("tool_calls"),
                QJsonArray {
                    QJsonObject {{QStringLiteral("id"), callId}, {QStringLiteral("type"), QStringLiteral("function")},
                        {QStringLiteral("function"),
                            QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                                {QStringLiteral("arguments"), QStringLiteral("{\"city\":\"Rome\"}")}}}}}}});
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
        {QStringLiteral("tool_call_id"), answerId}, {QStringLiteral("content"), QStringLiteral("rain")}});
    body.insert(QStringLiteral("messages"), messages);
    return body;
}

QJsonValue propertyOf(const QJsonObject& item, const QString& id)
{
    for (const QJsonValue& p : item[QLatin1String("properties")].toArray()) {
        if (p.toObject()[QLatin1String("property_id")].toString() == id)
            return p.toObject()[QLatin1String("value")];
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

Result TestFakeWorkersAi::chat(const QJsonObject& body, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    return send("POST", accountPath(QStringLiteral("ai/v1/chat/completions")),
        QJsonDocument(body).toJson(QJsonDocument::Compact), "fake-token-for-tests", headers);
}

void TestFakeWorkersAi::toolCallIdsEveryModelAndEndpoint()
{
    // On /ai/v1/chat/completions as on /ai/run, for every family.
    for (const QString& model : {kGlm, kGptOss, kKimi, kScout, kLlama33, kGemma4, kDsPro}) {
        QJsonObject bad
            = toolHistory(QStringLiteral("chatcmpl-tool-9f8e7d6c"), QStringLiteral("chatcmpl-tool-9f8e7d6c"));
        bad.insert(QStringLiteral("model"), model);
        const Result r = chat(bad);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.body, errorBody(8001, kBadId));
        QJsonObject good = toolHistory(QStringLiteral("Ab3dE6gH9"), QStringLiteral("Ab3dE6gH9"));
        good.insert(QStringLiteral("model"), model);
        QCOMPARE(chat(good).status, 200);
    }
    // The call's id alone, the answer's id alone, 8 and 10 characters, a number.
    QCOMPARE(run(kGlm, toolHistory(QStringLiteral("call-1"), QStringLiteral("abc123XYZ"))).status, 400);
    QCOMPARE(
        run(kGlm, toolHistory(QStringLiteral("abc123XYZ"), QStringLiteral("call_1"))).body, errorBody(8001, kBadId));
    QCOMPARE(run(kGlm, toolHistory(QStringLiteral("abcd1234"), QStringLiteral("abcd1234"))).status, 400);
    QCOMPARE(run(kGlm, toolHistory(QStringLiteral("abcd123456"), QStringLiteral("abcd123456"))).status, 400);
    QJsonObject numeric = toolHistory(QStringLiteral("abc123XYZ"), QStringLiteral("abc123XYZ"));
    QJsonArray messages = numeric[QLatin1String("messages")].toArray();
    QJsonObject answer = messages.last().toObject();
    answer.insert(QStringLiteral("tool_call_id"), 123456789);
    messages.replace(messages.size() - 1, answer);
    numeric.insert(QStringLiteral("messages"), messages);
    QCOMPARE(run(kGlm, numeric).status, 400);

    // A broken id mapping: the answer's id is well formed but answers no call.
    const Result unpaired = run(kGlm, toolHistory(QStringLiteral("abc123XYZ"), QStringLiteral("zzz999ZZZ")));
    QCOMPARE(unpaired.status, 400);
    QCOMPARE(firstError(unpaired).first, 8001);
    QVERIFY2(firstError(unpaired).second.contains(QLatin1String("zzz999ZZZ")), qPrintable(firstError(unpaired).second));
    QVERIFY(!m_fake->lastInference().reachedModel);
    QCOMPARE(m_fake->lastInference().code, 8001);

    // The real-world bug: the model's own chatcmpl-tool-... id, sent back unchanged, fails.
    const QJsonObject ask
        = userMessages(QStringLiteral("Rome"), {{QStringLiteral("tools"), QJsonArray {weatherTool()}}});
    const QJsonObject call = messageOf(run(kGlm, ask))[QLatin1String("tool_calls")].toArray().at(0).toObject();
    const QString ownId = call[QLatin1String("id")].toString();
    QVERIFY2(ownId.startsWith(QLatin1String("chatcmpl-tool-")), qPrintable(ownId));
    QJsonObject next = ask;
    messages = next[QLatin1String("messages")].toArray();
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QString()}, {QStringLiteral("tool_calls"), QJsonArray {call}}});
    messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
        {QStringLiteral("tool_call_id"), ownId}, {QStringLiteral("content"), QStringLiteral("rain")}});
    next.insert(QStringLiteral("messages"), messages);
    QCOMPARE(run(kGlm, next).body, errorBody(8001, kBadId));

    // Native calls {name, arguments} have no id, and tool results may lack tool_call_id.
    QJsonObject native = userMessages(QStringLiteral("Rome"));
    messages = native[QLatin1String("messages")].toArray();
    messages.append(
        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()},
            {QStringLiteral("tool_calls"),
                QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                    {QStringLiteral("arguments"), QJsonObject {{QStringLiteral("city"), QStringLiteral("Rome")}}}}}}});
    messages.append(message(QStringLiteral("tool"), QStringLiteral("rain")));
    native.insert(QStringLiteral("messages"), messages);
    QCOMPARE(run(kLlama33, native).status, 200);
}

void TestFakeWorkersAi::catalogOfDecember2026()
{
    const QStringList free {kGemma4, kGlm, kNemotron, QStringLiteral("@cf/qwen/qwen3.8-27b"), kGptOss,
        QStringLiteral("@cf/openai/gpt-oss-20b"), kScout, kLlama33,
        QStringLiteral("@cf/mistralai/mistral-small-3.1-24b-instruct"), QStringLiteral("@cf/qwen/qwen3-30b-a3b-fp8"),
        kCoder, kQwq, kDeepSeek, QStringLiteral("@cf/ibm-granite/granite-4.0-h-micro"),
        QStringLiteral("@cf/aisingapore/gemma-sea-lion-v4-27b-it")};
    const QStringList paid {kKimi, kKimi27, kGlm52, kGlm53, kGlm53Flash, kDsFlash, kDsPro};
    for (const QString& id : free + paid) {
        const QJsonObject item = m_fake->catalogModel(id);
        QVERIFY2(!item.isEmpty(), qPrintable(id));
        QCOMPARE(item[QLatin1String("task")].toObject()[QLatin1String("name")].toString(),
            QStringLiteral("Text Generation"));
        QVERIFY2(!QUuid::fromString(item[QLatin1String("id")].toString()).isNull(), qPrintable(id));
        QCOMPARE(propertyOf(item, QStringLiteral("require_workers_paid")).toString(),
            paid.contains(id) ? QStringLiteral("true") : QString());
        const QJsonArray price = propertyOf(item, QStringLiteral("price")).toArray();
        QVERIFY2(!price.isEmpty(), qPrintable(id));
        QCOMPARE(price.at(0).toObject()[QLatin1String("unit")].toString(), QStringLiteral("per M input tokens"));
        QCOMPARE(price.at(0).toObject()[QLatin1String("currency")].toString(), QStringLiteral("USD"));
        for (const QJsonValue& p : item[QLatin1String("properties")].toArray()) {
            const QString pid = p.toObject()[QLatin1String("property_id")].toString();
            if (pid != QLatin1String("price") && pid != QLatin1String("reasoning_effort"))
                QVERIFY2(p.toObject()[QLatin1String("value")].isString(), qPrintable(id + QLatin1Char(' ') + pid));
        }
    }
    // Cached input prices (§7), windows, capabilities.
    const QJsonArray kimiPrice = propertyOf(m_fake->catalogModel(kKimi), QStringLiteral("price")).toArray();
    QCOMPARE(kimiPrice.at(1).toObject()[QLatin1String("unit")].toString(), QStringLiteral("per M cached input tokens"));
    QCOMPARE(kimiPrice.at(1).toObject()[QLatin1String("price")].toDouble(), 0.16);
    QCOMPARE(propertyOf(m_fake->catalogModel(kKimi), QStringLiteral("context_window")),
        QJsonValue(QStringLiteral("262144")));
    QCOMPARE(propertyOf(m_fake->catalogModel(kGlm53), QStringLiteral("context_window")),
        QJsonValue(QStringLiteral("1310720")));
    QCOMPARE(propertyOf(m_fake->catalogModel(kKimi), QStringLiteral("vision")), QJsonValue(QStringLiteral("true")));
    QCOMPARE(propertyOf(m_fake->catalogModel(kKimi), QStringLiteral("function_calling")),
        QJsonValue(QStringLiteral("true")));
    QCOMPARE(propertyOf(m_fake->catalogModel(kKimi), QStringLiteral("reasoning")), QJsonValue(QStringLiteral("true")));
    // reasoning_effort: an object, or DeepSeek V4's display string (§5).
    const QJsonObject gptOssEffort
        = propertyOf(m_fake->catalogModel(kGptOss), QStringLiteral("reasoning_effort")).toObject();
    QCOMPARE(gptOssEffort[QLatin1String("supported_efforts")].toArray(),
        (QJsonArray {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}));
    QCOMPARE(gptOssEffort[QLatin1String("mandatory")].toBool(), true);
    const QJsonObject flashEffort
        = propertyOf(m_fake->catalogModel(kGlm53Flash), QStringLiteral("reasoning_effort")).toObject();
    QCOMPARE(flashEffort[QLatin1String("default_effort")].toString(), QStringLiteral("max"));
    QCOMPARE(flashEffort[QLatin1String("normalizes_to")].toObject()[QLatin1String("none")].toString(),
        QStringLiteral("max"));
    QCOMPARE(propertyOf(m_fake->catalogModel(kDsPro), QStringLiteral("reasoning_effort")),
        QJsonValue(QStringLiteral("Off, Low, High, Max")));
    // Clef is "Text Generation" but not chat; gated models say so only in the description.
    for (const char* clef : {"@cf/cloudflare/clef", "@cf/cloudflare/clef-flash", "@cf/cloudflare/clef-omni"})
        QCOMPARE(m_fake->catalogModel(QLatin1String(clef))[QLatin1String("task")]
                     .toObject()[QLatin1String("name")]
                     .toString(),
            QStringLiteral("Text Generation"));
    for (const char* gated : {"@cf/swiss-ai/apertus-v1.5-8b", "@cf/utter-project/eurollm-9b-it"})
        QVERIFY(m_fake->catalogModel(QLatin1String(gated))[QLatin1String("description")].toString().contains(
            QLatin1String("For access, please fill out this form")));
    for (const char* embedding : {"@cf/baai/bge-m3", "@cf/qwen/qwen3-embedding-0.6b", "@cf/pfnet/plamo-embedding-1b",
             "@cf/google/embeddinggemma-300m", "@cf/baai/bge-large-en-v1.5"})
        QCOMPARE(m_fake->catalogModel(QLatin1String(embedding))[QLatin1String("task")]
                     .toObject()[QLatin1String("name")]
                     .toString(),
            QStringLiteral("Text Embeddings"));
    for (const char* active :
        {"@cf/meta/llama-3.1-8b-instruct-fast", "@cf/google/gemma-7b-it-lora", "@cf/google/gemma-2b-it-lora",
            "@cf/mistral/mistral-7b-instruct-v0.2-lora", "@cf/meta-llama/llama-2-7b-chat-hf-lora"})
        QVERIFY2(!m_fake->catalogModel(QLatin1String(active)).isEmpty(), active);
    // Deprecated models are gone (and the catalog is not FlareChat's: it lists gemma-3-12b-it).
    for (const Fake::Deprecation& d : Fake::deprecations())
        QVERIFY2(m_fake->catalogModel(d.model).isEmpty(), qPrintable(d.model));
    QVERIFY(!m_fake->catalogModel(Fake::extraModelId()).isEmpty());

    // Over HTTP, with filters.
    const Result kimi = send("GET", accountPath(QStringLiteral("ai/models/search?search=kimi")));
    QCOMPARE(kimi.json()[QLatin1String("result_info")].toObject()[QLatin1String("total_count")].toInt(), 2);
    const Result zai = send("GET", accountPath(QStringLiteral("ai/models/search?author=zai-org&per_page=50")));
    QCOMPARE(zai.json()[QLatin1String("result_info")].toObject()[QLatin1String("total_count")].toInt(), 4);
    // addCatalogModel() replaces an item of the same name.
    const qsizetype size = m_fake->catalog().size();
    QJsonObject changed = m_fake->catalogModel(kKimi);
    changed.insert(QStringLiteral("description"), QStringLiteral("changed"));
    m_fake->addCatalogModel(changed);
    QCOMPARE(m_fake->catalog().size(), size);
    QCOMPARE(m_fake->catalogModel(kKimi)[QLatin1String("description")].toString(), QStringLiteral("changed"));
}

void TestFakeWorkersAi::reasoningPerModel_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QByteArray>("extra"); // merged into the body
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field"); // where reasoning comes back, empty: none
    QTest::addColumn<QString>("effort"); // the effective effort

    const QString r = QStringLiteral("reasoning");
    const QString rc = QStringLiteral("reasoning_content");
    const QByteArray none;
    auto row = [](const char* name, const QString& model, const QByteArray& extra, int status, const QString& field,
                   const QString& effort = {}) { QTest::newRow(name) << model << extra << status << field << effort; };
    row("kimi-k2.6 default", kKimi, none, 200, r);
    row("kimi-k2.6 thinking:false", kKimi, R"({"chat_template_kwargs":{"thinking":false}})", 200, {});
    row("kimi-k2.6 ignores enable_thinking", kKimi, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, r);
    row("kimi-k2.6 effort none", kKimi, R"({"reasoning_effort":"none"})", 200, {});
    row("kimi-k2.6 effort high", kKimi, R"({"reasoning_effort":"high"})", 200, r, QStringLiteral("high"));
    row("kimi-k2.6 effort low", kKimi, R"({"reasoning_effort":"low"})", 400, {});
    row("kimi-k2.6 thinking not bool", kKimi, R"({"chat_template_kwargs":{"thinking":"no"}})", 400, {});
    row("kimi-k2.7 default", kKimi27, none, 200, r);
    row("kimi-k2.7 enable_thinking:false", kKimi27, R"({"chat_template_kwargs":{"enable_thinking":false}})", 400, {});
    row("kimi-k2.7 thinking:false ignored", kKimi27, R"({"chat_template_kwargs":{"thinking":false}})", 200, r);
    row("glm-4.7-flash default", kGlm, none, 200, rc);
    row("glm-4.7-flash enable_thinking:false", kGlm, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, {});
    row("glm-4.7-flash effort max", kGlm, R"({"reasoning_effort":"max"})", 400, {});
    row("nemotron default", kNemotron, none, 200, rc);
    row("nemotron enable_thinking:false", kNemotron, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, {});
    row("gemma-4 default off", kGemma4, none, 200, {});
    row("gemma-4 effort high", kGemma4, R"({"reasoning_effort":"high"})", 200, r, QStringLiteral("high"));
    row("gemma-4 effort none", kGemma4, R"({"reasoning_effort":"none"})", 200, {});
    row("gemma-4 effort low", kGemma4, R"({"reasoning_effort":"low"})", 400, {});
    row("gemma-4 ignores enable_thinking", kGemma4, R"({"chat_template_kwargs":{"enable_thinking":true}})", 200, {});
    row("deepseek-v4-flash default off", kDsFlash, none, 200, {});
    row("deepseek-v4-flash low", kDsFlash, R"({"reasoning_effort":"low"})", 200, rc, QStringLiteral("low"));
    row("deepseek-v4-flash high", kDsFlash, R"({"reasoning_effort":"high"})", 200, rc, QStringLiteral("high"));
    row("deepseek-v4-pro max", kDsPro, R"({"reasoning_effort":"max"})", 200, rc, QStringLiteral("max"));
    row("deepseek-v4-pro off", kDsPro, R"({"reasoning_effort":"off"})", 200, {});
    row("deepseek-v4-pro medium", kDsPro, R"({"reasoning_effort":"medium"})", 400, {});
    row("glm-5.2 default", kGlm52, none, 200, r);
    row("glm-5.2 off", kGlm52, R"({"reasoning_effort":"off"})", 200, {});
    row("glm-5.2 max", kGlm52, R"({"reasoning_effort":"max"})", 200, r, QStringLiteral("max"));
    row("glm-5.2 low", kGlm52, R"({"reasoning_effort":"low"})", 400, {});
    row("glm-5.3 enable_thinking:false", kGlm53, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, {});
    row("glm-5.3-flash default", kGlm53Flash, none, 200, r, QStringLiteral("max"));
    row("glm-5.3-flash none normalised", kGlm53Flash, R"({"reasoning_effort":"none"})", 200, r, QStringLiteral("max"));
    row("glm-5.3-flash null normalised", kGlm53Flash, R"({"reasoning_effort":null})", 200, r, QStringLiteral("max"));
    row("glm-5.3-flash low", kGlm53Flash, R"({"reasoning_effort":"low"})", 200, r, QStringLiteral("low"));
    row("glm-5.3-flash off", kGlm53Flash, R"({"reasoning_effort":"off"})", 400, {});
    row("glm-5.3-flash cannot be off", kGlm53Flash, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, r,
        QStringLiteral("max"));
    row("gpt-oss default", kGptOss, none, 200, rc, QStringLiteral("medium"));
    row("gpt-oss low", kGptOss, R"({"reasoning_effort":"low"})", 200, rc, QStringLiteral("low"));
    row("gpt-oss none", kGptOss, R"({"reasoning_effort":"none"})", 400, {});
    row("gpt-oss cannot be off", kGptOss, R"({"chat_template_kwargs":{"enable_thinking":false}})", 200, rc,
        QStringLiteral("medium"));
    row("qwq", kQwq, none, 200, rc);
}

void TestFakeWorkersAi::reasoningPerModel()
{
    QFETCH(QString, model);
    QFETCH(QByteArray, extra);
    QFETCH(int, status);
    QFETCH(QString, field);
    QFETCH(QString, effort);
    QJsonObject body = userMessages(QStringLiteral("think about it"));
    const QJsonObject merge = QJsonDocument::fromJson(extra).object();
    for (auto it = merge.begin(); it != merge.end(); ++it)
        body.insert(it.key(), it.value());
    const Result r = run(model, body);
    QCOMPARE(r.status, status);
    const Fake::Inference done = m_fake->lastInference();
    QCOMPARE(m_fake->lastRequest().json, body); // recorded as sent
    if (status != 200) {
        QCOMPARE(r.body, errorBody(8001, QStringLiteral("Invalid input")));
        QVERIFY(!done.reachedModel);
        return;
    }
    const QJsonObject msg = messageOf(r);
    QCOMPARE(msg[QLatin1String("content")].toString(), QStringLiteral("You said: think about it"));
    for (const QString& key : {QStringLiteral("reasoning"), QStringLiteral("reasoning_content")}) {
        if (key == field)
            QVERIFY2(!msg[key].toString().isEmpty(), qPrintable(QString::fromUtf8(r.body)));
        else
            QVERIFY2(msg[key].isNull() || msg[key].isUndefined(), qPrintable(QString::fromUtf8(r.body)));
    }
    QCOMPARE(done.reasoned, !field.isEmpty());
    QCOMPARE(done.reasoningEffort, effort);
    const QJsonObject details = usageOf(r)[QLatin1String("completion_tokens_details")].toObject();
    QCOMPARE(details[QLatin1String("reasoning_tokens")].toInt() > 0, !field.isEmpty());
}

void TestFakeWorkersAi::reasoningSettersAndStreams()
{
    QCOMPARE(m_fake->reasoningControl(kKimi).toggle, Fake::ThinkingSwitch::Thinking);
    QCOMPARE(m_fake->reasoningControl(kKimi).field, Fake::ReasoningField::Reasoning);
    QCOMPARE(m_fake->reasoningControl(kGlm).field, Fake::ReasoningField::ReasoningContent);
    QVERIFY(m_fake->reasoningControl(kGptOss).mandatory);

    // Gemma 4 streams its reasoning in delta.reasoning, when asked to think.
    QJsonObject body = userMessages(QStringLiteral("stream it"),
        {{QStringLiteral("stream"), true}, {QStringLiteral("reasoning_effort"), QStringLiteral("high")}});
    const Result s = run(kGemma4, body);
    QCOMPARE(s.contentType(), QByteArray("text/event-stream"));
    QString reasoning;
    for (const QByteArray& e : s.events()) {
        const QJsonObject delta = QJsonDocument::fromJson(e)
                                      .object()[QLatin1String("choices")]
                                      .toArray()
                                      .at(0)
                                      .toObject()[QLatin1String("delta")]
                                      .toObject();
        QVERIFY(!delta.contains(QLatin1String("reasoning_content")));
        reasoning += delta[QLatin1String("reasoning")].toString();
    }
    QVERIFY(!reasoning.isEmpty());

    // The UNCONFIRMED fields are selectable per model.
    m_fake->setReasoningField(kGlm, Fake::ReasoningField::Reasoning);
    const QJsonObject glm = messageOf(run(kGlm, userMessages(QStringLiteral("hi"))));
    QVERIFY(!glm[QLatin1String("reasoning")].toString().isEmpty());
    QVERIFY(!glm.contains(QLatin1String("reasoning_content")));
    // On /ai/v1/chat/completions too.
    QJsonObject compat = userMessages(QStringLiteral("hi"));
    compat.insert(QStringLiteral("model"), kKimi);
    QVERIFY(!messageOf(chat(compat))[QLatin1String("reasoning")].toString().isEmpty());

    // glm-5.3's second variant: always on, "off" normalised to "max".
    m_fake->setGlm53Reasoning(Fake::Glm53Reasoning::MandatoryMax);
    QCOMPARE(
        run(kGlm53, userMessages(QStringLiteral("hi"), {{QStringLiteral("reasoning_effort"), QStringLiteral("off")}}))
            .status,
        200);
    QCOMPARE(m_fake->lastInference().reasoningEffort, QStringLiteral("max"));
    QVERIFY(m_fake->lastInference().reasoned);
    QCOMPARE(run(kGlm53,
                 userMessages(QStringLiteral("hi"), {{QStringLiteral("reasoning_effort"), QStringLiteral("medium")}}))
                 .status,
        400);

    // A whole control can be replaced.
    Fake::ReasoningControl off;
    m_fake->setReasoningControl(kGptOss, off);
    run(kGptOss, userMessages(QStringLiteral("hi")));
    QVERIFY(!m_fake->lastInference().reasoned);

    // The Responses form of gpt-oss takes reasoning.effort with the same set.
    m_fake->setReasoningControl(kGptOss, m_fake->reasoningControl(QStringLiteral("@cf/openai/gpt-oss-20b")));
    const QJsonObject input {{QStringLiteral("input"), QStringLiteral("hey")},
        {QStringLiteral("reasoning"), QJsonObject {{QStringLiteral("effort"), QStringLiteral("none")}}}};
    QCOMPARE(run(kGptOss, input).status, 400);
}

void TestFakeWorkersAi::contextWindows()
{
    QCOMPARE(m_fake->contextWindow(kLlama33), 24000);
    QCOMPARE(m_fake->contextWindow(kGlm), 131072);
    QCOMPARE(m_fake->contextWindow(kQwq), 0); // UNCONFIRMED in the catalog: not enforced
    QCOMPARE(m_fake->contextWindow(kGlm53), 1048576); // the catalog says 1,310,720 (UNCONFIRMED)
    m_fake->setContextWindow(kGlm53, 1310720);
    QCOMPARE(m_fake->contextWindow(kGlm53), 1310720);

    // The fake's tokenizer: runs of up to 12 non-space characters.
    QCOMPARE(Fake::countTokens(QString()), 0);
    QCOMPARE(Fake::countTokens(QStringLiteral(" a  bc ")), 2);
    QCOMPARE(Fake::countTokens(QStringLiteral("abcdefghijklmnopqrstuvwxyz")), 3);
    QJsonObject body = userMessages(QStringLiteral("hello world"));
    const int prompt = Fake::promptTokensFor(body);
    QCOMPARE(prompt, (4 + 2) + (4 + 2)); // "Be brief." and "hello world", 4 per message

    body.insert(QStringLiteral("max_tokens"), 24000 - prompt);
    QCOMPARE(run(kLlama33, body).status, 200);
    body.insert(QStringLiteral("max_tokens"), 24000 - prompt + 1);
    const Result over = run(kLlama33, body);
    QCOMPARE(over.status, 400);
    QCOMPARE(over.body,
        errorBody(8001,
            QStringLiteral("This model's maximum context length is 24000 tokens. However, you requested 24001 tokens "
                           "(%1 in the messages, %2 in the completion). Please reduce the length of the messages or "
                           "completion.")
                .arg(prompt)
                .arg(24000 - prompt + 1)));
    QVERIFY(!m_fake->lastInference().reachedModel);

    // max_completion_tokens on /ai/v1; a prompt alone too long for the window.
    QJsonObject compat = userMessages(QStringLiteral("hi"), {{QStringLiteral("max_completion_tokens"), 131072}});
    compat.insert(QStringLiteral("model"), kGlm);
    compat.remove(QStringLiteral("max_tokens"));
    QCOMPARE(chat(compat).status, 400);
    const QJsonObject huge {{QStringLiteral("prompt"), QString(QStringLiteral("w ")).repeated(24000)}};
    const Result tooLong = run(kLlama33, huge);
    QCOMPARE(tooLong.status, 400);
    QVERIFY(firstError(tooLong).second.contains(QLatin1String("(24004 in the messages, 0 in the completion)")));
    // The Responses form counts max_output_tokens.
    QCOMPARE(run(kGptOss,
                 QJsonObject {
                     {QStringLiteral("input"), QStringLiteral("hey")}, {QStringLiteral("max_output_tokens"), 128000}})
                 .status,
        400);
    // No window known: anything goes.
    QCOMPARE(run(kQwq, userMessages(QStringLiteral("hi"), {{QStringLiteral("max_tokens"), 5000000}})).status, 200);
}

void TestFakeWorkersAi::paidOnlyModels()
{
    const QStringList paid {kKimi, kKimi27, kGlm52, kGlm53, kGlm53Flash, kDsFlash, kDsPro};
    for (const QString& model : paid)
        QCOMPARE(run(model, userMessages(QStringLiteral("hi"))).status, 200); // a paid account by default
    m_fake->setFreePlan(true);
    QVERIFY(m_fake->freePlan());
    for (const QString& model : paid) {
        const Result r = run(model, userMessages(QStringLiteral("hi")));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.body, errorBody(5035, QStringLiteral("This model requires a Workers Paid plan")));
        QJsonObject compat = userMessages(QStringLiteral("hi"));
        compat.insert(QStringLiteral("model"), model);
        QCOMPARE(chat(compat).status, 403);
    }
    for (const QString& model : {kGlm, kGemma4, kGptOss, kScout})
        QCOMPARE(run(model, userMessages(QStringLiteral("hi"))).status, 200);

    // UNCONFIRMED variant: kimi-k2.7-code answers 403 with an empty body.
    m_fake->setPaidOnlyEmptyBody(kKimi27);
    const Result empty = run(kKimi27, userMessages(QStringLiteral("hi")));
    QCOMPARE(empty.status, 403);
    QCOMPARE(empty.body, QByteArray());
    QCOMPARE(run(kKimi, userMessages(QStringLiteral("hi"))).status, 403);

    // Kimi and glm-5.2 became paid-only on 2026-07-28; glm-5.3 was paid-only from launch.
    m_fake->setNow(QDateTime(QDate(2026, 7, 27), QTime(23, 0), Qt::UTC));
    QCOMPARE(run(kKimi, userMessages(QStringLiteral("hi"))).status, 200);
    QCOMPARE(run(kGlm52, userMessages(QStringLiteral("hi"))).status, 200);
    QCOMPARE(run(kGlm53, userMessages(QStringLiteral("hi"))).status, 403);
    m_fake->setNow(QDateTime(QDate(2026, 7, 28), QTime(0, 0), Qt::UTC));
    QCOMPARE(run(kKimi, userMessages(QStringLiteral("hi"))).status, 403);

    m_fake->setPaidPlan(true); // the upgrade
    QVERIFY(!m_fake->freePlan());
    QCOMPARE(run(kKimi, userMessages(QStringLiteral("hi"))).status, 200);

    // Gated models: 403 / 5018 until access is granted.
    const QString apertus = QStringLiteral("@cf/swiss-ai/apertus-v1.5-8b");
    QCOMPARE(firstError(run(apertus, userMessages(QStringLiteral("hi")))).first, 5018);
    m_fake->grantModelAccess(apertus);
    QCOMPARE(run(apertus, userMessages(QStringLiteral("hi"))).status, 200);
}

void TestFakeWorkersAi::deprecatedModels()
{
    const QList<Fake::Deprecation> all = Fake::deprecations();
    QCOMPARE(all.size(), 18);
    for (const Fake::Deprecation& d : all)
        QCOMPARE(d.date, QDate(2026, 5, 30));
    QVERIFY(qAbs(m_fake->now().secsTo(QDateTime::currentDateTimeUtc())) < 60); // the real clock by default
    QCOMPARE(m_fake->now().timeSpec(), Qt::UTC);

    const QString image = QStringLiteral("data:image/png;base64,iVBORw0KGgo=");
    const QJsonObject withImage {{QStringLiteral("messages"),
        QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                {QStringLiteral("text"), QStringLiteral("what")}},
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")},
                        {QStringLiteral("image_url"), QJsonObject {{QStringLiteral("url"), image}}}}}}}}}};
    const QString llama31 = QStringLiteral("@cf/meta/llama-3.1-8b-instruct");
    m_fake->setNow(QDateTime(QDate(2026, 5, 29), QTime(23, 59, 59), Qt::UTC));
    QCOMPARE(run(kGemma3, withImage).json()[QLatin1String("result")].toObject()[QLatin1String("response")].toString(),
        QStringLiteral("You said: what"));
    QCOMPARE(run(llama31, userMessages(QStringLiteral("hi"))).status, 200);
    // Kimi K2.5 before the alias: reasoning_content, and enable_thinking:false ignored.
    const Result k25 = run(kKimi25,
        userMessages(QStringLiteral("hi"),
            {{QStringLiteral("chat_template_kwargs"), QJsonObject {{QStringLiteral("enable_thinking"), false}}}}));
    QVERIFY(!messageOf(k25)[QLatin1String("reasoning_content")].toString().isEmpty());

    m_fake->setNow(QDateTime(QDate(2026, 5, 30), QTime(0, 0), Qt::UTC));
    QCOMPARE(run(kGemma3, withImage).body, errorBody(5007, QStringLiteral("No such model %1 or task").arg(kGemma3)));
    QCOMPARE(firstError(run(llama31, userMessages(QStringLiteral("hi")))).first, 5007);
    QCOMPARE(
        firstError(run(QStringLiteral("@hf/nousresearch/hermes-2-pro-mistral-7b"), userMessages(QStringLiteral("hi"))))
            .first,
        5007);
    QCOMPARE(
        run(QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast"), userMessages(QStringLiteral("hi"))).status, 200);
    m_fake->setDeprecatedModelError(Fake::Error::MisspeltModel);
    const Result misspelt = run(kGemma3, userMessages(QStringLiteral("hi")));
    QCOMPARE(misspelt.status, 400);
    QCOMPARE(misspelt.body, errorBody(7000, QStringLiteral("No route for that URI")));

    // Kimi K2.5 is now Kimi K2.6: its reasoning field, its switch, its plan.
    const Result alias = run(kKimi25, userMessages(QStringLiteral("hi")));
    QCOMPARE(alias.status, 200);
    QCOMPARE(alias.json()[QLatin1String("result")].toObject()[QLatin1String("model")].toString(), kKimi);
    QVERIFY(!messageOf(alias)[QLatin1String("reasoning")].toString().isEmpty());
    QCOMPARE(m_fake->lastInference().model, kKimi25);
    QCOMPARE(m_fake->lastInference().servedModel, kKimi);
    run(kKimi25,
        userMessages(QStringLiteral("hi"),
            {{QStringLiteral("chat_template_kwargs"), QJsonObject {{QStringLiteral("thinking"), false}}}}));
    QVERIFY(!m_fake->lastInference().reasoned);
    m_fake->setFreePlan(true); // K2.6 became paid-only on 2026-07-28, and so did its alias
    QCOMPARE(run(kKimi25, userMessages(QStringLiteral("hi"))).status, 200);
    m_fake->setNow(QDateTime(QDate(2026, 8, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(firstError(run(kKimi25, userMessages(QStringLiteral("hi")))).first, 5035);
    // Back to the real clock (December 2026 as this is written: after the date).
    m_fake->setNow(QDateTime());
    if (QDateTime::currentDateTimeUtc().date() >= QDate(2026, 5, 30))
        QCOMPARE(run(kGemma3, userMessages(QStringLiteral("hi"))).status, 400);
}

void TestFakeWorkersAi::dailyFreeAllocation()
{
    m_fake->setFreePlan(true);
    const QDateTime evening(QDate(2026, 12, 1), QTime(23, 59), Qt::UTC);
    m_fake->setNow(evening);
    QCOMPARE(m_fake->dailyFreeNeurons(), 10000.0);
    QCOMPARE(m_fake->neuronsUsedToday(), 0.0);

    // neurons = tokens x $/M / 0.011 x 1000 / 1e6; glm-4.7-flash: $0.0605 in, $0.40 out.
    const Result r = run(kGlm, userMessages(QStringLiteral("count my neurons")));
    const QJsonObject usage = usageOf(r);
    const double expected = (usage[QLatin1String("prompt_tokens")].toInt() * 0.0605
                                + usage[QLatin1String("completion_tokens")].toInt() * 0.40)
        / 0.011 * 1000 / 1e6;
    QVERIFY2(
        qAbs(m_fake->neuronsUsedToday() - expected) < 1e-9, qPrintable(QString::number(m_fake->neuronsUsedToday())));
    QVERIFY(qAbs(m_fake->lastInference().neurons - expected) < 1e-9);
    QVERIFY(qAbs(m_fake->neuronsFor(kGlm, Fake::Usage {1000000, 0}) - 5500.0) < 1e-6);
    // Cached input at the cached price (kimi-k2.6: $0.95 in, $0.16 cached, $4.00 out).
    Fake::Usage cached {1000000, 0};
    cached.cachedTokens = 400000;
    QVERIFY(qAbs(m_fake->neuronsFor(kKimi, cached) - (600000 * 0.95 + 400000 * 0.16) / 0.011 * 1000 / 1e6) < 1e-6);
    // Embeddings are metered too (bge-m3 $0.012 per M).
    run(QStringLiteral("@cf/baai/bge-m3"), QJsonObject {{QStringLiteral("text"), QStringLiteral("a b c")}});
    QVERIFY(m_fake->lastInference().neurons > 0);

    // The request that crosses the allowance succeeds; every later one is 429 / 3036.
    m_fake->setNeuronsUsedToday(9999.999);
    QCOMPARE(run(kGlm, userMessages(QStringLiteral("last one"))).status, 200);
    QVERIFY(m_fake->neuronsUsedToday() > 10000);
    const int reached = m_fake->modelRequests();
    const Result spent = run(kScout, userMessages(QStringLiteral("hi")));
    QCOMPARE(spent.status, 429);
    QCOMPARE(spent.body, errorBody(3036, kQuotaText));
    QCOMPARE(run(QStringLiteral("@cf/baai/bge-m3"), QJsonObject {{QStringLiteral("text"), QStringLiteral("a")}}).status,
        429);
    QJsonObject compat = userMessages(QStringLiteral("hi"));
    compat.insert(QStringLiteral("model"), kGlm);
    QCOMPARE(chat(compat).status, 429);
    QCOMPARE(m_fake->modelRequests(), reached); // refused requests never reached a model
    QCOMPARE(m_fake->lastInference().code, 3036);

    m_fake->setQuotaReply(Fake::QuotaReply::Code4006);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).body, errorBody(4006, kQuotaText));
    m_fake->setQuotaReply(Fake::QuotaReply::TextOnly);
    const Result textOnly = run(kScout, userMessages(QStringLiteral("hi")));
    QCOMPARE(textOnly.status, 429);
    QCOMPARE(textOnly.body,
        "{\"result\":null,\"success\":false,\"errors\":[{\"message\":\"" + kQuotaText.toUtf8()
            + "\"}],\"messages\":[]}");
    m_fake->setQuotaReply(Fake::QuotaReply::Code3036);

    // 00:00 UTC: a new allocation.
    m_fake->setNow(evening.addSecs(60));
    QCOMPARE(m_fake->neuronsUsedToday(), 0.0);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 200);
    QCOMPARE(m_fake->modelRequests(), reached + 1);

    // Spent again, then the upgrade: no limit (still metered).
    m_fake->setDailyFreeNeurons(1);
    m_fake->setNeuronsUsedToday(1);
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 429);
    m_fake->setPaidPlan(true);
    const double before = m_fake->neuronsUsedToday();
    QCOMPARE(run(kScout, userMessages(QStringLiteral("hi"))).status, 200);
    QVERIFY(m_fake->neuronsUsedToday() > before);
}

void TestFakeWorkersAi::sessionAffinityPrefixCache()
{
    const QList<QPair<QByteArray, QByteArray>> affinity {{"x-session-affinity", "ses_12345678"}};
    QJsonObject body = userMessages(QStringLiteral("first question"));
    body.insert(QStringLiteral("model"), kKimi);
    const Result first = chat(body, affinity);
    QCOMPARE(
        usageOf(first)[QLatin1String("prompt_tokens_details")].toObject()[QLatin1String("cached_tokens")].toInt(), 0);
    QCOMPARE(m_fake->lastInference().sessionAffinity, QByteArray("ses_12345678"));
    QCOMPARE(m_fake->lastRequest().header("x-session-affinity"), QByteArray("ses_12345678"));

    // The next turn resends the history byte for byte: its first two messages are cached.
    const QJsonArray firstMessages = body[QLatin1String("messages")].toArray();
    QJsonArray messages = firstMessages;
    messages.append(message(QStringLiteral("assistant"), QStringLiteral("You said: first question")));
    messages.append(message(QStringLiteral("user"), QStringLiteral("second question")));
    body.insert(QStringLiteral("messages"), messages);
    const int prefix = Fake::promptTokensFor(QJsonObject {{QStringLiteral("messages"), firstMessages}});
    const Result second = chat(body, affinity);
    const QJsonObject usage = usageOf(second);
    QCOMPARE(usage[QLatin1String("prompt_tokens_details")].toObject()[QLatin1String("cached_tokens")].toInt(), prefix);
    // Billed at kimi's cached price.
    Fake::Usage billed {
        usage[QLatin1String("prompt_tokens")].toInt(), usage[QLatin1String("completion_tokens")].toInt()};
    billed.cachedTokens = prefix;
    QVERIFY(qAbs(m_fake->lastInference().neurons - m_fake->neuronsFor(kKimi, billed)) < 1e-9);
    billed.cachedTokens = 0;
    QVERIFY(m_fake->lastInference().neurons < m_fake->neuronsFor(kKimi, billed));

    // Another id, no id: nothing cached.
    QCOMPARE(chat(body, {{"x-session-affinity", "ses_other"}})
                 .json()[QLatin1String("usage")]
                 .toObject()[QLatin1String("prompt_tokens_details")]
                 .toObject()[QLatin1String("cached_tokens")]
                 .toInt(),
        0);
    QCOMPARE(
        usageOf(chat(body))[QLatin1String("prompt_tokens_details")].toObject()[QLatin1String("cached_tokens")].toInt(),
        0);

    // The same messages with the first one's keys in another order: not byte-identical, no hit.
    QByteArray reordered = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QVERIFY(reordered.contains("{\"content\":\"Be brief.\",\"role\":\"system\"}"));
    reordered.replace(
        "{\"content\":\"Be brief.\",\"role\":\"system\"}", "{\"role\":\"system\",\"content\":\"Be brief.\"}");
    const Result changed = send(
        "POST", accountPath(QStringLiteral("ai/v1/chat/completions")), reordered, "fake-token-for-tests", affinity);
    QCOMPARE(changed.status, 200);
    QCOMPARE(m_fake->lastInference().usage.cachedTokens, 0);
    // ...and that request is now the prefix to match.
    const Result again = send(
        "POST", accountPath(QStringLiteral("ai/v1/chat/completions")), reordered, "fake-token-for-tests", affinity);
    QCOMPARE(m_fake->lastInference().usage.cachedTokens, usageOf(again)[QLatin1String("prompt_tokens")].toInt());

    // A vLLM stream reports it in the usage tail.
    QJsonObject glm = userMessages(QStringLiteral("stream me"), {{QStringLiteral("stream"), true}});
    const QList<QPair<QByteArray, QByteArray>> glmAffinity {{"x-session-affinity", "ses_glm"}};
    send("POST", accountPath(QStringLiteral("ai/run/") + kGlm), QJsonDocument(glm).toJson(QJsonDocument::Compact),
        "fake-token-for-tests", glmAffinity);
    const Result streamed = send("POST", accountPath(QStringLiteral("ai/run/") + kGlm),
        QJsonDocument(glm).toJson(QJsonDocument::Compact), "fake-token-for-tests", glmAffinity);
    const QList<QByteArray> events = streamed.events();
    const QJsonObject tail
        = QJsonDocument::fromJson(events.at(events.size() - 2)).object()[QLatin1String("usage")].toObject();
    QVERIFY(tail[QLatin1String("prompt_tokens_details")].toObject()[QLatin1String("cached_tokens")].toInt() > 0);
    QVERIFY(tail[QLatin1String("neurons")].toDouble() > 0);

    // Legacy models have no prefix cache; clearSessionCache() forgets every id.
    for (int i = 0; i < 2; ++i)
        send("POST", accountPath(QStringLiteral("ai/run/") + kScout),
            QJsonDocument(userMessages(QStringLiteral("hi"))).toJson(), "fake-token-for-tests", affinity);
    QCOMPARE(m_fake->lastInference().usage.cachedTokens, 0);
    m_fake->clearSessionCache();
    chat(body, affinity);
    QCOMPARE(m_fake->lastInference().usage.cachedTokens, 0);
}

void TestFakeWorkersAi::clefIsNotAChatModel()
{
    const QString clef = QStringLiteral("@cf/cloudflare/clef");
    QCOMPARE(Fake::familyOf(clef), Fake::Family::Decision);
    const Result chatBody = run(clef, userMessages(QStringLiteral("hi")));
    QCOMPARE(chatBody.status, 400);
    QCOMPARE(firstError(chatBody).second, QStringLiteral("AiError: Bad input: Error: oneOf at '/' not met"));
    const QJsonObject decision {{QStringLiteral("model"), QStringLiteral("clef")},
        {QStringLiteral("state"), QStringLiteral("a red light")},
        {QStringLiteral("questions"),
            QJsonObject {{QStringLiteral("stop"),
                QJsonObject {{QStringLiteral("type"), QStringLiteral("noul")},
                    {QStringLiteral("instructions"), QStringLiteral("Should the car stop?")}}}}}};
    const Result r = run(clef, decision);
    QCOMPARE(r.status, 200);
    const QJsonObject result = r.json()[QLatin1String("result")].toObject();
    QCOMPARE(
        result[QLatin1String("answers")].toObject()[QLatin1String("stop")].toObject()[QLatin1String("type")].toString(),
        QStringLiteral("noul"));
    QVERIFY(result[QLatin1String("usage")].toObject().contains(QLatin1String("input_tokens")));
}

QTEST_GUILESS_MAIN(TestFakeWorkersAi)
#include "tst_fakeworkersai.moc"
