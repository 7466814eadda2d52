#include "ResponsesRequestReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace flarechat {

namespace {

QString at(const QString& path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QString field(const QString& path, const char* name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

// OpenAI's rule for function names and json_schema names.
bool isValidName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
    return re.match(name).hasMatch();
}

QString compactJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The one parameter a custom (freeform) tool gets as a function.
QJsonObject customToolParameters(const QString& formatHint)
{
    QJsonObject input {{QStringLiteral("type"), QStringLiteral("string")}};
    if (!formatHint.isEmpty())
        input.insert(QStringLiteral("description"), formatHint);
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"), QJsonObject {{QStringLiteral("input"), input}}},
        {QStringLiteral("required"), QJsonArray {QStringLiteral("input")}}};
}

// What a custom tool's `format` asks of the input, in words the model can follow.
QString formatHint(const QJsonObject& format)
{
    if (format.value(QStringLiteral("type")).toString() != QLatin1String("grammar"))
        return QStringLiteral("The tool's input, as free text.");
    const QString syntax = format.value(QStringLiteral("syntax")).toString();
    const QString definition = format.value(QStringLiteral("definition")).toString();
    return QStringLiteral("The tool's input, as free text that follows this %1 grammar:\n%2").arg(syntax, definition);
}

} // namespace

ChatRequest ResponsesRequest::compose(const QList<ChatMessage>& history) const
{
    ChatRequest out = chat;
    QList<ChatMessage> messages;
    messages.reserve(history.size() + chat.messages.size() + 1);
    if (!instructions.isEmpty())
        messages.append(ChatMessage::system(instructions));
    messages.append(history);
    messages.append(chat.messages);
    out.messages = messages;
    return out;
}

std::optional<ResponsesRequest> ResponsesRequestReader::read(const QJsonObject& body, ApiError* error)
{
    ResponsesRequest r;
    ResponsesRequestReader reader(error);
    if (!reader.parseRequest(body, &r))
        return std::nullopt;
    return r;
}

bool ResponsesRequestReader::requireString(const QJsonObject& o, const char* key, const QString& path, QString* out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (isAbsent(v))
        return fail(path, QStringLiteral("required"));
    if (!v.isString())
        return failType(path, QStringLiteral("a string"), v);
    *out = v.toString();
    return true;
}

bool ResponsesRequestReader::parseRequest(const QJsonObject& body, ResponsesRequest* r)
{
    auto value = [&body](const char* key) { return body.value(QLatin1String(key)); };
    if (!requireString(body, "model", QStringLiteral("model"), &r->chat.model))
        return false;
    if (r->chat.model.trimmed().isEmpty())
        return fail(QStringLiteral("model"), QStringLiteral("must not be empty"));
    if (!optString(value("instructions"), QStringLiteral("instructions"), &r->instructions)
        || !optString(value("previous_response_id"), QStringLiteral("previous_response_id"), &r->previousResponseId))
        return false;
    if (!parseInput(value("input"), r))
        return false;

    std::optional<bool> stream;
    std::optional<bool> store;
    std::optional<bool> background;
    if (!optBool(value("stream"), QStringLiteral("stream"), &stream)
        || !optBool(value("store"), QStringLiteral("store"), &store)
        || !optBool(value("background"), QStringLiteral("background"), &background)
        || !optBool(value("parallel_tool_calls"), QStringLiteral("parallel_tool_calls"), &r->chat.parallelToolCalls))
        return false;
    r->chat.stream = stream.value_or(false);
    r->chat.includeUsage = r->chat.stream;
    r->store = store.value_or(true);
    if (background.value_or(false)) {
        return fail(QStringLiteral("background"),
            QStringLiteral("background responses are not supported by FlareChat; omit background or set it to "
                           "false"));
    }

    if (!optNumber(value("temperature"), QStringLiteral("temperature"), 0, 2, &r->chat.temperature)
        || !optNumber(value("top_p"), QStringLiteral("top_p"), 0, 1, &r->chat.topP)
        || !optInt(value("max_output_tokens"), QStringLiteral("max_output_tokens"), 1, &r->chat.maxTokens))
        return false;
    // OpenAI's end-user identifiers; the newer one wins.
    QString user;
    QString safetyIdentifier;
    QString cacheKey;
    if (!optString(value("user"), QStringLiteral("user"), &user)
        || !optString(value("safety_identifier"), QStringLiteral("safety_identifier"), &safetyIdentifier)
        || !optString(value("prompt_cache_key"), QStringLiteral("prompt_cache_key"), &cacheKey))
        return false;
    r->chat.user = safetyIdentifier.isEmpty() ? user : safetyIdentifier;
    r->chat.sessionAffinity = cacheKey; // Workers AI routes prompt-cache hits by it, as OpenAI does by this key

    const QJsonValue metadata = value("metadata");
    if (!isAbsent(metadata) && !metadata.isObject())
        return failType(QStringLiteral("metadata"), QStringLiteral("an object"), metadata);

    if (!parseTools(value("tools"), r) || !parseToolChoice(value("tool_choice"), r) || !parseText(value("text"), r)
        || !parseReasoning(value("reasoning"), r))
        return false;

    static const char* const echoed[] = {"tools", "tool_choice", "text", "reasoning", "metadata", "temperature",
        "top_p", "max_output_tokens", "parallel_tool_calls", "truncation"};
    for (const char* key : echoed) {
        const QJsonValue v = value(key);
        if (!isAbsent(v))
            r->echo.insert(QLatin1String(key), v);
    }
    return true;
}

bool ResponsesRequestReader::parseInput(const QJsonValue& v, ResponsesRequest* r)
{
    const QString path = QStringLiteral("input");
    if (isAbsent(v)) {
        if (r->previousResponseId.isEmpty())
            return fail(path, QStringLiteral("required; send a string or an array of input items"));
        return true;
    }
    if (v.isString()) {
        r->chat.messages.append(ChatMessage::user(v.toString()));
        return true;
    }
    if (!v.isArray())
        return failType(path, QStringLiteral("a string or an array of input items"), v);
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString itemPath = at(path, i);
        if (!items.at(i).isObject())
            return failType(itemPath, QStringLiteral("an input item object"), items.at(i));
        if (!parseItem(items.at(i).toObject(), itemPath, r))
            return false;
    }
    if (r->chat.messages.isEmpty() && r->previousResponseId.isEmpty() && r->instructions.isEmpty())
        return fail(path, QStringLiteral("must contain at least one message"));
    return true;
}

bool ResponsesRequestReader::parseItem(const QJsonObject& item, const QString& path, ResponsesRequest* r)
{
    const QJsonValue typeValue = item.value(QStringLiteral("type"));
    if (!isAbsent(typeValue) && !typeValue.isString())
        return failType(field(path, "type"), QStringLiteral("a string"), typeValue);
    // An item without a type is a message when it has a role (the SDKs' "easy" input message).
    const QString type = isAbsent(typeValue) ? QStringLiteral("message") : typeValue.toString();
    if (type == QLatin1String("message"))
        return parseMessage(item, path, r);
    if (type == QLatin1String("function_call"))
        return parseCall(item, path, false, r);
    if (type == QLatin1String("custom_tool_call"))
        return parseCall(item, path, true, r);
    if (type == QLatin1String("function_call_output") || type == QLatin1String("custom_tool_call_output"))
        return parseCallOutput(item, path, r);
    // reasoning (these models take no reasoning back), item_reference, the calls and results of
    // hosted tools, and item types of newer API versions: left out, as agents send their own.
    return true;
}

bool ResponsesRequestReader::parseMessage(const QJsonObject& item, const QString& path, ResponsesRequest* r)
{
    ChatMessage m;
    if (!requireString(item, "role", field(path, "role"), &m.role))
        return false;
    if (m.role == QLatin1String("developer"))
        m.role = QStringLiteral("system");
    if (m.role != QLatin1String("user") && m.role != QLatin1String("assistant") && m.role != QLatin1String("system")) {
        return fail(field(path, "role"),
            QStringLiteral("must be one of user, assistant, system, developer, got \"%1\"").arg(m.role));
    }
    const QString contentPath = field(path, "content");
    const QJsonValue content = item.value(QStringLiteral("content"));
    if (isAbsent(content))
        return fail(contentPath, QStringLiteral("required"));
    if (content.isString()) {
        m.text = content.toString();
    } else if (content.isArray()) {
        const QJsonArray parts = content.toArray();
        QList<ContentPart> list;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            ContentPart part;
            bool skip = false;
            if (!parsePart(parts.at(i), at(contentPath, i), &part, &skip))
                return false;
            if (!skip)
                list.append(part);
        }
        m.parts = list;
        m.contentKind = ChatMessage::ContentKind::Parts;
        if (m.hasImages()) {
            if (m.role != QLatin1String("user"))
                return fail(contentPath, QStringLiteral("images are only allowed in user messages"));
            m.contentKind = ChatMessage::ContentKind::Parts;
        } else { // text only: one string, as the engine's other faces send it
            m.text = m.textContent();
            m.parts.clear();
            m.contentKind = ChatMessage::ContentKind::Text;
        }
    } else {
        return failType(contentPath, QStringLiteral("a string or an array of content parts"), content);
    }
    r->chat.messages.append(m);
    return true;
}

bool ResponsesRequestReader::parsePart(const QJsonValue& v, const QString& path, ContentPart* part, bool* skip)
{
    if (!v.isObject())
        return failType(path, QStringLiteral("a content part object"), v);
    const QJsonObject o = v.toObject();
    QString type;
    if (!requireString(o, "type", field(path, "type"), &type))
        return false;
    if (type == QLatin1String("input_text") || type == QLatin1String("output_text") || type == QLatin1String("text")) {
        if (!requireString(o, "text", field(path, "text"), &part->text))
            return false;
        part->kind = ContentPart::Kind::Text;
        return true;
    }
    if (type == QLatin1String("refusal")) { // an assistant's refusal in the history: its words
        if (!requireString(o, "refusal", field(path, "refusal"), &part->text))
            return false;
        return true;
    }
    if (type == QLatin1String("input_image")) {
        const QJsonValue fileId = o.value(QStringLiteral("file_id"));
        if (!isAbsent(fileId)) {
            return fail(field(path, "file_id"),
                QStringLiteral("uploaded files are not supported; send the image inline as a data URL in image_url"));
        }
        QString url;
        if (!requireString(o, "image_url", field(path, "image_url"), &url))
            return false;
        if (!url.startsWith(QLatin1String("data:"))) {
            return fail(field(path, "image_url"),
                QStringLiteral("Workers AI models take images inline only; send a data URL "
                               "(\"data:image/png;base64,...\") instead of a link"));
        }
        *part = ContentPart::makeImage(url);
        if (!optString(o.value(QStringLiteral("detail")), field(path, "detail"), &part->imageDetail))
            return false;
        if (!part->imageDetail.isEmpty() && part->imageDetail != QLatin1String("auto")
            && part->imageDetail != QLatin1String("low") && part->imageDetail != QLatin1String("high")) {
            return fail(field(path, "detail"),
                QStringLiteral("must be one of auto, low, high, got \"%1\"").arg(part->imageDetail));
        }
        return true;
    }
    if (type == QLatin1String("input_file") || type == QLatin1String("input_audio")) {
        return fail(path,
            QStringLiteral("%1 parts are not supported by Workers AI models; send the content as input_text")
                .arg(type));
    }
    *skip = true; // a part type of a newer API version: nothing the model could take
    return true;
}

bool ResponsesRequestReader::parseCall(const QJsonObject& item, const QString& path, bool custom, ResponsesRequest* r)
{
    ToolCall call;
    if (!requireString(item, "call_id", field(path, "call_id"), &call.id)
        || !requireString(item, "name", field(path, "name"), &call.name))
        return false;
    if (custom) {
        QString input;
        if (!requireString(item, "input", field(path, "input"), &input))
            return false;
        call.arguments = compactJson(QJsonObject {{QStringLiteral("input"), input}});
    } else {
        const QJsonValue args = item.value(QStringLiteral("arguments"));
        if (isAbsent(args))
            call.arguments = QStringLiteral("{}");
        else if (args.isString())
            call.arguments = args.toString();
        else if (args.isObject())
            call.arguments = compactJson(args.toObject());
        else
            return failType(field(path, "arguments"), QStringLiteral("a JSON string"), args);
    }
    // Calls follow the assistant's text of the same turn, and each other, in one assistant message.
    QList<ChatMessage>& messages = r->chat.messages;
    if (messages.isEmpty() || messages.last().role != QLatin1String("assistant")) {
        ChatMessage m;
        m.role = QStringLiteral("assistant");
        m.contentKind = ChatMessage::ContentKind::Null;
        messages.append(m);
    }
    messages.last().toolCalls.append(call);
    return true;
}

bool ResponsesRequestReader::parseCallOutput(const QJsonObject& item, const QString& path, ResponsesRequest* r)
{
    ChatMessage m;
    m.role = QStringLiteral("tool");
    if (!requireString(item, "call_id", field(path, "call_id"), &m.toolCallId))
        return false;
    const QString outputPath = field(path, "output");
    const QJsonValue output = item.value(QStringLiteral("output"));
    if (isAbsent(output))
        return fail(outputPath, QStringLiteral("required"));
    QList<ContentPart> images;
    if (output.isString()) {
        m.text = output.toString();
    } else if (output.isArray()) {
        const QJsonArray parts = output.toArray();
        QStringList texts;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            ContentPart part;
            bool skip = false;
            if (!parsePart(parts.at(i), at(outputPath, i), &part, &skip))
                return false;
            if (skip)
                continue;
            if (part.kind == ContentPart::Kind::ImageUrl)
                images.append(part);
            else
                texts.append(part.text);
        }
        m.text = texts.join(QLatin1Char('\n'));
    } else {
        return failType(outputPath, QStringLiteral("a string or an array of content parts"), output);
    }
    r->chat.messages.append(m);
    if (!images.isEmpty()) { // a tool's images reach the model as the user's, right after the result
        ChatMessage user;
        user.role = QStringLiteral("user");
        user.contentKind = ChatMessage::ContentKind::Parts;
        user.parts = images;
        r->chat.messages.append(user);
    }
    return true;
}

bool ResponsesRequestReader::parseTools(const QJsonValue& v, ResponsesRequest* r)
{
    const QString path = QStringLiteral("tools");
    if (isAbsent(v))
        return true;
    if (!v.isArray())
        return failType(path, QStringLiteral("an array of tools"), v);
    const QJsonArray tools = v.toArray();
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString toolPath = at(path, i);
        if (!tools.at(i).isObject())
            return failType(toolPath, QStringLiteral("a tool object"), tools.at(i));
        const QJsonObject o = tools.at(i).toObject();
        QString type;
        if (!requireString(o, "type", field(toolPath, "type"), &type))
            return false;
        if (type != QLatin1String("function") && type != QLatin1String("custom")) {
            r->droppedTools.append(type); // hosted: web_search, file_search, local_shell, mcp, ...
            continue;
        }
        ToolDefinition tool;
        if (!requireString(o, "name", field(toolPath, "name"), &tool.name))
            return false;
        if (!isValidName(tool.name)) {
            return fail(field(toolPath, "name"),
                QStringLiteral("must be 1 to 64 characters of letters, digits, underscores and dashes, got \"%1\"")
                    .arg(tool.name));
        }
        if (!optString(o.value(QStringLiteral("description")), field(toolPath, "description"), &tool.description))
            return false;
        if (type == QLatin1String("custom")) {
            const QJsonValue format = o.value(QStringLiteral("format"));
            if (!isAbsent(format) && !format.isObject())
                return failType(field(toolPath, "format"), QStringLiteral("an object"), format);
            tool.parameters = customToolParameters(formatHint(format.toObject()));
            r->customTools.insert(tool.name);
        } else {
            const QJsonValue params = o.value(QStringLiteral("parameters"));
            if (!isAbsent(params)) {
                if (!params.isObject())
                    return failType(field(toolPath, "parameters"), QStringLiteral("a JSON Schema object"), params);
                tool.parameters = params.toObject();
            }
            if (!optBool(o.value(QStringLiteral("strict")), field(toolPath, "strict"), &tool.strict))
                return false;
        }
        r->chat.tools.append(tool);
    }
    return true;
}

bool ResponsesRequestReader::parseToolChoice(const QJsonValue& v, ResponsesRequest* r)
{
    const QString path = QStringLiteral("tool_choice");
    if (isAbsent(v))
        return true;
    if (v.isString()) {
        const QString choice = v.toString();
        if (choice != QLatin1String("none") && choice != QLatin1String("auto") && choice != QLatin1String("required"))
            return fail(
                path, QStringLiteral("must be \"none\", \"auto\", \"required\" or an object, got \"%1\"").arg(choice));
        if (choice == QLatin1String("required") && r->chat.tools.isEmpty())
            return fail(path, QStringLiteral("\"required\" needs at least one function tool in tools"));
        r->chat.toolChoice = v;
        return true;
    }
    if (!v.isObject())
        return failType(path, QStringLiteral("a string or an object"), v);
    const QJsonObject o = v.toObject();
    const QString type = o.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("function") || type == QLatin1String("custom")) {
        QString name;
        if (!requireString(o, "name", field(path, "name"), &name))
            return false;
        bool found = false;
        for (const ToolDefinition& tool : std::as_const(r->chat.tools))
            found = found || tool.name == name;
        if (!found)
            return fail(field(path, "name"), QStringLiteral("no tool named \"%1\" in tools").arg(name));
        r->chat.toolChoice = QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"), QJsonObject {{QStringLiteral("name"), name}}}};
        return true;
    }
    if (type == QLatin1String("allowed_tools")
        && o.value(QStringLiteral("mode")).toString() == QLatin1String("required") && !r->chat.tools.isEmpty()) {
        r->chat.toolChoice = QStringLiteral("required");
        return true;
    }
    return true; // allowed_tools in auto mode, or a hosted tool's choice: the model chooses
}

bool ResponsesRequestReader::parseText(const QJsonValue& v, ResponsesRequest* r)
{
    const QString path = QStringLiteral("text");
    if (isAbsent(v))
        return true;
    if (!v.isObject())
        return failType(path, QStringLiteral("an object"), v);
    const QJsonValue format = v.toObject().value(QStringLiteral("format"));
    const QString formatPath = field(path, "format");
    if (isAbsent(format))
        return true;
    if (!format.isObject())
        return failType(formatPath, QStringLiteral("an object such as {\"type\": \"json_object\"}"), format);
    const QJsonObject f = format.toObject();
    QString type;
    if (!requireString(f, "type", field(formatPath, "type"), &type))
        return false;
    if (type == QLatin1String("text"))
        return true;
    if (type == QLatin1String("json_object")) {
        r->chat.responseFormat = QJsonObject {{QStringLiteral("type"), QStringLiteral("json_object")}};
        return true;
    }
    if (type != QLatin1String("json_schema"))
        return fail(field(formatPath, "type"),
            QStringLiteral("must be one of text, json_object, json_schema, got \"%1\"").arg(type));
    QString name;
    if (!requireString(f, "name", field(formatPath, "name"), &name))
        return false;
    if (!isValidName(name)) {
        return fail(field(formatPath, "name"),
            QStringLiteral("must be 1 to 64 characters of letters, digits, underscores and dashes, got \"%1\"")
                .arg(name));
    }
    const QJsonValue schema = f.value(QStringLiteral("schema"));
    if (isAbsent(schema))
        return fail(field(formatPath, "schema"), QStringLiteral("required"));
    if (!schema.isObject())
        return failType(field(formatPath, "schema"), QStringLiteral("a JSON Schema object"), schema);
    std::optional<bool> strict;
    if (!optBool(f.value(QStringLiteral("strict")), field(formatPath, "strict"), &strict))
        return false;
    QJsonObject jsonSchema {{QStringLiteral("name"), name}, {QStringLiteral("schema"), schema}};
    if (strict)
        jsonSchema.insert(QStringLiteral("strict"), *strict);
    r->chat.responseFormat = QJsonObject {
        {QStringLiteral("type"), QStringLiteral("json_schema")}, {QStringLiteral("json_schema"), jsonSchema}};
    return true;
}

bool ResponsesRequestReader::parseReasoning(const QJsonValue& v, ResponsesRequest* r)
{
    const QString path = QStringLiteral("reasoning");
    if (isAbsent(v))
        return true;
    if (!v.isObject())
        return failType(path, QStringLiteral("an object such as {\"effort\": \"low\"}"), v);
    const QJsonValue effort = v.toObject().value(QStringLiteral("effort"));
    if (!optString(effort, field(path, "effort"), &r->chat.reasoningEffort))
        return false;
    static const QStringList efforts {QStringLiteral("none"), QStringLiteral("minimal"), QStringLiteral("low"),
        QStringLiteral("medium"), QStringLiteral("high"), QStringLiteral("xhigh")};
    if (!isAbsent(effort) && !efforts.contains(r->chat.reasoningEffort)) {
        return fail(field(path, "effort"),
            QStringLiteral("must be one of none, minimal, low, medium, high, xhigh, got \"%1\"")
                .arg(r->chat.reasoningEffort));
    }
    return true;
}

} // namespace flarechat
