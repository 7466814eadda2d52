// The running local API server takes new credentials, keys and rules in place
// (ApiServer::reconfigure()), over real sockets against the fake Workers AI: a stream in flight
// runs to its end with what it started with, the next requests use the new keys and token, and
// a configuration it cannot take in place (another port, invalid rules) leaves it as it was.
#include "FakeWorkersAi.h"
#include "HttpRawClient.h"
#include "server/ApiServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;
using flarechat::test::HttpRawClient;
using flarechat::test::HttpRawResponse;

namespace {

const QString kKeyA = QStringLiteral("sk-flarechat-reconfigurekeyA000000000000000000000");
const QString kKeyB = QStringLiteral("sk-flarechat-reconfigurekeyB000000000000000000000");
const QByteArray kSecondToken = "second-fake-token-for-tests";

QByteArray chatRequest(const QString& key, const QString& text, bool stream)
{
    const QJsonObject body {{QStringLiteral("model"), QStringLiteral("gemma-3")}, {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}}};
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key.toLatin1()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n\r\n"
        + json;
}

// One whole non-stream request; its status (0: no response).
int statusOf(quint16 port, const QString& key)
{
    HttpRawClient client(port);
    client.send(chatRequest(key, QStringLiteral("hello"), false));
    if (!QTest::qWaitFor([&] { return !client.responses().isEmpty() && client.responses().first().complete; }, 10000))
        return 0;
    return client.responses().first().status;
}

} // namespace

class TestApiReconfigure final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamInFlightSurvivesNewKeysAndToken();
    void anotherPortNeedsARestart();
    void invalidRulesLeaveTheServerAsItWas();

private:
    ApiServer::Config config(const QStringList& keys) const;

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ApiServer> m_server;
};

void TestApiReconfigure::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_fake->addToken(kSecondToken, FakeWorkersAi::TokenKind::User);
    m_server = std::make_unique<ApiServer>();
}

void TestApiReconfigure::cleanup()
{
    m_server.reset();
    m_fake.reset();
}

ApiServer::Config TestApiReconfigure::config(const QStringList& keys) const
{
    ApiServer::Config c;
    c.http.address = QHostAddress(QHostAddress::LocalHost);
    c.http.port = 0;
    c.access.requireKey = true;
    c.keys = ApiKeyVerifier(keys);
    c.engine.endpoint = m_fake->endpoint();
    c.engine.client.maxRetries = 0;
    return c;
}

void TestApiReconfigure::streamInFlightSurvivesNewKeysAndToken()
{
    ApiServer::Config c = config({kKeyA});
    QString error;
    QVERIFY2(m_server->start(c, &error), qPrintable(error));
    const quint16 port = m_server->port();

    m_fake->setTokenDelayMs(30);
    HttpRawClient stream(port);
    stream.send(chatRequest(kKeyA, QStringLiteral("one two three four five six seven eight nine ten"), true));
    QTRY_VERIFY_WITH_TIMEOUT(stream.received().contains("\"content\":\""), 10000);

    // New key, new token, same address and port: applied in place.
    ApiServer::Config next = config({kKeyB});
    next.http.port = port;
    next.engine.endpoint.apiToken = QString::fromLatin1(kSecondToken);
    QVERIFY(m_server->canReconfigure(next));
    QVERIFY2(m_server->reconfigure(next, &error), qPrintable(error));
    QCOMPARE(m_server->lastStartFailure(), ApiServer::StartFailure::None);

    // The stream goes on to its end, on the old token.
    QTRY_VERIFY_WITH_TIMEOUT(!stream.responses().isEmpty() && stream.responses().first().complete, 10000);
    const HttpRawResponse r = stream.responses().first();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.events().last(), QByteArray("[DONE]"));
    QVERIFY2(!r.body.contains("\"error\""), r.body.constData());
    QVERIFY(!stream.isClosed());
    QCOMPARE(m_fake->runRequests().first().header("authorization"), QByteArray("Bearer ") + m_fake->apiToken());

    // New requests: the old key is refused, the new one served with the new token.
    m_fake->setTokenDelayMs(0);
    QCOMPARE(statusOf(port, kKeyA), 401);
    QCOMPARE(statusOf(port, kKeyB), 200);
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + kSecondToken);
    QCOMPARE(m_server->port(), port);
}

void TestApiReconfigure::anotherPortNeedsARestart()
{
    QString error;
    QVERIFY2(m_server->start(config({kKeyA}), &error), qPrintable(error));
    const quint16 port = m_server->port();
    ApiServer::Config elsewhere = config({kKeyB});
    elsewhere.http.port = static_cast<quint16>(port == 65535 ? port - 1 : port + 1);
    QVERIFY(!m_server->canReconfigure(elsewhere));
    QVERIFY(!m_server->reconfigure(elsewhere, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(m_server->isRunning());
    QCOMPARE(statusOf(port, kKeyA), 200); // unchanged
    QCOMPARE(statusOf(port, kKeyB), 401);
}

void TestApiReconfigure::invalidRulesLeaveTheServerAsItWas()
{
    QString error;
    QVERIFY2(m_server->start(config({kKeyA}), &error), qPrintable(error));
    const quint16 port = m_server->port();
    ApiServer::Config noKeys = config({});
    noKeys.http.port = port;
    QVERIFY(m_server->canReconfigure(noKeys));
    QVERIFY(!m_server->reconfigure(noKeys, &error)); // a key is required and none would match
    QVERIFY(!error.isEmpty());
    QCOMPARE(m_server->lastStartFailure(), ApiServer::StartFailure::Config);
    QVERIFY(m_server->isRunning());
    QCOMPARE(statusOf(port, kKeyA), 200);
}

QTEST_GUILESS_MAIN(TestApiReconfigure)
#include "tst_apireconfigure.moc"
