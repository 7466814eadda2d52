// Model behaviour of the fake: families, reasoning switches (reference §4.8), paid-only dates,
// context windows and the 2026-05-30 deprecations (§4.7). Hard-coded from the reference; the
// catalog data (prices, windows, require_workers_paid, vision) is in fake_catalog.json.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiInternal.h"

namespace flarechat::test {

namespace detail {

namespace {

using Control = FakeWorkersAi::ReasoningControl;
using Field = FakeWorkersAi::ReasoningField;
using Switch = FakeWorkersAi::ThinkingSwitch;

const QStringList kLowMediumHigh {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};

Control reasoningOn(Field field)
{
    Control c;
    c.reasons = true;
    c.field = field;
    return c;
}

// Paid-only since the Workers Paid change (reference §4.7); the others were paid-only from launch.
const QDate kPaidOnlyChange(2026, 7, 28);

} // namespace

Control glm53Reasoning(FakeWorkersAi::Glm53Reasoning variant)
{
    Control c = reasoningOn(Field::Reasoning); // field UNCONFIRMED, see setReasoningField()
    if (variant == FakeWorkersAi::Glm53Reasoning::ToggleDefaultOn) {
        c.toggle = Switch::EnableThinking;
        c.efforts = kLowMediumHigh;
    } else {
        c.mandatory = true;
        c.efforts = QStringList {QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("max")};
        c.normalizedEfforts = QStringList {QStringLiteral("off")};
        c.normalizeTo = QStringLiteral("max");
        c.defaultEffort = QStringLiteral("max");
    }
    return c;
}

ModelProfile builtInProfile(const QString& id, FakeWorkersAi::Family family)
{
    using F = FakeWorkersAi::Family;
    ModelProfile p;
    p.family = family;
    p.vllmEra = family == F::Vllm || family == F::NoStream;
    auto has = [&](const char* s) { return id.contains(QLatin1String(s)); };
    if (has("/swiss-ai/apertus") || has("/utter-project/eurollm"))
        p.gated = true;
    if (family == F::Embedding) {
        p.embeddingDim = has("bge-small")                ? 384
            : (has("bge-base") || has("embeddinggemma")) ? 768
            : has("plamo")                               ? 2048
                                                         : 1024;
        return p;
    }
    // The vLLM-era schemas require json_schema.name [M:kimi-k2.7-code]; gpt-oss is not known to.
    p.schemaNeedsName = p.vllmEra && !has("gpt-oss");
    Control& r = p.reasoning;
    if (has("deepseek-r1")) {
        r = reasoningOn(Field::ReasoningContent); // inline "...</think>" text, DeepSeekR1 family
        r.mandatory = true;
    } else if (has("gpt-oss")) {
        r = reasoningOn(Field::ReasoningContent);
        r.mandatory = true; // "Reasoning cannot be disabled"
        r.efforts = kLowMediumHigh;
        r.defaultEffort = QStringLiteral("medium");
        p.responsesForm = true;
    } else if (has("kimi-k2.5")) {
        // Before the alias: enable_thinking:false was ignored, reasoning in reasoning_content.
        r = reasoningOn(Field::ReasoningContent);
        p.rejectsAny = true;
    } else if (has("kimi-k2.7")) {
        r = reasoningOn(Field::Reasoning);
        r.mandatory = true; // "always enabled for this model and cannot be disabled"
        r.toggle = Switch::EnableThinking;
        r.toggleOnlyTrue = true; // schema enable_thinking enum [true]
        r.efforts = kLowMediumHigh; // the generic schema; no caller control
        p.rejectsAny = true;
        p.paidOnlySince = kPaidOnlyChange;
    } else if (has("kimi")) {
        r = reasoningOn(Field::Reasoning);
        r.toggle = Switch::Thinking; // chat_template_kwargs.thinking, not enable_thinking
        r.efforts = QStringList {QStringLiteral("high")};
        r.offEfforts = QStringList {QStringLiteral("none")};
        p.rejectsAny = true;
        p.paidOnlySince = kPaidOnlyChange;
    } else if (has("glm-5.3-flash")) {
        r = reasoningOn(Field::Reasoning); // field UNCONFIRMED
        r.mandatory = true;
        r.efforts = QStringList {QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("max")};
        r.normalizedEfforts = QStringList {
            QStringLiteral("none"), QStringLiteral("minimal"), QStringLiteral("medium"), QStringLiteral("xhigh")};
        r.normalizeTo = QStringLiteral("max");
        r.defaultEffort = QStringLiteral("max");
        p.rejectsAny = true;
        p.contextWindow = 1048576; // the catalog says 1,310,720 (UNCONFIRMED, reference §4.6 note 4)
    } else if (has("glm-5.3")) {
        r = glm53Reasoning(FakeWorkersAi::Glm53Reasoning::ToggleDefaultOn); // the caller applies the variant
        p.rejectsAny = true;
        p.contextWindow = 1048576;
    } else if (has("glm-5.2")) {
        r = reasoningOn(Field::Reasoning); // field and default UNCONFIRMED
        r.efforts = QStringList {QStringLiteral("high"), QStringLiteral("max")};
        r.offEfforts = QStringList {QStringLiteral("off")};
        p.rejectsAny = true;
        p.paidOnlySince = kPaidOnlyChange;
    } else if (has("glm-")) {
        r = reasoningOn(Field::ReasoningContent); // glm-4.7-flash: a toggle only
        r.toggle = Switch::EnableThinking;
        r.efforts = kLowMediumHigh; // accepted by the schema, no effect beyond "on"
        p.rejectsAny = true;
    } else if (has("gemma-4")) {
        r = reasoningOn(Field::Reasoning);
        r.efforts = QStringList {QStringLiteral("high")};
        r.offEfforts = QStringList {QStringLiteral("none")};
        r.defaultOn = false;
    } else if (has("deepseek-v4")) {
        r = reasoningOn(Field::ReasoningContent); // field UNCONFIRMED
        r.efforts = QStringList {QStringLiteral("low"), QStringLiteral("high"), QStringLiteral("max")};
        r.offEfforts = QStringList {QStringLiteral("off")};
        r.defaultOn = false;
    } else if (has("nemotron")) {
        r = reasoningOn(Field::ReasoningContent); // field and default UNCONFIRMED
        r.toggle = Switch::EnableThinking;
        r.efforts = kLowMediumHigh;
    } else if (has("qwq")) {
        r = reasoningOn(Field::ReasoningContent);
        r.mandatory = true;
    } else if (family == F::Vllm && has("qwen3")) {
        // Not in the reference's reasoning table: the generic vLLM switch.
        r = reasoningOn(Field::ReasoningContent);
        r.toggle = Switch::EnableThinking;
        if (has("qwen3-30b"))
            p.defaultMaxTokens = 2000;
    } else if (family == F::Vllm) {
        r = reasoningOn(Field::ReasoningContent); // an unknown vLLM-era id
        r.toggle = Switch::EnableThinking;
    } else if (has("llama-4-scout")) {
        p.rejectsAny = true;
    } else if (has("gemma-3")) {
        p.vision = true; // gone from the catalog since 2026-05-30
    } else if (has("qwen2.5-coder") || has("llama-3.3") || has("llama-3.1") || has("llama-3-") || has("meta-llama-3")) {
        p.stringOnly = true;
    }
    return p;
}

const FakeWorkersAi::Deprecation* deprecationOf(const QString& modelId)
{
    static const QList<FakeWorkersAi::Deprecation> table = FakeWorkersAi::deprecations();
    for (const FakeWorkersAi::Deprecation& d : table) {
        if (d.model == modelId)
            return &d;
    }
    return nullptr;
}

} // namespace detail

FakeWorkersAi::Family FakeWorkersAi::familyOf(const QString& id)
{
    if (!id.startsWith(QLatin1String("@cf/")) && !id.startsWith(QLatin1String("@hf/")))
        return Family::Missing;
    auto has = [&](const char* s) { return id.contains(QLatin1String(s)); };
    if (has("/cloudflare/clef"))
        return Family::Decision;
    if (has("deepseek-r1"))
        return Family::DeepSeekR1;
    if (has("gpt-oss") || has("kimi"))
        return Family::NoStream;
    if (has("/baai/bge-") || has("embedding"))
        return Family::Embedding;
    if (has("glm-") || has("qwen3-") || has("qwen3.") || has("gemma-4") || has("nemotron") || has("qwq")
        || has("deepseek-v4"))
        return Family::Vllm;
    return Family::Legacy;
}

QList<FakeWorkersAi::Deprecation> FakeWorkersAi::deprecations()
{
    // CL:2026-05-08-planned-model-deprecations (reference §4.7): 18 models, 2026-05-30.
    const QDate day(2026, 5, 30);
    const QString gemma4 = QStringLiteral("@cf/google/gemma-4-26b-a4b-it");
    QList<Deprecation> out {
        {QStringLiteral("@cf/moonshotai/kimi-k2.5"), day, QStringLiteral("@cf/moonshotai/kimi-k2.6"),
            QStringLiteral("@cf/moonshotai/kimi-k2.6")},
        {QStringLiteral("@cf/google/gemma-3-12b-it"), day, gemma4, {}},
    };
    for (const char* id : {"@hf/meta-llama/meta-llama-3-8b-instruct", "@cf/meta/llama-3-8b-instruct",
             "@cf/meta/llama-3-8b-instruct-awq", "@cf/meta/llama-3.1-8b-instruct", "@cf/meta/llama-3.1-8b-instruct-awq",
             "@cf/meta/llama-3.1-70b-instruct", "@cf/meta/llama-2-7b-chat-int8", "@cf/meta/llama-2-7b-chat-fp16",
             "@cf/mistral/mistral-7b-instruct-v0.1", "@hf/mistral/mistral-7b-instruct-v0.2", "@hf/google/gemma-7b-it",
             "@hf/nousresearch/hermes-2-pro-mistral-7b", "@cf/microsoft/phi-2", "@cf/defog/sqlcoder-7b-2",
             "@cf/unum/uform-gen2-qwen-500m", "@cf/facebook/bart-large-cnn"})
        out.append(Deprecation {QString::fromLatin1(id), day, {}, {}});
    return out;
}

detail::ModelProfile FakeWorkersAi::profileOf(const QString& modelId) const
{
    detail::ModelProfile p = detail::builtInProfile(modelId, m_familyOverrides.value(modelId, familyOf(modelId)));
    if (modelId.contains(QLatin1String("glm-5.3")) && !modelId.contains(QLatin1String("glm-5.3-flash")))
        p.reasoning = detail::glm53Reasoning(m_glm53);
    const auto control = m_reasoningOverrides.constFind(modelId);
    if (control != m_reasoningOverrides.constEnd())
        p.reasoning = *control;
    p.vision = p.vision || catalogFlag(modelId, QStringLiteral("vision"));
    const auto window = m_contextOverrides.constFind(modelId);
    if (window != m_contextOverrides.constEnd())
        p.contextWindow = *window;
    else if (p.contextWindow < 0)
        p.contextWindow = catalogProperty(modelId, QStringLiteral("context_window")).toString().toInt();
    return p;
}

void FakeWorkersAi::setModelFamily(const QString& modelId, Family family)
{
    m_familyOverrides.insert(modelId, family);
}

int FakeWorkersAi::contextWindow(const QString& modelId) const
{
    return qMax(0, profileOf(modelId).contextWindow);
}

void FakeWorkersAi::setContextWindow(const QString& modelId, int tokens)
{
    m_contextOverrides.insert(modelId, qMax(0, tokens));
}

FakeWorkersAi::ReasoningControl FakeWorkersAi::reasoningControl(const QString& modelId) const
{
    return profileOf(modelId).reasoning;
}

void FakeWorkersAi::setReasoningControl(const QString& modelId, const ReasoningControl& control)
{
    m_reasoningOverrides.insert(modelId, control);
}

void FakeWorkersAi::setReasoningField(const QString& modelId, ReasoningField field)
{
    ReasoningControl c = reasoningControl(modelId);
    c.field = field;
    m_reasoningOverrides.insert(modelId, c);
}

void FakeWorkersAi::setGlm53Reasoning(Glm53Reasoning variant)
{
    m_glm53 = variant;
}

void FakeWorkersAi::setDeprecatedModelError(Error error)
{
    m_deprecatedError = error;
}

} // namespace flarechat::test
