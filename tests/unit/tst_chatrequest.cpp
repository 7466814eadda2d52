// ChatRequestReader, ChatJson::request and the usage JSON: the bodies the OpenAI SDKs send are accepted and
// normalised to one canonical JSON form, and every invalid body is a 400 naming the exact param.
#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"
#include "openai/ChatTypes.h"

#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

class TestChatRequest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data();
    void accepts();
    void roundTrips_data();
    void roundTrips();
    void rejects_data();
    void rejects();
    void messageContent_data();
    void messageContent();
    void maxTokensAliases_data();
    void maxTokensAliases();
    void parsesFieldsIntoTypes();
    void builtRequestRoundTrips();
    void usageFromJson_data();
    void usageFromJson();
    void usageToJson_data();
    void usageToJson();
};

// A request with one user message plus the given top-level members ("" for none).
static QByteArray withBase(const char* extra)
{
    QByteArray out = R"({"model":"m","messages":[{"role":"user","content":"hi"}])";
    if (*extra)
        out += ',' + QByteArray(extra);
    return out + '}';
}

// A request with the given messages (the inside of the array) and model "m".
static QByteArray withMessages(const char* messages)
{
    return R"({"model":"m","messages":[)" + QByteArray(messages) + "]}";
}

static bool parseObject(const QByteArray& json, QJsonObject* out)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    *out = doc.object();
    return err.error == QJsonParseError::NoError && doc.isObject();
}

static QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Rows: a body as a client sends it, and the canonical form toJson() must give for it.
void TestChatRequest::accepts_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("canonical");

    const QByteArray base = withBase("");
    QTest::newRow("python sdk minimal")
        << QByteArray(R"({"messages":[{"role":"user","content":"Hello"}],"model":"gpt-4o-mini"})")
        << QByteArray(R"({"messages":[{"content":"Hello","role":"user"}],"model":"gpt-4o-mini"})");
    QTest::newRow("explicit nulls are absent") << withBase(
        R"("temperature":null,"top_p":null,"stop":null,"tools":null,"tool_choice":null,)"
        R"("max_tokens":null,"stream":null,"stream_options":null,"response_format":null,"user":null,)"
        R"("n":null,"logprobs":null,"top_logprobs":null,"seed":null,"reasoning_effort":null,)"
        R"("parallel_tool_calls":null)") << base;
    QTest::newRow("unknown top-level fields ignored")
        << withBase(R"("store":false,"metadata":{"a":"b"},"service_tier":"auto","modalities":["text"])") << base;
    QTest::newRow("every role")
        << withMessages(R"({"role":"system","content":"s"},{"role":"developer","content":"d"},)"
                        R"({"role":"user","content":"u","name":"ann"},{"role":"assistant","content":"a"})")
        << withMessages(R"({"content":"s","role":"system"},{"content":"d","role":"developer"},)"
                        R"({"content":"u","name":"ann","role":"user"},{"content":"a","role":"assistant"})");
    QTest::newRow("js sdk tool loop")
        << withMessages(R"({"role":"user","content":"weather?"},)"
                        R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",)"
                        R"("function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},)"
                        R"({"role":"tool","tool_call_id":"call_1","content":"18C"})")
        << withMessages(
               R"({"content":"weather?","role":"user"},)"
               R"({"content":null,"role":"assistant","tool_calls":[{"function":{"arguments":"{\"city\":\"Paris\"}",)"
               R"("name":"get_weather"},"id":"call_1","type":"function"}]},)"
               R"({"content":"18C","role":"tool","tool_call_id":"call_1"})");
    QTest::newRow("tool call arguments as object")
        << withMessages(R"({"role":"assistant","tool_calls":[{"id":"c","type":"function",)"
                        R"("function":{"name":"f","arguments":{"b":1,"a":"x"}}}]})")
        << withMessages(R"({"content":null,"role":"assistant","tool_calls":[{"function":{"arguments":)"
                        R"("{\"a\":\"x\",\"b\":1}","name":"f"},"id":"c","type":"function"}]})");
    QTest::newRow("assistant without content")
        << withMessages(R"({"role":"user","content":"q"},{"role":"assistant"})")
        << withMessages(R"({"content":"q","role":"user"},{"content":null,"role":"assistant"})");
    QTest::newRow("assistant empty parts array")
        << withMessages(R"({"role":"assistant","content":[]})") << withMessages(R"({"content":[],"role":"assistant"})");
    QTest::newRow("vision parts with detail")
        << withMessages(R"({"role":"user","content":[{"type":"text","text":"what is this?"},)"
                        R"({"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]})")
        << withMessages(R"({"content":[{"text":"what is this?","type":"text"},)"
                        R"({"image_url":{"detail":"low","url":"data:image/png;base64,AAAA"},"type":"image_url"}],)"
                        R"("role":"user"})");
    QTest::newRow("image_url as plain string")
        << withMessages(R"({"role":"user","content":[{"type":"image_url","image_url":"https://x/y.png"}]})")
        << withMessages(R"({"content":[{"image_url":{"url":"https://x/y.png"},"type":"image_url"}],"role":"user"})");
    QTest::newRow("input_text alias") << withMessages(
        R"({"role":"user","content":[{"type":"input_text","text":"hi"}]})")
                                      << withMessages(R"({"content":[{"text":"hi","type":"text"}],"role":"user"})");
    QTest::newRow("assistant refusal part")
        << withMessages(R"({"role":"assistant","content":[{"type":"refusal","refusal":"no"}]})")
        << withMessages(R"({"content":[{"text":"no","type":"text"}],"role":"assistant"})");
    QTest::newRow("tool message with text parts")
        << withMessages(R"({"role":"tool","tool_call_id":"c","content":[{"type":"text","text":"ok"}]})")
        << withMessages(R"({"content":[{"text":"ok","type":"text"}],"role":"tool","tool_call_id":"c"})");
    QTest::newRow("reasoning_content on assistant")
        << withMessages(R"({"role":"assistant","content":"4","reasoning_content":"2+2"})")
        << withMessages(R"({"content":"4","reasoning_content":"2+2","role":"assistant"})");
    QTest::newRow("reasoning alias on assistant")
        << withMessages(R"({"role":"assistant","content":"4","reasoning":"2+2"})")
        << withMessages(R"({"content":"4","reasoning_content":"2+2","role":"assistant"})");
    QTest::newRow("sampling at bounds")
        << withBase(R"("temperature":0,"top_p":1,"frequency_penalty":-2,"presence_penalty":2)")
        << withBase(R"("frequency_penalty":-2,"presence_penalty":2,"temperature":0,"top_p":1)");
    QTest::newRow("workers ai knobs") << withBase(R"("top_k":40,"repetition_penalty":1.1,"seed":42)")
                                      << withBase(R"("repetition_penalty":1.1,"seed":42,"top_k":40)");
    QTest::newRow("integral doubles for integers") << withBase(R"("max_tokens":100.0,"top_k":5.0,"seed":7.0,"n":1.0)")
                                                   << withBase(R"("max_tokens":100,"seed":7,"top_k":5)");
    QTest::newRow("max_completion_tokens")
        << withBase(R"("max_completion_tokens":256)") << withBase(R"("max_tokens":256)");
    QTest::newRow("n is 1") << withBase(R"("n":1)") << base;
    QTest::newRow("stream with usage") << withBase(R"("stream":true,"stream_options":{"include_usage":true})")
                                       << withBase(R"("stream":true,"stream_options":{"include_usage":true})");
    QTest::newRow("stream without usage")
        << withBase(R"("stream":true,"stream_options":{"include_usage":false})") << withBase(R"("stream":true)");
    QTest::newRow("stream_options without stream ignored")
        << withBase(R"("stream":false,"stream_options":{"include_usage":true})") << base;
    QTest::newRow("stop string") << withBase(R"("stop":"\n\n")") << withBase(R"("stop":["\n\n"])");
    QTest::newRow("stop four strings") << withBase(R"("stop":["a","b","c","d"])")
                                       << withBase(R"("stop":["a","b","c","d"])");
    QTest::newRow("response_format text is the default") << withBase(R"("response_format":{"type":"text"})") << base;
    QTest::newRow("response_format json_object") << withBase(R"("response_format":{"type":"json_object"})")
                                                 << withBase(R"("response_format":{"type":"json_object"})");
    QTest::newRow("response_format json_schema")
        << withBase(R"("response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,)"
                    R"("schema":{"type":"object","properties":{"n":{"type":"string"}}}}})")
        << withBase(R"("response_format":{"json_schema":{"name":"person","schema":{"properties":{"n":{"type":)"
                    R"("string"}},"type":"object"},"strict":true},"type":"json_schema"})");
    QTest::newRow("tools with auto and parallel off")
        << withBase(R"("tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",)"
                    R"("parameters":{"type":"object","properties":{}},"strict":false}}],"tool_choice":"auto",)"
                    R"("parallel_tool_calls":false)")
        << withBase(R"("parallel_tool_calls":false,"tool_choice":"auto","tools":[{"function":{"description":)"
                    R"("Weather","name":"get_weather","parameters":{"properties":{},"type":"object"},)"
                    R"("strict":false},"type":"function"}])");
    QTest::newRow("tool_choice required")
        << withBase(R"("tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required")")
        << withBase(R"("tool_choice":"required","tools":[{"function":{"name":"f"},"type":"function"}])");
    QTest::newRow("named tool_choice normalised")
        << withBase(R"("tools":[{"type":"function","function":{"name":"a-b_1"}}],)"
                    R"("tool_choice":{"type":"function","function":{"name":"a-b_1","x":1},"extra":true})")
        << withBase(R"("tool_choice":{"function":{"name":"a-b_1"},"type":"function"},)"
                    R"("tools":[{"function":{"name":"a-b_1"},"type":"function"}])");
    QTest::newRow("tool_choice none without tools")
        << withBase(R"("tool_choice":"none")") << withBase(R"("tool_choice":"none")");
    QTest::newRow("tool_choice auto with empty tools")
        << withBase(R"("tools":[],"tool_choice":"auto")") << withBase(R"("tool_choice":"auto")");
    QTest::newRow("reasoning_effort minimal")
        << withBase(R"("reasoning_effort":"minimal")") << withBase(R"("reasoning_effort":"minimal")");
    QTest::newRow("reasoning_effort none")
        << withBase(R"("reasoning_effort":"none")") << withBase(R"("reasoning_effort":"none")");
    QTest::newRow("logprobs off") << withBase(R"("logprobs":false,"top_logprobs":0)") << base;
    QTest::newRow("user") << withBase(R"("user":"u-1")") << withBase(R"("user":"u-1")");
}

void TestChatRequest::accepts()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, canonical);
    QJsonObject in;
    QJsonObject want;
    QVERIFY2(parseObject(body, &in), body.constData());
    QVERIFY2(parseObject(canonical, &want), canonical.constData());

    ApiError error;
    const std::optional<ChatRequest> r = ChatRequestReader::read(in, &error);
    QVERIFY2(r.has_value(), qPrintable(error.message));
    QVERIFY(!error.isValid());
    QCOMPARE(compact(ChatJson::request(*r)), compact(want));
}

void TestChatRequest::roundTrips_data()
{
    accepts_data();
}

// What toJson() writes, fromJson() reads back to the same request.
void TestChatRequest::roundTrips()
{
    QFETCH(QByteArray, body);
    QJsonObject in;
    QVERIFY(parseObject(body, &in));
    ApiError error;
    const std::optional<ChatRequest> first = ChatRequestReader::read(in, &error);
    QVERIFY2(first.has_value(), qPrintable(error.message));
    const QJsonObject once = ChatJson::request(*first);
    const std::optional<ChatRequest> second = ChatRequestReader::read(once, &error);
    QVERIFY2(second.has_value(), qPrintable(error.message));
    QCOMPARE(compact(ChatJson::request(*second)), compact(once));
}

// Rows: an invalid body, the param the error must name, and a fragment its message must contain.
void TestChatRequest::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("says");

    auto row = [](const char* name, const QByteArray& body, const char* param, const char* says) {
        QTest::newRow(name) << body << QString::fromUtf8(param) << QString::fromUtf8(says);
    };
    const QByteArray tool = R"("tools":[{"type":"function","function":{"name":"f"}}])";

    row("model missing", R"({"messages":[{"role":"user","content":"hi"}]})", "model", "required");
    row("model not a string", R"({"model":7,"messages":[{"role":"user","content":"hi"}]})", "model",
        "expected a string, got a number");
    row("model blank", R"({"model":"  ","messages":[{"role":"user","content":"hi"}]})", "model", "must not be empty");
    row("messages missing", R"({"model":"m"})", "messages", "required");
    row("messages not an array", R"({"model":"m","messages":{"role":"user"}})", "messages",
        "expected an array of message objects, got an object");
    row("messages empty", R"({"model":"m","messages":[]})", "messages", "at least one message");
    row("message not an object", withMessages(R"("hello")"), "messages[0]", "expected a message object");
    row("role missing", withMessages(R"({"content":"x"})"), "messages[0].role", "required");
    row("role not a string", withMessages(R"({"role":1,"content":"x"})"), "messages[0].role", "expected a string");
    row("role unknown", withMessages(R"({"role":"user","content":"a"},{"role":"bot","content":"x"})"),
        "messages[1].role", "unknown role \"bot\"");
    row("legacy function role", withMessages(R"({"role":"function","name":"f","content":"x"})"), "messages[0].role",
        "legacy \"function\" role is not supported");
    row("user content null", withMessages(R"({"role":"user","content":null})"), "messages[0].content",
        "required for user messages");
    row("system content missing", withMessages(R"({"role":"system"})"), "messages[0].content",
        "required for system messages");
    row("content a number",
        withMessages(R"({"role":"user","content":"a"},{"role":"assistant","content":"b"},)"
                     R"({"role":"user","content":5})"),
        "messages[2].content", "expected a string or an array of content parts, got a number");
    row("user parts empty", withMessages(R"({"role":"user","content":[]})"), "messages[0].content",
        "must not be an empty array");
    row("part not an object", withMessages(R"({"role":"user","content":["hi"]})"), "messages[0].content[0]",
        "expected a content part object");
    row("part type missing", withMessages(R"({"role":"user","content":[{"text":"hi"}]})"),
        "messages[0].content[0].type", "required");
    row("part type unknown",
        withMessages(R"({"role":"user","content":[{"type":"text","text":"a"},{"type":"input_audio"}]})"),
        "messages[0].content[1].type", "unsupported content part type \"input_audio\"");
    row("text part without text", withMessages(R"({"role":"user","content":[{"type":"text"}]})"),
        "messages[0].content[0].text", "required");
    row("text part text not a string", withMessages(R"({"role":"user","content":[{"type":"text","text":1}]})"),
        "messages[0].content[0].text", "expected a string");
    row("image part without image_url", withMessages(R"({"role":"user","content":[{"type":"image_url"}]})"),
        "messages[0].content[0].image_url", "required");
    row("image_url without url", withMessages(R"({"role":"user","content":[{"type":"image_url","image_url":{}}]})"),
        "messages[0].content[0].image_url.url", "required");
    row("image_url empty url",
        withMessages(R"({"role":"user","content":[{"type":"image_url","image_url":{"url":""}}]})"),
        "messages[0].content[0].image_url.url", "must not be empty");
    row("image_url a number", withMessages(R"({"role":"user","content":[{"type":"image_url","image_url":3}]})"),
        "messages[0].content[0].image_url", "expected an object");
    row("image detail unknown",
        withMessages(R"({"role":"user","content":[{"type":"image_url","image_url":{"url":"u","detail":"max"}}]})"),
        "messages[0].content[0].image_url.detail", "must be one of auto, low, high");
    row("image in system message",
        withMessages(R"({"role":"system","content":[{"type":"image_url","image_url":{"url":"u"}}]})"),
        "messages[0].content[0].type", "only allowed in user messages");
    row("name not a string", withMessages(R"({"role":"user","content":"x","name":5})"), "messages[0].name",
        "expected a string");
    row("tool_calls not an array", withMessages(R"({"role":"assistant","tool_calls":{}})"), "messages[0].tool_calls",
        "expected an array of tool calls");
    row("tool call without id",
        withMessages(R"({"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f"}}]})"),
        "messages[0].tool_calls[0].id", "required");
    row("tool call wrong type",
        withMessages(R"({"role":"assistant","tool_calls":[{"id":"c","type":"code","function":{"name":"f"}}]})"),
        "messages[0].tool_calls[0].type", "only \"function\" tool calls");
    row("tool call without function", withMessages(R"({"role":"assistant","tool_calls":[{"id":"c"}]})"),
        "messages[0].tool_calls[0].function", "required");
    row("tool call function without name",
        withMessages(R"({"role":"assistant","tool_calls":[{"id":"c","function":{"arguments":"{}"}}]})"),
        "messages[0].tool_calls[0].function.name", "required");
    row("tool call arguments a number",
        withMessages(R"({"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":1}}]})"),
        "messages[0].tool_calls[0].function.arguments", "expected a JSON string");
    row("tool message without tool_call_id",
        withMessages(R"({"role":"user","content":"q"},{"role":"tool",)"
                     R"("content":"r"})"),
        "messages[1].tool_call_id", "required for tool messages");
    row("tool_call_id not a string", withMessages(R"({"role":"tool","content":"r","tool_call_id":9})"),
        "messages[0].tool_call_id", "expected a string");
    row("reasoning_content not a string", withMessages(R"({"role":"assistant","content":"a","reasoning_content":[]})"),
        "messages[0].reasoning_content", "expected a string");
    row("temperature a string", withBase(R"("temperature":"hot")"), "temperature", "expected a number, got a string");
    row("temperature above 2", withBase(R"("temperature":2.5)"), "temperature", "must be between 0 and 2, got 2.5");
    row("temperature negative", withBase(R"("temperature":-0.1)"), "temperature", "must be between 0 and 2");
    row("top_p above 1", withBase(R"("top_p":1.5)"), "top_p", "must be between 0 and 1");
    row("frequency_penalty below -2", withBase(R"("frequency_penalty":-3)"), "frequency_penalty",
        "must be between -2 and 2");
    row("presence_penalty above 2", withBase(R"("presence_penalty":2.1)"), "presence_penalty",
        "must be between -2 and 2");
    row("repetition_penalty zero", withBase(R"("repetition_penalty":0)"), "repetition_penalty",
        "must be greater than 0");
    row("repetition_penalty negative", withBase(R"("repetition_penalty":-1)"), "repetition_penalty",
        "must be greater than 0, got -1");
    row("top_k zero", withBase(R"("top_k":0)"), "top_k", "must be at least 1");
    row("top_k fractional", withBase(R"("top_k":1.5)"), "top_k", "expected an integer, got 1.5");
    row("seed fractional", withBase(R"("seed":4.2)"), "seed", "expected an integer");
    row("seed a string", withBase(R"("seed":"42")"), "seed", "expected an integer, got a string");
    row("max_tokens zero", withBase(R"("max_tokens":0)"), "max_tokens", "must be at least 1");
    row("max_tokens negative", withBase(R"("max_tokens":-5)"), "max_tokens", "must be at least 1, got -5");
    row("max_tokens fractional", withBase(R"("max_tokens":1.5)"), "max_tokens", "expected an integer");
    row("max_tokens too large", withBase(R"("max_tokens":3000000000)"), "max_tokens", "must be at most 2147483647");
    row("max_completion_tokens a string", withBase(R"("max_completion_tokens":"100")"), "max_completion_tokens",
        "expected an integer");
    row("invalid max_tokens with valid max_completion_tokens", withBase(R"("max_tokens":0,"max_completion_tokens":10)"),
        "max_tokens", "must be at least 1");
    row("n is 2", withBase(R"("n":2)"), "n", "only n=1 is supported, got 2");
    row("n a string", withBase(R"("n":"1")"), "n", "expected an integer");
    row("stream a string", withBase(R"("stream":"true")"), "stream", "expected a boolean");
    row("stream_options not an object", withBase(R"("stream":true,"stream_options":true)"), "stream_options",
        "expected an object");
    row("include_usage a string", withBase(R"("stream":true,"stream_options":{"include_usage":"yes"})"),
        "stream_options.include_usage", "expected a boolean");
    row("stop a number", withBase(R"("stop":5)"), "stop", "expected a string or an array of strings");
    row("stop five strings", withBase(R"("stop":["a","b","c","d","e"])"), "stop", "at most 4 stop sequences");
    row("stop empty string", withBase(R"("stop":"")"), "stop", "must not be empty");
    row("stop item empty", withBase(R"("stop":["a",""])"), "stop[1]", "must not be empty");
    row("stop item a number", withBase(R"("stop":["a",1])"), "stop[1]", "expected a string");
    row("response_format a string", withBase(R"("response_format":"json")"), "response_format", "expected an object");
    row("response_format without type", withBase(R"("response_format":{})"), "response_format.type", "required");
    row("response_format type unknown", withBase(R"("response_format":{"type":"xml"})"), "response_format.type",
        "must be one of text, json_object, json_schema");
    row("json_schema missing", withBase(R"("response_format":{"type":"json_schema"})"), "response_format.json_schema",
        "required when type is json_schema");
    row("json_schema without name", withBase(R"("response_format":{"type":"json_schema","json_schema":{}})"),
        "response_format.json_schema.name", "required");
    row("json_schema name invalid",
        withBase(R"("response_format":{"type":"json_schema","json_schema":{"name":"my schema"}})"),
        "response_format.json_schema.name", "must be 1 to 64 characters");
    row("json_schema schema not an object",
        withBase(R"("response_format":{"type":"json_schema","json_schema":{"name":"s","schema":"{}"}})"),
        "response_format.json_schema.schema", "expected a JSON Schema object");
    row("json_schema strict a string",
        withBase(R"("response_format":{"type":"json_schema","json_schema":{"name":"s","strict":"yes"}})"),
        "response_format.json_schema.strict", "expected a boolean");
    row("tools an object", withBase(R"("tools":{})"), "tools", "expected an array of tool objects");
    row("tool not an object", withBase(R"("tools":["f"])"), "tools[0]", "expected a tool object");
    row("tool type missing", withBase(R"("tools":[{"function":{"name":"f"}}])"), "tools[0].type", "required");
    row("tool type retrieval",
        withBase(R"("tools":[{"type":"function","function":{"name":"f"}},{"type":"retrieval"}])"), "tools[1].type",
        "only \"function\" tools are supported");
    row("tool function missing", withBase(R"("tools":[{"type":"function"}])"), "tools[0].function", "required");
    row("tool name missing", withBase(R"("tools":[{"type":"function","function":{"description":"d"}}])"),
        "tools[0].function.name", "required");
    row("tool name with a space", withBase(R"("tools":[{"type":"function","function":{"name":"get weather"}}])"),
        "tools[0].function.name", "must be 1 to 64 characters of letters, digits, underscores and dashes");
    row("tool name too long",
        withBase(QByteArray(R"("tools":[{"type":"function","function":{"name":")" + QByteArray(65, 'a') + R"("}}])")
                     .constData()),
        "tools[0].function.name", "must be 1 to 64 characters");
    row("tool description a number",
        withBase(R"("tools":[{"type":"function","function":{"name":"f",)"
                 R"("description":1}}])"),
        "tools[0].function.description", "expected a string");
    row("tool parameters a string",
        withBase(R"("tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}])"),
        "tools[0].function.parameters", "expected a JSON Schema object");
    row("tool strict a string", withBase(R"("tools":[{"type":"function","function":{"name":"f","strict":"no"}}])"),
        "tools[0].function.strict", "expected a boolean");
    row("tool_choice unknown string", withBase((tool + R"(,"tool_choice":"any")").constData()), "tool_choice",
        "must be \"none\", \"auto\", \"required\"");
    row("tool_choice a number", withBase(R"("tool_choice":1)"), "tool_choice", "expected a string or an object");
    row("tool_choice required without tools", withBase(R"("tool_choice":"required")"), "tool_choice",
        "needs at least one tool");
    row("named tool_choice without tools", withBase(R"("tool_choice":{"type":"function","function":{"name":"f"}})"),
        "tool_choice.function.name", "no tools were given");
    row("named tool_choice not in tools",
        withBase((tool + R"(,"tool_choice":{"type":"function","function":{"name":"g"}})").constData()),
        "tool_choice.function.name", "no function named \"g\" in tools");
    row("tool_choice object wrong type", withBase((tool + R"(,"tool_choice":{"type":"tool","name":"f"})").constData()),
        "tool_choice.type", "must be \"function\"");
    row("parallel_tool_calls a string", withBase(R"("parallel_tool_calls":"false")"), "parallel_tool_calls",
        "expected a boolean");
    row("reasoning_effort unknown", withBase(R"("reasoning_effort":"ultra")"), "reasoning_effort",
        "must be one of none, minimal, low, medium, high, xhigh, max, got \"ultra\"");
    row("reasoning_effort a number", withBase(R"("reasoning_effort":3)"), "reasoning_effort", "expected a string");
    row("user a number", withBase(R"("user":42)"), "user", "expected a string");
    row("logprobs true", withBase(R"("logprobs":true)"), "logprobs", "log probabilities are not supported");
    row("logprobs a string", withBase(R"("logprobs":"no")"), "logprobs", "expected a boolean");
    row("top_logprobs set", withBase(R"("top_logprobs":5)"), "top_logprobs", "not supported");
}

void TestChatRequest::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, param);
    QFETCH(QString, says);
    QJsonObject in;
    QVERIFY2(parseObject(body, &in), body.constData());

    ApiError error;
    const std::optional<ChatRequest> r = ChatRequestReader::read(in, &error);
    QVERIFY2(!r.has_value(), "an invalid body was accepted");
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.type, QStringLiteral("invalid_request_error"));
    QCOMPARE(error.param, param);
    QVERIFY2(error.message.startsWith(param + QStringLiteral(": ")), qPrintable(error.message));
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
    // The error serialises in OpenAI's shape with the param set.
    QCOMPARE(error.toJson().value(QStringLiteral("error")).toObject().value(QStringLiteral("param")).toString(), param);
}

// Rows: one message; the content kind, textContent() and hasImages() it must give.
void TestChatRequest::messageContent_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("images");

    const int null = int(ChatMessage::ContentKind::Null);
    const int text = int(ChatMessage::ContentKind::Text);
    const int parts = int(ChatMessage::ContentKind::Parts);
    QTest::newRow("string") << QByteArray(R"({"role":"user","content":"a\nb"})") << text << QStringLiteral("a\nb")
                            << false;
    QTest::newRow("empty string") << QByteArray(R"({"role":"user","content":""})") << text << QString() << false;
    QTest::newRow("null assistant") << QByteArray(R"({"role":"assistant","content":null})") << null << QString()
                                    << false;
    QTest::newRow("text parts joined") << QByteArray(
        R"({"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]})")
                                       << parts << QStringLiteral("one\ntwo") << false;
    QTest::newRow("image between texts") << QByteArray(
        R"({"role":"user","content":[{"type":"text","text":"a"},)"
        R"({"type":"image_url","image_url":{"url":"u"}},{"type":"text","text":"b"}]})")
                                         << parts << QStringLiteral("a\nb") << true;
    QTest::newRow("image only") << QByteArray(R"({"role":"user","content":[{"type":"image_url","image_url":"u"}]})")
                                << parts << QString() << true;
}

void TestChatRequest::messageContent()
{
    QFETCH(QByteArray, message);
    QFETCH(int, kind);
    QFETCH(QString, text);
    QFETCH(bool, images);
    QJsonObject in;
    QVERIFY(parseObject(withMessages(message.constData()), &in));
    ApiError error;
    const std::optional<ChatRequest> r = ChatRequestReader::read(in, &error);
    QVERIFY2(r.has_value(), qPrintable(error.message));
    QCOMPARE(r->messages.size(), 1);
    const ChatMessage& m = r->messages.first();
    QCOMPARE(int(m.contentKind), kind);
    QCOMPARE(m.textContent(), text);
    QCOMPARE(m.hasImages(), images);
}

// max_completion_tokens (current) wins over max_tokens (deprecated) when a client sends both.
void TestChatRequest::maxTokensAliases_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected"); // -1 = unset

    QTest::newRow("neither") << withBase("") << -1;
    QTest::newRow("max_tokens") << withBase(R"("max_tokens":10)") << 10;
    QTest::newRow("max_completion_tokens") << withBase(R"("max_completion_tokens":20)") << 20;
    QTest::newRow("both, completion wins") << withBase(R"("max_tokens":10,"max_completion_tokens":20)") << 20;
    QTest::newRow("completion null, max_tokens used")
        << withBase(R"("max_tokens":10,"max_completion_tokens":null)") << 10;
}

void TestChatRequest::maxTokensAliases()
{
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    QJsonObject in;
    QVERIFY(parseObject(body, &in));
    const std::optional<ChatRequest> r = ChatRequestReader::read(in, nullptr);
    QVERIFY(r.has_value());
    QCOMPARE(r->maxTokens.value_or(-1), expected);
}

// The typed fields, not just the JSON they serialise to.
void TestChatRequest::parsesFieldsIntoTypes()
{
    QJsonObject in;
    QVERIFY(parseObject(
        R"({"model":"@cf/qwen/qwq-32b","stream":true,"stream_options":{"include_usage":true},"temperature":0.7,)"
        R"("top_p":0.9,"top_k":50,"seed":12345678901,"max_tokens":64,"stop":"END","frequency_penalty":0.5,)"
        R"("presence_penalty":-0.5,"repetition_penalty":1.2,"reasoning_effort":"high","user":"me",)"
        R"("parallel_tool_calls":true,"tool_choice":"auto",)"
        R"("tools":[{"type":"function","function":{"name":"f","strict":true,"parameters":{"type":"object"}}}],)"
        R"("messages":[{"role":"developer","content":"be brief"},)"
        R"({"role":"assistant","content":"","reasoning_content":"hmm","tool_calls":[{"id":"call_9",)"
        R"("type":"function","function":{"name":"f","arguments":"{}"}}]},)"
        R"({"role":"tool","tool_call_id":"call_9","content":"done"}]})",
        &in));
    const std::optional<ChatRequest> r = ChatRequestReader::read(in, nullptr);
    QVERIFY(r.has_value());
    QCOMPARE(r->model, QStringLiteral("@cf/qwen/qwq-32b"));
    QVERIFY(r->stream);
    QVERIFY(r->includeUsage);
    QCOMPARE(r->temperature.value_or(-1), 0.7);
    QCOMPARE(r->topP.value_or(-1), 0.9);
    QCOMPARE(r->topK.value_or(-1), 50);
    QCOMPARE(r->seed.value_or(-1), Q_INT64_C(12345678901));
    QCOMPARE(r->maxTokens.value_or(-1), 64);
    QCOMPARE(r->stop, QStringList {QStringLiteral("END")});
    QCOMPARE(r->frequencyPenalty.value_or(-9), 0.5);
    QCOMPARE(r->presencePenalty.value_or(-9), -0.5);
    QCOMPARE(r->repetitionPenalty.value_or(-9), 1.2);
    QCOMPARE(r->reasoningEffort, QStringLiteral("high"));
    QCOMPARE(r->user, QStringLiteral("me"));
    QCOMPARE(r->parallelToolCalls, std::optional<bool>(true));
    QCOMPARE(r->toolChoice, QJsonValue(QStringLiteral("auto")));
    QCOMPARE(r->tools.size(), 1);
    QCOMPARE(r->tools[0].name, QStringLiteral("f"));
    QCOMPARE(r->tools[0].strict, std::optional<bool>(true));
    QCOMPARE(r->tools[0].parameters.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
    QVERIFY(r->responseFormat.isEmpty());
    QCOMPARE(r->messages.size(), 3);
    QCOMPARE(r->messages[0].role, QStringLiteral("developer"));
    QCOMPARE(r->messages[1].reasoning, QStringLiteral("hmm"));
    QCOMPARE(r->messages[1].toolCalls,
        (QList<ToolCall> {{QStringLiteral("call_9"), QStringLiteral("f"), QStringLiteral("{}")}}));
    QCOMPARE(r->messages[2].toolCallId, QStringLiteral("call_9"));
    QCOMPARE(r->messages[2].text, QStringLiteral("done"));
}

// A request the window builds in C++ serialises to JSON that parses back to the same request.
void TestChatRequest::builtRequestRoundTrips()
{
    ChatRequest r;
    r.model = QStringLiteral("deepseek-r1");
    r.messages = {ChatMessage::system(QStringLiteral("s")), ChatMessage::user(QStringLiteral("u"))};
    ChatMessage vision = ChatMessage::user({});
    vision.contentKind = ChatMessage::ContentKind::Parts;
    vision.parts = {ContentPart::makeText(QStringLiteral("look")), ContentPart::makeImage(QStringLiteral("data:x"))};
    r.messages.append(vision);
    r.stream = true;
    r.includeUsage = true;
    r.temperature = 0.25;
    r.maxTokens = 1000;
    r.seed = -3;
    r.stop = {QStringLiteral("###")};
    r.responseFormat = QJsonObject {{QStringLiteral("type"), QStringLiteral("json_object")}};
    r.reasoningEffort = QStringLiteral("low");

    const QJsonObject json = ChatJson::request(r);
    QCOMPARE(json.value(QStringLiteral("stream_options")).toObject().value(QStringLiteral("include_usage")),
        QJsonValue(true));
    QVERIFY(!json.contains(QStringLiteral("max_completion_tokens")));
    ApiError error;
    const std::optional<ChatRequest> back = ChatRequestReader::read(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error.message));
    QCOMPARE(ChatJson::request(*back), json);
    QCOMPARE(back->messages[2].parts, vision.parts);
    QCOMPARE(back->seed.value_or(0), Q_INT64_C(-3));
    QCOMPARE(back->maxTokens.value_or(0), 1000);
}

void TestChatRequest::usageFromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("prompt");
    QTest::addColumn<qint64>("completion");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("reasoning");
    QTest::addColumn<bool>("valid");

    QTest::newRow("openai") << QByteArray(R"({"prompt_tokens":10,"completion_tokens":5,"total_tokens":15})")
                            << qint64(10) << qint64(5) << qint64(15) << qint64(-1) << qint64(-1) << true;
    QTest::newRow("with details") << QByteArray(
        R"({"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,)"
        R"("prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":3}})")
                                  << qint64(10) << qint64(5) << qint64(15) << qint64(4) << qint64(3) << true;
    QTest::newRow("doubles") << QByteArray(R"({"prompt_tokens":10.0,"completion_tokens":5.0,"total_tokens":15.0})")
                             << qint64(10) << qint64(5) << qint64(15) << qint64(-1) << qint64(-1) << true;
    QTest::newRow("total computed") << QByteArray(R"({"prompt_tokens":7,"completion_tokens":2})") << qint64(7)
                                    << qint64(2) << qint64(9) << qint64(-1) << qint64(-1) << true;
    QTest::newRow("responses api names") << QByteArray(
        R"({"input_tokens":8,"output_tokens":6,"input_tokens_details":{"cached_tokens":0},)"
        R"("output_tokens_details":{"reasoning_tokens":2}})")
                                         << qint64(8) << qint64(6) << qint64(14) << qint64(0) << qint64(2) << true;
    QTest::newRow("only total") << QByteArray(R"({"total_tokens":3})") << qint64(0) << qint64(0) << qint64(3)
                                << qint64(-1) << qint64(-1) << true;
    QTest::newRow("empty") << QByteArray("{}") << qint64(0) << qint64(0) << qint64(0) << qint64(-1) << qint64(-1)
                           << false;
    QTest::newRow("strings are not counts") << QByteArray(R"({"prompt_tokens":"10"})") << qint64(0) << qint64(0)
                                            << qint64(0) << qint64(-1) << qint64(-1) << false;
}

void TestChatRequest::usageFromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, prompt);
    QFETCH(qint64, completion);
    QFETCH(qint64, total);
    QFETCH(qint64, cached);
    QFETCH(qint64, reasoning);
    QFETCH(bool, valid);
    QJsonObject in;
    QVERIFY(parseObject(json, &in));
    const Usage u = ChatJson::readUsage(in);
    QCOMPARE(u.promptTokens, prompt);
    QCOMPARE(u.completionTokens, completion);
    QCOMPARE(u.totalTokens, total);
    QCOMPARE(u.cachedTokens, cached);
    QCOMPARE(u.reasoningTokens, reasoning);
    QCOMPARE(u.valid, valid);
}

void TestChatRequest::usageToJson_data()
{
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("reasoning");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no details") << qint64(-1) << qint64(-1)
                                << QByteArray(R"({"completion_tokens":5,"prompt_tokens":10,"total_tokens":15})");
    QTest::newRow("cached zero is reported")
        << qint64(0) << qint64(-1)
        << QByteArray(R"({"completion_tokens":5,"prompt_tokens":10,"prompt_tokens_details":{"cached_tokens":0},)"
                      R"("total_tokens":15})");
    QTest::newRow("both details")
        << qint64(4) << qint64(2)
        << QByteArray(R"({"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":2},)"
                      R"("prompt_tokens":10,"prompt_tokens_details":{"cached_tokens":4},"total_tokens":15})");
}

void TestChatRequest::usageToJson()
{
    QFETCH(qint64, cached);
    QFETCH(qint64, reasoning);
    QFETCH(QByteArray, expected);
    Usage u;
    u.promptTokens = 10;
    u.completionTokens = 5;
    u.totalTokens = 15;
    u.cachedTokens = cached;
    u.reasoningTokens = reasoning;
    u.valid = true;
    QCOMPARE(compact(ChatJson::usage(u)), expected);
    const Usage back = ChatJson::readUsage(ChatJson::usage(u));
    QCOMPARE(back.cachedTokens, cached);
    QCOMPARE(back.reasoningTokens, reasoning);
    QCOMPARE(back.totalTokens, qint64(15));
}

QTEST_GUILESS_MAIN(TestChatRequest)
#include "tst_chatrequest.moc"
