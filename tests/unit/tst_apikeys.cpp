#include "http/HttpRequest.h"
#include "server/ApiKeys.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace flarechat;

// Keys in this file are made up for the tests and shaped so they cannot be mistaken for real ones.
class TestApiKeys final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateShapeAndUniqueness();
    void generateUsesWholeAlphabet();
    void parseList_data();
    void parseList();
    void matches_data();
    void matches();
    void emptySetMatchesNothing();
    void duplicatesCollapse();
    void extract_data();
    void extract();
    void redacted_data();
    void redacted();
};

static HttpRequest requestWith(const QList<HttpRequest::Header>& headers)
{
    HttpRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/v1/chat/completions");
    r.headers = headers;
    return r;
}

void TestApiKeys::generateShapeAndUniqueness()
{
    static const QRegularExpression shape(QStringLiteral("^sk-flarechat-[0-9A-Za-z]{40}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString key = ApiKeys::generate();
        QVERIFY2(shape.match(key).hasMatch(), qPrintable(ApiKeys::redacted(key)));
        seen.insert(key);
    }
    QCOMPARE(seen.size(), 200);
}

void TestApiKeys::generateUsesWholeAlphabet()
{
    // 500 keys = 20,000 characters; each of the 62 symbols is expected ~322 times. A generator
    // that skipped a symbol, or took "% 62" of a byte, would stand out.
    QHash<QChar, int> counts;
    for (int i = 0; i < 500; ++i) {
        const QString key = ApiKeys::generate().mid(ApiKeys::prefix().size());
        for (QChar c : key)
            ++counts[c];
    }
    QCOMPARE(counts.size(), 62);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() > 200 && it.value() < 460, qPrintable(QString(it.key())));
}

void TestApiKeys::parseList_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("one") << QStringLiteral("alpha") << QStringList {QStringLiteral("alpha")};
    QTest::newRow("trimmed") << QStringLiteral("  alpha , beta\t")
                             << QStringList {QStringLiteral("alpha"), QStringLiteral("beta")};
    QTest::newRow("empties dropped") << QStringLiteral(",alpha,, ,beta,")
                                     << QStringList {QStringLiteral("alpha"), QStringLiteral("beta")};
    QTest::newRow("duplicates") << QStringLiteral("alpha,alpha") << QStringList {QStringLiteral("alpha")};
    QTest::newRow("only commas") << QStringLiteral(", ,") << QStringList();
}

void TestApiKeys::parseList()
{
    QFETCH(QString, input);
    QFETCH(QStringList, keys);
    QCOMPARE(ApiKeys::parseList(input), keys);
}

void TestApiKeys::matches_data()
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

void TestApiKeys::matches()
{
    QFETCH(QByteArray, presented);
    QFETCH(bool, match);
    const ApiKeys keys(QStringList {
        QStringLiteral("test-key-one"), QStringLiteral(" test-key-two-longer "), QStringLiteral("test-ключ")});
    QCOMPARE(keys.count(), 3);
    QCOMPARE(keys.matches(presented), match);
}

void TestApiKeys::emptySetMatchesNothing()
{
    ApiKeys keys;
    QVERIFY(keys.isEmpty());
    QVERIFY(!keys.matches(QByteArray()));
    QVERIFY(!keys.matches("anything"));
    keys.add(QStringLiteral("   "));
    QVERIFY(keys.isEmpty());
    QVERIFY(!keys.matches(QByteArray())); // the empty string is never a key, even hashed
}

void TestApiKeys::duplicatesCollapse()
{
    ApiKeys keys;
    keys.add(QStringList {QStringLiteral("test-a"), QStringLiteral("test-a"), QStringLiteral("test-b")});
    QCOMPARE(keys.count(), 2);
    keys.clear();
    QVERIFY(!keys.matches("test-a"));
}

void TestApiKeys::extract_data()
{
    using H = HttpRequest::Header;
    QTest::addColumn<QList<H>>("headers");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("key");
    const int none = int(ApiKeys::Presented::Kind::None);
    const int notBearer = int(ApiKeys::Presented::Kind::NotBearer);
    const int key = int(ApiKeys::Presented::Kind::Key);

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

void TestApiKeys::extract()
{
    QFETCH(QList<HttpRequest::Header>, headers);
    QFETCH(int, kind);
    QFETCH(QByteArray, key);
    const ApiKeys::Presented p = ApiKeys::extract(requestWith(headers));
    QCOMPARE(int(p.kind), kind);
    QCOMPARE(p.key, key);
}

void TestApiKeys::redacted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown");
    QTest::newRow("local key") << QStringLiteral("sk-flarechat-0000000000000000000000000000000000000abcd")
                               << QStringLiteral("sk-flarechat-…abcd");
    QTest::newRow("other key") << QStringLiteral("test-key-wxyz-and-more") << QStringLiteral("…more");
    QTest::newRow("too short to show a tail") << QStringLiteral("abc") << QStringLiteral("…");
    QTest::newRow("prefix only") << QStringLiteral("sk-flarechat-") << QStringLiteral("sk-flarechat-…");
}

void TestApiKeys::redacted()
{
    QFETCH(QString, key);
    QFETCH(QString, shown);
    QCOMPARE(ApiKeys::redacted(key), shown);
}

QTEST_GUILESS_MAIN(TestApiKeys)
#include "tst_apikeys.moc"
