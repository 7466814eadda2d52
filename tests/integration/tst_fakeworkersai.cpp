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

QTEST_GUILESS_MAIN(TestFakeWorkersAi)
#include "tst_fakeworkersai.moc"
