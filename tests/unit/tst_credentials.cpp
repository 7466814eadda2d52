#include "config/Credentials.h"
#include "storage/Settings.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;

Q_DECLARE_METATYPE(flarechat::Credentials::Source)

// Account ids, tokens and keys below are made-up test values, shaped so they cannot be real.
class TestCredentials final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void precedence_data();
    void precedence();
    void localKeys_data();
    void localKeys();
    void endpointKinds();
    void badApiBase_data();
    void badApiBase();
    void proxyFromSettings();
    void needsStored();
    void describeNeverShowsSecrets();
    void storedKeysRoundTrip();
    void secretsFromFiles();
    void unreadableSecretFiles_data();
    void unreadableSecretFiles();

private:
    QString writeFile(const QString& name, const QByteArray& content);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

static QProcessEnvironment env(const QList<QPair<QString, QString>>& vars)
{
    QProcessEnvironment e; // empty: nothing from the machine running the test leaks in
    for (const auto& v : vars)
        e.insert(v.first, v.second);
    return e;
}

void TestCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
}

void TestCredentials::precedence_data()
{
    QTest::addColumn<QString>("cli");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("stored"); // settings for the account id, keychain for the token
    QTest::addColumn<QString>("value");
    QTest::addColumn<Credentials::Source>("source");
    using S = Credentials::Source;
    QTest::newRow("command line wins") << "cli"
                                       << "env"
                                       << "stored"
                                       << "cli" << S::CommandLine;
    QTest::newRow("environment next") << ""
                                      << "env"
                                      << "stored"
                                      << "env" << S::Environment;
    QTest::newRow("stored last") << ""
                                 << ""
                                 << "stored"
                                 << "stored" << S::Settings;
    QTest::newRow("blank is unset") << "  "
                                    << " "
                                    << "stored"
                                    << "stored" << S::Settings;
    QTest::newRow("trimmed") << " cli "
                             << ""
                             << ""
                             << "cli" << S::CommandLine;
    QTest::newRow("nothing") << ""
                             << ""
                             << ""
                             << "" << S::Unset;
}

void TestCredentials::precedence()
{
    QFETCH(QString, cli);
    QFETCH(QString, environment);
    QFETCH(QString, stored);
    QFETCH(QString, value);
    QFETCH(Credentials::Source, source);

    // "acct-"/"tok-" go inside whatever blanks the row has, so trimming is tested too.
    auto with = [](const QString& prefix, const QString& v) {
        return v.trimmed().isEmpty() ? v : QString(v).replace(v.trimmed(), prefix + v.trimmed());
    };
    Credentials::Overrides o;
    o.accountId = with(QStringLiteral("acct-"), cli);
    o.apiToken = with(QStringLiteral("tok-"), cli);
    const QProcessEnvironment e
        = env({{QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), with(QStringLiteral("acct-"), environment)},
            {QStringLiteral("CLOUDFLARE_API_TOKEN"), with(QStringLiteral("tok-"), environment)}});
    Credentials::Stored s;
    if (!stored.isEmpty()) {
        m_settings->setValue(Settings::Key::CloudflareAccountId, QStringLiteral("acct-") + stored);
        s.apiToken = QStringLiteral("tok-") + stored;
    }
    const Credentials c = Credentials::resolve(o, e, *m_settings, s);
    QCOMPARE(c.endpoint().accountId, value.isEmpty() ? QString() : QStringLiteral("acct-") + value.trimmed());
    QCOMPARE(c.endpoint().apiToken, value.isEmpty() ? QString() : QStringLiteral("tok-") + value.trimmed());
    QCOMPARE(c.source(Credentials::Field::AccountId), source);
    QCOMPARE(c.source(Credentials::Field::ApiToken),
        source == Credentials::Source::Settings ? Credentials::Source::Keychain : source);
    QCOMPARE(c.endpoint().hasCredentials(), !value.isEmpty());
    QCOMPARE(c.isUsable(), !value.isEmpty());
    // The single-token form agrees with the full one.
    const Endpoint e2 = Credentials::resolveEndpoint(o, e, *m_settings, s.apiToken);
    QCOMPARE(e2.apiToken, c.endpoint().apiToken);
    QCOMPARE(e2.accountId, c.endpoint().accountId);
}

void TestCredentials::localKeys_data()
{
    QTest::addColumn<QStringList>("cli");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<Credentials::Source>("source");
    using S = Credentials::Source;
    const QStringList none;
    // The command line wins over the environment; the keychain's keys are accepted in addition.
    QTest::newRow("cli") << QStringList {QStringLiteral("test-a"), QStringLiteral("test-b")} << "test-c"
                         << QStringList {QStringLiteral("test-d")}
                         << QStringList {QStringLiteral("test-a"), QStringLiteral("test-b"), QStringLiteral("test-d")}
                         << S::CommandLine;
    QTest::newRow("env like the seed") << none << " test-c , ,test-e," << QStringList {QStringLiteral("test-d")}
                                       << QStringList {QStringLiteral("test-c"), QStringLiteral("test-e"),
                                              QStringLiteral("test-d")}
                                       << S::Environment;
    QTest::newRow("cli, no keychain") << QStringList {QStringLiteral("test-a")} << "test-c" << none
                                      << QStringList {QStringLiteral("test-a")} << S::CommandLine;
    QTest::newRow("keychain") << none << "" << QStringList {QStringLiteral("test-d")}
                              << QStringList {QStringLiteral("test-d")} << S::Keychain;
    QTest::newRow("a key in both counted once")
        << QStringList {QStringLiteral("test-d")} << ""
        << QStringList {QStringLiteral("test-d"), QStringLiteral("test-f")}
        << QStringList {QStringLiteral("test-d"), QStringLiteral("test-f")} << S::CommandLine;
    QTest::newRow("empty cli values ignored") << QStringList {QStringLiteral(" ")} << "" << none << none << S::Unset;
    QTest::newRow("env of commas only") << none << ",," << QStringList {QStringLiteral("test-d")}
                                        << QStringList {QStringLiteral("test-d")} << S::Keychain;
}

void TestCredentials::localKeys()
{
    QFETCH(QStringList, cli);
    QFETCH(QString, environment);
    QFETCH(QStringList, stored);
    QFETCH(QStringList, keys);
    QFETCH(Credentials::Source, source);
    Credentials::Overrides o;
    o.apiKeys = cli;
    Credentials::Stored s;
    s.apiKeys = stored;
    const QProcessEnvironment e = env({{QStringLiteral("FLARECHAT_API_KEYS"), environment}});
    const Credentials c = Credentials::resolve(o, e, *m_settings, s);
    QCOMPARE(c.localKeys(), keys);
    QCOMPARE(c.source(Credentials::Field::LocalKeys), source);
    int fromKeychain = 0;
    for (const QString& key : keys)
        fromKeychain += stored.contains(key) && !cli.contains(key) && !environment.contains(key) ? 1 : 0;
    QCOMPARE(c.keychainKeyCount(), fromKeychain);
}

void TestCredentials::endpointKinds()
{
    using K = Settings::Key;
    const Credentials::Overrides none;
    const QProcessEnvironment empty;
    const Credentials::Stored stored {QStringLiteral("tok-x"), {}, QStringLiteral("gw-tok-x"), {}};
    m_settings->setValue(K::CloudflareAccountId, QStringLiteral("acct-x"));

    Credentials c = Credentials::resolve(none, empty, *m_settings, stored);
    QCOMPARE(c.endpoint().kind, Endpoint::Kind::Direct);
    QCOMPARE(c.endpoint().apiBase(), Endpoint::defaultApiBase());
    QCOMPARE(c.source(Credentials::Field::ApiBase), Credentials::Source::Default);

    // A stale custom base in the settings does not matter while the endpoint is "direct".
    m_settings->setValue(K::ApiBase, QStringLiteral("http://127.0.0.1:9/client/v4"));
    QCOMPARE(Credentials::resolve(none, empty, *m_settings, stored).endpoint().kind, Endpoint::Kind::Direct);

    m_settings->setValue(K::EndpointKind, QStringLiteral("custom"));
    c = Credentials::resolve(none, empty, *m_settings, stored);
    QCOMPARE(c.endpoint().kind, Endpoint::Kind::Custom);
    QCOMPARE(c.endpoint().apiBase(), QUrl(QStringLiteral("http://127.0.0.1:9/client/v4")));
    QCOMPARE(c.source(Credentials::Field::ApiBase), Credentials::Source::Settings);
    QCOMPARE(c.endpoint().runUrl(QStringLiteral("@cf/x/y")),
        QUrl(QStringLiteral("http://127.0.0.1:9/client/v4/accounts/acct-x/ai/run/@cf/x/y")));

    m_settings->setValue(K::EndpointKind, QStringLiteral("gateway"));
    m_settings->setValue(K::GatewayId, QStringLiteral("my-gw"));
    m_settings->setValue(K::GatewayCacheTtl, 300);
    c = Credentials::resolve(none, empty, *m_settings, stored);
    QCOMPARE(c.endpoint().kind, Endpoint::Kind::Gateway);
    QCOMPARE(c.endpoint().gatewayId, QStringLiteral("my-gw"));
    QCOMPARE(c.endpoint().gatewayCacheTtl, 300);
    QCOMPARE(c.endpoint().gatewayToken, QStringLiteral("gw-tok-x"));
    QVERIFY(c.isUsable());
    m_settings->setValue(K::GatewayId, QString());
    QVERIFY(!Credentials::resolve(none, empty, *m_settings, stored).isUsable());

    // --api-base / FLARECHAT_API_BASE override every endpoint kind: tests point at the fake server.
    const QProcessEnvironment envBase
        = env({{QStringLiteral("FLARECHAT_API_BASE"), QStringLiteral("http://127.0.0.1:7/v4")}});
    c = Credentials::resolve(none, envBase, *m_settings, stored);
    QCOMPARE(c.endpoint().kind, Endpoint::Kind::Custom);
    QCOMPARE(c.endpoint().apiBase(), QUrl(QStringLiteral("http://127.0.0.1:7/v4")));
    QCOMPARE(c.source(Credentials::Field::ApiBase), Credentials::Source::Environment);
    Credentials::Overrides cli;
    cli.apiBase = QStringLiteral("http://localhost:8/v4/");
    c = Credentials::resolve(cli, envBase, *m_settings, stored);
    QCOMPARE(c.endpoint().apiBase(), QUrl(QStringLiteral("http://localhost:8/v4/")));
    QCOMPARE(c.source(Credentials::Field::ApiBase), Credentials::Source::CommandLine);
}

void TestCredentials::badApiBase_data()
{
    QTest::addColumn<QString>("base");
    QTest::newRow("no scheme") << "api.example/v4";
    QTest::newRow("ftp") << "ftp://api.example/v4";
    QTest::newRow("no host") << "http:///v4";
    QTest::newRow("garbage") << "http://exa mple/";
    QTest::newRow("user info") << "https://user:pass@api.example/v4";
}

void TestCredentials::badApiBase()
{
    QFETCH(QString, base);
    Credentials::Overrides o;
    o.accountId = QStringLiteral("acct-x");
    o.apiToken = QStringLiteral("tok-x");
    o.apiBase = base;
    const Credentials c = Credentials::resolve(o, {}, *m_settings, {});
    QVERIFY(!c.isUsable());
    QCOMPARE(c.problems().size(), 1);
    QVERIFY2(c.problems().first().contains(QLatin1String("API base")), qPrintable(c.problems().first()));
    QVERIFY(!c.problems().first().contains(QLatin1String("pass@")));
    QVERIFY(c.endpoint().kind != Endpoint::Kind::Custom);
}

void TestCredentials::proxyFromSettings()
{
    using K = Settings::Key;
    m_settings->setValue(K::ProxyMode, QStringLiteral("socks5"));
    m_settings->setValue(K::ProxyHost, QStringLiteral("proxy.lan"));
    m_settings->setValue(K::ProxyPort, 1080);
    m_settings->setValue(K::ProxyUser, QStringLiteral("me"));
    Credentials::Stored s;
    s.proxyPassword = QStringLiteral("test-proxy-pass");
    Endpoint e = Credentials::resolve({}, {}, *m_settings, s).endpoint();
    QCOMPARE(e.proxyMode, Endpoint::ProxyMode::Socks5);
    QCOMPARE(e.proxyHost, QStringLiteral("proxy.lan"));
    QCOMPARE(e.proxyPort, quint16(1080));
    QCOMPARE(e.proxyUser, QStringLiteral("me"));
    QCOMPARE(e.proxyPassword, QStringLiteral("test-proxy-pass"));
    m_settings->setValue(K::ProxyMode, QStringLiteral("bogus"));
    m_settings->setValue(K::ProxyPort, 70000);
    e = Credentials::resolve({}, {}, *m_settings, s).endpoint();
    QCOMPARE(e.proxyMode, Endpoint::ProxyMode::System);
    QCOMPARE(e.proxyPort, quint16(0));
}

void TestCredentials::needsStored()
{
    Credentials::Overrides o;
    QVERIFY(Credentials::needsStoredToken(o, {}));
    QVERIFY(
        !Credentials::needsStoredToken(o, env({{QStringLiteral("CLOUDFLARE_API_TOKEN"), QStringLiteral("tok-x")}})));
    QVERIFY(Credentials::needsStoredToken(o, env({{QStringLiteral("CLOUDFLARE_API_TOKEN"), QStringLiteral("  ")}})));
    o.apiToken = QStringLiteral("tok-y");
    QVERIFY(!Credentials::needsStoredToken(o, {}));
}

void TestCredentials::describeNeverShowsSecrets()
{
    Credentials::Overrides o;
    o.apiBase = QStringLiteral("http://127.0.0.1:9/client/v4");
    o.apiKeys = QStringList {QStringLiteral("test-key-SECRETVALUE1"), QStringLiteral("test-key-SECRETVALUE2")};
    const QProcessEnvironment e = env({{QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), QStringLiteral("acct-visible")},
        {QStringLiteral("CLOUDFLARE_API_TOKEN"), QStringLiteral("tok-SECRETVALUE0")}});
    const Credentials c = Credentials::resolve(o, e, *m_settings, {});
    const QString text = c.describe().join(QLatin1Char('\n'));
    QVERIFY2(!text.contains(QLatin1String("SECRETVALUE")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("account id: acct-visible (environment (CLOUDFLARE_ACCOUNT_ID))")));
    QVERIFY(text.contains(QLatin1String("API token: set (environment (CLOUDFLARE_API_TOKEN))")));
    QVERIFY(text.contains(QLatin1String("API base: http://127.0.0.1:9/client/v4 (command line)")));
    QVERIFY(text.contains(QLatin1String("local API keys: 2 (command line)")));
    Credentials::Stored s;
    s.apiKeys = QStringList {QStringLiteral("test-key-SECRETVALUE3")};
    const QString withKeychain = Credentials::resolve(o, e, *m_settings, s).describe().join(QLatin1Char('\n'));
    QVERIFY2(!withKeychain.contains(QLatin1String("SECRETVALUE")), qPrintable(withKeychain));
    QVERIFY2(withKeychain.contains(QLatin1String("local API keys: 3 (command line, and 1 from the keychain)")),
        qPrintable(withKeychain));

    const Credentials empty = Credentials::resolve({}, {}, *m_settings, {});
    const QString missing = empty.describe().join(QLatin1Char('\n'));
    QVERIFY(missing.contains(QLatin1String("API token: missing (not set)")));
    QVERIFY(missing.contains(QLatin1String("API base: https://api.cloudflare.com/client/v4 (default)")));
    QCOMPARE(empty.problems().size(), 2);
    QVERIFY(empty.problems().at(0).contains(QLatin1String("CLOUDFLARE_ACCOUNT_ID")));
    QVERIFY(empty.problems().at(1).contains(QLatin1String("CLOUDFLARE_API_TOKEN")));
}

void TestCredentials::storedKeysRoundTrip()
{
    const QStringList keys {QStringLiteral("test-a"), QStringLiteral("test-b")};
    QCOMPARE(Credentials::splitStoredKeys(Credentials::joinStoredKeys(keys)), keys);
    QCOMPARE(Credentials::splitStoredKeys(QStringLiteral("\n test-a \r\n\ntest-b\ntest-a\n")), keys);
    QVERIFY(Credentials::splitStoredKeys(QString()).isEmpty());
}

QString TestCredentials::writeFile(const QString& name, const QByteArray& content)
{
    QFile f(m_dir->filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return f.fileName();
}

// The system service hands secrets over as files (systemd's LoadCredential=): the environment
// names them with *_FILE; the plain variables win when both are set.
void TestCredentials::secretsFromFiles()
{
    const QString tokenFile = writeFile(QStringLiteral("token"), "tok-from-file-x\n");
    const QString keysFile = writeFile(QStringLiteral("keys"), "test-key-one\n\n test-key-two ,test-key-three\r\n");
    QVERIFY(!tokenFile.isEmpty() && !keysFile.isEmpty());
    const QProcessEnvironment e = env({{QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), QStringLiteral("acct-x")},
        {QStringLiteral("CLOUDFLARE_API_TOKEN_FILE"), tokenFile},
        {QStringLiteral("FLARECHAT_API_KEYS_FILE"), keysFile}});
    QVERIFY(!Credentials::needsStoredToken({}, e));
    const Credentials c = Credentials::resolve({}, e, *m_settings, {});
    QVERIFY2(c.isUsable(), qPrintable(c.problems().join(QLatin1Char(' '))));
    QCOMPARE(c.endpoint().apiToken, QStringLiteral("tok-from-file-x"));
    QCOMPARE(c.source(Credentials::Field::ApiToken), Credentials::Source::Environment);
    QCOMPARE(c.localKeys(),
        (QStringList {
            QStringLiteral("test-key-one"), QStringLiteral("test-key-two"), QStringLiteral("test-key-three")}));
    const QString text = c.describe().join(QLatin1Char('\n'));
    QVERIFY2(
        text.contains(QLatin1String("API token: set (environment (CLOUDFLARE_API_TOKEN_FILE))")), qPrintable(text));
    QVERIFY2(
        text.contains(QLatin1String("local API keys: 3 (environment (FLARECHAT_API_KEYS_FILE))")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("tok-from-file")));

    QProcessEnvironment both = e;
    both.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QStringLiteral("tok-direct-y"));
    both.insert(QStringLiteral("FLARECHAT_API_KEYS"), QStringLiteral("test-key-direct"));
    const Credentials direct = Credentials::resolve({}, both, *m_settings, {});
    QCOMPARE(direct.endpoint().apiToken, QStringLiteral("tok-direct-y"));
    QCOMPARE(direct.localKeys(), QStringList {QStringLiteral("test-key-direct")});
}

void TestCredentials::unreadableSecretFiles_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QByteArray>("content"); // null: no such file
    QTest::addColumn<QString>("reason");
    for (const QString& variable :
        {QStringLiteral("CLOUDFLARE_API_TOKEN_FILE"), QStringLiteral("FLARECHAT_API_KEYS_FILE")}) {
        QTest::newRow(qPrintable(variable + QStringLiteral(" missing")))
            << variable << QByteArray() << QStringLiteral("cannot be read");
        QTest::newRow(qPrintable(variable + QStringLiteral(" empty")))
            << variable << QByteArray(" \n") << QStringLiteral("empty");
        QTest::newRow(qPrintable(variable + QStringLiteral(" huge")))
            << variable << QByteArray(Credentials::maxSecretFileBytes + 1, 'k') << QStringLiteral("larger than 64 KiB");
    }
}

// A secret file the administrator named but FlareChat cannot use is a problem (serve does not
// start), said with the variable, the path and the reason, never the content.
void TestCredentials::unreadableSecretFiles()
{
    QFETCH(QString, variable);
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    const QString path
        = content.isNull() ? m_dir->filePath(QStringLiteral("absent")) : writeFile(QStringLiteral("secret"), content);
    const QProcessEnvironment e = env({{QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), QStringLiteral("acct-x")},
        {QStringLiteral("CLOUDFLARE_API_TOKEN"), QStringLiteral("tok-z")}, {variable, path}});
    const Credentials c = Credentials::resolve({}, variable.startsWith(QLatin1String("CLOUDFLARE")) ? [&] {
        QProcessEnvironment withoutToken = e;
        withoutToken.remove(QStringLiteral("CLOUDFLARE_API_TOKEN"));
        return withoutToken;
    }() : e, *m_settings, {});
    QVERIFY(!c.isUsable());
    const QString problem = c.problems().first();
    QVERIFY2(problem.contains(variable) && problem.contains(path) && problem.contains(reason), qPrintable(problem));
    QVERIFY(!problem.contains(QLatin1String("kkkk")));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
