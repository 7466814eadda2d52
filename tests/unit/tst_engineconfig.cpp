#include "config/Credentials.h"
#include "config/EngineConfig.h"
#include "config/ServerConfig.h"
#include "storage/Settings.h"
#include "workersai/CatalogFetch.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;

// EngineConfig is the one place where settings, credentials and the catalog become an engine's
// configuration: what `ask` runs with, what the window runs with and what the API server runs with
// must be the same facts. The catalog cache lives in Qt's test-mode cache folder here.
class TestEngineConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void catalogTakesTheCachedLiveList();
    void settingsAndCredentialsReachTheEngine();
    void serverRunsWithTheSameEngineConfig();
    void corruptCacheFallsBackToBuiltIn();

private:
    void writeCache(const QList<ModelInfo>& live);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestEngineConfig::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEngineConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
    QFile::remove(CatalogFetch::defaultCachePath());
}

void TestEngineConfig::cleanup()
{
    QFile::remove(CatalogFetch::defaultCachePath());
}

void TestEngineConfig::writeCache(const QList<ModelInfo>& live)
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    catalog.mergeLive(live, QDateTime::currentDateTimeUtc());
    QVERIFY(QDir().mkpath(QFileInfo(CatalogFetch::defaultCachePath()).absolutePath()));
    QString error;
    QVERIFY2(catalog.saveCache(CatalogFetch::defaultCachePath(), &error), qPrintable(error));
}

static ModelInfo liveModel()
{
    ModelInfo m = ModelInfo::unknown(QStringLiteral("@cf/acme/fresh-model-9b"));
    m.displayName = QStringLiteral("Fresh Model 9B");
    m.contextWindow = 65536;
    m.liveFacts = ModelInfo::LiveListed | ModelInfo::LiveContextWindow;
    return m;
}

void TestEngineConfig::catalogTakesTheCachedLiveList()
{
    QVERIFY(!EngineConfig::catalog().find(liveModel().id)); // nothing cached yet
    writeCache({liveModel()});
    const std::optional<ModelInfo> found = EngineConfig::catalog().find(liveModel().id);
    QVERIFY(found);
    QCOMPARE(found->contextWindow, 65536);
    // The built-in knowledge stays: the seed's aliases resolve as before.
    QVERIFY(EngineConfig::catalog().find(QStringLiteral("deepseek-r1")));
}

void TestEngineConfig::settingsAndCredentialsReachTheEngine()
{
    m_settings->setValue(Settings::Key::DefaultMaxTokens, 777);
    Credentials::Overrides cli;
    cli.accountId = QStringLiteral("0123456789abcdef0123456789abcdef");
    cli.apiToken = QStringLiteral("test-token-not-real");
    cli.apiBase = QStringLiteral("http://127.0.0.1:9/client/v4");
    const Credentials credentials = Credentials::resolve(cli, QProcessEnvironment(), *m_settings, {});
    writeCache({liveModel()});

    const Engine::Config config = EngineConfig::build(*m_settings, credentials);
    QCOMPARE(config.client.defaultMaxTokens, 777);
    QCOMPARE(config.endpoint.accountId, cli.accountId);
    QCOMPARE(config.endpoint.apiBase(), QUrl(cli.apiBase));
    QVERIFY(config.catalog.find(liveModel().id));

    Engine engine;
    engine.configure(config);
    QCOMPARE(engine.endpoint().accountId, cli.accountId);
    QVERIFY(engine.catalog().find(liveModel().id));
}

void TestEngineConfig::serverRunsWithTheSameEngineConfig()
{
    m_settings->setValue(Settings::Key::DefaultMaxTokens, 555);
    writeCache({liveModel()});
    Credentials::Overrides cli;
    cli.accountId = QStringLiteral("0123456789abcdef0123456789abcdef");
    cli.apiToken = QStringLiteral("test-token-not-real");
    const Credentials credentials = Credentials::resolve(cli, QProcessEnvironment(), *m_settings, {});
    ApiServer::Config server;
    QString error;
    QVERIFY2(ServerConfig::build(*m_settings, credentials, {}, &server, &error), qPrintable(error));
    const Engine::Config direct = EngineConfig::build(*m_settings, credentials);
    QCOMPARE(server.engine.client.defaultMaxTokens, direct.client.defaultMaxTokens);
    QCOMPARE(server.engine.endpoint.accountId, direct.endpoint.accountId);
    QCOMPARE(server.engine.catalog.models().size(), direct.catalog.models().size());
    QVERIFY(server.engine.catalog.find(liveModel().id));
    // One QuotaState for the process: a spent allocation seen by the window holds the server too.
    QVERIFY(direct.quota);
    QCOMPARE(direct.quota, EngineConfig::quota());
    QCOMPARE(server.engine.quota, direct.quota);
}

void TestEngineConfig::corruptCacheFallsBackToBuiltIn()
{
    QVERIFY(QDir().mkpath(QFileInfo(CatalogFetch::defaultCachePath()).absolutePath()));
    QFile f(CatalogFetch::defaultCachePath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"not\": \"a cache\"");
    f.close();
    QCOMPARE(EngineConfig::catalog().models().size(), ModelCatalog::builtIn().models().size());
}

QTEST_GUILESS_MAIN(TestEngineConfig)
#include "tst_engineconfig.moc"
