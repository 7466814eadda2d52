#include "CompletionJob.h"

#include "http/HttpClient.h"
#include "workersai/ReplyTranslator.h"
#include "workersai/StreamDecoder.h"
#include "workersai/UpstreamError.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcJob, "flarechat.workersai")

namespace flarechat {

CompletionJob::CompletionJob(const ChatRequest& request, const ModelInfo& model, const Endpoint& endpoint,
    const ClientOptions& options, HttpClient* http, QObject* parent)
    : QObject(parent)
    , m_request(request)
    , m_model(model)
    , m_endpoint(endpoint)
    , m_options(options)
    , m_http(http)
    , m_idSeed(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CompletionJob::onTimeout);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &CompletionJob::sendAttempt);
}

CompletionJob::~CompletionJob()
{
    releaseReply(true);
}

void CompletionJob::start()
{
    m_clock.start();
    TranslateOptions topts;
    topts.defaultMaxTokens = m_options.defaultMaxTokens;
    ApiError err;
    const std::optional<RunRequest> run = RequestTranslator::translate(m_request, m_model, topts, &err);
    if (!run) {
        // Report asynchronously, like every other outcome, so callers connect after start().
        QTimer::singleShot(0, this, [this, err] { fail(err); });
        return;
    }
    m_run = *run;
    sendAttempt();
}

void CompletionJob::sendAttempt()
{
    if (m_done)
        return;
    ++m_attempt;
    m_sse = SseParser();
    m_events.clear();
    m_decodeQueued = false;
    m_endAfterDecode = false;
    m_decoder = std::make_unique<StreamDecoder>(m_model, m_run, m_idSeed);
    m_body.clear();
    m_httpStatus = 0;
    m_streamingReply = false;

    if (!m_http) {
        fail(UpstreamError::network(QStringLiteral("the client was shut down")));
        return;
    }
    QNetworkRequest req = m_endpoint.request(m_endpoint.runUrl(m_run.model));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    req.setRawHeader("Accept", m_run.upstreamStream ? "text/event-stream" : "application/json");
    if (!m_request.sessionAffinity.isEmpty())
        req.setRawHeader("x-session-affinity", m_request.sessionAffinity.toUtf8());
    const QByteArray body = QJsonDocument(m_run.body).toJson(QJsonDocument::Compact);
    qCDebug(lcJob) << "POST run" << m_run.model << "attempt" << m_attempt << "stream" << m_run.upstreamStream << "bytes"
                   << body.size();
    // The HTTP client bounds what it buffers: a paused job makes it stop reading the socket, and
    // TCP pushes back upstream.
    m_reply = m_http->post(req, body);
    m_finishPending = false;
    m_requestSent = false;
    connect(m_reply, &HttpClientReply::readyRead, this, &CompletionJob::onReadyRead);
    connect(m_reply, &HttpClientReply::finished, this, &CompletionJob::onReplyFinished);
    connect(m_reply, &HttpClientReply::requestSent, this, [this] {
        m_requestSent = true;
        if (m_httpStatus == 0)
            armTimer(m_options.firstByteTimeoutMs, QStringLiteral("no reply within %1 s"));
    });
    armTimer(m_options.connectTimeoutMs, QStringLiteral("could not connect and send the request within %1 s"));
}

void CompletionJob::armTimer(int ms, const QString& phase)
{
    m_phase = phase.arg(ms / 1000.0);
    const QString proxy = m_endpoint.proxyLabel();
    if (!proxy.isEmpty())
        m_phase += QStringLiteral(", through the %1").arg(proxy); // which hop to suspect
    m_timer.start(ms);
}

bool CompletionJob::isStreamReply() const
{
    const QByteArray type = m_reply ? m_reply->rawHeader("content-type") : QByteArray();
    return type.contains("text/event-stream");
}

void CompletionJob::setPaused(bool paused)
{
    if (m_paused == paused || m_done)
        return;
    m_paused = paused;
    if (paused) {
        if (m_streamingReply)
            m_timer.stop(); // a slow consumer is not a stalled upstream
        return;
    }
    if (m_streamingReply)
        armTimer(m_options.idleTimeoutMs, QStringLiteral("the stream stalled for %1 s"));
    // Catch up on what arrived meanwhile, on the next turn of the event loop so that callers
    // resuming from a signal handler are not re-entered.
    QTimer::singleShot(0, this, [this] {
        if (m_paused || m_done)
            return;
        if (m_reply && m_reply->bytesAvailable() > 0)
            onReadyRead();
        if (m_finishPending && !m_paused && !m_done)
            onReplyFinished();
    });
}

void CompletionJob::onReadyRead()
{
    if (!m_reply || m_done || m_paused)
        return;
    if (m_httpStatus == 0) {
        m_httpStatus = m_reply->status();
        m_streamingReply = m_httpStatus >= 200 && m_httpStatus < 300 && isStreamReply();
    }
    const QByteArray bytes = m_reply->readAll();
    if (m_streamingReply) {
        armTimer(m_options.idleTimeoutMs, QStringLiteral("the stream stalled for %1 s"));
        handleStreamBytes(bytes);
        return;
    }
    m_body += bytes;
    if (m_body.size() > m_options.maxReplyBytes) {
        fail(ApiError::upstream(502, ErrorType::Api,
            QStringLiteral("The Workers AI reply is larger than %1 MiB; refusing it.")
                .arg(m_options.maxReplyBytes / (1024 * 1024)),
            ErrorCode::UpstreamReplyTooLarge));
    }
}

void CompletionJob::handleStreamBytes(const QByteArray& bytes)
{
    m_events.append(m_sse.feed(bytes));
    if (m_sse.hasError()) {
        m_events.clear();
        fail(ApiError::upstream(502, ErrorType::Api,
            QStringLiteral("Workers AI sent a stream event larger than FlareChat accepts."),
            ErrorCode::BadUpstreamResponse));
        return;
    }
    if (!m_decodeQueued) // else they wait their turn behind the events already queued
        decodeEvents();
}

void CompletionJob::decodeEvents()
{
    while (!m_events.isEmpty()) {
        const SseParser::Event e = m_events.takeFirst();
        StreamDecoder::Output out = m_decoder->feed(e);
        const bool firstDelta = !out.delta.isEmpty() && !m_emittedAny;
        if (!out.delta.isEmpty())
            emitDelta(out.delta);
        if (m_done) // a delta handler may have cancelled us
            return;
        if (out.failed) {
            fail(out.error);
            return;
        }
        if (out.finished) {
            if (out.stopHit)
                releaseReply(true); // the model ignores stop sequences: end the upstream request
            succeed();
            return;
        }
        if (firstDelta && !m_events.isEmpty()) {
            // The first token goes on its way (a consumer writes it out at the end of this pass)
            // before the rest of a burst is decoded: a reply that arrives all at once would
            // otherwise hold its first token until the last one is through.
            m_decodeQueued = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_decodeQueued = false;
                    if (m_done)
                        return;
                    decodeEvents();
                    if (!m_done && !m_decodeQueued && std::exchange(m_endAfterDecode, false))
                        onReplyFinished();
                },
                Qt::QueuedConnection);
            return;
        }
    }
}

void CompletionJob::onReplyFinished()
{
    if (!m_reply || m_done)
        return;
    if (m_paused) {
        m_finishPending = true;
        return;
    }
    if (m_decodeQueued) {
        m_endAfterDecode = true; // the events that came before the end are decoded first
        return;
    }
    if (m_httpStatus == 0) {
        m_httpStatus = m_reply->status();
        m_streamingReply = m_httpStatus >= 200 && m_httpStatus < 300 && isStreamReply();
    }
    const QByteArray rest = m_reply->readAll();
    const QNetworkReply::NetworkError netError = m_reply->error();

    // No answer from Workers AI: the network or the proxy failed. An HTTP proxy that refuses the
    // credentials answers 407 itself, which is no status of Workers AI's.
    if (m_httpStatus == 0 || netError == QNetworkReply::ProxyAuthenticationRequiredError) {
        fail(UpstreamError::fromNetworkError(netError, m_reply->errorString(), m_endpoint));
        return;
    }
    if (m_httpStatus >= 400) {
        m_body += rest;
        fail(UpstreamError::fromReply(m_httpStatus, m_body, m_reply->rawHeader("Retry-After")));
        return;
    }
    if (m_streamingReply) {
        handleStreamBytes(rest);
        if (m_done)
            return;
        if (m_decodeQueued) {
            m_endAfterDecode = true; // back here once the events read so far are decoded
            return;
        }
        for (const SseParser::Event& e : m_sse.finish()) {
            StreamDecoder::Output out = m_decoder->feed(e);
            if (!out.delta.isEmpty())
                emitDelta(out.delta);
            if (m_done)
                return;
            if (out.failed) {
                fail(out.error);
                return;
            }
            if (out.finished) {
                succeed();
                return;
            }
        }
        StreamDecoder::Output out = m_decoder->finish();
        if (!out.delta.isEmpty())
            emitDelta(out.delta);
        if (m_done)
            return;
        if (netError != QNetworkReply::NoError)
            out.error.message += QStringLiteral(" (%1)").arg(m_reply->errorString());
        fail(out.error);
        return;
    }
    m_body += rest;
    if (netError != QNetworkReply::NoError) {
        fail(UpstreamError::fromNetworkError(netError, m_reply->errorString(), m_endpoint));
        return;
    }
    handleWholeReply(m_body);
}

void CompletionJob::handleWholeReply(const QByteArray& body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (root.value(QStringLiteral("success")).isBool() && !root.value(QStringLiteral("success")).toBool()) {
        fail(UpstreamError::fromReply(m_httpStatus, body, m_reply ? m_reply->rawHeader("Retry-After") : QByteArray()));
        return;
    }
    ApiError err;
    std::optional<ChatResult> r = ReplyTranslator::translate(body, m_model, m_run, m_idSeed, &err, &m_stopSequence);
    const bool empty = !r || (r->content.isEmpty() && r->reasoning.isEmpty() && r->toolCalls.isEmpty());
    if (m_run.upstreamStream && empty && !m_retriedWithoutStream) {
        // gpt-oss and Kimi answer stream:true with an empty JSON result: ask again without it.
        qCDebug(lcJob) << "stream request answered with empty JSON; retrying without stream" << m_run.model;
        m_retriedWithoutStream = true;
        m_run.upstreamStream = false;
        m_run.body.remove(QStringLiteral("stream"));
        releaseReply(false);
        --m_attempt; // not a failure: the same attempt in another form
        sendAttempt();
        return;
    }
    if (!r) {
        fail(err);
        return;
    }
    m_result = *r;
    m_decoder.reset(); // the result is complete: nothing to take from a decoder
    if (m_run.clientStream) {
        for (const ChatDelta& d : StreamDecoder::deltasFor(m_result)) {
            emitDelta(d);
            if (m_done)
                return;
        }
    }
    succeed();
}

void CompletionJob::emitDelta(const ChatDelta& d)
{
    if (!m_emittedAny) {
        m_emittedAny = true;
        m_ttftMs = m_clock.elapsed();
    }
    Q_EMIT delta(d);
}

void CompletionJob::succeed()
{
    if (m_done)
        return;
    if (m_decoder) {
        m_result = m_decoder->result();
        m_stopSequence = m_decoder->stopSequence();
    }
    m_done = true;
    m_timer.stop();
    releaseReply(false);
    Q_EMIT finished(m_result);
}

void CompletionJob::fail(const ApiError& upstream)
{
    if (m_done)
        return;
    const ApiError e = UpstreamError::forModel(upstream, m_model, m_request.model);
    m_timer.stop();
    releaseReply(true);
    if (!m_emittedAny && m_attempt > 0 && m_attempt <= m_options.maxRetries && UpstreamError::isRetryable(e)) {
        const int delay = e.retryAfterSeconds >= 0 ? e.retryAfterSeconds * 1000
                                                   : m_options.retryBaseDelayMs * (1 << qMin(m_attempt - 1, 10));
        if (delay <= m_options.maxRetryDelayMs) {
            qCDebug(lcJob) << "retrying" << m_run.model << "in" << delay << "ms after" << e.httpStatus << e.code;
            Q_EMIT retrying(m_attempt, delay, e);
            m_retryTimer.start(delay);
            return;
        }
    }
    if (m_decoder)
        m_result = m_decoder->result(); // keep what arrived
    m_error = e;
    m_done = true;
    qCDebug(lcJob) << "failed" << m_run.model << e.httpStatus << e.code;
    Q_EMIT failed(e);
}

void CompletionJob::onTimeout()
{
    if (m_done)
        return;
    fail(UpstreamError::timeout(m_phase));
}

void CompletionJob::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_done = true;
    m_timer.stop();
    m_retryTimer.stop();
    releaseReply(true);
    if (m_decoder)
        m_result = m_decoder->result();
    Q_EMIT cancelled();
}

void CompletionJob::releaseReply(bool abort)
{
    // Aborting closes the request's connection at once (also one that hung before the request
    // went out); a finished reply has already given its connection back to the pool.
    if (m_reply) {
        HttpClientReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        if (abort && reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
}

} // namespace flarechat
