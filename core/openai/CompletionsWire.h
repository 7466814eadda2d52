#pragma once

#include "openai/ChatTypes.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace flarechat {

// OpenAI's legacy Completions API (/v1/completions) on top of chat: a prompt becomes one user
// message, the rest of the body is validated by ChatRequestReader (so parameter errors read the
// same everywhere), and the reply is a text_completion. Pure code.
namespace CompletionsWire {

struct Request
{
    ChatRequest chat;
    QString echoPrefix; // "echo": the prompt, to put in front of the text; empty otherwise
};
// Reads and validates the body: one prompt string (token arrays, several prompts, suffix and
// logprobs are refused with an explanation); max_tokens defaults to 16, as OpenAI's does.
std::optional<Request> readRequest(const QJsonObject& body, ApiError* error);

QString newCompletionId(); // "cmpl-…"
QJsonObject textCompletion(const QString& id, qint64 created, const QString& model, const QString& text,
    const QString& finishReason, const Usage& usage);
QJsonObject textCompletionChunk(
    const QString& id, qint64 created, const QString& model, const QString& text, const QJsonValue& finishReason);

} // namespace CompletionsWire
} // namespace flarechat
