#include "workersai/ModelCatalog.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;
using Content = ModelInfo::ContentForm;
using Reply = ModelInfo::ReplyShape;
using Reasoning = ModelInfo::ReasoningStyle;

class TestModelCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInCatalogParses();
    void seedAliases_data();
    void seedAliases();
    void modelsListsSeedAliasesFirst();
    void aliasesAreCaseInsensitive_data();
    void aliasesAreCaseInsensitive();
    void unknownIdResolvesWithDefaults_data();
    void unknownIdResolvesWithDefaults();
    void unknownNameIsNotFound_data();
    void unknownNameIsNotFound();
    void emptyNameIsInvalidRequest();
    void textAndEmbeddingModels();
    void userAliases_data();
    void userAliases();
    void userAliasProblems_data();
    void userAliasProblems();
    void rejectsMalformedCatalogs_data();
    void rejectsMalformedCatalogs();
    void parsesSearchResults_data();
    void parsesSearchResults();
    void searchResultsSkipJunk();
    void mergeLiveKeepsTranslationKnowledge();
    void mergeLiveAddsNewTextModelsOnly();
    void mergeLiveReplacesEarlierLiveList();
    void cacheRoundTrip();
    void corruptCacheIsIgnored_data();
    void corruptCacheIsIgnored();
    void neuronEstimate_data();
    void neuronEstimate();
    void listedNames();
    void retiredModelsRunOnTheirReplacement_data();
    void retiredModelsRunOnTheirReplacement();
    void retirementWithoutReplacementOrDate();
    void paidModelsNameAFreeAlternative();
    void december2026Catalog_data();
    void december2026Catalog();
    void liveCatalogOf2026();
};

// Shaped like GET /accounts/{id}/ai/models/search "result" (cloudflare-api.md section 5):
// property values as strings, prices as a list of units.
static QJsonArray searchFixture()
{
    static const char json[] = R"([
  {"id": "a1b2", "source": 1, "name": "@cf/meta/llama-4-scout-17b-16e-instruct",
   "description": "Meta's Llama 4 Scout is a 17 billion parameter model with 16 experts.",
   "task": {"id": "c329", "name": "Text Generation", "description": "..."},
   "created_at": "2025-04-05 20:25:56.137", "tags": [],
   "properties": [
     {"property_id": "context_window", "value": "131000"},
     {"property_id": "price", "value": [
        {"unit": "per M input tokens", "price": 0.27, "currency": "USD"},
        {"unit": "per M output tokens", "price": 0.85, "currency": "USD"}]},
     {"property_id": "function_calling", "value": "true"}]},
  {"id": "d3e4", "name": "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
   "description": "DeepSeek-R1-Distill-Qwen-32B outperforms OpenAI-o1-mini.",
   "task": {"id": "c329", "name": "Text Generation"},
   "properties": [
     {"property_id": "context_window", "value": "96000"},
     {"property_id": "price", "value": [
        {"unit": "per M input tokens", "price": 0.5, "currency": "USD"},
        {"unit": "per M output tokens", "price": 4.9, "currency": "USD"}]},
     {"property_id": "reasoning", "value": "true"},
     {"property_id": "terms", "value": "https://example.com/license"}]},
  {"id": "f5a6", "name": "@cf/openai/gpt-oss-120b", "description": "",
   "task": {"name": "Text Generation"},
   "properties": [
     {"property_id": "context_window", "value": 128000},
     {"property_id": "function_calling", "value": true},
     {"property_id": "reasoning", "value": true},
     {"property_id": "reasoning_effort",
      "value": {"supported_efforts": ["low", "medium", "high"], "default_effort": "medium", "mandatory": true}}]},
  {"id": "0a0b", "name": "@cf/google/gemma-3-12b-it", "description": "Gemma 3 models are multimodal.",
   "task": {"name": "Text Generation"},
   "properties": [
     {"property_id": "context_window", "value": "80000"},
     {"property_id": "lora", "value": "true"},
     {"property_id": "planned_deprecation_date", "value": "2026-05-30"}]},
  {"id": "7c8d", "name": "@cf/acme/vista-30b-instruct", "description": "A new multimodal reasoning model.",
   "task": {"name": "Text Generation"}, "tags": ["Vision"],
   "properties": [
     {"property_id": "context_window", "value": "262144"},
     {"property_id": "price", "value": [
        {"unit": "per M input tokens", "price": 0.1, "currency": "USD"},
        {"unit": "per M output tokens", "price": 0.8, "currency": "USD"}]},
     {"property_id": "function_calling", "value": "false"},
     {"property_id": "reasoning", "value": "true"}]},
  {"id": "9e0f", "name": "@cf/baai/bge-reranker-large-v9", "description": "Embeddings.",
   "task": {"name": "Text Embeddings"},
   "properties": [{"property_id": "price", "value": [{"unit": "per M input tokens", "price": 0.012, "currency": "USD"}]}]},
  {"id": "1a2b", "name": "@cf/black-forest-labs/flux-1-schnell", "description": "Text to image.",
   "task": {"name": "Text-to-Image"},
   "properties": [{"property_id": "price", "value": [{"unit": "per 512 by 512 tile", "price": 0.0000528, "currency": "USD"}]}]}
])";
    return QJsonDocument::fromJson(json).array();
}

static ModelInfo parsedById(const QString& id)
{
    const QList<ModelInfo> parsed = ModelCatalog::parseSearchResults(searchFixture());
    for (const ModelInfo& m : parsed) {
        if (m.id == id) {
            return m;
        }
    }
    return {};
}

// Every field in one line, so a QCOMPARE of two models shows what differs.
static QString describe(const ModelInfo& m)
{
    const auto range = [](const ModelInfo::Range& r) { return QStringLiteral("[%1,%2]").arg(r.min).arg(r.max); };
    return QStringList {
        m.id,
        m.alias,
        m.displayName,
        m.description,
        m.task,
        QString::number(int(m.contentForm)),
        QString::number(int(m.replyShape)),
        QString::number(m.streams),
        QString::number(int(m.reasoning)),
        QString::number(m.vision),
        QString::number(m.tools),
        QString::number(int(m.jsonMode)),
        QString::number(m.guidedJson),
        QString::number(int(m.thinkingSwitch)),
        m.reasoningEfforts.join(QLatin1Char('|')),
        m.offEffort,
        QString::number(m.thinksByDefault),
        QString::number(m.reasoningMandatory),
        QString::number(m.supportsStop),
        QString::number(m.paidOnly),
        QString::number(m.contextWindow),
        QString::number(m.defaultMaxTokens),
        QString::number(m.maxOutputTokens),
        range(m.temperature),
        range(m.topP),
        range(m.topK),
        range(m.frequencyPenalty),
        range(m.presencePenalty),
        range(m.repetitionPenalty),
        range(m.seed),
        QString::number(m.priceInPerM),
        QString::number(m.priceOutPerM),
        QString::number(m.priceCachedInPerM),
        QString::number(m.deprecated),
        m.deprecationDate,
        m.replacement,
        m.freeAlternative,
        QString::number(m.liveFacts, 16),
    }
        .join(QLatin1String(" ; "));
}

static QStringList ids(const QList<ModelInfo>& models)
{
    QStringList out;
    for (const ModelInfo& m : models) {
        out.append(m.id);
    }
    return out;
}

void TestModelCatalog::builtInCatalogParses()
{
    QFile file(QStringLiteral(":/flarechat/models.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QString error;
    const std::optional<ModelCatalog> parsed = ModelCatalog::fromJson(json, &error);
    QVERIFY2(parsed, qPrintable(error));
    const int entries = QJsonDocument::fromJson(json).object().value(QLatin1String("models")).toArray().size();
    QVERIFY(entries >= 6);
    QCOMPARE(parsed->models().size(), entries);
    QCOMPARE(ModelCatalog::builtIn().models().size(), entries);
}

void TestModelCatalog::seedAliases_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("id");
    QTest::addColumn<Content>("content");
    QTest::addColumn<Reply>("reply");
    QTest::addColumn<bool>("streams");
    QTest::addColumn<Reasoning>("reasoning");
    QTest::addColumn<bool>("vision");
    QTest::addColumn<int>("contextWindow");
    QTest::addColumn<QString>("replacement");
    QTest::addColumn<QString>("runsOn"); // what a request for it runs on 2026-12-01

    QTest::newRow("deepseek-r1: think tags, legacy")
        << "deepseek-r1"
        << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b" << Content::StringOnly << Reply::Legacy << true
        << Reasoning::ThinkTags << false << 80000 << QString() << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";
    QTest::newRow("gpt-oss-120b: openai reply, no upstream stream")
        << "gpt-oss-120b"
        << "@cf/openai/gpt-oss-120b" << Content::StringOnly << Reply::OpenAi << false << Reasoning::Field << false
        << 128000 << QString() << "@cf/openai/gpt-oss-120b";
    QTest::newRow("gpt-oss-20b: openai reply, no upstream stream")
        << "gpt-oss-20b"
        << "@cf/openai/gpt-oss-20b" << Content::StringOnly << Reply::OpenAi << false << Reasoning::Field << false
        << 128000 << QString() << "@cf/openai/gpt-oss-20b";
    QTest::newRow("llama-4-scout: vision parts")
        << "llama-4-scout"
        << "@cf/meta/llama-4-scout-17b-16e-instruct" << Content::Parts << Reply::Legacy << true << Reasoning::None
        << true << 131000 << QString() << "@cf/meta/llama-4-scout-17b-16e-instruct";
    QTest::newRow("qwen2.5-coder: string content only")
        << "qwen2.5-coder"
        << "@cf/qwen/qwen2.5-coder-32b-instruct" << Content::StringOnly << Reply::Legacy << true << Reasoning::None
        << false << 32768 << QString() << "@cf/qwen/qwen2.5-coder-32b-instruct";
    QTest::newRow("gemma-3: retired 2026-05-30, runs on gemma-4")
        << "gemma-3"
        << "@cf/google/gemma-3-12b-it" << Content::Parts << Reply::Legacy << true << Reasoning::None << true << 80000
        << "@cf/google/gemma-4-26b-a4b-it"
        << "@cf/google/gemma-4-26b-a4b-it";
}

void TestModelCatalog::seedAliases()
{
    QFETCH(QString, alias);
    QFETCH(QString, id);
    QFETCH(Content, content);
    QFETCH(Reply, reply);
    QFETCH(bool, streams);
    QFETCH(Reasoning, reasoning);
    QFETCH(bool, vision);
    QFETCH(int, contextWindow);
    QFETCH(QString, replacement);
    QFETCH(QString, runsOn);

    const ModelCatalog catalog = ModelCatalog::builtIn();
    ApiError error;
    const ModelInfo m = catalog.resolve(alias, &error);
    QVERIFY(!error.isValid());
    QCOMPARE(m.id, id);
    QCOMPARE(m.alias, alias);
    QCOMPARE(m.contentForm, content);
    QCOMPARE(m.replyShape, reply);
    QCOMPARE(m.streams, streams);
    QCOMPARE(m.reasoning, reasoning);
    QCOMPARE(m.vision, vision);
    QCOMPARE(m.contextWindow, contextWindow);
    const ModelCatalog::Resolved runs = catalog.resolveForRequest(alias, QDate(2026, 12, 1));
    QCOMPARE(runs.model.id, runsOn);
    QCOMPARE(runs.replacedFrom, runsOn == id ? QString() : id);
    QCOMPARE(m.deprecated, !replacement.isEmpty());
    QCOMPARE(m.replacement, replacement);
    QVERIFY(m.priceInPerM > 0);
    QVERIFY(m.temperature.isSet()); // catalog defaults reach every model
    // The id names the same model as the alias.
    QCOMPARE(describe(catalog.resolve(id, nullptr)), describe(m));
}

void TestModelCatalog::modelsListsSeedAliasesFirst()
{
    const QList<ModelInfo> models = ModelCatalog::builtIn().models();
    QVERIFY(models.size() > 6);
    QStringList firstSix;
    for (int i = 0; i < 6; ++i) {
        firstSix.append(models.at(i).alias);
    }
    QCOMPARE(firstSix,
        (QStringList {QStringLiteral("deepseek-r1"), QStringLiteral("gpt-oss-120b"), QStringLiteral("gpt-oss-20b"),
            QStringLiteral("llama-4-scout"), QStringLiteral("qwen2.5-coder"), QStringLiteral("gemma-3")}));
    const QStringList rest = ids(models.mid(6));
    QStringList sorted = rest;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(rest, sorted);
}

void TestModelCatalog::aliasesAreCaseInsensitive_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("id");
    QTest::newRow("mixed case") << "DeepSeek-R1"
                                << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b";
    QTest::newRow("upper case") << "GPT-OSS-120B"
                                << "@cf/openai/gpt-oss-120b";
    QTest::newRow("surrounding spaces") << "  gemma-3 "
                                        << "@cf/google/gemma-3-12b-it";
    QTest::newRow("non-seed alias") << "Llama-3.3-70B"
                                    << "@cf/meta/llama-3.3-70b-instruct-fp8-fast";
}

void TestModelCatalog::aliasesAreCaseInsensitive()
{
    QFETCH(QString, name);
    QFETCH(QString, id);
    const std::optional<ModelInfo> m = ModelCatalog::builtIn().find(name);
    QVERIFY(m);
    QCOMPARE(m->id, id);
}

void TestModelCatalog::unknownIdResolvesWithDefaults_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("@cf id") << "@cf/acme/brand-new-model-7b";
    QTest::newRow("@hf id") << "@hf/thebloke/some-community-model-7b";
    QTest::newRow("dots and plus") << "@cf/vendor/model-v1.5+fp8";
}

void TestModelCatalog::unknownIdResolvesWithDefaults()
{
    QFETCH(QString, id);
    const ModelCatalog catalog = ModelCatalog::builtIn();
    QVERIFY(!catalog.find(id));
    ApiError error;
    const ModelInfo m = catalog.resolve(id, &error);
    QVERIFY(!error.isValid());
    QCOMPARE(m.id, id);
    QVERIFY(m.alias.isEmpty());
    QCOMPARE(m.displayName, id.section(QLatin1Char('/'), -1));
    QCOMPARE(m.contentForm, Content::StringOnly);
    QCOMPARE(m.replyShape, Reply::Legacy);
    QVERIFY(m.streams);
    QCOMPARE(m.reasoning, Reasoning::None);
    QCOMPARE(m.temperature.max, 5.0);
    QCOMPARE(m.topP.min, 0.001);
    QCOMPARE(m.seed.max, 9999999999.0);
    QCOMPARE(m.defaultMaxTokens, 256);
    QCOMPARE(describe(m), describe(ModelInfo::unknown(id)));
}

void TestModelCatalog::unknownNameIsNotFound_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("openai name") << "gpt-4o";
    QTest::newRow("alias prefix") << "deepseek";
    QTest::newRow("id without @") << "cf/meta/llama-3.3-70b-instruct-fp8-fast";
    QTest::newRow("bare prefix") << "@cf/";
    QTest::newRow("path climbing") << "@cf/../../user/tokens/verify";
    QTest::newRow("query in id") << "@cf/meta/llama?x=1";
    QTest::newRow("space in id") << "@cf/meta/llama 3";
}

void TestModelCatalog::unknownNameIsNotFound()
{
    QFETCH(QString, name);
    ApiError error;
    const ModelInfo m = ModelCatalog::builtIn().resolve(name, &error);
    QVERIFY(m.id.isEmpty());
    QCOMPARE(error.httpStatus, 404);
    QCOMPARE(error.code, QStringLiteral("model_not_found"));
    QCOMPARE(error.message,
        QStringLiteral("The model '%1' does not exist. Use GET /v1/models to list models.").arg(name.trimmed()));
}

void TestModelCatalog::emptyNameIsInvalidRequest()
{
    ApiError error;
    QVERIFY(ModelCatalog::builtIn().resolve(QStringLiteral("  "), &error).id.isEmpty());
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.param, QStringLiteral("model"));
}

void TestModelCatalog::textAndEmbeddingModels()
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QStringList text = ids(catalog.textModels());
    const QStringList embeddings = ids(catalog.embeddingModels());
    QVERIFY(text.contains(QStringLiteral("@cf/openai/gpt-oss-120b")));
    QVERIFY(!text.contains(QStringLiteral("@cf/baai/bge-m3")));
    QVERIFY(embeddings.contains(QStringLiteral("@cf/baai/bge-m3")));
    QVERIFY(!embeddings.contains(QStringLiteral("@cf/openai/gpt-oss-120b")));
    QCOMPARE(text.size() + embeddings.size(), catalog.models().size());
    QCOMPARE(text.first(), QStringLiteral("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b"));
}

void TestModelCatalog::userAliases_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("lookup");
    QTest::addColumn<QString>("resolvedId");

    QTest::newRow("to a known id") << "fast"
                                   << "@cf/meta/llama-3.1-8b-instruct-fast" << true << "FAST"
                                   << "@cf/meta/llama-3.1-8b-instruct-fast";
    QTest::newRow("to a built-in alias") << "coder"
                                         << "Qwen2.5-Coder" << true << "coder"
                                         << "@cf/qwen/qwen2.5-coder-32b-instruct";
    QTest::newRow("to an unknown id") << "mine"
                                      << "@cf/acme/private-13b" << true << "Mine"
                                      << "@cf/acme/private-13b";
    QTest::newRow("shadowing a seed alias") << "Gemma-3"
                                            << "@cf/google/gemma-4-26b-a4b-it" << false << "gemma-3"
                                            << "@cf/google/gemma-3-12b-it";
    QTest::newRow("looking like an id") << "@cf/openai/gpt-oss-120b"
                                        << "@cf/openai/gpt-oss-20b" << false << "@cf/openai/gpt-oss-120b"
                                        << "@cf/openai/gpt-oss-120b";
    QTest::newRow("target is nonsense") << "broken"
                                        << "gpt-4o" << false << "broken" << QString();
    QTest::newRow("whitespace inside") << "my model"
                                       << "@cf/openai/gpt-oss-20b" << false << "my model" << QString();
}

void TestModelCatalog::userAliases()
{
    QFETCH(QString, alias);
    QFETCH(QString, target);
    QFETCH(bool, accepted);
    QFETCH(QString, lookup);
    QFETCH(QString, resolvedId);

    ModelCatalog catalog = ModelCatalog::builtIn();
    const QStringList rejected = catalog.setUserAliases({{alias, target}});
    QCOMPARE(rejected.isEmpty(), accepted);
    QCOMPARE(catalog.userAliases().size(), accepted ? 1 : 0);
    ApiError error;
    const ModelInfo m = catalog.resolve(lookup, &error);
    QCOMPARE(m.id, resolvedId);
    QCOMPARE(error.isValid(), resolvedId.isEmpty());

    // Model lists name an accepted user alias once, after the catalog's own names.
    const QDate today(2026, 12, 1);
    const QList<ModelCatalog::ListedName> list = catalog.listedNames(today);
    QCOMPARE(list.size(), ModelCatalog::builtIn().listedNames(today).size() + (accepted ? 1 : 0));
    if (accepted) {
        QCOMPARE(list.last().name, alias.toLower());
    }
}

void TestModelCatalog::userAliasProblems_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("problem");

    using P = ModelCatalog::AliasProblem;
    QTest::newRow("fine") << "fast"
                          << "@cf/meta/llama-3.1-8b-instruct-fast" << int(P::None);
    QTest::newRow("to a built-in alias") << "coder"
                                         << "qwen2.5-coder" << int(P::None);
    QTest::newRow("empty") << "  "
                           << "@cf/openai/gpt-oss-20b" << int(P::Empty);
    QTest::newRow("space") << "my model"
                           << "@cf/openai/gpt-oss-20b" << int(P::HasSpace);
    QTest::newRow("id-like") << "@mine"
                             << "@cf/openai/gpt-oss-20b" << int(P::LooksLikeId);
    QTest::newRow("a seed alias") << "GEMMA-3"
                                  << "@cf/openai/gpt-oss-20b" << int(P::ShadowsBuiltIn);
    QTest::newRow("no target") << "mine"
                               << "" << int(P::BadTarget);
    QTest::newRow("nonsense target") << "mine"
                                     << "gpt-4o" << int(P::BadTarget);
}

void TestModelCatalog::userAliasProblems()
{
    QFETCH(QString, alias);
    QFETCH(QString, target);
    QFETCH(int, problem);

    ModelCatalog catalog = ModelCatalog::builtIn();
    QCOMPARE(int(catalog.checkUserAlias(alias, target)), problem);
    // setUserAliases() applies the same rule.
    QCOMPARE(catalog.setUserAliases({{alias, target}}).isEmpty(), problem == int(ModelCatalog::AliasProblem::None));
    // In a table, a name on an earlier row (in any case) is a duplicate.
    const QList<ModelCatalog::AliasProblem> rows
        = catalog.checkUserAliases({{alias, target}, {alias.toUpper(), QStringLiteral("@cf/openai/gpt-oss-20b")}});
    QCOMPARE(int(rows.at(0)), problem);
    if (problem == int(ModelCatalog::AliasProblem::None))
        QCOMPARE(rows.at(1), ModelCatalog::AliasProblem::Duplicate);
}

void TestModelCatalog::rejectsMalformedCatalogs_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // each row's own reason, in the error
    const QByteArray ok = R"({"id":"@cf/a/b","content":"string"})";
    QTest::newRow("not json") << QByteArray("{models: [}") << "not JSON:";
    QTest::newRow("array root") << QByteArray("[]") << "the catalog must be a JSON object";
    QTest::newRow("models missing") << QByteArray(R"({"defaults":{}})") << "\"models\" must be an array";
    QTest::newRow("id not a model id") << QByteArray(R"({"models":[{"id":"llama"}]})")
                                       << "model #0: \"id\" must be an \"@cf/...\" or \"@hf/...\" model id";
    QTest::newRow("unknown key (typo)") << QByteArray(R"({"models":[{"id":"@cf/a/b","stream":true}]})")
                                        << "model #0: @cf/a/b: unknown key \"stream\"";
    QTest::newRow("bad content form") << QByteArray(R"({"models":[{"id":"@cf/a/b","content":"array"}]})")
                                      << "@cf/a/b: bad \"content\" value [\"array\"]";
    QTest::newRow("bad reasoning style") << QByteArray(R"({"models":[{"id":"@cf/a/b","reasoning":"think"}]})")
                                         << "@cf/a/b: bad \"reasoning\" value [\"think\"]";
    QTest::newRow("bool as string") << QByteArray(R"({"models":[{"id":"@cf/a/b","tools":"true"}]})")
                                    << "@cf/a/b: \"tools\" must be true or false";
    QTest::newRow("duplicate id") << "{\"models\":[" + ok + "," + ok + "]}"
                                  << "model #1: duplicate id @cf/a/b";
    QTest::newRow("duplicate alias, other case")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","alias":"x"},{"id":"@cf/a/c","alias":"X"}]})")
        << "model #1: duplicate alias X";
    QTest::newRow("vision without parts") << QByteArray(R"({"models":[{"id":"@cf/a/b","vision":true}]})")
                                          << "a vision model needs \"content\": \"parts\"";
    QTest::newRow("inverted range") << QByteArray(R"({"models":[{"id":"@cf/a/b","ranges":{"top_k":[50,1]}}]})")
                                    << "range \"top_k\" must be [min, max]";
    QTest::newRow("unknown range") << QByteArray(R"({"models":[{"id":"@cf/a/b","ranges":{"min_p":[0,1]}}]})")
                                   << "unknown range \"min_p\"";
    QTest::newRow("bad date") << QByteArray(R"({"models":[{"id":"@cf/a/b","deprecated":"30.05.2026"}]})")
                              << "\"deprecated\" must be a \"YYYY-MM-DD\" date or a boolean";
    QTest::newRow("price of one") << QByteArray(R"({"models":[{"id":"@cf/a/b","price":[0.1]}]})")
                                  << "\"price\" must be [input, output]";
    QTest::newRow("negative cached price") << QByteArray(R"({"models":[{"id":"@cf/a/b","cachedPrice":-1}]})")
                                           << "\"cachedPrice\" must be USD per million cached input tokens";
    QTest::newRow("fractional context") << QByteArray(R"({"models":[{"id":"@cf/a/b","contextWindow":1.5}]})")
                                        << "\"contextWindow\" must be a non-negative integer";
    QTest::newRow("bad default range") << QByteArray(R"({"defaults":{"ranges":{"seed":"any"}},"models":[]})")
                                       << "bad \"defaults\": range \"seed\" must be [min, max]";
    QTest::newRow("unknown thinking switch")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","thinking":{"switch":"enable_reasoning"}}]})")
        << "\"thinking.switch\" must be none, thinking, enable_thinking or effort";
    QTest::newRow("unknown thinking key")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","thinking":{"switch":"none","budget":1}}]})")
        << "unknown \"thinking\" key \"budget\"";
    QTest::newRow("effort switch without efforts")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","thinking":{"switch":"effort"}}]})")
        << "\"thinking.switch\": \"effort\" needs \"efforts\"";
    QTest::newRow("mandatory thinking with an off effort") << QByteArray(
        R"({"models":[{"id":"@cf/a/b","thinking":{"switch":"effort","efforts":["low"],"off":"off","mandatory":true}}]})")
                                                           << "a mandatory thinking model has no \"off\" effort";
    QTest::newRow("bad thinking default")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","thinking":{"switch":"none","default":"sometimes"}}]})")
        << "\"thinking.default\" must be \"on\" or \"off\"";
    QTest::newRow("replacement not in the catalog")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","deprecated":"2026-05-30","replacement":"@cf/a/zz"}]})")
        << "@cf/a/b: replacement @cf/a/zz is not in the catalog";
    QTest::newRow("free alternative is paid") << QByteArray(
        R"({"models":[{"id":"@cf/a/b","paidOnly":true,"freeAlternative":"@cf/a/c"},{"id":"@cf/a/c","paidOnly":true}]})")
                                              << "@cf/a/b: free alternative @cf/a/c is not a free model of the catalog";
}

void TestModelCatalog::rejectsMalformedCatalogs()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!ModelCatalog::fromJson(json, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestModelCatalog::parsesSearchResults_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("task");
    QTest::addColumn<int>("contextWindow");
    QTest::addColumn<double>("priceIn");
    QTest::addColumn<double>("priceOut");
    QTest::addColumn<bool>("tools");
    QTest::addColumn<Reasoning>("reasoning");
    QTest::addColumn<bool>("vision");
    QTest::addColumn<QString>("deprecationDate");
    QTest::addColumn<uint>("facts");

    using F = ModelInfo;
    QTest::newRow("string values, price list")
        << "@cf/meta/llama-4-scout-17b-16e-instruct"
        << "Text Generation" << 131000 << 0.27 << 0.85 << true << Reasoning::None << false << QString()
        << uint(F::LiveListed | F::LiveDescription | F::LiveContextWindow | F::LivePrice | F::LiveTools);
    QTest::newRow("reasoning as string") << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b"
                                         << "Text Generation" << 96000 << 0.5 << 4.9 << false << Reasoning::Field
                                         << false << QString()
                                         << uint(F::LiveListed | F::LiveDescription | F::LiveContextWindow
                                                | F::LivePrice | F::LiveReasoning);
    QTest::newRow("native json values, reasoning effort")
        << "@cf/openai/gpt-oss-120b"
        << "Text Generation" << 128000 << 0.0 << 0.0 << true << Reasoning::Field << false << QString()
        << uint(F::LiveListed | F::LiveContextWindow | F::LiveTools | F::LiveReasoning | F::LiveReasoningEffort);
    QTest::newRow("planned deprecation") << "@cf/google/gemma-3-12b-it"
                                         << "Text Generation" << 80000 << 0.0 << 0.0 << false << Reasoning::None
                                         << false << "2026-05-30"
                                         << uint(F::LiveListed | F::LiveDescription | F::LiveContextWindow
                                                | F::LiveDeprecation);
    QTest::newRow("vision tag, explicit false tools")
        << "@cf/acme/vista-30b-instruct"
        << "Text Generation" << 262144 << 0.1 << 0.8 << false << Reasoning::Field << true << QString()
        << uint(F::LiveListed | F::LiveDescription | F::LiveContextWindow | F::LivePrice | F::LiveTools
               | F::LiveReasoning | F::LiveVision);
    QTest::newRow("embedding, input price only")
        << "@cf/baai/bge-reranker-large-v9"
        << "Text Embeddings" << 0 << 0.012 << 0.0 << false << Reasoning::None << false << QString()
        << uint(F::LiveListed | F::LiveDescription | F::LivePrice);
    QTest::newRow("image model, per-tile price ignored")
        << "@cf/black-forest-labs/flux-1-schnell"
        << "Text-to-Image" << 0 << 0.0 << 0.0 << false << Reasoning::None << false << QString()
        << uint(F::LiveListed | F::LiveDescription);
}

void TestModelCatalog::parsesSearchResults()
{
    QFETCH(QString, id);
    QFETCH(QString, task);
    QFETCH(int, contextWindow);
    QFETCH(double, priceIn);
    QFETCH(double, priceOut);
    QFETCH(bool, tools);
    QFETCH(Reasoning, reasoning);
    QFETCH(bool, vision);
    QFETCH(QString, deprecationDate);
    QFETCH(uint, facts);

    const ModelInfo m = parsedById(id);
    QCOMPARE(m.id, id);
    QCOMPARE(m.task, task);
    QCOMPARE(m.contextWindow, contextWindow);
    QCOMPARE(m.priceInPerM, priceIn);
    QCOMPARE(m.priceOutPerM, priceOut);
    QCOMPARE(m.tools, tools);
    QCOMPARE(m.reasoning, reasoning);
    QCOMPARE(m.vision, vision);
    QCOMPARE(m.contentForm, vision ? Content::Parts : Content::StringOnly);
    QCOMPARE(m.deprecated, !deprecationDate.isEmpty());
    QCOMPARE(m.deprecationDate, deprecationDate);
    QCOMPARE(QString::number(m.liveFacts, 16), QString::number(facts, 16));
}

void TestModelCatalog::searchResultsSkipJunk()
{
    static const char json[] = R"([
        42, "text", null, {}, {"name": "not-an-id"}, {"name": "@cf/../etc"},
        {"name": "@cf/a/odd", "task": "Text Generation", "properties": [
            7, {"property_id": "context_window", "value": "lots"},
            {"property_id": "function_calling", "value": "maybe"},
            {"property_id": "price",
             "value": "[{\"unit\":\"per M input tokens\",\"price\":\"0.5\",\"currency\":\"USD\"}]"},
            {"property_id": "reasoning_effort", "value": {"supported_efforts": []}}]}
    ])";
    const QJsonArray junk = QJsonDocument::fromJson(json).array();
    QCOMPARE(junk.size(), 7);
    const QList<ModelInfo> parsed = ModelCatalog::parseSearchResults(junk);
    QCOMPARE(parsed.size(), 1);
    const ModelInfo& m = parsed.first();
    QCOMPARE(m.id, QStringLiteral("@cf/a/odd"));
    QCOMPARE(m.task, QStringLiteral("Text Generation"));
    QCOMPARE(m.contextWindow, 0);
    QVERIFY(!m.hasLiveFact(ModelInfo::LiveTools));
    QVERIFY(!m.hasLiveFact(ModelInfo::LiveReasoningEffort));
    QVERIFY(m.hasLiveFact(ModelInfo::LivePrice)); // JSON text inside a string still counts
    QCOMPARE(m.priceInPerM, 0.5);
}

void TestModelCatalog::mergeLiveKeepsTranslationKnowledge()
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    const ModelInfo before = *catalog.find(QStringLiteral("deepseek-r1"));
    catalog.mergeLive(ModelCatalog::parseSearchResults(searchFixture()));

    const ModelInfo deepseek = *catalog.find(QStringLiteral("deepseek-r1"));
    // Facts from the live list...
    QCOMPARE(deepseek.contextWindow, 96000);
    QCOMPARE(deepseek.priceInPerM, 0.5);
    QCOMPARE(deepseek.priceOutPerM, 4.9);
    QCOMPARE(deepseek.description, QStringLiteral("DeepSeek-R1-Distill-Qwen-32B outperforms OpenAI-o1-mini."));
    QVERIFY(deepseek.hasLiveFact(ModelInfo::LiveListed));
    // ...over our translation knowledge: live "reasoning" would say Field, we know it is <think> text.
    QCOMPARE(deepseek.reasoning, Reasoning::ThinkTags);
    QCOMPARE(deepseek.replyShape, before.replyShape);
    QCOMPARE(deepseek.contentForm, before.contentForm);
    QCOMPARE(deepseek.jsonMode, before.jsonMode);
    QCOMPARE(deepseek.tools, before.tools); // no function_calling property: unknown, not false
    QCOMPARE(deepseek.alias, QStringLiteral("deepseek-r1"));
    QCOMPARE(deepseek.displayName, before.displayName);

    const ModelInfo gptOss = *catalog.find(QStringLiteral("gpt-oss-120b"));
    QVERIFY(!gptOss.streams);
    QCOMPARE(gptOss.replyShape, Reply::OpenAi);
    QCOMPARE(gptOss.reasoningEfforts,
        (QStringList {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}));
    QVERIFY(gptOss.reasoningMandatory);
    QCOMPARE(gptOss.priceInPerM, 0.35); // no price in the live entry: ours stays
    // An empty live description does not wipe ours.
    QCOMPARE(gptOss.description, ModelCatalog::builtIn().find(QStringLiteral("gpt-oss-120b"))->description);

    const ModelInfo gemma = *catalog.find(QStringLiteral("gemma-3"));
    QVERIFY(gemma.deprecated);
    QCOMPARE(gemma.replacement, QStringLiteral("@cf/google/gemma-4-26b-a4b-it"));
    QCOMPARE(gemma.contentForm, Content::Parts);

    // A built-in model the live list lacks stays, untouched.
    const ModelInfo coder = *catalog.find(QStringLiteral("qwen2.5-coder"));
    QCOMPARE(coder.contextWindow, 32768);
    QVERIFY(!coder.hasLiveFact(ModelInfo::LiveListed));
}

void TestModelCatalog::mergeLiveAddsNewTextModelsOnly()
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    const int before = catalog.models().size();
    catalog.mergeLive(ModelCatalog::parseSearchResults(searchFixture()));
    QCOMPARE(catalog.models().size(), before + 2);

    const std::optional<ModelInfo> vista = catalog.find(QStringLiteral("@cf/acme/vista-30b-instruct"));
    QVERIFY(vista);
    QVERIFY(vista->vision);
    QCOMPARE(vista->contentForm, Content::Parts);
    QCOMPARE(vista->reasoning, Reasoning::Field);
    QCOMPARE(vista->contextWindow, 262144);
    QVERIFY(vista->streams);
    QCOMPARE(vista->temperature.max, 5.0);
    QVERIFY(ids(catalog.textModels()).contains(vista->id));

    QVERIFY(ids(catalog.embeddingModels()).contains(QStringLiteral("@cf/baai/bge-reranker-large-v9")));
    QVERIFY(!catalog.find(QStringLiteral("@cf/black-forest-labs/flux-1-schnell")));

    // Ordering still holds with added models.
    const QStringList rest = ids(catalog.models().mid(6));
    QStringList sorted = rest;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(rest, sorted);
}

void TestModelCatalog::mergeLiveReplacesEarlierLiveList()
{
    ModelCatalog catalog = ModelCatalog::builtIn();
    const ModelCatalog pristine = catalog;
    catalog.mergeLive(ModelCatalog::parseSearchResults(searchFixture()));
    QVERIFY(catalog.find(QStringLiteral("@cf/acme/vista-30b-instruct")));
    QCOMPARE(pristine.models().size(), ModelCatalog::builtIn().models().size()); // copies are independent

    catalog.mergeLive({});
    QVERIFY(!catalog.find(QStringLiteral("@cf/acme/vista-30b-instruct")));
    QCOMPARE(catalog.find(QStringLiteral("deepseek-r1"))->contextWindow, 80000);
    QCOMPARE(ids(catalog.models()), ids(pristine.models()));
}

void TestModelCatalog::cacheRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("not/yet/there/models-cache.json"));
    const QDateTime fetched = QDateTime::fromString(QStringLiteral("2026-10-03T12:30:15.250Z"), Qt::ISODateWithMs);
    QVERIFY(fetched.isValid());

    ModelCatalog live = ModelCatalog::builtIn();
    live.mergeLive(ModelCatalog::parseSearchResults(searchFixture()), fetched);
    QString error;
    QVERIFY2(live.saveCache(path, &error), qPrintable(error));

    QDateTime loadedAt;
    const std::optional<QList<ModelInfo>> loaded = ModelCatalog::loadCache(path, &loadedAt);
    QVERIFY(loaded);
    QCOMPARE(loadedAt, fetched);
    QCOMPARE(loaded->size(), live.liveModels().size());
    for (int i = 0; i < loaded->size(); ++i) {
        QCOMPARE(describe(loaded->at(i)), describe(live.liveModels().at(i)));
    }

    ModelCatalog fromCache = ModelCatalog::builtIn();
    fromCache.mergeLive(*loaded, loadedAt);
    QCOMPARE(fromCache.models().size(), live.models().size());
    for (int i = 0; i < live.models().size(); ++i) {
        QCOMPARE(describe(fromCache.models().at(i)), describe(live.models().at(i)));
    }
}

void TestModelCatalog::corruptCacheIsIgnored_data()
{
    QTest::addColumn<QByteArray>("content");
    const QByteArray head = R"({"format":"flarechat-model-cache","version":1,"fetchedAt":"2026-10-03T12:00:00.000Z",)";
    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("binary garbage") << QByteArray("\x00\xff\xfe garbage", 12);
    QTest::newRow("truncated") << head + R"("models":[{"id":"@cf/a/b","task":"Text)";
    QTest::newRow("foreign json") << QByteArray(R"({"models":[]})");
    QTest::newRow("future version") << QByteArray(head).replace("\"version\":1", "\"version\":2") + R"("models":[]})";
    QTest::newRow("models not an array") << head + R"("models":{}})";
    QTest::newRow("bad fetch time") << QByteArray(head).replace("2026-10-03T12:00:00.000Z", "yesterday")
            + R"("models":[]})";
    QTest::newRow("entry without id") << head + R"("models":[{"task":"Text Generation"}]})";
    QTest::newRow("entry with bad price") << head + R"("models":[{"id":"@cf/a/b","task":"x","price":"cheap"}]})";
    QTest::newRow("entry with bad id") << head + R"("models":[{"id":"@cf/../x","task":"x"}]})";
}

void TestModelCatalog::corruptCacheIsIgnored()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("models-cache.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    QDateTime fetchedAt;
    QVERIFY(!ModelCatalog::loadCache(path, &fetchedAt));
    QVERIFY(!fetchedAt.isValid());
    QVERIFY(!ModelCatalog::loadCache(dir.filePath(QStringLiteral("missing.json")), nullptr));

    // The well-formed version of the same file loads, so the rows above fail for their fault only.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"format":"flarechat-model-cache","version":1,"fetchedAt":"2026-10-03T12:00:00.000Z",)"
               R"("models":[{"id":"@cf/a/b","task":"Text Generation","price":[0.1,0.2]}]})");
    file.close();
    const std::optional<QList<ModelInfo>> good = ModelCatalog::loadCache(path, &fetchedAt);
    QVERIFY(good);
    QCOMPARE(good->size(), 1);
    QCOMPARE(good->first().priceOutPerM, 0.2);
}

void TestModelCatalog::neuronEstimate_data()
{
    QTest::addColumn<QString>("alias");
    QTest::addColumn<double>("neuronsPerMIn");
    QTest::addColumn<double>("neuronsPerMOut");
    QTest::addColumn<qint64>("promptTokens");
    QTest::addColumn<qint64>("completionTokens");
    QTest::addColumn<double>("neurons");

    // neurons per M tokens = $/M / 0.011 * 1000 (cloudflare-api.md section 7).
    // llama-3.3-70b 0.29 / 2.25: 26363.64 / 204545.45; 1000 in + 500 out = 26.364 + 102.273.
    QTest::newRow("llama-3.3-70b") << "llama-3.3-70b" << 26363.636 << 204545.455 << qint64(1000) << qint64(500)
                                   << 128.636;
    // deepseek-r1 0.497 / 4.881: 45181.82 / 443727.27; 2000 in + 1000 out = 90.364 + 443.727.
    QTest::newRow("deepseek-r1") << "deepseek-r1" << 45181.818 << 443727.273 << qint64(2000) << qint64(1000) << 534.091;
    // gpt-oss-20b 0.20 / 0.30: 18181.82 / 27272.73; 10k of output alone = 272.727.
    QTest::newRow("gpt-oss-20b, output only")
        << "gpt-oss-20b" << 18181.818 << 27272.727 << qint64(0) << qint64(10000) << 272.727;
}

void TestModelCatalog::neuronEstimate()
{
    QFETCH(QString, alias);
    QFETCH(double, neuronsPerMIn);
    QFETCH(double, neuronsPerMOut);
    QFETCH(qint64, promptTokens);
    QFETCH(qint64, completionTokens);
    QFETCH(double, neurons);

    const std::optional<ModelInfo> m = ModelCatalog::builtIn().find(alias);
    QVERIFY(m);
    QVERIFY(qAbs(m->neuronsPerMInput() - neuronsPerMIn) < 0.01);
    QVERIFY(qAbs(m->neuronsPerMOutput() - neuronsPerMOut) < 0.01);
    QVERIFY2(qAbs(m->estimateNeurons(promptTokens, completionTokens) - neurons) < 0.001,
        qPrintable(QString::number(m->estimateNeurons(promptTokens, completionTokens), 'f', 4)));
}

void TestModelCatalog::listedNames()
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QDate today(2026, 12, 1);
    const QList<ModelCatalog::ListedName> list = catalog.listedNames(today);
    QStringList listed;
    for (const ModelCatalog::ListedName& n : list)
        listed.append(n.name);
    QCOMPARE(listed.mid(0, 4),
        (QStringList {QStringLiteral("deepseek-r1"), QStringLiteral("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b"),
            QStringLiteral("gpt-oss-120b"), QStringLiteral("@cf/openai/gpt-oss-120b")}));
    QCOMPARE(listed.size(), QSet<QString>(listed.cbegin(), listed.cend()).size()); // no name listed twice
    for (const ModelCatalog::ListedName& n : list) {
        QVERIFY2(catalog.find(n.name), qPrintable(n.name)); // every listed name resolves
        QCOMPARE(n.model.id, catalog.resolveForRequest(n.name, today).model.id); // to what a request runs
        QVERIFY2(!n.model.isRetired(today), qPrintable(n.name));
    }
    // The seed's gemma-3 stays listed, as what answers it now; retired ids without a name are gone.
    QVERIFY(listed.contains(QStringLiteral("gemma-3")));
    QVERIFY(!listed.contains(QStringLiteral("@cf/google/gemma-3-12b-it")));
    QVERIFY(!listed.contains(QStringLiteral("@cf/meta/llama-3.1-8b-instruct")));
    QVERIFY(listed.contains(QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast")));
    // Before the retirement the old ids are still listed as themselves.
    QStringList before;
    for (const ModelCatalog::ListedName& n : catalog.listedNames(QDate(2026, 5, 29)))
        before.append(n.name);
    QVERIFY(before.contains(QStringLiteral("@cf/google/gemma-3-12b-it")));
}

void TestModelCatalog::retiredModelsRunOnTheirReplacement_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QString>("runs");
    QTest::addColumn<QString>("replacedFrom");
    const QDate before(2026, 5, 29);
    const QDate on(2026, 5, 30);
    const QDate now(2026, 12, 1);
    const QString gemma3 = QStringLiteral("@cf/google/gemma-3-12b-it");
    const QString gemma4 = QStringLiteral("@cf/google/gemma-4-26b-a4b-it");
    QTest::newRow("seed alias before the date") << "gemma-3" << before << gemma3 << QString();
    QTest::newRow("seed alias on the date") << "gemma-3" << on << gemma4 << gemma3;
    QTest::newRow("seed alias today") << "gemma-3" << now << gemma4 << gemma3;
    QTest::newRow("raw id today") << gemma3 << now << gemma4 << gemma3;
    QTest::newRow("kimi-k2.5 is now k2.6") << "@cf/moonshotai/kimi-k2.5" << now << "@cf/moonshotai/kimi-k2.6"
                                           << "@cf/moonshotai/kimi-k2.5";
    QTest::newRow("llama 3.1 8b to its -fast variant")
        << "@cf/meta/llama-3.1-8b-instruct" << now << "@cf/meta/llama-3.1-8b-instruct-fast"
        << "@cf/meta/llama-3.1-8b-instruct";
    QTest::newRow("a current model stays") << "gemma-4" << now << gemma4 << QString();
    QTest::newRow("an unknown id stays") << "@cf/acme/new-model" << now << "@cf/acme/new-model" << QString();
}

void TestModelCatalog::retiredModelsRunOnTheirReplacement()
{
    QFETCH(QString, name);
    QFETCH(QDate, today);
    QFETCH(QString, runs);
    QFETCH(QString, replacedFrom);
    const ModelCatalog::Resolved r = ModelCatalog::builtIn().resolveForRequest(name, today);
    QCOMPARE(r.model.id, runs);
    QCOMPARE(r.replacedFrom, replacedFrom);
}

void TestModelCatalog::retirementWithoutReplacementOrDate()
{
    const auto catalog = ModelCatalog::fromJson(R"({"models":[
        {"id":"@cf/a/undated","deprecated":true},
        {"id":"@cf/a/alone","deprecated":"2026-01-01"},
        {"id":"@cf/a/one","deprecated":"2026-01-01","replacement":"@cf/a/two"},
        {"id":"@cf/a/two","deprecated":"2026-02-01","replacement":"@cf/a/three"},
        {"id":"@cf/a/three"}]})");
    QVERIFY(catalog);
    const QDate today(2026, 12, 1);
    // Deprecated without a date: still served. Retired without a replacement: asked for as it is.
    QCOMPARE(
        catalog->resolveForRequest(QStringLiteral("@cf/a/undated"), today).model.id, QStringLiteral("@cf/a/undated"));
    QCOMPARE(catalog->resolveForRequest(QStringLiteral("@cf/a/alone"), today).model.id, QStringLiteral("@cf/a/alone"));
    // A chain of retirements is followed to its end.
    const ModelCatalog::Resolved chain = catalog->resolveForRequest(QStringLiteral("@cf/a/one"), today);
    QCOMPARE(chain.model.id, QStringLiteral("@cf/a/three"));
    QCOMPARE(chain.replacedFrom, QStringLiteral("@cf/a/one"));
    QCOMPARE(catalog->resolveForRequest(QStringLiteral("@cf/a/one"), QDate(2026, 1, 15)).model.id,
        QStringLiteral("@cf/a/two"));
}

void TestModelCatalog::paidModelsNameAFreeAlternative()
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QDate today(2026, 12, 1);
    int paid = 0;
    for (const ModelInfo& m : catalog.textModels()) {
        if (!m.paidOnly || m.isRetired(today))
            continue;
        ++paid;
        const std::optional<ModelInfo> free = catalog.freeAlternative(m, today);
        QVERIFY2(free, qPrintable(m.id));
        QVERIFY(!free->paidOnly);
        QVERIFY(!free->isRetired(today));
        QVERIFY2(!m.vision || free->vision, qPrintable(m.id));
        QVERIFY2(!m.tools || free->tools, qPrintable(m.id));
        // The request's copy carries a name that resolves to it.
        const ModelInfo resolved = catalog.resolveForRequest(m.id, today).model;
        QCOMPARE(catalog.find(resolved.freeAlternative)->id, free->id);
    }
    QCOMPARE(paid, 7); // kimi-k2.6, kimi-k2.7-code, glm-5.2, glm-5.3, glm-5.3-flash, deepseek-v4-flash, -pro
    // A paid model the catalog says nothing about (from the live list) gets one by its abilities.
    ModelInfo live = ModelInfo::unknown(QStringLiteral("@cf/acme/paid-vision-9b"));
    live.paidOnly = true;
    live.vision = true;
    live.tools = true;
    const std::optional<ModelInfo> free = catalog.freeAlternative(live, today);
    QVERIFY(free);
    QVERIFY(free->vision && free->tools && !free->paidOnly);
}

void TestModelCatalog::december2026Catalog_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("contextWindow");
    QTest::addColumn<bool>("paidOnly");
    QTest::addColumn<bool>("vision");
    QTest::addColumn<bool>("tools");
    QTest::addColumn<bool>("reasoning");
    // Reference §4.6; glm-5.3 and -flash held to 1,048,576 (note 4).
    QTest::newRow("gemma-4") << "@cf/google/gemma-4-26b-a4b-it" << 256000 << false << true << true << true;
    QTest::newRow("glm-4.7-flash") << "@cf/zai-org/glm-4.7-flash" << 131072 << false << false << true << true;
    QTest::newRow("nemotron-3") << "@cf/nvidia/nemotron-3-120b-a12b" << 32000 << false << false << true << true;
    QTest::newRow("qwen3.8-27b") << "@cf/qwen/qwen3.8-27b" << 262144 << false << true << true << true;
    QTest::newRow("gpt-oss-120b") << "@cf/openai/gpt-oss-120b" << 128000 << false << false << true << true;
    QTest::newRow("gpt-oss-20b") << "@cf/openai/gpt-oss-20b" << 128000 << false << false << true << true;
    QTest::newRow("llama-4-scout") << "@cf/meta/llama-4-scout-17b-16e-instruct" << 131000 << false << true << true
                                   << false;
    QTest::newRow("llama-3.3-70b") << "@cf/meta/llama-3.3-70b-instruct-fp8-fast" << 24000 << false << false << true
                                   << false;
    QTest::newRow("mistral-small-3.1") << "@cf/mistralai/mistral-small-3.1-24b-instruct" << 128000 << false << true
                                       << true << false;
    QTest::newRow("qwen3-30b") << "@cf/qwen/qwen3-30b-a3b-fp8" << 32768 << false << false << true << true;
    QTest::newRow("qwen2.5-coder") << "@cf/qwen/qwen2.5-coder-32b-instruct" << 32768 << false << false << false
                                   << false;
    QTest::newRow("deepseek-r1") << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b" << 80000 << false << false << false
                                 << true;
    QTest::newRow("kimi-k2.6") << "@cf/moonshotai/kimi-k2.6" << 262144 << true << true << true << true;
    QTest::newRow("kimi-k2.7-code") << "@cf/moonshotai/kimi-k2.7-code" << 262144 << true << true << true << true;
    QTest::newRow("glm-5.2") << "@cf/zai-org/glm-5.2" << 262144 << true << false << true << true;
    QTest::newRow("glm-5.3") << "@cf/zai-org/glm-5.3" << 1048576 << true << false << true << true;
    QTest::newRow("glm-5.3-flash") << "@cf/zai-org/glm-5.3-flash" << 1048576 << true << true << true << true;
    QTest::newRow("deepseek-v4-flash") << "@cf/deepseek-ai/deepseek-v4-flash-0731" << 1048576 << true << false << true
                                       << true;
    QTest::newRow("deepseek-v4-pro") << "@cf/deepseek-ai/deepseek-v4-pro-0813" << 1048576 << true << false << true
                                     << true;
}

void TestModelCatalog::december2026Catalog()
{
    QFETCH(QString, id);
    QFETCH(int, contextWindow);
    QFETCH(bool, paidOnly);
    QFETCH(bool, vision);
    QFETCH(bool, tools);
    QFETCH(bool, reasoning);
    const std::optional<ModelInfo> m = ModelCatalog::builtIn().find(id);
    QVERIFY(m);
    QCOMPARE(m->contextWindow, contextWindow);
    QCOMPARE(m->paidOnly, paidOnly);
    QCOMPARE(m->vision, vision);
    QCOMPARE(m->tools, tools);
    QCOMPARE(m->reasoning != ModelInfo::ReasoningStyle::None, reasoning);
    QVERIFY(m->priceInPerM > 0 && m->priceOutPerM > 0);
    QVERIFY(!m->isRetired(QDate(2026, 12, 1)));
}

void TestModelCatalog::liveCatalogOf2026()
{
    static const char json[] = R"([
  {"name": "@cf/deepseek-ai/deepseek-v4-pro-0813", "task": {"name": "Text Generation"},
   "properties": [{"property_id": "reasoning_effort", "value": "Off, Low, High, Max"},
                  {"property_id": "require_workers_paid", "value": "true"}]},
  {"name": "@cf/zai-org/glm-5.3-flash", "task": {"name": "Text Generation"},
   "properties": [{"property_id": "reasoning_effort",
                   "value": {"supported_efforts": ["max", "high", "low"], "default_effort": "max", "mandatory": true}}]},
  {"name": "@cf/cloudflare/clef", "task": {"name": "Text Generation"},
   "properties": [{"property_id": "context_window", "value": "65536"}]},
  {"name": "@cf/acme/brand-new-paid", "task": {"name": "Text Generation"},
   "properties": [{"property_id": "require_workers_paid", "value": "true"}]}
])";
    const QList<ModelInfo> live = ModelCatalog::parseSearchResults(QJsonDocument::fromJson(json).array());
    QCOMPARE(live.size(), 4);
    QCOMPARE(live.at(0).reasoningEfforts,
        (QStringList {QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("max")}));
    QCOMPARE(live.at(0).offEffort, QStringLiteral("off"));
    QVERIFY(live.at(0).paidOnly);
    QVERIFY(live.at(0).hasLiveFact(ModelInfo::LivePaid));
    QCOMPARE(live.at(1).reasoningEfforts,
        (QStringList {QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("max")}));
    QVERIFY(live.at(1).reasoningMandatory);
    QVERIFY(live.at(1).offEffort.isEmpty());

    ModelCatalog catalog = ModelCatalog::builtIn();
    catalog.mergeLive(live);
    QVERIFY(!catalog.find(QStringLiteral("@cf/cloudflare/clef"))); // a decision model, not a chat model
    QVERIFY(catalog.find(QStringLiteral("@cf/acme/brand-new-paid"))->paidOnly);
    QCOMPARE(catalog.find(QStringLiteral("deepseek-v4-pro"))->offEffort, QStringLiteral("off"));
    // The plan and the efforts survive the cache.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.json"));
    QVERIFY(catalog.saveCache(path));
    const auto back = ModelCatalog::loadCache(path);
    QVERIFY(back);
    QCOMPARE(back->at(0).offEffort, QStringLiteral("off"));
    QVERIFY(back->at(3).paidOnly);
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"
