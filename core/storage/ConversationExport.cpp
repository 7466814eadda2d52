#include "storage/ConversationExport.h"

#include "openai/ChatJson.h"
#include "storage/ConversationStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace flarechat {

namespace {

const QString kImage = QStringLiteral("image");

QString isoTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTime(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

bool isImage(const QJsonObject& attachment)
{
    return attachment.value(QStringLiteral("type")).toString() == kImage
        && !attachment.value(QStringLiteral("url")).toString().isEmpty();
}

QString roleHeading(const QString& role)
{
    if (role == QLatin1String("user"))
        return QStringLiteral("User");
    if (role == QLatin1String("assistant"))
        return QStringLiteral("Assistant");
    if (role == QLatin1String("system"))
        return QStringLiteral("System");
    if (role == QLatin1String("developer"))
        return QStringLiteral("Developer");
    if (role == QLatin1String("tool"))
        return QStringLiteral("Tool result");
    return role;
}

// Text cut off inside a ``` block (an interrupted reply) would swallow every heading after it.
QString closeOpenFence(const QString& text)
{
    static const QRegularExpression fence(QStringLiteral("^ {0,3}(```|~~~)"), QRegularExpression::MultilineOption);
    int count = 0;
    auto it = fence.globalMatch(text);
    QString marker;
    while (it.hasNext()) {
        marker = it.next().captured(1);
        ++count;
    }
    if (count % 2 == 0)
        return text;
    return text + (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) + marker;
}

QJsonObject messageMeta(const StoredMessage& m)
{
    QJsonObject meta;
    if (!m.model.isEmpty())
        meta.insert(QStringLiteral("model"), m.model);
    if (m.created.isValid())
        meta.insert(QStringLiteral("created"), isoTime(m.created));
    if (m.state != MessageState::Complete)
        meta.insert(QStringLiteral("state"), messageStateName(m.state));
    if (!m.error.isEmpty())
        meta.insert(QStringLiteral("error"), m.error);
    if (m.usage.valid)
        meta.insert(QStringLiteral("usage"), ChatJson::usage(m.usage));
    if (!m.timings.isEmpty()) {
        QJsonObject t;
        if (m.timings.ttftMs >= 0)
            t.insert(QStringLiteral("ttft_ms"), m.timings.ttftMs);
        if (m.timings.durationMs >= 0)
            t.insert(QStringLiteral("duration_ms"), m.timings.durationMs);
        if (m.timings.tokensPerSecond >= 0)
            t.insert(QStringLiteral("tokens_per_second"), m.timings.tokensPerSecond);
        meta.insert(QStringLiteral("timings"), t);
    }
    if (!m.attachments.isEmpty())
        meta.insert(QStringLiteral("attachments"), m.attachments);
    if (!m.parameters.isEmpty())
        meta.insert(QStringLiteral("parameters"), m.parameters);
    if (!m.finishReason.isEmpty())
        meta.insert(QStringLiteral("finish_reason"), m.finishReason);
    return meta;
}

void applyMeta(StoredMessage& m, const QJsonObject& meta)
{
    m.model = meta.value(QStringLiteral("model")).toString();
    m.created = parseTime(meta.value(QStringLiteral("created")));
    m.state = messageStateFromName(meta.value(QStringLiteral("state")).toString()).value_or(MessageState::Complete);
    m.error = meta.value(QStringLiteral("error")).toString();
    if (meta.value(QStringLiteral("usage")).isObject())
        m.usage = ChatJson::readUsage(meta.value(QStringLiteral("usage")).toObject());
    const QJsonObject t = meta.value(QStringLiteral("timings")).toObject();
    m.timings.ttftMs = t.value(QStringLiteral("ttft_ms")).toInteger(-1);
    m.timings.durationMs = t.value(QStringLiteral("duration_ms")).toInteger(-1);
    m.timings.tokensPerSecond = t.value(QStringLiteral("tokens_per_second")).toDouble(-1);
    if (meta.value(QStringLiteral("attachments")).isArray())
        m.attachments = meta.value(QStringLiteral("attachments")).toArray();
    m.parameters = meta.value(QStringLiteral("parameters")).toObject();
    m.finishReason = meta.value(QStringLiteral("finish_reason")).toString();
}

} // namespace

QJsonObject ConversationExport::messageToJson(const StoredMessage& m)
{
    QJsonObject o {{QStringLiteral("role"), m.role}};
    QJsonArray images;
    for (const QJsonValue& a : m.attachments) {
        if (isImage(a.toObject())) {
            images.append(QJsonObject {
                {QStringLiteral("type"), QStringLiteral("image_url")},
                {QStringLiteral("image_url"),
                    QJsonObject {{QStringLiteral("url"), a.toObject().value(QStringLiteral("url"))}}},
            });
        }
    }
    if (!images.isEmpty()) {
        QJsonArray parts;
        if (!m.content.isEmpty())
            parts.append(
                QJsonObject {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), m.content}});
        for (const QJsonValue& image : std::as_const(images))
            parts.append(image);
        o.insert(QStringLiteral("content"), parts);
    } else if (m.content.isEmpty() && !m.toolCalls.isEmpty()) {
        o.insert(QStringLiteral("content"), QJsonValue::Null); // OpenAI's form for a tool-call-only turn
    } else {
        o.insert(QStringLiteral("content"), m.content);
    }
    if (!m.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning_content"), m.reasoning);
    if (!m.toolCalls.isEmpty())
        o.insert(QStringLiteral("tool_calls"), m.toolCalls);
    if (!m.toolCallId.isEmpty())
        o.insert(QStringLiteral("tool_call_id"), m.toolCallId);
    return o;
}

ChatMessage ConversationExport::toChatMessage(const StoredMessage& m)
{
    ChatMessage c = ChatMessage::make(m.role, m.content);
    for (const QJsonValue& a : m.attachments) {
        if (isImage(a.toObject()))
            c.parts.append(ContentPart::makeImage(a.toObject().value(QStringLiteral("url")).toString()));
    }
    if (!c.parts.isEmpty()) {
        if (!m.content.isEmpty())
            c.parts.prepend(ContentPart::makeText(m.content));
        c.contentKind = ChatMessage::ContentKind::Parts;
        c.text.clear();
    } else if (m.content.isEmpty() && !m.toolCalls.isEmpty()) {
        c.contentKind = ChatMessage::ContentKind::Null;
    }
    c.toolCalls = ChatJson::readToolCalls(m.toolCalls);
    c.toolCallId = m.toolCallId;
    c.reasoning = m.reasoning;
    return c;
}

QJsonObject ConversationExport::toJson(const Conversation& conversation, const QList<StoredMessage>& messages)
{
    QJsonArray out;
    QJsonArray meta;
    if (!conversation.systemPrompt.isEmpty()) {
        out.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
            {QStringLiteral("content"), conversation.systemPrompt}});
        meta.append(QJsonObject {{QStringLiteral("system_prompt"), true}});
    }
    Usage total;
    for (const StoredMessage& m : messages) {
        out.append(messageToJson(m));
        meta.append(messageMeta(m));
        if (m.usage.valid) {
            total.valid = true;
            total.promptTokens += m.usage.promptTokens;
            total.completionTokens += m.usage.completionTokens;
            total.totalTokens += m.usage.totalTokens;
        }
    }

    QJsonObject flarechat {
        {QStringLiteral("format"), kFormatVersion},
        {QStringLiteral("title"), conversation.title},
        {QStringLiteral("created"), isoTime(conversation.created)},
        {QStringLiteral("updated"), isoTime(conversation.updated)},
        {QStringLiteral("pinned"), conversation.pinned},
        {QStringLiteral("parameters"), conversation.parameters},
        {QStringLiteral("messages"), meta},
    };
    QJsonObject root {
        {QStringLiteral("model"), conversation.model},
        {QStringLiteral("messages"), out},
        {QStringLiteral("flarechat"), flarechat},
    };
    if (total.valid)
        root.insert(QStringLiteral("usage"), ChatJson::usage(total));
    return root;
}

QByteArray ConversationExport::toJsonText(const Conversation& conversation, const QList<StoredMessage>& messages)
{
    return QJsonDocument(toJson(conversation, messages)).toJson(QJsonDocument::Indented);
}

QString ConversationExport::toMarkdown(const Conversation& conversation, const QList<StoredMessage>& messages)
{
    QString md;
    md += QStringLiteral("# %1\n\n")
              .arg(conversation.title.isEmpty() ? QStringLiteral("Conversation") : conversation.title);
    QStringList about;
    if (!conversation.model.isEmpty())
        about.append(QStringLiteral("Model: `%1`").arg(conversation.model));
    if (conversation.created.isValid())
        about.append(QStringLiteral("Created: %1").arg(conversation.created.toString(Qt::ISODate)));
    if (!about.isEmpty())
        md += QStringLiteral("*%1*\n\n").arg(about.join(QStringLiteral(" · ")));
    if (!conversation.systemPrompt.isEmpty())
        md += QStringLiteral("## System\n\n%1\n\n").arg(closeOpenFence(conversation.systemPrompt));

    for (const StoredMessage& m : messages) {
        QString heading = roleHeading(m.role);
        if (m.role == QLatin1String("assistant") && !m.model.isEmpty())
            heading += QStringLiteral(" · %1").arg(m.model);
        if (m.role == QLatin1String("tool") && !m.toolCallId.isEmpty())
            heading += QStringLiteral(" · `%1`").arg(m.toolCallId);
        md += QStringLiteral("## %1\n\n").arg(heading);

        if (!m.reasoning.isEmpty()) {
            // Blank lines around the body let Markdown inside <details> render.
            md += QStringLiteral("<details>\n<summary>Thinking</summary>\n\n%1\n\n</details>\n\n")
                      .arg(closeOpenFence(m.reasoning.trimmed()));
        }
        if (!m.content.isEmpty()) {
            QString body = closeOpenFence(m.content);
            while (body.endsWith(QLatin1Char('\n')))
                body.chop(1);
            md += body + QStringLiteral("\n\n");
        }
        for (const QJsonValue& v : m.toolCalls) {
            const QJsonObject function = v.toObject().value(QStringLiteral("function")).toObject();
            md += QStringLiteral("**Tool call** `%1`\n\n```json\n%2\n```\n\n")
                      .arg(function.value(QStringLiteral("name")).toString(),
                          function.value(QStringLiteral("arguments")).toString());
        }
        QStringList names;
        for (const QJsonValue& a : m.attachments) {
            const QString name = a.toObject().value(QStringLiteral("name")).toString();
            names.append(name.isEmpty() ? a.toObject().value(QStringLiteral("type")).toString() : name);
        }
        if (!names.isEmpty())
            md += QStringLiteral("*Attachments: %1*\n\n").arg(names.join(QStringLiteral(", ")));
        if (!m.error.isEmpty())
            md += QStringLiteral("> **Error:** %1\n\n").arg(m.error);
        else if (m.state == MessageState::Interrupted)
            md += QStringLiteral("> *Interrupted*\n\n");
    }
    while (md.endsWith(QStringLiteral("\n\n")))
        md.chop(1);
    return md;
}

std::optional<ConversationExport::Imported> ConversationExport::fromJson(const QByteArray& json, QString* error)
{
    const auto failWith = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failWith(
            QStringLiteral("not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = doc.object();
    if (!root.value(QStringLiteral("messages")).isArray())
        return failWith(QStringLiteral("not a conversation export: no \"messages\" array"));
    const QJsonArray messages = root.value(QStringLiteral("messages")).toArray();
    const QJsonObject flarechat = root.value(QStringLiteral("flarechat")).toObject();
    const QJsonArray meta = flarechat.value(QStringLiteral("messages")).toArray();
    if (flarechat.value(QStringLiteral("format")).toInt(kFormatVersion) > kFormatVersion)
        return failWith(QStringLiteral("written by a newer FlareChat (format %1)")
                            .arg(flarechat.value(QStringLiteral("format")).toInt()));

    Imported result;
    Conversation& c = result.conversation;
    c.model = root.value(QStringLiteral("model")).toString();
    c.title = flarechat.value(QStringLiteral("title")).toString();
    c.created = parseTime(flarechat.value(QStringLiteral("created")));
    c.updated = parseTime(flarechat.value(QStringLiteral("updated")));
    c.pinned = flarechat.value(QStringLiteral("pinned")).toBool();
    c.parameters = flarechat.value(QStringLiteral("parameters")).toObject();

    static const QStringList roles {QStringLiteral("system"), QStringLiteral("developer"), QStringLiteral("user"),
        QStringLiteral("assistant"), QStringLiteral("tool")};
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString where = QStringLiteral("messages[%1]").arg(i);
        if (!messages.at(i).isObject())
            return failWith(QStringLiteral("%1: expected an object").arg(where));
        const QJsonObject o = messages.at(i).toObject();
        StoredMessage m;
        m.role = o.value(QStringLiteral("role")).toString();
        if (!roles.contains(m.role))
            return failWith(QStringLiteral("%1.role: expected one of %2").arg(where, roles.join(QStringLiteral(", "))));

        const QJsonValue content = o.value(QStringLiteral("content"));
        if (content.isString()) {
            m.content = content.toString();
        } else if (content.isArray()) {
            QStringList texts;
            for (const QJsonValue& p : content.toArray()) {
                const QJsonObject part = p.toObject();
                const QString type = part.value(QStringLiteral("type")).toString();
                if (type == QLatin1String("text")) {
                    texts.append(part.value(QStringLiteral("text")).toString());
                } else if (type == QLatin1String("image_url")) {
                    const QJsonValue url = part.value(QStringLiteral("image_url"));
                    m.attachments.append(QJsonObject {{QStringLiteral("type"), kImage},
                        {QStringLiteral("url"),
                            url.isObject() ? url[QStringLiteral("url")].toString() : url.toString()}});
                } else {
                    return failWith(QStringLiteral("%1.content: unknown part type \"%2\"").arg(where, type));
                }
            }
            m.content = texts.join(QLatin1Char('\n'));
        } else if (!content.isNull() && !content.isUndefined()) {
            return failWith(QStringLiteral("%1.content: expected a string, null or an array of parts").arg(where));
        }
        m.reasoning
            = o.value(QStringLiteral("reasoning_content")).toString(o.value(QStringLiteral("reasoning")).toString());
        m.toolCalls = o.value(QStringLiteral("tool_calls")).toArray();
        m.toolCallId = o.value(QStringLiteral("tool_call_id")).toString();

        const QJsonObject extra = meta.at(i).toObject();
        if (i == 0 && m.role == QLatin1String("system")
            && (meta.isEmpty() || extra.value(QStringLiteral("system_prompt")).toBool())) {
            c.systemPrompt = m.content;
            continue;
        }
        applyMeta(m, extra);
        result.messages.append(m);
    }
    if (!flarechat.contains(QStringLiteral("title"))) {
        // A plain OpenAI body: name it as the store names a new conversation.
        for (const StoredMessage& m : std::as_const(result.messages)) {
            if (m.role == QLatin1String("user")) {
                c.title = ConversationStore::titleFromText(m.content);
                break;
            }
        }
    }
    return result;
}

QString ConversationExport::toMarkdown(const ConversationStore& store, qint64 conversationId)
{
    const auto c = store.conversation(conversationId);
    return c ? toMarkdown(*c, store.activePath(conversationId)) : QString();
}

QByteArray ConversationExport::toJsonText(const ConversationStore& store, qint64 conversationId)
{
    const auto c = store.conversation(conversationId);
    return c ? toJsonText(*c, store.activePath(conversationId)) : QByteArray();
}

std::optional<qint64> ConversationExport::importJson(ConversationStore& store, const QByteArray& json, QString* error)
{
    const auto imported = fromJson(json, error);
    if (!imported)
        return std::nullopt;
    const auto id = store.insertConversation(imported->conversation, imported->messages);
    if (!id && error)
        *error = store.lastError();
    return id;
}

} // namespace flarechat
