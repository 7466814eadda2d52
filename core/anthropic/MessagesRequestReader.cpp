#include "MessagesRequestReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace flarechat {

namespace {

QString at(const QString& path, qsizetype i)
{
    return path + QLatin1Char('.') + QString::number(i);
}

QString field(const QString& path, const char* name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

// Anthropic's rule for tool names.
bool isValidToolName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9_-]{1,128}$"));
    return re.match(name).hasMatch();
}

QString compactJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Blocks of the history that carry nothing a Workers AI model can take back.
bool isDroppedBlock(const QString& type)
{
    return type == QLatin1String("thinking") || type == QLatin1String("redacted_thinking")
        || type == QLatin1String("server_tool_use") || type.endsWith(QLatin1String("_tool_result"));
}

} // namespace

std::optional<ChatRequest> MessagesRequestReader::read(const QJsonObject& body, ApiError* error, bool forCounting)
{
    ChatRequest r;
    MessagesRequestReader reader(error);
    if (!reader.parseRequest(body, &r, forCounting))
        return std::nullopt;
    return r;
}

bool MessagesRequestReader::requireString(const QJsonObject& o, const char* key, const QString& path, QString* out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (isAbsent(v))
        return fail(path, QStringLiteral("Field required"));
    if (!v.isString())
        return failType(path, QStringLiteral("a string"), v);
    *out = v.toString();
    return true;
}

bool MessagesRequestReader::parseRequest(const QJsonObject& body, ChatRequest* r, bool forCounting)
{
    if (!requireString(body, "model", QStringLiteral("model"), &r->model))
        return false;
    if (r->model.trimmed().isEmpty())
        return fail(QStringLiteral("model"), QStringLiteral("must not be empty"));

    const QJsonValue maxTokens = body.value(QStringLiteral("max_tokens"));
    if (isAbsent(maxTokens) && !forCounting)
        return fail(QStringLiteral("max_tokens"), QStringLiteral("Field required"));
    if (!optInt(maxTokens, QStringLiteral("max_tokens"), 1, &r->maxTokens))
        return false;

    QStringList system;
    if (!parseSystem(body.value(QStringLiteral("system")), QStringLiteral("system"), &system))
        return false;

    const QJsonValue messages = body.value(QStringLiteral("messages"));
    if (isAbsent(messages))
        return fail(QStringLiteral("messages"), QStringLiteral("Field required"));
    if (!messages.isArray())
        return failType(QStringLiteral("messages"), QStringLiteral("an array of messages"), messages);
    const QJsonArray list = messages.toArray();
    if (list.isEmpty())
        return fail(QStringLiteral("messages"), QStringLiteral("at least one message is required"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!parseMessage(list.at(i), at(QStringLiteral("messages"), i), r, &system))
            return false;
    }
    if (!system.isEmpty())
        r->messages.prepend(ChatMessage::system(system.join(QStringLiteral("\n\n"))));

    std::optional<bool> stream;
    if (!optBool(body.value(QStringLiteral("stream")), QStringLiteral("stream"), &stream))
        return false;
    r->stream = stream.value_or(false);
    r->includeUsage = r->stream;

    auto value = [&body](const char* key) { return body.value(QLatin1String(key)); };
    if (!optNumber(value("temperature"), QStringLiteral("temperature"), 0, 1, &r->temperature)
        || !optNumber(value("top_p"), QStringLiteral("top_p"), 0, 1, &r->topP))
        return false;
    std::optional<int> topK;
    if (!optInt(value("top_k"), QStringLiteral("top_k"), 0, &topK))
        return false;
    if (topK && *topK > 0)
        r->topK = topK; // 0 leaves sampling alone, as Anthropic's "unset"

    const QJsonValue metadata = value("metadata");
    if (!isAbsent(metadata)) {
        if (!metadata.isObject())
            return failType(QStringLiteral("metadata"), QStringLiteral("an object"), metadata);
        if (!optString(
                metadata.toObject().value(QStringLiteral("user_id")), QStringLiteral("metadata.user_id"), &r->user))
            return false;
    }
    return parseStopSequences(value("stop_sequences"), r) && parseTools(value("tools"), r)
        && parseToolChoice(value("tool_choice"), r) && parseThinking(value("thinking"), r);
}

bool MessagesRequestReader::parseSystem(const QJsonValue& v, const QString& path, QStringList* out)
{
    if (isAbsent(v))
        return true;
    if (v.isString()) {
        if (!v.toString().isEmpty())
            out->append(v.toString());
        return true;
    }
    if (!v.isArray())
        return failType(path, QStringLiteral("a string or an array of text blocks"), v);
    const QJsonArray blocks = v.toArray();
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString blockPath = at(path, i);
        if (!blocks.at(i).isObject())
            return failType(
                blockPath, QStringLiteral("a text block {\"type\": \"text\", \"text\": ...}"), blocks.at(i));
        const QJsonObject b = blocks.at(i).toObject();
        QString type;
        if (!requireString(b, "type", field(blockPath, "type"), &type))
            return false;
        if (type != QLatin1String("text"))
            return fail(field(blockPath, "type"), QStringLiteral("system blocks must be text, got \"%1\"").arg(type));
        QString text;
        if (!requireString(b, "text", field(blockPath, "text"), &text))
            return false;
        if (!text.isEmpty())
            out->append(text);
    }
    return true;
}

bool MessagesRequestReader::parseMessage(const QJsonValue& v, const QString& path, ChatRequest* r, QStringList* system)
{
    if (!v.isObject())
        return failType(path, QStringLiteral("a message object with \"role\" and \"content\""), v);
    const QJsonObject o = v.toObject();
    QString role;
    if (!requireString(o, "role", field(path, "role"), &role))
        return false;
    const QString contentPath = field(path, "content");
    const QJsonValue content = o.value(QStringLiteral("content"));
    if (isAbsent(content))
        return fail(contentPath, QStringLiteral("Field required"));
    if (!content.isString() && !content.isArray())
        return failType(contentPath, QStringLiteral("a string or an array of content blocks"), content);

    if (role == QLatin1String("system")) // Claude Code sends one now and then: part of the system prompt
        return parseSystem(content, contentPath, system);
    if (role != QLatin1String("user") && role != QLatin1String("assistant")) {
        return fail(field(path, "role"), QStringLiteral("Input should be 'user' or 'assistant', got \"%1\"").arg(role));
    }
    if (content.isString()) {
        r->messages.append(ChatMessage::make(role, content.toString()));
        return true;
    }
    if (role == QLatin1String("user"))
        return parseUserBlocks(content.toArray(), contentPath, r);
    ChatMessage m;
    m.role = role;
    if (!parseAssistantBlocks(content.toArray(), contentPath, &m))
        return false;
    r->messages.append(m);
    return true;
}

bool MessagesRequestReader::parseUserBlocks(const QJsonArray& blocks, const QString& path, ChatRequest* r)
{
    ChatMessage user;
    user.role = QStringLiteral("user");
    user.contentKind = ChatMessage::ContentKind::Parts;
    QList<ContentPart> toolImages;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString blockPath = at(path, i);
        if (!blocks.at(i).isObject())
            return failType(blockPath, QStringLiteral("a content block object"), blocks.at(i));
        const QJsonObject b = blocks.at(i).toObject();
        QString type;
        if (!requireString(b, "type", field(blockPath, "type"), &type))
            return false;
        if (type == QLatin1String("text")) {
            QString text;
            if (!requireString(b, "text", field(blockPath, "text"), &text))
                return false;
            user.parts.append(ContentPart::makeText(text));
        } else if (type == QLatin1String("image")) {
            ContentPart image;
            if (!parseImage(b, blockPath, &image))
                return false;
            user.parts.append(image);
        } else if (type == QLatin1String("tool_result")) {
            ChatMessage tool;
            if (!parseToolResult(b, blockPath, &tool, &toolImages))
                return false;
            r->messages.append(tool);
        } else if (!isDroppedBlock(type)) {
            return fail(field(blockPath, "type"),
                QStringLiteral("unsupported content block type \"%1\" in a user message; supported types are text, "
                               "image and tool_result")
                    .arg(type));
        }
    }
    user.parts = toolImages + user.parts;
    if (user.parts.isEmpty())
        return true; // only tool results
    if (!user.hasImages()) { // plain text: the string form every model takes
        const QString text = user.textContent();
        user.contentKind = ChatMessage::ContentKind::Text;
        user.text = text;
        user.parts.clear();
    }
    r->messages.append(user);
    return true;
}

bool MessagesRequestReader::parseAssistantBlocks(const QJsonArray& blocks, const QString& path, ChatMessage* m)
{
    QStringList texts;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString blockPath = at(path, i);
        if (!blocks.at(i).isObject())
            return failType(blockPath, QStringLiteral("a content block object"), blocks.at(i));
        const QJsonObject b = blocks.at(i).toObject();
        QString type;
        if (!requireString(b, "type", field(blockPath, "type"), &type))
            return false;
        if (type == QLatin1String("text")) {
            QString text;
            if (!requireString(b, "text", field(blockPath, "text"), &text))
                return false;
            texts.append(text);
        } else if (type == QLatin1String("tool_use")) {
            ToolCall call;
            if (!requireString(b, "id", field(blockPath, "id"), &call.id)
                || !requireString(b, "name", field(blockPath, "name"), &call.name))
                return false;
            const QJsonValue input = b.value(QStringLiteral("input"));
            if (!isAbsent(input) && !input.isObject())
                return failType(field(blockPath, "input"), QStringLiteral("an object"), input);
            call.arguments = compactJson(input.toObject());
            m->toolCalls.append(call);
        } else if (!isDroppedBlock(type)) {
            return fail(field(blockPath, "type"),
                QStringLiteral("unsupported content block type \"%1\" in an assistant message; supported types are "
                               "text, tool_use, thinking and redacted_thinking")
                    .arg(type));
        }
    }
    m->text = texts.join(QString());
    m->contentKind = m->text.isEmpty() && !m->toolCalls.isEmpty() ? ChatMessage::ContentKind::Null
                                                                  : ChatMessage::ContentKind::Text;
    return true;
}

bool MessagesRequestReader::parseImage(const QJsonObject& block, const QString& path, ContentPart* part)
{
    const QString sourcePath = field(path, "source");
    const QJsonValue source = block.value(QStringLiteral("source"));
    if (isAbsent(source))
        return fail(sourcePath, QStringLiteral("Field required"));
    if (!source.isObject())
        return failType(sourcePath, QStringLiteral("an object"), source);
    const QJsonObject s = source.toObject();
    QString type;
    if (!requireString(s, "type", field(sourcePath, "type"), &type))
        return false;
    if (type == QLatin1String("url")) {
        ApiError* e = m_error;
        fail(field(sourcePath, "type"),
            QStringLiteral("Workers AI accepts images only inline; URL images are not accepted. Download the "
                           "image and send it as a base64 source."));
        if (e)
            e->code = ErrorCode::InvalidImageUrl;
        return false;
    }
    if (type != QLatin1String("base64"))
        return fail(field(sourcePath, "type"), QStringLiteral("must be \"base64\", got \"%1\"").arg(type));
    QString mediaType;
    QString data;
    if (!requireString(s, "media_type", field(sourcePath, "media_type"), &mediaType)
        || !requireString(s, "data", field(sourcePath, "data"), &data))
        return false;
    if (!mediaType.startsWith(QLatin1String("image/")))
        return fail(field(sourcePath, "media_type"),
            QStringLiteral("must be an image type such as image/png, got \"%1\"").arg(mediaType));
    if (data.isEmpty())
        return fail(field(sourcePath, "data"), QStringLiteral("must not be empty"));
    *part = ContentPart::makeImage(QStringLiteral("data:%1;base64,%2").arg(mediaType, data));
    return true;
}

bool MessagesRequestReader::parseToolResult(
    const QJsonObject& block, const QString& path, ChatMessage* tool, QList<ContentPart>* images)
{
    tool->role = QStringLiteral("tool");
    if (!requireString(block, "tool_use_id", field(path, "tool_use_id"), &tool->toolCallId))
        return false;
    std::optional<bool> isError;
    if (!optBool(block.value(QStringLiteral("is_error")), field(path, "is_error"), &isError))
        return false;
    const QString contentPath = field(path, "content");
    const QJsonValue content = block.value(QStringLiteral("content"));
    QStringList texts;
    if (content.isString()) {
        texts.append(content.toString());
    } else if (content.isArray()) {
        const QJsonArray parts = content.toArray();
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const QString partPath = at(contentPath, i);
            if (!parts.at(i).isObject())
                return failType(partPath, QStringLiteral("a content block object"), parts.at(i));
            const QJsonObject b = parts.at(i).toObject();
            QString type;
            if (!requireString(b, "type", field(partPath, "type"), &type))
                return false;
            if (type == QLatin1String("text")) {
                QString text;
                if (!requireString(b, "text", field(partPath, "text"), &text))
                    return false;
                texts.append(text);
            } else if (type == QLatin1String("image")) {
                ContentPart image;
                if (!parseImage(b, partPath, &image))
                    return false;
                images->append(image);
            } else {
                return fail(field(partPath, "type"),
                    QStringLiteral("tool_result content blocks must be text or image, got \"%1\"").arg(type));
            }
        }
    } else if (!isAbsent(content)) {
        return failType(contentPath, QStringLiteral("a string or an array of content blocks"), content);
    }
    tool->text = texts.join(QLatin1Char('\n'));
    if (isError.value_or(false)) // the model is told, as Anthropic's models see is_error
        tool->text = QStringLiteral("Error: ") + tool->text;
    return true;
}

bool MessagesRequestReader::parseTools(const QJsonValue& v, ChatRequest* r)
{
    if (isAbsent(v))
        return true;
    if (!v.isArray())
        return failType(QStringLiteral("tools"), QStringLiteral("an array of tools"), v);
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString path = at(QStringLiteral("tools"), i);
        if (!arr.at(i).isObject())
            return failType(path, QStringLiteral("a tool object {\"name\", \"input_schema\"}"), arr.at(i));
        const QJsonObject o = arr.at(i).toObject();
        QString type;
        if (!optString(o.value(QStringLiteral("type")), field(path, "type"), &type))
            return false;
        if (!type.isEmpty() && type != QLatin1String("custom"))
            continue; // a hosted tool (web_search_…, bash_…, …): Workers AI cannot run it
        ToolDefinition tool;
        if (!requireString(o, "name", field(path, "name"), &tool.name))
            return false;
        if (!isValidToolName(tool.name)) {
            return fail(field(path, "name"),
                QStringLiteral("must be 1 to 128 characters of letters, digits, underscores and dashes, got \"%1\"")
                    .arg(tool.name));
        }
        if (!optString(o.value(QStringLiteral("description")), field(path, "description"), &tool.description))
            return false;
        const QJsonValue schema = o.value(QStringLiteral("input_schema"));
        if (isAbsent(schema))
            return fail(field(path, "input_schema"), QStringLiteral("Field required"));
        if (!schema.isObject())
            return failType(field(path, "input_schema"), QStringLiteral("a JSON Schema object"), schema);
        tool.parameters = schema.toObject();
        r->tools.append(tool);
    }
    return true;
}

bool MessagesRequestReader::parseToolChoice(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("tool_choice");
    if (isAbsent(v))
        return true;
    if (!v.isObject())
        return failType(path, QStringLiteral("an object such as {\"type\": \"auto\"}"), v);
    const QJsonObject o = v.toObject();
    QString type;
    if (!requireString(o, "type", field(path, "type"), &type))
        return false;
    std::optional<bool> noParallel;
    if (!optBool(o.value(QStringLiteral("disable_parallel_tool_use")), field(path, "disable_parallel_tool_use"),
            &noParallel))
        return false;
    if (noParallel.value_or(false))
        r->parallelToolCalls = false;
    if (type == QLatin1String("auto") || type == QLatin1String("none")) {
        if (!r->tools.isEmpty())
            r->toolChoice = type;
        return true;
    }
    if (type == QLatin1String("any")) {
        if (r->tools.isEmpty())
            return fail(field(path, "type"), QStringLiteral("\"any\" needs at least one tool in tools"));
        r->toolChoice = QStringLiteral("required");
        return true;
    }
    if (type != QLatin1String("tool"))
        return fail(field(path, "type"), QStringLiteral("must be one of auto, any, tool, none, got \"%1\"").arg(type));
    QString name;
    if (!requireString(o, "name", field(path, "name"), &name))
        return false;
    bool found = false;
    for (const ToolDefinition& tool : std::as_const(r->tools))
        found = found || tool.name == name;
    if (!found)
        return fail(field(path, "name"), QStringLiteral("no tool named \"%1\" in tools").arg(name));
    r->toolChoice = QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"), QJsonObject {{QStringLiteral("name"), name}}}};
    return true;
}

bool MessagesRequestReader::parseThinking(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("thinking");
    if (isAbsent(v))
        return true;
    if (!v.isObject())
        return failType(path, QStringLiteral("an object such as {\"type\": \"enabled\", \"budget_tokens\": 2048}"), v);
    const QJsonObject o = v.toObject();
    QString type;
    if (!requireString(o, "type", field(path, "type"), &type))
        return false;
    if (type == QLatin1String("disabled")) {
        r->reasoningEffort = QStringLiteral("none");
        return true;
    }
    if (type != QLatin1String("enabled"))
        return true; // "adaptive" and types to come: the model's own default
    std::optional<int> budget;
    if (!optInt(o.value(QStringLiteral("budget_tokens")), field(path, "budget_tokens"), 0, &budget))
        return false;
    const int b = budget.value_or(0);
    r->reasoningEffort = b < 4096 ? QStringLiteral("low")
        : b < 16384               ? QStringLiteral("medium")
                                  : QStringLiteral("high");
    return true;
}

bool MessagesRequestReader::parseStopSequences(const QJsonValue& v, ChatRequest* r)
{
    const QString path = QStringLiteral("stop_sequences");
    if (isAbsent(v))
        return true;
    if (!v.isArray())
        return failType(path, QStringLiteral("an array of strings"), v);
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isString())
            return failType(at(path, i), QStringLiteral("a string"), list.at(i));
        if (!list.at(i).toString().isEmpty() && !r->stop.contains(list.at(i).toString()))
            r->stop.append(list.at(i).toString());
    }
    return true;
}

} // namespace flarechat
