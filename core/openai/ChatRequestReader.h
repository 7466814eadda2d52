#pragma once

#include "openai/ChatTypes.h"
#include "openai/JsonFieldReader.h"

#include <QJsonObject>

#include <optional>

namespace flarechat {

// Reads and validates an OpenAI Chat Completions request body into the engine's ChatRequest.
// Strict where OpenAI is (types, ranges, roles, tool-call shapes; options Workers AI cannot honour
// are refused with an explanation), lenient where clients differ (null = absent, unknown fields
// ignored). Pure code, fuzzed (tests/fuzz/fuzz_chatrequest.cpp).
class ChatRequestReader final : private JsonFieldReader
{
public:
    // On failure returns nullopt and fills *error with a 400 invalid_request_error naming the
    // parameter, e.g. param "messages[2].content", message "messages[2].content: expected a
    // string or an array of content parts".
    static std::optional<ChatRequest> read(const QJsonObject& body, ApiError* error);

private:
    explicit ChatRequestReader(ApiError* error)
        : JsonFieldReader(error)
    {
    }
    bool parseRequest(const QJsonObject& body, ChatRequest* r);
    bool parseMessage(const QJsonValue& v, const QString& path, ChatMessage* m);
    bool parseContent(const QJsonValue& v, const QString& path, ChatMessage* m);
    bool parsePart(const QJsonValue& v, const QString& path, const QString& role, ContentPart* part);
    bool parseToolCall(const QJsonValue& v, const QString& path, ToolCall* call);
    bool parseSampling(const QJsonObject& body, ChatRequest* r);
    bool parseStop(const QJsonValue& v, ChatRequest* r);
    bool parseResponseFormat(const QJsonValue& v, ChatRequest* r);
    bool parseTools(const QJsonValue& v, ChatRequest* r);
    bool parseToolChoice(const QJsonValue& v, ChatRequest* r);
    bool parseUnsupported(const QJsonObject& body);
};

} // namespace flarechat
