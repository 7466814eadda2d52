// `flarechat serve --allowed-origin ORIGIN` and `--allowed-host NAME`, through the real binary in
// front of the fake Workers AI server, over real sockets: the options (repeatable) replace the
// settings' lists ServerCorsOrigins / ServerAllowedHosts, and without them those lists apply. An
// allowed origin gets Access-Control-Allow-Origin for itself on a preflight and on a request that
// reaches Workers AI; any other origin is refused (403) before anything goes upstream. A request
// whose Host is an allowed name (with the server's port) is served; an unknown Host is refused.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "HttpRawClient.h"
#include "storage/Settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;
using flarechat::test::HttpRawClient;
using flarechat::test::HttpRawResponse;
using flarechat::test::ServeProcess;

namespace {

const char* const kKey = "sk-flarechat-testkeyforserveaccesstests00000000000000";

QString binary()
{
    return flarechat::test::flarechatBinary();
}

// One request on a connection of its own, and the complete response (status 0 if none came).
HttpRawResponse exchange(quint16 port, const QByteArray& request)
{
    HttpRawClient client(port);
    client.send(request);
    const auto answered = [&client] {
        const QList<HttpRawResponse> responses = client.responses();
        return !responses.isEmpty() && responses.first().complete;
    };
    if (!QTest::qWaitFor(answered, 15000))
        return {};
    return client.responses().first();
}

QByteArray preflight(const QByteArray& host, const QByteArray& origin)
{
    return "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
        + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, "
          "content-type\r\n\r\n";
}

// A chat completion (not streamed) with the key; `origin` empty: no Origin header.
QByteArray chat(const QByteArray& host, const QByteArray& origin = {})
{
    const QJsonObject body {{QStringLiteral("model"), QStringLiteral("gemma-3")},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {
                {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("hi")}}}}};
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: " + host + "\r\n"
        + (origin.isEmpty() ? QByteArray() : "Origin: " + origin + "\r\n") + "Authorization: Bearer " + QByteArray(kKey)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n\r\n"
        + json;
}

QByteArray health(const QByteArray& host)
{
    return "GET /health HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
}

QString errorCode(const HttpRawResponse& r)
{
    return r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

QByteArray describe(const HttpRawResponse& r)
{
    return QByteArray::number(r.status) + ' ' + r.reason + ": " + r.body;
}

// Runs one of the check helpers below and stops the test at its first failure.
#define CHECK(call)                                                                                                    \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

} // namespace

class TestServeAccess final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void allowedOriginGetsCors();
    void allowedHostIsAccepted();
    void repeatedOptionsAllApply();
    void optionsReplaceTheSettingsLists();
    void settingsListsApplyWithoutOptions();
    void helpNeverRunsTheCommand_data();
    void helpNeverRunsTheCommand();

private:
    bool startServe(const QStringList& extra);
    QByteArray host(const QByteArray& name = "127.0.0.1") const
    {
        return name + ':' + QByteArray::number(m_serve->port());
    }
    void writeSettingsLists(const QStringList& origins, const QStringList& hosts);
    // The origin's checks: a preflight and a chat request that reaches Workers AI both get
    // Access-Control-Allow-Origin naming it.
    void checkOriginAllowed(const QByteArray& origin);
    // A preflight and a request from the origin get 403 origin_not_allowed; nothing goes upstream.
    void checkOriginRefused(const QByteArray& origin);
    void checkHostAllowed(const QByteArray& name);
    void checkHostRefused(const QByteArray& name);

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServeProcess> m_serve;
};

void TestServeAccess::initTestCase()
{
    // Never a skip: tests/CMakeLists.txt always gives the path of the binary it builds.
    QVERIFY2(!binary().isEmpty(), "built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
}

void TestServeAccess::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestServeAccess::cleanup()
{
    m_serve.reset(); // kills the child if it still runs
    m_fake.reset();
    m_dir.reset();
}

void TestServeAccess::helpNeverRunsTheCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("usage");
    for (const char* command : {"serve", "ask", "models", "key"}) {
        for (const char* flag : {"--help", "-h", "--help-all"}) {
            const QString c = QString::fromLatin1(command);
            QTest::newRow(qPrintable(c + QLatin1Char(' ') + QString::fromLatin1(flag)))
                << QStringList {c, QString::fromLatin1(flag)} << QStringLiteral("Usage: flarechat ") + c;
        }
    }
    QTest::newRow("--help-all") << QStringList {QStringLiteral("--help-all")}
                                << QStringLiteral("Usage: flarechat [options]");
}

// Every command's help is printed, named as the command (not the binary's path), and the command
// does not run: `serve --help-all` once started serving.
void TestServeAccess::helpNeverRunsTheCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, usage);
    const flarechat::test::CliResult r
        = flarechat::test::runCli(binary(), args, flarechat::test::cliEnvironment(m_dir->path()), 15'000);
    QVERIFY2(r.finished, "the command ran instead of printing its help");
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(usage.toUtf8()), r.out.left(200).constData());
    QVERIFY(!r.out.contains("listening"));
}

bool TestServeAccess::startServe(const QStringList& extra)
{
    QProcessEnvironment env = flarechat::test::cliEnvironment(m_dir->path());
    env.insert(QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), m_fake->accountId());
    env.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QString::fromLatin1(m_fake->apiToken()));
    m_serve = std::make_unique<ServeProcess>(binary(), env);
    const QStringList args
        = flarechat::test::serveTestArgs(m_fake->baseUrl().toString(), m_dir->path(), QString::fromLatin1(kKey))
        + extra;
    if (!m_serve->start(args)) {
        qWarning().noquote() << "flarechat serve did not start:" << m_serve->stdErr();
        return false;
    }
    return true;
}

void TestServeAccess::writeSettingsLists(const QStringList& origins, const QStringList& hosts)
{
    Settings settings(m_dir->filePath(QStringLiteral("settings.ini")));
    settings.setValue(Settings::Key::ServerCorsOrigins, origins);
    settings.setValue(Settings::Key::ServerAllowedHosts, hosts);
    settings.sync();
}

void TestServeAccess::checkOriginAllowed(const QByteArray& origin)
{
    const HttpRawResponse pre = exchange(m_serve->port(), preflight(host(), origin));
    QVERIFY2(pre.status == 204, describe(pre).constData());
    QCOMPARE(pre.header("Access-Control-Allow-Origin"), origin);
    QVERIFY2(pre.header("Access-Control-Allow-Methods").contains("POST"),
        pre.header("Access-Control-Allow-Methods").constData());
    QVERIFY2(pre.header("Access-Control-Allow-Headers").contains("authorization"),
        pre.header("Access-Control-Allow-Headers").constData());

    const qsizetype upstreamBefore = m_fake->runRequests().size();
    const HttpRawResponse r = exchange(m_serve->port(), chat(host(), origin));
    QVERIFY2(r.status == 200, describe(r).constData());
    QCOMPARE(r.header("Access-Control-Allow-Origin"), origin);
    QCOMPARE(r.header("Vary"), QByteArray("Origin"));
    QCOMPARE(r.json()
                 .value(QLatin1String("choices"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("message"))
                 .toObject()
                 .value(QLatin1String("content"))
                 .toString(),
        QStringLiteral("You said: hi"));
    QCOMPARE(m_fake->runRequests().size(), upstreamBefore + 1);
}

void TestServeAccess::checkOriginRefused(const QByteArray& origin)
{
    const qsizetype upstreamBefore = m_fake->runRequests().size();
    const HttpRawResponse pre = exchange(m_serve->port(), preflight(host(), origin));
    QVERIFY2(pre.status == 403, describe(pre).constData());
    QCOMPARE(errorCode(pre), QStringLiteral("origin_not_allowed"));
    QVERIFY(pre.header("Access-Control-Allow-Origin").isNull());
    const HttpRawResponse r = exchange(m_serve->port(), chat(host(), origin));
    QVERIFY2(r.status == 403, describe(r).constData());
    QCOMPARE(errorCode(r), QStringLiteral("origin_not_allowed"));
    QVERIFY(r.header("Access-Control-Allow-Origin").isNull());
    // Refused before any route ran: the server answered, and Workers AI never heard of it.
    QCOMPARE(m_fake->runRequests().size(), upstreamBefore);
}

void TestServeAccess::checkHostAllowed(const QByteArray& name)
{
    const HttpRawResponse h = exchange(m_serve->port(), health(host(name)));
    QVERIFY2(h.status == 200, describe(h).constData());
    const qsizetype upstreamBefore = m_fake->runRequests().size();
    const HttpRawResponse r = exchange(m_serve->port(), chat(host(name)));
    QVERIFY2(r.status == 200, describe(r).constData());
    QCOMPARE(m_fake->runRequests().size(), upstreamBefore + 1);
}

void TestServeAccess::checkHostRefused(const QByteArray& name)
{
    const qsizetype upstreamBefore = m_fake->runRequests().size();
    const HttpRawResponse h = exchange(m_serve->port(), health(host(name)));
    QVERIFY2(h.status == 403, describe(h).constData());
    QCOMPARE(errorCode(h), QStringLiteral("host_not_allowed"));
    const HttpRawResponse r = exchange(m_serve->port(), chat(host(name)));
    QVERIFY2(r.status == 403, describe(r).constData());
    QCOMPARE(errorCode(r), QStringLiteral("host_not_allowed"));
    QCOMPARE(m_fake->runRequests().size(), upstreamBefore);
}

void TestServeAccess::allowedOriginGetsCors()
{
    QVERIFY(startServe({QStringLiteral("--allowed-origin"), QStringLiteral("https://app.example.com")}));
    CHECK(checkOriginAllowed("https://app.example.com"));
    // The default list ("*") is gone: another site's page may not call the server.
    CHECK(checkOriginRefused("https://other.example.com"));
    CHECK(checkOriginRefused("http://app.example.com")); // another scheme is another origin
    // Clients that send no Origin (curl, the SDKs) are not affected.
    const HttpRawResponse r = exchange(m_serve->port(), chat(host()));
    QVERIFY2(r.status == 200, describe(r).constData());
    QVERIFY(r.header("Access-Control-Allow-Origin").isNull());
}

void TestServeAccess::allowedHostIsAccepted()
{
    QVERIFY(startServe({QStringLiteral("--allowed-host"), QStringLiteral("flarechat.lan")}));
    CHECK(checkHostAllowed("flarechat.lan"));
    CHECK(checkHostAllowed("FlareChat.LAN")); // host names are case-insensitive
    CHECK(checkHostRefused("other.lan"));
    CHECK(checkHostRefused("sub.flarechat.lan")); // an exact name, not a pattern
    CHECK(checkHostAllowed("127.0.0.1")); // loopback names stay allowed
    CHECK(checkHostAllowed("localhost"));
}

void TestServeAccess::repeatedOptionsAllApply()
{
    QVERIFY(startServe({QStringLiteral("--allowed-origin"), QStringLiteral("https://one.example"),
        QStringLiteral("--allowed-origin"), QStringLiteral("http://localhost:5173"), QStringLiteral("--allowed-host"),
        QStringLiteral("flarechat.lan"), QStringLiteral("--allowed-host"), QStringLiteral("*.example.lan")}));
    CHECK(checkOriginAllowed("https://one.example"));
    CHECK(checkOriginAllowed("http://localhost:5173"));
    CHECK(checkOriginRefused("https://two.example"));
    CHECK(checkHostAllowed("flarechat.lan"));
    CHECK(checkHostAllowed("box.example.lan"));
    CHECK(checkHostRefused("example.org"));
}

void TestServeAccess::optionsReplaceTheSettingsLists()
{
    writeSettingsLists({QStringLiteral("https://settings.example")}, {QStringLiteral("settings.lan")});
    QVERIFY(startServe({QStringLiteral("--allowed-origin"), QStringLiteral("https://option.example"),
        QStringLiteral("--allowed-host"), QStringLiteral("option.lan")}));
    CHECK(checkOriginAllowed("https://option.example"));
    CHECK(checkOriginRefused("https://settings.example"));
    CHECK(checkHostAllowed("option.lan"));
    CHECK(checkHostRefused("settings.lan"));
}

void TestServeAccess::settingsListsApplyWithoutOptions()
{
    writeSettingsLists({QStringLiteral("https://settings.example"), QStringLiteral("https://second.example")},
        {QStringLiteral("settings.lan"), QStringLiteral("*.settings.lan")});
    QVERIFY(startServe({}));
    CHECK(checkOriginAllowed("https://settings.example"));
    CHECK(checkOriginAllowed("https://second.example"));
    CHECK(checkOriginRefused("https://option.example"));
    CHECK(checkHostAllowed("settings.lan"));
    CHECK(checkHostAllowed("box.settings.lan"));
    CHECK(checkHostRefused("option.lan"));
}

QTEST_GUILESS_MAIN(TestServeAccess)
#include "tst_serveaccess.moc"
