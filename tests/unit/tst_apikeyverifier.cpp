#include "http/HttpRequest.h"
#include "server/ApiKeyVerifier.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace flarechat;

// Keys in this file are made up for the tests and shaped so they cannot be mistaken for real ones.
class TestApiKeyVerifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void emptySetMatchesNothing();
    void duplicatesCollapse();
    void extract_data();
    void extract();
};

static HttpRequest requestWith(const QList<HttpRequest::Header>& headers)
{
    HttpRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/v1/chat/completions");
    r.headers = headers;
    return r;
}

void TestApiKeyVerifier::matches_data()
{
    QTest::addColumn<QByteArray>("presented");
    QTest::addColumn<bool>("match");
    QTest::newRow("first") << QByteArray("test-key-one") << true;
    QTest::newRow("second") << QByteArray("test-key-two-longer") << true;
    QTest::newRow("unicode key") << QString(QStringLiteral("test-ключ")).toUtf8() << true;
    QTest::newRow("prefix of a key") << QByteArray("test-key-on") << false;
    QTest::newRow("key plus suffix") << QByteArray("test-key-onee") << false;
    QTest::newRow("case differs") << QByteArray("TEST-KEY-ONE") << false;
    QTest::newRow("last byte differs") << QByteArray("test-key-onf") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("seed default") << QByteArray("your-api-key-here") << false;
}

void TestApiKeyVerifier::matches()
{
    QFETCH(QByteArray, presented);
    QFETCH(bool, match);
    const ApiKeyVerifier keys(QStringList {
        QStringLiteral("test-key-one"), QStringLiteral(" test-key-two-longer "), QStringLiteral("test-ключ")});
    QCOMPARE(keys.count(), 3);
    QCOMPARE(keys.matches(presented), match);
}

void TestApiKeyVerifier::emptySetMatchesNothing()
{
    ApiKeyVerifier keys;
    QVERIFY(keys.isEmpty());
    QVERIFY(!keys.matches(QByteArray()));
    QVERIFY(!keys.matches("anything"));
    keys.add(QStringLiteral("   "));
    QVERIFY(keys.isEmpty());
    QVERIFY(!keys.matches(QByteArray())); // the empty string is never a key, even hashed
}

void TestApiKeyVerifier::duplicatesCollapse()
{
    ApiKeyVerifier keys;
    keys.add(QStringList {QStringLiteral("test-a"), QStringLiteral("test-a"), QStringLiteral("test-b")});
    QCOMPARE(keys.count(), 2);
    keys.clear();
    QVERIFY(!keys.matches("test-a"));
}

void TestApiKeyVerifier::extract_data()
{
    using H = HttpRequest::Header;
    QTest::addColumn<QList<H>>("headers");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("key");
    const int none = int(ApiKeyVerifier::Presented::Kind::None);
    const int notBearer = int(ApiKeyVerifier::Presented::Kind::NotBearer);
    const int key = int(ApiKeyVerifier::Presented::Kind::Key);

    QTest::newRow("no header") << QList<H> {} << none << QByteArray();
    QTest::newRow("bearer") << QList<H> {{"authorization", "Bearer test-k"}} << key << QByteArray("test-k");
    QTest::newRow("scheme lower case") << QList<H> {{"authorization", "bearer test-k"}} << key << QByteArray("test-k");
    QTest::newRow("scheme upper case") << QList<H> {{"authorization", "BEARER test-k"}} << key << QByteArray("test-k");
    QTest::newRow("several spaces") << QList<H> {{"authorization", "Bearer   test-k"}} << key << QByteArray("test-k");
    QTest::newRow("tab") << QList<H> {{"authorization", "Bearer\ttest-k"}} << key << QByteArray("test-k");
    QTest::newRow("basic") << QList<H> {{"authorization", "Basic dXNlcjpwYXNz"}} << notBearer << QByteArray();
    QTest::newRow("no space") << QList<H> {{"authorization", "Bearertest-k"}} << notBearer << QByteArray();
    QTest::newRow("empty token") << QList<H> {{"authorization", "Bearer "}} << notBearer << QByteArray();
    QTest::newRow("scheme only") << QList<H> {{"authorization", "Bearer"}} << notBearer << QByteArray();
    QTest::newRow("bare token") << QList<H> {{"authorization", "test-k"}} << notBearer << QByteArray();
    QTest::newRow("x-api-key") << QList<H> {{"x-api-key", "test-x"}} << key << QByteArray("test-x");
    QTest::newRow("authorization wins") << QList<H> {{"x-api-key", "test-x"}, {"authorization", "Bearer test-k"}} << key
                                        << QByteArray("test-k");
    QTest::newRow("bad authorization not rescued by x-api-key")
        << QList<H> {{"x-api-key", "test-x"}, {"authorization", "Basic abc"}} << notBearer << QByteArray();
    QTest::newRow("empty x-api-key") << QList<H> {{"x-api-key", ""}} << none << QByteArray();
}

void TestApiKeyVerifier::extract()
{
    QFETCH(QList<HttpRequest::Header>, headers);
    QFETCH(int, kind);
    QFETCH(QByteArray, key);
    const ApiKeyVerifier::Presented p = ApiKeyVerifier::extract(requestWith(headers));
    QCOMPARE(int(p.kind), kind);
    QCOMPARE(p.key, key);
}

QTEST_GUILESS_MAIN(TestApiKeyVerifier)
#include "tst_apikeyverifier.moc"
