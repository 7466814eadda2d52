// Text helpers of the fake: what a default reply says, the fake's tokenizer and prompt-token
// estimate (documented in README.md so that clients can stay under a context window), sample
// values for JSON Schemas, and a scanner that keeps each message's raw bytes for the prefix cache.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiInternal.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace flarechat::test {

namespace detail {

QString textOf(const QJsonValue& content)
{
    if (content.isString())
        return content.toString();
    QStringList parts;
    const QJsonArray array = content.toArray();
    for (const QJsonValue& p : array) {
        const QJsonObject part = p.toObject();
        if (part.value(QLatin1String("text")).isString())
            parts.append(part.value(QLatin1String("text")).toString());
    }
    return parts.join(QLatin1Char(' '));
}

int wordCount(const QString& s)
{
    return int(s.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size());
}

int messageTokens(const QJsonObject& message)
{
    int n = 4 + FakeWorkersAi::countTokens(textOf(message.value(QLatin1String("content"))));
    for (const QJsonValue& v : message.value(QLatin1String("tool_calls")).toArray()) {
        const QJsonObject call = v.toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        const QJsonValue name
            = function.isEmpty() ? call.value(QLatin1String("name")) : function.value(QLatin1String("name"));
        const QJsonValue args
            = function.isEmpty() ? call.value(QLatin1String("arguments")) : function.value(QLatin1String("arguments"));
        n += FakeWorkersAi::countTokens(name.toString());
        n += FakeWorkersAi::countTokens(args.isString()
                ? args.toString()
                : QString::fromUtf8(QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact)));
    }
    return n;
}

namespace {

qsizetype skipWs(const QByteArray& s, qsizetype i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

// Past the JSON string that starts at i (a '"'), or -1.
qsizetype skipString(const QByteArray& s, qsizetype i)
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

// Past the JSON value that starts at i, or -1. Only framing is checked: the body has already
// been parsed by QJsonDocument.
qsizetype skipValue(const QByteArray& s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = skipString(s, i);
                if (i < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return -1;
    }
    while (i < s.size() && !QByteArrayLiteral(",}] \t\r\n").contains(s[i]))
        ++i;
    return i;
}

} // namespace

QList<QByteArray> rawArrayItems(const QByteArray& json, const QByteArray& key)
{
    qsizetype i = skipWs(json, 0);
    if (i >= json.size() || json[i] != '{')
        return {};
    i = skipWs(json, i + 1);
    while (i < json.size() && json[i] == '"') {
        const qsizetype keyEnd = skipString(json, i);
        if (keyEnd < 0)
            return {};
        const QByteArray name = json.mid(i + 1, keyEnd - i - 2);
        i = skipWs(json, keyEnd);
        if (i >= json.size() || json[i] != ':')
            return {};
        i = skipWs(json, i + 1);
        if (name == key && i < json.size() && json[i] == '[') {
            QList<QByteArray> items;
            i = skipWs(json, i + 1);
            while (i < json.size() && json[i] != ']') {
                const qsizetype end = skipValue(json, i);
                if (end < 0)
                    return {};
                items.append(json.mid(i, end - i));
                i = skipWs(json, end);
                if (i < json.size() && json[i] == ',')
                    i = skipWs(json, i + 1);
            }
            return items;
        }
        i = skipValue(json, i);
        if (i < 0)
            return {};
        i = skipWs(json, i);
        if (i < json.size() && json[i] == ',')
            i = skipWs(json, i + 1);
    }
    return {};
}

QString lastUserText(const QJsonObject& body)
{
    const QString reply = FakeWorkersAi::replyTextFor(body);
    const QString prefix = QStringLiteral("You said: ");
    return reply.startsWith(prefix) ? reply.mid(prefix.size()) : reply;
}

QString toolName(const QJsonValue& tool)
{
    const QJsonObject o = tool.toObject();
    if (o.contains(QLatin1String("function")))
        return o.value(QLatin1String("function")).toObject().value(QLatin1String("name")).toString();
    return o.value(QLatin1String("name")).toString();
}

QJsonObject toolParameters(const QJsonValue& tool)
{
    const QJsonObject o = tool.toObject();
    if (o.contains(QLatin1String("function")))
        return o.value(QLatin1String("function")).toObject().value(QLatin1String("parameters")).toObject();
    return o.value(QLatin1String("parameters")).toObject();
}

QJsonValue sampleFor(const QJsonObject& schema, const QString& text, int depth)
{
    if (depth > 6)
        return QJsonValue();
    const QJsonArray enumValues = schema.value(QLatin1String("enum")).toArray();
    if (!enumValues.isEmpty())
        return enumValues.first();
    QString type = schema.value(QLatin1String("type")).toString();
    if (type.isEmpty() && schema.contains(QLatin1String("properties")))
        type = QStringLiteral("object");
    if (type == QLatin1String("string"))
        return text;
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return 42;
    if (type == QLatin1String("boolean"))
        return true;
    if (type == QLatin1String("array"))
        return QJsonArray {sampleFor(schema.value(QLatin1String("items")).toObject(), text, depth + 1)};
    if (type == QLatin1String("object")) {
        QJsonObject out;
        const QJsonObject props = schema.value(QLatin1String("properties")).toObject();
        for (auto it = props.begin(); it != props.end(); ++it)
            out.insert(it.key(), sampleFor(it.value().toObject(), text, depth + 1));
        return out;
    }
    return QJsonValue();
}

} // namespace detail

QString FakeWorkersAi::replyTextFor(const QJsonObject& body)
{
    using detail::textOf;
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    if (!messages.isEmpty()) {
        const QJsonObject last = messages.last().toObject();
        if (last.value(QLatin1String("role")).toString() == QLatin1String("tool"))
            return QStringLiteral("Tool result: ") + textOf(last.value(QLatin1String("content")));
        for (qsizetype i = messages.size() - 1; i >= 0; --i) {
            const QJsonObject m = messages.at(i).toObject();
            if (m.value(QLatin1String("role")).toString() == QLatin1String("user"))
                return QStringLiteral("You said: ") + textOf(m.value(QLatin1String("content")));
        }
        return QStringLiteral("You said: ");
    }
    if (body.value(QLatin1String("prompt")).isString())
        return QStringLiteral("You said: ") + body.value(QLatin1String("prompt")).toString();
    const QJsonValue input = body.value(QLatin1String("input"));
    if (input.isString())
        return QStringLiteral("You said: ") + input.toString();
    const QJsonArray items = input.toArray();
    for (qsizetype i = items.size() - 1; i >= 0; --i) {
        const QJsonObject m = items.at(i).toObject();
        if (m.value(QLatin1String("role")).toString() == QLatin1String("user"))
            return QStringLiteral("You said: ") + textOf(m.value(QLatin1String("content")));
    }
    return QStringLiteral("You said: ");
}

QStringList FakeWorkersAi::splitTokens(const QString& text)
{
    // Word-sized tokens with their leading space, long words cut in 12-character pieces:
    // "You said: hi" -> "You", " said:", " hi".
    static const QRegularExpression re(QStringLiteral("\\s*\\S{1,12}|\\s+$"));
    QStringList out;
    auto it = re.globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured());
    return out;
}

int FakeWorkersAi::countTokens(const QString& text)
{
    // The same cut as splitTokens(): every run of up to 12 non-space characters is one token.
    int n = 0;
    qsizetype run = 0;
    for (const QChar c : text) {
        if (c.isSpace()) {
            n += int((run + 11) / 12);
            run = 0;
        } else {
            ++run;
        }
    }
    return n + int((run + 11) / 12);
}

int FakeWorkersAi::promptTokensFor(const QJsonObject& body)
{
    using detail::textOf;
    int n = 0;
    for (const QJsonValue& v : body.value(QLatin1String("messages")).toArray())
        n += detail::messageTokens(v.toObject());
    if (body.value(QLatin1String("prompt")).isString())
        n += 4 + countTokens(body.value(QLatin1String("prompt")).toString());
    const QJsonValue input = body.value(QLatin1String("input"));
    if (input.isString())
        n += 4 + countTokens(input.toString());
    for (const QJsonValue& v : input.toArray())
        n += 4 + countTokens(textOf(v.toObject().value(QLatin1String("content"))));
    if (body.value(QLatin1String("instructions")).isString())
        n += 4 + countTokens(body.value(QLatin1String("instructions")).toString());
    n += int(body.value(QLatin1String("tools")).toArray().size()) * 10;
    return qMax(1, n);
}

} // namespace flarechat::test
