// core/responses, pure: the Responses request read into the engine's form, the response object
// and its output items, the stream's events in order, and the bounded response store.
#include "responses/ResponseStore.h"
#include "responses/ResponsesEventWriter.h"
#include "responses/ResponsesRequestReader.h"
#include "responses/ResponsesWire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

namespace {

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

ResponsesRequest mustRead(const char* json)
{
    ApiError error;
    const std::optional<ResponsesRequest> r = ResponsesRequestReader::read(parse(json), &error);
    if (!r)
        qWarning() << error.message;
    return r.value_or(ResponsesRequest());
}

ApiError mustFail(const char* json)
{
    ApiError error;
    const std::optional<ResponsesRequest> r = ResponsesRequestReader::read(parse(json), &error);
    return r ? ApiError() : error;
}

QByteArrayList names(const QList<ResponsesEventWriter::Event>& events)
{
    QByteArrayList out;
    for (const ResponsesEventWriter::Event& e : events)
        out.append(e.name);
    return out;
}

QJsonObject dataOf(const ResponsesEventWriter::Event& e)
{
    return QJsonDocument::fromJson(e.data).object();
}

ResponsesWire::Shell shell()
{
    ResponsesWire::Shell s;
    s.id = QStringLiteral("resp_test");
    s.model = QStringLiteral("glm-4.7-flash");
    s.createdAt = 1'790'000'000;
    return s;
}

ChatDelta text(const QString& t)
{
    ChatDelta d;
    d.content = t;
    return d;
}

ChatDelta call(int index, const QString& id, const QString& name, const QString& args)
{
    ChatDelta d;
    d.toolCalls.append({index, id, name, args});
    return d;
}

} // namespace

class TestResponsesWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringInputIsOneUserMessage();
    void itemsBecomeMessages();
    void callsGroupIntoOneAssistantMessage();
    void callOutputsWithImagesFollowTheResult();
    void toolsFunctionCustomAndHosted();
    void toolChoiceForms();
    void textFormatBecomesResponseFormat();
    void settingsAndEcho();
    void composePutsInstructionsAndHistoryFirst();
    void readerErrorsNameTheField_data();
    void readerErrorsNameTheField();
    void wholeResponseItems();
    void assistantMessageFromOutput();
    void eventsForTextInOrder();
    void eventsReasoningThenText();
    void interleavedToolCallsStayOpen();
    void customToolCallEvents();
    void emptyReplyHasOneMessage();
    void failureAfterStartIsResponseFailed();
    void storeEvictsLeastRecentlyUsed();
    void storeBoundByBytes();
};

void TestResponsesWire::stringInputIsOneUserMessage()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":"Hi"})");
    QCOMPARE(r.chat.model, QStringLiteral("m"));
    QCOMPARE(r.chat.messages.size(), 1);
    QCOMPARE(r.chat.messages[0].role, QStringLiteral("user"));
    QCOMPARE(r.chat.messages[0].text, QStringLiteral("Hi"));
    QVERIFY(r.store);
    QVERIFY(!r.chat.stream);
}

void TestResponsesWire::itemsBecomeMessages()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":[
        {"role":"developer","content":"Rules."},
        {"type":"message","role":"user","content":[{"type":"input_text","text":"a"},{"type":"input_text","text":"b"}]},
        {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"x"},
        {"type":"message","role":"assistant","content":[{"type":"output_text","text":"c","annotations":[]}]},
        {"type":"item_reference","id":"msg_1"},
        {"type":"web_search_call","id":"ws_1","status":"completed"},
        {"type":"some_future_item","x":1},
        {"role":"user","content":[{"type":"input_image","image_url":"data:image/png;base64,iVBO","detail":"low"}]}
    ]})");
    QCOMPARE(r.chat.messages.size(), 4);
    QCOMPARE(r.chat.messages[0].role, QStringLiteral("system"));
    QCOMPARE(r.chat.messages[1].contentKind, ChatMessage::ContentKind::Text); // text parts: one string
    QCOMPARE(r.chat.messages[1].text, QStringLiteral("a\nb"));
    QCOMPARE(r.chat.messages[2].role, QStringLiteral("assistant"));
    QCOMPARE(r.chat.messages[2].text, QStringLiteral("c"));
    QVERIFY(r.chat.messages[3].hasImages());
    QCOMPARE(r.chat.messages[3].parts[0].imageDetail, QStringLiteral("low"));
}

void TestResponsesWire::callsGroupIntoOneAssistantMessage()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":[
        {"role":"user","content":"weather?"},
        {"role":"assistant","content":"Looking."},
        {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Oslo\"}"},
        {"type":"function_call","call_id":"call_2","name":"get_weather","arguments":{"city":"Rome"}},
        {"type":"function_call_output","call_id":"call_1","output":"Rain"},
        {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"Sun"}]}
    ]})");
    QCOMPARE(r.chat.messages.size(), 4);
    const ChatMessage& assistant = r.chat.messages[1];
    QCOMPARE(assistant.text, QStringLiteral("Looking."));
    QCOMPARE(assistant.toolCalls.size(), 2);
    QCOMPARE(assistant.toolCalls[1].arguments, QStringLiteral(R"({"city":"Rome"})"));
    QCOMPARE(r.chat.messages[2].role, QStringLiteral("tool"));
    QCOMPARE(r.chat.messages[2].toolCallId, QStringLiteral("call_1"));
    QCOMPARE(r.chat.messages[3].text, QStringLiteral("Sun"));

    // Calls with no text before them open an assistant message of their own.
    const ResponsesRequest bare = mustRead(R"({"model":"m","input":[{"role":"user","content":"x"},
        {"type":"function_call","call_id":"c","name":"f","arguments":"{}"}]})");
    QCOMPARE(bare.chat.messages[1].contentKind, ChatMessage::ContentKind::Null);
    QCOMPARE(bare.chat.messages[1].toolCalls.size(), 1);
}

void TestResponsesWire::callOutputsWithImagesFollowTheResult()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":[
        {"type":"function_call","call_id":"c","name":"shot","arguments":"{}"},
        {"type":"function_call_output","call_id":"c","output":[{"type":"input_text","text":"here"},
            {"type":"input_image","image_url":"data:image/png;base64,iVBO"}]}]})");
    QCOMPARE(r.chat.messages.size(), 3);
    QCOMPARE(r.chat.messages[1].role, QStringLiteral("tool"));
    QCOMPARE(r.chat.messages[1].text, QStringLiteral("here"));
    QCOMPARE(r.chat.messages[2].role, QStringLiteral("user"));
    QVERIFY(r.chat.messages[2].hasImages());
}

void TestResponsesWire::toolsFunctionCustomAndHosted()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":"x","tools":[
        {"type":"function","name":"shell","description":"Run","parameters":{"type":"object"},"strict":false},
        {"type":"custom","name":"apply_patch","description":"Patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},
        {"type":"web_search"},{"type":"local_shell"},{"type":"file_search","vector_store_ids":[]}]})");
    QCOMPARE(r.chat.tools.size(), 2);
    QCOMPARE(r.chat.tools[0].name, QStringLiteral("shell"));
    QCOMPARE(r.chat.tools[0].strict, std::optional<bool>(false));
    QCOMPARE(r.chat.tools[1].name, QStringLiteral("apply_patch"));
    const QJsonObject input = r.chat.tools[1]
                                  .parameters.value(QStringLiteral("properties"))
                                  .toObject()
                                  .value(QStringLiteral("input"))
                                  .toObject();
    QCOMPARE(input.value(QStringLiteral("type")).toString(), QStringLiteral("string"));
    QVERIFY(input.value(QStringLiteral("description")).toString().contains(QStringLiteral("start: x")));
    QCOMPARE(r.customTools, QSet<QString> {QStringLiteral("apply_patch")});
    QCOMPARE(r.droppedTools,
        (QStringList {QStringLiteral("web_search"), QStringLiteral("local_shell"), QStringLiteral("file_search")}));
}

void TestResponsesWire::toolChoiceForms()
{
    const char* tools = R"("tools":[{"type":"function","name":"f"}])";
    auto choice = [tools](const char* c) {
        const QByteArray json = QByteArray(R"({"model":"m","input":"x",)") + tools + R"(,"tool_choice":)" + c + "}";
        return mustRead(json.constData()).chat.toolChoice;
    };
    QCOMPARE(choice(R"("auto")"), QJsonValue(QStringLiteral("auto")));
    QCOMPARE(choice(R"("required")"), QJsonValue(QStringLiteral("required")));
    QCOMPARE(choice(R"({"type":"function","name":"f"})")
                 .toObject()
                 .value(QStringLiteral("function"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("f"));
    QCOMPARE(
        choice(R"({"type":"allowed_tools","mode":"required","tools":[]})"), QJsonValue(QStringLiteral("required")));
    const QJsonValue hosted = choice(R"({"type":"web_search_preview"})");
    QVERIFY(hosted.isUndefined() || hosted.isNull()); // left unset: the model chooses
}

void TestResponsesWire::textFormatBecomesResponseFormat()
{
    ResponsesRequest r = mustRead(R"({"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"city",
        "strict":true,"schema":{"type":"object"}},"verbosity":"low"}})");
    QCOMPARE(r.chat.responseFormat.value(QStringLiteral("type")).toString(), QStringLiteral("json_schema"));
    const QJsonObject js = r.chat.responseFormat.value(QStringLiteral("json_schema")).toObject();
    QCOMPARE(js.value(QStringLiteral("name")).toString(), QStringLiteral("city"));
    QCOMPARE(js.value(QStringLiteral("strict")).toBool(), true);
    r = mustRead(R"({"model":"m","input":"x","text":{"format":{"type":"json_object"}}})");
    QCOMPARE(r.chat.responseFormat.value(QStringLiteral("type")).toString(), QStringLiteral("json_object"));
    r = mustRead(R"({"model":"m","input":"x","text":{"format":{"type":"text"}}})");
    QVERIFY(r.chat.responseFormat.isEmpty());
}

void TestResponsesWire::settingsAndEcho()
{
    const ResponsesRequest r = mustRead(R"({"model":"m","input":"x","stream":true,"store":false,
        "temperature":0.5,"top_p":0.9,"max_output_tokens":77,"parallel_tool_calls":false,
        "reasoning":{"effort":"low","summary":"auto"},"metadata":{"k":"v"},"user":"u","safety_identifier":"s",
        "prompt_cache_key":"conv-1","include":["reasoning.encrypted_content"],"service_tier":"auto"})");
    QVERIFY(r.chat.stream);
    QVERIFY(r.chat.includeUsage);
    QVERIFY(!r.store);
    QCOMPARE(r.chat.temperature, std::optional<double>(0.5));
    QCOMPARE(r.chat.topP, std::optional<double>(0.9));
    QCOMPARE(r.chat.maxTokens, std::optional<int>(77));
    QCOMPARE(r.chat.parallelToolCalls, std::optional<bool>(false));
    QCOMPARE(r.chat.reasoningEffort, QStringLiteral("low"));
    QCOMPARE(r.chat.user, QStringLiteral("s"));
    QCOMPARE(r.chat.sessionAffinity, QStringLiteral("conv-1"));
    QCOMPARE(
        r.echo.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("k")).toString(), QStringLiteral("v"));
    QCOMPARE(r.echo.value(QStringLiteral("max_output_tokens")).toInt(), 77);
    QVERIFY(!r.echo.contains(QStringLiteral("include")));
}

void TestResponsesWire::composePutsInstructionsAndHistoryFirst()
{
    ResponsesRequest r = mustRead(R"({"model":"m","instructions":"Be brief.","previous_response_id":"resp_1",
        "input":[{"type":"function_call_output","call_id":"c","output":"42"}]})");
    QCOMPARE(r.previousResponseId, QStringLiteral("resp_1"));
    ChatMessage earlier = ChatMessage::assistant(QString());
    earlier.contentKind = ChatMessage::ContentKind::Null;
    earlier.toolCalls.append({QStringLiteral("c"), QStringLiteral("f"), QStringLiteral("{}")});
    const ChatRequest c = r.compose({ChatMessage::user(QStringLiteral("q")), earlier});
    QCOMPARE(c.messages.size(), 4);
    QCOMPARE(c.messages[0].role, QStringLiteral("system"));
    QCOMPARE(c.messages[0].text, QStringLiteral("Be brief."));
    QCOMPARE(c.messages[1].text, QStringLiteral("q"));
    QCOMPARE(c.messages[3].role, QStringLiteral("tool"));
    // previous_response_id alone is a request: the chain's own input may be empty.
    QVERIFY(!mustFail(R"({"model":"m","previous_response_id":"resp_1"})").isValid());
}

void TestResponsesWire::readerErrorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("param");
    QTest::newRow("model missing") << QByteArray(R"({"input":"x"})") << QStringLiteral("model");
    QTest::newRow("model empty") << QByteArray(R"({"model":" ","input":"x"})") << QStringLiteral("model");
    QTest::newRow("input missing") << QByteArray(R"({"model":"m"})") << QStringLiteral("input");
    QTest::newRow("input empty") << QByteArray(R"({"model":"m","input":[]})") << QStringLiteral("input");
    QTest::newRow("item not object") << QByteArray(R"({"model":"m","input":["x"]})") << QStringLiteral("input[0]");
    QTest::newRow("message no content") << QByteArray(R"({"model":"m","input":[{"role":"user"}]})")
                                        << QStringLiteral("input[0].content");
    QTest::newRow("part no type") << QByteArray(R"({"model":"m","input":[{"role":"user","content":[{"text":"x"}]}]})")
                                  << QStringLiteral("input[0].content[0].type");
    QTest::newRow("image file id") << QByteArray(R"({"model":"m","input":[{"role":"user","content":[
        {"type":"input_image","file_id":"f"}]}]})")
                                   << QStringLiteral("input[0].content[0].file_id");
    QTest::newRow("assistant image") << QByteArray(R"({"model":"m","input":[{"role":"assistant","content":[
        {"type":"input_image","image_url":"data:image/png;base64,AA"}]}]})")
                                     << QStringLiteral("input[0].content");
    QTest::newRow("output missing") << QByteArray(
        R"({"model":"m","input":[{"type":"function_call_output","call_id":"c"}]})")
                                    << QStringLiteral("input[0].output");
    QTest::newRow("custom call no input") << QByteArray(R"({"model":"m","input":[{"type":"custom_tool_call",
        "call_id":"c","name":"n"}]})") << QStringLiteral("input[0].input");
    QTest::newRow("tool bad name") << QByteArray(
        R"({"model":"m","input":"x","tools":[{"type":"function","name":"a b"}]})")
                                   << QStringLiteral("tools[0].name");
    QTest::newRow("tool no type") << QByteArray(R"({"model":"m","input":"x","tools":[{"name":"a"}]})")
                                  << QStringLiteral("tools[0].type");
    QTest::newRow("required no tools") << QByteArray(R"({"model":"m","input":"x","tool_choice":"required"})")
                                       << QStringLiteral("tool_choice");
    QTest::newRow("format unknown") << QByteArray(R"({"model":"m","input":"x","text":{"format":{"type":"xml"}}})")
                                    << QStringLiteral("text.format.type");
    QTest::newRow("schema missing") << QByteArray(
        R"({"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"n"}}})")
                                    << QStringLiteral("text.format.schema");
    QTest::newRow("max tokens zero") << QByteArray(R"({"model":"m","input":"x","max_output_tokens":0})")
                                     << QStringLiteral("max_output_tokens");
    QTest::newRow("store string") << QByteArray(R"({"model":"m","input":"x","store":"yes"})")
                                  << QStringLiteral("store");
    QTest::newRow("metadata array") << QByteArray(R"({"model":"m","input":"x","metadata":[]})")
                                    << QStringLiteral("metadata");
}

void TestResponsesWire::readerErrorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, param);
    const ApiError e = mustFail(json.constData());
    QVERIFY2(e.isValid(), json.constData());
    QCOMPARE(e.httpStatus, 400);
    QCOMPARE(e.param, param);
    QVERIFY2(e.message.startsWith(param), qPrintable(e.message));
}

void TestResponsesWire::wholeResponseItems()
{
    ChatResult r;
    r.reasoning = QStringLiteral("hmm");
    r.content = QStringLiteral("Hi");
    r.toolCalls.append({QStringLiteral("call_1"), QStringLiteral("f"), QStringLiteral(R"({"a":1})")});
    r.toolCalls.append({QStringLiteral("call_2"), QStringLiteral("patch"), QStringLiteral(R"({"input":"*** Begin"})")});
    r.finishReason = QStringLiteral("tool_calls");
    r.usage.valid = true;
    r.usage.promptTokens = 10;
    r.usage.completionTokens = 5;
    r.usage.totalTokens = 15;
    r.usage.reasoningTokens = 2;
    const QJsonArray output = ResponsesWire::outputItems(r, {QStringLiteral("patch")});
    QCOMPARE(output.size(), 4);
    QCOMPARE(output[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("reasoning"));
    QCOMPARE(output[1].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("message"));
    QCOMPARE(output[2].toObject().value(QStringLiteral("call_id")).toString(), QStringLiteral("call_1"));
    QCOMPARE(output[2].toObject().value(QStringLiteral("arguments")).toString(), QStringLiteral(R"({"a":1})"));
    QCOMPARE(output[3].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("custom_tool_call"));
    QCOMPARE(output[3].toObject().value(QStringLiteral("input")).toString(), QStringLiteral("*** Begin"));
    const QJsonObject o = ResponsesWire::completed(shell(), output, r, 99);
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(o.value(QStringLiteral("output_text")).toString(), QStringLiteral("Hi"));
    const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 10); // reported beats estimated
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 15);
    QCOMPARE(usage.value(QStringLiteral("output_tokens_details"))
                 .toObject()
                 .value(QStringLiteral("reasoning_tokens"))
                 .toInt(),
        2);
    QCOMPARE(o.value(QStringLiteral("tool_choice")).toString(), QStringLiteral("auto"));
    QVERIFY(o.value(QStringLiteral("incomplete_details")).isNull());

    r.finishReason = QStringLiteral("length");
    const QJsonObject cut = ResponsesWire::completed(shell(), output, r, 0);
    QCOMPARE(cut.value(QStringLiteral("status")).toString(), QStringLiteral("incomplete"));
    QCOMPARE(cut.value(QStringLiteral("incomplete_details")).toObject().value(QStringLiteral("reason")).toString(),
        QStringLiteral("max_output_tokens"));
}

void TestResponsesWire::assistantMessageFromOutput()
{
    ChatResult r;
    r.reasoning = QStringLiteral("hmm");
    r.toolCalls.append({QStringLiteral("call_1"), QStringLiteral("f"), QStringLiteral("{}")});
    r.toolCalls.append({QStringLiteral("call_2"), QStringLiteral("patch"), QStringLiteral(R"({"input":"x"})")});
    const ChatMessage m = ResponsesWire::assistantMessage(ResponsesWire::outputItems(r, {QStringLiteral("patch")}));
    QCOMPARE(m.role, QStringLiteral("assistant"));
    QCOMPARE(m.contentKind, ChatMessage::ContentKind::Null);
    QCOMPARE(m.toolCalls.size(), 2);
    QCOMPARE(m.toolCalls[1].arguments, QStringLiteral(R"({"input":"x"})"));
    QVERIFY(m.reasoning.isEmpty());
}

void TestResponsesWire::eventsForTextInOrder()
{
    ResponsesEventWriter w(shell(), {}, 12);
    QList<ResponsesEventWriter::Event> all = w.start();
    all += w.delta(text(QStringLiteral("Hel")));
    all += w.delta(text(QStringLiteral("lo")));
    ChatResult r;
    r.content = QStringLiteral("Hello");
    all += w.finish(r);
    QCOMPARE(names(all),
        (QByteArrayList {"response.created", "response.in_progress", "response.output_item.added",
            "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed"}));
    for (int i = 0; i < all.size(); ++i) {
        const QJsonObject d = dataOf(all[i]);
        QCOMPARE(d.value(QStringLiteral("sequence_number")).toInt(), i);
        QCOMPARE(d.value(QStringLiteral("type")).toString(), QString::fromLatin1(all[i].name));
    }
    const QJsonObject delta = dataOf(all[4]);
    QCOMPARE(delta.value(QStringLiteral("output_index")).toInt(), 0);
    QCOMPARE(delta.value(QStringLiteral("content_index")).toInt(), 0);
    QVERIFY(delta.value(QStringLiteral("item_id")).toString().startsWith(QLatin1String("msg_")));
    QCOMPARE(dataOf(all[6]).value(QStringLiteral("text")).toString(), QStringLiteral("Hello"));
    const QJsonObject done = dataOf(all.last()).value(QStringLiteral("response")).toObject();
    QCOMPARE(ResponsesWire::outputTextOf(done.value(QStringLiteral("output")).toArray()), QStringLiteral("Hello"));
    QCOMPARE(
        done.value(QStringLiteral("usage")).toObject().value(QStringLiteral("input_tokens")).toInt(), 12); // estimated
    QCOMPARE(w.finalResponse(), done);
    QVERIFY(w.finish(r).isEmpty()); // once
    QVERIFY(w.delta(text(QStringLiteral("late"))).isEmpty());
}

void TestResponsesWire::eventsReasoningThenText()
{
    ResponsesEventWriter w(shell(), {}, 0);
    ChatDelta think;
    think.reasoning = QStringLiteral("hmm");
    QList<ResponsesEventWriter::Event> all = w.delta(think);
    all += w.delta(text(QStringLiteral("Hi")));
    all += w.finish({});
    QCOMPARE(names(all).mid(2),
        (QByteArrayList {"response.output_item.added", "response.content_part.added", "response.reasoning_text.delta",
            "response.reasoning_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed"}));
    QCOMPARE(dataOf(all[3]).value(QStringLiteral("part")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("reasoning_text"));
    QCOMPARE(dataOf(all[10]).value(QStringLiteral("output_index")).toInt(), 1);
}

void TestResponsesWire::interleavedToolCallsStayOpen()
{
    ResponsesEventWriter w(shell(), {}, 0);
    QList<ResponsesEventWriter::Event> all = w.delta(call(0, QStringLiteral("call_a"), QStringLiteral("f"), {}));
    all += w.delta(call(1, QStringLiteral("call_b"), QStringLiteral("g"), QStringLiteral("{\"y\"")));
    all += w.delta(call(0, {}, {}, QStringLiteral("{\"x\":1}")));
    all += w.delta(call(1, {}, {}, QStringLiteral(":2}")));
    all += w.finish({});
    const QByteArrayList n = names(all);
    QCOMPARE(n.count(QByteArray("response.output_item.added")), 2);
    QCOMPARE(n.count(QByteArray("response.function_call_arguments.delta")), 3);
    QCOMPARE(n.count(QByteArray("response.function_call_arguments.done")), 2);
    const QJsonArray output = w.finalResponse().value(QStringLiteral("output")).toArray();
    QCOMPARE(output.size(), 2);
    QCOMPARE(output[0].toObject().value(QStringLiteral("arguments")).toString(), QStringLiteral("{\"x\":1}"));
    QCOMPARE(output[1].toObject().value(QStringLiteral("arguments")).toString(), QStringLiteral("{\"y\":2}"));
    QCOMPARE(output[1].toObject().value(QStringLiteral("call_id")).toString(), QStringLiteral("call_b"));
    QCOMPARE(output[0].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
}

void TestResponsesWire::customToolCallEvents()
{
    ResponsesEventWriter w(shell(), {QStringLiteral("apply_patch")}, 0);
    QList<ResponsesEventWriter::Event> all = w.delta(
        call(0, QStringLiteral("call_p"), QStringLiteral("apply_patch"), QStringLiteral("{\"input\":\"*** Be")));
    all += w.delta(call(0, {}, {}, QStringLiteral("gin\"}")));
    all += w.finish({});
    const QByteArrayList n = names(all);
    QVERIFY(!n.contains(QByteArray("response.function_call_arguments.delta")));
    const int done = int(n.indexOf(QByteArray("response.custom_tool_call_input.done")));
    QVERIFY(done > 0);
    QCOMPARE(dataOf(all[done]).value(QStringLiteral("input")).toString(), QStringLiteral("*** Begin"));
    const QJsonObject item = w.finalResponse().value(QStringLiteral("output")).toArray()[0].toObject();
    QCOMPARE(item.value(QStringLiteral("type")).toString(), QStringLiteral("custom_tool_call"));
    QCOMPARE(item.value(QStringLiteral("input")).toString(), QStringLiteral("*** Begin"));
}

void TestResponsesWire::emptyReplyHasOneMessage()
{
    ResponsesEventWriter w(shell(), {}, 0);
    const QList<ResponsesEventWriter::Event> all = w.finish({});
    QCOMPARE(names(all).count(QByteArray("response.output_item.done")), 1);
    QCOMPARE(w.finalResponse().value(QStringLiteral("output")).toArray().size(), 1);
}

void TestResponsesWire::failureAfterStartIsResponseFailed()
{
    ResponsesEventWriter w(shell(), {}, 0);
    w.delta(text(QStringLiteral("Hel")));
    ApiError e = ApiError::upstream(502, QStringLiteral("server_error"), QStringLiteral("The stream broke."));
    const QList<ResponsesEventWriter::Event> all = w.fail(e);
    QCOMPARE(names(all), QByteArrayList {"response.failed"});
    const QJsonObject r = dataOf(all[0]).value(QStringLiteral("response")).toObject();
    QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QCOMPARE(r.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("server_error"));
    QCOMPARE(r.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
        QStringLiteral("The stream broke."));
    const QJsonObject partial = r.value(QStringLiteral("output")).toArray()[0].toObject();
    QCOMPARE(partial.value(QStringLiteral("status")).toString(), QStringLiteral("incomplete"));
    QCOMPARE(ResponsesWire::outputTextOf(r.value(QStringLiteral("output")).toArray()), QStringLiteral("Hel"));
    QVERIFY(w.isEnded());
    QVERIFY(w.finish({}).isEmpty());
    ApiError quota;
    quota.httpStatus = 429;
    quota.message = QStringLiteral("used up");
    QCOMPARE(
        ResponsesWire::error(quota).value(QStringLiteral("code")).toString(), QStringLiteral("rate_limit_exceeded"));
}

void TestResponsesWire::storeEvictsLeastRecentlyUsed()
{
    ResponseStore store(3);
    for (int i = 0; i < 3; ++i)
        store.put(QStringLiteral("r%1").arg(i), {}, {ChatMessage::user(QStringLiteral("m%1").arg(i))});
    QVERIFY(store.find(QStringLiteral("r0"))); // r0 is now the most recent
    store.put(QStringLiteral("r3"), {}, {});
    QCOMPARE(store.size(), 3);
    QVERIFY(!store.find(QStringLiteral("r1")));
    QVERIFY(store.find(QStringLiteral("r0")));
    QCOMPARE(store.find(QStringLiteral("r2"))->conversation[0].text, QStringLiteral("m2"));
    QVERIFY(store.remove(QStringLiteral("r2")));
    QVERIFY(!store.remove(QStringLiteral("r2")));
    QCOMPARE(store.size(), 2);
}

void TestResponsesWire::storeBoundByBytes()
{
    ResponseStore store(100, 100'000);
    const QString big(20'000, QLatin1Char('x')); // ~40 KB as UTF-16
    for (int i = 0; i < 5; ++i)
        store.put(QStringLiteral("r%1").arg(i), {}, {ChatMessage::user(big)});
    QVERIFY(store.bytes() <= 100'000);
    QCOMPARE(store.size(), 2);
    QVERIFY(store.find(QStringLiteral("r4")));
    // One entry over the bound alone is kept: the newest chain must go on.
    store.put(QStringLiteral("huge"), {}, {ChatMessage::user(QString(80'000, QLatin1Char('y')))});
    QCOMPARE(store.size(), 1);
    QVERIFY(store.find(QStringLiteral("huge")));
}

QTEST_GUILESS_MAIN(TestResponsesWire)
#include "tst_responseswire.moc"
