// OpenAI's Responses API on the local server over real sockets, the tool-shaped parts: function
// call round trips across turns on every reply family (arguments streamed as they arrive),
// custom (freeform) tools as custom_tool_call items, and what Codex CLI sends on every turn.
#include "ApiServerFixture.h"
#include "ResponsesTestClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace flarechat;
using namespace flarechat::test;

class TestApiResponsesTools final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void functionCallRoundTrip_data();
    void functionCallRoundTrip();
    void streamedArgumentsFragments();
    void codexRequest();
    void customToolCall();

private:
    ApiReply responses(const QJsonObject& body) { return m_env->client().post(QStringLiteral("/v1/responses"), body); }
    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiResponsesTools::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiResponsesTools::cleanup()
{
    m_env.reset();
}

void TestApiResponsesTools::functionCallRoundTrip_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    QTest::newRow("glm whole") << QStringLiteral("glm-4.7-flash") << false;
    QTest::newRow("glm stream") << QStringLiteral("glm-4.7-flash") << true;
    QTest::newRow("llama legacy whole") << QStringLiteral("llama-3.3-70b") << false;
    QTest::newRow("llama legacy stream") << QStringLiteral("llama-3.3-70b") << true;
    QTest::newRow("gpt-oss synthesized stream") << QStringLiteral("gpt-oss-120b") << true;
}

void TestApiResponsesTools::functionCallRoundTrip()
{
    QFETCH(QString, model);
    QFETCH(bool, stream);
    const QJsonObject question {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
            QJsonArray {
                item(QStringLiteral("input_text"), {{QStringLiteral("text"), QStringLiteral("Weather in Paris?")}})}}};
    QJsonObject body = responsesBody(model, QJsonArray {question}, stream);
    body.insert(QStringLiteral("tools"), QJsonArray {functionTool()});
    ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    QJsonObject response = r.json;
    if (stream) {
        const Stream s = readStream(r.body);
        QVERIFY(s.namesMatchTypes);
        QCOMPARE(s.names.last(), QByteArray("response.completed"));
        QJsonObject added; // after a reasoning item, for models that reason first
        for (qsizetype i = 0; i < s.names.size(); ++i) {
            const QJsonObject it = s.data[i].value(QStringLiteral("item")).toObject();
            if (s.names[i] == "response.output_item.added"
                && it.value(QStringLiteral("type")) == QLatin1String("function_call"))
                added = it;
        }
        QCOMPARE(added.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
        QCOMPARE(added.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
        const QJsonObject argsDone = s.first("response.function_call_arguments.done");
        QCOMPARE(argsDone.value(QStringLiteral("arguments")).toString(),
            deltas(s, "response.function_call_arguments.delta"));
        response = s.data.last().value(QStringLiteral("response")).toObject();
    }
    const QJsonObject call = outputOfType(response, QStringLiteral("function_call"));
    const QString callId = call.value(QStringLiteral("call_id")).toString();
    QVERIFY(!callId.isEmpty());
    QVERIFY(call.value(QStringLiteral("id")).toString().startsWith(QLatin1String("fc_")));
    QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    const QString arguments = call.value(QStringLiteral("arguments")).toString();
    QVERIFY2(
        QJsonDocument::fromJson(arguments.toUtf8()).object().contains(QStringLiteral("city")), qPrintable(arguments));

    // The next turn, as a stateless client sends it: the call and its output back as items.
    body.insert(QStringLiteral("input"),
        QJsonArray {question,
            item(QStringLiteral("function_call"),
                {{QStringLiteral("call_id"), callId}, {QStringLiteral("name"), QStringLiteral("get_weather")},
                    {QStringLiteral("arguments"), arguments}}),
            item(QStringLiteral("function_call_output"),
                {{QStringLiteral("call_id"), callId}, {QStringLiteral("output"), QStringLiteral("Sunny, 21 C")}})});
    r = responses(body);
    QCOMPARE(r.status, 200);
    response = stream ? readStream(r.body).data.last().value(QStringLiteral("response")).toObject() : r.json;
    QCOMPARE(messageText(response), QStringLiteral("Tool result: Sunny, 21 C"));
    // Workers AI saw one id for the call and its result.
    QString sentCall;
    QString sentResult;
    for (const QJsonValue& v : m_env->fake().lastRequest().json.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("tool_calls")).toArray().isEmpty())
            sentCall
                = o.value(QStringLiteral("tool_calls")).toArray()[0].toObject().value(QStringLiteral("id")).toString();
        if (o.value(QStringLiteral("role")).toString() == QLatin1String("tool"))
            sentResult = o.value(QStringLiteral("tool_call_id")).toString();
    }
    QCOMPARE(sentCall, sentResult);
}

void TestApiResponsesTools::streamedArgumentsFragments()
{
    m_env->fake().setTokenDelayMs(5);
    QJsonObject body = responsesBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("Weather in Oslo?"), true);
    body.insert(QStringLiteral("tools"), QJsonArray {functionTool()});
    const ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QVERIFY2(s.names.count(QByteArray("response.function_call_arguments.delta")) >= 2,
        qPrintable(QString::number(s.names.count(QByteArray("response.function_call_arguments.delta")))));
    // Fragments go out as they arrive: the first before the call's item is done.
    QVERIFY(s.names.indexOf(QByteArray("response.function_call_arguments.delta"))
        < s.names.lastIndexOf(QByteArray("response.output_item.done")));
    QCOMPARE(QJsonDocument::fromJson(deltas(s, "response.function_call_arguments.delta").toUtf8())
                 .object()
                 .contains(QStringLiteral("city")),
        true);
}

// What Codex CLI sends on every turn: instructions, a developer message, the reasoning item of
// an earlier turn with encrypted content, hosted tools beside function and custom ones, store
// false, include, prompt_cache_key, a stream. It must answer, end with response.completed, and
// say in the request log which tools were left out.
void TestApiResponsesTools::codexRequest()
{
    QSignalSpy logged(&m_env->server(), &ApiServer::requestLogged);
    QJsonObject body = responsesBody(QStringLiteral("llama-3.3-70b"),
        QJsonArray {item(QStringLiteral("message"),
                        {{QStringLiteral("role"), QStringLiteral("developer")},
                            {QStringLiteral("content"),
                                QJsonArray {item(QStringLiteral("input_text"),
                                    {{QStringLiteral("text"),
                                        QStringLiteral("<environment_context>cwd</environment_context>")}})}}}),
            item(QStringLiteral("reasoning"),
                {{QStringLiteral("id"), QStringLiteral("rs_1")}, {QStringLiteral("summary"), QJsonArray()},
                    {QStringLiteral("encrypted_content"), QStringLiteral("gAAAA")}}),
            item(QStringLiteral("message"),
                {{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"),
                        QJsonArray {item(QStringLiteral("input_text"),
                            {{QStringLiteral("text"), QStringLiteral("list files")}})}}})},
        true);
    body.insert(QStringLiteral("instructions"), QStringLiteral("You are Codex."));
    body.insert(QStringLiteral("tools"),
        QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("web_search")}},
            QJsonObject {{QStringLiteral("type"), QStringLiteral("local_shell")}},
            QJsonDocument::fromJson(R"({"type":"function","name":"shell","description":"Runs a command",
                "strict":false,"parameters":{"type":"object","properties":{"command":{"type":"array",
                "items":{"type":"string"}}},"required":["command"],"additionalProperties":false}})")
                .object(),
            QJsonDocument::fromJson(R"({"type":"custom","name":"apply_patch","description":"Edit files",
                "format":{"type":"grammar","syntax":"lark","definition":"start: patch"}})")
                .object()});
    body.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
    body.insert(QStringLiteral("parallel_tool_calls"), false);
    body.insert(QStringLiteral("store"), false);
    body.insert(QStringLiteral("include"), QJsonArray {QStringLiteral("reasoning.encrypted_content")});
    body.insert(QStringLiteral("prompt_cache_key"), QStringLiteral("0199a-session"));
    body.insert(QStringLiteral("reasoning"),
        QJsonObject {
            {QStringLiteral("effort"), QStringLiteral("medium")}, {QStringLiteral("summary"), QStringLiteral("auto")}});
    body.insert(QStringLiteral("text"), QJsonObject {{QStringLiteral("verbosity"), QStringLiteral("medium")}});
    const ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QCOMPARE(s.names.first(), QByteArray("response.created"));
    QCOMPARE(s.names.last(), QByteArray("response.completed"));
    QCOMPARE(s.names.count(QByteArray("response.output_item.added")),
        s.names.count(QByteArray("response.output_item.done")));
    const FakeWorkersAi::ReceivedRequest sent = m_env->fake().lastRequest();
    const QJsonArray messages = sent.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages[0].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("You are Codex."));
    QCOMPARE(messages[1].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(messages.size(), 3); // the reasoning item is not sent to the model
    QCOMPARE(sent.json.value(QStringLiteral("tools")).toArray().size(), 2); // shell and apply_patch
    QCOMPARE(sent.headers.value("x-session-affinity"), QByteArray("0199a-session"));
    QTRY_VERIFY(!logged.isEmpty());
    const RequestLogRecord row = logged.last().at(0).value<RequestLogRecord>();
    QCOMPARE(row.path, QStringLiteral("/v1/responses"));
    QVERIFY2(row.note.contains(QStringLiteral("web_search")) && row.note.contains(QStringLiteral("local_shell")),
        qPrintable(row.note));
    QVERIFY(row.completionTokens > 0);
}

// A custom (freeform) tool reaches the model as a function with one string parameter, and its
// call comes back as a custom_tool_call with the input as text.
void TestApiResponsesTools::customToolCall()
{
    QJsonObject body = responsesBody(QStringLiteral("glm-4.7-flash"), QStringLiteral("Patch the file"), true);
    body.insert(QStringLiteral("tools"),
        QJsonArray {
            QJsonDocument::fromJson(R"({"type":"custom","name":"apply_patch","description":"Edit files"})").object()});
    body.insert(QStringLiteral("tool_choice"),
        QJsonObject {{QStringLiteral("type"), QStringLiteral("custom")},
            {QStringLiteral("name"), QStringLiteral("apply_patch")}});
    const ApiReply r = responses(body);
    QCOMPARE(r.status, 200);
    const QJsonObject sentTool
        = m_env->fake().lastRequest().json.value(QStringLiteral("tools")).toArray()[0].toObject();
    QCOMPARE(sentTool.value(QStringLiteral("function"))
                 .toObject()
                 .value(QStringLiteral("parameters"))
                 .toObject()
                 .value(QStringLiteral("required"))
                 .toArray(),
        QJsonArray {QStringLiteral("input")});
    const Stream s = readStream(r.body);
    QVERIFY(s.names.contains(QByteArray("response.custom_tool_call_input.done")));
    QVERIFY(!s.names.contains(QByteArray("response.function_call_arguments.delta")));
    const QJsonObject call
        = outputOfType(s.data.last().value(QStringLiteral("response")).toObject(), QStringLiteral("custom_tool_call"));
    QCOMPARE(call.value(QStringLiteral("name")).toString(), QStringLiteral("apply_patch"));
    QVERIFY(call.value(QStringLiteral("id")).toString().startsWith(QLatin1String("ctc_")));
    const QString input = call.value(QStringLiteral("input")).toString();
    QVERIFY(!input.isEmpty());
    QVERIFY2(!input.startsWith(QLatin1Char('{')), qPrintable(input)); // the text, not the function's JSON

    // Sent back, the call and its output reach the model as a tool call and its result.
    body.insert(QStringLiteral("stream"), false);
    body.remove(QStringLiteral("tool_choice"));
    body.insert(QStringLiteral("input"),
        QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                        {QStringLiteral("content"), QStringLiteral("Patch the file")}},
            item(QStringLiteral("custom_tool_call"),
                {{QStringLiteral("call_id"), call.value(QStringLiteral("call_id"))},
                    {QStringLiteral("name"), QStringLiteral("apply_patch")}, {QStringLiteral("input"), input}}),
            item(QStringLiteral("custom_tool_call_output"),
                {{QStringLiteral("call_id"), call.value(QStringLiteral("call_id"))},
                    {QStringLiteral("output"), QStringLiteral("Done!")}})});
    const ApiReply next = responses(body);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.json.value(QStringLiteral("output_text")).toString(), QStringLiteral("Tool result: Done!"));
}

QTEST_GUILESS_MAIN(TestApiResponsesTools)
#include "tst_apiresponsestools.moc"
