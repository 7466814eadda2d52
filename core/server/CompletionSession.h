#pragma once

#include "openai/ApiError.h"
#include "openai/ChatTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace flarechat {

class CompletionJob;
class HttpExchange;

// What every face's session has in common when it serves one request from a running
// CompletionJob: the job's signals, a client that disconnects cancelling the upstream request at
// once, a client that reads slowly pausing it (backpressure), a keep-alive while the model thinks
// silently, shutdown's abort(), and one Outcome for the request log. A face (OpenAI chat and
// completions, Anthropic Messages) only writes its own wire format.
class CompletionSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompletionSession)

public:
    struct Outcome
    {
        int status = 0;
        qint64 ttftMs = -1;
        Usage usage;
        QString error;
        bool clientGone = false;
    };

    ~CompletionSession() override;

    // Ends the request now with `error` (the server is shutting down): an HTTP error when nothing
    // was sent yet, else the face's in-band error and the end of the stream; then the upstream
    // request is cancelled. done() follows.
    void abort(const ApiError& error);

Q_SIGNALS:
    void done(const flarechat::CompletionSession::Outcome& outcome);

protected:
    CompletionSession(HttpExchange* exchange, CompletionJob* job, bool stream, int keepAliveMs, QObject* parent);

    // A delta of a streamed reply (time to first token and keep-alive are seen to).
    virtual void writeDelta(const ChatDelta& delta) = 0;
    // The reply is whole: the JSON answer, or the end of the stream.
    virtual void writeFinished(const ChatResult& result) = 0;
    // An error: as an HTTP response when nothing was sent (isStreamStarted() false), else in band.
    virtual void writeError(const ApiError& error) = 0;
    // What a stream starts with, right after the event stream's head (OpenAI's role chunk,
    // Anthropic's message_start).
    virtual void writeStreamStart() { }
    // The model thinks silently: something that keeps proxies and clients from timing out.
    virtual void writeKeepAlive();

    void beginStream(); // once: the event stream's head, then writeStreamStart()
    bool isStreamStarted() const { return m_streamStarted; }
    bool isStreaming() const { return m_stream; }
    // A whole error response, with Retry-After when the error says when to retry.
    void respondError(int status, const QJsonObject& body, const ApiError& error);
    void applyBackpressure();
    void finish(int status, const QString& error = {});
    HttpExchange* exchange() const { return m_exchange; }
    CompletionJob* job() const;

private:
    void onDelta(const ChatDelta& delta);
    void onFinished(const ChatResult& result);
    void onFailed(const ApiError& error);
    void onClientGone();
    void onKeepAlive();

    QPointer<HttpExchange> m_exchange;
    QPointer<CompletionJob> m_job;
    bool m_stream = false;
    bool m_streamStarted = false;
    QTimer m_keepAlive;
    QElapsedTimer m_clock;
    Outcome m_outcome;
    bool m_done = false;
};

} // namespace flarechat

Q_DECLARE_METATYPE(flarechat::CompletionSession::Outcome)
