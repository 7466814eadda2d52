#pragma once

#include "openai/ChatTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace flarechat {

// What OpenAI's Chat Completions API sends back, byte for byte as the SDKs expect it: a whole
// chat.completion, and the chat.completion.chunk events of a stream (role chunk, deltas with
// tool calls named on their first delta, finish chunk, usage chunk). Pure code; the server's
// OpenAiCompletionSession writes these, ChunkWriter serialises the delta chunks fast.
namespace ChatCompletionWire {

QString newId(const char* prefix); // prefix + 29 random alphanumerics
QString newChatId(); // "chatcmpl-…"

QJsonObject message(const ChatResult& result, bool includeReasoning);
QJsonObject chatCompletion(
    const QString& id, qint64 created, const QString& model, const ChatResult& result, bool includeReasoning = true);

// Stream chunks. Every chunk carries "usage": null when the client asked for usage (as OpenAI does).
QJsonObject chunk(const QString& id, qint64 created, const QString& model, const QJsonObject& delta,
    const QJsonValue& finishReason, bool withUsageField);
QJsonObject roleChunk(const QString& id, qint64 created, const QString& model, bool withUsageField);
QJsonObject deltaChunk(const QString& id, qint64 created, const QString& model, const ChatDelta& delta,
    bool withUsageField, QList<bool>* toolCallsStarted);
// The "delta" object of such a chunk. A tool call's first delta names it (id, type, name);
// *toolCallsStarted remembers which were named.
QJsonObject deltaJson(const ChatDelta& delta, QList<bool>* toolCallsStarted);
QJsonObject finishChunk(
    const QString& id, qint64 created, const QString& model, const QString& finishReason, bool withUsageField);
QJsonObject usageChunk(const QString& id, qint64 created, const QString& model, const Usage& usage);

} // namespace ChatCompletionWire
} // namespace flarechat
