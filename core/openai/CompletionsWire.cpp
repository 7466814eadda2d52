#include "CompletionsWire.h"

#include "openai/ChatCompletionWire.h"
#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"

#include <QJsonArray>

namespace flarechat::CompletionsWire {

std::optional<Request> readRequest(const QJsonObject& body, ApiError* error)
{
    ApiError local;
    ApiError* err = error ? error : &local;
    const QJsonValue prompt = body.value(QStringLiteral("prompt"));
    QString text;
    if (prompt.isString()) {
        text = prompt.toString();
    } else if (prompt.isArray() && prompt.toArray().size() == 1 && prompt.toArray().first().isString()) {
        text = prompt.toArray().first().toString();
    } else if (prompt.isArray() && prompt.toArray().size() > 1) {
        *err = ApiError::invalidRequest(
            QStringLiteral("prompt: only one prompt per request is supported."), QStringLiteral("prompt"));
        return std::nullopt;
    } else {
        *err = ApiError::invalidRequest(
            QStringLiteral("prompt: expected a string (token arrays are not supported)."), QStringLiteral("prompt"));
        return std::nullopt;
    }
    if (!body.value(QStringLiteral("suffix")).toString().isEmpty()) {
        *err = ApiError::invalidRequest(
            QStringLiteral("suffix: insertion is not supported by Workers AI."), QStringLiteral("suffix"));
        return std::nullopt;
    }
    const QJsonValue logprobs = body.value(QStringLiteral("logprobs"));
    if (!logprobs.isNull() && !logprobs.isUndefined() && logprobs.toInt() != 0) {
        *err = ApiError::invalidRequest(
            QStringLiteral("logprobs: log probabilities are not supported."), QStringLiteral("logprobs"));
        return std::nullopt;
    }
    const bool echo = body.value(QStringLiteral("echo")).toBool(false);

    // The rest is validated by the chat reader, so parameter errors read the same everywhere.
    QJsonObject chat = body;
    for (const char* key : {"prompt", "suffix", "echo", "logprobs", "best_of"})
        chat.remove(QLatin1String(key));
    chat.insert(QStringLiteral("messages"),
        QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}});
    if (!chat.contains(QStringLiteral("max_tokens")))
        chat.insert(QStringLiteral("max_tokens"), 16); // OpenAI's default for /v1/completions
    std::optional<ChatRequest> request = ChatRequestReader::read(chat, err);
    if (!request) {
        if (err->param.startsWith(QLatin1String("messages")))
            err->param = QStringLiteral("prompt");
        return std::nullopt;
    }
    return Request {*request, echo ? text : QString()};
}

QString newCompletionId()
{
    return ChatCompletionWire::newId("cmpl-");
}

QJsonObject textCompletion(const QString& id, qint64 created, const QString& model, const QString& text,
    const QString& finishReason, const Usage& usage)
{
    QJsonObject choice {{QStringLiteral("text"), text}, {QStringLiteral("index"), 0},
        {QStringLiteral("logprobs"), QJsonValue::Null},
        {QStringLiteral("finish_reason"), finishReason.isEmpty() ? QStringLiteral("stop") : finishReason}};
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("text_completion")},
        {QStringLiteral("created"), created},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"), QJsonArray {choice}},
        {QStringLiteral("usage"), ChatJson::usageCounts(usage)},
    };
}

QJsonObject textCompletionChunk(
    const QString& id, qint64 created, const QString& model, const QString& text, const QJsonValue& finishReason)
{
    QJsonObject choice {{QStringLiteral("text"), text}, {QStringLiteral("index"), 0},
        {QStringLiteral("logprobs"), QJsonValue::Null}, {QStringLiteral("finish_reason"), finishReason}};
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("text_completion")},
        {QStringLiteral("created"), created},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"), QJsonArray {choice}},
    };
}

} // namespace flarechat::CompletionsWire
