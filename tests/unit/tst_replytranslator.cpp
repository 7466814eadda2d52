#include "workersai/ModelCatalog.h"
#include "workersai/ReplyTranslator.h"
#include "workersai/ToolCallIds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

class TestReplyTranslator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void translates_data();
    void translates();
    void nativeToolCalls();
    void echoedToolCallIdsMapBack();
    void openAiToolCalls();
    void responsesOutput();
    void salvagesForcedToolCall_data();
    void salvagesForcedToolCall();
    void localStopAppliedToWholeReply();
    void garbageIsA502();
};

static ModelInfo model(const char* name)
{
    return ModelCatalog::builtIn().resolve(QString::fromLatin1(name));
}

static RunRequest run(int maxTokens = 2048)
{
    RunRequest r;
    r.maxTokens = maxTokens;
    return r;
}

void TestReplyTranslator::translates_data()
{
    QTest::addColumn<QString>("modelName");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<qint64>("completionTokens");

    QTest::newRow("legacy envelope")
        << QStringLiteral("llama-3.3-70b")
        << QByteArray(
               R"({"result":{"response":"Hello!","tool_calls":[],"usage":{"prompt_tokens":86,"completion_tokens":171,"total_tokens":257}},"success":true,"errors":[],"messages":[]})")
        << QStringLiteral("Hello!") << QString() << QStringLiteral("stop") << qint64(171);
    QTest::newRow("legacy at max_tokens is length")
        << QStringLiteral("llama-3.3-70b")
        << QByteArray(
               R"({"result":{"response":"cut","usage":{"prompt_tokens":5,"completion_tokens":2048,"total_tokens":2053}},"success":true})")
        << QStringLiteral("cut") << QString() << QStringLiteral("length") << qint64(2048);
    QTest::newRow("deepseek reasoning without opening tag")
        << QStringLiteral("deepseek-r1")
        << QByteArray(
               R"({"result":{"response":"The user says hi.\n</think>\n\nHi there!","usage":{"prompt_tokens":4,"completion_tokens":9,"total_tokens":13}},"success":true})")
        << QStringLiteral("Hi there!") << QStringLiteral("The user says hi.\n") << QStringLiteral("stop") << qint64(9);
    QTest::newRow("deepseek without any reasoning")
        << QStringLiteral("deepseek-r1") << QByteArray(R"({"result":{"response":"Plain."},"success":true})")
        << QStringLiteral("Plain.") << QString() << QStringLiteral("stop") << qint64(0);
    QTest::newRow("json mode response object")
        << QStringLiteral("llama-3.3-70b")
        << QByteArray(
               R"({"result":{"response":{"name":"Ada","age":36},"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}},"success":true})")
        << QStringLiteral("{\"age\":36,\"name\":\"Ada\"}") << QString() << QStringLiteral("stop") << qint64(2);
    QTest::newRow("response as a number")
        << QStringLiteral("qwen2.5-coder") << QByteArray(R"({"result":{"response":42},"success":true})")
        << QStringLiteral("42") << QString() << QStringLiteral("stop") << qint64(0);
    QTest::newRow("chat.completion inside result")
        << QStringLiteral("gpt-oss-120b")
        << QByteArray(
               R"({"result":{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"@cf/openai/gpt-oss-120b","choices":[{"index":0,"message":{"role":"assistant","content":"Answer","reasoning_content":"Because"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,"completion_tokens_details":{"reasoning_tokens":5}}},"success":true})")
        << QStringLiteral("Answer") << QStringLiteral("Because") << QStringLiteral("stop") << qint64(20);
    QTest::newRow("bare chat.completion from /ai/v1")
        << QStringLiteral("glm-4.7-flash")
        << QByteArray(
               R"({"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok","reasoning":"r"},"finish_reason":"length"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})")
        << QStringLiteral("ok") << QStringLiteral("r") << QStringLiteral("length") << qint64(1);
}

void TestReplyTranslator::translates()
{
    QFETCH(QString, modelName);
    QFETCH(QByteArray, body);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QString, finish);
    QFETCH(qint64, completionTokens);
    ApiError err;
    const std::optional<ChatResult> r = ReplyTranslator::translate(
        body, ModelCatalog::builtIn().resolve(modelName), run(), QStringLiteral("seed"), &err);
    QVERIFY2(r, qPrintable(err.message));
    if (content.startsWith(QLatin1Char('{')))
        QCOMPARE(QJsonDocument::fromJson(r->content.toUtf8()), QJsonDocument::fromJson(content.toUtf8()));
    else
        QCOMPARE(r->content, content);
    QCOMPARE(r->reasoning, reasoning);
    QCOMPARE(r->finishReason, finish);
    QCOMPARE(r->usage.completionTokens, completionTokens);
}

void TestReplyTranslator::nativeToolCalls()
{
    const QByteArray body
        = R"({"result":{"response":"","tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}},{"name":"get_time","arguments":{}}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}},"success":true})";
    const std::optional<ChatResult> a
        = ReplyTranslator::translate(body, model("llama-4-scout"), run(), QStringLiteral("s1"), nullptr);
    QVERIFY(a);
    QCOMPARE(a->toolCalls.size(), 2);
    QCOMPARE(a->toolCalls.at(0).name, QStringLiteral("get_weather"));
    QCOMPARE(QJsonDocument::fromJson(a->toolCalls.at(0).arguments.toUtf8())
                 .object()
                 .value(QStringLiteral("city"))
                 .toString(),
        QStringLiteral("Paris"));
    QCOMPARE(a->toolCalls.at(1).arguments, QStringLiteral("{}"));
    QVERIFY(ToolCallIds::isStrict(a->toolCalls.at(0).id));
    QVERIFY(a->toolCalls.at(0).id != a->toolCalls.at(1).id);
    QCOMPARE(a->finishReason, QStringLiteral("tool_calls"));
    // Ids are stable for the same reply seed.
    const std::optional<ChatResult> b
        = ReplyTranslator::translate(body, model("llama-4-scout"), run(), QStringLiteral("s1"), nullptr);
    QCOMPARE(b->toolCalls.at(0).id, a->toolCalls.at(0).id);
}

void TestReplyTranslator::openAiToolCalls()
{
    const QByteArray body
        = R"({"result":{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"chatcmpl-tool-abc","type":"function","function":{"name":"f","arguments":"{\"x\":1}"}}]},"finish_reason":"tool_calls"}]},"success":true})";
    const std::optional<ChatResult> r
        = ReplyTranslator::translate(body, model("glm-4.7-flash"), run(), QStringLiteral("s"), nullptr);
    QVERIFY(r);
    QCOMPARE(r->toolCalls.size(), 1);
    QCOMPARE(r->toolCalls.at(0).id, QStringLiteral("chatcmpl-tool-abc"));
    QCOMPARE(r->toolCalls.at(0).arguments, QStringLiteral("{\"x\":1}"));
    QVERIFY(r->content.isEmpty());
    QCOMPARE(r->finishReason, QStringLiteral("tool_calls"));
}

// A model that repeats one of the request's tool calls gives it with the id sent upstream: the
// client gets its own id back.
void TestReplyTranslator::echoedToolCallIdsMapBack()
{
    ChatMessage call = ChatMessage::assistant(QString());
    call.toolCalls.append(ToolCall {QStringLiteral("call_client_1"), QStringLiteral("f"), QStringLiteral("{}")});
    RunRequest r = run();
    r.toolIds = ToolCallIdMap::forMessages({call});
    const QString sent = r.toolIds.upstream(QStringLiteral("call_client_1"));
    const QByteArray body
        = R"({"result":{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":")"
        + sent.toLatin1()
        + R"(","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"chatcmpl-tool-new","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]},"success":true})";
    const std::optional<ChatResult> result
        = ReplyTranslator::translate(body, model("glm-4.7-flash"), r, QStringLiteral("s"), nullptr);
    QVERIFY(result);
    QCOMPARE(result->toolCalls.size(), 2);
    QCOMPARE(result->toolCalls.at(0).id, QStringLiteral("call_client_1"));
    QCOMPARE(result->toolCalls.at(1).id, QStringLiteral("chatcmpl-tool-new")); // the model's own: as is
}

void TestReplyTranslator::responsesOutput()
{
    const QByteArray body
        = R"({"result":{"id":"resp_1","object":"response","created_at":1,"model":"@cf/openai/gpt-oss-20b","output":[{"id":"rs_1","type":"reasoning","content":[{"type":"reasoning_text","text":"thinking"}]},{"id":"msg_1","type":"message","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Done."}]},{"type":"function_call","id":"fc_1","call_id":"call_9","name":"lookup","arguments":"{\"q\":\"a\"}"}],"usage":{"input_tokens":7,"output_tokens":8,"total_tokens":15},"status":"completed"},"success":true})";
    const std::optional<ChatResult> r
        = ReplyTranslator::translate(body, model("gpt-oss-20b"), run(), QStringLiteral("s"), nullptr);
    QVERIFY(r);
    QCOMPARE(r->reasoning, QStringLiteral("thinking"));
    QCOMPARE(r->content, QStringLiteral("Done."));
    QCOMPARE(r->toolCalls.size(), 1);
    QCOMPARE(r->toolCalls.at(0).id, QStringLiteral("call_9"));
    QCOMPARE(r->usage.promptTokens, qint64(7));
    QCOMPARE(r->usage.completionTokens, qint64(8));
}

void TestReplyTranslator::salvagesForcedToolCall_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("forcedName");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("argKey");

    QTest::newRow("name and arguments") << QStringLiteral(R"({"name":"get_weather","arguments":{"city":"Oslo"}})")
                                        << QString() << QStringLiteral("get_weather") << QStringLiteral("city");
    QTest::newRow("name and parameters") << QStringLiteral(R"({"name":"get_weather","parameters":{"city":"Oslo"}})")
                                         << QString() << QStringLiteral("get_weather") << QStringLiteral("city");
    QTest::newRow("fenced") << QStringLiteral("```json\n{\"name\":\"f\",\"arguments\":{\"a\":1}}\n```") << QString()
                            << QStringLiteral("f") << QStringLiteral("a");
    QTest::newRow("bare arguments of the named function")
        << QStringLiteral(R"({"city":"Oslo"})") << QStringLiteral("get_weather") << QStringLiteral("get_weather")
        << QStringLiteral("city");
}

void TestReplyTranslator::salvagesForcedToolCall()
{
    QFETCH(QString, content);
    QFETCH(QString, forcedName);
    QFETCH(QString, name);
    QFETCH(QString, argKey);
    QJsonObject message {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content},
        {QStringLiteral("tool_calls"), QJsonArray {}}};
    const QJsonObject root {{QStringLiteral("result"),
        QJsonObject {{QStringLiteral("choices"),
            QJsonArray {QJsonObject {
                {QStringLiteral("message"), message}, {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}}}}};
    RunRequest forced = run();
    forced.forcedToolChoice = true;
    forced.forcedToolName = forcedName;
    const std::optional<ChatResult> r
        = ReplyTranslator::translateJson(root, model("gpt-oss-120b"), forced, QStringLiteral("s"), nullptr);
    QVERIFY(r);
    QCOMPARE(r->toolCalls.size(), 1);
    QCOMPARE(r->toolCalls.at(0).name, name);
    QVERIFY(QJsonDocument::fromJson(r->toolCalls.at(0).arguments.toUtf8()).object().contains(argKey));
    QVERIFY(r->content.isEmpty());
    QCOMPARE(r->finishReason, QStringLiteral("tool_calls"));

    // Without a forced tool choice the text stays text.
    const std::optional<ChatResult> plain
        = ReplyTranslator::translateJson(root, model("gpt-oss-120b"), run(), QStringLiteral("s"), nullptr);
    QVERIFY(plain->toolCalls.isEmpty());
    QCOMPARE(plain->content, content);
}

void TestReplyTranslator::localStopAppliedToWholeReply()
{
    RunRequest r = run();
    r.localStops = {QStringLiteral("\n\n")};
    const std::optional<ChatResult> res
        = ReplyTranslator::translate(R"({"result":{"response":"First paragraph.\n\nSecond."},"success":true})",
            model("qwen2.5-coder"), r, QStringLiteral("s"), nullptr);
    QCOMPARE(res->content, QStringLiteral("First paragraph."));
    QCOMPARE(res->finishReason, QStringLiteral("stop"));
}

void TestReplyTranslator::garbageIsA502()
{
    ApiError err;
    QVERIFY(!ReplyTranslator::translate("<html>oops</html>", model("gemma-3"), run(), QStringLiteral("s"), &err));
    QCOMPARE(err.httpStatus, 502);
    QVERIFY(!ReplyTranslator::translate(
        R"({"result":{"unexpected":true},"success":true})", model("gemma-3"), run(), QStringLiteral("s"), &err));
    QCOMPARE(err.httpStatus, 502);
    QCOMPARE(err.code, QStringLiteral("bad_upstream_response"));
}

QTEST_GUILESS_MAIN(TestReplyTranslator)
#include "tst_replytranslator.moc"
