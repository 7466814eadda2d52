#include "OpenAiTestClient.h"

#include "http/SseParser.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

namespace flarechat::test {

namespace {
QJsonObject firstChoice(const QJsonObject& o)
{
    return o.value(QStringLiteral("choices")).toArray().first().toObject();
}

QString joinedDelta(const QList<QJsonObject>& events, const QString& field)
{
    QString s;
    for (const QJsonObject& e : events)
        s += firstChoice(e).value(QStringLiteral("delta")).toObject().value(field).toString();
    return s;
}
} // namespace

QJsonObject ApiReply::message() const
{
    return firstChoice(json).value(QStringLiteral("message")).toObject();
}

QString ApiReply::streamedContent() const
{
    return joinedDelta(events, QStringLiteral("content"));
}

QString ApiReply::streamedReasoning() const
{
    return joinedDelta(events, QStringLiteral("reasoning_content"));
}

QString ApiReply::finishReason() const
{
    if (events.isEmpty())
        return firstChoice(json).value(QStringLiteral("finish_reason")).toString();
    QString finish;
    for (const QJsonObject& e : events) {
        const QJsonValue v = firstChoice(e).value(QStringLiteral("finish_reason"));
        if (v.isString())
            finish = v.toString();
    }
    return finish;
}

QJsonArray ApiReply::toolCalls() const
{
    if (events.isEmpty())
        return message().value(QStringLiteral("tool_calls")).toArray();
    // OpenAI's stream: the first delta of a call carries its index, id, type and name; later
    // ones append to function.arguments.
    QList<QJsonObject> calls;
    for (const QJsonObject& e : events) {
        const QJsonArray deltas
            = firstChoice(e).value(QStringLiteral("delta")).toObject().value(QStringLiteral("tool_calls")).toArray();
        for (const QJsonValue& v : deltas) {
            const QJsonObject d = v.toObject();
            const int index = d.value(QStringLiteral("index")).toInt(-1);
            if (index < 0)
                continue;
            while (calls.size() <= index)
                calls.append(QJsonObject {});
            QJsonObject& call = calls[index];
            for (const QString& key : {QStringLiteral("id"), QStringLiteral("type")}) {
                if (d.contains(key))
                    call.insert(key, d.value(key));
            }
            const QJsonObject f = d.value(QStringLiteral("function")).toObject();
            QJsonObject function = call.value(QStringLiteral("function")).toObject();
            if (f.contains(QStringLiteral("name")))
                function.insert(QStringLiteral("name"),
                    function.value(QStringLiteral("name")).toString() + f.value(QStringLiteral("name")).toString());
            function.insert(QStringLiteral("arguments"),
                function.value(QStringLiteral("arguments")).toString()
                    + f.value(QStringLiteral("arguments")).toString());
            call.insert(QStringLiteral("function"), function);
        }
    }
    QJsonArray out;
    for (const QJsonObject& c : calls)
        out.append(c);
    return out;
}

ApiReply OpenAiTestClient::call(const QByteArray& method, const QString& path, const QJsonObject& body,
    const QList<QPair<QByteArray, QByteArray>>& headers, bool withKey)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    if (withKey && !m_key.isEmpty())
        req.setRawHeader("Authorization", QByteArray("Bearer ") + m_key);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto& h : headers)
        req.setRawHeader(h.first, h.second);
    QNetworkReply* reply = m_nam.sendCustomRequest(
        req, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    ApiReply r;
    if (!done.wait(20000)) {
        reply->abort();
        reply->deleteLater();
        return r;
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    for (const auto& pair : reply->rawHeaderPairs())
        r.headers.insert(pair.first.toLower(), pair.second);
    r.json = QJsonDocument::fromJson(r.body).object();
    if (r.headers.value("content-type").startsWith("text/event-stream")) {
        SseParser sse;
        QList<SseParser::Event> events = sse.feed(r.body);
        events += sse.finish();
        r.comments = static_cast<int>(sse.commentCount());
        for (const SseParser::Event& e : events) {
            r.rawEvents.append(e.data);
            const QJsonDocument d = QJsonDocument::fromJson(e.data);
            if (d.isObject())
                r.events.append(d.object());
        }
    }
    reply->deleteLater();
    return r;
}

QJsonObject chatBody(const QString& model, const QString& text, bool stream)
{
    return QJsonObject {{QStringLiteral("model"), model}, {QStringLiteral("stream"), stream},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}}};
}

} // namespace flarechat::test
