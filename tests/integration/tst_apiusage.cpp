// The local API server counts what its clients use into the process's NeuronMeter (the window's
// status bar shows the sum), through real sockets against the fake Workers AI: chat replies whole
// and streamed, embeddings, and the request log's neurons for each.
#include "ApiServerFixture.h"
#include "engine/NeuronMeter.h"
#include "server/RequestLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace flarechat;
using flarechat::test::ApiServerFixture;

namespace {

QJsonObject chat(const QString& model, bool stream)
{
    QJsonObject body {{QStringLiteral("model"), model},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"), QStringLiteral("count this request")}}}}};
    if (stream) {
        body.insert(QStringLiteral("stream"), true);
        body.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    }
    return body;
}

} // namespace

class TestApiUsage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void chatRepliesAreCounted_data();
    void chatRepliesAreCounted();
    void embeddingsAreCounted();
    void failuresAreNotCounted();
    void stoppedRepliesAreCounted();

private:
    std::unique_ptr<ApiServerFixture> m_f;
    std::shared_ptr<NeuronMeter> m_meter;
};

void TestApiUsage::init()
{
    m_f = std::make_unique<ApiServerFixture>();
    QVERIFY(m_f->start());
    m_f->fake().setFreePlan(true);
    m_meter = std::make_shared<NeuronMeter>();
    QVERIFY(m_f->restart([this](ApiServer::Config& c) { c.engine.meter = m_meter; }));
}

void TestApiUsage::chatRepliesAreCounted_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    QTest::newRow("llama-3.3 whole") << QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast") << false;
    QTest::newRow("llama-3.3 streamed") << QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast") << true;
    QTest::newRow("gpt-oss-120b streamed") << QStringLiteral("@cf/openai/gpt-oss-120b") << true;
}

void TestApiUsage::chatRepliesAreCounted()
{
    QFETCH(QString, model);
    QFETCH(bool, stream);
    QSignalSpy logged(&m_f->server(), &ApiServer::requestLogged);
    const auto reply = m_f->client().chat(chat(model, stream));
    QCOMPARE(reply.status, 200);
    QJsonObject usage = reply.json.value(QStringLiteral("usage")).toObject();
    if (stream) {
        for (const QJsonObject& event : reply.events) {
            if (event.value(QStringLiteral("usage")).isObject())
                usage = event.value(QStringLiteral("usage")).toObject();
        }
    }
    const qint64 prompt = usage.value(QStringLiteral("prompt_tokens")).toInteger();
    const qint64 completion = usage.value(QStringLiteral("completion_tokens")).toInteger();
    QVERIFY(prompt > 0 && completion > 0);

    // What the client was told it used is what is counted, priced as the fake bills it.
    QTRY_COMPARE(m_meter->today().requests(), 1);
    const NeuronMeter::ModelUsage counted = m_meter->today().models.value(model);
    QCOMPARE(counted.promptTokens, prompt);
    QCOMPARE(counted.completionTokens, completion);
    QVERIFY(counted.neurons > 0);
    QVERIFY2(qAbs(counted.neurons - m_f->fake().neuronsUsedToday()) <= counted.neurons * 0.01,
        qPrintable(QStringLiteral("counted %1, billed %2").arg(counted.neurons).arg(m_f->fake().neuronsUsedToday())));
    QTRY_COMPARE(logged.count(), 1);
    const auto record = logged.at(0).at(0).value<RequestLogRecord>();
    QCOMPARE(record.neurons, counted.neurons);
    QVERIFY(record.toJson().value(QStringLiteral("neurons")).toDouble() > 0);
}

void TestApiUsage::embeddingsAreCounted()
{
    const auto reply = m_f->client().post(QStringLiteral("/v1/embeddings"),
        QJsonObject {{QStringLiteral("model"), QStringLiteral("@cf/baai/bge-m3")},
            {QStringLiteral("input"), QStringLiteral("count these words")}});
    QCOMPARE(reply.status, 200);
    QTRY_COMPARE(m_meter->today().requests(), 1);
    const NeuronMeter::ModelUsage counted = m_meter->today().models.value(QStringLiteral("@cf/baai/bge-m3"));
    QCOMPARE(counted.promptTokens,
        reply.json.value(QStringLiteral("usage")).toObject().value(QStringLiteral("prompt_tokens")).toInteger());
    QVERIFY(counted.neurons > 0);
}

void TestApiUsage::failuresAreNotCounted()
{
    m_f->fake().setNeuronsUsedToday(m_f->fake().dailyFreeNeurons());
    const auto reply = m_f->client().chat(chat(QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"), false));
    QCOMPARE(reply.status, 429);
    QTest::qWait(50);
    QCOMPARE(m_meter->today().requests(), 0);
}

// A client that goes away mid-stream stops the reply; the tokens made until then were spent, so
// they are counted from the streamed text's length (Workers AI reports no usage for it).
void TestApiUsage::stoppedRepliesAreCounted()
{
    m_f->fake().setTokenDelayMs(40);
    QSignalSpy gone(&m_f->fake(), &test::FakeWorkersAi::clientDisconnected);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_f->server().port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body = QJsonDocument(chat(QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"), true))
                                .toJson(QJsonDocument::Compact);
    socket.write(QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ")
        + test::kTestApiKey + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body);
    QByteArray got;
    QVERIFY(QTest::qWaitFor(
        [&] {
            got += socket.readAll();
            return got.count("\"content\":") >= 3; // a few tokens in
        },
        10000));
    socket.abort();
    QVERIFY(gone.wait(5000));
    QTRY_COMPARE(m_meter->today().requests(), 1);
    const NeuronMeter::ModelUsage counted
        = m_meter->today().models.value(QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast"));
    QVERIFY(counted.promptTokens > 0);
    QVERIFY(counted.completionTokens > 0);
    QVERIFY(counted.neurons > 0);
}

QTEST_MAIN(TestApiUsage)
#include "tst_apiusage.moc"
