#pragma once

#include "openai/ChatTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace flarechat {

// OpenAI's wire shapes for what the local API server sends: chat completions and their
// stream chunks, legacy text completions, and ids. Pure code.
namespace OpenAiWire {

QString newChatId(); // "chatcmpl-" + 29 random alphanumerics
QString newCompletionId(); // "cmpl-" + 29 random alphanumerics

QJsonObject toolCallJson(const ToolCall& call);
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

// Serialises the chunks of one chat stream: the envelope around the delta (id, object, created,
// model, the choice's other fields) is the same for every chunk, so it is written once and each
// chunk only adds its delta. Gives byte for byte QJsonDocument(chunk(...)).toJson(Compact).
class ChunkWriter
{
public:
    ChunkWriter() = default;
    ChunkWriter(const QString& id, qint64 created, const QString& model, bool withUsageField);
    QByteArray write(const QJsonObject& delta) const; // a chunk with finish_reason null

private:
    QString m_id;
    qint64 m_created = 0;
    QString m_model;
    bool m_withUsageField = false;
    QByteArray m_head; // up to and including "delta":
    QByteArray m_tail; // after the delta
};

QJsonObject finishChunk(
    const QString& id, qint64 created, const QString& model, const QString& finishReason, bool withUsageField);
QJsonObject usageChunk(const QString& id, qint64 created, const QString& model, const Usage& usage);

// Legacy /v1/completions.
QJsonObject textCompletion(const QString& id, qint64 created, const QString& model, const QString& text,
    const QString& finishReason, const Usage& usage);
QJsonObject textCompletionChunk(
    const QString& id, qint64 created, const QString& model, const QString& text, const QJsonValue& finishReason);

QJsonObject usageJson(const Usage& usage); // always the three counts, zeros when unknown

} // namespace OpenAiWire
} // namespace flarechat
