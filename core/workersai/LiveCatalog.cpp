#include "LiveCatalog.h"

#include "workersai/CatalogFile.h"
#include "workersai/ModelCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

#include <algorithm>
#include <climits>

namespace flarechat::LiveCatalog {

Q_LOGGING_CATEGORY(lcLiveCatalog, "flarechat.workersai.catalog")

namespace {

const QString kCacheFormat = QStringLiteral("flarechat-model-cache");
constexpr int kCacheVersion = 1;
constexpr qint64 kMaxCacheBytes = 16 * 1024 * 1024; // the real list is ~100 KB; refuse absurd files

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// The search API sends most property values as strings ("true", "131000"); accept both forms.
std::optional<bool> liveBool(const QJsonValue& v)
{
    if (v.isBool()) {
        return v.toBool();
    }
    if (v.isDouble()) {
        return v.toDouble() != 0;
    }
    const QString s = v.toString().trimmed().toLower();
    if (s == QLatin1String("true") || s == QLatin1String("1") || s == QLatin1String("yes")) {
        return true;
    }
    if (s == QLatin1String("false") || s == QLatin1String("0") || s == QLatin1String("no")) {
        return false;
    }
    return std::nullopt;
}

std::optional<double> liveNumber(const QJsonValue& v)
{
    if (v.isDouble()) {
        return v.toDouble();
    }
    bool ok = false;
    const double d = v.toString().trimmed().toDouble(&ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

// Structured values (price lists, reasoning_effort) may arrive as JSON text inside a string.
QJsonValue liveStructured(const QJsonValue& v)
{
    if (!v.isString()) {
        return v;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8());
    if (doc.isArray()) {
        return doc.array();
    }
    if (doc.isObject()) {
        return doc.object();
    }
    return QJsonValue();
}

void applyLivePrice(const QJsonValue& value, ModelInfo* m)
{
    const QJsonValue v = liveStructured(value);
    const QJsonArray entries = v.isObject() ? QJsonArray {v} : v.toArray();
    bool any = false;
    for (const QJsonValue& e : entries) {
        const QJsonObject o = e.toObject();
        const QString unit = o.value(QLatin1String("unit")).toString().toLower();
        const QString currency = o.value(QLatin1String("currency")).toString();
        const std::optional<double> price = liveNumber(o.value(QLatin1String("price")));
        // Other tasks are priced per image tile, audio minute or step: only token prices convert.
        if (!price || *price < 0 || !unit.contains(QLatin1String("per m")) || !unit.contains(QLatin1String("token"))
            || (!currency.isEmpty() && currency.compare(QLatin1String("USD"), Qt::CaseInsensitive) != 0)) {
            continue;
        }
        if (unit.contains(QLatin1String("input"))) {
            m->priceInPerM = *price;
            any = true;
        } else if (unit.contains(QLatin1String("output"))) {
            m->priceOutPerM = *price;
            any = true;
        }
    }
    if (any) {
        m->liveFacts |= ModelInfo::LivePrice;
    }
}

// An object {supported_efforts, mandatory, ...} or, in some catalog versions, a display string
// such as "Off, Low, High, Max" (reference §5). Efforts are kept lowest first.
void applyLiveReasoningEffort(const QJsonValue& value, ModelInfo* m)
{
    static const QStringList scale {QStringLiteral("minimal"), QStringLiteral("low"), QStringLiteral("medium"),
        QStringLiteral("high"), QStringLiteral("xhigh"), QStringLiteral("max")};
    QStringList list;
    QString off;
    bool mandatory = false;
    const QJsonValue structured = liveStructured(value);
    const auto take = [&](const QString& raw) {
        const QString e = raw.trimmed().toLower();
        if (e == QLatin1String("off") || e == QLatin1String("none"))
            off = e;
        else if (!e.isEmpty() && !list.contains(e))
            list.append(e);
    };
    if (structured.isObject()) {
        const QJsonObject o = structured.toObject();
        for (const QJsonValue& e : o.value(QLatin1String("supported_efforts")).toArray()) {
            if (e.isString())
                take(e.toString());
        }
        mandatory = liveBool(o.value(QLatin1String("mandatory"))).value_or(false);
    } else if (value.isString()) {
        const QStringList parts = value.toString().split(QLatin1Char(','));
        for (const QString& part : parts)
            take(part);
    }
    if (list.isEmpty()) {
        return;
    }
    std::stable_sort(list.begin(), list.end(), [](const QString& a, const QString& b) {
        const auto rank = [](const QString& e) {
            const qsizetype i = scale.indexOf(e);
            return i < 0 ? scale.size() : i;
        };
        return rank(a) < rank(b);
    });
    m->reasoningEfforts = list;
    m->offEffort = mandatory ? QString() : off;
    m->reasoningMandatory = mandatory;
    if (m->thinkingSwitch == ModelInfo::ThinkingSwitch::None)
        m->thinkingSwitch = ModelInfo::ThinkingSwitch::Effort;
    m->liveFacts |= ModelInfo::LiveReasoningEffort;
}

void applyLiveProperty(const QString& id, const QJsonValue& value, ModelInfo* m)
{
    if (id == QLatin1String("context_window")) {
        const std::optional<double> n = liveNumber(value);
        if (n && *n > 0) {
            m->contextWindow = *n >= INT_MAX ? INT_MAX : static_cast<int>(*n);
            m->liveFacts |= ModelInfo::LiveContextWindow;
        }
    } else if (id == QLatin1String("price")) {
        applyLivePrice(value, m);
    } else if (id == QLatin1String("function_calling")) {
        if (const std::optional<bool> b = liveBool(value)) {
            m->tools = *b;
            m->liveFacts |= ModelInfo::LiveTools;
        }
    } else if (id == QLatin1String("reasoning")) {
        if (const std::optional<bool> b = liveBool(value)) {
            // Newer models put reasoning in reasoning_content fields; the one known <think>-tag
            // model (DeepSeek-R1 distill) is in the built-in catalog, whose style wins on merge.
            m->reasoning = *b ? ModelInfo::ReasoningStyle::Field : ModelInfo::ReasoningStyle::None;
            m->liveFacts |= ModelInfo::LiveReasoning;
        }
    } else if (id == QLatin1String("reasoning_effort")) {
        applyLiveReasoningEffort(value, m);
    } else if (id == QLatin1String("vision")) {
        if (const std::optional<bool> b = liveBool(value)) {
            m->vision = *b;
            m->liveFacts |= ModelInfo::LiveVision;
        }
    } else if (id == QLatin1String("require_workers_paid")) {
        if (const std::optional<bool> b = liveBool(value)) {
            m->paidOnly = *b;
            m->liveFacts |= ModelInfo::LivePaid;
        }
    } else if (id == QLatin1String("planned_deprecation_date")) {
        const QString date = value.toString().trimmed().left(10);
        if (CatalogFile::isIsoDate(date)) {
            m->deprecated = true;
            m->deprecationDate = date;
            m->liveFacts |= ModelInfo::LiveDeprecation;
        }
    }
}

ModelInfo parseSearchItem(const QJsonObject& item, bool* ok)
{
    const QString name = item.value(QLatin1String("name")).toString();
    *ok = ModelCatalog::isModelId(name);
    if (!*ok) {
        return {};
    }
    ModelInfo m = ModelInfo::unknown(name);
    m.liveFacts = ModelInfo::LiveListed;
    const QString description = item.value(QLatin1String("description")).toString().trimmed();
    if (!description.isEmpty()) {
        m.description = description;
        m.liveFacts |= ModelInfo::LiveDescription;
    }
    const QJsonValue task = item.value(QLatin1String("task"));
    const QString taskName
        = task.isObject() ? task.toObject().value(QLatin1String("name")).toString() : task.toString();
    m.task = taskName.trimmed(); // empty if unknown: then it is neither a text nor an embedding model

    for (const QJsonValue& tag : item.value(QLatin1String("tags")).toArray()) {
        const QString t = tag.toString().toLower();
        if (t == QLatin1String("vision") || t == QLatin1String("multimodal") || t == QLatin1String("image-to-text")) {
            m.vision = true;
            m.liveFacts |= ModelInfo::LiveVision;
        }
    }
    for (const QJsonValue& p : item.value(QLatin1String("properties")).toArray()) {
        const QJsonObject prop = p.toObject();
        applyLiveProperty(prop.value(QLatin1String("property_id")).toString(), prop.value(QLatin1String("value")), &m);
    }
    if (m.vision) {
        m.contentForm = ModelInfo::ContentForm::Parts; // images travel as content parts
    }
    return m;
}

// Only the facts the search stated are written, so a reloaded entry carries the same
// liveFacts as the parsed one and a merge from the cache equals a merge from the network.
QJsonObject liveToJson(const ModelInfo& m)
{
    QJsonObject o {{QStringLiteral("id"), m.id}, {QStringLiteral("task"), m.task}};
    if (m.hasLiveFact(ModelInfo::LiveDescription)) {
        o.insert(QStringLiteral("description"), m.description);
    }
    if (m.hasLiveFact(ModelInfo::LiveContextWindow)) {
        o.insert(QStringLiteral("contextWindow"), m.contextWindow);
    }
    if (m.hasLiveFact(ModelInfo::LivePrice)) {
        o.insert(QStringLiteral("price"), QJsonArray {m.priceInPerM, m.priceOutPerM});
    }
    if (m.hasLiveFact(ModelInfo::LiveTools)) {
        o.insert(QStringLiteral("tools"), m.tools);
    }
    if (m.hasLiveFact(ModelInfo::LiveReasoning)) {
        o.insert(QStringLiteral("reasoning"), m.reasoning != ModelInfo::ReasoningStyle::None);
    }
    if (m.hasLiveFact(ModelInfo::LiveReasoningEffort)) {
        o.insert(QStringLiteral("reasoningEfforts"), QJsonArray::fromStringList(m.reasoningEfforts));
        o.insert(QStringLiteral("reasoningMandatory"), m.reasoningMandatory);
        if (!m.offEffort.isEmpty())
            o.insert(QStringLiteral("offEffort"), m.offEffort);
    }
    if (m.hasLiveFact(ModelInfo::LivePaid)) {
        o.insert(QStringLiteral("paidOnly"), m.paidOnly);
    }
    if (m.hasLiveFact(ModelInfo::LiveVision)) {
        o.insert(QStringLiteral("vision"), m.vision);
    }
    if (m.hasLiveFact(ModelInfo::LiveDeprecation)) {
        o.insert(QStringLiteral("deprecated"), m.deprecationDate);
    }
    return o;
}

bool liveFromJson(const QJsonObject& o, ModelInfo* out)
{
    const QString id = o.value(QLatin1String("id")).toString();
    const QJsonValue task = o.value(QLatin1String("task"));
    if (!ModelCatalog::isModelId(id) || !task.isString()) {
        return false;
    }
    ModelInfo m = ModelInfo::unknown(id);
    m.task = task.toString();
    m.liveFacts = ModelInfo::LiveListed;
    const auto has = [&](const char* key) { return o.contains(QLatin1String(key)); };
    const auto at = [&](const char* key) { return o.value(QLatin1String(key)); };

    if (has("description")) {
        if (!at("description").isString()) {
            return false;
        }
        m.description = at("description").toString();
        m.liveFacts |= ModelInfo::LiveDescription;
    }
    if (has("contextWindow")) {
        if (!CatalogFile::parseCount(at("contextWindow"), &m.contextWindow)) {
            return false;
        }
        m.liveFacts |= ModelInfo::LiveContextWindow;
    }
    if (has("price")) {
        const QJsonArray p = at("price").toArray();
        if (p.size() != 2 || !p.at(0).isDouble() || !p.at(1).isDouble()) {
            return false;
        }
        m.priceInPerM = p.at(0).toDouble();
        m.priceOutPerM = p.at(1).toDouble();
        m.liveFacts |= ModelInfo::LivePrice;
    }
    if (has("tools")) {
        if (!at("tools").isBool()) {
            return false;
        }
        m.tools = at("tools").toBool();
        m.liveFacts |= ModelInfo::LiveTools;
    }
    if (has("reasoning")) {
        if (!at("reasoning").isBool()) {
            return false;
        }
        m.reasoning = at("reasoning").toBool() ? ModelInfo::ReasoningStyle::Field : ModelInfo::ReasoningStyle::None;
        m.liveFacts |= ModelInfo::LiveReasoning;
    }
    if (has("reasoningEfforts")) {
        if (!at("reasoningEfforts").isArray() || !at("reasoningMandatory").isBool()) {
            return false;
        }
        for (const QJsonValue& e : at("reasoningEfforts").toArray()) {
            if (!e.isString()) {
                return false;
            }
            m.reasoningEfforts.append(e.toString());
        }
        m.reasoningMandatory = at("reasoningMandatory").toBool();
        m.offEffort = at("offEffort").toString();
        if (m.thinkingSwitch == ModelInfo::ThinkingSwitch::None)
            m.thinkingSwitch = ModelInfo::ThinkingSwitch::Effort;
        m.liveFacts |= ModelInfo::LiveReasoningEffort;
    }
    if (has("paidOnly")) {
        if (!at("paidOnly").isBool()) {
            return false;
        }
        m.paidOnly = at("paidOnly").toBool();
        m.liveFacts |= ModelInfo::LivePaid;
    }
    if (has("vision")) {
        if (!at("vision").isBool()) {
            return false;
        }
        m.vision = at("vision").toBool();
        m.liveFacts |= ModelInfo::LiveVision;
    }
    if (has("deprecated")) {
        if (!CatalogFile::isIsoDate(at("deprecated").toString())) {
            return false;
        }
        m.deprecated = true;
        m.deprecationDate = at("deprecated").toString();
        m.liveFacts |= ModelInfo::LiveDeprecation;
    }
    if (m.vision) {
        m.contentForm = ModelInfo::ContentForm::Parts;
    }
    *out = m;
    return true;
}

} // namespace

QList<ModelInfo> parseSearchResults(const QJsonArray& result)
{
    QList<ModelInfo> out;
    for (const QJsonValue& v : result) {
        bool ok = false;
        ModelInfo m = parseSearchItem(v.toObject(), &ok);
        if (ok) {
            out.append(m);
        }
    }
    return out;
}

bool isChatOrEmbedding(const ModelInfo& live)
{
    if (live.task == CatalogFile::textEmbeddings())
        return true;
    // Clef answers questions about a state, it does not chat (reference §4.7); its task says
    // "Text Generation" all the same.
    return live.task == CatalogFile::textGeneration() && !live.id.startsWith(QLatin1String("@cf/cloudflare/clef"));
}

void applyOver(ModelInfo* m, const ModelInfo& live)
{
    m->liveFacts = live.liveFacts;
    if (live.hasLiveFact(ModelInfo::LiveDescription)) {
        m->description = live.description;
    }
    if (live.hasLiveFact(ModelInfo::LiveContextWindow)) {
        m->contextWindow = live.contextWindow;
    }
    if (live.hasLiveFact(ModelInfo::LivePrice)) {
        m->priceInPerM = live.priceInPerM;
        m->priceOutPerM = live.priceOutPerM;
    }
    if (live.hasLiveFact(ModelInfo::LiveTools)) {
        m->tools = live.tools;
    }
    if (live.hasLiveFact(ModelInfo::LiveReasoningEffort)) {
        m->reasoningEfforts = live.reasoningEfforts;
        m->reasoningMandatory = live.reasoningMandatory;
        if (!live.offEffort.isEmpty() || live.reasoningMandatory)
            m->offEffort = live.offEffort;
    }
    if (live.hasLiveFact(ModelInfo::LivePaid)) {
        m->paidOnly = live.paidOnly;
    }
    if (live.hasLiveFact(ModelInfo::LiveDeprecation)) {
        m->deprecated = true;
        m->deprecationDate = live.deprecationDate;
    }
}

bool saveCache(const QString& path, const QList<ModelInfo>& live, const QDateTime& fetchedAtIn, QString* error)
{
    QJsonArray models;
    for (const ModelInfo& m : live) {
        models.append(liveToJson(m));
    }
    const QDateTime fetchedAt = fetchedAtIn.isValid() ? fetchedAtIn : QDateTime::currentDateTimeUtc();
    const QJsonObject root {
        {QStringLiteral("format"), kCacheFormat},
        {QStringLiteral("version"), kCacheVersion},
        {QStringLiteral("fetchedAt"), fetchedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("models"), models},
    };

    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return fail(error, QStringLiteral("cannot create directory %1").arg(info.absolutePath()));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(error, file.errorString());
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        return fail(error, file.errorString());
    }
    return true;
}

std::optional<QList<ModelInfo>> loadCache(const QString& path, QDateTime* fetchedAt)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxCacheBytes) {
        return std::nullopt;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    const QJsonObject root = doc.object();
    const QDateTime when = QDateTime::fromString(root.value(QLatin1String("fetchedAt")).toString(), Qt::ISODateWithMs);
    const QJsonValue models = root.value(QLatin1String("models"));
    if (!doc.isObject() || root.value(QLatin1String("format")).toString() != kCacheFormat
        || root.value(QLatin1String("version")).toInt() != kCacheVersion || !when.isValid() || !models.isArray()) {
        qCWarning(lcLiveCatalog) << "ignoring unreadable model cache" << path;
        return std::nullopt;
    }
    QList<ModelInfo> out;
    for (const QJsonValue& v : models.toArray()) {
        ModelInfo m;
        if (!v.isObject() || !liveFromJson(v.toObject(), &m)) {
            qCWarning(lcLiveCatalog) << "ignoring model cache with a malformed entry" << path;
            return std::nullopt;
        }
        out.append(m);
    }
    if (fetchedAt) {
        *fetchedAt = when.toUTC();
    }
    return out;
}

} // namespace flarechat::LiveCatalog
