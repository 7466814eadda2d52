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
    void openAiModelList();
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
        QString::number(m.strictToolCallIds),
        QString::number(int(m.jsonMode)),
        QString::number(m.guidedJson),
        m.reasoningEfforts.join(QLatin1Char('|')),
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
        QString::number(m.deprecated),
        m.deprecationDate,
        m.replacement,
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
    QTest::addColumn<bool>("strictIds");
    QTest::addColumn<int>("contextWindow");
    QTest::addColumn<QString>("replacement");

    QTest::newRow("deepseek-r1: think tags, legacy")
        << "deepseek-r1"
        << "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b" << Content::StringOnly << Reply::Legacy << true
        << Reasoning::ThinkTags << false << false << 80000 << QString();
    QTest::newRow("gpt-oss-120b: openai reply, no upstream stream")
        << "gpt-oss-120b"
        << "@cf/openai/gpt-oss-120b" << Content::StringOnly << Reply::OpenAi << false << Reasoning::Field << false
        << false << 128000 << QString();
    QTest::newRow("gpt-oss-20b: openai reply, no upstream stream")
        << "gpt-oss-20b"
        << "@cf/openai/gpt-oss-20b" << Content::StringOnly << Reply::OpenAi << false << Reasoning::Field << false
        << false << 128000 << QString();
    QTest::newRow("llama-4-scout: vision parts, strict tool ids")
        << "llama-4-scout"
        << "@cf/meta/llama-4-scout-17b-16e-instruct" << Content::Parts << Reply::Legacy << true << Reasoning::None
        << true << true << 131000 << QString();
    QTest::newRow("qwen2.5-coder: string content only")
        << "qwen2.5-coder"
        << "@cf/qwen/qwen2.5-coder-32b-instruct" << Content::StringOnly << Reply::Legacy << true << Reasoning::None
        << false << false << 32768 << QString();
    QTest::newRow("gemma-3: deprecated, replaced by gemma-4")
        << "gemma-3"
        << "@cf/google/gemma-3-12b-it" << Content::Parts << Reply::Legacy << true << Reasoning::None << true << false
        << 80000 << "@cf/google/gemma-4-26b-a4b-it";
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
    QFETCH(bool, strictIds);
    QFETCH(int, contextWindow);
    QFETCH(QString, replacement);

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
    QCOMPARE(m.strictToolCallIds, strictIds);
    QCOMPARE(m.contextWindow, contextWindow);
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
    QTest::newRow("@hf id") << "@hf/nousresearch/hermes-2-pro-mistral-7b";
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

    // /v1/models lists an accepted user alias once, after the catalog's own names.
    const QJsonArray list = catalog.openAiModelList(0);
    QCOMPARE(list.size(), ModelCatalog::builtIn().openAiModelList(0).size() + (accepted ? 1 : 0));
    if (accepted) {
        QCOMPARE(list.last().toObject().value(QLatin1String("id")).toString(), alias.toLower());
    }
}

void TestModelCatalog::rejectsMalformedCatalogs_data()
{
    QTest::addColumn<QByteArray>("json");
    const QByteArray ok = R"({"id":"@cf/a/b","content":"string"})";
    QTest::newRow("not json") << QByteArray("{models: [}");
    QTest::newRow("array root") << QByteArray("[]");
    QTest::newRow("models missing") << QByteArray(R"({"defaults":{}})");
    QTest::newRow("id not a model id") << QByteArray(R"({"models":[{"id":"llama"}]})");
    QTest::newRow("unknown key (typo)") << QByteArray(R"({"models":[{"id":"@cf/a/b","stream":true}]})");
    QTest::newRow("bad content form") << QByteArray(R"({"models":[{"id":"@cf/a/b","content":"array"}]})");
    QTest::newRow("bad reasoning style") << QByteArray(R"({"models":[{"id":"@cf/a/b","reasoning":"think"}]})");
    QTest::newRow("bool as string") << QByteArray(R"({"models":[{"id":"@cf/a/b","tools":"true"}]})");
    QTest::newRow("duplicate id") << "{\"models\":[" + ok + "," + ok + "]}";
    QTest::newRow("duplicate alias, other case")
        << QByteArray(R"({"models":[{"id":"@cf/a/b","alias":"x"},{"id":"@cf/a/c","alias":"X"}]})");
    QTest::newRow("vision without parts") << QByteArray(R"({"models":[{"id":"@cf/a/b","vision":true}]})");
    QTest::newRow("inverted range") << QByteArray(R"({"models":[{"id":"@cf/a/b","ranges":{"top_k":[50,1]}}]})");
    QTest::newRow("unknown range") << QByteArray(R"({"models":[{"id":"@cf/a/b","ranges":{"min_p":[0,1]}}]})");
    QTest::newRow("bad date") << QByteArray(R"({"models":[{"id":"@cf/a/b","deprecated":"30.05.2026"}]})");
    QTest::newRow("price of one") << QByteArray(R"({"models":[{"id":"@cf/a/b","price":[0.1]}]})");
    QTest::newRow("fractional context") << QByteArray(R"({"models":[{"id":"@cf/a/b","contextWindow":1.5}]})");
    QTest::newRow("bad default range") << QByteArray(R"({"defaults":{"ranges":{"seed":"any"}},"models":[]})");
}

void TestModelCatalog::rejectsMalformedCatalogs()
{
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(!ModelCatalog::fromJson(json, &error));
    QVERIFY(!error.isEmpty());
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

void TestModelCatalog::openAiModelList()
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QJsonArray list = catalog.openAiModelList(1700000000);
    QStringList listed;
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("model"));
        QCOMPARE(o.value(QLatin1String("owned_by")).toString(), QStringLiteral("cloudflare"));
        QCOMPARE(o.value(QLatin1String("created")).toInteger(), qint64(1700000000));
        listed.append(o.value(QLatin1String("id")).toString());
    }
    QCOMPARE(listed.mid(0, 4),
        (QStringList {QStringLiteral("deepseek-r1"), QStringLiteral("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b"),
            QStringLiteral("gpt-oss-120b"), QStringLiteral("@cf/openai/gpt-oss-120b")}));
    QCOMPARE(listed.size(), QSet<QString>(listed.cbegin(), listed.cend()).size()); // no name listed twice
    for (const QString& name : listed) {
        QVERIFY2(catalog.find(name), qPrintable(name)); // every listed name resolves
    }

    QCOMPARE(ModelCatalog::toOpenAiModel(*catalog.find(QStringLiteral("llama-4-scout")), 5)
                 .value(QLatin1String("id"))
                 .toString(),
        QStringLiteral("llama-4-scout"));
    QCOMPARE(ModelCatalog::toOpenAiModel(ModelInfo::unknown(QStringLiteral("@cf/a/b")), 5),
        (QJsonObject {{QStringLiteral("id"), QStringLiteral("@cf/a/b")},
            {QStringLiteral("object"), QStringLiteral("model")}, {QStringLiteral("created"), 5},
            {QStringLiteral("owned_by"), QStringLiteral("cloudflare")}}));
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_modelcatalog.moc"
