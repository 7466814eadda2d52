// The live model catalog from the fake's models/search endpoint: paging, both tasks, merging
// over the built-in catalog, the disk cache, and failures.
#include "FakeWorkersAi.h"
#include "workersai/CatalogFetch.h"
#include "workersai/ModelCatalog.h"
#include "workersai/WorkersAiClient.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestCatalogFetch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pagesThroughBothTasks();
    void mergedAndCached();
    void badTokenFails();

private:
    QList<ModelInfo> fetch(int perPage, ApiError* error = nullptr, int* pages = nullptr);

    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<WorkersAiClient> m_client;
};

void TestCatalogFetch::init()
{
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_client = std::make_unique<WorkersAiClient>();
    m_client->setEndpoint(m_fake->endpoint());
}

void TestCatalogFetch::cleanup()
{
    m_client.reset();
    m_fake.reset();
}

QList<ModelInfo> TestCatalogFetch::fetch(int perPage, ApiError* error, int* pages)
{
    CatalogFetch f(m_client.get());
    f.setPageSize(perPage);
    QSignalSpy ok(&f, &CatalogFetch::finished);
    QSignalSpy bad(&f, &CatalogFetch::failed);
    f.start();
    if (!QTest::qWaitFor([&] { return ok.count() + bad.count() > 0; }, 10000))
        return {};
    if (pages)
        *pages = f.pagesFetched();
    if (!bad.isEmpty()) {
        if (error)
            *error = bad.first().first().value<ApiError>();
        return {};
    }
    return ok.first().first().value<QList<ModelInfo>>();
}

void TestCatalogFetch::pagesThroughBothTasks()
{
    int pages = 0;
    const QList<ModelInfo> models = fetch(3, nullptr, &pages);
    QVERIFY(models.size() > 6);
    QVERIFY(pages > 2); // small pages force several requests
    bool sawExtra = false, sawEmbedding = false, sawDeepSeek = false;
    for (const ModelInfo& m : models) {
        sawExtra = sawExtra || m.id == FakeWorkersAi::extraModelId();
        sawEmbedding = sawEmbedding || m.isEmbedding();
        sawDeepSeek = sawDeepSeek || m.id == QLatin1String("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b");
    }
    QVERIFY(sawExtra);
    QVERIFY(sawEmbedding);
    QVERIFY(sawDeepSeek);
    QStringList tasks;
    for (const FakeWorkersAi::ReceivedRequest& r : m_fake->requests())
        tasks << r.query.queryItemValue(QStringLiteral("task"), QUrl::FullyDecoded);
    QVERIFY(tasks.contains(QStringLiteral("Text Generation")));
    QVERIFY(tasks.contains(QStringLiteral("Text Embeddings")));
    // Fetched in one go: no duplicates across pages.
    QSet<QString> ids;
    for (const ModelInfo& m : models)
        ids.insert(m.id);
    QCOMPARE(ids.size(), models.size());
}

void TestCatalogFetch::mergedAndCached()
{
    const QList<ModelInfo> live = fetch(100);
    QVERIFY(!live.isEmpty());
    ModelCatalog catalog = ModelCatalog::builtIn();
    QVERIFY(!catalog.find(FakeWorkersAi::extraModelId()));
    catalog.mergeLive(live, QDateTime::currentDateTimeUtc());
    QVERIFY(catalog.find(FakeWorkersAi::extraModelId()));
    // Translation knowledge of known models survives the merge.
    QCOMPARE(catalog.resolve(QStringLiteral("deepseek-r1")).reasoning, ModelInfo::ReasoningStyle::ThinkTags);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("models-live.json"));
    QVERIFY(catalog.saveCache(path));
    QDateTime fetchedAt;
    const std::optional<QList<ModelInfo>> cached = ModelCatalog::loadCache(path, &fetchedAt);
    QVERIFY(cached);
    QVERIFY(fetchedAt.isValid());
    ModelCatalog fromCache = ModelCatalog::builtIn();
    fromCache.mergeLive(*cached, fetchedAt);
    QVERIFY(fromCache.find(FakeWorkersAi::extraModelId()));
}

void TestCatalogFetch::badTokenFails()
{
    Endpoint ep = m_client->endpoint();
    ep.apiToken = QStringLiteral("wrong-token");
    m_client->setEndpoint(ep);
    ApiError error;
    QVERIFY(fetch(100, &error).isEmpty());
    QCOMPARE(error.httpStatus, 401);
    QVERIFY(!error.message.contains(QStringLiteral("wrong-token")));
}

QTEST_GUILESS_MAIN(TestCatalogFetch)
#include "tst_catalogfetch.moc"
