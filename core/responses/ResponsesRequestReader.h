#pragma once

#include "openai/ChatTypes.h"
#include "openai/JsonFieldReader.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace flarechat {

// An OpenAI Responses request (POST /v1/responses) read into the engine's form. `chat.messages`
// holds this request's own input only; the router puts `instructions` and the conversation of
// `previousResponseId` in front of it (ResponsesRequest::compose), since instructions are not
// carried over from a previous response.
struct ResponsesRequest
{
    ChatRequest chat;
    QString instructions; // empty: none
    QString previousResponseId; // empty: none
    bool store = true; // OpenAI's default
    // Hosted tools Workers AI cannot run (web_search, file_search, local_shell, ...): left out,
    // named here for the request log.
    QStringList droppedTools;
    // Names of "custom" (freeform) tools, sent to the model as functions with one string
    // parameter "input"; their calls go back to the client as custom_tool_call items.
    QSet<QString> customTools;
    // What the response object echoes back as the client sent it: tools, tool_choice, text,
    // reasoning, metadata, temperature, top_p, max_output_tokens, parallel_tool_calls, truncation.
    QJsonObject echo;

    // The engine's request: the instructions as a system message, then `history` (the chain of
    // previousResponseId), then this request's input.
    ChatRequest compose(const QList<ChatMessage>& history) const;
};

// Reads and validates a Responses request body. Pure code, fuzzed (tests/fuzz/fuzz_responsesrequest.cpp).
//
// Decisions:
// * `input` is a string (one user message) or a list of items: messages (with or without
//   "type": "message"; content a string or input_text / input_image / output_text / refusal
//   parts), function_call and custom_tool_call (an assistant turn's tool calls, consecutive ones
//   in one assistant message), function_call_output and custom_tool_call_output (tool messages).
//   reasoning items are dropped (Workers AI models take no reasoning back), as are item_reference
//   and the calls and outputs of hosted tools.
// * Roles system and developer become system messages, kept where they are.
// * input_image: a data URL only; an http(s) URL or a file_id is a 400, as on the chat endpoint.
// * `tools`: function tools (Responses' flat shape) become functions; custom tools functions
//   with one string parameter; every other type is a hosted tool, dropped (never a 400: Codex sends
//   web_search on every request).
// * `tool_choice`: auto / none / required / {type: function, name} / {type: custom, name};
//   allowed_tools and hosted tool choices mean auto.
// * `text.format`: json_schema (flat: name, schema, strict) and json_object become the chat
//   request's response_format; text is the default.
// * `reasoning.effort` → the reasoning effort; `max_output_tokens` → max tokens (the engine clamps).
// * `background: true` is refused: the local server answers in the request.
// * Unknown fields (include, prompt_cache_key, service_tier, user, safety_identifier, ...) are ignored.
class ResponsesRequestReader final : private JsonFieldReader
{
public:
    // On failure returns nullopt and fills *error with a 400 invalid_request_error whose param
    // names the field, e.g. "input[2].content[0].image_url".
    static std::optional<ResponsesRequest> read(const QJsonObject& body, ApiError* error);

private:
    explicit ResponsesRequestReader(ApiError* error)
        : JsonFieldReader(error)
    {
    }
    bool parseRequest(const QJsonObject& body, ResponsesRequest* r);
    bool parseInput(const QJsonValue& v, ResponsesRequest* r);
    bool parseItem(const QJsonObject& item, const QString& path, ResponsesRequest* r);
    bool parseMessage(const QJsonObject& item, const QString& path, ResponsesRequest* r);
    bool parsePart(const QJsonValue& v, const QString& path, ContentPart* part, bool* skip);
    bool parseCall(const QJsonObject& item, const QString& path, bool custom, ResponsesRequest* r);
    bool parseCallOutput(const QJsonObject& item, const QString& path, ResponsesRequest* r);
    bool parseTools(const QJsonValue& v, ResponsesRequest* r);
    bool parseToolChoice(const QJsonValue& v, ResponsesRequest* r);
    bool parseText(const QJsonValue& v, ResponsesRequest* r);
    bool parseReasoning(const QJsonValue& v, ResponsesRequest* r);
    bool requireString(const QJsonObject& o, const char* key, const QString& path, QString* out);
};

} // namespace flarechat
