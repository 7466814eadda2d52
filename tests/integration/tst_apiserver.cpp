// The local OpenAI-compatible API server end to end over real sockets: a client speaks OpenAI's
// protocol to ApiServer, which talks to the fake Workers AI server.
#include "ApiServerFixture.h"
#include "http/SseParser.h"
#include "server/ApiServer.h"

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
using flarechat::test::FakeWorkersAi;

namespace {
const char* const kKey = flarechat::test::kTestApiKey;

using Reply = flarechat::test::ApiReply;
using flarechat::test::chatBody;
} // namespace

class TestApiServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void modelsList();
    void modelById_data();
    void modelById();
    void chatNonStream();
    void chatStream();
    void chatStreamWithUsage();
    void reasoningSeparated();
    void toolCallsStreamed();
    void errorBeforeFirstByteIsHttpError();
    void errorMidStreamIsEvent();
    void authRequired_data();
    void authRequired();
    void hostHeaderChecked();
    void corsPreflight();
    void routingErrors_data();
    void routingErrors();
    void embeddings();
    void legacyCompletions();
    void healthNeedsNoKey();
    void keepAliveWhileThinking();
    void disconnectCancelsUpstreamQuickly();
    void concurrentStreamingClients();
    void lanBindNeedsKey();

private:
    bool restartServer(int keepAliveMs);
    Reply call(const QByteArray& method, const QString& path, const QJsonObject& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {}, bool withKey = true);
    QUrl url(const QString& path) const;

    std::unique_ptr<flarechat::test::ApiServerFixture> m_env;
    QNetworkAccessManager m_nam;
};

void TestApiServer::init()
{
    m_env = std::make_unique<flarechat::test::ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiServer::cleanup()
{
    m_env.reset();
}

bool TestApiServer::restartServer(int keepAliveMs)
{
    return m_env->restart([keepAliveMs](ApiServer::Config& c) { c.router.keepAliveMs = keepAliveMs; });
}

QUrl TestApiServer::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_env->server().port()).arg(path));
}

Reply TestApiServer::call(const QByteArray& method, const QString& path, const QJsonObject& body,
    const QList<QPair<QByteArray, QByteArray>>& headers, bool withKey)
{
    return m_env->client().call(method, path, body, headers, withKey);
}

static QString contentOf(const Reply& r)
{
    return r.streamedContent();
}

void TestApiServer::modelsList()
{
    const Reply r = call("GET", QStringLiteral("/v1/models"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("object")).toString(), QStringLiteral("list"));
    QStringList ids;
    for (const QJsonValue& v : r.json.value(QStringLiteral("data")).toArray()) {
        const QJsonObject m = v.toObject();
        QCOMPARE(m.value(QStringLiteral("object")).toString(), QStringLiteral("model"));
        QVERIFY(m.value(QStringLiteral("created")).toInteger() > 0);
        QVERIFY(!m.value(QStringLiteral("owned_by")).toString().isEmpty());
        ids << m.value(QStringLiteral("id")).toString();
    }
    for (const char* alias :
        {"deepseek-r1", "gpt-oss-120b", "gpt-oss-20b", "llama-4-scout", "qwen2.5-coder", "gemma-3"})
        QVERIFY2(ids.contains(QLatin1String(alias)), alias);
    QVERIFY(ids.contains(QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast")));
}

void TestApiServer::modelById_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("status");
    QTest::newRow("alias") << QStringLiteral("deepseek-r1") << 200;
    QTest::newRow("cf id with slashes") << QStringLiteral("@cf/meta/llama-4-scout-17b-16e-instruct") << 200;
    QTest::newRow("unknown") << QStringLiteral("gpt-5") << 404;
}

void TestApiServer::modelById()
{
    QFETCH(QString, id);
    QFETCH(int, status);
    const Reply r = call("GET", QStringLiteral("/v1/models/") + id);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QCOMPARE(r.json.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(r.json.value(QStringLiteral("object")).toString(), QStringLiteral("model"));
    } else {
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("model_not_found"));
    }
}

void TestApiServer::chatNonStream()
{
    const Reply r = call("POST", QStringLiteral("/v1/chat/completions"),
        chatBody(QStringLiteral("llama-4-scout"), QStringLiteral("hello API")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("id")).toString().startsWith(QLatin1String("chatcmpl-")));
    QCOMPARE(r.json.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(r.json.value(QStringLiteral("model")).toString(), QStringLiteral("llama-4-scout"));
    QVERIFY(r.json.value(QStringLiteral("created")).toInteger() > 1700000000);
    const QJsonObject choice = r.json.value(QStringLiteral("choices")).toArray().first().toObject();
    QCOMPARE(choice.value(QStringLiteral("finish_reason")).toString(), QStringLiteral("stop"));
    const QJsonObject msg = choice.value(QStringLiteral("message")).toObject();
    QCOMPARE(msg.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QVERIFY(msg.value(QStringLiteral("content")).toString().contains(QStringLiteral("hello API")));
    const QJsonObject usage = r.json.value(QStringLiteral("usage")).toObject();
    QVERIFY(usage.value(QStringLiteral("completion_tokens")).toInt() > 0); // the upstream's count, not chars/4
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(),
        usage.value(QStringLiteral("prompt_tokens")).toInt()
            + usage.value(QStringLiteral("completion_tokens")).toInt());
    // Two requests get two ids.
    const Reply again = call(
        "POST", QStringLiteral("/v1/chat/completions"), chatBody(QStringLiteral("llama-4-scout"), QStringLiteral("x")));
    QVERIFY(again.json.value(QStringLiteral("id")) != r.json.value(QStringLiteral("id")));
}

void TestApiServer::chatStream()
{
    m_env->fake().setTokenDelayMs(2);
    const Reply r = call("POST", QStringLiteral("/v1/chat/completions"),
        chatBody(QStringLiteral("gemma-3"), QStringLiteral("stream this to me"), true));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
    QVERIFY(r.events.size() >= 4);
    QCOMPARE(r.rawEvents.last(), QByteArray("[DONE]"));
    const QString id = r.events.first().value(QStringLiteral("id")).toString();
    QVERIFY(id.startsWith(QLatin1String("chatcmpl-")));
    for (const QJsonObject& e : r.events) {
        QCOMPARE(e.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(e.value(QStringLiteral("object")).toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(e.value(QStringLiteral("model")).toString(), QStringLiteral("gemma-3"));
        QVERIFY(!e.contains(QStringLiteral("usage"))); // not asked for
    }
    const QJsonObject first = r.events.first().value(QStringLiteral("choices")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("delta")).toObject().value(QStringLiteral("role")).toString(),
        QStringLiteral("assistant"));
    const QJsonObject last = r.events.last().value(QStringLiteral("choices")).toArray().first().toObject();
    QCOMPARE(last.value(QStringLiteral("finish_reason")).toString(), QStringLiteral("stop"));
    QVERIFY(contentOf(r).contains(QStringLiteral("stream this to me")));
}

void TestApiServer::chatStreamWithUsage()
{
    QJsonObject body = chatBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("count my tokens"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    const Reply r = call("POST", QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 200);
    const QJsonObject usageChunk = r.events.last();
    QVERIFY(usageChunk.value(QStringLiteral("choices")).toArray().isEmpty());
    QVERIFY(
        usageChunk.value(QStringLiteral("usage")).toObject().value(QStringLiteral("completion_tokens")).toInt() > 0);
    for (int i = 0; i + 1 < r.events.size(); ++i)
        QVERIFY(r.events.at(i).value(QStringLiteral("usage")).isNull());
}

void TestApiServer::reasoningSeparated()
{
    const Reply whole = call("POST", QStringLiteral("/v1/chat/completions"),
        chatBody(QStringLiteral("deepseek-r1"), QStringLiteral("think first")));
    QCOMPARE(whole.status, 200);
    const QJsonObject msg = whole.json.value(QStringLiteral("choices"))
                                .toArray()
                                .first()
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toObject();
    QVERIFY(!msg.value(QStringLiteral("reasoning_content")).toString().isEmpty());
    QVERIFY(!msg.value(QStringLiteral("content")).toString().contains(QStringLiteral("</think>")));

    const Reply stream = call("POST", QStringLiteral("/v1/chat/completions"),
        chatBody(QStringLiteral("deepseek-r1"), QStringLiteral("think first"), true));
    QString reasoning;
    for (const QJsonObject& e : stream.events)
        reasoning += e.value(QStringLiteral("choices"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("delta"))
                         .toObject()
                         .value(QStringLiteral("reasoning_content"))
                         .toString();
    QVERIFY(!reasoning.isEmpty());
    QVERIFY(!contentOf(stream).contains(QStringLiteral("think>")));
    QVERIFY(contentOf(stream).contains(QStringLiteral("think first")));
}

void TestApiServer::toolCallsStreamed()
{
    QJsonObject body = chatBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("weather in Paris?"), true);
    body.insert(QStringLiteral("tools"),
        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                    {QStringLiteral("parameters"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                            {QStringLiteral("properties"),
                                QJsonObject {{QStringLiteral("city"),
                                    QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}}}});
    const Reply r = call("POST", QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 200);
    QString name, args, id;
    QString finish;
    for (const QJsonObject& e : r.events) {
        const QJsonObject choice = e.value(QStringLiteral("choices")).toArray().first().toObject();
        for (const QJsonValue& tc :
            choice.value(QStringLiteral("delta")).toObject().value(QStringLiteral("tool_calls")).toArray()) {
            const QJsonObject t = tc.toObject();
            QCOMPARE(t.value(QStringLiteral("index")).toInt(), 0);
            if (t.contains(QStringLiteral("id")))
                id = t.value(QStringLiteral("id")).toString();
            name += t.value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString();
            args += t.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).toString();
        }
        if (!choice.value(QStringLiteral("finish_reason")).isNull())
            finish = choice.value(QStringLiteral("finish_reason")).toString();
    }
    QCOMPARE(name, QStringLiteral("get_weather"));
    QVERIFY(!id.isEmpty());
    QVERIFY2(QJsonDocument::fromJson(args.toUtf8()).isObject(), qPrintable(args));
    QCOMPARE(finish, QStringLiteral("tool_calls"));
}

void TestApiServer::errorBeforeFirstByteIsHttpError()
{
    m_env->fake().enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::DailyQuota));
    const Reply r = call(
        "POST", QStringLiteral("/v1/chat/completions"), chatBody(QStringLiteral("gemma-3"), QStringLiteral("x"), true));
    QCOMPARE(r.status, 429);
    const QJsonObject err = r.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(err.value(QStringLiteral("type")).toString(), QStringLiteral("insufficient_quota"));
    QVERIFY(err.value(QStringLiteral("message")).toString().contains(QStringLiteral("00:00 UTC")));
    QVERIFY(r.headers.value("retry-after").toInt() > 0);

    m_env->fake().enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Authentication));
    const Reply auth = call(
        "POST", QStringLiteral("/v1/chat/completions"), chatBody(QStringLiteral("gemma-3"), QStringLiteral("x")));
    QCOMPARE(auth.status, 401);
    QVERIFY(!auth.body.contains(m_env->fake().apiToken()));
}

void TestApiServer::errorMidStreamIsEvent()
{
    m_env->fake().enqueue(FakeWorkersAi::cutStream({QStringLiteral("Half"), QStringLiteral(" a")}));
    const Reply r = call(
        "POST", QStringLiteral("/v1/chat/completions"), chatBody(QStringLiteral("gemma-3"), QStringLiteral("x"), true));
    QCOMPARE(r.status, 200);
    QCOMPARE(contentOf(r), QStringLiteral("Half a"));
    QVERIFY(r.events.last().contains(QStringLiteral("error")));
    QCOMPARE(r.rawEvents.last(), QByteArray("[DONE]"));
}

void TestApiServer::authRequired_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("missing") << QByteArray() << 401;
    QTest::newRow("wrong key") << QByteArray("Bearer sk-flarechat-wrong") << 401;
    QTest::newRow("seed default key") << QByteArray("Bearer your-api-key-here") << 401;
    QTest::newRow("right key") << QByteArray("Bearer ") + kKey << 200;
}

void TestApiServer::authRequired()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const Reply r = call("GET", QStringLiteral("/v1/models"), {}, headers, false);
    QCOMPARE(r.status, status);
    if (status == 401) {
        const QJsonObject err = r.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(err.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_api_key"));
        QCOMPARE(err.value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    }
}

void TestApiServer::hostHeaderChecked()
{
    const Reply evil = call("GET", QStringLiteral("/v1/models"), {}, {{"Host", "evil.example.com"}});
    QCOMPARE(evil.status, 403);
    QVERIFY(evil.json.contains(QStringLiteral("error")));
    const Reply local = call("GET", QStringLiteral("/v1/models"), {}, {{"Host", "localhost:1234"}});
    QCOMPARE(local.status, 200);
}

void TestApiServer::corsPreflight()
{
    const Reply r = call("OPTIONS", QStringLiteral("/v1/chat/completions"), {},
        {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers", "authorization, content-type"},
            {"Access-Control-Request-Private-Network", "true"}},
        false);
    QVERIFY(r.status == 204 || r.status == 200);
    QVERIFY(!r.headers.value("access-control-allow-origin").isEmpty());
    QVERIFY(r.headers.value("access-control-allow-methods").contains("POST"));
    QVERIFY(r.headers.value("access-control-allow-headers").toLower().contains("authorization"));
    QCOMPARE(r.headers.value("access-control-allow-private-network"), QByteArray("true"));
    const Reply get = call("GET", QStringLiteral("/v1/models"), {}, {{"Origin", "http://localhost:3000"}});
    QCOMPARE(get.status, 200);
    QVERIFY(!get.headers.value("access-control-allow-origin").isEmpty());
}

void TestApiServer::routingErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("param");
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/v1/nothing") << QByteArray() << 404
                                  << QString();
    QTest::newRow("wrong method") << QByteArray("GET") << QStringLiteral("/v1/chat/completions") << QByteArray() << 405
                                  << QString();
    QTest::newRow("invalid json") << QByteArray("POST") << QStringLiteral("/v1/chat/completions")
                                  << QByteArray("{not json") << 400 << QString();
    QTest::newRow("bad parameter")
        << QByteArray("POST") << QStringLiteral("/v1/chat/completions")
        << QByteArray(R"({"model":"gemma-3","messages":[{"role":"user","content":"x"}],"temperature":9})") << 400
        << QStringLiteral("temperature");
    QTest::newRow("unknown model") << QByteArray("POST") << QStringLiteral("/v1/chat/completions")
                                   << QByteArray(R"({"model":"gpt-4o","messages":[{"role":"user","content":"x"}]})")
                                   << 404 << QString();
    QTest::newRow("image URL not data URI")
        << QByteArray("POST") << QStringLiteral("/v1/chat/completions")
        << QByteArray(
               R"({"model":"llama-4-scout","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]})")
        << 400 << QStringLiteral("messages[0].content[0].image_url.url");
}

void TestApiServer::routingErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, param);
    QNetworkRequest req(url(path));
    req.setRawHeader("Authorization", QByteArray("Bearer ") + kKey);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply* reply = m_nam.sendCustomRequest(req, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    const QJsonObject err
        = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("error")).toObject();
    QVERIFY(!err.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(err.contains(QStringLiteral("type")));
    if (!param.isEmpty())
        QCOMPARE(err.value(QStringLiteral("param")).toString(), param);
    if (status == 405)
        QVERIFY(reply->rawHeader("Allow").contains("POST"));
    reply->deleteLater();
}

void TestApiServer::embeddings()
{
    const QJsonObject body {{QStringLiteral("model"), QStringLiteral("bge-m3")},
        {QStringLiteral("input"), QJsonArray {QStringLiteral("first"), QStringLiteral("second")}}};
    const Reply r = call("POST", QStringLiteral("/v1/embeddings"), body);
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.json.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 2);
    const QJsonArray v0 = data.at(0).toObject().value(QStringLiteral("embedding")).toArray();
    QVERIFY(v0.size() > 10);
    QCOMPARE(data.at(1).toObject().value(QStringLiteral("index")).toInt(), 1);

    QJsonObject b64 = body;
    b64.insert(QStringLiteral("encoding_format"), QStringLiteral("base64"));
    const Reply e = call("POST", QStringLiteral("/v1/embeddings"), b64);
    QCOMPARE(e.status, 200);
    const QByteArray raw = QByteArray::fromBase64(e.json.value(QStringLiteral("data"))
                                                      .toArray()
                                                      .at(0)
                                                      .toObject()
                                                      .value(QStringLiteral("embedding"))
                                                      .toString()
                                                      .toLatin1());
    QCOMPARE(raw.size(), v0.size() * 4);
    float first = 0;
    std::memcpy(&first, raw.constData(), 4);
    QVERIFY(qAbs(first - static_cast<float>(v0.at(0).toDouble())) < 1e-6f);
}

void TestApiServer::legacyCompletions()
{
    const QJsonObject body {{QStringLiteral("model"), QStringLiteral("qwen2.5-coder")},
        {QStringLiteral("prompt"), QStringLiteral("def add(a, b):")}, {QStringLiteral("max_tokens"), 50}};
    const Reply r = call("POST", QStringLiteral("/v1/completions"), body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("object")).toString(), QStringLiteral("text_completion"));
    QVERIFY(r.json.value(QStringLiteral("choices"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("def add")));
    QCOMPARE(m_env->fake().lastRequest().json.value(QStringLiteral("max_tokens")).toInt(), 50);

    QJsonObject streamBody = body;
    streamBody.insert(QStringLiteral("stream"), true);
    const Reply s = call("POST", QStringLiteral("/v1/completions"), streamBody);
    QCOMPARE(s.status, 200);
    QString text;
    for (const QJsonObject& e : s.events)
        text
            += e.value(QStringLiteral("choices")).toArray().first().toObject().value(QStringLiteral("text")).toString();
    QVERIFY(text.contains(QStringLiteral("def add")));
    QCOMPARE(s.rawEvents.last(), QByteArray("[DONE]"));
}

void TestApiServer::healthNeedsNoKey()
{
    const Reply r = call("GET", QStringLiteral("/health"), {}, {}, false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(r.json.value(QStringLiteral("credentials_configured")).toBool(), true);
    QVERIFY(!r.body.contains(m_env->fake().apiToken()));
    QVERIFY(!r.body.contains(kKey));
}

void TestApiServer::keepAliveWhileThinking()
{
    QVERIFY(restartServer(150));
    m_env->fake().setFirstByteDelayMs(700);
    const Reply r = call("POST", QStringLiteral("/v1/chat/completions"),
        chatBody(QStringLiteral("gemma-3"), QStringLiteral("slow"), true));
    QCOMPARE(r.status, 200);
    QVERIFY2(r.comments >= 2, qPrintable(QString::number(r.comments)));
    QVERIFY(contentOf(r).contains(QStringLiteral("slow")));
}

void TestApiServer::disconnectCancelsUpstreamQuickly()
{
    m_env->fake().setTokenDelayMs(50);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_env->server().port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body
        = QJsonDocument(chatBody(QStringLiteral("gemma-3"),
                            QStringLiteral("a long reply with very many words in it to stream slowly"), true))
              .toJson(QJsonDocument::Compact);
    socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + QByteArray(kKey)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body);
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += socket.readAll();
            return got.contains("You");
        },
        10000));
    QElapsedTimer t;
    QSignalSpy gone(&m_env->fake(), &FakeWorkersAi::clientDisconnected);
    t.start();
    socket.abort();
    QVERIFY(gone.wait(2000));
    const qint64 ms = t.elapsed();
    qInfo() << "upstream request ended" << ms << "ms after the client disconnected";
    QVERIFY2(ms < 100, qPrintable(QString::number(ms)));
    QCOMPARE(m_env->fake().abortedByClient(), 1);
}

void TestApiServer::concurrentStreamingClients()
{
    m_env->fake().setTokenDelayMs(30);
    QList<QNetworkAccessManager*> managers;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 64; ++i) {
        if (i % 6 == 0)
            managers.append(new QNetworkAccessManager(this));
        QNetworkRequest req(url(QStringLiteral("/v1/chat/completions")));
        req.setRawHeader("Authorization", QByteArray("Bearer ") + kKey);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        replies.append(managers.last()->post(req,
            QJsonDocument(chatBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("client %1 says hi").arg(i), true))
                .toJson()));
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }); },
        30000));
    for (int i = 0; i < 64; ++i) {
        QCOMPARE(replies.at(i)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        SseParser sse;
        const QList<SseParser::Event> events = sse.feed(replies.at(i)->readAll());
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.last().data, QByteArray("[DONE]"));
        QString content;
        for (const SseParser::Event& e : events)
            content += QJsonDocument::fromJson(e.data)
                           .object()
                           .value(QStringLiteral("choices"))
                           .toArray()
                           .first()
                           .toObject()
                           .value(QStringLiteral("delta"))
                           .toObject()
                           .value(QStringLiteral("content"))
                           .toString();
        QVERIFY2(content.contains(QStringLiteral("client %1 says hi").arg(i)), qPrintable(content));
    }
    QCOMPARE(m_env->fake().maxConcurrentRequests(), 64);
    qDeleteAll(managers);
    // The server is still up.
    QCOMPARE(call("GET", QStringLiteral("/health")).status, 200);
}

void TestApiServer::lanBindNeedsKey()
{
    ApiServer server;
    ApiServer::Config c;
    c.http.address = QHostAddress(QStringLiteral("0.0.0.0"));
    c.access.requireKey = false;
    QString error;
    QVERIFY(!server.start(c, &error));
    QVERIFY2(error.contains(QStringLiteral("key"), Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!server.isRunning());
}

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
