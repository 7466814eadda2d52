#pragma once

#include "http/SseParser.h"
#include "openai/ChatTypes.h"
#include "workersai/ClientOptions.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelInfo.h"
#include "workersai/RequestTranslator.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace flarechat {

class HttpClient;
class HttpClientReply;
class StreamDecoder;

// One chat completion against Workers AI. Emits the reply as it arrives — delta() per stream
// event (or a synthesized sequence for models that answer with JSON), then exactly one of
// finished() or failed(), unless cancel() was called first. cancel() aborts the upstream
// request at once, also before the first byte. Retries (408, capacity 429, 5xx, network) only
// happen while nothing has reached the caller.
class CompletionJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompletionJob)

public:
    // http: the client that carries the requests (on this thread); the job does not own it.
    CompletionJob(const ChatRequest& request, const ModelInfo& model, const Endpoint& endpoint,
        const ClientOptions& options, HttpClient* http, QObject* parent = nullptr);
    ~CompletionJob() override;

    void start();
    void cancel();
    // Backpressure: while paused the job stops reading the upstream reply, so a slow consumer
    // slows the upstream connection instead of making FlareChat buffer without bound.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    const ChatRequest& request() const { return m_request; }
    const ModelInfo& model() const { return m_model; }
    // The retired model the request named, when the engine sent it to model() instead.
    void setReplacedFrom(const QString& retiredId) { m_replacedFrom = retiredId; }
    const QString& replacedFrom() const { return m_replacedFrom; }
    const RunRequest& runRequest() const { return m_run; }
    // The reply so far (complete after finished()).
    const ChatResult& result() const { return m_result; }
    // After finished(): the stop sequence that ended the reply when FlareChat's own matching cut it
    // there (Anthropic's stop_sequence); empty when none did — a model that honours stop sequences
    // itself ends without saying which.
    const QString& stopSequence() const { return m_stopSequence; }
    const ApiError& error() const { return m_error; }
    bool isDone() const { return m_done; }
    bool isCancelled() const { return m_cancelled; }
    int attempts() const { return m_attempt; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    qint64 timeToFirstTokenMs() const { return m_ttftMs; }

Q_SIGNALS:
    void delta(const flarechat::ChatDelta& delta);
    void finished(const flarechat::ChatResult& result);
    void failed(const flarechat::ApiError& error);
    void cancelled();
    void retrying(int attempt, int delayMs, const flarechat::ApiError& reason);

private:
    void sendAttempt();
    void onReadyRead();
    void onReplyFinished();
    void onTimeout();
    void handleStreamBytes(const QByteArray& bytes);
    // Decodes the parsed events in order. After the job's first delta the rest of that read waits
    // for the next turn of the event loop, so the consumer can send the first token on its way
    // before a burst that arrived with it is decoded.
    void decodeEvents();
    void handleWholeReply(const QByteArray& body);
    void emitDelta(const ChatDelta& d);
    void succeed();
    void fail(const ApiError& e);
    void releaseReply(bool abort);
    void armTimer(int ms, const QString& phase);
    bool isStreamReply() const;

    ChatRequest m_request;
    ModelInfo m_model;
    QString m_replacedFrom;
    Endpoint m_endpoint;
    ClientOptions m_options;
    QPointer<HttpClient> m_http;
    RunRequest m_run;
    QString m_idSeed;

    QPointer<HttpClientReply> m_reply;
    QTimer m_timer; // the timeout of the current phase
    QTimer m_retryTimer; // the back-off before the next attempt
    QString m_phase;
    QElapsedTimer m_clock;
    qint64 m_ttftMs = -1;

    SseParser m_sse;
    QList<SseParser::Event> m_events; // parsed, not yet decoded
    bool m_decodeQueued = false; // decodeEvents() resumes on the next pass of the event loop
    bool m_endAfterDecode = false; // the reply finished meanwhile: onReplyFinished() follows the decode
    std::unique_ptr<StreamDecoder> m_decoder;
    QByteArray m_body;
    int m_httpStatus = 0;
    bool m_streamingReply = false;
    bool m_retriedWithoutStream = false;

    ChatResult m_result;
    QString m_stopSequence;
    ApiError m_error;
    int m_attempt = 0;
    bool m_emittedAny = false;
    bool m_done = false;
    bool m_cancelled = false;
    bool m_paused = false;
    bool m_finishPending = false; // the reply ended while paused
    bool m_requestSent = false; // the current attempt's request went out whole
};

} // namespace flarechat
