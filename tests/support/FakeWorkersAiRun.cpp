// Inference: the gates Cloudflare applies before a model runs (model id, deprecations, plan,
// gating, the daily allocation), the input checks, and the default reply of each family.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiInternal.h"
#include "FakeWorkersAiWire.h"

#include <QJsonDocument>

#include <cmath>

namespace flarechat::test {

using namespace wire;
using detail::ModelProfile;

FakeWorkersAi::Script FakeWorkersAi::deprecatedModel(const QString& model) const
{
    switch (m_deprecatedError) {
    case Error::MisspeltModel:
        return error(Error::MisspeltModel);
    case Error::InvalidModelName:
        return error(Error::InvalidModelName, model);
    default:
        return error(m_deprecatedError, model);
    }
}

FakeWorkersAi::Script FakeWorkersAi::handleRun(
    const ReceivedRequest& request, const QString& requested, RunMode mode, Inference* record)
{
    if (request.body.size() > m_maxBodyBytes)
        return error(Error::TooLarge);
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return errorEnvelope(400, 3003, QStringLiteral("Bad request: the body is missing or is not a JSON object"));
    const QJsonObject body = doc.object();
    if (requested.isEmpty())
        return error(Error::BadInput, QStringLiteral("required properties at '/' are 'model'"));
    if (m_familyOverrides.value(requested, familyOf(requested)) == Family::Missing)
        return error(Error::NoSuchModel, requested);

    // Deprecated models are gone after their day, except an alias, served by its target.
    QString model = requested;
    if (const Deprecation* d = detail::deprecationOf(requested); d && today() >= d->date) {
        if (d->aliasOf.isEmpty())
            return deprecatedModel(requested);
        model = d->aliasOf;
        record->servedModel = model;
    }
    const ModelProfile t = profileOf(model);
    if (m_freePlan && catalogFlag(model, QStringLiteral("require_workers_paid"))
        && (!t.paidOnlySince.isValid() || today() >= t.paidOnlySince)) {
        if (m_emptyPaidOnly.value(model) || m_emptyPaidOnly.value(requested)) {
            Script empty = json(403, QByteArray());
            empty.contentType.clear();
            return empty;
        }
        return error(Error::PaidOnly, model);
    }
    if (t.gated && !m_grantedAccess.value(model))
        return error(Error::PrivateModel, model);
    if (allocationSpent())
        return quotaExceeded();

    if (t.family == Family::Decision)
        return handleDecision(body, model, record);
    if ((t.family == Family::Embedding) != (mode == RunMode::Embeddings)) {
        if (t.family == Family::Embedding && mode == RunMode::Native)
            return handleEmbeddings(body, model, mode, t.embeddingDim, record);
        return error(Error::BadInput);
    }
    if (mode == RunMode::Embeddings)
        return handleEmbeddings(body, model, mode, t.embeddingDim, record);
    return generate(request, body, model, t, mode, record);
}

FakeWorkersAi::Script FakeWorkersAi::handleEmbeddings(
    const QJsonObject& body, const QString& model, RunMode mode, int dim, Inference* record)
{
    const QJsonValue input = body.value(mode == RunMode::Native ? QLatin1String("text") : QLatin1String("input"));
    QStringList texts;
    if (input.isString()) {
        texts.append(input.toString());
    } else if (input.isArray() && !input.toArray().isEmpty()) {
        for (const QJsonValue& v : input.toArray()) {
            if (!v.isString())
                return error(Error::BadInput);
            texts.append(v.toString());
        }
    } else {
        return error(Error::BadInput, QStringLiteral("required properties at '/' are 'text'"));
    }
    // Deterministic vectors: the same text always embeds the same way.
    auto vector = [dim](const QString& text) {
        const double seed = double(qHash(text) % 100000);
        QList<QByteArray> values;
        values.reserve(dim);
        for (int i = 0; i < dim; ++i)
            values.append(QByteArray::number(std::round(std::sin(seed * 0.001 + i) * 1e6) / 1e7, 'g', 8));
        return arr(values);
    };
    int tokens = 0;
    for (const QString& t : std::as_const(texts))
        tokens += countTokens(t) + 2;
    ++m_modelRequests;
    record->reachedModel = true;
    record->usage.promptTokens = tokens;
    record->neurons = bill(model, record->usage);
    if (mode == RunMode::Native) {
        QList<QByteArray> data;
        for (const QString& t : std::as_const(texts))
            data.append(vector(t));
        return json(200,
            wire::envelope(
                obj({{"shape", arr({num(texts.size()), num(dim)})}, {"data", arr(data)}, {"pooling", "\"cls\""}})));
    }
    QList<QByteArray> data;
    for (int i = 0; i < texts.size(); ++i)
        data.append(obj({{"object", "\"embedding\""}, {"index", num(i)}, {"embedding", vector(texts.at(i))}}));
    return json(200,
        obj({{"object", "\"list\""}, {"data", arr(data)}, {"model", str(model)},
            {"usage", obj({{"prompt_tokens", num(tokens)}, {"total_tokens", num(tokens)}})}}));
}

FakeWorkersAi::Script FakeWorkersAi::handleDecision(const QJsonObject& body, const QString& model, Inference* record)
{
    // Clef is not a chat model: its schema has neither messages nor prompt (reference §4.7).
    const QJsonObject questions = body.value(QLatin1String("questions")).toObject();
    if (body.contains(QLatin1String("messages")) || body.contains(QLatin1String("prompt")) || questions.isEmpty()
        || questions.size() > 64)
        return error(Error::BadInput);
    // Only the documented outer shape: each answer carries its type (script real answers).
    QList<QByteArray> items;
    for (auto it = questions.begin(); it != questions.end(); ++it) {
        const QString type = it.value().toObject().value(QLatin1String("type")).toString();
        items.append(str(it.key()) + ':' + obj({{"type", str(type)}}));
    }
    const int tokens = countTokens(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    ++m_modelRequests;
    record->reachedModel = true;
    record->usage.promptTokens = tokens;
    record->neurons = bill(model, record->usage);
    return json(200,
        wire::envelope(
            obj({{"model", str(model.section(QLatin1Char('/'), -1))}, {"answers", '{' + items.join(',') + '}'},
                {"usage", obj({{"input_tokens", num(tokens)}, {"output_tokens", "0"}})}})));
}

FakeWorkersAi::Script FakeWorkersAi::generate(const ReceivedRequest& request, const QJsonObject& body,
    const QString& model, const ModelProfile& t, RunMode mode, Inference* record)
{
    const Family family = t.family;
    // Which input form (a JSON Schema oneOf: exactly one must match).
    enum class Form { Prompt, Messages, Input } form = Form::Messages;
    const bool hasMessages = body.contains(QLatin1String("messages"));
    const bool hasPrompt = body.contains(QLatin1String("prompt"));
    const bool hasInput = body.contains(QLatin1String("input"));
    if (mode == RunMode::Responses) {
        if (!t.responsesForm || !hasInput)
            return error(Error::BadInput);
        form = Form::Input;
    } else if (mode == RunMode::ChatCompletions) {
        if (!hasMessages)
            return error(Error::BadInput, QStringLiteral("required properties at '/' are 'messages'"));
    } else {
        const int forms = int(hasMessages) + int(hasPrompt) + int(hasInput && t.responsesForm);
        if (forms != 1)
            return error(Error::BadInput);
        form = hasPrompt ? Form::Prompt : hasMessages ? Form::Messages : Form::Input;
    }
    Script bad;
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    if (form == Form::Messages
        && (!detail::checkMessages(messages, t, mode == RunMode::ChatCompletions, &bad)
            || !detail::checkToolCallIds(messages, &bad)))
        return bad;
    if (form == Form::Prompt && body.value(QLatin1String("prompt")).toString().isEmpty())
        return error(Error::BadInput);
    if (form == Form::Input && !body.value(QLatin1String("input")).isString()
        && !body.value(QLatin1String("input")).isArray())
        return error(Error::BadInput);
    for (const char* key : {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (!v.isUndefined() && (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != std::floor(v.toDouble())))
            return error(Error::BadInput, QStringLiteral("type at '/%1' must be integer >= 1").arg(QLatin1String(key)));
    }
    const QJsonValue toolChoice = body.value(QLatin1String("tool_choice"));
    if (toolChoice.toString() == QLatin1String("any") && t.rejectsAny)
        return error(Error::InvalidInput);
    const QJsonObject responseFormat = body.value(QLatin1String("response_format")).toObject();
    const QString formatType = responseFormat.value(QLatin1String("type")).toString();
    const bool jsonMode = formatType == QLatin1String("json_object") || formatType == QLatin1String("json_schema");
    QJsonObject schema = responseFormat.value(QLatin1String("json_schema")).toObject();
    if (formatType == QLatin1String("json_schema") && t.schemaNeedsName && !schema.contains(QLatin1String("name")))
        return error(
            Error::BadInput, QStringLiteral("required properties at '/response_format/json_schema' are 'name'"));
    if (schema.contains(QLatin1String("schema")) && schema.value(QLatin1String("schema")).isObject())
        schema = schema.value(QLatin1String("schema")).toObject(); // OpenAI's {name, schema, strict} envelope
    detail::ReasoningDecision thinking;
    if (!detail::decideReasoning(body, t.reasoning, form == Form::Input, &thinking, &bad))
        return bad;
    const int promptTokens = promptTokensFor(body);
    if (!detail::checkContextWindow(body, promptTokens, t.contextWindow, &bad))
        return bad;

    // --- the model runs: what it "says" ---
    ++m_modelRequests;
    record->reachedModel = true;
    const QString userText = detail::lastUserText(body);
    QString text = replyTextFor(body);
    QJsonValue jsonValue;
    if (jsonMode) {
        jsonValue = schema.isEmpty() ? QJsonValue(QJsonObject {{QStringLiteral("reply"), text}})
                                     : detail::sampleFor(schema, userText);
        text = QString::fromUtf8(val(jsonValue));
    }
    const QString lastRole = messages.isEmpty() ? QStringLiteral("user")
                                                : messages.last().toObject().value(QLatin1String("role")).toString();
    const QJsonArray tools = body.value(QLatin1String("tools")).toArray();
    QList<ToolCall> calls;
    if (!tools.isEmpty() && lastRole == QLatin1String("user") && toolChoice.toString() != QLatin1String("none")
        && !jsonMode && form != Form::Prompt) {
        QJsonValue tool = tools.first();
        const QString forced
            = toolChoice.toObject().value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
        for (const QJsonValue& candidate : tools) {
            if (!forced.isEmpty() && detail::toolName(candidate) == forced)
                tool = candidate;
        }
        const QJsonObject arguments = detail::sampleFor(detail::toolParameters(tool), userText).toObject();
        // Native calls have no id; the vLLM-era models invent chatcmpl-tool-<random> ids that
        // their own id check then refuses when a client sends them back unchanged (reference §11).
        const bool legacyShape = (family == Family::Legacy || family == Family::DeepSeekR1) && mode == RunMode::Native;
        calls.append(
            ToolCall {legacyShape ? QString() : QStringLiteral("chatcmpl-tool-") + QString::fromLatin1(hex(32)),
                detail::toolName(tool), arguments});
    }

    const bool fieldReasoning = thinking.on && (family == Family::NoStream || family == Family::Vllm);
    const bool thinkText = thinking.on && family == Family::DeepSeekR1;
    const QString reasoningText
        = QStringLiteral("The user wrote %1 words, so I will echo them back.").arg(detail::wordCount(userText));
    QStringList reasoning = fieldReasoning ? splitTokens(reasoningText) : QStringList();
    QStringList content = calls.isEmpty() ? (jsonMode ? QStringList {text} : splitTokens(text)) : QStringList();
    if (thinkText) // DeepSeek-R1 on Workers AI: the opening <think> is missing (reference §4)
        content = splitTokens(reasoningText)
            + QStringList {QStringLiteral("\n"), QStringLiteral("</think>"), QStringLiteral("\n\n")} + content;

    int cap = detail::requestedCompletionTokens(body);
    if (cap < 0)
        cap = t.defaultMaxTokens;
    bool truncated = false;
    if (reasoning.size() >= cap) {
        truncated = reasoning.size() > cap || !content.isEmpty() || !calls.isEmpty();
        reasoning = reasoning.mid(0, cap);
        content.clear();
        if (truncated)
            calls.clear();
    } else if (!jsonMode && reasoning.size() + content.size() > cap) {
        content = content.mid(0, cap - reasoning.size());
        truncated = true;
    }
    const QString finish = truncated ? QStringLiteral("length")
                                     : (calls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls"));

    // Usage, the prompt prefix cache of x-session-affinity, and the bill.
    Usage usage;
    usage.promptTokens = promptTokens;
    usage.completionTokens = int(reasoning.size() + content.size()) + int(calls.size()) * 12;
    const QByteArray affinity = request.header("x-session-affinity");
    QList<QByteArray> rawMessages;
    QList<int> messageTokens;
    if (t.vllmEra && form == Form::Messages && !affinity.isEmpty()) {
        rawMessages = detail::rawArrayItems(request.body, "messages");
        if (rawMessages.size() != messages.size()) { // not scannable: compare re-serialized messages
            rawMessages.clear();
            for (const QJsonValue& m : messages)
                rawMessages.append(val(m));
        }
        for (const QJsonValue& m : messages)
            messageTokens.append(detail::messageTokens(m.toObject()));
        usage.cachedTokens = qMin(promptTokens, cachedPrefixTokens(affinity, model, rawMessages, messageTokens));
        rememberPrefix(affinity, model, rawMessages, messageTokens);
    }
    if (t.vllmEra)
        usage.reasoningTokens = int(reasoning.size());
    const double neurons = bill(model, usage);
    if (family == Family::Vllm)
        usage.neurons = std::round(neurons * 100.0) / 100.0;
    record->usage = usage;
    record->neurons = neurons;
    record->reasoned = fieldReasoning || thinkText;
    record->reasoningEffort = thinking.effort;

    const QString contentText = content.join(QString());
    const QString reasoningJoined = reasoning.join(QString());
    const bool stream = body.value(QLatin1String("stream")).toBool();
    const ReasoningField field = t.reasoning.field;
    Script s;
    bool streamed = false;
    if (mode == RunMode::ChatCompletions) {
        if (stream) {
            const bool includeUsage
                = body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();
            s = openAiStream(model, content, reasoning, calls, usage, finish,
                includeUsage ? UsageTail::OpenAi : UsageTail::None, family == Family::Vllm, true, field);
            streamed = true;
        } else {
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, false, field);
        }
    } else if (form == Form::Input) {
        // The Responses API is non-streaming only (reference §3): JSON even for stream:true.
        s = responsesJson(model, contentText, reasoningJoined, calls, usage, mode == RunMode::Native);
    } else if (family == Family::Legacy || family == Family::DeepSeekR1
        || (family == Family::NoStream && form == Form::Prompt)) {
        if (jsonMode) {
            // JSON mode does not stream (reference §1): the JSON reply answers stream:true too.
            s = legacyJsonValue(jsonValue, usage);
        } else if (stream && family != Family::NoStream) {
            s = legacyStream(content, usage, true, false, true, calls);
            streamed = true;
        } else {
            s = legacyJson(contentText, usage, calls);
        }
    } else if (family == Family::NoStream) {
        if (stream && m_noStreamEmpty)
            s = json(200, wire::envelope("{}"));
        else
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, true, field);
    } else { // Vllm
        if (stream && !jsonMode) {
            s = openAiStream(model, content, reasoning, calls, usage, finish, UsageTail::Cloudflare, true, true, field);
            streamed = true;
        } else {
            s = openAiJson(model, contentText, reasoningJoined, calls, usage, finish, true, field);
        }
    }
    if (streamed) {
        s.firstByteDelayMs = m_firstByteDelayMs;
        s.chunkDelayMs = m_tokenDelayMs;
    } else {
        s.firstByteDelayMs = m_firstByteDelayMs + m_tokenDelayMs * usage.completionTokens;
    }
    return s;
}

} // namespace flarechat::test
