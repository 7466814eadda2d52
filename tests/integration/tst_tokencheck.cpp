// "Test connection" against the fake Workers AI server: each outcome, in words a user can act on.
#include "FakeWorkersAi.h"
#include "workersai/TokenCheck.h"
#include "workersai/WorkersAiClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestTokenCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void validUserToken();
    void validAccountToken();
    void unknownToken();
    void disabledAndExpiredTokens_data();
    void disabledAndExpiredTokens();
    void wrongAccountId();
    void tokenWithoutWorkersAiPermission();
    void quotaUsedUpStillConnects();
    void missingCredentials();
    void unreachable();

private:
    TokenCheck::Result run(const Endpoint& ep, QList<TokenCheck::Step>* steps = nullptr);
    Endpoint endpoint(const QByteArray& token) const;

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<WorkersAiClient> m_client;
};

void TestTokenCheck::init()
{
    qRegisterMetaType<TokenCheck::Result>();
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_client = std::make_unique<WorkersAiClient>();
}

void TestTokenCheck::cleanup()
{
    m_client.reset();
    m_fake.reset();
}

Endpoint TestTokenCheck::endpoint(const QByteArray& token) const
{
    Endpoint ep = m_fake->endpoint();
    ep.apiToken = QString::fromLatin1(token);
    return ep;
}

TokenCheck::Result TestTokenCheck::run(const Endpoint& ep, QList<TokenCheck::Step>* steps)
{
    m_client->setEndpoint(ep);
    TokenCheck check(m_client.get());
    check.setTimeoutMs(5000);
    QSignalSpy done(&check, &TokenCheck::finished);
    if (steps)
        connect(&check, &TokenCheck::progress, this, [steps](TokenCheck::Step s) { steps->append(s); });
    check.start();
    if (!done.wait(10000))
        return {};
    const TokenCheck::Result r = done.first().first().value<TokenCheck::Result>();
    // Whatever happened, the token never appears in what the user is shown.
    if (!ep.apiToken.isEmpty() && (r.message.contains(ep.apiToken) || r.detail.contains(ep.apiToken)))
        qFatal("token leaked into a message");
    return r;
}

void TestTokenCheck::validUserToken()
{
    QList<TokenCheck::Step> steps;
    const TokenCheck::Result r = run(endpoint(m_fake->apiToken()), &steps);
    QCOMPARE(r.outcome, TokenCheck::Outcome::Ok);
    QVERIFY(r.ok());
    QCOMPARE(r.tokenKind, QStringLiteral("user"));
    QCOMPARE(steps, (QList<TokenCheck::Step> {TokenCheck::Step::UserVerify, TokenCheck::Step::Inference}));
    const FakeWorkersAi::ReceivedRequest probe = m_fake->lastRequest();
    QVERIFY(probe.path.contains(QStringLiteral("/ai/run/")));
    QCOMPARE(probe.json.value(QStringLiteral("max_tokens")).toInt(), 1); // one token, not a whole reply
}

void TestTokenCheck::validAccountToken()
{
    const QByteArray token = "fake-account-owned-token";
    m_fake->addToken(token, FakeWorkersAi::TokenKind::Account);
    QList<TokenCheck::Step> steps;
    const TokenCheck::Result r = run(endpoint(token), &steps);
    QCOMPARE(r.outcome, TokenCheck::Outcome::Ok);
    QCOMPARE(r.tokenKind, QStringLiteral("account"));
    QCOMPARE(steps,
        (QList<TokenCheck::Step> {
            TokenCheck::Step::UserVerify, TokenCheck::Step::AccountVerify, TokenCheck::Step::Inference}));
}

void TestTokenCheck::unknownToken()
{
    const TokenCheck::Result r = run(endpoint("not-a-token-cloudflare-knows"));
    QCOMPARE(r.outcome, TokenCheck::Outcome::TokenInvalid);
    QCOMPARE(r.failedAt, TokenCheck::Step::AccountVerify);
    QVERIFY(r.message.contains(QStringLiteral("does not recognise")));
    QVERIFY(!r.detail.isEmpty()); // Cloudflare's own words are kept for the details view
}

void TestTokenCheck::disabledAndExpiredTokens_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("word");
    QTest::newRow("disabled") << int(FakeWorkersAi::TokenStatus::Disabled) << QStringLiteral("disabled");
    QTest::newRow("expired") << int(FakeWorkersAi::TokenStatus::Expired) << QStringLiteral("expired");
}

void TestTokenCheck::disabledAndExpiredTokens()
{
    QFETCH(int, status);
    QFETCH(QString, word);
    const QByteArray token = "fake-old-token";
    m_fake->addToken(token, FakeWorkersAi::TokenKind::User, static_cast<FakeWorkersAi::TokenStatus>(status));
    const TokenCheck::Result r = run(endpoint(token));
    QCOMPARE(r.outcome, TokenCheck::Outcome::TokenInactive);
    QVERIFY2(r.message.contains(word), qPrintable(r.message));
}

void TestTokenCheck::wrongAccountId()
{
    Endpoint ep = endpoint(m_fake->apiToken());
    ep.accountId = QStringLiteral("ffffffffffffffffffffffffffffffff");
    const TokenCheck::Result r = run(ep);
    QCOMPARE(r.outcome, TokenCheck::Outcome::AccountWrong);
    QCOMPARE(r.failedAt, TokenCheck::Step::Inference);
    QVERIFY(r.message.contains(QStringLiteral("account id")));
}

void TestTokenCheck::tokenWithoutWorkersAiPermission()
{
    m_fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::Authentication));
    const TokenCheck::Result r = run(endpoint(m_fake->apiToken()));
    QCOMPARE(r.outcome, TokenCheck::Outcome::NoPermission);
    QVERIFY(r.message.contains(QStringLiteral("Workers AI – Edit")));
}

void TestTokenCheck::quotaUsedUpStillConnects()
{
    m_fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::DailyQuota));
    const TokenCheck::Result r = run(endpoint(m_fake->apiToken()));
    QCOMPARE(r.outcome, TokenCheck::Outcome::OkQuotaUsedUp);
    QVERIFY(r.ok());
    QVERIFY(r.message.contains(QStringLiteral("00:00 UTC")));
}

void TestTokenCheck::missingCredentials()
{
    Endpoint ep = endpoint(QByteArray());
    const TokenCheck::Result r = run(ep);
    QCOMPARE(r.outcome, TokenCheck::Outcome::MissingCredentials);
    QCOMPARE(m_fake->requests().size(), 0);
}

void TestTokenCheck::unreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    Endpoint ep = endpoint(m_fake->apiToken());
    ep.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(deadPort));
    const TokenCheck::Result r = run(ep);
    QCOMPARE(r.outcome, TokenCheck::Outcome::Unreachable);
    QVERIFY(r.message.contains(QStringLiteral("proxy")));
    QCOMPARE(m_client->inFlight(), 0);
}

QTEST_GUILESS_MAIN(TestTokenCheck)
#include "tst_tokencheck.moc"
