#pragma once

#include "openai/ChatTypes.h"
#include "workersai/ModelInfo.h"
#include "workersai/RequestTranslator.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace flarechat {

// A whole (non-streaming) Workers AI reply → OpenAI result. Pure code. Accepts every shape
// the run endpoint returns: the legacy {response, usage, tool_calls} result (response possibly
// a JSON object in JSON mode, or a number), an OpenAI chat.completion inside "result" (or bare,
// from the /ai/v1 endpoints), and the Responses API output of gpt-oss.
class ReplyTranslator final
{
public:
    // body: the HTTP body of a 2xx reply. idSeed: seeds invented tool-call ids. *stopSequence (when
    // given): the stop sequence that ended the reply, when our own matching cut it there.
    static std::optional<ChatResult> translate(const QByteArray& body, const ModelInfo& model, const RunRequest& run,
        const QString& idSeed, ApiError* error, QString* stopSequence = nullptr);
    static std::optional<ChatResult> translateJson(const QJsonObject& root, const ModelInfo& model,
        const RunRequest& run, const QString& idSeed, ApiError* error, QString* stopSequence = nullptr);

    // Shared helpers, also used by the stream decoder.
    static QString stringify(const QJsonValue& v); // string as is, number/object/array as JSON text
    static QString argumentsText(const QJsonValue& args); // tool arguments as a JSON string
    // Moves a forced tool call that a model (gpt-oss) wrote as JSON text into tool_calls.
    static void salvageToolCalls(ChatResult& result, const RunRequest& run, const QString& idSeed);
    static void finishReasonFor(ChatResult& result, const RunRequest& run);
};

} // namespace flarechat
