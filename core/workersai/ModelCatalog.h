#pragma once

#include "openai/ApiError.h"
#include "workersai/ModelInfo.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace flarechat {

// The models FlareChat knows and how a name a user or API client typed becomes one of them.
// It starts from the built-in catalog (resources/models.json: our translation knowledge per
// model), can take the live list from Cloudflare's model search over it (current prices,
// context windows, new models) and user-defined aliases.
//
// A plain value: copy it freely; all const methods may be called from any thread (Qt's
// implicitly shared containers make concurrent const reads safe). To change a catalog in use,
// build a changed copy and swap it in.
class ModelCatalog final
{
public:
    ModelCatalog() = default; // empty: knows no models, resolves only "@cf/..."/"@hf/..." ids

    // The catalog compiled into the binary (":/flarechat/models.json"), parsed once per process.
    static ModelCatalog builtIn();
    // Parses the models.json format. Strict: unknown keys, bad enum values, duplicate ids or
    // aliases are errors, so a typo in the built-in file fails its test instead of a request.
    static std::optional<ModelCatalog> fromJson(const QByteArray& json, QString* error = nullptr);

    // A model the catalog knows: by exact id, by built-in alias (case-insensitive), or by user
    // alias (case-insensitive) whose target the catalog knows.
    std::optional<ModelInfo> find(const QString& nameOrId) const;
    // What a request's "model" field names: like find(), plus any other "@cf/..."/"@hf/..." id
    // (or user alias pointing to one) as ModelInfo::unknown(id) with this catalog's default
    // ranges, because Cloudflare adds models faster than any catalog. Anything else: a
    // default-constructed ModelInfo (empty id) and *error = 404 "model_not_found".
    ModelInfo resolve(const QString& name, ApiError* error = nullptr) const;
    static bool isModelId(const QString& name); // "@cf/..." or "@hf/..."

    // Seed aliases first (deepseek-r1, gpt-oss-120b, gpt-oss-20b, llama-4-scout, qwen2.5-coder,
    // gemma-3, the six names the original Worker script offered), then the rest sorted by id.
    QList<ModelInfo> models() const;
    QList<ModelInfo> textModels() const; // task "Text Generation", in models() order
    QList<ModelInfo> embeddingModels() const; // task "Text Embeddings", in models() order

    // User aliases (alias -> target). The target may be a model id (known or not) or a built-in
    // alias, which is stored as its id. An alias may NOT shadow a built-in alias or a known
    // model id and may not itself look like an id: existing API clients rely on the seed's
    // names meaning fixed models, and an id must always mean that id. Aliases are matched
    // case-insensitively and must be non-empty without whitespace. Replaces earlier user
    // aliases; returns the aliases that were rejected (sorted), the rest are in effect.
    QStringList setUserAliases(const QHash<QString, QString>& aliases);
    QHash<QString, QString> userAliases() const { return m_userAliases; } // lower-cased alias -> id

    // Cloudflare's GET /accounts/{id}/ai/models/search "result" array -> one ModelInfo per item
    // whose "name" is a model id, every task kept. Facts the item states are flagged in
    // ModelInfo::liveFacts; the rest are ModelInfo::unknown defaults. Malformed items or
    // properties are skipped, never fatal: the search API is not under our control.
    static QList<ModelInfo> parseSearchResults(const QJsonArray& result);
    // Merges a live list over the built-in catalog, replacing any earlier live list. For ids the
    // built-in catalog knows, live facts update description, context window, price, tools,
    // reasoning efforts and deprecation, while content form, reply shape, streaming, reasoning
    // style, vision and JSON mode stay ours (they are how we talk to the model, which the search
    // API doesn't describe). Unknown text-generation and embedding models are added. Built-in
    // models the live list lacks stay: the search may have been filtered or paged.
    void mergeLive(const QList<ModelInfo>& live, const QDateTime& fetchedAt = {});
    QList<ModelInfo> liveModels() const { return m_live; }
    QDateTime liveFetchedAt() const { return m_liveFetchedAt; } // invalid if never merged

    // The merged live list as JSON with its fetch time, written atomically (QSaveFile), so the
    // next start has current facts before the network answers.
    bool saveCache(const QString& path, QString* error = nullptr) const;
    // Reads what saveCache wrote. A missing, corrupt or foreign file gives nullopt.
    static std::optional<QList<ModelInfo>> loadCache(const QString& path, QDateTime* fetchedAt = nullptr);

    // One /v1/models entry: {id, object:"model", created, owned_by:"cloudflare"}; id is the
    // alias when the model has one, else its Workers AI id.
    static QJsonObject toOpenAiModel(const ModelInfo& model, qint64 created);
    // The /v1/models "data" array: for every model (models() order) its alias entry if it has
    // one and its id entry, then the user aliases sorted. Clients may send either name.
    QJsonArray openAiModelList(qint64 created) const;

private:
    void rebuild();
    ModelInfo unknownModel(const QString& id) const;
    QString userAliasTarget(const QString& name) const;

    // Ranges and defaultMaxTokens from the catalog's "defaults", given to models it adds.
    ModelInfo m_defaults = ModelInfo::unknown(QString());
    QList<ModelInfo> m_builtIn; // as parsed, file order
    QList<ModelInfo> m_live; // last merged live list
    QDateTime m_liveFetchedAt;
    QList<ModelInfo> m_models; // merged, models() order
    QHash<QString, int> m_byId; // id -> index in m_models
    QHash<QString, int> m_byAlias; // lower-cased built-in alias -> index in m_models
    QHash<QString, QString> m_userAliases; // lower-cased alias -> model id
};

} // namespace flarechat
