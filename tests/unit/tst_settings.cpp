#include "storage/Settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;

Q_DECLARE_METATYPE(flarechat::Settings::Key)

class TestSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaults_data();
    void defaults();
    void tableIsComplete();
    void roundTrip_data();
    void roundTrip();
    void changedSignal();
    void resetAll();
    void handEditedFile();
    void noSecretsInTable();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("flarechat.ini")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSettings::defaults_data()
{
    using K = Settings::Key;
    QTest::addColumn<Settings::Key>("key");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("account") << K::CloudflareAccountId << "cloudflare/account_id" << QVariant(QString());
    QTest::newRow("api base") << K::ApiBase << "cloudflare/api_base"
                              << QVariant(QStringLiteral("https://api.cloudflare.com/client/v4"));
    QTest::newRow("endpoint") << K::EndpointKind << "cloudflare/endpoint" << QVariant(QStringLiteral("direct"));
    QTest::newRow("gateway") << K::GatewayId << "cloudflare/gateway_id" << QVariant(QString());
    QTest::newRow("gateway ttl") << K::GatewayCacheTtl << "cloudflare/gateway_cache_ttl" << QVariant(0);
    QTest::newRow("gateway skip") << K::GatewaySkipCache << "cloudflare/gateway_skip_cache" << QVariant(false);
    QTest::newRow("proxy mode") << K::ProxyMode << "network/proxy_mode" << QVariant(QStringLiteral("system"));
    QTest::newRow("proxy host") << K::ProxyHost << "network/proxy_host" << QVariant(QString());
    QTest::newRow("proxy port") << K::ProxyPort << "network/proxy_port" << QVariant(0);
    QTest::newRow("proxy user") << K::ProxyUser << "network/proxy_user" << QVariant(QString());
    QTest::newRow("server enabled") << K::ServerEnabled << "server/enabled" << QVariant(false);
    QTest::newRow("bind") << K::ServerBind << "server/bind" << QVariant(QStringLiteral("127.0.0.1"));
    QTest::newRow("port") << K::ServerPort << "server/port" << QVariant(8787);
    QTest::newRow("require key") << K::ServerRequireKey << "server/require_key" << QVariant(true);
    QTest::newRow("allowed hosts") << K::ServerAllowedHosts << "server/allowed_hosts" << QVariant(QStringList());
    QTest::newRow("cors") << K::ServerCorsOrigins << "server/cors_origins"
                          << QVariant(QStringList {QStringLiteral("*")});
    QTest::newRow("max body") << K::ServerMaxBodyMiB << "server/max_body_mib" << QVariant(32);
    QTest::newRow("log cap") << K::ServerLogMaxMiB << "server/log_max_mib" << QVariant(5);
    QTest::newRow("key records") << K::ServerKeyRecords << "server/key_records" << QVariant(QStringList());
    QTest::newRow("claude models") << K::ServerClaudeModels << "server/claude_models"
                                   << QVariant(QStringList {QStringLiteral("*opus*=glm-4.7-flash"),
                                          QStringLiteral("*sonnet*=glm-4.7-flash"), QStringLiteral("*haiku*=gemma-4")});
    QTest::newRow("model") << K::DefaultModel << "chat/default_model" << QVariant(QStringLiteral("llama-3.3-70b"));
    QTest::newRow("max tokens") << K::DefaultMaxTokens << "chat/max_tokens" << QVariant(2048);
    QTest::newRow("reasoning inline") << K::ReasoningInline << "chat/reasoning_inline" << QVariant(false);
    QTest::newRow("send on enter") << K::SendOnEnter << "chat/send_on_enter" << QVariant(true);
    QTest::newRow("held question") << K::HeldQuestion << "chat/held_question" << QVariant(QString());
    QTest::newRow("theme") << K::Theme << "ui/theme" << QVariant(QStringLiteral("system"));
    QTest::newRow("language") << K::Language << "ui/language" << QVariant(QStringLiteral("system"));
    QTest::newRow("tray notice") << K::TrayNoticeShown << "ui/tray_notice_shown" << QVariant(false);
    QTest::newRow("text size") << K::TextSize << "ui/text_size" << QVariant(0);
    QTest::newRow("window geometry") << K::WindowGeometry << "window/geometry" << QVariant(QByteArray());
    QTest::newRow("window state") << K::WindowState << "window/state" << QVariant(QByteArray());
    QTest::newRow("sidebar width") << K::SidebarWidth << "window/sidebar_width" << QVariant(0);
    QTest::newRow("sidebar shown") << K::SidebarShown << "window/sidebar_shown" << QVariant(true);
}

void TestSettings::defaults()
{
    QFETCH(Settings::Key, key);
    QFETCH(QString, name);
    QFETCH(QVariant, value);
    Settings s(path());
    QCOMPARE(Settings::name(key), name);
    QCOMPARE(Settings::defaultValue(key), value);
    QCOMPARE(s.value(key), value);
    QCOMPARE(s.value(key).metaType(), value.metaType());
    QVERIFY(!s.isSet(key));
}

void TestSettings::tableIsComplete()
{
    const QList<Settings::Key> keys = Settings::allKeys();
    const QMetaEnum meta = QMetaEnum::fromType<Settings::Key>();
    QCOMPARE(keys.size(), meta.keyCount());
    QSet<QString> names;
    for (int i = 0; i < keys.size(); ++i) {
        QCOMPARE(int(keys.at(i)), meta.value(i)); // table order = enum order (lookup by index)
        names.insert(Settings::name(keys.at(i)));
    }
    QCOMPARE(names.size(), keys.size());
}

void TestSettings::roundTrip_data()
{
    using K = Settings::Key;
    QTest::addColumn<Settings::Key>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("string") << K::CloudflareAccountId << QVariant(QStringLiteral("0123456789abcdef0123456789abcdef"));
    QTest::newRow("url") << K::ApiBase << QVariant(QStringLiteral("http://127.0.0.1:9999/client/v4"));
    QTest::newRow("int") << K::ServerPort << QVariant(18080);
    QTest::newRow("bool false") << K::ServerRequireKey << QVariant(false);
    QTest::newRow("bool true") << K::ReasoningInline << QVariant(true);
    QTest::newRow("list empty") << K::ServerCorsOrigins << QVariant(QStringList());
    QTest::newRow("list one") << K::ServerAllowedHosts << QVariant(QStringList {QStringLiteral("mybox.lan")});
    QTest::newRow("list many") << K::ServerCorsOrigins
                               << QVariant(QStringList {
                                      QStringLiteral("https://a.example"), QStringLiteral("http://localhost:3000")});
    QTest::newRow("list with comma") << K::ServerAllowedHosts
                                     << QVariant(QStringList {QStringLiteral("a,b"), QStringLiteral("c")});
    QTest::newRow("unicode") << K::DefaultModel << QVariant(QStringLiteral("模型-ü"));
}

void TestSettings::roundTrip()
{
    QFETCH(Settings::Key, key);
    QFETCH(QVariant, value);
    {
        Settings s(path());
        s.setValue(key, value);
        QCOMPARE(s.value(key), value);
    }
    Settings reread(path()); // through the file, not a cache
    QVERIFY(reread.isSet(key));
    QCOMPARE(reread.value(key), value);
    QCOMPARE(reread.value(key).metaType(), Settings::defaultValue(key).metaType());
}

void TestSettings::changedSignal()
{
    using K = Settings::Key;
    Settings s(path());
    QSignalSpy spy(&s, &Settings::changed);
    s.setValue(K::ServerPort, 8787); // equal to the default: nothing changed
    QCOMPARE(spy.count(), 0);
    s.setValue(K::ServerPort, 9000);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), K::ServerPort);
    s.setValue(K::ServerPort, QStringLiteral("9000")); // same value as text
    QCOMPARE(spy.count(), 1);
    s.reset(K::ServerPort);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(s.value(K::ServerPort), QVariant(8787));
    s.reset(K::ServerPort); // already default
    QCOMPARE(spy.count(), 2);
    s.setValue(K::Theme, QStringLiteral("dark"));
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(0).value<Settings::Key>(), K::Theme);
}

void TestSettings::resetAll()
{
    using K = Settings::Key;
    Settings s(path());
    s.setValue(K::ServerPort, 9000);
    s.setValue(K::Theme, QStringLiteral("dark"));
    s.setValue(K::SendOnEnter, true); // set, but equal to the default
    QSignalSpy spy(&s, &Settings::changed);
    s.resetAll();
    QCOMPARE(spy.count(), 2);
    for (Settings::Key key : Settings::allKeys()) {
        QVERIFY(!s.isSet(key));
        QCOMPARE(s.value(key), Settings::defaultValue(key));
    }
}

void TestSettings::handEditedFile()
{
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[server]\nport=not-a-number\nrequire_key=maybe\nenabled=TRUE\nmax_body_mib=64\n"
            "cors_origins=https://a.example\n[chat]\nsend_on_enter=0\n");
    f.close();
    using K = Settings::Key;
    Settings s(path());
    QCOMPARE(s.status(), QSettings::NoError);
    QCOMPARE(s.value(K::ServerPort), QVariant(8787));
    QCOMPARE(s.value(K::ServerRequireKey), QVariant(true)); // unreadable: the safe default
    QCOMPARE(s.value(K::ServerEnabled), QVariant(true));
    QCOMPARE(s.value(K::ServerMaxBodyMiB), QVariant(64));
    QCOMPARE(s.value(K::ServerCorsOrigins), QVariant(QStringList {QStringLiteral("https://a.example")}));
    QCOMPARE(s.value(K::SendOnEnter), QVariant(false));
}

void TestSettings::noSecretsInTable()
{
    for (Settings::Key key : Settings::allKeys()) {
        const QString n = Settings::name(key);
        for (const char* word : {"api_token", "password", "secret", "api_key", "gateway_token"})
            QVERIFY2(!n.contains(QLatin1String(word)), qPrintable(n));
    }
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
