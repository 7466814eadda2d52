#include "CatalogFile.h"

#include "workersai/ModelCatalog.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <climits>

namespace flarechat::CatalogFile {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
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

void copyDefaultsImpl(const ModelInfo& from, ModelInfo* to)
{
    for (const RangeKey& r : kRangeKeys) {
        to->*r.member = from.*r.member;
    }
    to->defaultMaxTokens = from.defaultMaxTokens;
}

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

bool parseCountImpl(const QJsonValue& v, int* out)
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

const std::pair<const char*, ModelInfo::ThinkingSwitch> kThinkingSwitches[] = {
    {"none", ModelInfo::ThinkingSwitch::None},
    {"thinking", ModelInfo::ThinkingSwitch::Thinking},
    {"enable_thinking", ModelInfo::ThinkingSwitch::EnableThinking},
    {"effort", ModelInfo::ThinkingSwitch::Effort},
};

// "thinking": {"switch", "efforts" (lowest first), "off" (the effort that turns it off),
// "default": "on"|"off", "mandatory"} — how a reasoning effort reaches the model (reference §4.8).
bool parseThinking(const QJsonValue& v, ModelInfo* m, QString* error)
{
    static const QSet<QString> known {QStringLiteral("switch"), QStringLiteral("efforts"), QStringLiteral("off"),
        QStringLiteral("default"), QStringLiteral("mandatory")};
    if (!v.isObject()) {
        return fail(error, QStringLiteral("\"thinking\" must be an object"));
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key())) {
            return fail(error, QStringLiteral("unknown \"thinking\" key \"%1\"").arg(it.key()));
        }
    }
    if (!parseEnum(o.value(QLatin1String("switch")), kThinkingSwitches, &m->thinkingSwitch)) {
        return fail(error, QStringLiteral("\"thinking.switch\" must be none, thinking, enable_thinking or effort"));
    }
    const QJsonValue efforts = o.value(QLatin1String("efforts"));
    if (!efforts.isUndefined()) {
        if (!efforts.isArray()) {
            return fail(error, QStringLiteral("\"thinking.efforts\" must be an array of strings"));
        }
        for (const QJsonValue& e : efforts.toArray()) {
            if (!e.isString() || e.toString().isEmpty()) {
                return fail(error, QStringLiteral("\"thinking.efforts\" must be an array of strings"));
            }
            m->reasoningEfforts.append(e.toString());
        }
    }
    const QJsonValue off = o.value(QLatin1String("off"));
    if (!off.isUndefined() && (!off.isString() || off.toString().isEmpty())) {
        return fail(error, QStringLiteral("\"thinking.off\" must be the effort value that turns thinking off"));
    }
    m->offEffort = off.toString();
    const QString byDefault = o.value(QLatin1String("default")).toString(QStringLiteral("on"));
    if (byDefault != QLatin1String("on") && byDefault != QLatin1String("off")) {
        return fail(error, QStringLiteral("\"thinking.default\" must be \"on\" or \"off\""));
    }
    m->thinksByDefault = byDefault == QLatin1String("on");
    const QJsonValue mandatory = o.value(QLatin1String("mandatory"));
    if (!mandatory.isUndefined() && !mandatory.isBool()) {
        return fail(error, QStringLiteral("\"thinking.mandatory\" must be true or false"));
    }
    m->reasoningMandatory = mandatory.toBool(false);
    if (m->reasoningMandatory && !m->offEffort.isEmpty()) {
        return fail(error, QStringLiteral("a mandatory thinking model has no \"off\" effort"));
    }
    if (m->thinkingSwitch == ModelInfo::ThinkingSwitch::Effort && m->reasoningEfforts.isEmpty()) {
        return fail(error, QStringLiteral("\"thinking.switch\": \"effort\" needs \"efforts\""));
    }
    return true;
}

bool isIsoDateImpl(const QString& s)
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
        QStringLiteral("jsonMode"),
        QStringLiteral("guidedJson"),
        QStringLiteral("supportsStop"),
        QStringLiteral("paidOnly"),
        QStringLiteral("contextWindow"),
        QStringLiteral("defaultMaxTokens"),
        QStringLiteral("maxOutputTokens"),
        QStringLiteral("ranges"),
        QStringLiteral("price"),
        QStringLiteral("deprecated"),
        QStringLiteral("replacement"),
        QStringLiteral("thinking"),
        QStringLiteral("cachedPrice"),
        QStringLiteral("freeAlternative"),
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
    copyDefaultsImpl(defaults, m);

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
        if (v.isUndefined() || parseCountImpl(v, out)) {
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
        || !str("task", &m->task) || !str("replacement", &m->replacement)
        || !str("freeAlternative", &m->freeAlternative)) {
        return false;
    }
    if (m->alias.contains(QLatin1Char(' ')) || m->alias.startsWith(QLatin1Char('@'))) {
        return bad(QStringLiteral("alias \"%1\" must not contain spaces or start with '@'").arg(m->alias));
    }
    if (m->task != textGeneration() && m->task != textEmbeddings()) {
        return bad(QStringLiteral("task must be \"Text Generation\" or \"Text Embeddings\""));
    }
    if (!m->replacement.isEmpty() && !ModelCatalog::isModelId(m->replacement)) {
        return bad(QStringLiteral("\"replacement\" must be a model id"));
    }
    if (!m->freeAlternative.isEmpty() && !ModelCatalog::isModelId(m->freeAlternative)) {
        return bad(QStringLiteral("\"freeAlternative\" must be a model id"));
    }
    if (!oneOf("content", &kContentForms, &m->contentForm) || !oneOf("reply", &kReplyShapes, &m->replyShape)
        || !oneOf("reasoning", &kReasoningStyles, &m->reasoning) || !oneOf("jsonMode", &kJsonModes, &m->jsonMode)) {
        return false;
    }
    if (!flag("streams", &m->streams) || !flag("vision", &m->vision) || !flag("tools", &m->tools)
        || !flag("guidedJson", &m->guidedJson) || !flag("supportsStop", &m->supportsStop)
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

    const QJsonValue thinking = o.value(QLatin1String("thinking"));
    if (!thinking.isUndefined()) {
        QString why;
        if (!parseThinking(thinking, m, &why)) {
            return bad(why);
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
    const QJsonValue cached = o.value(QLatin1String("cachedPrice"));
    if (!cached.isUndefined()) {
        if (!cached.isDouble() || cached.toDouble() < 0) {
            return bad(QStringLiteral("\"cachedPrice\" must be USD per million cached input tokens"));
        }
        m->priceCachedInPerM = cached.toDouble();
    }
    const QJsonValue deprecated = o.value(QLatin1String("deprecated"));
    if (!deprecated.isUndefined()) {
        if (deprecated.isBool()) {
            m->deprecated = deprecated.toBool();
        } else if (deprecated.isString() && isIsoDateImpl(deprecated.toString())) {
            m->deprecated = true;
            m->deprecationDate = deprecated.toString();
        } else {
            return bad(QStringLiteral("\"deprecated\" must be a \"YYYY-MM-DD\" date or a boolean"));
        }
    }
    return true;
}

} // namespace

bool isIsoDate(const QString& s)
{
    return isIsoDateImpl(s);
}

bool parseCount(const QJsonValue& v, int* out)
{
    return parseCountImpl(v, out);
}

void copyDefaults(const ModelInfo& from, ModelInfo* to)
{
    copyDefaultsImpl(from, to);
}

std::optional<Contents> parse(const QByteArray& json, QString* error)
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
    Contents contents;

    const QJsonValue defaults = root.value(QLatin1String("defaults"));
    if (!defaults.isUndefined()) {
        const QJsonObject d = defaults.toObject();
        QString why;
        if (!defaults.isObject()
            || (d.contains(QLatin1String("ranges"))
                && !parseRanges(d.value(QLatin1String("ranges")), &contents.defaults, &why))
            || (d.contains(QLatin1String("defaultMaxTokens"))
                && !parseCountImpl(d.value(QLatin1String("defaultMaxTokens")), &contents.defaults.defaultMaxTokens))) {
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
        if (!v.isObject() || !parseModel(v.toObject(), contents.defaults, &m, &why)) {
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
        contents.models.append(m);
        ++index;
    }
    // What a model points at must be in the file: a replacement or free alternative with a typo
    // would send requests to a model nobody chose.
    for (const ModelInfo& m : std::as_const(contents.models)) {
        const auto target = [&](const QString& id) {
            return std::find_if(contents.models.cbegin(), contents.models.cend(),
                [&](const ModelInfo& other) { return other.id == id; });
        };
        if (!m.replacement.isEmpty() && target(m.replacement) == contents.models.cend()) {
            fail(error, QStringLiteral("%1: replacement %2 is not in the catalog").arg(m.id, m.replacement));
            return std::nullopt;
        }
        if (!m.freeAlternative.isEmpty()) {
            const auto alternative = target(m.freeAlternative);
            if (alternative == contents.models.cend() || alternative->paidOnly) {
                fail(error,
                    QStringLiteral("%1: free alternative %2 is not a free model of the catalog")
                        .arg(m.id, m.freeAlternative));
                return std::nullopt;
            }
        }
    }
    return contents;
}

} // namespace flarechat::CatalogFile
