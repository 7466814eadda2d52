#include "openai/ChatRequestReader.h"
#include "openai/ChatTypes.h"
#include "workersai/ModelCatalog.h"
#include "workersai/RequestTranslator.h"
#include "workersai/ToolCallIds.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

class TestRequestTranslator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void translates_data();
    void translates();
    void rejects_data();
    void rejects();
    void keepsEveryMessageInOrder();
    void toolCallIdsMappedConsistently();
    void streamFlags_data();
    void streamFlags();
    void windowEstimate();
};

static QJsonObject obj(const char* json)
{
    QJsonParseError e {};
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray(json), &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", json);
    return d.object();
}

static RunRequest translate(const QString& model, const QJsonObject& body, ApiError* error = nullptr)
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    ApiError parseError;
    QJsonObject withModel = body;
    withModel.insert(QStringLiteral("model"), model);
    const std::optional<ChatRequest> req = ChatRequestReader::read(withModel, &parseError);
    if (!req)
        qFatal("request did not parse: %s", qPrintable(parseError.message));
    ApiError resolveError;
    const ModelInfo info = catalog.resolve(model, &resolveError);
    ApiError err;
    const std::optional<RunRequest> run = RequestTranslator::translate(*req, info, TranslateOptions {}, &err);
    if (error)
        *error = err;
    return run.value_or(RunRequest {});
}

void TestRequestTranslator::translates_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QJsonObject>("expected"); // keys that must be present with these values
    QTest::addColumn<QStringList>("absent"); // keys that must not be present

    QTest::newRow("string content kept, default max_tokens sent")
        << QStringLiteral("qwen2.5-coder") << obj(R"({"messages":[{"role":"user","content":"hi"}]})")
        << obj(R"({"messages":[{"role":"user","content":"hi"}],"max_tokens":2048})")
        << QStringList {QStringLiteral("prompt"), QStringLiteral("stream")};
    QTest::newRow("text parts joined for string-only model")
        << QStringLiteral("qwen2.5-coder")
        << obj(R"({"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})")
        << obj(R"({"messages":[{"role":"user","content":"a\nb"}]})") << QStringList {};
    QTest::newRow("developer becomes system")
        << QStringLiteral("deepseek-r1")
        << obj(R"({"messages":[{"role":"developer","content":"be brief"},{"role":"user","content":"x"}]})")
        << obj(R"({"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"x"}]})")
        << QStringList {};
    QTest::newRow("assistant null content sent as empty string")
        << QStringLiteral("llama-3.3-70b")
        << obj(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":null},{"role":"user","content":"y"}]})")
        << obj(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":""},{"role":"user","content":"y"}]})")
        << QStringList {};
    QTest::newRow("vision model gets image parts")
        << QStringLiteral("llama-4-scout")
        << obj(R"({"messages":[{"role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]})")
        << obj(R"({"messages":[{"role":"user","content":[{"type":"text","text":"what?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]})")
        << QStringList {};
    QTest::newRow("max_tokens from request")
        << QStringLiteral("gemma-3") << obj(R"({"messages":[{"role":"user","content":"x"}],"max_tokens":77})")
        << obj(R"({"max_tokens":77})") << QStringList {};
    QTest::newRow("max_completion_tokens alias")
        << QStringLiteral("gemma-3")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"max_completion_tokens":55})")
        << obj(R"({"max_tokens":55})") << QStringList {QStringLiteral("max_completion_tokens")};
    QTest::newRow("parameters passed")
        << QStringLiteral("deepseek-r1")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"temperature":0.3,"top_p":0.9,"seed":42,"presence_penalty":0.5})")
        << obj(R"({"temperature":0.3,"top_p":0.9,"seed":42,"presence_penalty":0.5})") << QStringList {};
    QTest::newRow("penalty clamped to model range")
        << QStringLiteral("llama-4-scout")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"frequency_penalty":-1.5})")
        << obj(R"({"frequency_penalty":0})") << QStringList {};
    QTest::newRow("stop not sent to a model that ignores it")
        << QStringLiteral("qwen2.5-coder") << obj(R"({"messages":[{"role":"user","content":"x"}],"stop":["END"]})")
        << obj(R"({})") << QStringList {QStringLiteral("stop")};
    QTest::newRow("stop sent to a model that honours it")
        << QStringLiteral("glm-4.7-flash") << obj(R"({"messages":[{"role":"user","content":"x"}],"stop":"END"})")
        << obj(R"({"stop":["END"]})") << QStringList {};
    QTest::newRow("tools in OpenAI form")
        << QStringLiteral("llama-3.3-70b")
        << obj(R"({"messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"tool_choice":"auto"})")
        << obj(R"({"tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"tool_choice":"auto"})")
        << QStringList {};
    QTest::newRow("tool_choice none drops tools")
        << QStringLiteral("llama-3.3-70b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"none"})")
        << obj(R"({})") << QStringList {QStringLiteral("tools"), QStringLiteral("tool_choice")};
    QTest::newRow("json_schema bare for native models")
        << QStringLiteral("llama-3.3-70b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}}})")
        << obj(R"({"response_format":{"type":"json_schema","json_schema":{"type":"object","properties":{"a":{"type":"string"}}}}})")
        << QStringList {};
    QTest::newRow("json_object for native models")
        << QStringLiteral("deepseek-r1")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}})")
        << obj(R"({"response_format":{"type":"json_object"}})") << QStringList {};
    QTest::newRow("json_schema keeps OpenAI envelope for vLLM models")
        << QStringLiteral("glm-4.7-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}}})")
        << obj(R"({"response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"},"strict":true}}})")
        << QStringList {};
    QTest::newRow("guided_json where the model has no response_format")
        << QStringLiteral("gemma-3")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"type":"object","required":["a"]}}}})")
        << obj(R"({"guided_json":{"type":"object","required":["a"]}})")
        << QStringList {QStringLiteral("response_format")};
    QTest::newRow("text response_format sends nothing")
        << QStringLiteral("gemma-3")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"}})") << obj(R"({})")
        << QStringList {QStringLiteral("response_format"), QStringLiteral("guided_json")};
    QTest::newRow("reasoning_effort passed")
        << QStringLiteral("gpt-oss-120b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"high"})")
        << obj(R"({"reasoning_effort":"high"})") << QStringList {};
    QTest::newRow("reasoning_effort none on mandatory reasoning becomes low")
        << QStringLiteral("gpt-oss-120b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"reasoning_effort":"low"})") << QStringList {};
    // max_tokens is clamped so that prompt + max_tokens fits the model's window (an agent's
    // 32000 is a 400 on a 24k model otherwise); the prompt here is estimated at 9 tokens.
    QTest::newRow("max_tokens clamped to what the context window leaves")
        << QStringLiteral("llama-3.3-70b") << obj(R"({"messages":[{"role":"user","content":"x"}],"max_tokens":32000})")
        << obj(R"({"max_tokens":23991})") << QStringList {};
    QTest::newRow("max_tokens the window has room for is kept")
        << QStringLiteral("gemma-4") << obj(R"({"messages":[{"role":"user","content":"x"}],"max_tokens":32000})")
        << obj(R"({"max_tokens":32000})") << QStringList {};
    // Each model's own switch (reference §4.8).
    QTest::newRow("none: glm-4.7-flash's enable_thinking off")
        << QStringLiteral("glm-4.7-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"chat_template_kwargs":{"enable_thinking":false}})")
        << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("high: glm-4.7-flash's enable_thinking on")
        << QStringLiteral("glm-4.7-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"high"})")
        << obj(R"({"chat_template_kwargs":{"enable_thinking":true}})")
        << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("none: kimi's thinking off, not enable_thinking")
        << QStringLiteral("kimi-k2.6")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"chat_template_kwargs":{"thinking":false}})") << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("minimal: kimi's thinking off too")
        << QStringLiteral("kimi-k2.6")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"minimal"})")
        << obj(R"({"chat_template_kwargs":{"thinking":false}})") << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("medium: kimi's thinking on")
        << QStringLiteral("kimi-k2.6")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"medium"})")
        << obj(R"({"chat_template_kwargs":{"thinking":true}})") << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("none: nemotron's enable_thinking off")
        << QStringLiteral("nemotron-3")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"chat_template_kwargs":{"enable_thinking":false}})")
        << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("low: nemotron thinks, at low")
        << QStringLiteral("nemotron-3")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"low"})")
        << obj(R"({"chat_template_kwargs":{"enable_thinking":true},"reasoning_effort":"low"})") << QStringList {};
    QTest::newRow("none: glm-5.2's off effort")
        << QStringLiteral("glm-5.2") << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"reasoning_effort":"off"})") << QStringList {QStringLiteral("chat_template_kwargs")};
    QTest::newRow("max: glm-5.2 takes max")
        << QStringLiteral("glm-5.2") << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"max"})")
        << obj(R"({"reasoning_effort":"max"})") << QStringList {};
    QTest::newRow("medium: glm-5.2 clamps up to high")
        << QStringLiteral("glm-5.2")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"medium"})")
        << obj(R"({"reasoning_effort":"high"})") << QStringList {};
    QTest::newRow("none: glm-5.3-flash cannot stop, gets its lowest")
        << QStringLiteral("glm-5.3-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"reasoning_effort":"low"})") << QStringList {QStringLiteral("chat_template_kwargs")};
    QTest::newRow("none: deepseek-v4's off effort")
        << QStringLiteral("deepseek-v4-pro")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"reasoning_effort":"off"})") << QStringList {};
    QTest::newRow("medium: deepseek-v4 clamps to high")
        << QStringLiteral("deepseek-v4-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"medium"})")
        << obj(R"({"reasoning_effort":"high"})") << QStringList {};
    QTest::newRow("none: gemma-4 thinks only when asked: nothing sent")
        << QStringLiteral("gemma-4") << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({})") << QStringList {QStringLiteral("reasoning_effort"), QStringLiteral("chat_template_kwargs")};
    QTest::newRow("low: gemma-4 asked to think takes high")
        << QStringLiteral("gemma-4") << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"low"})")
        << obj(R"({"reasoning_effort":"high"})") << QStringList {};
    QTest::newRow("none: kimi-k2.7-code cannot stop and takes no effort: nothing sent")
        << QStringLiteral("kimi-k2.7-code")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})") << obj(R"({})")
        << QStringList {QStringLiteral("reasoning_effort"), QStringLiteral("chat_template_kwargs")};
    QTest::newRow("none: gpt-oss-20b gets low, never an off switch")
        << QStringLiteral("gpt-oss-20b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"none"})")
        << obj(R"({"reasoning_effort":"low"})") << QStringList {QStringLiteral("chat_template_kwargs")};
    QTest::newRow("reasoning_effort ignored by a model without it")
        << QStringLiteral("qwen2.5-coder")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"reasoning_effort":"high"})") << obj(R"({})")
        << QStringList {QStringLiteral("reasoning_effort")};
    QTest::newRow("assistant reasoning sent back as reasoning field")
        << QStringLiteral("glm-4.7-flash")
        << obj(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"a","reasoning_content":"r"},{"role":"user","content":"y"}]})")
        << obj(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"a","reasoning":"r"},{"role":"user","content":"y"}]})")
        << QStringList {};
    QTest::newRow("unknown @cf model gets messages")
        << QStringLiteral("@cf/some/new-model") << obj(R"({"messages":[{"role":"user","content":"x"}]})")
        << obj(R"({"messages":[{"role":"user","content":"x"}]})") << QStringList {QStringLiteral("prompt")};
}

void TestRequestTranslator::translates()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, request);
    QFETCH(QJsonObject, expected);
    QFETCH(QStringList, absent);
    ApiError err;
    const RunRequest run = translate(model, request, &err);
    QVERIFY2(!err.isValid(), qPrintable(err.message));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY2(run.body.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(run.body.value(it.key()), it.value());
    }
    for (const QString& key : absent)
        QVERIFY2(!run.body.contains(key), qPrintable(key));
    QVERIFY(run.body.contains(QStringLiteral("max_tokens")));
}

void TestRequestTranslator::rejects_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("code");

    QTest::newRow("image to a text-only model")
        << QStringLiteral("qwen2.5-coder")
        << obj(R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}]})")
        << QStringLiteral("messages[0].content") << QStringLiteral("model_not_vision_capable");
    QTest::newRow("http image URL")
        << QStringLiteral("llama-4-scout")
        << obj(R"({"messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"t"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]})")
        << QStringLiteral("messages[1].content[1].image_url.url") << QStringLiteral("invalid_image_url");
    QTest::newRow("embedding model for chat")
        << QStringLiteral("bge-m3") << obj(R"({"messages":[{"role":"user","content":"x"}]})") << QStringLiteral("model")
        << QStringLiteral("model_not_supported");
}

void TestRequestTranslator::rejects()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, request);
    QFETCH(QString, param);
    QFETCH(QString, code);
    ApiError err;
    translate(model, request, &err);
    QVERIFY(err.isValid());
    QCOMPARE(err.httpStatus, 400);
    QCOMPARE(err.param, param);
    QCOMPARE(err.code, code);
    QVERIFY2(err.message.startsWith(param) || param == QLatin1String("model"), qPrintable(err.message));
}

// The seed flattened conversations into a prompt and dropped assistant turns for gpt-oss.
void TestRequestTranslator::keepsEveryMessageInOrder()
{
    for (const char* model :
        {"gpt-oss-120b", "gpt-oss-20b", "deepseek-r1", "llama-4-scout", "qwen2.5-coder", "gemma-3"}) {
        const RunRequest run = translate(QString::fromLatin1(model),
            obj(R"({"messages":[{"role":"system","content":"S"},{"role":"user","content":"U1"},{"role":"assistant","content":"A1"},{"role":"user","content":"U2"},{"role":"assistant","content":"A2"},{"role":"user","content":"U3"}]})"));
        const QJsonArray msgs = run.body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(msgs.size(), 6);
        const QStringList roles {QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant"),
            QStringLiteral("user"), QStringLiteral("assistant"), QStringLiteral("user")};
        const QStringList texts {QStringLiteral("S"), QStringLiteral("U1"), QStringLiteral("A1"), QStringLiteral("U2"),
            QStringLiteral("A2"), QStringLiteral("U3")};
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(msgs.at(i).toObject().value(QStringLiteral("role")).toString(), roles.at(i));
            QCOMPARE(msgs.at(i).toObject().value(QStringLiteral("content")).toString(), texts.at(i));
        }
        QVERIFY(!run.body.contains(QStringLiteral("prompt")));
        QVERIFY(!run.body.contains(QStringLiteral("input")));
    }
}

void TestRequestTranslator::toolCallIdsMappedConsistently()
{
    const char* conv = R"({"messages":[
        {"role":"user","content":"weather in Paris?"},
        {"role":"assistant","content":null,"tool_calls":[{"id":"call_Ab12Cd34Ef56Gh78","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
        {"role":"tool","tool_call_id":"call_Ab12Cd34Ef56Gh78","content":"18C"}],
        "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]})";
    const RunRequest strict = translate(QStringLiteral("mistral-small-3.1"), obj(conv));
    const QJsonArray msgs = strict.body.value(QStringLiteral("messages")).toArray();
    const QString callId = msgs.at(1)
                               .toObject()
                               .value(QStringLiteral("tool_calls"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    QVERIFY2(ToolCallIds::isStrict(callId), qPrintable(callId));
    QCOMPARE(msgs.at(2).toObject().value(QStringLiteral("tool_call_id")).toString(), callId);
    QCOMPARE(msgs.at(1).toObject().value(QStringLiteral("content")).toString(), QString());
    QCOMPARE(msgs.at(1)
                 .toObject()
                 .value(QStringLiteral("tool_calls"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("function"))
                 .toObject()
                 .value(QStringLiteral("arguments"))
                 .toString(),
        QStringLiteral("{\"city\":\"Paris\"}"));

    // Every model gets nine alphanumerics (Workers AI's vLLM models reject their own
    // chatcmpl-tool-… ids too), the same ones for the same history, whichever the model.
    for (const char* model : {"glm-4.7-flash", "gpt-oss-120b", "llama-3.3-70b", "gemma-4", "deepseek-r1"}) {
        const RunRequest other = translate(QString::fromLatin1(model), obj(conv));
        const QJsonArray m = other.body.value(QStringLiteral("messages")).toArray();
        const QString id = m.at(1)
                               .toObject()
                               .value(QStringLiteral("tool_calls"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
        QCOMPARE(id, callId);
        QCOMPARE(m.at(2).toObject().value(QStringLiteral("tool_call_id")).toString(), callId);
        QCOMPARE(other.toolIds.original(callId), QStringLiteral("call_Ab12Cd34Ef56Gh78"));
    }
    // Already-valid ids stay as they are.
    QCOMPARE(ToolCallIds::toStrict(QStringLiteral("abcDEF123")), QStringLiteral("abcDEF123"));
    QVERIFY(ToolCallIds::toStrict(QStringLiteral("call_1")) != ToolCallIds::toStrict(QStringLiteral("call_2")));
}

void TestRequestTranslator::streamFlags_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<bool>("upstreamStream");

    QTest::newRow("legacy model streams")
        << QStringLiteral("deepseek-r1") << obj(R"({"messages":[{"role":"user","content":"x"}],"stream":true})")
        << true;
    QTest::newRow("gpt-oss asked for JSON")
        << QStringLiteral("gpt-oss-120b") << obj(R"({"messages":[{"role":"user","content":"x"}],"stream":true})")
        << false;
    QTest::newRow("json mode does not stream")
        << QStringLiteral("llama-3.3-70b")
        << obj(R"({"messages":[{"role":"user","content":"x"}],"stream":true,"response_format":{"type":"json_object"}})")
        << false;
    QTest::newRow("not asked") << QStringLiteral("deepseek-r1")
                               << obj(R"({"messages":[{"role":"user","content":"x"}]})") << false;
}

void TestRequestTranslator::streamFlags()
{
    QFETCH(QString, model);
    QFETCH(QJsonObject, request);
    QFETCH(bool, upstreamStream);
    const RunRequest run = translate(model, request);
    QCOMPARE(run.upstreamStream, upstreamStream);
    QCOMPARE(run.body.value(QStringLiteral("stream")).toBool(), upstreamStream);
    QCOMPARE(run.clientStream, request.value(QStringLiteral("stream")).toBool());
}

// The prompt estimate behind the max_tokens clamp: an image counts as a vision model's image, not
// as its base64 text; Chinese text counts a token a character (never under).
void TestRequestTranslator::windowEstimate()
{
    const QString image = QStringLiteral("data:image/png;base64,") + QString(1200 * 1000, QLatin1Char('A'));
    QJsonObject withImage = obj(R"({"max_tokens":8000})");
    withImage.insert(QStringLiteral("messages"),
        QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
            {QStringLiteral("content"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                {QStringLiteral("text"), QStringLiteral("what is this?")}},
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")},
                        {QStringLiteral("image_url"), QJsonObject {{QStringLiteral("url"), image}}}}}}}});
    ApiError err;
    QCOMPARE(
        translate(QStringLiteral("llama-4-scout"), withImage, &err).body.value(QStringLiteral("max_tokens")).toInt(),
        8000);
    QVERIFY2(!err.isValid(), qPrintable(err.message));

    const auto chinese = [](int characters) {
        QJsonObject body = obj(R"({"max_tokens":32000})");
        body.insert(QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"), QString(characters, QChar(0x4E2D))}}}); // 中
        return body;
    };
    const int cap
        = translate(QStringLiteral("llama-3.3-70b"), chinese(10000)).body.value(QStringLiteral("max_tokens")).toInt();
    QVERIFY2(cap > 13000 && cap <= 14000, qPrintable(QString::number(cap))); // 24,000 - at least 10,000
    // A prompt over the window alone: sent with a modest max_tokens, for the model's own 400 to explain.
    QCOMPARE(
        translate(QStringLiteral("llama-3.3-70b"), chinese(30000)).body.value(QStringLiteral("max_tokens")).toInt(),
        256);
}

QTEST_GUILESS_MAIN(TestRequestTranslator)
#include "tst_requesttranslator.moc"
