#pragma once

#include "openai/ApiError.h"
#include "workersai/ModelInfo.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
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
    // Parses the models.json format (CatalogFile: strict, so a typo in the built-in file fails its
    // test instead of a request).
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

    // What a request for `name` runs on `today` (UTC): resolve(), then, for a model Cloudflare
    // retired on or before today, its replacement (through a chain of them), so the seed's
    // "gemma-3" reaches Gemma 4 instead of failing; before the date nothing changes. For a
    // paid-only model, model.freeAlternative is set to the name (alias or id) of freeAlternative().
    struct Resolved
    {
        ModelInfo model; // empty id: not found (*error set, as by resolve())
        QString replacedFrom; // the retired model's id when the request was redirected, else empty
    };
    Resolved resolveForRequest(const QString& name, const QDate& today, ApiError* error = nullptr) const;
    // A free model for the job of a paid-only one: the catalog's choice for it, else the first
    // free, current model that has at least its vision, tools and reasoning.
    std::optional<ModelInfo> freeAlternative(const ModelInfo& paid, const QDate& today) const;
    // The names a model list offers (/v1/models, `flarechat models`), each with the model a request
    // for it runs: every current model by alias and by id; a retired one only by its alias (the
    // seed's names keep working), as its replacement; then the user aliases, sorted.
    struct ListedName
    {
        QString name;
        ModelInfo model;
    };
    QList<ListedName> listedNames(const QDate& today) const;

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
    // The rule setUserAliases() applies to one alias, for those who let the user type one (the
    // settings window words each problem itself).
    enum class AliasProblem {
        None,
        Empty,
        HasSpace, // whitespace inside the alias
        LooksLikeId, // starts with "@", as "@cf/..." ids do
        ShadowsBuiltIn, // a built-in alias (the seed's names mean fixed models)
        BadTarget, // the target is neither a model id nor a built-in alias
        Duplicate, // checkUserAliases(): the alias is on an earlier row (case-insensitively)
    };
    AliasProblem checkUserAlias(const QString& alias, const QString& target) const;
    // checkUserAlias() for each row of a table, and Duplicate for an alias an earlier row has.
    QList<AliasProblem> checkUserAliases(const QList<QPair<QString, QString>>& rows) const;
    QHash<QString, QString> userAliases() const { return m_userAliases; } // lower-cased alias -> id

    // Cloudflare's GET /accounts/{id}/ai/models/search "result" array (LiveCatalog).
    static QList<ModelInfo> parseSearchResults(const QJsonArray& result);
    // Merges a live list over the built-in catalog, replacing any earlier live list: for ids the
    // built-in catalog knows, LiveCatalog::applyOver(); unknown chat and embedding models are
    // added (LiveCatalog::isChatOrEmbedding). Built-in models the live list lacks stay: the search
    // may have been filtered or paged.
    void mergeLive(const QList<ModelInfo>& live, const QDateTime& fetchedAt = {});
    QList<ModelInfo> liveModels() const { return m_live; }
    QDateTime liveFetchedAt() const { return m_liveFetchedAt; } // invalid if never merged

    // The merged live list as JSON with its fetch time, written atomically (QSaveFile), so the
    // next start has current facts before the network answers.
    bool saveCache(const QString& path, QString* error = nullptr) const;
    // Reads what saveCache wrote. A missing, corrupt or foreign file gives nullopt.
    static std::optional<QList<ModelInfo>> loadCache(const QString& path, QDateTime* fetchedAt = nullptr);

private:
    void rebuild();
    ModelInfo unknownModel(const QString& id) const;
    QString userAliasTarget(const QString& name) const;
    QString aliasTarget(const QString& target) const; // a built-in alias as its id, else as given

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
