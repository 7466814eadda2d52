// Anthropic Messages over the engine's types, as pure code: the request reader (every block and
// field, and the errors), the whole message, the stream's events in Anthropic's order, the error
// table and the Claude model names' mapping.
#include "anthropic/ClaudeModelMap.h"
#include "anthropic/MessagesError.h"
#include "anthropic/MessagesEventWriter.h"
#include "anthropic/MessagesRequestReader.h"
#include "anthropic/MessagesWire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

namespace {

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject data(const MessagesEventWriter::Event& e)
{
    return QJsonDocument::fromJson(e.data).object();
}

QByteArrayList names(const QList<MessagesEventWriter::Event>& events)
{
    QByteArrayList out;
    for (const MessagesEventWriter::Event& e : events)
        out.append(e.name);
    return out;
}

QString str(const QByteArray& b)
{
    return QString::fromUtf8(b);
}

} // namespace

class TestAnthropicWire : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsMinimalRequest();
    void readsSystemAndFoldsSystemMessages();
    void readsBlocksOfEveryKind();
    void readsToolsAndChoices_data();
    void readsToolsAndChoices();
    void readsSamplingAndThinking();
    void refuses_data();
    void refuses();
    void ignoresUnknownFieldsAndHostedTools();
    void wholeMessage();
    void stopReasons_data();
    void stopReasons();
    void toolUseIds();
    void streamEventsInOrder();
    void streamToolCallFragments();
    void streamEmptyReplyHasOneBlock();
    void streamFailureIsErrorEvent();
    void streamSplitsAnywhere();
    void errorTable_data();
    void errorTable();
    void modelMap_data();
    void modelMap();
    void modelsList();
};

void TestAnthropicWire::readsMinimalRequest()
{
    ApiError error;
    const auto r = MessagesRequestReader::read(
        parse(R"({"model":"claude-sonnet-4-5","max_tokens":32000,"messages":[{"role":"user","content":"Hi"}]})"),
        &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->model, QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(r->maxTokens, std::optional<int>(32000));
    QCOMPARE(r->messages.size(), 1);
    QCOMPARE(r->messages[0].role, QStringLiteral("user"));
    QCOMPARE(r->messages[0].text, QStringLiteral("Hi"));
    QVERIFY(!r->stream);
}

void TestAnthropicWire::readsSystemAndFoldsSystemMessages()
{
    ApiError error;
    const auto r = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":10,
        "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}},{"type":"text","text":"Be brief."}],
        "messages":[{"role":"system","content":"Folded."},{"role":"user","content":"Hi"}]})"),
        &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->messages.size(), 2);
    QCOMPARE(r->messages[0].role, QStringLiteral("system"));
    QCOMPARE(r->messages[0].text, QStringLiteral("You are Claude Code.\n\nBe brief.\n\nFolded."));

    const auto plain = MessagesRequestReader::read(
        parse(R"({"model":"m","max_tokens":10,"system":"S","messages":[{"role":"user","content":"Hi"}]})"), &error);
    QVERIFY(plain);
    QCOMPARE(plain->messages[0].text, QStringLiteral("S"));
}

void TestAnthropicWire::readsBlocksOfEveryKind()
{
    ApiError error;
    const auto r = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":100,"messages":[
        {"role":"user","content":[{"type":"text","text":"What is in"},{"type":"text","text":"this?"},
            {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},
        {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig"},
            {"type":"redacted_thinking","data":"xx"},{"type":"text","text":"Let me look."},
            {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}]},
        {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"Sunny"},
            {"type":"tool_result","tool_use_id":"toolu_01B","is_error":true,
             "content":[{"type":"text","text":"timeout"}]},
            {"type":"text","text":"And tomorrow?"}]}]})"),
        &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->messages.size(), 5);
    const ChatMessage& user = r->messages[0];
    QCOMPARE(user.contentKind, ChatMessage::ContentKind::Parts);
    QCOMPARE(user.parts.size(), 3);
    QCOMPARE(user.parts[2].kind, ContentPart::Kind::ImageUrl);
    QCOMPARE(user.parts[2].imageUrl, QStringLiteral("data:image/png;base64,iVBORw0KGgo="));
    const ChatMessage& assistant = r->messages[1];
    QCOMPARE(assistant.role, QStringLiteral("assistant"));
    QCOMPARE(assistant.text, QStringLiteral("Let me look.")); // thinking dropped
    QVERIFY(assistant.reasoning.isEmpty());
    QCOMPARE(assistant.toolCalls.size(), 1);
    QCOMPARE(assistant.toolCalls[0].id, QStringLiteral("toolu_01A"));
    QCOMPARE(assistant.toolCalls[0].name, QStringLiteral("get_weather"));
    QCOMPARE(assistant.toolCalls[0].arguments, QStringLiteral(R"({"city":"Paris"})"));
    QCOMPARE(r->messages[2].role, QStringLiteral("tool"));
    QCOMPARE(r->messages[2].toolCallId, QStringLiteral("toolu_01A"));
    QCOMPARE(r->messages[2].text, QStringLiteral("Sunny"));
    QCOMPARE(r->messages[3].toolCallId, QStringLiteral("toolu_01B"));
    QCOMPARE(r->messages[3].text, QStringLiteral("Error: timeout"));
    QCOMPARE(r->messages[4].role, QStringLiteral("user"));
    QCOMPARE(r->messages[4].contentKind, ChatMessage::ContentKind::Text);
    QCOMPARE(r->messages[4].text, QStringLiteral("And tomorrow?"));
}

void TestAnthropicWire::readsToolsAndChoices_data()
{
    QTest::addColumn<QByteArray>("choice");
    QTest::addColumn<QJsonValue>("expected");
    QTest::addColumn<bool>("parallelOff");
    QTest::newRow("absent") << QByteArray() << QJsonValue() << false;
    QTest::newRow("auto") << QByteArray(R"({"type":"auto"})") << QJsonValue(QStringLiteral("auto")) << false;
    QTest::newRow("none") << QByteArray(R"({"type":"none"})") << QJsonValue(QStringLiteral("none")) << false;
    QTest::newRow("any") << QByteArray(R"({"type":"any","disable_parallel_tool_use":true})")
                         << QJsonValue(QStringLiteral("required")) << true;
    QTest::newRow("tool") << QByteArray(R"({"type":"tool","name":"get_weather"})")
                          << QJsonValue(parse(R"({"type":"function","function":{"name":"get_weather"}})")) << false;
}

void TestAnthropicWire::readsToolsAndChoices()
{
    QFETCH(QByteArray, choice);
    QFETCH(QJsonValue, expected);
    QFETCH(bool, parallelOff);
    QJsonObject body = parse(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"Hi"}],
        "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]})");
    if (!choice.isEmpty())
        body.insert(QStringLiteral("tool_choice"), QJsonDocument::fromJson(choice).object());
    ApiError error;
    const auto r = MessagesRequestReader::read(body, &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->tools.size(), 1);
    QCOMPARE(r->tools[0].name, QStringLiteral("get_weather"));
    QCOMPARE(r->tools[0].description, QStringLiteral("Weather"));
    QCOMPARE(r->tools[0].parameters.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
    QCOMPARE(r->toolChoice, expected);
    QCOMPARE(r->parallelToolCalls == std::optional<bool>(false), parallelOff);
}

void TestAnthropicWire::readsSamplingAndThinking()
{
    ApiError error;
    auto r
        = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"x"}],
        "temperature":0.5,"top_p":0.9,"top_k":40,"stop_sequences":["END","###"],"stream":true,
        "metadata":{"user_id":"u-1"},"thinking":{"type":"enabled","budget_tokens":10000}})"),
            &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->temperature, std::optional<double>(0.5));
    QCOMPARE(r->topP, std::optional<double>(0.9));
    QCOMPARE(r->topK, std::optional<int>(40));
    QCOMPARE(r->stop, (QStringList {QStringLiteral("END"), QStringLiteral("###")}));
    QVERIFY(r->stream);
    QCOMPARE(r->user, QStringLiteral("u-1"));
    QCOMPARE(r->reasoningEffort, QStringLiteral("medium"));

    r = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"x"}],
        "thinking":{"type":"disabled"}})"),
        &error);
    QVERIFY(r);
    QCOMPARE(r->reasoningEffort, QStringLiteral("none"));
    r = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"x"}],
        "thinking":{"type":"adaptive"}})"),
        &error);
    QVERIFY(r);
    QVERIFY(r->reasoningEffort.isEmpty());
}

void TestAnthropicWire::refuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("param");
    QTest::addColumn<QByteArray>("code");
    const QByteArray msgs = R"("messages":[{"role":"user","content":"x"}])";
    QTest::newRow("no model") << R"({"max_tokens":1,)" + msgs + "}" << QByteArray("model") << QByteArray();
    QTest::newRow("no max_tokens") << R"({"model":"m",)" + msgs + "}" << QByteArray("max_tokens") << QByteArray();
    QTest::newRow("max_tokens 0") << R"({"model":"m","max_tokens":0,)" + msgs + "}" << QByteArray("max_tokens")
                                  << QByteArray();
    QTest::newRow("no messages") << QByteArray(R"({"model":"m","max_tokens":1})") << QByteArray("messages")
                                 << QByteArray();
    QTest::newRow("bad role") << QByteArray(
        R"({"model":"m","max_tokens":1,"messages":[{"role":"tool","content":"x"}]})")
                              << QByteArray("messages.0.role") << QByteArray();
    QTest::newRow("url image") << QByteArray(
        R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]})")
                               << QByteArray("messages.0.content.0.source.type") << QByteArray("invalid_image_url");
    QTest::newRow("document") << QByteArray(
        R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"document","source":{}}]}]})")
                              << QByteArray("messages.0.content.0.type") << QByteArray();
    QTest::newRow("tool without schema") << QByteArray(
        R"({"model":"m","max_tokens":1,)" + msgs + R"(,"tools":[{"name":"a"}]})")
                                         << QByteArray("tools.0.input_schema") << QByteArray();
    QTest::newRow("tool choice unknown tool") << R"({"model":"m","max_tokens":1,)" + msgs
            + R"(,"tools":[{"name":"a","input_schema":{}}],"tool_choice":{"type":"tool","name":"b"}})"
                                              << QByteArray("tool_choice.name") << QByteArray();
    QTest::newRow("temperature 1.5") << R"({"model":"m","max_tokens":1,"temperature":1.5,)" + msgs + "}"
                                     << QByteArray("temperature") << QByteArray();
    QTest::newRow("tool_use input not object") << QByteArray(
        R"({"model":"m","max_tokens":1,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"a","name":"b","input":"x"}]}]})")
                                               << QByteArray("messages.0.content.0.input") << QByteArray();
}

void TestAnthropicWire::refuses()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, param);
    QFETCH(QByteArray, code);
    ApiError error;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QVERIFY(!o.isEmpty());
    QVERIFY(!MessagesRequestReader::read(o, &error));
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.param, str(param));
    QVERIFY2(error.message.startsWith(str(param) + QStringLiteral(": ")), qPrintable(error.message));
    if (!code.isEmpty())
        QCOMPARE(error.code, str(code));
    QCOMPARE(MessagesError::map(error).type, QStringLiteral("invalid_request_error"));
}

void TestAnthropicWire::ignoresUnknownFieldsAndHostedTools()
{
    ApiError error;
    const auto r = MessagesRequestReader::read(parse(R"({"model":"m","max_tokens":1,"service_tier":"auto",
        "container":null,"context_management":{},"messages":[{"role":"user","content":"x","extra":1}],
        "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5},
                 {"type":"custom","name":"Read","input_schema":{"type":"object"}}]})"),
        &error);
    QVERIFY2(r, qPrintable(error.message));
    QCOMPARE(r->tools.size(), 1);
    QCOMPARE(r->tools[0].name, QStringLiteral("Read"));
}

void TestAnthropicWire::wholeMessage()
{
    ChatResult result;
    result.reasoning = QStringLiteral("Think.");
    result.content = QStringLiteral("Hello");
    result.toolCalls.append(ToolCall {
        QStringLiteral("chatcmpl-tool-abc"), QStringLiteral("get_weather"), QStringLiteral(R"({"city":"Paris"})")});
    result.finishReason = QStringLiteral("tool_calls");
    result.usage.promptTokens = 12;
    result.usage.completionTokens = 7;
    result.usage.valid = true;
    const QJsonObject m = MessagesWire::message(QStringLiteral("msg_1"), QStringLiteral("claude-x"), result);
    QCOMPARE(m.value(QStringLiteral("id")).toString(), QStringLiteral("msg_1"));
    QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(m.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(m.value(QStringLiteral("model")).toString(), QStringLiteral("claude-x"));
    QCOMPARE(m.value(QStringLiteral("stop_reason")).toString(), QStringLiteral("tool_use"));
    QVERIFY(m.value(QStringLiteral("stop_sequence")).isNull());
    const QJsonArray content = m.value(QStringLiteral("content")).toArray();
    QCOMPARE(content.size(), 3);
    QCOMPARE(content[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("thinking"));
    QCOMPARE(content[0].toObject().value(QStringLiteral("thinking")).toString(), QStringLiteral("Think."));
    QCOMPARE(content[1].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Hello"));
    const QJsonObject tool = content[2].toObject();
    QCOMPARE(tool.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(tool.value(QStringLiteral("id")).toString(), QStringLiteral("toolu_chatcmpl-tool-abc"));
    QCOMPARE(tool.value(QStringLiteral("input")).toObject().value(QStringLiteral("city")).toString(),
        QStringLiteral("Paris"));
    QCOMPARE(m.value(QStringLiteral("usage")).toObject(), MessagesWire::usage(12, 7));
}

void TestAnthropicWire::stopReasons_data()
{
    QTest::addColumn<QByteArray>("finish");
    QTest::addColumn<QByteArray>("stopSequence");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("stop") << QByteArray("stop") << QByteArray() << QByteArray("end_turn");
    QTest::newRow("empty") << QByteArray() << QByteArray() << QByteArray("end_turn");
    QTest::newRow("length") << QByteArray("length") << QByteArray() << QByteArray("max_tokens");
    QTest::newRow("stop sequence") << QByteArray("stop") << QByteArray("END") << QByteArray("stop_sequence");
    QTest::newRow("tool calls") << QByteArray("tool_calls") << QByteArray() << QByteArray("tool_use");
}

void TestAnthropicWire::stopReasons()
{
    QFETCH(QByteArray, finish);
    QFETCH(QByteArray, stopSequence);
    QFETCH(QByteArray, expected);
    ChatResult r;
    r.finishReason = str(finish);
    QCOMPARE(MessagesWire::stopReason(r, str(stopSequence)), str(expected));
    const QJsonObject m = MessagesWire::message(QStringLiteral("msg_1"), QStringLiteral("m"), r, str(stopSequence));
    QCOMPARE(m.value(QStringLiteral("stop_sequence")).toString(),
        expected == "stop_sequence" ? str(stopSequence) : QString());
}

void TestAnthropicWire::toolUseIds()
{
    QCOMPARE(MessagesWire::toolUseId(QStringLiteral("toolu_01X")), QStringLiteral("toolu_01X"));
    QCOMPARE(MessagesWire::toolUseId(QStringLiteral("call.1:2")), QStringLiteral("toolu_call_1_2"));
    QCOMPARE(MessagesWire::toolUseId(QStringLiteral("abc")), MessagesWire::toolUseId(QStringLiteral("abc")));
    QVERIFY(MessagesWire::newMessageId().startsWith(QLatin1String("msg_")));
    QCOMPARE(MessagesWire::toolInput(QStringLiteral("not json")).value(QStringLiteral("_raw")).toString(),
        QStringLiteral("not json"));
    QVERIFY(MessagesWire::toolInput(QString()).isEmpty());
}

void TestAnthropicWire::streamEventsInOrder()
{
    MessagesEventWriter w(QStringLiteral("msg_1"), QStringLiteral("claude-x"), 42);
    QList<MessagesEventWriter::Event> all = w.start();
    all += w.delta(ChatDelta {QString(), QStringLiteral("Hmm"), {}});
    all += w.delta(ChatDelta {QStringLiteral("Hel"), QString(), {}});
    all += w.delta(ChatDelta {QStringLiteral("lo"), QString(), {}});
    ChatResult r;
    r.content = QStringLiteral("Hello");
    r.finishReason = QStringLiteral("stop");
    r.usage.promptTokens = 40;
    r.usage.completionTokens = 5;
    r.usage.valid = true;
    all += w.finish(r);
    QCOMPARE(names(all),
        (QByteArrayList {"message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta",
            "message_stop"}));
    for (const MessagesEventWriter::Event& e : all)
        QCOMPARE(data(e).value(QStringLiteral("type")).toString(), QString::fromLatin1(e.name));
    const QJsonObject start = data(all[0]).value(QStringLiteral("message")).toObject();
    QCOMPARE(start.value(QStringLiteral("id")).toString(), QStringLiteral("msg_1"));
    QCOMPARE(start.value(QStringLiteral("model")).toString(), QStringLiteral("claude-x"));
    QCOMPARE(start.value(QStringLiteral("content")).toArray().size(), 0);
    QCOMPARE(start.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 42);
    QCOMPARE(data(all[1]).value(QStringLiteral("content_block")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("thinking"));
    QCOMPARE(data(all[3]).value(QStringLiteral("delta")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("thinking_delta"));
    QCOMPARE(data(all[4]).value(QStringLiteral("index")).toInt(), 0);
    QCOMPARE(data(all[5]).value(QStringLiteral("index")).toInt(), 1);
    QCOMPARE(data(all[6]).value(QStringLiteral("delta")).toObject().value(QStringLiteral("text")).toString(),
        QStringLiteral("Hel"));
    const QJsonObject md = data(all[9]);
    QCOMPARE(md.value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
        QStringLiteral("end_turn"));
    QCOMPARE(md.value(QStringLiteral("usage")).toObject(), MessagesWire::usage(40, 5));
    QVERIFY(w.isEnded());
    QVERIFY(w.delta(ChatDelta {QStringLiteral("late"), QString(), {}}).isEmpty());
    QCOMPARE(MessagesEventWriter::serialize({all.last()}),
        QByteArray("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

void TestAnthropicWire::streamToolCallFragments()
{
    MessagesEventWriter w(QStringLiteral("msg_1"), QStringLiteral("m"), 1);
    QList<MessagesEventWriter::Event> all;
    all += w.delta(ChatDelta {QStringLiteral("Checking."), QString(), {}});
    all += w.delta(
        ChatDelta {QString(), QString(), {ToolCallDelta {0, QStringLiteral("c1"), QStringLiteral("a"), {}}}});
    all += w.delta(ChatDelta {QString(), QString(), {ToolCallDelta {0, {}, {}, QStringLiteral("{\"ci")}}});
    all += w.delta(ChatDelta {QString(), QString(), {ToolCallDelta {0, {}, {}, QStringLiteral("ty\":1}")}}});
    all += w.delta(ChatDelta {
        QString(), QString(), {ToolCallDelta {1, QStringLiteral("c2"), QStringLiteral("b"), QStringLiteral("{}")}}});
    ChatResult r;
    r.toolCalls = {ToolCall {QStringLiteral("c1"), QStringLiteral("a"), QStringLiteral("{\"city\":1}")},
        ToolCall {QStringLiteral("c2"), QStringLiteral("b"), QStringLiteral("{}")}};
    r.finishReason = QStringLiteral("tool_calls");
    all += w.finish(r);
    QCOMPARE(names(all),
        (QByteArrayList {"message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"}));
    const QJsonObject block = data(all[5]).value(QStringLiteral("content_block")).toObject();
    QCOMPARE(block.value(QStringLiteral("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(block.value(QStringLiteral("id")).toString(), QStringLiteral("toolu_c1"));
    QCOMPARE(block.value(QStringLiteral("name")).toString(), QStringLiteral("a"));
    QCOMPARE(block.value(QStringLiteral("input")).toObject(), QJsonObject());
    const QJsonObject frag = data(all[6]).value(QStringLiteral("delta")).toObject();
    QCOMPARE(frag.value(QStringLiteral("type")).toString(), QStringLiteral("input_json_delta"));
    QCOMPARE(frag.value(QStringLiteral("partial_json")).toString(), QStringLiteral("{\"ci"));
    QCOMPARE(data(all[12]).value(QStringLiteral("delta")).toObject().value(QStringLiteral("stop_reason")).toString(),
        QStringLiteral("tool_use"));
}

void TestAnthropicWire::streamEmptyReplyHasOneBlock()
{
    MessagesEventWriter w(QStringLiteral("msg_1"), QStringLiteral("m"), 1);
    const QList<MessagesEventWriter::Event> all = w.finish(ChatResult {});
    QCOMPARE(names(all),
        (QByteArrayList {
            "message_start", "content_block_start", "ping", "content_block_stop", "message_delta", "message_stop"}));
}

void TestAnthropicWire::streamFailureIsErrorEvent()
{
    MessagesEventWriter w(QStringLiteral("msg_1"), QStringLiteral("m"), 1);
    w.delta(ChatDelta {QStringLiteral("Hi"), QString(), {}});
    ApiError e = ApiError::upstream(502, ErrorType::Api, QStringLiteral("Workers AI broke."));
    const QList<MessagesEventWriter::Event> all = w.fail(e);
    QCOMPARE(names(all), QByteArrayList {"error"});
    const QJsonObject body = data(all[0]);
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("api_error"));
    QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("Workers AI broke."));
    QVERIFY(w.finish(ChatResult {}).isEmpty());
}

// The same reply cut into deltas anywhere gives the same text, the same blocks and a valid order.
void TestAnthropicWire::streamSplitsAnywhere()
{
    const QString reasoning = QStringLiteral("Let me think");
    const QString text = QStringLiteral("Héllo, wörld");
    for (int cut = 1; cut <= text.size(); ++cut) {
        MessagesEventWriter w(QStringLiteral("msg"), QStringLiteral("m"), 1);
        QList<MessagesEventWriter::Event> all;
        for (int i = 0; i < reasoning.size(); i += cut)
            all += w.delta(ChatDelta {QString(), reasoning.mid(i, cut), {}});
        for (int i = 0; i < text.size(); i += cut)
            all += w.delta(ChatDelta {text.mid(i, cut), QString(), {}});
        all += w.finish(ChatResult {});
        QString gotText;
        QString gotThinking;
        int starts = 0;
        int stops = 0;
        for (const MessagesEventWriter::Event& e : all) {
            const QJsonObject d = data(e).value(QStringLiteral("delta")).toObject();
            gotText += d.value(QStringLiteral("text")).toString();
            gotThinking += d.value(QStringLiteral("thinking")).toString();
            starts += e.name == "content_block_start";
            stops += e.name == "content_block_stop";
        }
        QCOMPARE(gotText, text);
        QCOMPARE(gotThinking, reasoning);
        QCOMPARE(starts, 2);
        QCOMPARE(stops, 2);
        QCOMPARE(all.first().name, QByteArray("message_start"));
        QCOMPARE(all.last().name, QByteArray("message_stop"));
    }
}

void TestAnthropicWire::errorTable_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("upstreamCode");
    QTest::addColumn<int>("expectedStatus");
    QTest::addColumn<QByteArray>("expectedType");
    QTest::newRow("400") << 400 << QString() << 0 << 400 << QByteArray("invalid_request_error");
    QTest::newRow("401 key") << 401 << QString(ErrorCode::InvalidApiKey) << 0 << 401
                             << QByteArray("authentication_error");
    QTest::newRow("401 upstream") << 401 << QString(ErrorCode::UpstreamAuthenticationFailed) << 10000 << 401
                                  << QByteArray("authentication_error");
    QTest::newRow("403") << 403 << QString(ErrorCode::ModelRequiresPaidPlan) << 5035 << 403
                         << QByteArray("permission_error");
    QTest::newRow("404") << 404 << QString(ErrorCode::ModelNotFound) << 0 << 404 << QByteArray("not_found_error");
    QTest::newRow("405") << 405 << QString(ErrorCode::MethodNotAllowed) << 0 << 405
                         << QByteArray("invalid_request_error");
    QTest::newRow("413") << 413 << QString(ErrorCode::RequestTooLarge) << 3006 << 413
                         << QByteArray("request_too_large");
    QTest::newRow("429 quota") << 429 << QString(ErrorCode::InsufficientQuota) << 3036 << 429
                               << QByteArray("rate_limit_error");
    QTest::newRow("429 capacity") << 429 << QString(ErrorCode::RateLimitExceeded) << 3040 << 529
                                  << QByteArray("overloaded_error");
    QTest::newRow("500") << 500 << QString() << 0 << 500 << QByteArray("api_error");
    QTest::newRow("502") << 502 << QString(ErrorCode::UpstreamError) << 0 << 502 << QByteArray("api_error");
    QTest::newRow("504") << 504 << QString(ErrorCode::UpstreamTimeout) << 0 << 504 << QByteArray("api_error");
}

void TestAnthropicWire::errorTable()
{
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(int, upstreamCode);
    QFETCH(int, expectedStatus);
    QFETCH(QByteArray, expectedType);
    ApiError e = ApiError::upstream(status, ErrorType::Api, QStringLiteral("Something."), code);
    e.upstreamCode = upstreamCode;
    QCOMPARE(MessagesError::map(e).status, expectedStatus);
    QCOMPARE(MessagesError::map(e).type, str(expectedType));
    const QJsonObject body = MessagesError::body(e);
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(
        body.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString(), str(expectedType));
    QCOMPARE(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("Something."));
}

void TestAnthropicWire::modelMap_data()
{
    QTest::addColumn<QStringList>("setting");
    QTest::addColumn<QByteArray>("requested");
    QTest::addColumn<QByteArray>("expected");
    const QStringList defaults;
    QTest::newRow("sonnet") << defaults << QByteArray("claude-sonnet-4-5-20250929") << QByteArray("glm-4.7-flash");
    QTest::newRow("opus") << defaults << QByteArray("claude-opus-4-1") << QByteArray("glm-4.7-flash");
    QTest::newRow("haiku") << defaults << QByteArray("claude-3-5-haiku-20241022") << QByteArray("gemma-4");
    QTest::newRow("HAIKU case") << defaults << QByteArray("Claude-Haiku-4-5") << QByteArray("gemma-4");
    QTest::newRow("unknown claude") << defaults << QByteArray("claude-next") << QByteArray("glm-4.7-flash");
    QTest::newRow("alias passes") << defaults << QByteArray("llama-4-scout") << QByteArray("llama-4-scout");
    QTest::newRow("raw id passes") << defaults << QByteArray("@cf/openai/gpt-oss-120b")
                                   << QByteArray("@cf/openai/gpt-oss-120b");
    const QStringList custom {
        QStringLiteral("*haiku*=granite-4.0-micro"), QStringLiteral("bad"), QStringLiteral("claude-*= gpt-oss-120b ")};
    QTest::newRow("custom haiku") << custom << QByteArray("claude-haiku-4-5") << QByteArray("granite-4.0-micro");
    QTest::newRow("custom catch-all") << custom << QByteArray("claude-sonnet-4") << QByteArray("gpt-oss-120b");
}

void TestAnthropicWire::modelMap()
{
    QFETCH(QStringList, setting);
    QFETCH(QByteArray, requested);
    QFETCH(QByteArray, expected);
    const ClaudeModelMap map
        = ClaudeModelMap::fromSetting(setting.isEmpty() ? ClaudeModelMap::defaultSetting() : setting);
    QCOMPARE(map.resolve(str(requested)), str(expected));
    QVERIFY(ClaudeModelMap::fromSetting({}) == ClaudeModelMap());
}

void TestAnthropicWire::modelsList()
{
    const QJsonObject o = MessagesWire::modelsList(
        {{QStringLiteral("a"), QStringLiteral("A"), 0}, {QStringLiteral("b"), QString(), 86400}});
    const QJsonArray d = o.value(QStringLiteral("data")).toArray();
    QCOMPARE(d.size(), 2);
    QCOMPARE(d[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("model"));
    QCOMPARE(d[0].toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("A"));
    QCOMPARE(d[1].toObject().value(QStringLiteral("display_name")).toString(), QStringLiteral("b"));
    QCOMPARE(d[1].toObject().value(QStringLiteral("created_at")).toString(), QStringLiteral("1970-01-02T00:00:00Z"));
    QCOMPARE(o.value(QStringLiteral("has_more")).toBool(true), false);
    QCOMPARE(o.value(QStringLiteral("first_id")).toString(), QStringLiteral("a"));
    QCOMPARE(o.value(QStringLiteral("last_id")).toString(), QStringLiteral("b"));
}

QTEST_APPLESS_MAIN(TestAnthropicWire)
#include "tst_anthropicwire.moc"
