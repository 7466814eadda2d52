#pragma once

// Anthropic's Messages API as a test client sees it (integration.apianthropic*): an event stream
// read into names and JSON data, and request bodies. Header-only.
#include "http/SseParser.h"

#include <QByteArrayList>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace flarechat::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;
inline const Headers kAnthropic {{"anthropic-version", "2023-06-01"}};

// An Anthropic stream as a client reads it: every event's name and JSON data, in order.
struct Stream
{
    QByteArrayList names;
    QList<QJsonObject> data;
    bool namesMatchTypes = true; // every event: line equals its data's "type"

    QString text() const { return deltas("text_delta", "text"); }
    QString thinking() const { return deltas("thinking_delta", "thinking"); }
    QString deltas(const char* type, const char* key) const
    {
        QString out;
        for (const QJsonObject& d : data) {
            const QJsonObject delta = d.value(QStringLiteral("delta")).toObject();
            if (delta.value(QStringLiteral("type")).toString() == QLatin1String(type))
                out += delta.value(QLatin1String(key)).toString();
        }
        return out;
    }
    QJsonObject first(const char* name) const
    {
        const qsizetype i = names.indexOf(QByteArray(name));
        return i < 0 ? QJsonObject() : data.at(i);
    }
};

inline Stream readStream(const QByteArray& body)
{
    Stream s;
    SseParser sse;
    for (const SseParser::Event& e : sse.feed(body)) {
        s.names.append(e.event);
        const QJsonObject o = QJsonDocument::fromJson(e.data).object();
        s.data.append(o);
        s.namesMatchTypes
            = s.namesMatchTypes && o.value(QStringLiteral("type")).toString() == QString::fromLatin1(e.event);
    }
    return s;
}

inline QJsonObject userText(const QString& text)
{
    return QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}};
}

inline QJsonObject messagesBody(const QString& model, const QJsonArray& messages, bool stream = false)
{
    return QJsonObject {{QStringLiteral("model"), model}, {QStringLiteral("max_tokens"), 1024},
        {QStringLiteral("stream"), stream}, {QStringLiteral("messages"), messages}};
}

inline QJsonObject weatherTool()
{
    return QJsonDocument::fromJson(R"({"name":"get_weather","description":"The weather in a city",
        "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}})")
        .object();
}

inline QString errorType(const QJsonObject& json)
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("type")).toString();
}

} // namespace flarechat::test
