// Tool-call round trips through the local API on every model family, over real sockets: the
// client gets a call, sends the history back with the id it got (or its own: OpenAI's call_…,
// Workers AI's chatcmpl-tool-…, Anthropic's toolu_…), and Workers AI — whose models all refuse
// an id that is not nine alphanumerics (reference §6, §11) — answers. The fake enforces the id
// rule on every model, as Workers AI answered the chatcmpl-tool-… ids users sent back.
#include "ApiServerFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace flarechat;
using namespace flarechat::test;

namespace {

QJsonObject weatherTool()
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                {QStringLiteral("description"), QStringLiteral("The weather in a city")},
                {QStringLiteral("parameters"),
                    QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                        {QStringLiteral("properties"),
                            QJsonObject {{QStringLiteral("city"),
                                QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}}}},
                        {QStringLiteral("required"), QJsonArray {QStringLiteral("city")}}}}}}};
}

QJsonObject userMessage(const QString& text)
{
    return QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}};
}

QJsonObject assistantCalling(const QJsonArray& calls)
{
    return QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QJsonValue()}, {QStringLiteral("tool_calls"), calls}};
}

QJsonObject toolAnswer(const QString& id, const QString& content)
{
    return QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")}, {QStringLiteral("tool_call_id"), id},
        {QStringLiteral("content"), content}};
}

QJsonObject call(const QString& id, const QString& city)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                {QStringLiteral("arguments"),
                    QString::fromUtf8(
                        QJsonDocument(QJsonObject {{QStringLiteral("city"), city}}).toJson(QJsonDocument::Compact))}}}};
}

QJsonObject request(const QString& model, const QJsonArray& messages, bool stream)
{
    return QJsonObject {{QStringLiteral("model"), model}, {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"), messages}, {QStringLiteral("tools"), QJsonArray {weatherTool()}}};
}

bool isStrictId(const QString& id)
{
    static const QRegularExpression strict(QStringLiteral("^[A-Za-z0-9]{9}$"));
    return strict.match(id).hasMatch();
}

// The tool-call ids of the request Workers AI got: assistant tool_calls[].id, then tool
// messages' tool_call_id, in order.
QStringList upstreamCallIds(const QJsonObject& body)
{
    QStringList ids;
    for (const QJsonValue& v : body.value(QStringLiteral("messages")).toArray()) {
        for (const QJsonValue& c : v.toObject().value(QStringLiteral("tool_calls")).toArray())
            ids.append(c.toObject().value(QStringLiteral("id")).toString());
    }
    return ids;
}

QStringList upstreamAnswerIds(const QJsonObject& body)
{
    QStringList ids;
    for (const QJsonValue& v : body.value(QStringLiteral("messages")).toArray()) {
        if (v.toObject().value(QStringLiteral("role")).toString() == QLatin1String("tool"))
            ids.append(v.toObject().value(QStringLiteral("tool_call_id")).toString());
    }
    return ids;
}

// Every model family of the catalog that calls tools: legacy ({response, tool_calls}), vLLM-era
// (OpenAI chunks, chatcmpl-tool-… ids) and JSON-only (gpt-oss, kimi: no stream).
const QStringList kToolModels {
    QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"),
    QStringLiteral("@cf/meta/llama-4-scout-17b-16e-instruct"),
    QStringLiteral("@cf/mistralai/mistral-small-3.1-24b-instruct"),
    QStringLiteral("@cf/zai-org/glm-4.7-flash"),
    QStringLiteral("@cf/google/gemma-4-26b-a4b-it"),
    QStringLiteral("@cf/qwen/qwen3-30b-a3b-fp8"),
    QStringLiteral("@cf/nvidia/nemotron-3-120b-a12b"),
    QStringLiteral("@cf/openai/gpt-oss-120b"),
    QStringLiteral("@cf/openai/gpt-oss-20b"),
    QStringLiteral("@cf/moonshotai/kimi-k2.6"),
};

} // namespace

class TestApiToolCalls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void roundTrip_data();
    void roundTrip();
    void clientIds_data();
    void clientIds();
    void parallelCallsKeepTheirPairs();
    void sameHistorySameUpstreamIds();
    void unpairedAnswerIsTheClientsError();

private:
    void modelsAndStreams();

    std::unique_ptr<ApiServerFixture> m_env;
};

void TestApiToolCalls::init()
{
    m_env = std::make_unique<ApiServerFixture>();
    QVERIFY(m_env->start());
}

void TestApiToolCalls::cleanup()
{
    m_env.reset();
}

void TestApiToolCalls::modelsAndStreams()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    for (const QString& model : kToolModels) {
        const QString name = model.section(QLatin1Char('/'), -1);
        QTest::newRow(qPrintable(name + QStringLiteral(" json"))) << model << false;
        QTest::newRow(qPrintable(name + QStringLiteral(" stream"))) << model << true;
    }
}

void TestApiToolCalls::roundTrip_data()
{
    modelsAndStreams();
}

// The whole loop as an agent runs it: ask, get a call, answer it with the id received, get text.
void TestApiToolCalls::roundTrip()
{
    QFETCH(QString, model);
    QFETCH(bool, stream);
    const QJsonObject question = userMessage(QStringLiteral("What is the weather in Paris?"));
    const ApiReply first = m_env->client().chat(request(model, QJsonArray {question}, stream));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.finishReason(), QStringLiteral("tool_calls"));
    const QJsonArray calls = first.toolCalls();
    QCOMPARE(calls.size(), 1);
    const QJsonObject got = calls.first().toObject();
    const QString id = got.value(QStringLiteral("id")).toString();
    QVERIFY2(!id.isEmpty(), "every call reaches the client with an id");
    QCOMPARE(got.value(QStringLiteral("type")).toString(), QStringLiteral("function"));
    const QJsonObject function = got.value(QStringLiteral("function")).toObject();
    QCOMPARE(function.value(QStringLiteral("name")).toString(), QStringLiteral("get_weather"));
    QVERIFY2(QJsonDocument::fromJson(function.value(QStringLiteral("arguments")).toString().toUtf8()).isObject(),
        qPrintable(function.value(QStringLiteral("arguments")).toString()));

    // The follow-up sends the call back exactly as received.
    const QJsonArray history {question, assistantCalling(QJsonArray {got}),
        toolAnswer(id, QStringLiteral("{\"temperature_c\":21,\"sky\":\"clear\"}"))};
    const ApiReply second = m_env->client().chat(request(model, history, stream));
    QVERIFY2(second.status == 200, second.body.constData());
    QCOMPARE(second.finishReason(), QStringLiteral("stop"));
    const QString text
        = stream ? second.streamedContent() : second.message().value(QStringLiteral("content")).toString();
    QVERIFY2(!text.isEmpty(), second.body.constData());
    QVERIFY(second.toolCalls().isEmpty());

    // What Workers AI got: the pair under one id of nine alphanumerics.
    QVERIFY(m_env->fake().lastInference().reachedModel);
    const QJsonObject upstream = m_env->fake().lastRequest().json;
    const QStringList callIds = upstreamCallIds(upstream);
    QCOMPARE(callIds.size(), 1);
    QVERIFY2(isStrictId(callIds.first()), qPrintable(callIds.first()));
    QCOMPARE(upstreamAnswerIds(upstream), callIds);
}

void TestApiToolCalls::clientIds_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("keptAsIs");
    const QList<QPair<QString, QString>> ids {
        {QStringLiteral("openai"), QStringLiteral("call_Xy12Ab34Cd56Ef78Gh90Ij12")},
        {QStringLiteral("workers-ai"), QStringLiteral("chatcmpl-tool-0123456789abcdef0123456789abcdef")},
        {QStringLiteral("anthropic"), QStringLiteral("toolu_01A09q90qw90lq917835lq9")},
        {QStringLiteral("short"), QStringLiteral("1")},
        {QStringLiteral("non-ascii"), QStringLiteral("调用-1")},
    };
    for (const QString& model : {QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"),
             QStringLiteral("@cf/mistralai/mistral-small-3.1-24b-instruct"),
             QStringLiteral("@cf/zai-org/glm-4.7-flash"), QStringLiteral("@cf/openai/gpt-oss-120b")}) {
        const QString name = model.section(QLatin1Char('/'), -1);
        for (const auto& [kind, id] : ids)
            QTest::newRow(qPrintable(name + QLatin1Char(' ') + kind)) << model << id << false;
        QTest::newRow(qPrintable(name + QStringLiteral(" strict"))) << model << QStringLiteral("aB3dE6gH9") << true;
    }
}

// A history written by another client (or by an earlier session) with ids of any shape.
void TestApiToolCalls::clientIds()
{
    QFETCH(QString, model);
    QFETCH(QString, id);
    QFETCH(bool, keptAsIs);
    const QJsonArray history {userMessage(QStringLiteral("What is the weather in Oslo?")),
        assistantCalling(QJsonArray {call(id, QStringLiteral("Oslo"))}), toolAnswer(id, QStringLiteral("-3 C, snow"))};
    const ApiReply r = m_env->client().chat(request(model, history, false));
    QVERIFY2(r.status == 200, r.body.constData());
    QVERIFY(!r.message().value(QStringLiteral("content")).toString().isEmpty());
    const QJsonObject upstream = m_env->fake().lastRequest().json;
    const QStringList callIds = upstreamCallIds(upstream);
    QCOMPARE(callIds.size(), 1);
    QVERIFY2(isStrictId(callIds.first()), qPrintable(callIds.first()));
    QCOMPARE(upstreamAnswerIds(upstream), callIds);
    QCOMPARE(callIds.first() == id, keptAsIs);
    // No id of the client's reaches Workers AI in any other place either.
    if (!keptAsIs)
        QVERIFY(!m_env->fake().lastRequest().body.contains('"' + id.toUtf8() + '"'));
}

// Two calls in one turn, answered in the other order: each answer stays with its own call.
void TestApiToolCalls::parallelCallsKeepTheirPairs()
{
    const QString a = QStringLiteral("call_parisParisParis0001");
    const QString b = QStringLiteral("call_parisParisParis0002"); // differs only at the end
    const QJsonArray history {userMessage(QStringLiteral("Weather in Paris and Rome?")),
        assistantCalling(QJsonArray {call(a, QStringLiteral("Paris")), call(b, QStringLiteral("Rome"))}),
        toolAnswer(b, QStringLiteral("Rome: 18 C")), toolAnswer(a, QStringLiteral("Paris: 12 C"))};
    for (bool stream : {false, true}) {
        const ApiReply r = m_env->client().chat(request(QStringLiteral("@cf/zai-org/glm-4.7-flash"), history, stream));
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject upstream = m_env->fake().lastRequest().json;
        const QStringList callIds = upstreamCallIds(upstream);
        QCOMPARE(callIds.size(), 2);
        QVERIFY(isStrictId(callIds.at(0)) && isStrictId(callIds.at(1)));
        QVERIFY(callIds.at(0) != callIds.at(1));
        QCOMPARE(upstreamAnswerIds(upstream), (QStringList {callIds.at(1), callIds.at(0)}));
    }
}

// The same history maps to the same upstream ids on every request (and in every process: the ids
// are derived, not counted), so Workers AI's prompt cache sees an identical prefix.
void TestApiToolCalls::sameHistorySameUpstreamIds()
{
    const QString id = QStringLiteral("chatcmpl-tool-fedcba9876543210fedcba9876543210");
    const QJsonArray history {userMessage(QStringLiteral("Weather in Lima?")),
        assistantCalling(QJsonArray {call(id, QStringLiteral("Lima"))}), toolAnswer(id, QStringLiteral("20 C"))};
    const QJsonObject body = request(QStringLiteral("@cf/google/gemma-4-26b-a4b-it"), history, false);
    QCOMPARE(m_env->client().chat(body).status, 200);
    const QStringList first = upstreamCallIds(m_env->fake().lastRequest().json);
    QVERIFY(m_env->restart({})); // a new engine, as after a restart of serve
    QCOMPARE(m_env->client().chat(body).status, 200);
    QCOMPARE(upstreamCallIds(m_env->fake().lastRequest().json), first);
}

// An answer to a call the history does not hold is the client's mistake: Workers AI's 400 reaches
// it as an OpenAI invalid_request_error, not as a server error.
void TestApiToolCalls::unpairedAnswerIsTheClientsError()
{
    const QJsonArray history {userMessage(QStringLiteral("Weather in Quito?")),
        assistantCalling(QJsonArray {call(QStringLiteral("call_one"), QStringLiteral("Quito"))}),
        toolAnswer(QStringLiteral("call_two"), QStringLiteral("15 C"))};
    const ApiReply r = m_env->client().chat(request(QStringLiteral("@cf/zai-org/glm-4.7-flash"), history, false));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.error().value(QStringLiteral("type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(!r.error().value(QStringLiteral("message")).toString().isEmpty());
}

QTEST_MAIN(TestApiToolCalls)
#include "tst_apitoolcalls.moc"
