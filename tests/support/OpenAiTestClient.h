#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace flarechat::test {

// One answer of FlareChat's local API as an OpenAI client sees it.
struct ApiReply
{
    int status = 0; // 0: no answer within the wait
    QByteArray body;
    QJsonObject json; // the body parsed, empty if it is not a JSON object
    QList<QJsonObject> events; // SSE data events as JSON (non-JSON ones, [DONE], skipped)
    QList<QByteArray> rawEvents; // every SSE data payload
    int comments = 0; // SSE comment lines (keep-alives)
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QJsonObject error() const { return json.value(QStringLiteral("error")).toObject(); }
    QJsonObject message() const; // choices[0].message of a chat.completion
    QString streamedContent() const; // delta.content of every chunk, joined
    QString streamedReasoning() const; // delta.reasoning_content of every chunk, joined
    QString finishReason() const; // of choices[0], whole or streamed (the last non-null one)
    // The assistant's tool calls, whole or assembled from the stream's deltas by index:
    // [{id, type, function:{name, arguments}}].
    QJsonArray toolCalls() const;
};

// An HTTP client of ApiServer on 127.0.0.1:port, sending a Bearer key, for integration tests.
// It waits on the reply's own finished signal (the server may run on another thread).
class OpenAiTestClient final
{
public:
    explicit OpenAiTestClient(QByteArray key = {})
        : m_key(std::move(key))
    {
    }
    void setPort(quint16 port) { m_port = port; }

    ApiReply call(const QByteArray& method, const QString& path, const QJsonObject& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {}, bool withKey = true);
    ApiReply post(
        const QString& path, const QJsonObject& body, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return call("POST", path, body, headers);
    }
    ApiReply chat(const QJsonObject& body, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return post(QStringLiteral("/v1/chat/completions"), body, headers);
    }

private:
    QNetworkAccessManager m_nam;
    QByteArray m_key;
    quint16 m_port = 0;
};

// {"model", "stream", "messages":[{"role":"user","content":text}]}
QJsonObject chatBody(const QString& model, const QString& text, bool stream = false);

} // namespace flarechat::test
