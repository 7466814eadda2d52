#pragma once

#include "openai/ApiError.h"
#include "openai/ChatTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace flarechat {

// What OpenAI's Responses API sends back, as the official SDKs and Codex CLI read it: the
// response object ({id "resp_…", object "response", created_at, status, model, output [...],
// usage, error, incomplete_details, and the request's settings echoed}) and its output items —
// reasoning (content [reasoning_text]), message (content [output_text]), function_call (call_id,
// name, arguments as a JSON string) and custom_tool_call (call_id, name, input). Pure code;
// ResponsesEventWriter builds the stream's events from the same pieces.
namespace ResponsesWire {

QString newResponseId(); // "resp_…"
QString newItemId(const char* prefix); // "msg_…", "rs_…", "fc_…", "ctc_…"

// What every response object of one request shares.
struct Shell
{
    QString id;
    QString model; // as the client named it
    qint64 createdAt = 0; // seconds since the epoch
    QString instructions;
    QString previousResponseId;
    bool store = true;
    QJsonObject echo; // ResponsesRequest::echo
};

QJsonObject outputText(const QString& text); // {type "output_text", text, annotations [], logprobs []}
QJsonObject reasoningText(const QString& text); // {type "reasoning_text", text}
QJsonObject messageItem(const QString& id, const QString& text, bool done);
QJsonObject reasoningItem(const QString& id, const QString& text, bool done);
QJsonObject functionCallItem(
    const QString& id, const QString& callId, const QString& name, const QString& arguments, bool done);
QJsonObject customToolCallItem(
    const QString& id, const QString& callId, const QString& name, const QString& input, bool done);
// A custom tool's input from the arguments of the function it was offered as ({"input": "..."});
// arguments that are not that shape are passed on as they are.
QString customInput(const QString& arguments);
// A call's item in the form the client offered the tool in: custom_tool_call or function_call.
QJsonObject callItem(const QString& id, const ToolCall& call, const QSet<QString>& customTools, bool done);

// The output items of a whole reply: reasoning, then the message, then the tool calls.
QJsonArray outputItems(const ChatResult& result, const QSet<QString>& customTools);
// The text of every message item of an output (the SDKs' output_text).
QString outputTextOf(const QJsonArray& output);

// usage: {input_tokens, input_tokens_details {cached_tokens}, output_tokens,
// output_tokens_details {reasoning_tokens}, total_tokens}. `estimatedInput` stands in for
// input_tokens when the upstream reported no usage.
QJsonObject usage(const Usage& usage, qint64 estimatedInput);
// "completed", or "incomplete" when the reply hit its token limit.
QString status(const ChatResult& result);
// {code, message} of a failed response; the code is OpenAI's (rate_limit_exceeded, server_error, ...).
QJsonObject error(const ApiError& error);

// A response object. `status` is in_progress, completed, incomplete or failed; `usage` and
// `error` are null where they do not apply.
QJsonObject response(const Shell& shell, const QString& status, const QJsonArray& output,
    const QJsonValue& usage = QJsonValue::Null, const QJsonValue& error = QJsonValue::Null);
// A whole response for a finished reply.
QJsonObject completed(const Shell& shell, const QJsonArray& output, const ChatResult& result, qint64 estimatedInput);

// The conversation a stored response continues with: the output as an assistant message (its
// reasoning left out, as with every face), its tool calls with their ids.
ChatMessage assistantMessage(const QJsonArray& output);

} // namespace ResponsesWire
} // namespace flarechat
