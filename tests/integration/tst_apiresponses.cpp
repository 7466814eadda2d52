// OpenAI's Responses API on the local server end to end, over real sockets: a client speaks the
// Responses protocol to ApiServer (POST /v1/responses, GET and DELETE /v1/responses/{id}),
// which runs the same engine as the chat endpoint against the fake Workers AI server. What Codex
// CLI sends and needs is here too: hosted and custom tools, store false, the event order.
#include "ApiServerFixture.h"
#include "ResponsesTestClient.h"

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

class TestApiResponses final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createWholeResponse();
    void streamEventsInOrder();
    void reasoningItems();
    void previousResponseIdContinues();
    void storedResponsesGetAndDelete();
    void textFormatAndSettingsReachUpstream();
    void errors_data();
    void errors();
    void upstreamFailureMidStreamIsResponseFailed();
    void incompleteAtTokenLimit();
    void disconnectCancelsUpstream();
    void concurrentStreams();

private:
    ApiReply responses(const QJsonObject& body) { return m_env->client().post(QStringLiteral("/v1/responses"), body); }
    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiResponses::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiResponses::cleanup()
{
    m_env.reset();
}

void TestApiResponses::createWholeResponse()
{
    const ApiReply r = responses(responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("Hello there")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("application/json"));
    const QJsonObject o = r.json;
    QVERIFY(o.value(QStringLiteral("id")).toString().startsWith(QLatin1String("resp_")));
    QCOMPARE(o.value(QStringLiteral("object")).toString(), QStringLiteral("response"));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("llama-3.3-70b"));
    QVERIFY(o.value(QStringLiteral("created_at")).toInteger() > 1'700'000'000);
    QVERIFY(o.value(QStringLiteral("error")).isNull());
    const QJsonArray output = outputOf(o);
    QCOMPARE(output.size(), 1);
    const QJsonObject message = output[0].toObject();
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(message.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(message.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QVERIFY(message.value(QStringLiteral("id")).toString().startsWith(QLatin1String("msg_")));
    const QJsonObject part = message.value(QStringLiteral("content")).toArray()[0].toObject();
    QCOMPARE(part.value(QStringLiteral("type")).toString(), QStringLiteral("output_text"));
    QCOMPARE(part.value(QStringLiteral("text")).toString(), QStringLiteral("You said: Hello there"));
    QVERIFY(part.value(QStringLiteral("annotations")).isArray());
    QCOMPARE(o.value(QStringLiteral("output_text")).toString(), QStringLiteral("You said: Hello there"));
    const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
    QVERIFY(usage.value(QStringLiteral("input_tokens")).toInt() > 0);
    QVERIFY(usage.value(QStringLiteral("output_tokens")).toInt() > 0);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(),
        usage.value(QStringLiteral("input_tokens")).toInt() + usage.value(QStringLiteral("output_tokens")).toInt());
    QVERIFY(
        usage.value(QStringLiteral("output_tokens_details")).toObject().contains(QStringLiteral("reasoning_tokens")));
    QVERIFY(usage.value(QStringLiteral("input_tokens_details")).toObject().contains(QStringLiteral("cached_tokens")));
}

void TestApiResponses::streamEventsInOrder()
{
    const ApiReply r = responses(responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("Stream this"), true));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
    const Stream s = readStream(r.body);
    QVERIFY(s.namesMatchTypes);
    QCOMPARE(r.body.count("event: "), s.names.size());
    QCOMPARE(s.names.mid(0, 4),
        (QByteArrayList {
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"}));
    QCOMPARE(s.names.mid(s.names.size() - 4),
        (QByteArrayList {"response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed"}));
    for (qsizetype i = 4; i < s.names.size() - 4; ++i)
        QCOMPARE(s.names[i], QByteArray("response.output_text.delta"));
    for (qsizetype i = 0; i < s.data.size(); ++i)
        QCOMPARE(s.data[i].value(QStringLiteral("sequence_number")).toInt(-1), int(i));
    QCOMPARE(deltas(s, "response.output_text.delta"), QStringLiteral("You said: Stream this"));
    const QJsonObject created = s.first("response.created").value(QStringLiteral("response")).toObject();
    QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
    const QJsonObject done = s.first("response.output_item.done").value(QStringLiteral("item")).toObject();
    QCOMPARE(done.value(QStringLiteral("content")).toArray()[0].toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("You said: Stream this"));
    const QJsonObject completed = s.data.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(completed.value(QStringLiteral("id")).toString(), created.value(QStringLiteral("id")).toString());
    QCOMPARE(completed.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(messageText(completed), QStringLiteral("You said: Stream this"));
    QCOMPARE(outputOf(completed)[0].toObject().value(QStringLiteral("id")).toString(),
        done.value(QStringLiteral("id")).toString());
    QVERIFY(completed.value(QStringLiteral("usage")).toObject().value(QStringLiteral("output_tokens")).toInt() > 0);
    QVERIFY(!r.body.contains("[DONE]"));
}

void TestApiResponses::reasoningItems()
{
    const QString model = QStringLiteral("@cf/zai-org/glm-4.7-flash");
    m_env->fake().enqueueFor(model,
        FakeWorkersAi::openAiStream(model, {QStringLiteral("The "), QStringLiteral("answer.")},
            {QStringLiteral("Let me "), QStringLiteral("think.")}));
    const ApiReply r = responses(responsesBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("Why?"), true));
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QCOMPARE(deltas(s, "response.reasoning_text.delta"), QStringLiteral("Let me think."));
    QCOMPARE(deltas(s, "response.output_text.delta"), QStringLiteral("The answer."));
    QCOMPARE(s.names.count(QByteArray("response.output_item.added")), 2);
    QCOMPARE(s.names.count(QByteArray("response.output_item.done")), 2);
    // The reasoning item is finished before the message starts.
    QVERIFY(s.names.indexOf(QByteArray("response.reasoning_text.done"))
        < s.names.indexOf(QByteArray("response.output_text.delta")));
    const QJsonObject completed = s.data.last().value(QStringLiteral("response")).toObject();
    const QJsonObject reasoning = outputOf(completed)[0].toObject();
    QCOMPARE(reasoning.value(QStringLiteral("type")).toString(), QStringLiteral("reasoning"));
    QVERIFY(reasoning.value(QStringLiteral("id")).toString().startsWith(QLatin1String("rs_")));
    QVERIFY(reasoning.value(QStringLiteral("summary")).isArray());
    QCOMPARE(
        reasoning.value(QStringLiteral("content")).toArray()[0].toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("Let me think."));

    m_env->fake().enqueueFor(
        model, FakeWorkersAi::openAiJson(model, QStringLiteral("Done."), QStringLiteral("Reasoned.")));
    QJsonObject body = responsesBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("Why?"));
    body.insert(QStringLiteral("reasoning"), QJsonObject {{QStringLiteral("effort"), QStringLiteral("high")}});
    const ApiReply whole = responses(body);
    QCOMPARE(whole.status, 200);
    QCOMPARE(outputOf(whole.json).size(), 2);
    QCOMPARE(outputOfType(whole.json, QStringLiteral("reasoning"))
                 .value(QStringLiteral("content"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("text"))
                 .toString(),
        QStringLiteral("Reasoned."));
    QCOMPARE(whole.json.value(QStringLiteral("output_text")).toString(), QStringLiteral("Done."));
    QCOMPARE(whole.json.value(QStringLiteral("reasoning")).toObject().value(QStringLiteral("effort")).toString(),
        QStringLiteral("high"));
}

void TestApiResponses::previousResponseIdContinues()
{
    QJsonObject first = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("My name is Ada."));
    first.insert(QStringLiteral("instructions"), QStringLiteral("Be brief."));
    const ApiReply a = responses(first);
    QCOMPARE(a.status, 200);
    const QString id = a.json.value(QStringLiteral("id")).toString();
    QCOMPARE(a.json.value(QStringLiteral("instructions")).toString(), QStringLiteral("Be brief."));

    QJsonObject second = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("What is my name?"), true);
    second.insert(QStringLiteral("previous_response_id"), id);
    second.insert(QStringLiteral("instructions"), QStringLiteral("Be kind."));
    const ApiReply b = responses(second);
    QCOMPARE(b.status, 200);
    const QJsonObject completed = readStream(b.body).data.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(completed.value(QStringLiteral("previous_response_id")).toString(), id);
    const QJsonArray sent = m_env->fake().lastRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 4); // the new instructions, the first turn, its answer, the new question
    QCOMPARE(sent[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(sent[0].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Be kind."));
    QCOMPARE(sent[1].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("My name is Ada."));
    QCOMPARE(sent[2].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(
        sent[2].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("You said: My name is Ada."));
    QCOMPARE(sent[3].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("What is my name?"));

    // A chain goes on from the streamed response too.
    QJsonObject third = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("Again?"));
    third.insert(QStringLiteral("previous_response_id"), completed.value(QStringLiteral("id")));
    QCOMPARE(responses(third).status, 200);
    QCOMPARE(m_env->fake().lastRequest().json.value(QStringLiteral("messages")).toArray().size(), 5);

    QJsonObject unknown = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"));
    unknown.insert(QStringLiteral("previous_response_id"), QStringLiteral("resp_doesnotexist"));
    const int before = m_env->fake().runRequests().size();
    const ApiReply missing = responses(unknown);
    QCOMPARE(missing.status, 404);
    const QJsonObject error = missing.json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("param")).toString(), QStringLiteral("previous_response_id"));
    QVERIFY(error.value(QStringLiteral("message")).toString().contains(QStringLiteral("resp_doesnotexist")));
    QCOMPARE(m_env->fake().runRequests().size(), before);
}

void TestApiResponses::storedResponsesGetAndDelete()
{
    const ApiReply a = responses(responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("keep me")));
    const QString id = a.json.value(QStringLiteral("id")).toString();
    ApiReply got = m_env->client().call("GET", QStringLiteral("/v1/responses/") + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.json.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(messageText(got.json), QStringLiteral("You said: keep me"));
    const ApiReply deleted = m_env->client().call("DELETE", QStringLiteral("/v1/responses/") + id);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.json.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(m_env->client().call("GET", QStringLiteral("/v1/responses/") + id).status, 404);
    QCOMPARE(m_env->client().call("DELETE", QStringLiteral("/v1/responses/") + id).status, 404);

    QJsonObject unstored = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("forget me"));
    unstored.insert(QStringLiteral("store"), false);
    const ApiReply b = responses(unstored);
    QCOMPARE(b.status, 200);
    QCOMPARE(b.json.value(QStringLiteral("store")).toBool(true), false);
    QCOMPARE(m_env->client()
                 .call("GET", QStringLiteral("/v1/responses/") + b.json.value(QStringLiteral("id")).toString())
                 .status,
        404);
    QCOMPARE(m_env->client().call("PUT", QStringLiteral("/v1/responses")).status, 405);
}

void TestApiResponses::textFormatAndSettingsReachUpstream()
{
    QJsonObject body = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("A city as JSON"));
    body.insert(QStringLiteral("text"),
        QJsonObject {{QStringLiteral("format"),
            QJsonDocument::fromJson(R"({"type":"json_schema","name":"city","strict":true,
                "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}})")
                .object()}});
    body.insert(QStringLiteral("temperature"), 0.25);
    body.insert(QStringLiteral("top_p"), 0.5);
    body.insert(QStringLiteral("max_output_tokens"), 300);
    const ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    const QJsonObject sent = m_env->fake().lastRequest().json;
    QCOMPARE(sent.value(QStringLiteral("temperature")).toDouble(), 0.25);
    QCOMPARE(sent.value(QStringLiteral("top_p")).toDouble(), 0.5);
    QCOMPARE(sent.value(QStringLiteral("max_tokens")).toInt(), 300);
    QVERIFY(sent.contains(QStringLiteral("response_format")));
    QVERIFY(QJsonDocument::fromJson(r.json.value(QStringLiteral("output_text")).toString().toUtf8())
                .object()
                .contains(QStringLiteral("name")));
    QCOMPARE(r.json.value(QStringLiteral("temperature")).toDouble(), 0.25);
    QCOMPARE(r.json.value(QStringLiteral("max_output_tokens")).toInt(), 300);
}

void TestApiResponses::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("param");
    QTest::newRow("not json") << QByteArray("{\"model\":") << 400 << QString();
    QTest::newRow("no model") << QByteArray(R"({"input":"x"})") << 400 << QStringLiteral("model");
    QTest::newRow("no input") << QByteArray(R"({"model":"llama-3.3-70b"})") << 400 << QStringLiteral("input");
    QTest::newRow("input a number") << QByteArray(R"({"model":"llama-3.3-70b","input":3})") << 400
                                    << QStringLiteral("input");
    QTest::newRow("image url") << QByteArray(R"({"model":"llama-4-scout","input":[{"role":"user","content":[
        {"type":"input_image","image_url":"https://example.com/cat.png"}]}]})")
                               << 400 << QStringLiteral("input[0].content[0].image_url");
    QTest::newRow("file part") << QByteArray(R"({"model":"llama-3.3-70b","input":[{"role":"user","content":[
        {"type":"input_file","file_id":"file-1"}]}]})")
                               << 400 << QStringLiteral("input[0].content[0]");
    QTest::newRow("bad role") << QByteArray(R"({"model":"llama-3.3-70b","input":[{"role":"robot","content":"x"}]})")
                              << 400 << QStringLiteral("input[0].role");
    QTest::newRow("call without id") << QByteArray(R"({"model":"llama-3.3-70b","input":[{"type":"function_call",
        "name":"f","arguments":"{}"}]})")
                                     << 400 << QStringLiteral("input[0].call_id");
    QTest::newRow("background") << QByteArray(R"({"model":"llama-3.3-70b","input":"x","background":true})") << 400
                                << QStringLiteral("background");
    QTest::newRow("temperature") << QByteArray(R"({"model":"llama-3.3-70b","input":"x","temperature":3})") << 400
                                 << QStringLiteral("temperature");
    QTest::newRow("effort") << QByteArray(R"({"model":"llama-3.3-70b","input":"x","reasoning":{"effort":"huge"}})")
                            << 400 << QStringLiteral("reasoning.effort");
    QTest::newRow("forced unknown tool") << QByteArray(R"({"model":"llama-3.3-70b","input":"x",
        "tool_choice":{"type":"function","name":"nope"}})")
                                         << 400 << QStringLiteral("tool_choice.name");
    QTest::newRow("unknown model") << QByteArray(R"({"model":"no-such-model","input":"x"})") << 404 << QString();
}

void TestApiResponses::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, param);
    ApiReply r;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        r = responses(doc.object());
    } else { // bytes the test client would not send as JSON
        QNetworkAccessManager nam;
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/responses").arg(m_env->server().port())));
        req.setRawHeader("Authorization", QByteArray("Bearer ") + kTestApiKey);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply* reply = nam.post(req, body);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        delete reply;
    }
    QCOMPARE(r.status, status);
    const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
    QVERIFY2(!error.value(QStringLiteral("message")).toString().isEmpty(), r.body.constData());
    QVERIFY(!error.value(QStringLiteral("type")).toString().isEmpty());
    if (!param.isEmpty())
        QCOMPARE(error.value(QStringLiteral("param")).toString(), param);
    QCOMPARE(m_env->fake().runRequests().size(), 0);
}

void TestApiResponses::upstreamFailureMidStreamIsResponseFailed()
{
    for (int i = 0; i < 3; ++i)
        m_env->fake().enqueue(FakeWorkersAi::cutStream({QStringLiteral("Hel"), QStringLiteral("lo")}));
    const ApiReply r = responses(responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"), true));
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QCOMPARE(s.names.first(), QByteArray("response.created"));
    QCOMPARE(s.names.last(), QByteArray("response.failed"));
    QVERIFY(!s.names.contains(QByteArray("response.completed")));
    const QJsonObject failed = s.data.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    const QJsonObject error = failed.value(QStringLiteral("error")).toObject();
    QVERIFY(!error.value(QStringLiteral("code")).toString().isEmpty());
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(deltas(s, "response.output_text.delta"), QStringLiteral("Hello")); // what arrived is kept

    // Before the first byte an upstream failure is an HTTP error in OpenAI's shape, with Retry-After.
    m_env->fake().clearScripts(); // the cut streams not used: a failure after the first token is not retried
    for (int i = 0; i < 3; ++i)
        m_env->fake().enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Capacity, {}, 1));
    const ApiReply busy = responses(responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("x"), true));
    QCOMPARE(busy.status, 429);
    QVERIFY(busy.json.value(QStringLiteral("error")).toObject().contains(QStringLiteral("message")));
}

void TestApiResponses::incompleteAtTokenLimit()
{
    QJsonObject body
        = responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("a long answer with many words please"), true);
    body.insert(QStringLiteral("max_output_tokens"), 2);
    const ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QCOMPARE(s.names.last(), QByteArray("response.incomplete"));
    const QJsonObject response = s.data.last().value(QStringLiteral("response")).toObject();
    QCOMPARE(response.value(QStringLiteral("status")).toString(), QStringLiteral("incomplete"));
    QCOMPARE(response.value(QStringLiteral("incomplete_details")).toObject().value(QStringLiteral("reason")).toString(),
        QStringLiteral("max_output_tokens"));
}

void TestApiResponses::disconnectCancelsUpstream()
{
    m_env->fake().setTokenDelayMs(50);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_env->server().port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body
        = QJsonDocument(responsesBody(QStringLiteral("llama-3.3-70b"),
                            QStringLiteral("a long reply with very many words in it to stream slowly"), true))
              .toJson(QJsonDocument::Compact);
    socket.write("POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + QByteArray(kTestApiKey)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body);
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += socket.readAll();
            return got.contains("response.output_text.delta");
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

void TestApiResponses::concurrentStreams()
{
    constexpr int kStreams = 32;
    m_env->fake().setTokenDelayMs(30); // long enough that every stream is open at once, as on /v1/messages
    QList<QNetworkAccessManager*> managers;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < kStreams; ++i) {
        if (i % 6 == 0)
            managers.append(new QNetworkAccessManager(this));
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/responses").arg(m_env->server().port())));
        req.setRawHeader("Authorization", QByteArray("Bearer ") + kTestApiKey);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        replies.append(managers.last()->post(req,
            QJsonDocument(
                responsesBody(QStringLiteral("llama-3.3-70b"), QStringLiteral("client %1 says hi").arg(i), true))
                .toJson()));
    }
    QVERIFY(QTest::qWaitFor(
        [&] { return std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }); },
        30000));
    for (int i = 0; i < kStreams; ++i) {
        QCOMPARE(replies.at(i)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const Stream s = readStream(replies.at(i)->readAll());
        QCOMPARE(s.names.last(), QByteArray("response.completed"));
        QCOMPARE(deltas(s, "response.output_text.delta"), QStringLiteral("You said: client %1 says hi").arg(i));
    }
    QCOMPARE(m_env->fake().maxConcurrentRequests(), kStreams);
    qDeleteAll(managers);
}

QTEST_GUILESS_MAIN(TestApiResponses)
#include "tst_apiresponses.moc"
