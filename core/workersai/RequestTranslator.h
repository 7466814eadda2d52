#pragma once

#include "openai/ChatTypes.h"
#include "workersai/ModelInfo.h"
#include "workersai/ToolCallIdMap.h"

#include <QJsonObject>

#include <optional>

namespace flarechat {

// What we send to Workers AI's run endpoint for one chat request.
struct RunRequest
{
    QString model; // "@cf/..." id, goes into the URL path
    QJsonObject body; // the JSON body
    bool upstreamStream = false; // body asks for SSE
    bool clientStream = false; // the caller wants a stream (synthesized when upstreamStream is false)
    int maxTokens = 0; // max_tokens sent, to tell "length" from "stop"
    int requestedMaxTokens = 0; // what the client asked for (or the default), before the model's limits
    QStringList localStops; // stop sequences we apply on our side
    bool forcedToolChoice = false; // tool_choice "required" or named: salvage tool calls from text
    QString forcedToolName; // the named function, if any
    ToolCallIdMap toolIds; // the client's tool-call ids and the ones sent upstream
};

struct TranslateOptions
{
    int defaultMaxTokens = 2048; // sent when the client gives none (Cloudflare's own default is 256)
};

// OpenAI Chat Completions request → Workers AI run request, for every model family. Pure code.
// Keeps every message and role in order (never flattens to a prompt), shapes content to what
// the model takes, clamps parameters to the model's ranges and maps tool-call ids.
class RequestTranslator final
{
public:
    static std::optional<RunRequest> translate(
        const ChatRequest& request, const ModelInfo& model, const TranslateOptions& options, ApiError* error);
    // The prompt's tokens as the translator estimates them to clamp max_tokens (a generous
    // estimate: UTF-8 bytes / 3, a few tokens per message, tool definitions as JSON, a fixed
    // cost per image). What /v1/messages/count_tokens answers, and message_start's input_tokens.
    static int estimatePromptTokens(const ChatRequest& request, const ModelInfo& model);
};

} // namespace flarechat
