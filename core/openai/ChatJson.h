#pragma once

#include "openai/ChatTypes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flarechat {

// The chat types in OpenAI's JSON form: what a request, a message, a tool call and usage look
// like on the wire. The one place each of these shapes is written — the local API's replies,
// the body sent to Workers AI, stored conversations and exports all use it. Pure code.
namespace ChatJson {

// A Chat Completions request body; ChatRequestReader::read() accepts it and gives `r` back.
QJsonObject request(const ChatRequest& r);
// One message of `messages`: role, content (string, null or parts), name, tool_calls,
// tool_call_id, reasoning_content.
QJsonObject message(const ChatMessage& m);
// {"id", "type":"function", "function":{"name","arguments"}}
QJsonObject toolCall(const ToolCall& call);
QJsonArray toolCalls(const QList<ToolCall>& calls);
// The calls of a tool_calls array, as written by toolCalls() (or by OpenAI; arguments given as an
// object are taken as its JSON text). Lenient: for stored and imported data, not for requests.
QList<ToolCall> readToolCalls(const QJsonArray& calls);
// {"type":"function","function":{"name","description","parameters","strict"}}
QJsonObject tool(const ToolDefinition& t);

// The usage object with the detail counts where known.
QJsonObject usage(const Usage& u);
// The three counts always, zeros when unknown (what OpenAI's final chunk carries).
QJsonObject usageCounts(const Usage& u);
// An OpenAI or Workers AI usage object (also the Responses API's input_tokens/output_tokens
// names); valid if any count is present.
Usage readUsage(const QJsonObject& o);

} // namespace ChatJson
} // namespace flarechat
