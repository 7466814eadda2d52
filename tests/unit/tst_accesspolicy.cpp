#include "http/HttpRequest.h"
#include "server/AccessPolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flarechat;

using H = HttpRequest::Header;
Q_DECLARE_METATYPE(QHostAddress)

// The key below is made up for the tests and shaped so it cannot be mistaken for a real one.
static const QString kKey = QStringLiteral("test-local-key");
static const QHostAddress kLoopback(QHostAddress::LocalHost);
static const QHostAddress kLan(QStringLiteral("192.168.1.20"));

class TestAccessPolicy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validateBind_data();
    void validateBind();
    void host_data();
    void host();
    void hostRejectionIsOpenAiShaped();
    void auth_data();
    void auth();
    void unauthorizedBodyIsOpenAiShape();
    void keyWaivedOnlyForLoopbackPeers();
    void corsOnResponses_data();
    void corsOnResponses();
    void preflight_data();
    void preflight();
    void preflightHeadersAreFiltered();
    void disallowedOriginRefused_data();
    void disallowedOriginRefused();
    void wildcardNeedsAKey();
};

static HttpRequest request(const QByteArray& method, const QString& path, const QList<H>& headers, int versionMinor = 1)
{
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.target = path.toUtf8();
    r.versionMinor = versionMinor;
    r.headers = headers;
    return r;
}

static AccessPolicy policy(AccessPolicy::Config c = {}, const QStringList& keys = {kKey})
{
    return AccessPolicy(std::move(c), ApiKeyVerifier(keys));
}

static const QByteArray kBearer = "Bearer " + kKey.toUtf8();

void TestAccessPolicy::validateBind_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addColumn<bool>("haveKeys");
    QTest::addColumn<bool>("requireKey");
    QTest::addColumn<QString>("error"); // a fragment of the message, empty = ok

    QTest::newRow("loopback with key") << "127.0.0.1" << true << true << QString();
    QTest::newRow("loopback waived") << "127.0.0.1" << false << false << QString();
    QTest::newRow("ipv6 loopback waived") << "::1" << false << false << QString();
    QTest::newRow("loopback needs a key to exist") << "127.0.0.1" << false << true << "none is configured";
    QTest::newRow("lan with key") << "192.168.1.20" << true << true << QString();
    QTest::newRow("any with key") << "0.0.0.0" << true << true << QString();
    QTest::newRow("lan without keys") << "192.168.1.20" << false << true << "needs at least one API key";
    QTest::newRow("lan waived") << "192.168.1.20" << true << false << "without API keys";
    QTest::newRow("any waived") << "0.0.0.0" << false << false << "without API keys";
    QTest::newRow("ipv6 any without keys") << "::" << false << true << "needs at least one API key";
    QTest::newRow("mapped loopback") << "::ffff:127.0.0.1" << false << false << QString();
    QTest::newRow("invalid") << "" << true << true << "not a valid IP address";
}

void TestAccessPolicy::validateBind()
{
    QFETCH(QString, bind);
    QFETCH(bool, haveKeys);
    QFETCH(bool, requireKey);
    QFETCH(QString, error);
    const QString message = AccessPolicy::validateBind(QHostAddress(bind), haveKeys, requireKey);
    if (error.isEmpty())
        QVERIFY2(message.isEmpty(), qPrintable(message));
    else
        QVERIFY2(message.contains(error), qPrintable(message));
}

void TestAccessPolicy::host_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QList<H>>("headers");
    QTest::addColumn<int>("versionMinor");
    QTest::addColumn<int>("status"); // 0 = passes the host check

    const QString lo = QStringLiteral("127.0.0.1");
    const QStringList none;
    auto host = [](const char* h) { return QList<H> {{"host", h}, {"authorization", kBearer}}; };

    QTest::newRow("localhost") << lo << none << host("localhost") << 1 << 0;
    QTest::newRow("localhost:port") << lo << none << host("localhost:8787") << 1 << 0;
    QTest::newRow("LOCALHOST") << lo << none << host("LocalHost:8787") << 1 << 0;
    QTest::newRow("localhost.") << lo << none << host("localhost.:8787") << 1 << 0;
    QTest::newRow("127.0.0.1") << lo << none << host("127.0.0.1") << 1 << 0;
    QTest::newRow("127.0.0.1:port") << lo << none << host("127.0.0.1:8787") << 1 << 0;
    QTest::newRow("[::1]") << lo << none << host("[::1]") << 1 << 0;
    QTest::newRow("[::1]:port") << lo << none << host("[::1]:8787") << 1 << 0;
    QTest::newRow("rebinding name") << lo << none << host("attacker.example") << 1 << 403;
    QTest::newRow("rebinding name with port") << lo << none << host("attacker.example:8787") << 1 << 403;
    QTest::newRow("localhost suffix trick") << lo << none << host("localhost.attacker.example") << 1 << 403;
    QTest::newRow("lan ip on loopback bind") << lo << none << host("192.168.1.20:8787") << 1 << 403;
    QTest::newRow("decimal ip") << lo << none << host("2130706433") << 1 << 403;
    QTest::newRow("user name") << lo << QStringList {QStringLiteral("MyBox.lan")} << host("mybox.lan:8787") << 1 << 0;
    QTest::newRow("user name entered with port")
        << lo << QStringList {QStringLiteral("mybox.lan:1234")} << host("mybox.lan") << 1 << 0;
    QTest::newRow("user wildcard") << lo << QStringList {QStringLiteral("*.home.arpa")} << host("pc.home.arpa") << 1
                                   << 0;
    QTest::newRow("user wildcard not the bare name")
        << lo << QStringList {QStringLiteral("*.home.arpa")} << host("home.arpa") << 1 << 403;
    QTest::newRow("user wildcard not a lookalike")
        << lo << QStringList {QStringLiteral("*.home.arpa")} << host("evilhome.arpa") << 1 << 403;
    QTest::newRow("missing on 1.1") << lo << none << QList<H> {{"authorization", kBearer}} << 1 << 400;
    QTest::newRow("missing on 1.0") << lo << none << QList<H> {{"authorization", kBearer}} << 0 << 0;
    QTest::newRow("twice") << lo << none << QList<H> {{"host", "localhost"}, {"host", "localhost"}} << 1 << 400;
    QTest::newRow("empty") << lo << none << host("") << 1 << 400;
    QTest::newRow("unbracketed ipv6") << lo << none << host("::1") << 1 << 400;
    QTest::newRow("bad port") << lo << none << host("localhost:http") << 1 << 400;
    QTest::newRow("port too big") << lo << none << host("localhost:65536") << 1 << 400;
    QTest::newRow("empty port") << lo << none << host("localhost:") << 1 << 400;
    QTest::newRow("userinfo") << lo << none << host("user@localhost") << 1 << 400;
    QTest::newRow("bracket not closed") << lo << none << host("[::1") << 1 << 400;
    QTest::newRow("ipv4 in brackets") << lo << none << host("[127.0.0.1]") << 1 << 400;
    QTest::newRow("lan bind: its address") << "192.168.1.20" << none << host("192.168.1.20:8787") << 1 << 0;
    QTest::newRow("lan bind: localhost") << "192.168.1.20" << none << host("localhost") << 1 << 0;
    QTest::newRow("lan bind: other ip") << "192.168.1.20" << none << host("192.168.1.21") << 1 << 403;
    QTest::newRow("lan bind: a name") << "192.168.1.20" << none << host("desk.example") << 1 << 403;
    QTest::newRow("lan bind: user name") << "192.168.1.20" << QStringList {QStringLiteral("desk.example")}
                                         << host("desk.example:8787") << 1 << 0;
    QTest::newRow("any bind: ip literal") << "0.0.0.0" << none << host("10.1.2.3:8787") << 1 << 0;
    QTest::newRow("any bind: ipv6 literal") << "::" << none << host("[fd00::5]:8787") << 1 << 0;
    QTest::newRow("any bind: a name") << "0.0.0.0" << none << host("attacker.example") << 1 << 403;
    QTest::newRow("user star disables the check")
        << lo << QStringList {QStringLiteral("*")} << host("any.example") << 1 << 0;
}

void TestAccessPolicy::host()
{
    QFETCH(QString, bind);
    QFETCH(QStringList, allowed);
    QFETCH(QList<H>, headers);
    QFETCH(int, versionMinor);
    QFETCH(int, status);
    AccessPolicy::Config c;
    c.bind = QHostAddress(bind);
    c.allowedHosts = allowed;
    const AccessPolicy p = policy(c);
    const auto d = p.check(request("GET", QStringLiteral("/v1/models"), headers, versionMinor), kLoopback);
    if (status == 0) {
        QVERIFY2(d.allowed, d.errorBody().constData());
    } else {
        QVERIFY(!d.allowed);
        QCOMPARE(d.status, status);
        QCOMPARE(d.error.httpStatus, status);
    }
}

void TestAccessPolicy::hostRejectionIsOpenAiShaped()
{
    const auto d = policy().check(request("GET", QStringLiteral("/health"), {{"host", "attacker.example"}}), kLoopback);
    QCOMPARE(d.status, 403);
    const QJsonObject error = QJsonDocument::fromJson(d.errorBody()).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("permission_error"));
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("host_not_allowed"));
    QVERIFY(error.contains(QLatin1String("param")));
    QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("attacker.example")));
    QVERIFY(d.headers.isEmpty()); // no CORS headers on a rebinding attempt
}

void TestAccessPolicy::auth_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<H>>("headers");
    QTest::addColumn<bool>("requireKey");
    QTest::addColumn<int>("status"); // 0 = allowed
    QTest::addColumn<QString>("message");

    const H host {"host", "127.0.0.1:8787"};
    QTest::newRow("bearer") << QByteArray("POST") << "/v1/chat/completions"
                            << QList<H> {host, {"authorization", kBearer}} << true << 0 << QString();
    QTest::newRow("bearer lower-case scheme")
        << QByteArray("GET") << "/v1/models" << QList<H> {host, {"authorization", "bearer " + kKey.toUtf8()}} << true
        << 0 << QString();
    QTest::newRow("x-api-key") << QByteArray("GET") << "/v1/models" << QList<H> {host, {"x-api-key", kKey.toUtf8()}}
                               << true << 0 << QString();
    QTest::newRow("missing") << QByteArray("GET") << "/v1/models" << QList<H> {host} << true << 401
                             << "Authorization: Bearer";
    QTest::newRow("wrong key") << QByteArray("GET") << "/v1/models"
                               << QList<H> {host, {"authorization", "Bearer test-wrong-key"}} << true << 401
                               << "Incorrect API key provided";
    QTest::newRow("seed default key") << QByteArray("GET") << "/v1/models"
                                      << QList<H> {host, {"authorization", "Bearer your-api-key-here"}} << true << 401
                                      << "Incorrect API key provided";
    QTest::newRow("basic") << QByteArray("GET") << "/v1/models"
                           << QList<H> {host, {"authorization", "Basic " + kKey.toUtf8().toBase64()}} << true << 401
                           << "Bearer auth";
    QTest::newRow("health exempt") << QByteArray("GET") << "/health" << QList<H> {host} << true << 0 << QString();
    QTest::newRow("health HEAD exempt") << QByteArray("HEAD") << "/health" << QList<H> {host} << true << 0 << QString();
    QTest::newRow("health POST not exempt")
        << QByteArray("POST") << "/health" << QList<H> {host} << true << 401 << "didn't provide";
    QTest::newRow("health lookalike") << QByteArray("GET") << "/health/../v1/models" << QList<H> {host} << true << 401
                                      << "didn't provide";
    QTest::newRow("plain OPTIONS needs a key")
        << QByteArray("OPTIONS") << "/v1/models" << QList<H> {host} << true << 401 << "didn't provide";
    QTest::newRow("waived") << QByteArray("POST") << "/v1/chat/completions" << QList<H> {host} << false << 0
                            << QString();
    QTest::newRow("waived ignores a wrong key")
        << QByteArray("GET") << "/v1/models" << QList<H> {host, {"authorization", "Bearer sk-anything"}} << false << 0
        << QString();
}

void TestAccessPolicy::auth()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QList<H>, headers);
    QFETCH(bool, requireKey);
    QFETCH(int, status);
    QFETCH(QString, message);
    AccessPolicy::Config c;
    c.requireKey = requireKey;
    const auto d = policy(c).check(request(method, path, headers), kLoopback);
    if (status == 0) {
        QVERIFY2(d.allowed, d.errorBody().constData());
        QVERIFY(!d.preflight);
        QVERIFY(!d.error.isValid());
        return;
    }
    QVERIFY(!d.allowed);
    QCOMPARE(d.status, status);
    QCOMPARE(d.header("www-authenticate"), QByteArray("Bearer"));
    QVERIFY2(d.error.message.contains(message), qPrintable(d.error.message));
    QVERIFY(!d.error.message.contains(kKey));
    QVERIFY(!d.errorBody().contains(kKey.toUtf8()));
}

void TestAccessPolicy::unauthorizedBodyIsOpenAiShape()
{
    const auto d = policy().check(request("POST", QStringLiteral("/v1/chat/completions"),
                                      {{"host", "localhost:8787"}, {"authorization", "Bearer test-wrong-key"}}),
        kLoopback);
    QCOMPARE(d.status, 401);
    const QJsonObject body = QJsonDocument::fromJson(d.errorBody()).object();
    QCOMPARE(body.keys(), QStringList {QStringLiteral("error")});
    const QJsonObject error = body.value(QLatin1String("error")).toObject();
    QCOMPARE(error.keys().size(), 4);
    QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_api_key"));
    QVERIFY(error.value(QLatin1String("param")).isNull());
    QVERIFY(error.value(QLatin1String("message")).toString().startsWith(QLatin1String("Incorrect API key provided")));
    QVERIFY(!d.errorBody().contains("test-wrong-key")); // the presented key is never echoed
}

void TestAccessPolicy::keyWaivedOnlyForLoopbackPeers()
{
    AccessPolicy::Config c;
    c.requireKey = false;
    const AccessPolicy p = policy(c);
    const HttpRequest r = request("GET", QStringLiteral("/v1/models"), {{"host", "localhost"}});
    QVERIFY(p.check(r, kLoopback).allowed);
    QVERIFY(p.check(r, QHostAddress(QStringLiteral("::ffff:127.0.0.1"))).allowed);
    QVERIFY(p.check(r, QHostAddress(QStringLiteral("::1"))).allowed);
    const auto fromLan = p.check(r, kLan);
    QVERIFY(!fromLan.allowed);
    QCOMPARE(fromLan.status, 401);
}

void TestAccessPolicy::corsOnResponses_data()
{
    QTest::addColumn<QStringList>("origins");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("allowOrigin"); // expected Access-Control-Allow-Origin, null = none

    const QStringList star {QStringLiteral("*")};
    const QStringList listed {QStringLiteral("https://app.example"), QStringLiteral("http://localhost:3000/")};
    QTest::newRow("star") << star << QByteArray("https://any.example") << QByteArray("*");
    QTest::newRow("listed echoes origin")
        << listed << QByteArray("https://app.example") << QByteArray("https://app.example");
    QTest::newRow("listed with trailing slash")
        << listed << QByteArray("http://localhost:3000") << QByteArray("http://localhost:3000");
    QTest::newRow("star plus listed echoes")
        << (listed + star) << QByteArray("https://app.example") << QByteArray("https://app.example");
    QTest::newRow("no origin") << star << QByteArray() << QByteArray();
}

void TestAccessPolicy::corsOnResponses()
{
    QFETCH(QStringList, origins);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, allowOrigin);
    AccessPolicy::Config c;
    c.corsOrigins = origins;
    QList<H> headers {{"host", "localhost:8787"}, {"authorization", kBearer}};
    if (!origin.isNull())
        headers.append({"origin", origin});
    const auto d = policy(c).check(request("POST", QStringLiteral("/v1/chat/completions"), headers), kLoopback);
    QVERIFY(d.allowed);
    QCOMPARE(d.header("access-control-allow-origin"), allowOrigin);
    if (allowOrigin.isNull()) {
        QVERIFY(d.headers.isEmpty());
    } else {
        QCOMPARE(d.header("vary"), QByteArray("Origin"));
        QVERIFY(d.header("access-control-expose-headers").contains("Retry-After"));
        QVERIFY(d.header("access-control-allow-credentials").isNull());
    }

    // A refused key still carries CORS headers, so browser code can read the 401.
    headers.removeAt(1);
    const auto refused = policy(c).check(request("POST", QStringLiteral("/v1/chat/completions"), headers), kLoopback);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.header("access-control-allow-origin"), allowOrigin);
}

void TestAccessPolicy::preflight_data()
{
    QTest::addColumn<QList<H>>("headers");
    QTest::addColumn<QByteArray>("allowHeaders");
    QTest::addColumn<bool>("privateNetwork");

    const QList<H> base {
        {"host", "127.0.0.1:8787"}, {"origin", "https://chat.example"}, {"access-control-request-method", "POST"}};
    QTest::newRow("no requested headers") << base << QByteArray("authorization, content-type") << false;
    QTest::newRow("openai sdk headers")
        << (base
               + QList<H> {{"access-control-request-headers",
                   "authorization,content-type,x-stainless-os,x-stainless-lang,openai-organization,openai-project"}})
        << QByteArray("authorization, content-type, x-stainless-os, x-stainless-lang, openai-organization, "
                      "openai-project")
        << false;
    QTest::newRow("case and spaces") << (base
        + QList<H> {{"access-control-request-headers", "X-Api-Key , Content-Type"}})
                                     << QByteArray("authorization, content-type, x-api-key") << false;
    QTest::newRow("private network") << (base + QList<H> {{"access-control-request-private-network", "true"}})
                                     << QByteArray("authorization, content-type") << true;
}

void TestAccessPolicy::preflight()
{
    QFETCH(QList<H>, headers);
    QFETCH(QByteArray, allowHeaders);
    QFETCH(bool, privateNetwork);
    // No Authorization on the preflight: browsers never send one.
    const auto d = policy().check(request("OPTIONS", QStringLiteral("/v1/chat/completions"), headers), kLoopback);
    QVERIFY(d.preflight);
    QVERIFY(!d.allowed);
    QCOMPARE(d.status, 204);
    QVERIFY(!d.error.isValid());
    QCOMPARE(d.header("access-control-allow-origin"), QByteArray("*"));
    QCOMPARE(d.header("access-control-allow-methods"), QByteArray("GET, POST, OPTIONS"));
    QCOMPARE(d.header("access-control-allow-headers"), allowHeaders);
    QCOMPARE(d.header("access-control-max-age"), QByteArray("86400"));
    QCOMPARE(d.header("access-control-allow-private-network"), privateNetwork ? QByteArray("true") : QByteArray());
    QVERIFY(d.header("www-authenticate").isNull());
}

void TestAccessPolicy::preflightHeadersAreFiltered()
{
    const auto d = policy().check(
        request("OPTIONS", QStringLiteral("/v1/models"),
            {{"host", "localhost"}, {"origin", "https://chat.example"}, {"access-control-request-method", "GET"},
                {"access-control-request-headers", "x-ok, bad header, x\"q, , x-ok"}}),
        kLoopback);
    QCOMPARE(d.status, 204);
    QCOMPARE(d.header("access-control-allow-headers"), QByteArray("authorization, content-type, x-ok"));
}

void TestAccessPolicy::disallowedOriginRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QList<H>>("headers");
    const QList<H> base {{"host", "localhost"}, {"origin", "https://evil.example"}};
    QTest::newRow("preflight") << QByteArray("OPTIONS")
                               << (base + QList<H> {{"access-control-request-method", "POST"}});
    QTest::newRow("simple post with key") << QByteArray("POST") << (base + QList<H> {{"authorization", kBearer}});
}

void TestAccessPolicy::disallowedOriginRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QList<H>, headers);
    AccessPolicy::Config c;
    c.corsOrigins = QStringList {QStringLiteral("https://app.example")};
    const auto d = policy(c).check(request(method, QStringLiteral("/v1/chat/completions"), headers), kLoopback);
    QVERIFY(!d.allowed);
    QVERIFY(!d.preflight);
    QCOMPARE(d.status, 403);
    QCOMPARE(d.error.code, QStringLiteral("origin_not_allowed"));
    QVERIFY(d.header("access-control-allow-origin").isNull());
}

void TestAccessPolicy::wildcardNeedsAKey()
{
    // With the key waived, "*" must not let every web page drive the server.
    AccessPolicy::Config c;
    c.requireKey = false;
    const AccessPolicy waived = policy(c, {});
    auto post = [](const QByteArray& origin) {
        return request("POST", QStringLiteral("/v1/chat/completions"), {{"host", "localhost"}, {"origin", origin}});
    };
    QCOMPARE(waived.check(post("https://evil.example"), kLoopback).status, 403);
    QVERIFY(waived.check(post("http://localhost:3000"), kLoopback).allowed);
    QVERIFY(waived.check(post("http://127.0.0.1:5173"), kLoopback).allowed);
    QVERIFY(waived.check(post("http://[::1]:8080"), kLoopback).allowed);
    QCOMPARE(waived.check(post("http://localhost.evil.example"), kLoopback).status, 403);
    QCOMPARE(waived.check(post("null"), kLoopback).status, 403);

    c.corsOrigins.append(QStringLiteral("https://trusted.example"));
    QVERIFY(policy(c, {}).check(post("https://trusted.example"), kLoopback).allowed);

    // With a key required, "*" admits the page, and the key does the gatekeeping.
    const auto keyed = policy().check(post("https://evil.example"), kLoopback);
    QCOMPARE(keyed.status, 401);
    QCOMPARE(keyed.header("access-control-allow-origin"), QByteArray("*"));
}

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
