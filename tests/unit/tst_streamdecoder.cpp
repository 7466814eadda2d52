#include "http/SseParser.h"
#include "workersai/ModelCatalog.h"
#include "workersai/StreamDecoder.h"

#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

class TestStreamDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void everySplitGivesSameResult_data() { decodes_data(); }
    void everySplitGivesSameResult();
    void toolCallDeltas();
    void nativeToolCallsInStream();
    void echoedToolCallIdsMapBack();
    void stopSequenceAcrossEvents();
    void truncatedStreamFails();
    void errorEventFails();
    void malformedEventSkipped();
    void deltasForWholeReply();
};

struct Decoded
{
    QString content;
    QString reasoning;
    QString finish;
    qint64 completionTokens = -1;
    bool finished = false;
    bool failed = false;
    int deltas = 0;
};

static Decoded decode(const QString& modelName, const QList<QByteArray>& pieces, RunRequest run = {})
{
    if (run.maxTokens == 0)
        run.maxTokens = 2048;
    StreamDecoder dec(ModelCatalog::builtIn().resolve(modelName), run, QStringLiteral("seed"));
    SseParser sse;
    Decoded d;
    auto take = [&](const StreamDecoder::Output& o) {
        d.content += o.delta.content;
        d.reasoning += o.delta.reasoning;
        d.deltas += o.delta.isEmpty() ? 0 : 1;
        d.finished = d.finished || o.finished;
        d.failed = d.failed || o.failed;
    };
    for (const QByteArray& p : pieces) {
        for (const SseParser::Event& e : sse.feed(p))
            take(dec.feed(e));
    }
    for (const SseParser::Event& e : sse.finish())
        take(dec.feed(e));
    if (!dec.isFinished())
        take(dec.finish());
    d.finish = dec.result().finishReason;
    d.completionTokens = dec.result().usage.valid ? dec.result().usage.completionTokens : -1;
    // The accumulated result equals the sum of the deltas.
    if (dec.result().content != d.content || dec.result().reasoning != d.reasoning)
        qFatal("result differs from deltas");
    return d;
}

void TestStreamDecoder::decodes_data()
{
    QTest::addColumn<QString>("modelName");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<qint64>("completionTokens");

    QTest::newRow("legacy with padding and usage")
        << QStringLiteral("llama-3.3-70b")
        << QByteArray(
               "data: {\"response\":\"Hel\",\"p\":\"abcdefgh\"}\n\n"
               "data: {\"response\":\"lo\",\"p\":\"ab\"}\n\n"
               "data: "
               "{\"response\":\"\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}\n\n"
               "data: [DONE]\n\n")
        << QStringLiteral("Hello") << QString() << QStringLiteral("stop") << qint64(2);
    QTest::newRow("legacy crlf, number response")
        << QStringLiteral("qwen2.5-coder")
        << QByteArray("data: {\"response\":\"n=\"}\r\n\r\ndata: {\"response\":7}\r\n\r\ndata: [DONE]\r\n\r\n")
        << QStringLiteral("n=7") << QString() << QStringLiteral("stop") << qint64(-1);
    QTest::newRow("deepseek split reasoning, no opening tag")
        << QStringLiteral("deepseek-r1")
        << QByteArray(
               "data: {\"response\":\"Let me \"}\n\ndata: {\"response\":\"think.</th\"}\n\n"
               "data: {\"response\":\"ink>\\n\\nAnswer\"}\n\ndata: {\"response\":\" here.\"}\n\n"
               "data: "
               "{\"response\":\"\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9,\"total_tokens\":12}}\n\n"
               "data: [DONE]\n\n")
        << QStringLiteral("Answer here.") << QStringLiteral("Let me think.") << QStringLiteral("stop") << qint64(9);
    QTest::newRow("openai chunks with reasoning_content and usage quirk")
        << QStringLiteral("glm-4.7-flash")
        << QByteArray(
               "data: "
               "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
               "\"reasoning_content\":\"Hmm\"}}]}\n\n"
               "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\", "
               "ok\"}}]}\n\n"
               "data: "
               "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes\"}}]}\n\n"
               "data: "
               "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
               "\"stop\"}]}\n\n"
               "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}\n\n"
               "data: "
               "{\"response\":\"\",\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}}\n\n"
               "data: [DONE]\n\n")
        << QStringLiteral("Yes") << QStringLiteral("Hmm, ok") << QStringLiteral("stop") << qint64(3);
    QTest::newRow("finish_reason mid-stream then more content")
        << QStringLiteral("glm-4.7-flash")
        << QByteArray("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}\n\n"
                      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n"
                      "data: [DONE]\n\n")
        << QStringLiteral("ab") << QString() << QStringLiteral("stop") << qint64(-1);
    QTest::newRow("length from upstream") << QStringLiteral("glm-4.7-flash")
                                          << QByteArray("data: "
                                                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},"
                                                        "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n")
                                          << QStringLiteral("x") << QString() << QStringLiteral("length") << qint64(-1);
    QTest::newRow("chinese split in utf-8")
        << QStringLiteral("qwen2.5-coder")
        << QByteArray("data: {\"response\":\"你好\"}\n\ndata: {\"response\":\"，世界\"}\n\ndata: [DONE]\n\n")
        << QStringLiteral("你好，世界") << QString() << QStringLiteral("stop") << qint64(-1);
}

void TestStreamDecoder::decodes()
{
    QFETCH(QString, modelName);
    QFETCH(QByteArray, stream);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    QFETCH(QString, finish);
    QFETCH(qint64, completionTokens);
    const Decoded d = decode(modelName, {stream});
    QCOMPARE(d.content, content);
    QCOMPARE(d.reasoning, reasoning);
    QCOMPARE(d.finish, finish);
    QCOMPARE(d.completionTokens, completionTokens);
    QVERIFY(d.finished);
    QVERIFY(!d.failed);
}

void TestStreamDecoder::everySplitGivesSameResult()
{
    QFETCH(QString, modelName);
    QFETCH(QByteArray, stream);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const Decoded d = decode(modelName, {stream.left(cut), stream.mid(cut)});
        QVERIFY2(d.content == content && d.reasoning == reasoning,
            qPrintable(QStringLiteral("cut %1: [%2] [%3]").arg(cut).arg(d.content, d.reasoning)));
        QVERIFY(d.finished);
    }
}

void TestStreamDecoder::toolCallDeltas()
{
    const QByteArray stream
        = "data: "
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
          "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n"
          "data: "
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{"
          "\\\"city\\\":\"}}]}}]}\n\n"
          "data: "
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
          "\"\\\"Paris\\\"}\"}}]}}]}\n\n"
          "data: "
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":null,\"type\":null,\"function\":{"
          "\"name\":null,\"arguments\":null}}]}}]}\n\n"
          "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
          "data: [DONE]\n\n";
    StreamDecoder dec(
        ModelCatalog::builtIn().resolve(QStringLiteral("glm-4.7-flash")), RunRequest {}, QStringLiteral("s"));
    SseParser sse;
    QList<ToolCallDelta> deltas;
    for (const SseParser::Event& e : sse.feed(stream))
        deltas += dec.feed(e).delta.toolCalls;
    QCOMPARE(deltas.size(), 3); // the null finalization chunk is skipped
    QCOMPARE(deltas.at(0).id, QStringLiteral("call_a"));
    QCOMPARE(deltas.at(0).name, QStringLiteral("get_weather"));
    QVERIFY(deltas.at(1).id.isEmpty());
    QCOMPARE(dec.result().toolCalls.size(), 1);
    QCOMPARE(dec.result().toolCalls.at(0).arguments, QStringLiteral("{\"city\":\"Paris\"}"));
    QCOMPARE(dec.result().finishReason, QStringLiteral("tool_calls"));
}

void TestStreamDecoder::echoedToolCallIdsMapBack()
{
    ChatMessage call = ChatMessage::assistant(QString());
    call.toolCalls.append(ToolCall {QStringLiteral("call_client_1"), QStringLiteral("f"), QStringLiteral("{}")});
    RunRequest run;
    run.toolIds = ToolCallIdMap::forMessages({call});
    const QByteArray sent = run.toolIds.upstream(QStringLiteral("call_client_1")).toLatin1();
    const QByteArray stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\""
        + sent + "\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n"
        + "data: {\"tool_calls\":[{\"id\":\"" + sent + "\",\"name\":\"f\",\"arguments\":{}}],\"response\":\"\"}\n\n"
        + "data: [DONE]\n\n";
    StreamDecoder dec(ModelCatalog::builtIn().resolve(QStringLiteral("glm-4.7-flash")), run, QStringLiteral("s"));
    SseParser sse;
    QList<ToolCallDelta> deltas;
    for (const SseParser::Event& e : sse.feed(stream))
        deltas += dec.feed(e).delta.toolCalls;
    QCOMPARE(deltas.size(), 2);
    QCOMPARE(deltas.at(0).id, QStringLiteral("call_client_1")); // an OpenAI chunk's id
    QCOMPARE(deltas.at(1).id, QStringLiteral("call_client_1")); // a native tool call's id
}

void TestStreamDecoder::nativeToolCallsInStream()
{
    const QByteArray stream
        = "data: {\"response\":\"\",\"tool_calls\":[{\"name\":\"lookup\",\"arguments\":{\"q\":\"x\"}}]}\n\n"
          "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\n"
          "data: [DONE]\n\n";
    StreamDecoder dec(
        ModelCatalog::builtIn().resolve(QStringLiteral("llama-4-scout")), RunRequest {}, QStringLiteral("s"));
    SseParser sse;
    QList<ToolCallDelta> deltas;
    for (const SseParser::Event& e : sse.feed(stream))
        deltas += dec.feed(e).delta.toolCalls;
    QCOMPARE(deltas.size(), 1);
    QCOMPARE(deltas.at(0).name, QStringLiteral("lookup"));
    QVERIFY(!deltas.at(0).id.isEmpty());
    QCOMPARE(QJsonDocument::fromJson(deltas.at(0).arguments.toUtf8()).object().value(QStringLiteral("q")).toString(),
        QStringLiteral("x"));
    QCOMPARE(dec.result().finishReason, QStringLiteral("tool_calls"));
}

void TestStreamDecoder::stopSequenceAcrossEvents()
{
    RunRequest run;
    run.maxTokens = 100;
    run.localStops = {QStringLiteral("END")};
    const Decoded d = decode(QStringLiteral("qwen2.5-coder"),
        {"data: {\"response\":\"one E\"}\n\n", "data: {\"response\":\"ND two\"}\n\n",
            "data: {\"response\":\"three\"}\n\n"},
        run);
    QCOMPARE(d.content, QStringLiteral("one "));
    QVERIFY(d.finished);
    QCOMPARE(d.finish, QStringLiteral("stop"));
}

void TestStreamDecoder::truncatedStreamFails()
{
    const Decoded d = decode(QStringLiteral("llama-3.3-70b"), {"data: {\"response\":\"partial\"}\n\n"});
    QVERIFY(d.failed);
    QCOMPARE(d.content, QStringLiteral("partial")); // what arrived is kept
}

void TestStreamDecoder::errorEventFails()
{
    StreamDecoder dec(ModelCatalog::builtIn().resolve(QStringLiteral("gemma-3")), RunRequest {}, QStringLiteral("s"));
    const StreamDecoder::Output o = dec.feed(SseParser::Event {{}, R"({"error":{"message":"model crashed"}})", {}});
    QVERIFY(o.failed);
    QVERIFY(o.error.message.contains(QStringLiteral("model crashed")));
    QCOMPARE(o.error.httpStatus, 502);
}

void TestStreamDecoder::malformedEventSkipped()
{
    StreamDecoder dec(ModelCatalog::builtIn().resolve(QStringLiteral("gemma-3")), RunRequest {}, QStringLiteral("s"));
    dec.feed(SseParser::Event {{}, R"({"response":"a"})", {}});
    const StreamDecoder::Output bad = dec.feed(SseParser::Event {{}, R"({not json)", {}});
    QVERIFY(!bad.failed);
    dec.feed(SseParser::Event {{}, R"({"response":"b"})", {}});
    QVERIFY(dec.feed(SseParser::Event {{}, "[DONE]", {}}).finished);
    QCOMPARE(dec.result().content, QStringLiteral("ab"));
    QCOMPARE(dec.malformedEvents(), 1);
}

void TestStreamDecoder::deltasForWholeReply()
{
    ChatResult r;
    r.reasoning = QStringLiteral("r");
    r.content = QStringLiteral("c");
    r.toolCalls = {ToolCall {QStringLiteral("id1"), QStringLiteral("f"), QStringLiteral("{}")}};
    const QList<ChatDelta> d = StreamDecoder::deltasFor(r);
    QCOMPARE(d.size(), 3);
    QCOMPARE(d.at(0).reasoning, QStringLiteral("r"));
    QCOMPARE(d.at(1).content, QStringLiteral("c"));
    QCOMPARE(d.at(2).toolCalls.at(0).id, QStringLiteral("id1"));
}

QTEST_GUILESS_MAIN(TestStreamDecoder)
#include "tst_streamdecoder.moc"
