#include "ModelCatalog.h"

#include "workersai/CatalogFile.h"
#include "workersai/LiveCatalog.h"

#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

namespace flarechat {

Q_LOGGING_CATEGORY(lcModelCatalog, "flarechat.workersai.catalog")

namespace {

// The six names the original Worker script offered, in its order: /v1/models lists them first.
const QStringList& seedAliases()
{
    static const QStringList aliases {
        QStringLiteral("deepseek-r1"),
        QStringLiteral("gpt-oss-120b"),
        QStringLiteral("gpt-oss-20b"),
        QStringLiteral("llama-4-scout"),
        QStringLiteral("qwen2.5-coder"),
        QStringLiteral("gemma-3"),
    };
    return aliases;
}

} // namespace

// ---- construction -----------------------------------------------------------------------

ModelCatalog ModelCatalog::builtIn()
{
    // Parsed once; copies share the data. A broken resource is a build defect that the unit
    // test catches, so at run time an empty catalog (ids still resolve) beats a crash.
    static const ModelCatalog catalog = [] {
        QFile file(QStringLiteral(":/flarechat/models.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcModelCatalog) << "built-in model catalog missing:" << file.errorString();
            return ModelCatalog();
        }
        QString error;
        std::optional<ModelCatalog> parsed = fromJson(file.readAll(), &error);
        if (!parsed) {
            qCCritical(lcModelCatalog) << "built-in model catalog invalid:" << error;
            return ModelCatalog();
        }
        return *parsed;
    }();
    return catalog;
}

std::optional<ModelCatalog> ModelCatalog::fromJson(const QByteArray& json, QString* error)
{
    std::optional<CatalogFile::Contents> contents = CatalogFile::parse(json, error);
    if (!contents)
        return std::nullopt;
    ModelCatalog catalog;
    catalog.m_defaults = contents->defaults;
    catalog.m_builtIn = contents->models;
    catalog.rebuild();
    return catalog;
}

void ModelCatalog::rebuild()
{
    QList<ModelInfo> merged = m_builtIn;
    QHash<QString, int> index;
    for (int i = 0; i < merged.size(); ++i) {
        index.insert(merged.at(i).id, i);
    }
    for (const ModelInfo& live : m_live) {
        const auto it = index.constFind(live.id);
        if (it != index.constEnd()) {
            ModelInfo& m = merged[*it];
            if (!m.hasLiveFact(ModelInfo::LiveListed)) // a duplicate in the live list: the first entry counts
                LiveCatalog::applyOver(&m, live);
            continue;
        }
        if (!LiveCatalog::isChatOrEmbedding(live)) {
            continue; // image, speech, decision (Clef) ... models: nothing FlareChat can talk to
        }
        ModelInfo added = live;
        CatalogFile::copyDefaults(m_defaults, &added);
        index.insert(added.id, merged.size());
        merged.append(added);
    }

    const QStringList& seed = seedAliases();
    const auto rank = [&](const ModelInfo& m) {
        const int i = m.alias.isEmpty() ? -1 : seed.indexOf(m.alias);
        return i < 0 ? seed.size() : i;
    };
    std::stable_sort(merged.begin(), merged.end(), [&](const ModelInfo& a, const ModelInfo& b) {
        const int ra = rank(a);
        const int rb = rank(b);
        return ra != rb ? ra < rb : a.id < b.id;
    });

    m_models = merged;
    m_byId.clear();
    m_byAlias.clear();
    for (int i = 0; i < m_models.size(); ++i) {
        m_byId.insert(m_models.at(i).id, i);
        if (!m_models.at(i).alias.isEmpty()) {
            m_byAlias.insert(m_models.at(i).alias.toLower(), i);
        }
    }
}

// ---- lookup -----------------------------------------------------------------------------

bool ModelCatalog::isModelId(const QString& name)
{
    // The id goes into the /ai/run/{model} URL path unescaped, so only the characters real ids
    // use are allowed and no empty, "." or ".." segment can climb out of the run endpoint.
    // (Checked by hand rather than with a shared QRegularExpression: this runs on any thread.)
    if (!name.startsWith(QLatin1String("@cf/")) && !name.startsWith(QLatin1String("@hf/"))) {
        return false;
    }
    const QStringList segments = name.mid(4).split(QLatin1Char('/'));
    return std::all_of(segments.cbegin(), segments.cend(), [](const QString& segment) {
        const bool allowedChars = std::all_of(segment.cbegin(), segment.cend(), [](QChar c) {
            return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') || c == QLatin1Char('_')
                || c == QLatin1Char('.') || c == QLatin1Char('+');
        });
        return allowedChars && !segment.isEmpty() && segment != QLatin1String(".") && segment != QLatin1String("..");
    });
}

QString ModelCatalog::userAliasTarget(const QString& name) const
{
    return m_userAliases.value(name.toLower());
}

std::optional<ModelInfo> ModelCatalog::find(const QString& nameOrId) const
{
    const QString name = nameOrId.trimmed();
    if (name.isEmpty()) {
        return std::nullopt;
    }
    auto it = m_byId.constFind(name);
    if (it != m_byId.constEnd()) {
        return m_models.at(*it);
    }
    it = m_byAlias.constFind(name.toLower());
    if (it != m_byAlias.constEnd()) {
        return m_models.at(*it);
    }
    it = m_byId.constFind(userAliasTarget(name));
    if (it != m_byId.constEnd()) {
        return m_models.at(*it);
    }
    return std::nullopt;
}

ModelInfo ModelCatalog::unknownModel(const QString& id) const
{
    ModelInfo m = ModelInfo::unknown(id);
    CatalogFile::copyDefaults(m_defaults, &m);
    return m;
}

ModelInfo ModelCatalog::resolve(const QString& name, ApiError* error) const
{
    if (std::optional<ModelInfo> m = find(name)) {
        return *m;
    }
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        if (error) {
            *error = ApiError::invalidRequest(
                QStringLiteral("You must provide a model parameter."), QStringLiteral("model"));
        }
        return {};
    }
    const QString target = userAliasTarget(trimmed);
    const QString id = target.isEmpty() ? trimmed : target;
    if (isModelId(id)) {
        return unknownModel(id);
    }
    if (error) {
        *error = ApiError::notFound(
            QStringLiteral("The model '%1' does not exist. Use GET /v1/models to list models.").arg(trimmed),
            ErrorCode::ModelNotFound);
    }
    return {};
}

QList<ModelInfo> ModelCatalog::models() const
{
    return m_models;
}

QList<ModelInfo> ModelCatalog::textModels() const
{
    QList<ModelInfo> out;
    std::copy_if(m_models.cbegin(), m_models.cend(), std::back_inserter(out),
        [](const ModelInfo& m) { return m.task == CatalogFile::textGeneration(); });
    return out;
}

QList<ModelInfo> ModelCatalog::embeddingModels() const
{
    QList<ModelInfo> out;
    std::copy_if(m_models.cbegin(), m_models.cend(), std::back_inserter(out),
        [](const ModelInfo& m) { return m.isEmbedding(); });
    return out;
}

QStringList ModelCatalog::setUserAliases(const QHash<QString, QString>& aliases)
{
    // Group by the case-folded name first: "Fast" and "fast" pointing at different models is
    // ambiguous, and QHash order would otherwise pick a winner at random.
    QHash<QString, QStringList> spellings;
    for (auto it = aliases.constBegin(); it != aliases.constEnd(); ++it) {
        spellings[it.key().trimmed().toLower()].append(it.key());
    }

    QStringList rejected;
    m_userAliases.clear();
    for (auto it = aliases.constBegin(); it != aliases.constEnd(); ++it) {
        const QString key = it.key().trimmed().toLower();
        bool consistent = true;
        for (const QString& other : spellings.value(key)) {
            consistent = consistent && aliases.value(other).trimmed() == it.value().trimmed();
        }
        if (checkUserAlias(it.key(), it.value()) != AliasProblem::None || !consistent) {
            rejected.append(it.key());
            continue;
        }
        m_userAliases.insert(key, aliasTarget(it.value()));
    }
    std::sort(rejected.begin(), rejected.end());
    return rejected;
}

QString ModelCatalog::aliasTarget(const QString& target) const
{
    const QString trimmed = target.trimmed();
    const auto builtIn = m_byAlias.constFind(trimmed.toLower());
    return builtIn != m_byAlias.constEnd() ? m_models.at(*builtIn).id : trimmed;
}

ModelCatalog::AliasProblem ModelCatalog::checkUserAlias(const QString& alias, const QString& target) const
{
    const QString key = alias.trimmed().toLower();
    if (key.isEmpty())
        return AliasProblem::Empty;
    if (std::any_of(key.cbegin(), key.cend(), [](QChar c) { return c.isSpace() || c.isNull(); }))
        return AliasProblem::HasSpace;
    if (key.startsWith(QLatin1Char('@')))
        return AliasProblem::LooksLikeId;
    if (m_byAlias.contains(key))
        return AliasProblem::ShadowsBuiltIn;
    if (!isModelId(aliasTarget(target)))
        return AliasProblem::BadTarget;
    return AliasProblem::None;
}

QList<ModelCatalog::AliasProblem> ModelCatalog::checkUserAliases(const QList<QPair<QString, QString>>& rows) const
{
    QList<AliasProblem> out;
    QStringList seen;
    for (const auto& row : rows) {
        const QString key = row.first.trimmed().toLower();
        AliasProblem problem = checkUserAlias(row.first, row.second);
        if (problem == AliasProblem::None && seen.contains(key))
            problem = AliasProblem::Duplicate;
        seen.append(key);
        out.append(problem);
    }
    return out;
}

// ---- live catalog -----------------------------------------------------------------------

QList<ModelInfo> ModelCatalog::parseSearchResults(const QJsonArray& result)
{
    return LiveCatalog::parseSearchResults(result);
}

void ModelCatalog::mergeLive(const QList<ModelInfo>& live, const QDateTime& fetchedAt)
{
    m_live = live;
    m_liveFetchedAt = fetchedAt.isValid() ? fetchedAt.toUTC() : QDateTime::currentDateTimeUtc();
    rebuild();
}

bool ModelCatalog::saveCache(const QString& path, QString* error) const
{
    return LiveCatalog::saveCache(path, m_live, m_liveFetchedAt, error);
}

std::optional<QList<ModelInfo>> ModelCatalog::loadCache(const QString& path, QDateTime* fetchedAt)
{
    return LiveCatalog::loadCache(path, fetchedAt);
}

// ---- requests and lists ---------------------------------------------------------------

ModelCatalog::Resolved ModelCatalog::resolveForRequest(const QString& name, const QDate& today, ApiError* error) const
{
    Resolved r;
    r.model = resolve(name, error);
    // A retired model's requests go to its replacement, through a chain of them (bounded: the
    // catalog could hold a cycle).
    for (int hops = 0; hops < 8 && r.model.isRetired(today) && !r.model.replacement.isEmpty(); ++hops) {
        const std::optional<ModelInfo> next = find(r.model.replacement);
        if (!next)
            break;
        if (r.replacedFrom.isEmpty())
            r.replacedFrom = r.model.id;
        r.model = *next;
    }
    if (r.model.paidOnly) {
        if (const std::optional<ModelInfo> free = freeAlternative(r.model, today))
            r.model.freeAlternative = free->alias.isEmpty() ? free->id : free->alias;
    }
    return r;
}

std::optional<ModelInfo> ModelCatalog::freeAlternative(const ModelInfo& paid, const QDate& today) const
{
    const auto usable = [&](const ModelInfo& m) { return !m.paidOnly && !m.isRetired(today) && m.task == paid.task; };
    if (!paid.freeAlternative.isEmpty()) {
        if (const std::optional<ModelInfo> named = find(paid.freeAlternative); named && usable(*named))
            return named;
    }
    // Else the first free model (models() order: the seed's, then by id) that can do at least what
    // the paid one does: images, tools, reasoning.
    for (const ModelInfo& m : m_models) {
        if (usable(m) && m.id != paid.id && (!paid.vision || m.vision) && (!paid.tools || m.tools)
            && (paid.reasoning == ModelInfo::ReasoningStyle::None || m.reasoning != ModelInfo::ReasoningStyle::None))
            return m;
    }
    return std::nullopt;
}

QList<ModelCatalog::ListedName> ModelCatalog::listedNames(const QDate& today) const
{
    QList<ListedName> out;
    for (const ModelInfo& m : m_models) {
        const bool retired = m.isRetired(today);
        if (!m.alias.isEmpty())
            out.append({m.alias, retired ? resolveForRequest(m.alias, today).model : m});
        if (!retired)
            out.append({m.id, m});
    }
    QStringList user = m_userAliases.keys();
    std::sort(user.begin(), user.end());
    for (const QString& alias : std::as_const(user))
        out.append({alias, resolveForRequest(alias, today).model});
    return out;
}

} // namespace flarechat
