#include "CompletionSession.h"

#include "server/HttpExchange.h"
#include "workersai/CompletionJob.h"

namespace flarechat {

CompletionSession::CompletionSession(
    HttpExchange* exchange, CompletionJob* job, bool stream, int keepAliveMs, QObject* parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_job(job)
    , m_stream(stream)
{
    m_clock.start();
    connect(job, &CompletionJob::delta, this, &CompletionSession::onDelta);
    connect(job, &CompletionJob::finished, this, &CompletionSession::onFinished);
    connect(job, &CompletionJob::failed, this, &CompletionSession::onFailed);
    connect(exchange, &HttpExchange::clientGone, this, &CompletionSession::onClientGone);
    connect(exchange, &HttpExchange::drained, this, [this] {
        if (m_job)
            m_job->setPaused(false);
    });
    if (m_stream) {
        m_keepAlive.setInterval(keepAliveMs);
        connect(&m_keepAlive, &QTimer::timeout, this, &CompletionSession::onKeepAlive);
        m_keepAlive.start();
    }
}

CompletionSession::~CompletionSession()
{
    if (m_job) {
        m_job->cancel();
        m_job->deleteLater();
    }
}

CompletionJob* CompletionSession::job() const
{
    return m_job;
}

void CompletionSession::beginStream()
{
    if (m_streamStarted || !m_exchange)
        return;
    m_streamStarted = true;
    m_exchange->beginEventStream();
    writeStreamStart();
}

void CompletionSession::applyBackpressure()
{
    if (m_exchange && m_job && m_exchange->isCongested())
        m_job->setPaused(true);
}

void CompletionSession::respondError(int status, const QJsonObject& body, const ApiError& error)
{
    HttpHeaders headers;
    if (error.retryAfterSeconds >= 0)
        headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
    m_exchange->respondJson(status, body, headers);
    finish(status, error.message);
}

void CompletionSession::onDelta(const ChatDelta& delta)
{
    if (m_done || !m_stream || !m_exchange)
        return;
    if (m_outcome.ttftMs < 0)
        m_outcome.ttftMs = m_clock.elapsed();
    m_keepAlive.start(); // restart: only silence needs a keep-alive
    beginStream();
    writeDelta(delta);
    applyBackpressure();
}

void CompletionSession::onFinished(const ChatResult& result)
{
    if (m_done || !m_exchange)
        return;
    m_outcome.usage = result.usage;
    if (m_stream)
        beginStream();
    writeFinished(result);
}

void CompletionSession::onFailed(const ApiError& error)
{
    if (m_done || !m_exchange)
        return;
    writeError(error);
}

void CompletionSession::abort(const ApiError& error)
{
    if (m_done)
        return;
    if (m_exchange && !m_exchange->isClientGone())
        writeError(error);
    else
        finish(499, QStringLiteral("client closed the connection"));
    if (m_job)
        m_job->cancel(); // the upstream request ends now
}

void CompletionSession::onClientGone()
{
    if (m_done)
        return;
    if (m_job)
        m_job->cancel(); // ends the upstream request now
    m_outcome.clientGone = true;
    finish(499, QStringLiteral("client closed the connection"));
}

void CompletionSession::writeKeepAlive()
{
    m_exchange->writeComment("keep-alive");
}

void CompletionSession::onKeepAlive()
{
    if (m_done || !m_exchange)
        return;
    // A model that thinks silently for long: commit to the stream so the keep-alive can go out
    // and proxies and clients do not time the connection out.
    beginStream();
    writeKeepAlive();
}

void CompletionSession::finish(int status, const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    m_keepAlive.stop();
    m_outcome.status = status;
    m_outcome.error = error;
    Q_EMIT done(m_outcome);
    deleteLater();
}

} // namespace flarechat
