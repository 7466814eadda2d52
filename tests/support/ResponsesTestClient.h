#pragma once

// OpenAI's Responses API as a test client sees it (integration.apiresponses*): request bodies and
// the pieces of a response or its event stream. Header-only; Stream and readStream (named SSE
// events) come from AnthropicTestClient.h, as both APIs send named events.
#include "AnthropicTestClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat::test {

inline QJsonObject responsesBody(const QString& model, const QJsonValue& input, bool stream = false)
{
    return QJsonObject {
        {QStringLiteral("model"), model}, {QStringLiteral("input"), input}, {QStringLiteral("stream"), stream}};
}

inline QJsonObject functionTool()
{
    return QJsonDocument::fromJson(R"({"type":"function","name":"get_weather","description":"The weather in a city",
        "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}})")
        .object();
}

inline QJsonObject item(const QString& type, const QJsonObject& fields)
{
    QJsonObject o = fields;
    o.insert(QStringLiteral("type"), type);
    return o;
}

inline QString deltas(const Stream& s, const char* name)
{
    QString out;
    for (qsizetype i = 0; i < s.names.size(); ++i) {
        if (s.names[i] == name)
            out += s.data[i].value(QStringLiteral("delta")).toString();
    }
    return out;
}

inline QJsonArray outputOf(const QJsonObject& response)
{
    return response.value(QStringLiteral("output")).toArray();
}

inline QJsonObject outputOfType(const QJsonObject& response, const QString& type)
{
    for (const QJsonValue& v : outputOf(response)) {
        if (v.toObject().value(QStringLiteral("type")).toString() == type)
            return v.toObject();
    }
    return {};
}

inline QString messageText(const QJsonObject& response)
{
    QString text;
    for (const QJsonValue& v :
        outputOfType(response, QStringLiteral("message")).value(QStringLiteral("content")).toArray())
        text += v.toObject().value(QStringLiteral("text")).toString();
    return text;
}

} // namespace flarechat::test
