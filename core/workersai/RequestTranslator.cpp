#include "RequestTranslator.h"

#include "openai/ChatJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <climits>

namespace flarechat {

namespace {

QString path(int i, const char* rest = nullptr)
{
    QString p = QStringLiteral("messages[%1]").arg(i);
    if (rest)
        p += QLatin1String(rest);
    return p;
}

bool isDataUri(const QString& url)
{
    return url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive);
}

// Content for a user/system message, shaped for the model.
std::optional<QJsonValue> convertContent(const ChatMessage& m, int index, const ModelInfo& model, ApiError* error)
{
    if (m.contentKind == ChatMessage::ContentKind::Null)
        return QJsonValue(QString()); // Workers AI rejects null content
    if (m.contentKind == ChatMessage::ContentKind::Text)
        return QJsonValue(m.text);

    if (!m.hasImages()) // text parts only: every model takes a plain string
        return QJsonValue(m.textContent());

    if (!model.vision) {
        *error = ApiError::invalidRequest(
            QStringLiteral("%1: the model '%2' does not accept images. Choose a vision model such as "
                           "llama-4-scout, or remove the image.")
                .arg(path(index, ".content"), model.alias.isEmpty() ? model.id : model.alias),
            path(index, ".content"), ErrorCode::ModelNotVisionCapable);
        return std::nullopt;
    }
    QJsonArray parts;
    for (int j = 0; j < m.parts.size(); ++j) {
        const ContentPart& p = m.parts.at(j);
        if (p.kind == ContentPart::Kind::Text) {
            parts.append(
                QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), p.text}});
            continue;
        }
        if (!isDataUri(p.imageUrl)) {
            const QString param = path(index, ".content") + QStringLiteral("[%1].image_url.url").arg(j);
            *error = ApiError::invalidRequest(QStringLiteral("%1: Workers AI accepts images only as data: URIs "
                                                             "(data:image/png;base64,...); HTTP URLs are not accepted. "
                                                             "Download the image and send it inline.")
                                                  .arg(param),
                param, ErrorCode::InvalidImageUrl);
            return std::nullopt;
        }
        QJsonObject image {{QStringLiteral("url"), p.imageUrl}};
        if (!p.imageDetail.isEmpty())
            image.insert(QStringLiteral("detail"), p.imageDetail);
        parts.append(
            QJsonObject {{QStringLiteral("type"), QStringLiteral("image_url")}, {QStringLiteral("image_url"), image}});
    }
    return QJsonValue(parts);
}

std::optional<QJsonArray> convertMessages(
    const ChatRequest& r, const ModelInfo& model, const ToolCallIdMap& ids, ApiError* error)
{
    QJsonArray out;
    for (int i = 0; i < r.messages.size(); ++i) {
        const ChatMessage& m = r.messages.at(i);
        QJsonObject o;
        // Workers AI knows no "developer" role; it is the system prompt of newer OpenAI clients.
        const QString role = m.role == QLatin1String("developer") ? QStringLiteral("system") : m.role;
        o.insert(QStringLiteral("role"), role);

        if (role == QLatin1String("assistant")) {
            o.insert(QStringLiteral("content"), m.textContent());
            if (!m.toolCalls.isEmpty()) {
                QJsonArray calls;
                for (ToolCall c : m.toolCalls) {
                    c.id = ids.upstream(c.id);
                    calls.append(ChatJson::toolCall(c));
                }
                o.insert(QStringLiteral("tool_calls"), calls);
            }
            if (!m.reasoning.isEmpty() && model.reasoning == ModelInfo::ReasoningStyle::Field)
                o.insert(QStringLiteral("reasoning"), m.reasoning);
        } else if (role == QLatin1String("tool")) {
            o.insert(QStringLiteral("content"), m.textContent());
            o.insert(QStringLiteral("tool_call_id"), ids.upstream(m.toolCallId));
        } else {
            const std::optional<QJsonValue> content = convertContent(m, i, model, error);
            if (!content)
                return std::nullopt;
            o.insert(QStringLiteral("content"), *content);
        }
        if (!m.name.isEmpty())
            o.insert(QStringLiteral("name"), m.name);
        out.append(o);
    }
    return out;
}

void putClamped(QJsonObject& body, const char* key, const std::optional<double>& v, const ModelInfo::Range& range)
{
    if (v)
        body.insert(QLatin1String(key), range.clamp(*v));
}

QJsonObject toolsEntry(const ToolDefinition& t)
{
    QJsonObject fn {{QStringLiteral("name"), t.name}};
    if (!t.description.isEmpty())
        fn.insert(QStringLiteral("description"), t.description);
    fn.insert(QStringLiteral("parameters"),
        t.parameters.isEmpty() ? QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), QJsonObject {}}}
                               : t.parameters);
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("function")}, {QStringLiteral("function"), fn}};
}

// response_format in the form the model takes. Returns false when JSON mode rules out streaming.
void putResponseFormat(QJsonObject& body, const ChatRequest& r, const ModelInfo& model)
{
    const QString type = r.responseFormat.value(QStringLiteral("type")).toString();
    if (type.isEmpty() || type == QLatin1String("text"))
        return;
    const QJsonObject js = r.responseFormat.value(QStringLiteral("json_schema")).toObject();
    const QJsonObject schema = js.value(QStringLiteral("schema")).toObject();

    if (model.jsonMode == ModelInfo::JsonModeStyle::OpenAi) {
        QJsonObject rf = r.responseFormat;
        if (type == QLatin1String("json_schema") && !js.contains(QStringLiteral("name"))) {
            QJsonObject named = js;
            named.insert(QStringLiteral("name"), QStringLiteral("response"));
            rf.insert(QStringLiteral("json_schema"), named);
        }
        body.insert(QStringLiteral("response_format"), rf);
        return;
    }
    if (model.jsonMode == ModelInfo::JsonModeStyle::None && model.guidedJson) {
        body.insert(QStringLiteral("guided_json"),
            type == QLatin1String("json_schema") && !schema.isEmpty()
                ? schema
                : QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}});
        return;
    }
    // Native models take a bare JSON Schema, not OpenAI's {name, schema, strict} envelope.
    QJsonObject rf {{QStringLiteral("type"), type}};
    if (type == QLatin1String("json_schema"))
        rf.insert(QStringLiteral("json_schema"),
            schema.isEmpty() ? QJsonObject {{QStringLiteral("type"), QStringLiteral("object")}} : schema);
    body.insert(QStringLiteral("response_format"), rf);
}

// The effort scale clients use (OpenAI's, plus GLM's "max"), lowest first.
int effortRank(const QString& effort)
{
    static const QStringList scale {QStringLiteral("minimal"), QStringLiteral("low"), QStringLiteral("medium"),
        QStringLiteral("high"), QStringLiteral("xhigh"), QStringLiteral("max")};
    const qsizetype i = scale.indexOf(effort);
    return i < 0 ? 2 : int(i); // an unknown value reads as the middle
}

// The supported effort nearest to the one asked for (a tie goes to the higher one: at least what
// was asked for).
QString nearestEffort(const QString& wanted, const QStringList& supported)
{
    QString best;
    int bestDistance = INT_MAX;
    for (const QString& e : supported) {
        const int d = qAbs(effortRank(e) - effortRank(wanted));
        if (d < bestDistance || (d == bestDistance && effortRank(e) > effortRank(best))) {
            best = e;
            bestDistance = d;
        }
    }
    return best;
}

void putTemplateSwitch(QJsonObject& body, const char* key, bool on)
{
    QJsonObject kwargs = body.value(QStringLiteral("chat_template_kwargs")).toObject();
    kwargs.insert(QLatin1String(key), on);
    body.insert(QStringLiteral("chat_template_kwargs"), kwargs);
}

// The client's reasoning_effort in the form this model takes (reference §4.8): "none", "minimal"
// and "off" turn thinking off through the model's own switch (Kimi's chat_template_kwargs.thinking,
// GLM 4.7's and Nemotron's enable_thinking, an "off" effort) or, where it thinks only when asked,
// by asking nothing; a model that cannot stop (gpt-oss, kimi-k2.7-code, glm-5.3-flash) never gets
// an off switch, only its lowest effort. Any other value is clamped to the nearest effort the
// model lists, with the model's switch turned on.
void putReasoningEffort(QJsonObject& body, const ChatRequest& r, const ModelInfo& model)
{
    const QString wanted = r.reasoningEffort.trimmed().toLower();
    if (wanted.isEmpty())
        return;
    const bool off
        = wanted == QLatin1String("none") || wanted == QLatin1String("minimal") || wanted == QLatin1String("off");
    const QStringList& efforts = model.reasoningEfforts;
    if (off) {
        if (model.reasoningMandatory) {
            if (!efforts.isEmpty())
                body.insert(QStringLiteral("reasoning_effort"), efforts.constFirst());
            return;
        }
        switch (model.thinkingSwitch) {
        case ModelInfo::ThinkingSwitch::Thinking:
            putTemplateSwitch(body, "thinking", false);
            return;
        case ModelInfo::ThinkingSwitch::EnableThinking:
            putTemplateSwitch(body, "enable_thinking", false);
            return;
        case ModelInfo::ThinkingSwitch::Effort:
            if (!model.offEffort.isEmpty())
                body.insert(QStringLiteral("reasoning_effort"), model.offEffort);
            else if (model.thinksByDefault && !efforts.isEmpty())
                body.insert(QStringLiteral("reasoning_effort"), efforts.constFirst());
            return;
        case ModelInfo::ThinkingSwitch::None:
            return;
        }
        return;
    }
    if (model.thinkingSwitch == ModelInfo::ThinkingSwitch::Thinking)
        putTemplateSwitch(body, "thinking", true);
    else if (model.thinkingSwitch == ModelInfo::ThinkingSwitch::EnableThinking)
        putTemplateSwitch(body, "enable_thinking", true);
    if (!efforts.isEmpty() && model.thinkingSwitch != ModelInfo::ThinkingSwitch::None)
        body.insert(QStringLiteral("reasoning_effort"), nearestEffort(wanted, efforts));
}

// UTF-8 bytes of a text, counted without converting it (branch-free, so the compiler vectorises
// it): 1 for ASCII, 2 below U+0800 and for each half of a surrogate pair, 3 otherwise.
qint64 utf8Length(QStringView text)
{
    qint64 n = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        n += 1 + (u >= 0x80) + ((u >= 0x800) & ((u & 0xF800) != 0xD800));
    }
    return n;
}

// What one image costs a vision model's window, generously (Gemma: 256 tokens, Llama 4: up to
// ~1,500 for its tiles). Never the size of its base64 text, which would crowd out the answer.
constexpr qint64 kImageTokens = 1600;

// A generous estimate of the prompt's tokens, so that max_tokens can be clamped to what the
// context window leaves: UTF-8 bytes / 3 (English runs ~4 characters a token; a Chinese character
// is 3 bytes and about a token), 8 tokens per message for the chat template, the tool calls and
// definitions as the JSON they are sent as, kImageTokens per image. Read from the request, not
// from the JSON body (no serialising on the hot path). Over-estimating costs output room;
// under-estimating costs a 400 from the model.
int promptTokenEstimate(const ChatRequest& r, const ModelInfo& model, bool upperBound)
{
    // upperBound: every UTF-16 unit counted as 3 bytes, which needs no pass over the text (the
    // usual request is far from its window, and this is enough to know it).
    const auto length = [upperBound](QStringView text) { return upperBound ? 3 * text.size() : utf8Length(text); };
    qint64 bytes = 0;
    qint64 images = 0;
    for (const ChatMessage& m : r.messages) {
        bytes += 24 + length(m.name) + length(m.toolCallId); // 24: role, template markers
        if (m.parts.isEmpty()) {
            bytes += length(m.text);
        } else {
            for (const ContentPart& p : m.parts) {
                if (p.kind == ContentPart::Kind::Text)
                    bytes += length(p.text);
                else
                    ++images;
            }
        }
        for (const ToolCall& c : m.toolCalls) // {"id":"…","type":"function","function":{"name":…,"arguments":…}}
            bytes += 64 + length(c.id) + length(c.name) + length(c.arguments);
        if (model.reasoning == ModelInfo::ReasoningStyle::Field)
            bytes += length(m.reasoning);
    }
    for (const ToolDefinition& t : r.tools) {
        bytes += 64 + length(t.name) + length(t.description);
        if (!t.parameters.isEmpty())
            bytes += QJsonDocument(t.parameters).toJson(QJsonDocument::Compact).size();
    }
    return int(qMin<qint64>(INT_MAX, bytes / 3 + 1 + images * kImageTokens));
}

} // namespace

int RequestTranslator::estimatePromptTokens(const ChatRequest& request, const ModelInfo& model)
{
    return promptTokenEstimate(request, model, false);
}

std::optional<RunRequest> RequestTranslator::translate(
    const ChatRequest& r, const ModelInfo& model, const TranslateOptions& options, ApiError* error)
{
    ApiError local;
    ApiError* err = error ? error : &local;
    if (model.isEmbedding()) {
        *err = ApiError::invalidRequest(
            QStringLiteral("The model '%1' is an embedding model; use /v1/embeddings for it.").arg(model.id),
            QStringLiteral("model"), ErrorCode::ModelNotSupported);
        return std::nullopt;
    }

    RunRequest run;
    run.model = model.id;
    run.clientStream = r.stream;

    run.toolIds = ToolCallIdMap::forMessages(r.messages);
    const std::optional<QJsonArray> messages = convertMessages(r, model, run.toolIds, err);
    if (!messages)
        return std::nullopt;
    QJsonObject& body = run.body;
    body.insert(QStringLiteral("messages"), *messages);

    run.requestedMaxTokens = r.maxTokens.value_or(options.defaultMaxTokens);

    putClamped(body, "temperature", r.temperature, model.temperature);
    putClamped(body, "top_p", r.topP, model.topP);
    if (r.topK)
        body.insert(QStringLiteral("top_k"), qRound(model.topK.clamp(*r.topK)));
    putClamped(body, "frequency_penalty", r.frequencyPenalty, model.frequencyPenalty);
    putClamped(body, "presence_penalty", r.presencePenalty, model.presencePenalty);
    putClamped(body, "repetition_penalty", r.repetitionPenalty, model.repetitionPenalty);
    if (r.seed)
        body.insert(QStringLiteral("seed"), static_cast<qint64>(model.seed.clamp(static_cast<double>(*r.seed))));

    if (!r.stop.isEmpty()) {
        run.localStops = r.stop; // applied on our side too: harmless when the model honours them
        if (model.supportsStop)
            body.insert(QStringLiteral("stop"), QJsonArray::fromStringList(r.stop));
    }

    const QString choice = r.toolChoice.isString() ? r.toolChoice.toString() : QString();
    if (!r.tools.isEmpty() && choice != QLatin1String("none")) {
        QJsonArray tools;
        for (const ToolDefinition& t : r.tools)
            tools.append(toolsEntry(t));
        body.insert(QStringLiteral("tools"), tools);
        if (r.toolChoice.isObject()) {
            body.insert(QStringLiteral("tool_choice"), r.toolChoice);
            run.forcedToolChoice = true;
            run.forcedToolName = r.toolChoice.toObject()
                                     .value(QStringLiteral("function"))
                                     .toObject()
                                     .value(QStringLiteral("name"))
                                     .toString();
        } else if (!choice.isEmpty()) {
            body.insert(QStringLiteral("tool_choice"), choice);
            run.forcedToolChoice = choice == QLatin1String("required");
        }
        if (r.parallelToolCalls && model.replyShape == ModelInfo::ReplyShape::OpenAi)
            body.insert(QStringLiteral("parallel_tool_calls"), *r.parallelToolCalls);
    }

    putResponseFormat(body, r, model);
    putReasoningEffort(body, r, model);

    // max_tokens within the model's limits, never a 400 for asking too much (agents send their
    // own defaults, e.g. 32000): at most its output limit, and no more than its context window
    // leaves after the prompt. A prompt that fills the window alone is sent as it is, with a
    // modest max_tokens: the estimate may be high, and the model's own 400 then says it best.
    int maxTokens = run.requestedMaxTokens;
    if (model.maxOutputTokens > 0)
        maxTokens = qMin(maxTokens, model.maxOutputTokens);
    if (model.contextWindow > 0) {
        int room = model.contextWindow - promptTokenEstimate(r, model, true);
        if (room < maxTokens) // perhaps too much: count exactly
            room = model.contextWindow - promptTokenEstimate(r, model, false);
        maxTokens = room > 0 ? qMin(maxTokens, room) : qMin(maxTokens, 256);
    }
    run.maxTokens = qMax(1, maxTokens);
    body.insert(QStringLiteral("max_tokens"), run.maxTokens);

    // JSON mode does not stream on Workers AI, and some models (gpt-oss, Kimi) answer a
    // streaming request with plain JSON: ask for JSON and synthesize the stream ourselves.
    const bool jsonMode
        = body.contains(QStringLiteral("response_format")) || body.contains(QStringLiteral("guided_json"));
    run.upstreamStream = r.stream && model.streams && !jsonMode;
    if (run.upstreamStream)
        body.insert(QStringLiteral("stream"), true);
    return run;
}

} // namespace flarechat
