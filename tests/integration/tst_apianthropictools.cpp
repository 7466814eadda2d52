// Anthropic's Messages API on the local server over real sockets, the model-shaped parts: tool
// round trips across turns on every reply family (streamed arguments as input_json_delta, the
// gpt-oss forced-tool salvage as tool_use), thinking blocks from reasoning models and the
// thinking switch, stop sequences and max_tokens as stop reasons.
#include "AnthropicTestClient.h"
#include "ApiServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <memory>

using namespace flarechat;
using namespace flarechat::test;

class TestApiAnthropicTools final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void claudeCodeFirstRequest();
    void thinkingForReasoningModel();
    void thinkingSwitchesReasoning();
    void toolRoundTripAcrossTurns_data();
    void toolRoundTripAcrossTurns();
    void streamedToolCallFragments();
    void forcedToolSalvageIsToolUse();
    void stopSequence_data();
    void stopSequence();
    void maxTokensStopReason();

private:
    ApiReply messages(const QJsonObject& body, const Headers& headers = kAnthropic)
    {
        return m_env->client().post(QStringLiteral("/v1/messages"), body, headers);
    }
    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiAnthropicTools::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiAnthropicTools::cleanup()
{
    m_env.reset();
}

// What Claude Code 2.x sends first: ~80 KB of system blocks, two dozen tools, adaptive thinking,
// max_tokens 32000, a system message inside messages, ?beta=true, anthropic-beta, a stream. It
// must answer (clamped, never a 400), with an event: line and a content_block_stop for each block.
void TestApiAnthropicTools::claudeCodeFirstRequest()
{
    QJsonArray system;
    for (int i = 0; i < 8; ++i) {
        system.append(QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QStringLiteral("You are Claude Code. ").repeated(500)},
            {QStringLiteral("cache_control"), QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}});
    }
    QJsonArray tools;
    for (int i = 0; i < 24; ++i) {
        QJsonObject tool = weatherTool();
        tool.insert(QStringLiteral("name"), QStringLiteral("mcp__tools__tool_%1").arg(i));
        tools.append(tool);
    }
    QJsonObject body = messagesBody(QStringLiteral("claude-sonnet-4-5-20250929"),
        {QJsonObject {
             {QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), QStringLiteral("Extra.")}},
            QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"),
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                        {QStringLiteral("text"), QStringLiteral("hello claude")},
                        {QStringLiteral("cache_control"),
                            QJsonObject {{QStringLiteral("type"), QStringLiteral("ephemeral")}}}}}}}},
        true);
    body.insert(QStringLiteral("system"), system);
    body.insert(QStringLiteral("tools"), tools);
    body.insert(QStringLiteral("max_tokens"), 32000);
    body.insert(QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("adaptive")}});
    body.insert(QStringLiteral("metadata"),
        QJsonObject {{QStringLiteral("user_id"), QStringLiteral("user_abc_account_x_session_y")}});
    QVERIFY(QJsonDocument(body).toJson(QJsonDocument::Compact).size() > 80'000);
    Headers headers = kAnthropic;
    headers.append(
        {QByteArray("anthropic-beta"), QByteArray("claude-code-20250219,fine-grained-tool-streaming-2025-05-14")});
    const ApiReply r = m_env->client().post(QStringLiteral("/v1/messages?beta=true"), body, headers);
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QVERIFY(s.namesMatchTypes);
    QCOMPARE(r.body.count("event: "), s.names.size());
    QCOMPARE(s.names.first(), QByteArray("message_start"));
    QCOMPARE(s.names.last(), QByteArray("message_stop"));
    QCOMPARE(s.names.count(QByteArray("content_block_start")), s.names.count(QByteArray("content_block_stop")));
    const QJsonObject sent = m_env->fake().lastRequest().json;
    QCOMPARE(sent.value(QStringLiteral("tools")).toArray().size(), 24);
    QVERIFY(sent.value(QStringLiteral("messages"))
                .toArray()[0]
                .toObject()
                .value(QStringLiteral("content"))
                .toString()
                .endsWith(QStringLiteral("\n\nExtra.")));
    QVERIFY(sent.value(QStringLiteral("max_tokens")).toInt() < 131072);
}

void TestApiAnthropicTools::thinkingForReasoningModel()
{
    const QString model = QStringLiteral("@cf/zai-org/glm-4.7-flash");
    m_env->fake().enqueueFor(model,
        FakeWorkersAi::openAiStream(model, {QStringLiteral("The "), QStringLiteral("answer.")},
            {QStringLiteral("Let me "), QStringLiteral("think.")}));
    const ApiReply r
        = messages(messagesBody(QStringLiteral("glm-4.7-flash"), {userText(QStringLiteral("Why?"))}, true));
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    QCOMPARE(s.thinking(), QStringLiteral("Let me think."));
    QCOMPARE(s.text(), QStringLiteral("The answer."));
    const QJsonObject first = s.first("content_block_start").value(QStringLiteral("content_block")).toObject();
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("thinking"));
    QCOMPARE(s.names.count(QByteArray("content_block_start")), 2);
    QCOMPARE(s.names.count(QByteArray("content_block_stop")), 2);

    m_env->fake().enqueueFor(
        model, FakeWorkersAi::openAiJson(model, QStringLiteral("Done."), QStringLiteral("Reasoned.")));
    const ApiReply whole = messages(messagesBody(QStringLiteral("glm-4.7-flash"), {userText(QStringLiteral("Why?"))}));
    QCOMPARE(whole.status, 200);
    const QJsonArray content = whole.json.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 2);
    QCOMPARE(content[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("thinking"));
    QCOMPARE(content[0].toObject().value(QStringLiteral("thinking")).toString(), QStringLiteral("Reasoned."));
    QCOMPARE(content[1].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Done."));
}

void TestApiAnthropicTools::thinkingSwitchesReasoning()
{
    QJsonObject body = messagesBody(QStringLiteral("glm-4.7-flash"), {userText(QStringLiteral("Quick."))});
    body.insert(QStringLiteral("thinking"), QJsonObject {{QStringLiteral("type"), QStringLiteral("disabled")}});
    QCOMPARE(messages(body).status, 200);
    QVERIFY(!m_env->fake().lastInference().reasoned);
    body.insert(QStringLiteral("thinking"),
        QJsonObject {{QStringLiteral("type"), QStringLiteral("enabled")}, {QStringLiteral("budget_tokens"), 2048}});
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    QVERIFY(m_env->fake().lastInference().reasoned);
    QCOMPARE(r.json.value(QStringLiteral("content")).toArray()[0].toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("thinking"));
}

void TestApiAnthropicTools::toolRoundTripAcrossTurns_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    QTest::newRow("glm whole") << QStringLiteral("glm-4.7-flash") << false;
    QTest::newRow("glm stream") << QStringLiteral("glm-4.7-flash") << true;
    QTest::newRow("llama legacy whole") << QStringLiteral("llama-3.3-70b") << false;
    QTest::newRow("llama legacy stream") << QStringLiteral("llama-3.3-70b") << true;
    QTest::newRow("gpt-oss synthesized stream") << QStringLiteral("gpt-oss-120b") << true;
}

void TestApiAnthropicTools::toolRoundTripAcrossTurns()
{
    QFETCH(QString, model);
    QFETCH(bool, stream);
    const QJsonObject question = userText(QStringLiteral("Weather in Paris?"));
    QJsonObject body = messagesBody(model, {question}, stream);
    body.insert(QStringLiteral("tools"), QJsonArray {weatherTool()});
    ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    QString id;
    QJsonObject input;
    QString stopReason;
    if (stream) {
        const Stream s = readStream(r.body);
        QVERIFY(s.namesMatchTypes);
        for (const QJsonObject& d : s.data) {
            const QJsonObject block = d.value(QStringLiteral("content_block")).toObject();
            if (block.value(QStringLiteral("type")).toString() == QLatin1String("tool_use")) {
                id = block.value(QStringLiteral("id")).toString();
                QCOMPARE(block.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
                QCOMPARE(block.value(QStringLiteral("input")).toObject(), QJsonObject());
            }
        }
        input = QJsonDocument::fromJson(s.deltas("input_json_delta", "partial_json").toUtf8()).object();
        stopReason = s.first("message_delta")
                         .value(QStringLiteral("delta"))
                         .toObject()
                         .value(QStringLiteral("stop_reason"))
                         .toString();
        QCOMPARE(s.names.count(QByteArray("content_block_start")), s.names.count(QByteArray("content_block_stop")));
    } else {
        for (const QJsonValue& v : r.json.value(QStringLiteral("content")).toArray()) {
            if (v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("tool_use")) {
                id = v.toObject().value(QStringLiteral("id")).toString();
                input = v.toObject().value(QStringLiteral("input")).toObject();
            }
        }
        stopReason = r.json.value(QStringLiteral("stop_reason")).toString();
    }
    QVERIFY2(id.startsWith(QLatin1String("toolu_")), qPrintable(id));
    QVERIFY2(input.contains(QStringLiteral("city")), QJsonDocument(input).toJson().constData());
    QCOMPARE(stopReason, QStringLiteral("tool_use"));

    // The next turn: the client sends the call and its result back, with the toolu_ id it got.
    const QJsonObject assistant {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"),
            QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("id"), id},
                {QStringLiteral("name"), QStringLiteral("get_weather")}, {QStringLiteral("input"), input}}}}};
    const QJsonObject result {{QStringLiteral("role"), QStringLiteral("user")},
        {QStringLiteral("content"),
            QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("tool_result")},
                {QStringLiteral("tool_use_id"), id}, {QStringLiteral("content"), QStringLiteral("Sunny, 21 C")}}}}};
    body.insert(QStringLiteral("messages"), QJsonArray {question, assistant, result});
    r = messages(body);
    QCOMPARE(r.status, 200);
    QString text = stream ? readStream(r.body).text() : QString();
    for (const QJsonValue& v : r.json.value(QStringLiteral("content")).toArray())
        text += v.toObject().value(QStringLiteral("text")).toString(); // after a thinking block, if any
    QCOMPARE(text, QStringLiteral("Tool result: Sunny, 21 C"));
    // Workers AI saw one id for the call and its result, nine alphanumerics.
    const QJsonArray sent = m_env->fake().lastRequest().json.value(QStringLiteral("messages")).toArray();
    QString callId;
    QString resultId;
    for (const QJsonValue& v : sent) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("tool_calls")).toArray().isEmpty())
            callId
                = o.value(QStringLiteral("tool_calls")).toArray()[0].toObject().value(QStringLiteral("id")).toString();
        if (o.value(QStringLiteral("role")).toString() == QLatin1String("tool"))
            resultId = o.value(QStringLiteral("tool_call_id")).toString();
    }
    QCOMPARE(callId, resultId);
    QCOMPARE(callId.size(), 9);
}

void TestApiAnthropicTools::streamedToolCallFragments()
{
    const QString model = QStringLiteral("@cf/zai-org/glm-4.7-flash");
    m_env->fake().setTokenDelayMs(5);
    QJsonObject body
        = messagesBody(QStringLiteral("glm-4.7-flash"), {userText(QStringLiteral("Weather in Oslo?"))}, true);
    body.insert(QStringLiteral("tools"), QJsonArray {weatherTool()});
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    const Stream s = readStream(r.body);
    int fragments = 0;
    for (const QJsonObject& d : s.data)
        fragments += d.value(QStringLiteral("delta")).toObject().value(QStringLiteral("type")).toString()
            == QLatin1String("input_json_delta");
    QVERIFY2(fragments >= 2, qPrintable(QString::number(fragments))); // the fake streams arguments in pieces
    QCOMPARE(QJsonDocument::fromJson(s.deltas("input_json_delta", "partial_json").toUtf8())
                 .object()
                 .value(QStringLiteral("city"))
                 .toString()
                 .isEmpty(),
        false);
    Q_UNUSED(model);
}

void TestApiAnthropicTools::forcedToolSalvageIsToolUse()
{
    // gpt-oss answers a forced tool with the call written in its text; the engine salvages it.
    const QString model = QStringLiteral("@cf/openai/gpt-oss-120b");
    m_env->fake().enqueueFor(model,
        FakeWorkersAi::openAiJson(model, QStringLiteral(R"({"name":"get_weather","arguments":{"city":"Rome"}})")));
    QJsonObject body = messagesBody(QStringLiteral("gpt-oss-120b"), {userText(QStringLiteral("Rome?"))});
    body.insert(QStringLiteral("tools"), QJsonArray {weatherTool()});
    body.insert(QStringLiteral("tool_choice"),
        QJsonObject {
            {QStringLiteral("type"), QStringLiteral("tool")}, {QStringLiteral("name"), QStringLiteral("get_weather")}});
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    QJsonObject tool;
    for (const QJsonValue& v : r.json.value(QStringLiteral("content")).toArray()) {
        if (v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("tool_use"))
            tool = v.toObject();
    }
    QCOMPARE(tool.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
    QCOMPARE(tool.value(QStringLiteral("input")).toObject().value(QStringLiteral("city")).toString(),
        QStringLiteral("Rome"));
}

void TestApiAnthropicTools::stopSequence_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("whole") << false;
    QTest::newRow("stream") << true;
}

void TestApiAnthropicTools::stopSequence()
{
    QFETCH(bool, stream);
    QJsonObject body
        = messagesBody(QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("one two STOP three"))}, stream);
    body.insert(QStringLiteral("stop_sequences"), QJsonArray {QStringLiteral("STOP")});
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    QString text;
    QJsonObject tail;
    if (stream) {
        const Stream s = readStream(r.body);
        text = s.text();
        tail = s.first("message_delta").value(QStringLiteral("delta")).toObject();
    } else {
        text = r.json.value(QStringLiteral("content")).toArray()[0].toObject().value(QStringLiteral("text")).toString();
        tail = r.json;
    }
    QCOMPARE(text, QStringLiteral("You said: one two "));
    QCOMPARE(tail.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("stop_sequence"));
    QCOMPARE(tail.value(QStringLiteral("stop_sequence")).toString(), QStringLiteral("STOP"));
}

void TestApiAnthropicTools::maxTokensStopReason()
{
    QJsonObject body = messagesBody(
        QStringLiteral("llama-3.3-70b"), {userText(QStringLiteral("a long answer with many words please"))});
    body.insert(QStringLiteral("max_tokens"), 2);
    const ApiReply r = messages(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("max_tokens"));
}

QTEST_GUILESS_MAIN(TestApiAnthropicTools)
#include "tst_apianthropictools.moc"
