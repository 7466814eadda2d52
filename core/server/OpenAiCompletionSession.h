#pragma once

#include "openai/ChatTypes.h"
#include "openai/ChunkWriter.h"
#include "openai/ReasoningInliner.h"
#include "server/CompletionSession.h"

namespace flarechat {

// Serves one /v1/chat/completions or /v1/completions request from a running CompletionJob,
// in OpenAI's exact wire form: a whole JSON reply, or an SSE stream (role chunk, deltas,
// finish chunk, optional usage chunk, [DONE]). An upstream failure before anything was sent is
// an HTTP error; after that it is an error event and [DONE]. Disconnects, backpressure and the
// ": keep-alive" comment every keepAliveMs are CompletionSession's.
class OpenAiCompletionSession final : public CompletionSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiCompletionSession)

public:
    enum class Kind { Chat, Text };
    struct Options
    {
        Kind kind = Kind::Chat;
        QString model; // echoed back as the client named it
        bool stream = false;
        bool includeUsage = false;
        bool inlineReasoning = false; // <think>…</think> in content instead of reasoning_content
        QString echoPrefix; // /v1/completions with echo: the prompt ahead of the text
        int keepAliveMs = 15000;
    };

    OpenAiCompletionSession(
        HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent = nullptr);

private:
    void writeStreamStart() override;
    void writeDelta(const ChatDelta& delta) override;
    void writeFinished(const ChatResult& result) override;
    void writeError(const ApiError& error) override;
    void sendJson(const QJsonObject& o);
    void sendDelta(const ChatDelta& d);

    Options m_options;
    QString m_id;
    qint64 m_created;
    QList<bool> m_toolCallsStarted;
    ChunkWriter m_chunks; // a chat stream's delta chunks
    ReasoningInliner m_inliner;
};

} // namespace flarechat
