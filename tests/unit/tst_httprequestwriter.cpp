#include "http/HttpRequestWriter.h"
#include "http/HttpRoutePlanner.h"

#include <QtTest>

using namespace flarechat;

class TestHttpRequestWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writes_data();
    void writes();
    void eachProxySetting_data();
    void eachProxySetting();
    void routeKeys();
    void refusesUnsafeHeaders_data();
    void refusesUnsafeHeaders();
};

namespace {

// headers: name, value, name, value, ...
QNetworkRequest makeRequest(const QString& url, const QByteArrayList& headers)
{
    QNetworkRequest request {QUrl(url)};
    for (qsizetype i = 0; i + 1 < headers.size(); i += 2)
        request.setRawHeader(headers.at(i), headers.at(i + 1));
    return request;
}

} // namespace

void TestHttpRequestWriter::writes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("absoluteForm");
    QTest::addColumn<QByteArray>("proxyAuthorization");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray none;
    // Origin form: the target is the path and query, encoded as the URL has them.
    QTest::newRow("get") << QByteArray("GET") << QStringLiteral("http://example.com/v1/models") << QByteArrayList()
                         << none << false << none << QByteArray("GET /v1/models HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("empty path is /") << QByteArray("GET") << QStringLiteral("http://example.com") << QByteArrayList()
                                     << none << false << none
                                     << QByteArray("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("path and query stay encoded")
        << QByteArray("GET") << QStringLiteral("http://example.com/a%20b/@cf?x=1&y=%2F") << QByteArrayList() << none
        << false << none << QByteArray("GET /a%20b/@cf?x=1&y=%2F HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("empty query is kept") << QByteArray("GET") << QStringLiteral("http://example.com/p?")
                                         << QByteArrayList() << none << false << none
                                         << QByteArray("GET /p? HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("fragment and user info never sent")
        << QByteArray("GET") << QStringLiteral("http://user:pw@example.com/p#frag") << QByteArrayList() << none << false
        << none << QByteArray("GET /p HTTP/1.1\r\nHost: example.com\r\n\r\n");

    // Host: the port only when it is not the scheme's default; IPv6 literals in brackets.
    QTest::newRow("http non-default port")
        << QByteArray("GET") << QStringLiteral("http://example.com:8080/") << QByteArrayList() << none << false << none
        << QByteArray("GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
    QTest::newRow("http explicit 80") << QByteArray("GET") << QStringLiteral("http://example.com:80/")
                                      << QByteArrayList() << none << false << none
                                      << QByteArray("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("https explicit 443") << QByteArray("GET") << QStringLiteral("https://example.com:443/")
                                        << QByteArrayList() << none << false << none
                                        << QByteArray("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("http on 443") << QByteArray("GET") << QStringLiteral("http://example.com:443/") << QByteArrayList()
                                 << none << false << none
                                 << QByteArray("GET / HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    QTest::newRow("https on 80") << QByteArray("GET") << QStringLiteral("https://example.com:80/") << QByteArrayList()
                                 << none << false << none
                                 << QByteArray("GET / HTTP/1.1\r\nHost: example.com:80\r\n\r\n");
    QTest::newRow("ipv6 literal") << QByteArray("GET") << QStringLiteral("http://[::1]:8080/x") << QByteArrayList()
                                  << none << false << none << QByteArray("GET /x HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n");
    QTest::newRow("ipv6 literal, default port")
        << QByteArray("GET") << QStringLiteral("https://[2001:db8::1]/x") << QByteArrayList() << none << false << none
        << QByteArray("GET /x HTTP/1.1\r\nHost: [2001:db8::1]\r\n\r\n");

    // The caller's headers in their order and spelling, after Host; the body last.
    QTest::newRow("chat completion") << QByteArray(
        "POST") << QStringLiteral("https://api.cloudflare.com/client/v4/accounts/abc/ai/v1/chat/completions")
                                     << QByteArrayList {"Authorization", "Bearer tok", "Content-Type",
                                            "application/json", "accept", "text/event-stream"}
                                     << QByteArray("{\"a\":1}") << false << none
                                     << QByteArray("POST /client/v4/accounts/abc/ai/v1/chat/completions HTTP/1.1\r\n"
                                                   "Host: api.cloudflare.com\r\n"
                                                   "Authorization: Bearer tok\r\n"
                                                   "Content-Type: application/json\r\n"
                                                   "accept: text/event-stream\r\n"
                                                   "Content-Length: 7\r\n"
                                                   "\r\n"
                                                   "{\"a\":1}");

    // Content-Length: for a body, and for POST and PUT even without one.
    QTest::newRow("empty post") << QByteArray("POST") << QStringLiteral("http://example.com/") << QByteArrayList()
                                << none << false << none
                                << QByteArray("POST / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("empty put") << QByteArray("PUT") << QStringLiteral("http://example.com/") << QByteArrayList() << none
                               << false << none
                               << QByteArray("PUT / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("get with a body") << QByteArray("GET") << QStringLiteral("http://example.com/") << QByteArrayList()
                                     << QByteArray("x") << false << none
                                     << QByteArray("GET / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 1\r\n\r\nx");
    QTest::newRow("empty delete") << QByteArray("DELETE") << QStringLiteral("http://example.com/") << QByteArrayList()
                                  << none << false << none
                                  << QByteArray("DELETE / HTTP/1.1\r\nHost: example.com\r\n\r\n");
    QTest::newRow("head") << QByteArray("HEAD") << QStringLiteral("http://example.com/") << QByteArrayList() << none
                          << false << none << QByteArray("HEAD / HTTP/1.1\r\nHost: example.com\r\n\r\n");

    // The client frames the body and owns the connection: the caller's framing goes, any case.
    QTest::newRow("caller's framing headers dropped")
        << QByteArray("POST") << QStringLiteral("http://example.com/")
        << QByteArrayList {"HOST", "evil.example", "content-LENGTH", "99", "Connection", "close", "Transfer-Encoding",
               "chunked", "X-Kept", "1"}
        << QByteArray("abc") << false << none
        << QByteArray("POST / HTTP/1.1\r\nHost: example.com\r\nX-Kept: 1\r\nContent-Length: 3\r\n\r\nabc");
    // Proxy credentials come from the route alone.
    QTest::newRow("caller's Proxy-Authorization dropped")
        << QByteArray("GET") << QStringLiteral("http://example.com/")
        << QByteArrayList {"Proxy-Authorization", "Basic Zm9vOmJhcg=="} << none << false << none
        << QByteArray("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n");

    // Absolute form, for a plain-HTTP proxy: the whole URL without user info or fragment.
    QTest::newRow("absolute form") << QByteArray("GET") << QStringLiteral("http://user:pw@example.com:8080/p?q=1#f")
                                   << QByteArrayList() << none << true << none
                                   << QByteArray("GET http://example.com:8080/p?q=1 HTTP/1.1\r\n"
                                                 "Host: example.com:8080\r\n\r\n");
    // An empty path stays empty in absolute form (a valid absolute-URI, RFC 9112 §3.2.2).
    QTest::newRow("absolute form, empty path")
        << QByteArray("GET") << QStringLiteral("http://example.com") << QByteArrayList() << none << true << none
        << QByteArray("GET http://example.com HTTP/1.1\r\n"
                      "Host: example.com\r\n\r\n");
    QTest::newRow("absolute form with proxy credentials")
        << QByteArray("POST") << QStringLiteral("http://example.com/run")
        << QByteArrayList {"Proxy-Authorization", "Basic Zm9vOmJhcg==", "Content-Type", "text/plain"}
        << QByteArray("hi") << true << QByteArray("Basic dTpw")
        << QByteArray("POST http://example.com/run HTTP/1.1\r\n"
                      "Host: example.com\r\n"
                      "Content-Type: text/plain\r\n"
                      "Content-Length: 2\r\n"
                      "Proxy-Authorization: Basic dTpw\r\n"
                      "\r\n"
                      "hi");
}

void TestHttpRequestWriter::writes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArrayList, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, absoluteForm);
    QFETCH(QByteArray, proxyAuthorization);
    QFETCH(QByteArray, expected);

    HttpRoute route;
    route.absoluteForm = absoluteForm;
    route.proxyAuthorization = proxyAuthorization;
    QCOMPARE(HttpRequestWriter::write(method, makeRequest(url, headers), body, route), expected);
}

// What each fixed proxy setting (HttpRoutePlanner) makes of a request: where the socket goes,
// what tunnels it, and the bytes written. Proxy credentials reach only a plain-HTTP proxy in the
// request itself; through a tunnel they are the socket's and never enter the request.
void TestHttpRequestWriter::eachProxySetting_data()
{
    QTest::addColumn<int>("proxyType");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("socketHost");
    QTest::addColumn<int>("socketPort");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<int>("socketProxyType");
    QTest::addColumn<QByteArray>("expected");

    const QString noUser;
    const QString alice = QStringLiteral("alice");
    const QString secret = QStringLiteral("s3cr:t \u00e9");
    const QString plain = QStringLiteral("http://example.com/p");
    const QString tls = QStringLiteral("https://example.com/p");
    const QString example = QStringLiteral("example.com");
    const QString proxyHost = QStringLiteral("proxy.test");
    const QByteArray originForm("GET /p HTTP/1.1\r\nHost: example.com\r\n\r\n");
    const QByteArray absoluteForm("GET http://example.com/p HTTP/1.1\r\nHost: example.com\r\n\r\n");
    const QByteArray absoluteWithCredentials("GET http://example.com/p HTTP/1.1\r\nHost: example.com\r\n"
                                             "Proxy-Authorization: Basic YWxpY2U6czNjcjp0IMOp\r\n\r\n");
    const int none = QNetworkProxy::NoProxy;
    const int http = QNetworkProxy::HttpProxy;
    const int caching = QNetworkProxy::HttpCachingProxy;
    const int socks = QNetworkProxy::Socks5Proxy;

    QTest::newRow("direct, http") << none << noUser << noUser << plain << example << 80 << false << none << originForm;
    QTest::newRow("direct, https") << none << noUser << noUser << tls << example << 443 << true << none << originForm;
    QTest::newRow("http proxy, http") << http << noUser << noUser << plain << proxyHost << 3128 << false << none
                                      << absoluteForm;
    QTest::newRow("http proxy, http, credentials")
        << http << alice << secret << plain << proxyHost << 3128 << false << none << absoluteWithCredentials;
    QTest::newRow("http proxy, http, user without password")
        << http << alice << QString() << plain << proxyHost << 3128 << false << none
        << QByteArray("GET http://example.com/p HTTP/1.1\r\nHost: example.com\r\n"
                      "Proxy-Authorization: Basic YWxpY2U6\r\n\r\n");
    QTest::newRow("caching proxy, http, credentials")
        << caching << alice << secret << plain << proxyHost << 3128 << false << none << absoluteWithCredentials;
    QTest::newRow("http proxy, https: CONNECT")
        << http << alice << secret << tls << example << 443 << true << http << originForm;
    QTest::newRow("caching proxy, https: CONNECT")
        << caching << alice << secret << tls << example << 443 << true << http << originForm;
    QTest::newRow("socks5, http") << socks << alice << secret << plain << example << 80 << false << socks << originForm;
    QTest::newRow("socks5, https") << socks << alice << secret << tls << example << 443 << true << socks << originForm;
}

void TestHttpRequestWriter::eachProxySetting()
{
    QFETCH(int, proxyType);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, url);
    QFETCH(QString, socketHost);
    QFETCH(int, socketPort);
    QFETCH(bool, tls);
    QFETCH(int, socketProxyType);
    QFETCH(QByteArray, expected);

    HttpRoutePlanner planner;
    planner.setProxy(
        QNetworkProxy(QNetworkProxy::ProxyType(proxyType), QStringLiteral("proxy.test"), 3128, user, password));
    const HttpRoute route = planner.routeFor(QUrl(url));
    QCOMPARE(route.host, socketHost);
    QCOMPARE(int(route.port), socketPort);
    QCOMPARE(route.tls, tls);
    QCOMPARE(int(route.socketProxy.type()), socketProxyType);
    if (socketProxyType != QNetworkProxy::NoProxy) { // the tunnel authenticates itself
        QCOMPARE(route.socketProxy.hostName(), QStringLiteral("proxy.test"));
        QCOMPARE(route.socketProxy.port(), quint16(3128));
        QCOMPARE(route.socketProxy.user(), user);
        QCOMPARE(route.socketProxy.password(), password);
    }
    QCOMPARE(route.viaHttpProxy, proxyType == QNetworkProxy::HttpProxy || proxyType == QNetworkProxy::HttpCachingProxy);
    QCOMPARE(HttpRequestWriter::write("GET", QNetworkRequest(QUrl(url)), QByteArray(), route), expected);
}

// Connections are pooled by key: the same origin through the same proxy with the same
// credentials shares connections, anything else does not.
void TestHttpRequestWriter::routeKeys()
{
    const auto key = [](const QNetworkProxy& proxy, const QString& url) {
        HttpRoutePlanner planner;
        planner.setProxy(proxy);
        return planner.routeFor(QUrl(url)).key;
    };
    const QString url = QStringLiteral("http://example.com/a");
    const QNetworkProxy direct(QNetworkProxy::NoProxy);
    const QNetworkProxy proxy(
        QNetworkProxy::HttpProxy, QStringLiteral("proxy.test"), 3128, QStringLiteral("alice"), QStringLiteral("one"));
    QNetworkProxy otherPassword = proxy;
    otherPassword.setPassword(QStringLiteral("two"));
    QNetworkProxy otherUser = proxy;
    otherUser.setUser(QStringLiteral("bob"));
    QNetworkProxy otherPort = proxy;
    otherPort.setPort(3129);
    QNetworkProxy socks = proxy;
    socks.setType(QNetworkProxy::Socks5Proxy);

    QCOMPARE(key(direct, url), key(direct, QStringLiteral("http://EXAMPLE.com:80/b?c")));
    QCOMPARE(key(proxy, url), key(proxy, url));
    QVERIFY(key(direct, url) != key(direct, QStringLiteral("https://example.com/a")));
    QVERIFY(key(direct, url) != key(direct, QStringLiteral("http://example.com:8080/a")));
    QVERIFY(key(direct, url) != key(direct, QStringLiteral("http://example.org/a")));
    QVERIFY(key(direct, url) != key(proxy, url));
    QVERIFY(key(proxy, url) != key(otherPassword, url));
    QVERIFY(key(proxy, url) != key(otherUser, url));
    QVERIFY(key(proxy, url) != key(otherPort, url));
    QVERIFY(key(proxy, url) != key(socks, url));
}

void TestHttpRequestWriter::refusesUnsafeHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("written");
    QTest::newRow("ordinary") << QByteArray("Authorization") << QByteArray("Bearer abc.DEF-123_~+/=") << true;
    QTest::newRow("tab and spaces inside") << QByteArray("X-Note") << QByteArray("a b\tc") << true;
    QTest::newRow("UTF-8 in a value") << QByteArray("X-Note") << QByteArray("caf\xc3\xa9") << true;
    QTest::newRow("CRLF in a value") << QByteArray("Authorization") << QByteArray("Bearer t\r\nX-Injected: 1") << false;
    QTest::newRow("bare LF in a value") << QByteArray("Authorization") << QByteArray("Bearer t\nX: 1") << false;
    QTest::newRow("bare CR in a value") << QByteArray("Authorization") << QByteArray("Bearer t\rX: 1") << false;
    QTest::newRow("NUL in a value") << QByteArray("X-Note") << QByteArray("a\0b", 3) << false;
    QTest::newRow("space in a name") << QByteArray("X Note") << QByteArray("v") << false;
    QTest::newRow("colon in a name") << QByteArray("X:Note") << QByteArray("v") << false;
    QTest::newRow("CRLF in a name") << QByteArray("X\r\nY") << QByteArray("v") << false;
}

void TestHttpRequestWriter::refusesUnsafeHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, written);
    QNetworkRequest request(QUrl(QStringLiteral("https://api.example.com/run")));
    request.setRawHeader(name, value);
    const QByteArray bytes = HttpRequestWriter::write("POST", request, "{}", HttpRoute());
    QCOMPARE(!bytes.isEmpty(), written);
    if (written)
        QVERIFY(bytes.contains(name + ": " + value + "\r\n"));
}

QTEST_GUILESS_MAIN(TestHttpRequestWriter)
#include "tst_httprequestwriter.moc"
