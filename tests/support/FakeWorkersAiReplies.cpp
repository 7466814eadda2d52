// Reply builders of FakeWorkersAi: reference-exact bytes for every reply shape of
// shared/reference/cloudflare-api.md, usable as scripts and used by the default replies.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiWire.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace flarechat::test {

namespace wire {

QByteArray val(const QJsonValue& v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    if (v.isUndefined())
        return QByteArrayLiteral("null");
    // Scalars: serialize inside a one-element array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray str(const QString& s)
{
    return val(QJsonValue(s));
}

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray obj(const QList<Field>& fields)
{
    QByteArray out("{");
    bool first = true;
    for (const Field& f : fields) {
        if (!first)
            out += ',';
        first = false;
        out += '"';
        out += f.first;
        out += "\":";
        out += f.second;
    }
    out += '}';
    return out;
}

QByteArray obj(std::initializer_list<Field> fields)
{
    return obj(QList<Field>(fields));
}

QByteArray arr(const QList<QByteArray>& items)
{
    return '[' + items.join(',') + ']';
}

QByteArray envelope(const QByteArray& resultJson)
{
    return obj({{"result", resultJson}, {"success", "true"}, {"errors", "[]"}, {"messages", "[]"}});
}

QByteArray sseEvent(const QByteArray& data, bool crlf)
{
    return "data: " + data + (crlf ? "\r\n\r\n" : "\n\n");
}

QByteArray padding()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    auto* rng = QRandomGenerator::global();
    const int length = rng->bounded(4, 48);
    QByteArray out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out += alphabet[rng->bounded(int(sizeof(alphabet) - 1))];
    return out;
}

QByteArray hex(int length)
{
    static const char digits[] = "0123456789abcdef";
    auto* rng = QRandomGenerator::global();
    QByteArray out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out += digits[rng->bounded(16)];
    return out;
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace wire

using namespace wire;

namespace {

QByteArray compactArguments(const QJsonObject& arguments)
{
    return QJsonDocument(arguments).toJson(QJsonDocument::Compact);
}

QByteArray legacyToolCall(const FakeWorkersAi::ToolCall& call)
{
    return obj({{"name", str(call.name)}, {"arguments", val(call.arguments)}});
}

QString openAiToolCallId(const FakeWorkersAi::ToolCall& call)
{
    return call.id.isEmpty() ? QStringLiteral("chatcmpl-tool-") + QString::fromLatin1(hex(32)) : call.id;
}

QByteArray openAiToolCall(const FakeWorkersAi::ToolCall& call)
{
    return obj({{"id", str(openAiToolCallId(call))}, {"type", str(QStringLiteral("function"))},
        {"function",
            obj({{"name", str(call.name)}, {"arguments", str(QString::fromUtf8(compactArguments(call.arguments)))}})}});
}

QByteArray openAiUsage(const FakeWorkersAi::Usage& usage)
{
    QList<Field> fields {{"prompt_tokens", num(usage.promptTokens)}, {"completion_tokens", num(usage.completionTokens)},
        {"total_tokens", num(usage.total())},
        {"prompt_tokens_details", obj({{"cached_tokens", num(usage.cachedTokens)}})}};
    if (usage.reasoningTokens >= 0)
        fields.append(Field {"completion_tokens_details", obj({{"reasoning_tokens", num(usage.reasoningTokens)}})});
    return obj(fields);
}

// The usage of a stream's tail: the legacy three counts, plus the details vLLM adds when known.
QList<Field> streamUsageFields(const FakeWorkersAi::Usage& usage)
{
    QList<Field> fields {{"prompt_tokens", num(usage.promptTokens)}, {"completion_tokens", num(usage.completionTokens)},
        {"total_tokens", num(usage.total())}};
    if (usage.cachedTokens > 0)
        fields.append(Field {"prompt_tokens_details", obj({{"cached_tokens", num(usage.cachedTokens)}})});
    if (usage.reasoningTokens >= 0)
        fields.append(Field {"completion_tokens_details", obj({{"reasoning_tokens", num(usage.reasoningTokens)}})});
    return fields;
}

const char* reasoningKey(FakeWorkersAi::ReasoningField field)
{
    return field == FakeWorkersAi::ReasoningField::Reasoning ? "reasoning" : "reasoning_content";
}

FakeWorkersAi::Script jsonScript(int status, const QByteArray& body)
{
    FakeWorkersAi::Script s;
    s.status = status;
    s.contentType = "application/json";
    s.chunks = {body};
    s.useChunkedEncoding = false;
    return s;
}

FakeWorkersAi::Script sseScript(const QList<QByteArray>& events)
{
    FakeWorkersAi::Script s;
    s.contentType = "text/event-stream";
    s.chunks = events;
    s.useChunkedEncoding = true;
    return s;
}

FakeWorkersAi::Script htmlError(int status, const QByteArray& title)
{
    // What Cloudflare's edge serves when the origin fails: an nginx-style HTML page.
    FakeWorkersAi::Script s;
    s.status = status;
    s.contentType = "text/html";
    s.useChunkedEncoding = false;
    s.chunks = {"<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"};
    return s;
}

} // namespace

QByteArray FakeWorkersAi::legacyUsageJson(const Usage& usage)
{
    return obj({{"prompt_tokens", num(usage.promptTokens)}, {"completion_tokens", num(usage.completionTokens)},
        {"total_tokens", num(usage.total())}});
}

FakeWorkersAi::Script FakeWorkersAi::json(int status, const QByteArray& body)
{
    return jsonScript(status, body);
}

FakeWorkersAi::Script FakeWorkersAi::envelope(const QJsonValue& result)
{
    return jsonScript(200, wire::envelope(val(result)));
}

FakeWorkersAi::Script FakeWorkersAi::legacyJson(
    const QString& text, const Usage& usage, const QList<ToolCall>& toolCalls)
{
    QList<QByteArray> calls;
    for (const ToolCall& c : toolCalls)
        calls.append(legacyToolCall(c));
    return jsonScript(200,
        wire::envelope(obj({{"response", str(text)}, {"tool_calls", arr(calls)}, {"usage", legacyUsageJson(usage)}})));
}

FakeWorkersAi::Script FakeWorkersAi::legacyJsonValue(const QJsonValue& response, const Usage& usage)
{
    return jsonScript(200,
        wire::envelope(obj({{"response", val(response)}, {"tool_calls", "[]"}, {"usage", legacyUsageJson(usage)}})));
}

FakeWorkersAi::Script FakeWorkersAi::legacyStream(const QStringList& tokens, const Usage& usage, bool withDone,
    bool crlf, bool padding, const QList<ToolCall>& toolCalls)
{
    QList<QByteArray> events;
    for (const QString& token : tokens) {
        if (padding)
            events.append(
                sseEvent(obj({{"response", str(token)}, {"p", str(QString::fromLatin1(wire::padding()))}}), crlf));
        else
            events.append(sseEvent(obj({{"response", str(token)}}), crlf));
    }
    if (!toolCalls.isEmpty()) {
        // Native models put whole calls at the top level of one chunk (reference §2, [P:streaming.ts]).
        QList<QByteArray> calls;
        for (const ToolCall& c : toolCalls)
            calls.append(legacyToolCall(c));
        QList<Field> fields {{"response", str(QString())}, {"tool_calls", arr(calls)}};
        if (padding)
            fields.append(Field {"p", str(QString::fromLatin1(wire::padding()))});
        events.append(sseEvent(obj(fields), crlf));
    }
    events.append(sseEvent(obj({{"response", str(QString())}, {"usage", legacyUsageJson(usage)}}), crlf));
    if (withDone)
        events.append(sseEvent("[DONE]", crlf));
    return sseScript(events);
}

FakeWorkersAi::Script FakeWorkersAi::openAiJson(const QString& model, const QString& content, const QString& reasoning,
    const QList<ToolCall>& toolCalls, const Usage& usage, const QString& finishReason, bool inEnvelope,
    ReasoningField reasoningField)
{
    QList<QByteArray> calls;
    for (const ToolCall& c : toolCalls)
        calls.append(openAiToolCall(c));
    const QString finish = !finishReason.isEmpty()
        ? finishReason
        : (toolCalls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls"));
    // vLLM writes content null when the turn is only tool calls, and its reasoning field null
    // when the model did not reason.
    const QByteArray contentJson = content.isEmpty() && !toolCalls.isEmpty() ? QByteArray("null") : str(content);
    const QByteArray message = obj({{"role", str(QStringLiteral("assistant"))}, {"content", contentJson},
        {reasoningKey(reasoningField), reasoning.isEmpty() ? QByteArray("null") : str(reasoning)},
        {"tool_calls", arr(calls)}});
    const QByteArray completion = obj({{"id", str(QStringLiteral("chatcmpl-") + QString::fromLatin1(hex(32)))},
        {"object", str(QStringLiteral("chat.completion"))}, {"created", num(wire::now())}, {"model", str(model)},
        {"choices",
            arr({obj({{"index", "0"}, {"message", message}, {"logprobs", "null"}, {"finish_reason", str(finish)}})})},
        {"usage", openAiUsage(usage)}});
    return jsonScript(200, inEnvelope ? wire::envelope(completion) : completion);
}

FakeWorkersAi::Script FakeWorkersAi::openAiStream(const QString& model, const QStringList& contentTokens,
    const QStringList& reasoningTokens, const QList<ToolCall>& toolCalls, const Usage& usage,
    const QString& finishReason, UsageTail usageTail, bool finalizationChunk, bool withDone,
    ReasoningField reasoningField)
{
    const QByteArray id = str(QStringLiteral("chatcmpl-") + QString::fromLatin1(hex(32)));
    const QByteArray created = num(wire::now());
    const QByteArray modelJson = str(model);
    auto chunk = [&](const QByteArray& delta, const QByteArray& finish) {
        return sseEvent(
            obj({{"id", id}, {"object", "\"chat.completion.chunk\""}, {"created", created}, {"model", modelJson},
                {"choices",
                    arr({obj({{"index", "0"}, {"delta", delta}, {"logprobs", "null"}, {"finish_reason", finish}})})}}),
            false);
    };
    QList<QByteArray> events;
    bool roleSent = false;
    // The first delta carries the role, as vLLM does.
    auto delta = [&](const char* key, const QByteArray& value) {
        QList<Field> fields;
        if (!roleSent)
            fields.append(Field {"role", "\"assistant\""});
        roleSent = true;
        fields.append(Field {key, value});
        return obj(fields);
    };
    for (const QString& t : reasoningTokens)
        events.append(chunk(delta(reasoningKey(reasoningField), str(t)), "null"));
    for (const QString& t : contentTokens)
        events.append(chunk(delta("content", str(t)), "null"));
    for (int i = 0; i < toolCalls.size(); ++i) {
        const ToolCall& c = toolCalls.at(i);
        const QByteArray index = num(i);
        events.append(chunk(delta("tool_calls",
                                arr({obj({{"index", index}, {"id", str(openAiToolCallId(c))}, {"type", "\"function\""},
                                    {"function", obj({{"name", str(c.name)}, {"arguments", "\"\""}})}})})),
            "null"));
        // Arguments arrive in fragments that need not end on a JSON token boundary.
        const QString args = QString::fromUtf8(compactArguments(c.arguments));
        for (int pos = 0; pos < args.size(); pos += 7) {
            events.append(
                chunk(obj({{"tool_calls",
                          arr({obj({{"index", index}, {"function", obj({{"arguments", str(args.mid(pos, 7))}})}})})}}),
                    "null"));
        }
    }
    if (!toolCalls.isEmpty() && finalizationChunk) {
        events.append(chunk(obj({{"tool_calls",
                                arr({obj({{"index", num(toolCalls.size() - 1)}, {"id", "null"}, {"type", "null"},
                                    {"function", obj({{"name", "null"}, {"arguments", "null"}})}})})}}),
            "null"));
    }
    if (!roleSent)
        events.append(chunk(delta("content", "\"\""), "null"));
    const QString finish = !finishReason.isEmpty()
        ? finishReason
        : (toolCalls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls"));
    events.append(chunk("{}", str(finish)));
    auto usageChunk = [&](const QByteArray& u) {
        return sseEvent(obj({{"id", id}, {"object", "\"chat.completion.chunk\""}, {"created", created},
                            {"model", modelJson}, {"choices", "[]"}, {"usage", u}}),
            false);
    };
    if (usageTail == UsageTail::OpenAi) {
        events.append(usageChunk(obj(streamUsageFields(usage))));
    } else if (usageTail == UsageTail::Cloudflare) {
        events.append(usageChunk(legacyUsageJson(Usage {})));
        QList<Field> real = streamUsageFields(usage);
        if (usage.neurons >= 0)
            real.append(Field {"neurons", val(QJsonValue(usage.neurons))});
        events.append(sseEvent(obj({{"response", "\"\""}, {"usage", obj(real)}}), false));
    }
    if (withDone)
        events.append(sseEvent("[DONE]", false));
    return sseScript(events);
}

FakeWorkersAi::Script FakeWorkersAi::responsesJson(const QString& model, const QString& text, const QString& reasoning,
    const QList<ToolCall>& toolCalls, const Usage& usage, bool inEnvelope)
{
    QList<QByteArray> output;
    if (!reasoning.isEmpty()) {
        output.append(obj({{"id", str(QStringLiteral("rs_") + QString::fromLatin1(hex(32)))}, {"type", "\"reasoning\""},
            {"content", arr({obj({{"type", "\"reasoning_text\""}, {"text", str(reasoning)}})})}}));
    }
    for (const ToolCall& c : toolCalls) {
        output.append(
            obj({{"type", "\"function_call\""}, {"id", str(QStringLiteral("fc_") + QString::fromLatin1(hex(32)))},
                {"call_id", str(c.id.isEmpty() ? QStringLiteral("call_") + QString::fromLatin1(hex(24)) : c.id)},
                {"name", str(c.name)}, {"arguments", str(QString::fromUtf8(compactArguments(c.arguments)))},
                {"status", "\"completed\""}}));
    }
    if (toolCalls.isEmpty() || !text.isEmpty()) {
        output.append(obj({{"id", str(QStringLiteral("msg_") + QString::fromLatin1(hex(32)))}, {"type", "\"message\""},
            {"role", "\"assistant\""}, {"status", "\"completed\""},
            {"content", arr({obj({{"type", "\"output_text\""}, {"text", str(text)}})})}}));
    }
    const QByteArray response = obj({{"id", str(QStringLiteral("resp_") + QString::fromLatin1(hex(32)))},
        {"object", "\"response\""}, {"created_at", num(wire::now())}, {"model", str(model)}, {"output", arr(output)},
        {"usage",
            obj({{"input_tokens", num(usage.promptTokens)}, {"output_tokens", num(usage.completionTokens)},
                {"total_tokens", num(usage.total())}})},
        {"status", "\"completed\""}});
    return jsonScript(200, inEnvelope ? wire::envelope(response) : response);
}

FakeWorkersAi::Script FakeWorkersAi::errorEnvelope(
    int httpStatus, int code, const QString& message, int retryAfterSeconds)
{
    Script s = jsonScript(httpStatus,
        obj({{"result", "null"}, {"success", "false"},
            {"errors", arr({obj({{"code", num(code)}, {"message", str(message)}})})}, {"messages", "[]"}}));
    if (retryAfterSeconds >= 0)
        s.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
    return s;
}

FakeWorkersAi::Script FakeWorkersAi::error(Error kind, const QString& detail, int retryAfterSeconds)
{
    // The exact text of reference §6.
    const QString quota = QStringLiteral("You have used up your daily free allocation of 10,000 neurons. Please "
                                         "upgrade to Cloudflare's Workers Paid plan if you would like to continue "
                                         "usage.");
    switch (kind) {
    case Error::Authentication:
        return errorEnvelope(401, 10000, QStringLiteral("Authentication error"), retryAfterSeconds);
    case Error::PaidOnly:
        return errorEnvelope(403, 5035, QStringLiteral("This model requires a Workers Paid plan"), retryAfterSeconds);
    case Error::AgreementNeeded:
        return errorEnvelope(
            403, 5016, QStringLiteral("User has not agreed to the model's terms of use."), retryAfterSeconds);
    case Error::AccountBlocked:
        return errorEnvelope(403, 3023, QStringLiteral("Account blocked"), retryAfterSeconds);
    case Error::NoSuchModel:
        return errorEnvelope(400, 5007, QStringLiteral("No such model %1 or task").arg(detail), retryAfterSeconds);
    case Error::InvalidModelName:
        return errorEnvelope(
            404, 3042, QStringLiteral("Invalid model name %1").arg(detail).trimmed(), retryAfterSeconds);
    case Error::MisspeltModel:
        return errorEnvelope(400, 7000, QStringLiteral("No route for that URI"), retryAfterSeconds);
    case Error::BadRoute:
        return errorEnvelope(404, 7003,
            QStringLiteral("Could not route to %1, perhaps your object identifier is invalid?").arg(detail),
            retryAfterSeconds);
    case Error::TooLarge:
        return errorEnvelope(413, 3006, QStringLiteral("Request is too large"), retryAfterSeconds);
    case Error::Timeout:
        return errorEnvelope(408, 3007, QStringLiteral("Request timeout"), retryAfterSeconds);
    case Error::Aborted:
        return errorEnvelope(408, 3008, QStringLiteral("Request aborted"), retryAfterSeconds);
    case Error::Capacity:
        return errorEnvelope(429, 3040, QStringLiteral("Capacity temporarily exceeded, please try again."),
            retryAfterSeconds < 0 ? 1 : retryAfterSeconds);
    case Error::DailyQuota:
        return errorEnvelope(429, 3036, quota, retryAfterSeconds);
    case Error::DailyQuota4006:
        return errorEnvelope(429, 4006, quota, retryAfterSeconds);
    case Error::InvalidInput:
        return errorEnvelope(400, 8001, QStringLiteral("Invalid input"), retryAfterSeconds);
    case Error::BadToolCallId:
        return errorEnvelope(
            400, 8001, QStringLiteral("Tool call IDs should be alphanumeric strings with length 9"), retryAfterSeconds);
    case Error::UnpairedToolCallId:
        return errorEnvelope(400, 8001,
            QStringLiteral("Tool call ID %1 does not match the id of any earlier tool call").arg(detail).simplified(),
            retryAfterSeconds);
    case Error::ContextLength:
        return errorEnvelope(400, 8001,
            detail.isEmpty() ? QStringLiteral("This model's maximum context length is exceeded.") : detail,
            retryAfterSeconds);
    case Error::PrivateModel:
        return errorEnvelope(
            403, 5018, QStringLiteral("This account is not allowed to access this model"), retryAfterSeconds);
    case Error::BadInput:
        return errorEnvelope(400, 5006,
            QStringLiteral("AiError: Bad input: Error: %1")
                .arg(detail.isEmpty() ? QStringLiteral("oneOf at '/' not met") : detail),
            retryAfterSeconds);
    case Error::JsonModeFailed:
        return errorEnvelope(400, 5006, QStringLiteral("JSON Mode couldn't be met"), retryAfterSeconds);
    case Error::Internal:
        return errorEnvelope(500, 3043, QStringLiteral("Internal server error"), retryAfterSeconds);
    case Error::BadGateway: {
        Script s = htmlError(502, "502 Bad Gateway");
        if (retryAfterSeconds >= 0)
            s.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
        return s;
    }
    case Error::Unavailable: {
        Script s = htmlError(503, "503 Service Temporarily Unavailable");
        s.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds < 0 ? 1 : retryAfterSeconds)));
        return s;
    }
    case Error::GatewayTimeout: {
        Script s = htmlError(504, "504 Gateway Time-out");
        if (retryAfterSeconds >= 0)
            s.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSeconds)));
        return s;
    }
    }
    return errorEnvelope(500, 3043, QStringLiteral("Internal server error"), retryAfterSeconds);
}

FakeWorkersAi::Script FakeWorkersAi::sse(const QList<QByteArray>& dataPayloads, bool withDone, bool crlf)
{
    QList<QByteArray> events;
    for (const QByteArray& d : dataPayloads)
        events.append(sseEvent(d, crlf));
    if (withDone)
        events.append(sseEvent("[DONE]", crlf));
    return sseScript(events);
}

FakeWorkersAi::Script FakeWorkersAi::malformedEventStream()
{
    return sseScript({sseEvent(obj({{"response", "\"Hello\""}, {"p", str(QString::fromLatin1(padding()))}}), false),
        sseEvent("{not json", false),
        sseEvent(obj({{"response", "\" world\""}, {"p", str(QString::fromLatin1(padding()))}}), false),
        sseEvent(obj({{"response", "\"\""}, {"usage", legacyUsageJson(Usage {3, 2})}}), false),
        sseEvent("[DONE]", false)});
}

FakeWorkersAi::Script FakeWorkersAi::cutStream(const QStringList& tokens, bool asNetworkError)
{
    Script s = legacyStream(tokens, Usage {}, false);
    s.chunks.removeLast(); // the usage event: generation stopped before it
    s.closeAfterChunks = true;
    if (asNetworkError) {
        s.useChunkedEncoding = false;
        s.headers.append(qMakePair(QByteArray("Content-Length"), QByteArray::number(s.body().size() + 1024)));
    }
    return s;
}

FakeWorkersAi::Script FakeWorkersAi::paddingOnlyStream(const QStringList& tokens)
{
    QList<QByteArray> events;
    for (const QString& t : tokens) {
        events.append(sseEvent(obj({{"p", str(QString::fromLatin1(padding()))}}), false));
        events.append(sseEvent(obj({{"response", str(t)}, {"p", str(QString::fromLatin1(padding()))}}), false));
    }
    events.append(sseEvent(obj({{"p", str(QString::fromLatin1(padding()))}}), false));
    events.append(
        sseEvent(obj({{"response", "\"\""}, {"usage", legacyUsageJson(Usage {1, int(tokens.size())})}}), false));
    events.append(sseEvent("[DONE]", false));
    return sseScript(events);
}

FakeWorkersAi::Script FakeWorkersAi::numericResponseStream()
{
    return sseScript(
        {sseEvent(obj({{"response", "\"The answer is \""}, {"p", str(QString::fromLatin1(padding()))}}), false),
            sseEvent(obj({{"response", "42"}, {"p", str(QString::fromLatin1(padding()))}}), false),
            sseEvent(obj({{"response", "\"\""}, {"usage", legacyUsageJson(Usage {5, 2})}}), false),
            sseEvent("[DONE]", false)});
}

FakeWorkersAi::Script FakeWorkersAi::hangingReply()
{
    Script s;
    s.hang = true;
    return s;
}

FakeWorkersAi::Script FakeWorkersAi::splitEvery(Script script, int bytes)
{
    const QByteArray body = script.body();
    script.chunks.clear();
    const int step = qMax(1, bytes);
    for (qsizetype pos = 0; pos < body.size(); pos += step)
        script.chunks.append(body.mid(pos, step));
    return script;
}

FakeWorkersAi::Script FakeWorkersAi::splitAt(Script script, const QList<int>& offsets)
{
    const QByteArray body = script.body();
    script.chunks.clear();
    qsizetype from = 0;
    for (int offset : offsets) {
        if (offset <= from || offset >= body.size())
            continue;
        script.chunks.append(body.mid(from, offset - from));
        from = offset;
    }
    script.chunks.append(body.mid(from));
    return script;
}

FakeWorkersAi::Script FakeWorkersAi::withDelays(Script script, int firstByteDelayMs, int chunkDelayMs)
{
    script.firstByteDelayMs = firstByteDelayMs;
    script.chunkDelayMs = chunkDelayMs;
    return script;
}

} // namespace flarechat::test
