#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace flarechat {

// What the translator and the UI need to know about one Workers AI model. The built-in
// catalog (resources/models.json) supplies these; the live catalog from Cloudflare's model
// search API is merged over it.
struct ModelInfo
{
    // How message content must be shaped for the model.
    enum class ContentForm {
        StringOnly, // content must be a string: text parts are joined
        Parts, // content may be an array of {type:text}/{type:image_url} parts
    };
    // What a non-streaming /ai/run reply looks like.
    enum class ReplyShape {
        Legacy, // {"result":{"response":..., "usage":..., "tool_calls":[{name, arguments:object}]}}
        OpenAi, // {"result":{"object":"chat.completion","choices":[...],"usage":...}}
    };
    // Where the model's reasoning ends up.
    enum class ReasoningStyle {
        None,
        ThinkTags, // inline "<think>...</think>answer" text, the opening tag possibly missing (DeepSeek-R1)
        Field, // reasoning_content / reasoning fields (vLLM models, gpt-oss, qwq, glm)
    };
    // How response_format is passed.
    enum class JsonModeStyle {
        None, // model has no JSON mode: we ask in the system prompt and validate nothing
        Bare, // response_format {type:"json_schema", json_schema:<bare schema>} (native models)
        OpenAi, // response_format as OpenAI sends it ({name, schema, strict} required by vLLM models)
    };
    // How a client's reasoning effort reaches the model (reference §4.8).
    enum class ThinkingSwitch {
        None, // no caller control: it thinks as it always does (or never)
        Thinking, // chat_template_kwargs.thinking true/false (Kimi K2.6)
        EnableThinking, // chat_template_kwargs.enable_thinking true/false (GLM 4.7, Nemotron)
        Effort, // reasoning_effort alone, thinking on for its values and off for offEffort (GLM 5, DeepSeek V4, Gemma
                // 4, gpt-oss)
    };
    struct Range
    {
        double min = 0;
        double max = 0;
        bool isSet() const { return min != 0 || max != 0; }
        double clamp(double v) const { return isSet() ? (v < min ? min : (v > max ? max : v)) : v; }
    };

    QString id; // "@cf/meta/llama-4-scout-17b-16e-instruct"
    QString alias; // short name users type ("llama-4-scout"); may be empty
    QString displayName; // "Llama 4 Scout 17B"
    QString description;
    QString task = QStringLiteral("Text Generation"); // or "Text Embeddings"

    ContentForm contentForm = ContentForm::StringOnly;
    ReplyShape replyShape = ReplyShape::Legacy;
    bool streams = true; // false: /ai/run answers stream:true with JSON (gpt-oss, Kimi) -> synthesize a stream
    ReasoningStyle reasoning = ReasoningStyle::None;
    bool vision = false;
    bool tools = false;
    JsonModeStyle jsonMode = JsonModeStyle::None;
    bool guidedJson = false; // accepts guided_json
    ThinkingSwitch thinkingSwitch = ThinkingSwitch::None;
    QStringList reasoningEfforts; // the reasoning_effort values it takes, lowest first; empty: none is sent
    QString offEffort; // the reasoning_effort value that turns thinking off ("off"), empty if none
    bool thinksByDefault = true; // without being asked (Gemma 4 and DeepSeek V4 think only when asked)
    bool reasoningMandatory = false; // reasoning cannot be turned off: "none" gets the lowest effort
    bool supportsStop = false; // model honours "stop" itself; otherwise we cut on our side
    bool paidOnly = false; // Workers Paid only (free plan gets 403/5035)

    int contextWindow = 0; // tokens, 0 if unknown
    int defaultMaxTokens = 0; // Cloudflare's default, for information
    int maxOutputTokens = 0; // upper bound we clamp max_tokens to, 0 if unknown

    Range temperature;
    Range topP;
    Range topK;
    Range frequencyPenalty;
    Range presencePenalty;
    Range repetitionPenalty;
    Range seed;

    double priceInPerM = 0; // USD per million input tokens
    double priceOutPerM = 0; // USD per million output tokens
    double priceCachedInPerM = -1; // USD per million cached input tokens (prefix cache hits), <0: none

    bool deprecated = false;
    QString deprecationDate; // ISO date, may be empty
    QString replacement; // "@cf/..." id
    QString freeAlternative; // paid-only models: a free model for the same job (a name requests may use)

    // Which facts Cloudflare's model search stated for this model. A property the search leaves
    // out is "unknown", not "false", so a live entry may only overwrite what it actually says.
    enum LiveFact : quint32 {
        LiveListed = 0x1, // seen in the live catalog at all
        LiveDescription = 0x2,
        LiveContextWindow = 0x4,
        LivePrice = 0x8,
        LiveTools = 0x10,
        LiveReasoning = 0x20,
        LiveReasoningEffort = 0x40,
        LiveVision = 0x80,
        LiveDeprecation = 0x100,
        LivePaid = 0x200,
    };
    quint32 liveFacts = 0;
    bool hasLiveFact(LiveFact fact) const { return (liveFacts & fact) != 0; }

    // Neurons per million tokens, derived from USD prices ($0.011 per 1,000 neurons).
    double neuronsPerMInput() const { return priceInPerM / 0.011 * 1000.0; }
    double neuronsPerMOutput() const { return priceOutPerM / 0.011 * 1000.0; }
    double neuronsPerMCachedInput() const
    {
        return (priceCachedInPerM >= 0 ? priceCachedInPerM : priceInPerM) / 0.011 * 1000.0;
    }
    // cachedTokens are part of promptTokens (OpenAI's convention) and billed at the cached price.
    double estimateNeurons(qint64 promptTokens, qint64 completionTokens, qint64 cachedTokens = 0) const
    {
        const qint64 cached = qBound<qint64>(0, cachedTokens, promptTokens);
        return ((promptTokens - cached) * neuronsPerMInput() + cached * neuronsPerMCachedInput()
                   + completionTokens * neuronsPerMOutput())
            / 1e6;
    }

    // Cloudflare no longer serves the model from `today` (UTC) on: requests go to the replacement.
    bool isRetired(const QDate& today) const;

    bool isEmbedding() const { return task == QLatin1String("Text Embeddings"); }

    // Defaults for an "@cf/..." id the catalog does not know: messages with string content,
    // either reply shape accepted, streaming tried.
    static ModelInfo unknown(const QString& id);
};

} // namespace flarechat
