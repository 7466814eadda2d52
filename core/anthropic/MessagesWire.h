#pragma once

#include "openai/ChatTypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace flarechat {

// What Anthropic's Messages API sends back, as the official SDKs and Claude Code read it: the
// whole message of a non-streamed reply ({id "msg_…", type "message", role, model, content
// [text | thinking | tool_use], stop_reason, stop_sequence, usage}), the pieces the stream's
// events carry (MessagesEventWriter), count_tokens' answer and the models list. Pure code.
namespace MessagesWire {

QString newMessageId(); // "msg_…"
// A tool call's id as Anthropic clients expect it ("toolu_…"; Anthropic's ids match
// ^[a-zA-Z0-9_-]+$). The same engine id always gives the same tool_use id, and an id that is
// already one (the client's own, echoed back) stays as it is.
QString toolUseId(const QString& engineId);
// end_turn | max_tokens | stop_sequence | tool_use, from the engine's finish reason and the stop
// sequence that ended the reply, if one did (CompletionJob::stopSequence()).
QString stopReason(const ChatResult& result, const QString& stopSequence = {});
// A tool call's arguments (JSON text) as the input object; text that is not a JSON object is
// kept under "_raw" rather than lost.
QJsonObject toolInput(const QString& arguments);

QJsonObject usage(qint64 inputTokens, qint64 outputTokens);
QJsonObject message(
    const QString& id, const QString& model, const ChatResult& result, const QString& stopSequence = {});
// The message of message_start: empty content, no stop reason, the prompt's estimated tokens.
QJsonObject startMessage(const QString& id, const QString& model, qint64 inputTokens);

QJsonObject countTokens(qint64 inputTokens); // {"input_tokens": n}

struct ModelEntry
{
    QString id;
    QString displayName;
    qint64 created = 0; // seconds since the epoch
};
// {"data":[{type:"model", id, display_name, created_at}], "has_more", "first_id", "last_id"}
QJsonObject modelsList(const QList<ModelEntry>& models);

} // namespace MessagesWire
} // namespace flarechat
