#include "FirstModelChoices.h"

namespace flarechat {

namespace {

struct Entry
{
    const char* id;
    const char* goodAt; // QT_TRANSLATE_NOOP: translated when shown
};

// Free chat models worth starting with, the general default first (Settings' DefaultModel).
// One sentence each on what the model is good at, in words a newcomer understands.
constexpr Entry kTable[] = {
    {"@cf/meta/llama-3.3-70b-instruct-fp8-fast",
        QT_TRANSLATE_NOOP("flarechat::FirstModelChoices",
            "A strong all-rounder for everyday questions, writing and summaries, and quick to answer.")},
    {"@cf/openai/gpt-oss-120b",
        QT_TRANSLATE_NOOP("flarechat::FirstModelChoices",
            "Thinks step by step before it answers: good for maths, planning and tricky questions.")},
    {"@cf/zai-org/glm-4.7-flash",
        QT_TRANSLATE_NOOP(
            "flarechat::FirstModelChoices", "Fast, with reasoning and tool use: good for coding help and for agents.")},
    {"@cf/google/gemma-4-26b-a4b-it",
        QT_TRANSLATE_NOOP("flarechat::FirstModelChoices",
            "Reads images as well as text and thinks when asked: good for photos, screenshots and charts.")},
    {"@cf/qwen/qwen3-30b-a3b-fp8",
        QT_TRANSLATE_NOOP("flarechat::FirstModelChoices",
            "Light on the free allocation, with optional thinking, and good at Chinese as well as English.")},
    {"@cf/qwen/qwen2.5-coder-32b-instruct",
        QT_TRANSLATE_NOOP(
            "flarechat::FirstModelChoices", "Made for code: writes, explains and fixes programs in many languages.")},
};

bool isFreeChatModel(const ModelInfo& m, const QDate& today)
{
    return !m.isEmbedding() && !m.paidOnly && !m.deprecated && !m.isRetired(today);
}

FirstModelChoices::Choice choiceFor(const ModelInfo& m, const QString& goodAt)
{
    return {m.alias.isEmpty() ? m.id : m.alias, m.id, m.displayName.isEmpty() ? m.id : m.displayName, goodAt};
}

} // namespace

QList<FirstModelChoices::Choice> FirstModelChoices::forCatalog(const ModelCatalog& catalog, const QDate& today)
{
    QList<Choice> choices;
    QStringList taken;
    for (const Entry& e : kTable) {
        const std::optional<ModelInfo> m = catalog.find(QString::fromLatin1(e.id));
        if (m && isFreeChatModel(*m, today)) {
            choices << choiceFor(*m, tr(e.goodAt));
            taken << m->id;
        }
    }
    const QList<ModelInfo> models = catalog.textModels();
    for (const ModelInfo& m : models) {
        if (!taken.contains(m.id) && isFreeChatModel(m, today))
            choices << choiceFor(m, QString());
    }
    return choices;
}

QStringList FirstModelChoices::recommendedIds()
{
    QStringList ids;
    for (const Entry& e : kTable)
        ids << QString::fromLatin1(e.id);
    return ids;
}

QString FirstModelChoices::goodAt(const QString& id)
{
    for (const Entry& e : kTable) {
        if (id == QLatin1String(e.id))
            return tr(e.goodAt);
    }
    return {};
}

} // namespace flarechat
