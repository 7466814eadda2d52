#pragma once

#include "openai/ChatTypes.h"
#include "openai/JsonFieldReader.h"

#include <QJsonObject>

#include <optional>

namespace flarechat {

// Reads and validates an Anthropic Messages request body (POST /v1/messages) into the engine's
// ChatRequest, the form every face converts to. Pure code, fuzzed (tests/fuzz/fuzz_messagesrequest.cpp).
//
// Decisions:
// * `system` (a string or text blocks) and any `role: "system"` message inside `messages` (Claude
//   Code sends one) become one system message at the front.
// * A user turn's `tool_result` blocks become "tool" messages, in order, ahead of the turn's
//   other blocks (the engine's form wants tool results right after the assistant's calls);
//   `is_error` marks the result's text. Images inside a tool result go to the user message after it.
// * `thinking` and `redacted_thinking` blocks of the history are dropped: Workers AI models take
//   no signed reasoning back. Server tool blocks of the history are dropped too.
// * Images: base64 sources only; a URL source is a 400, as Workers AI accepts only inline images.
// * `tools` with a `type` other than "custom" are Anthropic's hosted tools (web search, code
//   execution, ...), which Workers AI cannot run: they are left out, never a 400.
// * `tool_choice` auto / any / tool / none → "auto" / "required" / the named function / "none";
//   `disable_parallel_tool_use` → parallel_tool_calls false.
// * `thinking`: enabled with budget_tokens → a reasoning effort (under 4096 low, under 16384
//   medium, else high); disabled → none; adaptive or absent → the model's default.
// * `max_tokens` is required, as Anthropic's API requires it; the engine clamps it to the model.
// * Unknown fields (metadata apart from user_id, service_tier, container, ...) are ignored.
class MessagesRequestReader final : private JsonFieldReader
{
public:
    // On failure returns nullopt and fills *error with a 400 invalid_request_error naming the
    // field, e.g. "messages.1.content.0.source.type: ..." (Anthropic's own path style).
    // count_tokens takes the same body without max_tokens: `forCounting` lets it be absent.
    static std::optional<ChatRequest> read(const QJsonObject& body, ApiError* error, bool forCounting = false);

private:
    explicit MessagesRequestReader(ApiError* error)
        : JsonFieldReader(error)
    {
    }
    bool parseRequest(const QJsonObject& body, ChatRequest* r, bool forCounting);
    bool parseSystem(const QJsonValue& v, const QString& path, QStringList* out);
    bool parseMessage(const QJsonValue& v, const QString& path, ChatRequest* r, QStringList* system);
    bool parseUserBlocks(const QJsonArray& blocks, const QString& path, ChatRequest* r);
    bool parseAssistantBlocks(const QJsonArray& blocks, const QString& path, ChatMessage* m);
    bool parseImage(const QJsonObject& block, const QString& path, ContentPart* part);
    bool parseToolResult(const QJsonObject& block, const QString& path, ChatMessage* tool, QList<ContentPart>* images);
    bool requireString(const QJsonObject& o, const char* key, const QString& path, QString* out);
    bool parseTools(const QJsonValue& v, ChatRequest* r);
    bool parseToolChoice(const QJsonValue& v, ChatRequest* r);
    bool parseThinking(const QJsonValue& v, ChatRequest* r);
    bool parseStopSequences(const QJsonValue& v, ChatRequest* r);
};

} // namespace flarechat
