#include "ChatRequestReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace flarechat {

namespace {

const QStringList& knownRoles()
{
    static const QStringList roles {QStringLiteral("system"), QStringLiteral("developer"), QStringLiteral("user"),
        QStringLiteral("assistant"), QStringLiteral("tool")};
    return roles;
}

// OpenAI's rule for function names, and for response_format.json_schema.name.
bool isValidFunctionName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
    return re.match(name).hasMatch();
}

} // namespace

std::optional<ChatRequest> ChatRequestReader::read(const QJsonObject& body, ApiError* error)
{
    ChatRequest r;
    ChatRequestReader reader(error);
    if (!reader.parseRequest(body, &r))
        return std::nullopt;
    return r;
}

bool ChatRequestReader::parseRequest(const QJsonObject& body, ChatRequest* r)
{
    const QJsonValue model = body.value(QStringLiteral("model"));
    if (isAbsent(model))
        return fail(QStringLiteral("model"),
            QStringLiteral("required; name the model to use, e.g. \"@cf/meta/llama-3.1-8b-instruct\""));
    if (!model.isString())
        return failType(QStringLiteral("model"), QStringLiteral("a string"), model);
    if (model.toString().trimmed().isEmpty())
        return fail(QStringLiteral("model"), QStringLiteral("must not be empty"));
    r->model = model.toString();

    const QJsonValue messages = body.value(QStringLiteral("messages"));
    if (isAbsent(messages))
        return fail(
            QStringLiteral("messages"), QStringLiteral("required; send an array of {\"role\", \"content\"} objects"));
    if (!messages.isArray())
        return failType(QStringLiteral("messages"), QStringLiteral("an array of message objects"), messages);
    const QJsonArray list = messages.toArray();
    if (list.isEmpty())
        return fail(QStringLiteral("messages"), QStringLiteral("must contain at least one message"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        ChatMessage m;
        if (!parseMessage(list.at(i), QStringLiteral("messages[%1]").arg(i), &m))
            return false;
        r->messages.append(m);
    }

    std::optional<bool> stream;
    if (!optBool(body.value(QStringLiteral("stream")), QStringLiteral("stream"), &stream))
        return false;
    r->stream = stream.value_or(false);
    const QJsonValue streamOptions = body.value(QStringLiteral("stream_options"));
    if (!isAbsent(streamOptions)) {
        if (!streamOptions.isObject())
            return failType(QStringLiteral("stream_options"), QStringLiteral("an object"), streamOptions);
        std::optional<bool> includeUsage;
        if (!optBool(streamOptions.toObject().value(QStringLiteral("include_usage")),
                QStringLiteral("stream_options.include_usage"), &includeUsage))
            return false;
        // Usage chunks only exist in a stream; without stream:true the option has nothing to do.
        r->includeUsage = r->stream && includeUsage.value_or(false);
    }

    return parseSampling(body, r) && parseStop(body.value(QStringLiteral("stop")), r)
        && parseResponseFormat(body.value(QStringLiteral("response_format")), r)
        && parseTools(body.value(QStringLiteral("tools")), r)
        && parseToolChoice(body.value(QStringLiteral("tool_choice")), r)
        && optBool(body.value(QStringLiteral("parallel_tool_calls")), QStringLiteral("parallel_tool_calls"),
            &r->parallelToolCalls)
        && optString(body.value(QStringLiteral("user")), QStringLiteral("user"), &r->user) && parseUnsupported(body);
}

bool ChatRequestReader::parseMessage(const QJsonValue& v, const QString& path, ChatMessage* m)
{
    if (!v.isObject())
        return failType(path, QStringLiteral("a message object with \"role\" and \"content\""), v);
    const QJsonObject o = v.toObject();

    const QString rolePath = path + QStringLiteral(".role");
    const QJsonValue role = o.value(QStringLiteral("role"));
    if (isAbsent(role))
        return fail(rolePath, QStringLiteral("required; one of system, developer, user, assistant, tool"));
    if (!role.isString())
        return failType(rolePath, QStringLiteral("a string"), role);
    m->role = role.toString();
    if (m->role == QLatin1String("function")) {
        return fail(rolePath,
            QStringLiteral("the legacy \"function\" role is not supported; send the result as a \"tool\" "
                           "message with a tool_call_id"));
    }
    if (!knownRoles().contains(m->role)) {
        return fail(rolePath,
            QStringLiteral("unknown role \"%1\"; expected one of system, developer, user, assistant, tool")
                .arg(m->role));
    }
    const bool isAssistant = m->role == QLatin1String("assistant");

    if (!parseContent(o.value(QStringLiteral("content")), path + QStringLiteral(".content"), m))
        return false;
    if (!optString(o.value(QStringLiteral("name")), path + QStringLiteral(".name"), &m->name))
        return false;

    if (isAssistant) {
        const QString callsPath = path + QStringLiteral(".tool_calls");
        const QJsonValue calls = o.value(QStringLiteral("tool_calls"));
        if (!isAbsent(calls)) {
            if (!calls.isArray())
                return failType(callsPath, QStringLiteral("an array of tool calls"), calls);
            const QJsonArray arr = calls.toArray();
            for (qsizetype i = 0; i < arr.size(); ++i) {
                ToolCall call;
                if (!parseToolCall(arr.at(i), callsPath + QStringLiteral("[%1]").arg(i), &call))
                    return false;
                m->toolCalls.append(call);
            }
        }
        // DeepSeek-style clients send the model's reasoning back as reasoning_content; OpenRouter-style
        // ones call it reasoning. Either way it is a string, and reasoning_content wins when both come.
        QString reasoning;
        if (!optString(o.value(QStringLiteral("reasoning")), path + QStringLiteral(".reasoning"), &reasoning))
            return false;
        if (!optString(
                o.value(QStringLiteral("reasoning_content")), path + QStringLiteral(".reasoning_content"), &reasoning))
            return false;
        m->reasoning = reasoning;
    }

    if (m->role == QLatin1String("tool")) {
        const QString idPath = path + QStringLiteral(".tool_call_id");
        const QJsonValue id = o.value(QStringLiteral("tool_call_id"));
        if (isAbsent(id)) {
            return fail(idPath,
                QStringLiteral("required for tool messages; set it to the id of the assistant "
                               "tool call this message answers"));
        }
        if (!id.isString())
            return failType(idPath, QStringLiteral("a string"), id);
        m->toolCallId = id.toString();
    }
    return true;
}

bool ChatRequestReader::parseContent(const QJsonValue& v, const QString& path, ChatMessage* m)
{
    if (isAbsent(v)) {
        // An assistant turn may be nothing but tool calls (or, from some clients, nothing at all);
        // every other role has to say something.
        if (m->role == QLatin1String("assistant")) {
            m->contentKind = ChatMessage::ContentKind::Null;
            return true;
        }
        return fail(
            path, QStringLiteral("required for %1 messages; send a string or an array of content parts").arg(m->role));
    }
    if (v.isString()) {
        m->contentKind = ChatMessage::ContentKind::Text;
        m->text = v.toString();
        return true;
    }
    if (!v.isArray())
        return fail(path, QStringLiteral("expected a string or an array of content parts, got %1").arg(typeName(v)));
    const QJsonArray arr = v.toArray();
    if (arr.isEmpty() && m->role != QLatin1String("assistant"))
        return fail(path, QStringLiteral("must not be an empty array; send at least one content part or a string"));
    m->contentKind = ChatMessage::ContentKind::Parts;
    for (qsizetype j = 0; j < arr.size(); ++j) {
        ContentPart part;
        if (!parsePart(arr.at(j), path + QStringLiteral("[%1]").arg(j), m->role, &part))
            return false;
        m->parts.append(part);
    }
    return true;
}

bool ChatRequestReader::parsePart(const QJsonValue& v, const QString& path, const QString& role, ContentPart* part)
{
    if (!v.isObject())
        return failType(
            path, QStringLiteral("a content part object such as {\"type\": \"text\", \"text\": \"...\"}"), v);
    const QJsonObject o = v.toObject();
    const QString typePath = path + QStringLiteral(".type");
    const QJsonValue typeValue = o.value(QStringLiteral("type"));
    if (isAbsent(typeValue))
        return fail(typePath, QStringLiteral("required; one of text, image_url"));
    if (!typeValue.isString())
        return failType(typePath, QStringLiteral("a string"), typeValue);
    const QString type = typeValue.toString();

    // input_text is the Responses API's name for a text part; refusal parts appear when a client
    // echoes an assistant refusal back as history. Both carry plain text for our purposes.
    const bool isRefusal = type == QLatin1String("refusal") && role == QLatin1String("assistant");
    if (type == QLatin1String("text") || type == QLatin1String("input_text") || isRefusal) {
        const QString key = isRefusal ? QStringLiteral("refusal") : QStringLiteral("text");
        const QString textPath = path + QLatin1Char('.') + key;
        const QJsonValue text = o.value(key);
        if (isAbsent(text))
            return fail(textPath, QStringLiteral("required for a %1 part").arg(type));
        if (!text.isString())
            return failType(textPath, QStringLiteral("a string"), text);
        *part = ContentPart::makeText(text.toString());
        return true;
    }

    if (type == QLatin1String("image_url")) {
        if (role != QLatin1String("user"))
            return fail(typePath,
                QStringLiteral("image_url parts are only allowed in user messages, not %1 messages").arg(role));
        const QString imagePath = path + QStringLiteral(".image_url");
        const QJsonValue image = o.value(QStringLiteral("image_url"));
        if (isAbsent(image))
            return fail(imagePath, QStringLiteral("required; send {\"url\": \"https://...\" or a data: URL}"));
        QString url;
        QString detail;
        if (image.isString()) {
            url = image.toString();
        } else if (image.isObject()) {
            const QJsonObject io = image.toObject();
            const QString urlPath = imagePath + QStringLiteral(".url");
            const QJsonValue urlValue = io.value(QStringLiteral("url"));
            if (isAbsent(urlValue))
                return fail(urlPath, QStringLiteral("required; an https URL or a data:image/...;base64 URL"));
            if (!urlValue.isString())
                return failType(urlPath, QStringLiteral("a string"), urlValue);
            url = urlValue.toString();
            const QString detailPath = imagePath + QStringLiteral(".detail");
            if (!optString(io.value(QStringLiteral("detail")), detailPath, &detail))
                return false;
            if (!detail.isEmpty() && detail != QLatin1String("auto") && detail != QLatin1String("low")
                && detail != QLatin1String("high")) {
                return fail(detailPath, QStringLiteral("must be one of auto, low, high, got \"%1\"").arg(detail));
            }
        } else {
            return failType(imagePath, QStringLiteral("an object with a \"url\""), image);
        }
        if (url.isEmpty())
            return fail(imagePath + QStringLiteral(".url"), QStringLiteral("must not be empty"));
        *part = ContentPart::makeImage(url);
        part->imageDetail = detail;
        return true;
    }

    return fail(typePath,
        QStringLiteral("unsupported content part type \"%1\"; supported types are text and image_url").arg(type));
}

bool ChatRequestReader::parseToolCall(const QJsonValue& v, const QString& path, ToolCall* call)
{
    if (!v.isObject())
        return failType(path, QStringLiteral("a tool call object {\"id\", \"type\": \"function\", \"function\"}"), v);
    const QJsonObject o = v.toObject();

    const QJsonValue id = o.value(QStringLiteral("id"));
    if (isAbsent(id))
        return fail(path + QStringLiteral(".id"), QStringLiteral("required; the id the model gave this tool call"));
    if (!id.isString())
        return failType(path + QStringLiteral(".id"), QStringLiteral("a string"), id);
    call->id = id.toString();

    const QJsonValue type = o.value(QStringLiteral("type"));
    if (!isAbsent(type) && type != QJsonValue(QStringLiteral("function")))
        return fail(path + QStringLiteral(".type"), QStringLiteral("only \"function\" tool calls are supported"));

    const QString fnPath = path + QStringLiteral(".function");
    const QJsonValue fn = o.value(QStringLiteral("function"));
    if (isAbsent(fn))
        return fail(fnPath, QStringLiteral("required; send {\"name\", \"arguments\"}"));
    if (!fn.isObject())
        return failType(fnPath, QStringLiteral("an object"), fn);
    const QJsonObject fo = fn.toObject();
    const QJsonValue name = fo.value(QStringLiteral("name"));
    if (isAbsent(name))
        return fail(fnPath + QStringLiteral(".name"), QStringLiteral("required"));
    if (!name.isString())
        return failType(fnPath + QStringLiteral(".name"), QStringLiteral("a string"), name);
    call->name = name.toString();

    // OpenAI sends arguments as JSON text; some clients send the parsed object instead. Keep the
    // text form everywhere so the history reads the same whichever way it arrived.
    const QJsonValue args = fo.value(QStringLiteral("arguments"));
    if (isAbsent(args)) {
        call->arguments = QStringLiteral("{}");
    } else if (args.isString()) {
        call->arguments = args.toString();
    } else if (args.isObject()) {
        call->arguments = QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact));
    } else {
        return failType(fnPath + QStringLiteral(".arguments"), QStringLiteral("a JSON string (or an object)"), args);
    }
    return true;
}

bool ChatRequestReader::parseSampling(const QJsonObject& body, ChatRequest* r)
{
    auto value = [&body](const char* key) { return body.value(QLatin1String(key)); };
    if (!optNumber(value("temperature"), QStringLiteral("temperature"), 0, 2, &r->temperature)
        || !optNumber(value("top_p"), QStringLiteral("top_p"), 0, 1, &r->topP)
        || !optNumber(value("frequency_penalty"), QStringLiteral("frequency_penalty"), -2, 2, &r->frequencyPenalty)
        || !optNumber(value("presence_penalty"), QStringLiteral("presence_penalty"), -2, 2, &r->presencePenalty)
        || !optNumber(value("repetition_penalty"), QStringLiteral("repetition_penalty"),
            std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max(), &r->repetitionPenalty)
        || !optInt(value("top_k"), QStringLiteral("top_k"), 1, &r->topK)
        || !optInteger(value("seed"), QStringLiteral("seed"), &r->seed))
        return false;
    // repetition_penalty divides the logits of repeated tokens, so only positive values mean anything.
    if (r->repetitionPenalty && *r->repetitionPenalty <= 0) {
        return fail(QStringLiteral("repetition_penalty"),
            QStringLiteral("must be greater than 0, got %1").arg(formatNumber(*r->repetitionPenalty)));
    }

    // max_completion_tokens is OpenAI's current name and max_tokens the deprecated one; both are
    // validated, and when a client sends both the current name wins.
    std::optional<int> maxTokens;
    std::optional<int> maxCompletionTokens;
    if (!optInt(value("max_tokens"), QStringLiteral("max_tokens"), 1, &maxTokens)
        || !optInt(value("max_completion_tokens"), QStringLiteral("max_completion_tokens"), 1, &maxCompletionTokens))
        return false;
    r->maxTokens = maxCompletionTokens ? maxCompletionTokens : maxTokens;

    std::optional<qint64> n;
    if (!optInteger(value("n"), QStringLiteral("n"), &n))
        return false;
    if (n && *n != 1) {
        return fail(QStringLiteral("n"),
            QStringLiteral("only n=1 is supported, got %1; send separate requests for "
                           "more than one completion")
                .arg(*n));
    }

    const QJsonValue effort = value("reasoning_effort");
    if (!optString(effort, QStringLiteral("reasoning_effort"), &r->reasoningEffort))
        return false;
    // OpenAI's values, and the higher ones Workers AI models take (GLM's and DeepSeek V4's "max");
    // each model gets the nearest it supports.
    static const QStringList efforts {QStringLiteral("none"), QStringLiteral("minimal"), QStringLiteral("low"),
        QStringLiteral("medium"), QStringLiteral("high"), QStringLiteral("xhigh"), QStringLiteral("max")};
    if (!isAbsent(effort) && !efforts.contains(r->reasoningEffort)) {
        return fail(QStringLiteral("reasoning_effort"),
            QStringLiteral("must be one of none, minimal, low, medium, high, xhigh, max, got \"%1\"")
                .arg(r->reasoningEffort));
    }
    return true;
}

bool ChatRequestReader::parseStop(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("stop");
    if (isAbsent(v))
        return true;
    QJsonArray list;
    if (v.isString()) {
        list.append(v);
    } else if (v.isArray()) {
        list = v.toArray();
    } else {
        return failType(path, QStringLiteral("a string or an array of strings"), v);
    }
    if (list.size() > 4)
        return fail(path, QStringLiteral("at most 4 stop sequences are allowed, got %1").arg(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        // A lone string is reported as "stop" itself; array items by their index.
        const QString itemPath = v.isString() ? path : QStringLiteral("stop[%1]").arg(i);
        const QJsonValue item = list.at(i);
        if (!item.isString())
            return failType(itemPath, QStringLiteral("a string"), item);
        if (item.toString().isEmpty())
            return fail(itemPath, QStringLiteral("stop sequences must not be empty"));
        r->stop.append(item.toString());
    }
    return true;
}

bool ChatRequestReader::parseResponseFormat(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("response_format");
    if (isAbsent(v))
        return true;
    if (!v.isObject())
        return failType(path, QStringLiteral("an object such as {\"type\": \"json_object\"}"), v);
    const QJsonObject o = v.toObject();
    const QJsonValue type = o.value(QStringLiteral("type"));
    const QString typePath = path + QStringLiteral(".type");
    if (isAbsent(type))
        return fail(typePath, QStringLiteral("required; one of text, json_object, json_schema"));
    if (!type.isString())
        return failType(typePath, QStringLiteral("a string"), type);
    const QString t = type.toString();
    if (t == QLatin1String("text"))
        return true; // the default: left empty so consumers have one way to see "no format"
    if (t == QLatin1String("json_object")) {
        r->responseFormat = o;
        return true;
    }
    if (t != QLatin1String("json_schema"))
        return fail(typePath, QStringLiteral("must be one of text, json_object, json_schema, got \"%1\"").arg(t));

    const QString schemaPath = path + QStringLiteral(".json_schema");
    const QJsonValue js = o.value(QStringLiteral("json_schema"));
    if (isAbsent(js))
        return fail(schemaPath, QStringLiteral("required when type is json_schema; send {\"name\", \"schema\"}"));
    if (!js.isObject())
        return failType(schemaPath, QStringLiteral("an object"), js);
    const QJsonObject jo = js.toObject();
    const QJsonValue name = jo.value(QStringLiteral("name"));
    const QString namePath = schemaPath + QStringLiteral(".name");
    if (isAbsent(name))
        return fail(namePath, QStringLiteral("required"));
    if (!name.isString())
        return failType(namePath, QStringLiteral("a string"), name);
    if (!isValidFunctionName(name.toString())) {
        return fail(namePath,
            QStringLiteral("must be 1 to 64 characters of letters, digits, underscores and dashes, got \"%1\"")
                .arg(name.toString()));
    }
    const QJsonValue schema = jo.value(QStringLiteral("schema"));
    if (!isAbsent(schema) && !schema.isObject())
        return failType(schemaPath + QStringLiteral(".schema"), QStringLiteral("a JSON Schema object"), schema);
    std::optional<bool> strict;
    if (!optBool(jo.value(QStringLiteral("strict")), schemaPath + QStringLiteral(".strict"), &strict))
        return false;
    r->responseFormat = o;
    return true;
}

bool ChatRequestReader::parseTools(const QJsonValue& v, ChatRequest* r)
{
    if (isAbsent(v))
        return true;
    if (!v.isArray())
        return failType(QStringLiteral("tools"), QStringLiteral("an array of tool objects"), v);
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString path = QStringLiteral("tools[%1]").arg(i);
        const QJsonValue item = arr.at(i);
        if (!item.isObject())
            return failType(path, QStringLiteral("a tool object {\"type\": \"function\", \"function\": {...}}"), item);
        const QJsonObject o = item.toObject();
        const QJsonValue type = o.value(QStringLiteral("type"));
        if (isAbsent(type))
            return fail(path + QStringLiteral(".type"), QStringLiteral("required; must be \"function\""));
        if (type != QJsonValue(QStringLiteral("function")))
            return fail(path + QStringLiteral(".type"), QStringLiteral("only \"function\" tools are supported"));

        const QString fnPath = path + QStringLiteral(".function");
        const QJsonValue fn = o.value(QStringLiteral("function"));
        if (isAbsent(fn))
            return fail(fnPath, QStringLiteral("required; send {\"name\", \"description\", \"parameters\"}"));
        if (!fn.isObject())
            return failType(fnPath, QStringLiteral("an object"), fn);
        const QJsonObject fo = fn.toObject();

        ToolDefinition tool;
        const QString namePath = fnPath + QStringLiteral(".name");
        const QJsonValue name = fo.value(QStringLiteral("name"));
        if (isAbsent(name))
            return fail(namePath, QStringLiteral("required"));
        if (!name.isString())
            return failType(namePath, QStringLiteral("a string"), name);
        tool.name = name.toString();
        if (!isValidFunctionName(tool.name)) {
            return fail(namePath,
                QStringLiteral("must be 1 to 64 characters of letters, digits, underscores and dashes, "
                               "got \"%1\"")
                    .arg(tool.name));
        }
        if (!optString(
                fo.value(QStringLiteral("description")), fnPath + QStringLiteral(".description"), &tool.description))
            return false;
        const QJsonValue params = fo.value(QStringLiteral("parameters"));
        if (!isAbsent(params)) {
            if (!params.isObject())
                return failType(fnPath + QStringLiteral(".parameters"), QStringLiteral("a JSON Schema object"), params);
            tool.parameters = params.toObject();
        }
        if (!optBool(fo.value(QStringLiteral("strict")), fnPath + QStringLiteral(".strict"), &tool.strict))
            return false;
        r->tools.append(tool);
    }
    return true;
}

bool ChatRequestReader::parseToolChoice(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("tool_choice");
    if (isAbsent(v))
        return true;
    if (v.isString()) {
        const QString choice = v.toString();
        if (choice != QLatin1String("none") && choice != QLatin1String("auto") && choice != QLatin1String("required")) {
            return fail(path,
                QStringLiteral("must be \"none\", \"auto\", \"required\" or {\"type\": \"function\", "
                               "\"function\": {\"name\": ...}}, got \"%1\"")
                    .arg(choice));
        }
        // "none" and "auto" mean the same with or without tools; "required" cannot be honoured without any.
        if (choice == QLatin1String("required") && r->tools.isEmpty())
            return fail(path, QStringLiteral("\"required\" needs at least one tool in tools"));
        r->toolChoice = v;
        return true;
    }
    if (!v.isObject())
        return failType(path, QStringLiteral("a string or an object"), v);
    const QJsonObject o = v.toObject();
    if (o.value(QStringLiteral("type")) != QJsonValue(QStringLiteral("function")))
        return fail(path + QStringLiteral(".type"), QStringLiteral("must be \"function\""));
    const QJsonValue fn = o.value(QStringLiteral("function"));
    if (!fn.isObject())
        return fail(path + QStringLiteral(".function"), QStringLiteral("required; send {\"name\": ...}"));
    const QString namePath = path + QStringLiteral(".function.name");
    const QJsonValue name = fn.toObject().value(QStringLiteral("name"));
    if (!name.isString())
        return fail(namePath, QStringLiteral("required; the name of one of the functions in tools"));
    const QString wanted = name.toString();
    bool found = false;
    for (const ToolDefinition& tool : std::as_const(r->tools))
        found = found || tool.name == wanted;
    if (!found) {
        return fail(namePath,
            r->tools.isEmpty() ? QStringLiteral("names function \"%1\" but no tools were given").arg(wanted)
                               : QStringLiteral("no function named \"%1\" in tools").arg(wanted));
    }
    // Keep only what matters, so a stored choice compares equal however the client decorated it.
    r->toolChoice = QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"), QJsonObject {{QStringLiteral("name"), wanted}}}};
    return true;
}

// Options that OpenAI has but Workers AI cannot honour: accepted in their "off" form, which is
// what SDKs send by default, and refused with an explanation otherwise.
bool ChatRequestReader::parseUnsupported(const QJsonObject& body)
{
    std::optional<bool> logprobs;
    if (!optBool(body.value(QStringLiteral("logprobs")), QStringLiteral("logprobs"), &logprobs))
        return false;
    if (logprobs.value_or(false)) {
        return fail(QStringLiteral("logprobs"),
            QStringLiteral("log probabilities are not supported by Workers AI models; omit logprobs or set it "
                           "to false"));
    }
    std::optional<qint64> topLogprobs;
    if (!optInteger(body.value(QStringLiteral("top_logprobs")), QStringLiteral("top_logprobs"), &topLogprobs))
        return false;
    if (topLogprobs.value_or(0) != 0) {
        return fail(QStringLiteral("top_logprobs"),
            QStringLiteral("log probabilities are not supported by Workers AI models; omit top_logprobs"));
    }
    return true;
}

} // namespace flarechat
