#include "ModelCatalog.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <climits>

namespace flarechat {

Q_LOGGING_CATEGORY(lcModelCatalog, "flarechat.workersai.catalog")

namespace {

const QString kTextGeneration = QStringLiteral("Text Generation");
const QString kTextEmbeddings = QStringLiteral("Text Embeddings");
const QString kCacheFormat = QStringLiteral("flarechat-model-cache");
constexpr int kCacheVersion = 1;
constexpr qint64 kMaxCacheBytes = 16 * 1024 * 1024; // the real list is ~100 KB; refuse absurd files

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

struct RangeKey
{
    const char* key;
    ModelInfo::Range ModelInfo::*member;
};
const RangeKey kRangeKeys[] = {
    {"temperature", &ModelInfo::temperature},
    {"top_p", &ModelInfo::topP},
    {"top_k", &ModelInfo::topK},
    {"frequency_penalty", &ModelInfo::frequencyPenalty},
    {"presence_penalty", &ModelInfo::presencePenalty},
    {"repetition_penalty", &ModelInfo::repetitionPenalty},
    {"seed", &ModelInfo::seed},
};

void copyDefaults(const ModelInfo& from, ModelInfo* to)
{
    for (const RangeKey& r : kRangeKeys) {
        to->*r.member = from.*r.member;
    }
    to->defaultMaxTokens = from.defaultMaxTokens;
}

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// ---- models.json ------------------------------------------------------------------------

bool parseRange(const QJsonValue& v, ModelInfo::Range* out)
{
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble()) {
        return false;
    }
    const double min = a.at(0).toDouble();
    const double max = a.at(1).toDouble();
    if (min > max) {
        return false;
    }
    *out = {min, max};
    return true;
}

bool parseRanges(const QJsonValue& v, ModelInfo* m, QString* error)
{
    if (!v.isObject()) {
        return fail(error, QStringLiteral("\"ranges\" must be an object"));
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const auto key = std::find_if(std::begin(kRangeKeys), std::end(kRangeKeys),
            [&](const RangeKey& r) { return it.key() == QLatin1String(r.key); });
        if (key == std::end(kRangeKeys)) {
            return fail(error, QStringLiteral("unknown range \"%1\"").arg(it.key()));
        }
        if (!parseRange(it.value(), &(m->*key->member))) {
            return fail(error, QStringLiteral("range \"%1\" must be [min, max]").arg(it.key()));
        }
    }
    return true;
}

bool parseCount(const QJsonValue& v, int* out)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > INT_MAX || d != static_cast<int>(d)) {
        return false;
    }
    *out = static_cast<int>(d);
    return true;
}

template <typename Enum, std::size_t N>
bool parseEnum(const QJsonValue& v, const std::pair<const char*, Enum> (&table)[N], Enum* out)
{
    const QString s = v.toString();
    for (const auto& entry : table) {
        if (s == QLatin1String(entry.first)) {
            *out = entry.second;
            return true;
        }
    }
    return false;
}

const std::pair<const char*, ModelInfo::ContentForm> kContentForms[] = {
    {"string", ModelInfo::ContentForm::StringOnly},
    {"parts", ModelInfo::ContentForm::Parts},
};
const std::pair<const char*, ModelInfo::ReplyShape> kReplyShapes[] = {
    {"legacy", ModelInfo::ReplyShape::Legacy},
    {"openai", ModelInfo::ReplyShape::OpenAi},
};
const std::pair<const char*, ModelInfo::ReasoningStyle> kReasoningStyles[] = {
    {"none", ModelInfo::ReasoningStyle::None},
    {"think-tags", ModelInfo::ReasoningStyle::ThinkTags},
    {"field", ModelInfo::ReasoningStyle::Field},
};
const std::pair<const char*, ModelInfo::JsonModeStyle> kJsonModes[] = {
    {"none", ModelInfo::JsonModeStyle::None},
    {"bare", ModelInfo::JsonModeStyle::Bare},
    {"openai", ModelInfo::JsonModeStyle::OpenAi},
};

bool isIsoDate(const QString& s)
{
    return s.size() == 10 && QDate::fromString(s, Qt::ISODate).isValid();
}

bool parseModel(const QJsonObject& o, const ModelInfo& defaults, ModelInfo* m, QString* error)
{
    static const QSet<QString> known {
        QStringLiteral("id"),
        QStringLiteral("alias"),
        QStringLiteral("name"),
        QStringLiteral("description"),
        QStringLiteral("task"),
        QStringLiteral("content"),
        QStringLiteral("reply"),
        QStringLiteral("streams"),
        QStringLiteral("reasoning"),
        QStringLiteral("vision"),
        QStringLiteral("tools"),
        QStringLiteral("strictToolCallIds"),
        QStringLiteral("jsonMode"),
        QStringLiteral("guidedJson"),
        QStringLiteral("reasoningEfforts"),
        QStringLiteral("supportsStop"),
        QStringLiteral("reasoningMandatory"),
        QStringLiteral("paidOnly"),
        QStringLiteral("contextWindow"),
        QStringLiteral("defaultMaxTokens"),
        QStringLiteral("maxOutputTokens"),
        QStringLiteral("ranges"),
        QStringLiteral("price"),
        QStringLiteral("deprecated"),
        QStringLiteral("replacement"),
    };
    const QString id = o.value(QLatin1String("id")).toString();
    if (!ModelCatalog::isModelId(id)) {
        return fail(error, QStringLiteral("\"id\" must be an \"@cf/...\" or \"@hf/...\" model id"));
    }
    const auto bad = [&](const QString& what) { return fail(error, QStringLiteral("%1: %2").arg(id, what)); };
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return bad(QStringLiteral("unknown key \"%1\"").arg(it.key()));
        }
    }

    *m = ModelInfo::unknown(id);
    copyDefaults(defaults, m);

    const auto str = [&](const char* key, QString* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            return true;
        }
        if (!v.isString()) {
            return bad(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
        }
        *out = v.toString();
        return true;
    };
    const auto flag = [&](const char* key, bool* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            return true;
        }
        if (!v.isBool()) {
            return bad(QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key)));
        }
        *out = v.toBool();
        return true;
    };
    const auto count = [&](const char* key, int* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || parseCount(v, out)) {
            return true;
        }
        return bad(QStringLiteral("\"%1\" must be a non-negative integer").arg(QLatin1String(key)));
    };
    const auto oneOf = [&](const char* key, auto table, auto* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || parseEnum(v, *table, out)) {
            return true;
        }
        return bad(QStringLiteral("bad \"%1\" value %2")
                       .arg(QLatin1String(key),
                           QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact))));
    };

    if (!str("alias", &m->alias) || !str("name", &m->displayName) || !str("description", &m->description)
        || !str("task", &m->task) || !str("replacement", &m->replacement)) {
        return false;
    }
    if (m->alias.contains(QLatin1Char(' ')) || m->alias.startsWith(QLatin1Char('@'))) {
        return bad(QStringLiteral("alias \"%1\" must not contain spaces or start with '@'").arg(m->alias));
    }
    if (m->task != kTextGeneration && m->task != kTextEmbeddings) {
        return bad(QStringLiteral("task must be \"Text Generation\" or \"Text Embeddings\""));
    }
    if (!m->replacement.isEmpty() && !ModelCatalog::isModelId(m->replacement)) {
        return bad(QStringLiteral("\"replacement\" must be a model id"));
    }
    if (!oneOf("content", &kContentForms, &m->contentForm) || !oneOf("reply", &kReplyShapes, &m->replyShape)
        || !oneOf("reasoning", &kReasoningStyles, &m->reasoning) || !oneOf("jsonMode", &kJsonModes, &m->jsonMode)) {
        return false;
    }
    if (!flag("streams", &m->streams) || !flag("vision", &m->vision) || !flag("tools", &m->tools)
        || !flag("strictToolCallIds", &m->strictToolCallIds) || !flag("guidedJson", &m->guidedJson)
        || !flag("reasoningMandatory", &m->reasoningMandatory) || !flag("supportsStop", &m->supportsStop)
        || !flag("paidOnly", &m->paidOnly)) {
        return false;
    }
    if (!count("contextWindow", &m->contextWindow) || !count("defaultMaxTokens", &m->defaultMaxTokens)
        || !count("maxOutputTokens", &m->maxOutputTokens)) {
        return false;
    }
    if (m->vision && m->contentForm != ModelInfo::ContentForm::Parts) {
        return bad(QStringLiteral("a vision model needs \"content\": \"parts\" to receive images"));
    }

    const QJsonValue efforts = o.value(QLatin1String("reasoningEfforts"));
    if (!efforts.isUndefined()) {
        if (!efforts.isArray()) {
            return bad(QStringLiteral("\"reasoningEfforts\" must be an array of strings"));
        }
        for (const QJsonValue& e : efforts.toArray()) {
            if (!e.isString() || e.toString().isEmpty()) {
                return bad(QStringLiteral("\"reasoningEfforts\" must be an array of strings"));
            }
            m->reasoningEfforts.append(e.toString());
        }
    }
    const QJsonValue ranges = o.value(QLatin1String("ranges"));
    if (!ranges.isUndefined()) {
        QString why;
        if (!parseRanges(ranges, m, &why)) {
            return bad(why);
        }
    }
    const QJsonValue price = o.value(QLatin1String("price"));
    if (!price.isUndefined()) {
        const QJsonArray a = price.toArray();
        // [in, out] is not a range (out is usually larger, but not necessarily): check by hand.
        if (!price.isArray() || a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble() || a.at(0).toDouble() < 0
            || a.at(1).toDouble() < 0) {
            return bad(QStringLiteral("\"price\" must be [input, output] in USD per million tokens"));
        }
        m->priceInPerM = a.at(0).toDouble();
        m->priceOutPerM = a.at(1).toDouble();
    }
    const QJsonValue deprecated = o.value(QLatin1String("deprecated"));
    if (!deprecated.isUndefined()) {
        if (deprecated.isBool()) {
            m->deprecated = deprecated.toBool();
        } else if (deprecated.isString() && isIsoDate(deprecated.toString())) {
            m->deprecated = true;
            m->deprecationDate = deprecated.toString();
        } else {
            return bad(QStringLiteral("\"deprecated\" must be a \"YYYY-MM-DD\" date or a boolean"));
        }
    }
    return true;
}

// ---- Cloudflare model search ------------------------------------------------------------

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

void applyLiveReasoningEffort(const QJsonValue& value, ModelInfo* m)
{
    const QJsonObject o = liveStructured(value).toObject();
    const QJsonArray efforts = o.value(QLatin1String("supported_efforts")).toArray();
    QStringList list;
    for (const QJsonValue& e : efforts) {
        if (e.isString() && !e.toString().isEmpty()) {
            list.append(e.toString());
        }
    }
    if (list.isEmpty()) {
        return;
    }
    m->reasoningEfforts = list;
    m->reasoningMandatory = liveBool(o.value(QLatin1String("mandatory"))).value_or(false);
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
    } else if (id == QLatin1String("planned_deprecation_date")) {
        const QString date = value.toString().trimmed().left(10);
        if (isIsoDate(date)) {
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

// ---- cache ------------------------------------------------------------------------------

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
        if (!parseCount(at("contextWindow"), &m.contextWindow)) {
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
        m.liveFacts |= ModelInfo::LiveReasoningEffort;
    }
    if (has("vision")) {
        if (!at("vision").isBool()) {
            return false;
        }
        m.vision = at("vision").toBool();
        m.liveFacts |= ModelInfo::LiveVision;
    }
    if (has("deprecated")) {
        if (!isIsoDate(at("deprecated").toString())) {
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

QJsonObject openAiEntry(const QString& id, qint64 created)
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("model")},
        {QStringLiteral("created"), created},
        {QStringLiteral("owned_by"), QStringLiteral("cloudflare")},
    };
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
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(error,
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("the catalog must be a JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    ModelCatalog catalog;

    const QJsonValue defaults = root.value(QLatin1String("defaults"));
    if (!defaults.isUndefined()) {
        const QJsonObject d = defaults.toObject();
        QString why;
        if (!defaults.isObject()
            || (d.contains(QLatin1String("ranges"))
                && !parseRanges(d.value(QLatin1String("ranges")), &catalog.m_defaults, &why))
            || (d.contains(QLatin1String("defaultMaxTokens"))
                && !parseCount(d.value(QLatin1String("defaultMaxTokens")), &catalog.m_defaults.defaultMaxTokens))) {
            fail(error, QStringLiteral("bad \"defaults\": %1").arg(why.isEmpty() ? QStringLiteral("wrong type") : why));
            return std::nullopt;
        }
    }

    const QJsonValue models = root.value(QLatin1String("models"));
    if (!models.isArray()) {
        fail(error, QStringLiteral("\"models\" must be an array"));
        return std::nullopt;
    }
    QSet<QString> ids;
    QSet<QString> aliases;
    int index = 0;
    for (const QJsonValue& v : models.toArray()) {
        ModelInfo m;
        QString why;
        if (!v.isObject() || !parseModel(v.toObject(), catalog.m_defaults, &m, &why)) {
            fail(error,
                QStringLiteral("model #%1: %2").arg(index).arg(why.isEmpty() ? QStringLiteral("not an object") : why));
            return std::nullopt;
        }
        if (ids.contains(m.id)) {
            fail(error, QStringLiteral("model #%1: duplicate id %2").arg(index).arg(m.id));
            return std::nullopt;
        }
        if (!m.alias.isEmpty() && aliases.contains(m.alias.toLower())) {
            fail(error, QStringLiteral("model #%1: duplicate alias %2").arg(index).arg(m.alias));
            return std::nullopt;
        }
        ids.insert(m.id);
        if (!m.alias.isEmpty()) {
            aliases.insert(m.alias.toLower());
        }
        catalog.m_builtIn.append(m);
        ++index;
    }
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
            if (m.hasLiveFact(ModelInfo::LiveListed)) {
                continue; // a duplicate in the live list: the first entry counts
            }
            m.liveFacts = live.liveFacts;
            if (live.hasLiveFact(ModelInfo::LiveDescription)) {
                m.description = live.description;
            }
            if (live.hasLiveFact(ModelInfo::LiveContextWindow)) {
                m.contextWindow = live.contextWindow;
            }
            if (live.hasLiveFact(ModelInfo::LivePrice)) {
                m.priceInPerM = live.priceInPerM;
                m.priceOutPerM = live.priceOutPerM;
            }
            if (live.hasLiveFact(ModelInfo::LiveTools)) {
                m.tools = live.tools;
            }
            if (live.hasLiveFact(ModelInfo::LiveReasoningEffort)) {
                m.reasoningEfforts = live.reasoningEfforts;
                m.reasoningMandatory = live.reasoningMandatory;
            }
            if (live.hasLiveFact(ModelInfo::LiveDeprecation)) {
                m.deprecated = true;
                m.deprecationDate = live.deprecationDate;
            }
            continue;
        }
        if (live.task != kTextGeneration && live.task != kTextEmbeddings) {
            continue; // image, speech, ... models: nothing FlareChat can talk to
        }
        ModelInfo added = live;
        copyDefaults(m_defaults, &added);
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
    copyDefaults(m_defaults, &m);
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
        [](const ModelInfo& m) { return m.task == kTextGeneration; });
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
        const bool wellFormed = !key.isEmpty() && !key.startsWith(QLatin1Char('@'))
            && std::none_of(key.cbegin(), key.cend(), [](QChar c) { return c.isSpace() || c.isNull(); });
        QString target = it.value().trimmed();
        const auto builtInTarget = m_byAlias.constFind(target.toLower());
        if (builtInTarget != m_byAlias.constEnd()) {
            target = m_models.at(*builtInTarget).id;
        }
        bool consistent = true;
        for (const QString& other : spellings.value(key)) {
            consistent = consistent && aliases.value(other).trimmed() == it.value().trimmed();
        }
        if (!wellFormed || m_byAlias.contains(key) || !isModelId(target) || !consistent) {
            rejected.append(it.key());
            continue;
        }
        m_userAliases.insert(key, target);
    }
    std::sort(rejected.begin(), rejected.end());
    return rejected;
}

// ---- live catalog -----------------------------------------------------------------------

QList<ModelInfo> ModelCatalog::parseSearchResults(const QJsonArray& result)
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

void ModelCatalog::mergeLive(const QList<ModelInfo>& live, const QDateTime& fetchedAt)
{
    m_live = live;
    m_liveFetchedAt = fetchedAt.isValid() ? fetchedAt.toUTC() : QDateTime::currentDateTimeUtc();
    rebuild();
}

bool ModelCatalog::saveCache(const QString& path, QString* error) const
{
    QJsonArray models;
    for (const ModelInfo& m : m_live) {
        models.append(liveToJson(m));
    }
    const QDateTime fetchedAt = m_liveFetchedAt.isValid() ? m_liveFetchedAt : QDateTime::currentDateTimeUtc();
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

std::optional<QList<ModelInfo>> ModelCatalog::loadCache(const QString& path, QDateTime* fetchedAt)
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
        qCWarning(lcModelCatalog) << "ignoring unreadable model cache" << path;
        return std::nullopt;
    }
    QList<ModelInfo> out;
    for (const QJsonValue& v : models.toArray()) {
        ModelInfo m;
        if (!v.isObject() || !liveFromJson(v.toObject(), &m)) {
            qCWarning(lcModelCatalog) << "ignoring model cache with a malformed entry" << path;
            return std::nullopt;
        }
        out.append(m);
    }
    if (fetchedAt) {
        *fetchedAt = when.toUTC();
    }
    return out;
}

// ---- /v1/models -------------------------------------------------------------------------

QJsonObject ModelCatalog::toOpenAiModel(const ModelInfo& model, qint64 created)
{
    return openAiEntry(model.alias.isEmpty() ? model.id : model.alias, created);
}

QJsonArray ModelCatalog::openAiModelList(qint64 created) const
{
    QJsonArray out;
    for (const ModelInfo& m : m_models) {
        if (!m.alias.isEmpty()) {
            out.append(openAiEntry(m.alias, created));
        }
        out.append(openAiEntry(m.id, created));
    }
    QStringList user = m_userAliases.keys();
    std::sort(user.begin(), user.end());
    for (const QString& alias : user) {
        out.append(openAiEntry(alias, created));
    }
    return out;
}

} // namespace flarechat
