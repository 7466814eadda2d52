#include "openai/ChatCompletionWire.h"
#include "openai/ChunkWriter.h"

#include <QJsonDocument>
#include <QtTest>

using namespace flarechat;

class TestChatCompletionWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chunkWriterMatchesWholeChunk_data();
    void chunkWriterMatchesWholeChunk();
    void chunkWriterToolCallsNamedOnce();
};

void TestChatCompletionWire::chunkWriterMatchesWholeChunk_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("withUsage");
    QTest::newRow("alias") << QStringLiteral("llama-3.3-70b") << false;
    QTest::newRow("alias, usage field") << QStringLiteral("llama-3.3-70b") << true;
    QTest::newRow("@cf id") << QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast") << true;
    // A client names the model: it is echoed back, so it must not confuse the split.
    QTest::newRow("model that looks like the delta")
        << QStringLiteral("x\"delta\":{}\"choices\":[{\"delta\":{}") << true;
    QTest::newRow("model with escapes") << QStringLiteral("a\\b\n\t\u00e9\U0001F600</script>") << false;
    QTest::newRow("empty model") << QString() << false;
}

void TestChatCompletionWire::chunkWriterMatchesWholeChunk()
{
    QFETCH(QString, model);
    QFETCH(bool, withUsage);
    const QString id = ChatCompletionWire::newChatId();
    const qint64 created = 1764140000;
    const ChunkWriter writer(id, created, model, withUsage);

    QList<ChatDelta> deltas;
    ChatDelta content;
    content.content = QStringLiteral("Hello");
    deltas << content;
    ChatDelta reasoning;
    reasoning.reasoning = QStringLiteral("Let me think \"hard\"\\.\n");
    deltas << reasoning;
    ChatDelta both;
    both.reasoning = QStringLiteral("r");
    both.content = QStringLiteral("\u00e9\u4e2d\U0001F600 \x01\x1f <b>&amp;</b> \"delta\":{}");
    deltas << both;
    ChatDelta tools;
    tools.toolCalls
        = {ToolCallDelta {0, QStringLiteral("call_1"), QStringLiteral("get_weather"), QStringLiteral("{\"ci")},
            ToolCallDelta {1, QStringLiteral("call_2"), QStringLiteral("get_time"), QString()}};
    deltas << tools;
    ChatDelta more;
    more.toolCalls = {ToolCallDelta {0, QString(), QString(), QStringLiteral("ty\":\"Paris\"}")}};
    deltas << more;
    deltas << ChatDelta {}; // an empty delta still makes a valid chunk

    QList<bool> startedWhole, startedWriter;
    for (const ChatDelta& d : deltas) {
        const QByteArray whole
            = QJsonDocument(ChatCompletionWire::deltaChunk(id, created, model, d, withUsage, &startedWhole))
                  .toJson(QJsonDocument::Compact);
        const QByteArray written = writer.write(ChatCompletionWire::deltaJson(d, &startedWriter));
        QCOMPARE(written, whole);
        QVERIFY(QJsonDocument::fromJson(written).isObject());
    }
    QCOMPARE(startedWriter, startedWhole);
}

void TestChatCompletionWire::chunkWriterToolCallsNamedOnce()
{
    const ChunkWriter writer(QStringLiteral("chatcmpl-x"), 1, QStringLiteral("m"), false);
    QList<bool> started;
    ChatDelta d;
    d.toolCalls = {ToolCallDelta {0, QStringLiteral("call_1"), QStringLiteral("f"), QStringLiteral("{")}};
    const QJsonObject first
        = QJsonDocument::fromJson(writer.write(ChatCompletionWire::deltaJson(d, &started))).object();
    const QJsonObject call = first.value(QStringLiteral("choices"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("delta"))
                                 .toObject()
                                 .value(QStringLiteral("tool_calls"))
                                 .toArray()
                                 .first()
                                 .toObject();
    QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("call_1"));
    QCOMPARE(call.value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("f"));
    d.toolCalls.first().arguments = QStringLiteral("}");
    const QJsonObject second
        = QJsonDocument::fromJson(writer.write(ChatCompletionWire::deltaJson(d, &started))).object();
    const QJsonObject call2 = second.value(QStringLiteral("choices"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("delta"))
                                  .toObject()
                                  .value(QStringLiteral("tool_calls"))
                                  .toArray()
                                  .first()
                                  .toObject();
    QVERIFY(!call2.contains(QStringLiteral("id")));
    QCOMPARE(call2.value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments")).toString(),
        QStringLiteral("}"));
}

QTEST_GUILESS_MAIN(TestChatCompletionWire)
#include "tst_chatcompletionwire.moc"
