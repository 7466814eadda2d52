#pragma once

#include "openai/ApiError.h"
#include "openai/ChatCompletionWire.h"
#include "openai/ChatTypes.h"
#include "openai/ChunkWriter.h"
#include "openai/ReasoningInliner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace flarechat {

class CompletionJob;
class HttpExchange;

// Serves one /v1/chat/completions or /v1/completions request from a running CompletionJob,
// in OpenAI's exact wire form: a whole JSON reply, or an SSE stream (role chunk, deltas,
// finish chunk, optional usage chunk, [DONE]). An upstream failure before anything was sent is
// an HTTP error; after that it is an error event and [DONE]. A client that disconnects cancels
// the upstream request at once; a client that reads slowly pauses it (backpressure). While the
// model thinks silently a ": keep-alive" comment goes out every keepAliveMs.
class OpenAiCompletionSession final : public QObject
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
    struct Outcome
    {
        int status = 0;
        qint64 ttftMs = -1;
        Usage usage;
        QString error;
        bool clientGone = false;
    };

    OpenAiCompletionSession(
        HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent = nullptr);
    ~OpenAiCompletionSession() override;

    // Ends the request now with `error` (the server is shutting down): an HTTP error when nothing
    // was sent yet, else an error event, [DONE] and the end of the stream; then the upstream
    // request is cancelled. done() follows.
    void abort(const ApiError& error);

Q_SIGNALS:
    void done(const flarechat::OpenAiCompletionSession::Outcome& outcome);

private:
    void onDelta(const ChatDelta& delta);
    void onFinished(const ChatResult& result);
    void onFailed(const ApiError& error);
    void sendError(const ApiError& error);
    void onClientGone();
    void onKeepAlive();
    void beginStream();
    void sendJson(const QJsonObject& o);
    void sendDelta(const ChatDelta& d);
    void applyBackpressure();
    void finish(int status, const QString& error = {});

    QPointer<HttpExchange> m_exchange;
    QPointer<CompletionJob> m_job;
    Options m_options;
    QString m_id;
    qint64 m_created;
    bool m_streamStarted = false;
    QList<bool> m_toolCallsStarted;
    ChunkWriter m_chunks; // a chat stream's delta chunks
    ReasoningInliner m_inliner;
    QTimer m_keepAlive;
    QElapsedTimer m_clock;
    Outcome m_outcome;
    bool m_done = false;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::OpenAiCompletionSession::Outcome)
