// The Workers AI client's network settings, over real sockets: chat completions through an HTTP
// and a SOCKS5 proxy (FakeProxy in front of the fake Workers AI server), with and without proxy
// credentials; "no proxy" ignoring the application proxy; proxies that refuse or hang; and the
// connect and first-byte timeouts of direct connections.
#include "FakeProxy.h"
#include "FakeWorkersAi.h"
#include "HttpRawClient.h"
#include "http/HttpClient.h"
#include "workersai/CompletionJob.h"
#include "workersai/ModelCatalog.h"
#include "workersai/WorkersAiClient.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeProxy;
using flarechat::test::FakeWorkersAi;

namespace {

const QString kUser = QStringLiteral("proxy-user");
const QString kPassword = QStringLiteral("s3cret:pr0xy-pass"); // a colon, for Basic's user:password split
const QString kProxiedHost = QStringLiteral("workers-ai.proxy.test"); // only the proxies resolve it

// Collects what a job emitted.
struct Collector
{
    explicit Collector(CompletionJob* job)
    {
        QObject::connect(job, &CompletionJob::delta, job, [this](const ChatDelta& d) {
            content += d.content;
            ++deltas;
        });
        QObject::connect(job, &CompletionJob::finished, job, [this](const ChatResult& r) {
            result = r;
            ++finished;
        });
        QObject::connect(job, &CompletionJob::failed, job, [this](const ApiError& e) {
            error = e;
            ++failed;
        });
        QObject::connect(job, &CompletionJob::cancelled, job, [this] { ++cancelled; });
        QObject::connect(job, &CompletionJob::retrying, job, [this] { ++retries; });
    }
    bool done() const { return finished + failed + cancelled > 0; }
    QString content;
    int deltas = 0;
    ChatResult result;
    ApiError error;
    int finished = 0;
    int failed = 0;
    int cancelled = 0;
    int retries = 0;
};

// A port nothing listens on.
quint16 deadPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort(); // closed when probe goes
}

// A local IPv4 address that is not loopback, or null: Qt never sends loopback requests through
// the application proxy, so tests of "the application proxy is (not) used" need another address.
QHostAddress nonLoopbackAddress()
{
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress& a : all) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            return a;
    }
    return {};
}

// A server that accepts connections, reads what comes and never answers.
class SilentServer : public QObject
{
public:
    bool listen()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                s->setParent(this);
                QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->readAll(); });
                QObject::connect(s, &QTcpSocket::disconnected, this, [this] { ++closed; });
                ++accepted;
            }
        });
        m_server.setProxy(QNetworkProxy::NoProxy);
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }
    int accepted = 0;
    int closed = 0;

private:
    QTcpServer m_server;
};

} // namespace

class TestProxy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void httpProxyStreams_data();
    void httpProxyStreams();
    void httpProxyWrongPassword();
    void httpProxyConnectTunnel();
    void socks5Streams_data();
    void socks5Streams();
    void socks5WrongPassword();
    void proxyChangeReachesEveryConnection();
    void noneIgnoresApplicationProxy();
    void systemFollowsProxyEnvironment();
    void proxyRefused_data();
    void proxyRefused();
    void socks5TargetRefused();
    void fixedProxyPasswordTakesEffect_data();
    void fixedProxyPasswordTakesEffect();
    void silentProxyTimesOut_data();
    void silentProxyTimesOut();
    void hungConnectionDoesNotBlockNextRequest();
    void connectTimeoutWhenConnectionNeverCompletes();
    void firstByteTimeoutWhenServerNeverAnswers();

private:
    CompletionJob* chat(const QString& text, bool stream = true);
    Endpoint endpoint() const;
    Endpoint proxied(FakeProxy::Kind kind, quint16 port, bool credentials) const;

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<WorkersAiClient> m_client;
    ModelCatalog m_catalog = ModelCatalog::builtIn();
};

Endpoint TestProxy::endpoint() const
{
    return m_fake->endpoint();
}

Endpoint TestProxy::proxied(FakeProxy::Kind kind, quint16 port, bool credentials) const
{
    Endpoint ep = endpoint();
    ep.proxyMode = kind == FakeProxy::Kind::Http ? Endpoint::ProxyMode::Http : Endpoint::ProxyMode::Socks5;
    ep.proxyHost = QStringLiteral("127.0.0.1");
    ep.proxyPort = port;
    if (credentials) {
        ep.proxyUser = kUser;
        ep.proxyPassword = kPassword;
    }
    return ep;
}

void TestProxy::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_client = std::make_unique<WorkersAiClient>();
    m_client->setEndpoint(endpoint());
    ClientOptions o;
    o.retryBaseDelayMs = 20;
    m_client->setOptions(o);
}

void TestProxy::cleanup()
{
    m_client.reset();
    m_fake.reset();
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    qunsetenv("http_proxy");
    qunsetenv("HTTP_PROXY");
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");
}

CompletionJob* TestProxy::chat(const QString& text, bool stream)
{
    ChatRequest r;
    r.model = QStringLiteral("llama-3.3-70b");
    r.messages = {ChatMessage::user(text)};
    r.stream = stream;
    return m_client->chat(r, m_catalog.resolve(r.model));
}

void TestProxy::httpProxyStreams_data()
{
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<bool>("byName"); // the URL names a host only the proxy can resolve
    QTest::newRow("open proxy") << false << false;
    QTest::newRow("Basic credentials") << true << false;
    QTest::newRow("host name resolved by the proxy") << false << true;
}

void TestProxy::httpProxyStreams()
{
    QFETCH(bool, credentials);
    QFETCH(bool, byName);
    FakeProxy proxy(FakeProxy::Kind::Http);
    QVERIFY(proxy.listen());
    if (credentials)
        proxy.setCredentials(kUser, kPassword);
    proxy.addHost(kProxiedHost, QHostAddress::LocalHost);
    Endpoint ep = proxied(FakeProxy::Kind::Http, proxy.port(), credentials);
    const QString host = byName ? kProxiedHost : QStringLiteral("127.0.0.1");
    ep.customBase = QUrl(QStringLiteral("http://%1:%2/client/v4").arg(host).arg(m_fake->port()));
    m_client->setEndpoint(ep);
    m_fake->setTokenDelayMs(5);

    CompletionJob* job = chat(QStringLiteral("through the proxy please"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY2(c.deltas > 3, "the stream arrives in several deltas through the proxy");
    QCOMPARE(c.content, c.result.content);
    QVERIFY2(c.result.content.contains(QStringLiteral("through the proxy please")), qPrintable(c.result.content));

    // The proxy got the request in absolute-form and reached the fake with it.
    QVERIFY(!proxy.requests().isEmpty());
    const FakeProxy::Request seen = proxy.lastRequest();
    const QString model = m_catalog.resolve(QStringLiteral("llama-3.3-70b")).id;
    QCOMPARE(seen.requestLine,
        QStringLiteral("POST http://%1:%2%3 HTTP/1.1")
            .arg(host)
            .arg(m_fake->port())
            .arg(m_fake->runPath(model))
            .toUtf8());
    QCOMPARE(seen.host, host);
    QCOMPARE(seen.port, m_fake->port());
    QVERIFY(seen.connected);
    QVERIFY(seen.authorized);
    if (credentials) {
        QCOMPARE(seen.proxyAuthorization, "Basic " + (kUser + QLatin1Char(':') + kPassword).toUtf8().toBase64());
        QCOMPARE(seen.user, kUser);
        QCOMPARE(seen.password, kPassword);
        // Any request without them was challenged, not forwarded.
        for (const FakeProxy::Request& r : proxy.requests())
            QCOMPARE(r.connected, r.authorized);
    } else {
        QVERIFY(seen.proxyAuthorization.isEmpty());
        QCOMPARE(proxy.requests().size(), 1);
    }
    QCOMPARE(m_fake->runRequests().size(), 1);
    const FakeWorkersAi::ReceivedRequest req = m_fake->lastRequest();
    QCOMPARE(req.path, m_fake->runPath(model));
    QCOMPARE(req.header("authorization"), QByteArray("Bearer ") + m_fake->apiToken());
    QVERIFY(req.header("proxy-authorization").isEmpty());
}

void TestProxy::httpProxyWrongPassword()
{
    FakeProxy proxy(FakeProxy::Kind::Http);
    QVERIFY(proxy.listen());
    proxy.setCredentials(kUser, QStringLiteral("another password"));
    m_client->setEndpoint(proxied(FakeProxy::Kind::Http, proxy.port(), true));

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(c.error.code, QStringLiteral("proxy_authentication_failed"));
    QVERIFY2(c.error.message.contains(QStringLiteral("proxy")), qPrintable(c.error.message));
    QVERIFY2(c.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(proxy.port())), qPrintable(c.error.message));
    QVERIFY2(!c.error.message.contains(kPassword), qPrintable(c.error.message));
    QCOMPARE(c.retries, 0); // the same credentials would fail again
    QCOMPARE(m_fake->runRequests().size(), 0);
    QVERIFY(!proxy.requests().isEmpty());
    for (const FakeProxy::Request& r : proxy.requests())
        QVERIFY(!r.connected);
}

void TestProxy::httpProxyConnectTunnel()
{
    // HTTPS to Cloudflare goes through an HTTP proxy as a CONNECT tunnel. The fake speaks plain
    // HTTP, so a socket with the endpoint's proxy carries the request through the tunnel.
    FakeProxy proxy(FakeProxy::Kind::Http);
    QVERIFY(proxy.listen());
    proxy.setCredentials(kUser, kPassword);
    const Endpoint ep = proxied(FakeProxy::Kind::Http, proxy.port(), true);

    QTcpSocket socket;
    socket.setProxy(ep.proxy());
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_fake->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10000);
    socket.write("GET /client/v4/user/tokens/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + m_fake->apiToken() + "\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        !test::parseHttpResponses(received).isEmpty() && test::parseHttpResponses(received).first().complete, 10000);
    const test::HttpRawResponse response = test::parseHttpResponses(received).first();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QStringLiteral("success")).toBool(), true);

    const FakeProxy::Request seen = proxy.lastRequest();
    QCOMPARE(seen.requestLine, QStringLiteral("CONNECT 127.0.0.1:%1 HTTP/1.1").arg(m_fake->port()).toUtf8());
    QCOMPARE(seen.proxyAuthorization, "Basic " + (kUser + QLatin1Char(':') + kPassword).toUtf8().toBase64());
    QVERIFY(seen.connected);
    QCOMPARE(m_fake->lastRequest().path, QStringLiteral("/client/v4/user/tokens/verify"));
}

void TestProxy::socks5Streams_data()
{
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<bool>("byName");
    QTest::newRow("no authentication, IPv4") << false << false;
    QTest::newRow("username/password, IPv4") << true << false;
    QTest::newRow("no authentication, domain name") << false << true;
    QTest::newRow("username/password, domain name") << true << true;
}

void TestProxy::socks5Streams()
{
    QFETCH(bool, credentials);
    QFETCH(bool, byName);
    FakeProxy proxy(FakeProxy::Kind::Socks5);
    QVERIFY(proxy.listen());
    if (credentials)
        proxy.setCredentials(kUser, kPassword);
    proxy.addHost(kProxiedHost, QHostAddress::LocalHost);
    Endpoint ep = proxied(FakeProxy::Kind::Socks5, proxy.port(), credentials);
    const QString host = byName ? kProxiedHost : QStringLiteral("127.0.0.1");
    ep.customBase = QUrl(QStringLiteral("http://%1:%2/client/v4").arg(host).arg(m_fake->port()));
    m_client->setEndpoint(ep);
    m_fake->setTokenDelayMs(5);

    CompletionJob* job = chat(QStringLiteral("socks five stream"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY(c.deltas > 3);
    QCOMPARE(c.content, c.result.content);
    QVERIFY2(c.result.content.contains(QStringLiteral("socks five stream")), qPrintable(c.result.content));

    QCOMPARE(proxy.requests().size(), 1);
    const FakeProxy::Request seen = proxy.lastRequest();
    QCOMPARE(seen.method, QByteArray("CONNECT"));
    QCOMPARE(seen.offeredMethods, credentials ? QByteArray("\x02", 1) : QByteArray("\x00", 1));
    QCOMPARE(seen.chosenMethod, credentials ? 0x02 : 0x00);
    QCOMPARE(seen.user, credentials ? kUser : QString());
    QCOMPARE(seen.password, credentials ? kPassword : QString());
    QCOMPARE(seen.addressType, byName ? 3 : 1);
    QCOMPARE(seen.host, host);
    QCOMPARE(seen.port, m_fake->port());
    QVERIFY(seen.authorized);
    QVERIFY(seen.connected);
    QCOMPARE(m_fake->runRequests().size(), 1);
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + m_fake->apiToken());
}

void TestProxy::socks5WrongPassword()
{
    FakeProxy proxy(FakeProxy::Kind::Socks5);
    QVERIFY(proxy.listen());
    proxy.setCredentials(kUser, QStringLiteral("another password"));
    m_client->setEndpoint(proxied(FakeProxy::Kind::Socks5, proxy.port(), true));

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(c.error.code, QStringLiteral("proxy_authentication_failed"));
    QVERIFY2(c.error.message.contains(QStringLiteral("SOCKS5 proxy 127.0.0.1:%1").arg(proxy.port())),
        qPrintable(c.error.message));
    QVERIFY2(!c.error.message.contains(kPassword), qPrintable(c.error.message));
    QCOMPARE(c.retries, 0);
    QCOMPARE(m_fake->runRequests().size(), 0);
    QCOMPARE(proxy.lastRequest().password, kPassword); // what the client sent, refused
    QVERIFY(!proxy.lastRequest().authorized);
}

void TestProxy::proxyChangeReachesEveryConnection()
{
    // Enough parallel streams for many kept-alive connections, first direct, then with a proxy
    // set on the client afterwards: no direct connection kept from before may carry a request.
    constexpr int kJobs = 20;
    m_fake->setTokenDelayMs(20);
    const auto runAll = [this] {
        QList<std::shared_ptr<Collector>> collectors;
        for (int i = 0; i < kJobs; ++i)
            collectors.append(std::make_shared<Collector>(chat(QStringLiteral("job %1").arg(i))));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(collectors.cbegin(), collectors.cend(),
                                     [](const std::shared_ptr<Collector>& c) { return c->done(); }),
            20000);
        for (const auto& c : std::as_const(collectors))
            QVERIFY2(c->finished == 1, qPrintable(c->error.message));
    };
    runAll();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_fake->acceptedConnections(), kJobs); // one connection per concurrent stream
    QCOMPARE(m_client->httpClient()->idleConnections(), kJobs); // all kept alive for reuse

    FakeProxy proxy(FakeProxy::Kind::Socks5);
    QVERIFY(proxy.listen());
    m_client->setEndpoint(proxied(FakeProxy::Kind::Socks5, proxy.port(), false));
    QCOMPARE(m_client->httpClient()->openConnections(), 0); // the direct ones were closed
    m_fake->resetCounters();
    runAll();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_fake->acceptedConnections(), kJobs);
    QCOMPARE(proxy.requests().size(), kJobs); // every new connection through the proxy
    for (const FakeProxy::Request& r : proxy.requests())
        QVERIFY(r.connected);

    // And the proxied connections are reused in turn.
    m_fake->resetCounters();
    runAll();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_fake->acceptedConnections(), 0);
    QCOMPARE(proxy.requests().size(), kJobs);
}

void TestProxy::noneIgnoresApplicationProxy()
{
    // The process has an application proxy (as an http_proxy-style setting would give) on a dead
    // port; the endpoint says "no proxy". Qt never proxies loopback addresses on its own, so the
    // fake is reached through a forwarder on another local address.
    const QHostAddress local = nonLoopbackAddress();
    if (local.isNull())
        QSKIP("no non-loopback IPv4 address on this machine");
    FakeProxy forwarder(FakeProxy::Kind::Forward);
    forwarder.setForwardTarget(QHostAddress::LocalHost, m_fake->port());
    QVERIFY(forwarder.listen(local));
    const QUrl base(QStringLiteral("http://%1:%2/client/v4").arg(local.toString()).arg(forwarder.port()));
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), deadPort()));

    // Control: a manager that follows the application proxy cannot get there (the dead proxy
    // refuses the connection, reported as a plain refusal).
    QNetworkAccessManager plain;
    QNetworkRequest probe(QUrl(base.toString() + QStringLiteral("/user/tokens/verify")));
    std::unique_ptr<QNetworkReply> reply(plain.get(probe));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(forwarder.acceptedConnections(), 0);

    Endpoint ep = endpoint();
    ep.customBase = base;
    m_client->setEndpoint(ep);
    CompletionJob* job = chat(QStringLiteral("straight to you"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QVERIFY(c.result.content.contains(QStringLiteral("straight to you")));
    QCOMPARE(c.retries, 0);
    QVERIFY(forwarder.acceptedConnections() >= 1);
    QCOMPARE(m_fake->runRequests().size(), 1);
}

void TestProxy::systemFollowsProxyEnvironment()
{
    // ProxyMode::System takes the system's proxy settings; on Linux those include http_proxy.
    const QHostAddress local = nonLoopbackAddress();
    if (local.isNull())
        QSKIP("no non-loopback IPv4 address on this machine");
    FakeProxy forwarder(FakeProxy::Kind::Forward);
    forwarder.setForwardTarget(QHostAddress::LocalHost, m_fake->port());
    QVERIFY(forwarder.listen(local));
    FakeProxy proxy(FakeProxy::Kind::Http);
    QVERIFY(proxy.listen());
    qputenv("http_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");
    const QUrl base(QStringLiteral("http://%1:%2/client/v4").arg(local.toString()).arg(forwarder.port()));
    const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(base));
    if (system.isEmpty() || system.first().type() != QNetworkProxy::HttpProxy || system.first().port() != proxy.port())
        QSKIP("this platform's system proxy settings do not come from http_proxy");

    Endpoint ep = endpoint();
    ep.proxyMode = Endpoint::ProxyMode::System;
    ep.customBase = base;
    m_client->setEndpoint(ep);
    CompletionJob* job = chat(QStringLiteral("via the system proxy"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QVERIFY2(c.finished == 1, qPrintable(c.error.message));
    QCOMPARE(proxy.requests().size(), 1);
    QCOMPARE(proxy.lastRequest().host, local.toString());
    QVERIFY(proxy.lastRequest().connected);
}

void TestProxy::proxyRefused_data()
{
    QTest::addColumn<FakeProxy::Kind>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("HTTP") << FakeProxy::Kind::Http << QStringLiteral("HTTP proxy");
    QTest::newRow("SOCKS5") << FakeProxy::Kind::Socks5 << QStringLiteral("SOCKS5 proxy");
}

void TestProxy::proxyRefused()
{
    QFETCH(FakeProxy::Kind, kind);
    QFETCH(QString, name);
    const quint16 port = deadPort();
    QVERIFY(port != 0);
    m_client->setEndpoint(proxied(kind, port, true));
    ClientOptions o = m_client->options();
    o.maxRetries = 1;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.retries, 1); // a network failure: retried like one
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(c.error.code, QStringLiteral("proxy_unreachable"));
    const QString expected = QStringLiteral("Could not reach the %1 127.0.0.1:%2").arg(name).arg(port);
    QVERIFY2(c.error.message.startsWith(expected), qPrintable(c.error.message));
    QVERIFY2(!c.error.message.contains(kPassword), qPrintable(c.error.message));
    QVERIFY2(!c.error.message.contains(kUser), qPrintable(c.error.message));
    QCOMPARE(m_fake->acceptedConnections(), 0);
}

void TestProxy::socks5TargetRefused()
{
    // The proxy answers, the target behind it does not: Workers AI is unreachable, the proxy is
    // not to blame.
    FakeProxy proxy(FakeProxy::Kind::Socks5);
    QVERIFY(proxy.listen());
    const quint16 port = deadPort();
    QVERIFY(port != 0);
    Endpoint ep = proxied(FakeProxy::Kind::Socks5, proxy.port(), false);
    ep.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(port));
    m_client->setEndpoint(ep);
    ClientOptions o = m_client->options();
    o.maxRetries = 0;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 502);
    QCOMPARE(c.error.code, QStringLiteral("upstream_unreachable"));
    QVERIFY2(c.error.message.startsWith(QStringLiteral("Could not reach Workers AI")), qPrintable(c.error.message));
    QVERIFY(!proxy.requests().isEmpty()); // Qt may try the connection more than once
    for (const FakeProxy::Request& r : proxy.requests()) {
        QCOMPARE(r.port, port);
        QVERIFY(!r.connected);
    }
}

void TestProxy::fixedProxyPasswordTakesEffect_data()
{
    QTest::addColumn<FakeProxy::Kind>("kind");
    QTest::newRow("HTTP") << FakeProxy::Kind::Http;
    QTest::newRow("SOCKS5") << FakeProxy::Kind::Socks5;
}

void TestProxy::fixedProxyPasswordTakesEffect()
{
    // A wrong password first, then the right one on the same client: nothing of the refused
    // attempt (a cached credential, a pooled connection) may stand in the way.
    QFETCH(FakeProxy::Kind, kind);
    FakeProxy proxy(kind);
    QVERIFY(proxy.listen());
    proxy.setCredentials(kUser, kPassword);
    Endpoint ep = proxied(kind, proxy.port(), true);
    ep.proxyPassword = QStringLiteral("a wrong password");
    m_client->setEndpoint(ep);

    CompletionJob* job = chat(QStringLiteral("first try"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.code, QStringLiteral("proxy_authentication_failed"));
    QVERIFY2(!c.error.message.contains(ep.proxyPassword), qPrintable(c.error.message));

    ep.proxyPassword = kPassword;
    m_client->setEndpoint(ep);
    CompletionJob* again = chat(QStringLiteral("second try"));
    Collector c2(again);
    QTRY_VERIFY_WITH_TIMEOUT(c2.done(), 10000);
    QVERIFY2(c2.finished == 1, qPrintable(c2.error.message));
    QVERIFY(c2.result.content.contains(QStringLiteral("second try")));
    QCOMPARE(proxy.lastRequest().password, kPassword);
    QVERIFY(proxy.lastRequest().connected);
    QCOMPARE(m_fake->runRequests().size(), 1);
}

void TestProxy::silentProxyTimesOut_data()
{
    QTest::addColumn<FakeProxy::Kind>("kind");
    QTest::addColumn<int>("connectTimeoutMs");
    QTest::addColumn<int>("firstByteTimeoutMs");
    QTest::addColumn<QString>("phase");
    // A SOCKS5 handshake that never ends: the request is never sent, the connect timeout fires.
    QTest::newRow("SOCKS5") << FakeProxy::Kind::Socks5 << 300 << 60000
                            << QStringLiteral("could not connect and send the request within 0.3 s");
    // An HTTP proxy takes a plain-HTTP request whole at once and then says nothing: the request
    // counts as sent, so the first-byte timeout fires. (HTTPS would wait in CONNECT, unsent.)
    QTest::newRow("HTTP") << FakeProxy::Kind::Http << 5000 << 300 << QStringLiteral("no reply within 0.3 s");
}

void TestProxy::silentProxyTimesOut()
{
    QFETCH(FakeProxy::Kind, kind);
    QFETCH(int, connectTimeoutMs);
    QFETCH(int, firstByteTimeoutMs);
    QFETCH(QString, phase);
    FakeProxy proxy(kind);
    proxy.setSilent(true);
    QVERIFY(proxy.listen());
    m_client->setEndpoint(proxied(kind, proxy.port(), true));
    ClientOptions o = m_client->options();
    o.connectTimeoutMs = connectTimeoutMs;
    o.firstByteTimeoutMs = firstByteTimeoutMs;
    o.maxRetries = 1;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.retries, 1);
    QCOMPARE(c.error.httpStatus, 504);
    QCOMPARE(c.error.type, QStringLiteral("timeout_error"));
    QCOMPARE(c.error.code, QStringLiteral("upstream_timeout"));
    QVERIFY2(c.error.message.contains(phase), qPrintable(c.error.message));
    QVERIFY2(c.error.message.contains(QStringLiteral("127.0.0.1:%1").arg(proxy.port())), qPrintable(c.error.message));
    QVERIFY2(!c.error.message.contains(kPassword), qPrintable(c.error.message));
    // Each attempt had a connection of its own, and the client closed both when it gave up
    // (a hung connection left in Qt's pool would have taken the retry too).
    QCOMPARE(proxy.acceptedConnections(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(proxy.closedByClient(), 2, 5000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(m_fake->acceptedConnections(), 0);
}

void TestProxy::hungConnectionDoesNotBlockNextRequest()
{
    // A proxy hangs in the handshake and the job gives up; then the proxy works again. The next
    // request must not wait behind the hung connection (which Qt keeps after an abort).
    FakeProxy proxy(FakeProxy::Kind::Socks5);
    proxy.setSilent(true);
    QVERIFY(proxy.listen());
    m_client->setEndpoint(proxied(FakeProxy::Kind::Socks5, proxy.port(), false));
    ClientOptions o = m_client->options();
    o.connectTimeoutMs = 300;
    o.maxRetries = 0;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.error.httpStatus, 504);

    proxy.setSilent(false);
    o.connectTimeoutMs = 5000;
    m_client->setOptions(o);
    CompletionJob* next = chat(QStringLiteral("after the hang"));
    Collector c2(next);
    QTRY_VERIFY_WITH_TIMEOUT(c2.done(), 10000);
    QVERIFY2(c2.finished == 1, qPrintable(c2.error.message));
    QVERIFY(c2.result.content.contains(QStringLiteral("after the hang")));
    QTRY_COMPARE_WITH_TIMEOUT(proxy.closedByClient(), 1, 5000); // the hung connection was closed
    QCOMPARE(proxy.acceptedConnections(), 2);
    QCOMPARE(m_client->inFlight(), 0);
}

void TestProxy::connectTimeoutWhenConnectionNeverCompletes()
{
    // A listen backlog of one, already taken by a connection nobody accepts: the kernel drops the
    // client's SYNs, so the TCP connection never completes and the request is never sent.
    QTcpServer full;
    full.setProxy(QNetworkProxy::NoProxy);
    full.setListenBacklogSize(0);
    QVERIFY(full.listen(QHostAddress::LocalHost));
    full.pauseAccepting();
    QTcpSocket filler;
    filler.setProxy(QNetworkProxy::NoProxy);
    filler.connectToHost(QHostAddress::LocalHost, full.serverPort());
    QTRY_COMPARE(filler.state(), QAbstractSocket::ConnectedState);

    Endpoint ep = endpoint();
    ep.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(full.serverPort()));
    m_client->setEndpoint(ep);
    ClientOptions o = m_client->options();
    o.connectTimeoutMs = 300;
    o.firstByteTimeoutMs = 1000;
    o.maxRetries = 1;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    QSignalSpy failed(job, &CompletionJob::failed);
    QSignalSpy retrying(job, &CompletionJob::retrying);
    QSignalSpy finished(job, &CompletionJob::finished);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const ApiError e = failed.first().first().value<ApiError>();
    if (e.code == QLatin1String("upstream_unreachable"))
        QSKIP("this platform refuses connections beyond the listen backlog");
    if (e.message.contains(QLatin1String("no reply within")))
        QSKIP("this platform completes connections beyond the listen backlog");
    QCOMPARE(e.httpStatus, 504);
    QCOMPARE(e.code, QStringLiteral("upstream_timeout"));
    QVERIFY2(e.message.contains(QStringLiteral("could not connect and send the request within 0.3 s")),
        qPrintable(e.message));
    QCOMPARE(retrying.count(), 1);
    QVERIFY(job->isDone());
    QCOMPARE(job->error().code, e.code);
    // Exactly once: no timer of the failed attempts is left to fire again. A second job through
    // the same client runs the same timers from now (connect timeout, retry delay, connect
    // timeout); Qt fires timers in the order they fall due, so once it has failed, any such
    // timer the first job left running has had its chance to fire.
    CompletionJob* again = chat(QStringLiteral("again"));
    QSignalSpy againFailed(again, &CompletionJob::failed);
    QSignalSpy againRetrying(again, &CompletionJob::retrying);
    QTRY_COMPARE_WITH_TIMEOUT(againFailed.count(), 1, 10000);
    QCOMPARE(againFailed.first().first().value<ApiError>().message, e.message);
    QCOMPARE(againRetrying.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(m_client->inFlight(), 0);
    QCOMPARE(m_client->httpClient()->openConnections(), 0); // the hung connections were closed
}

void TestProxy::firstByteTimeoutWhenServerNeverAnswers()
{
    // The server accepts the connection, takes the request and never answers: the request was
    // sent, so the connect timeout gives way to the first-byte timeout.
    SilentServer hole;
    QVERIFY(hole.listen());
    Endpoint ep = endpoint();
    ep.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(hole.port()));
    m_client->setEndpoint(ep);
    ClientOptions o = m_client->options();
    o.connectTimeoutMs = 5000;
    o.firstByteTimeoutMs = 300;
    o.maxRetries = 1;
    m_client->setOptions(o);

    CompletionJob* job = chat(QStringLiteral("x"));
    Collector c(job);
    QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.retries, 1);
    QCOMPARE(c.error.httpStatus, 504);
    QCOMPARE(c.error.code, QStringLiteral("upstream_timeout"));
    QVERIFY2(c.error.message.contains(QStringLiteral("no reply within 0.3 s")), qPrintable(c.error.message));
    QCOMPARE(hole.accepted, 2);
    QTRY_COMPARE_WITH_TIMEOUT(hole.closed, 2, 5000);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.finished, 0);
}

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
