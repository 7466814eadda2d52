#include "AskSession.h"

#include "ExitCode.h"

#include "engine/Engine.h"
#include "workersai/CompletionJob.h"

#include <QTimer>

namespace flarechat::cli {

AskSession::AskSession(Engine* engine, FILE* out, FILE* err, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_out(out)
    , m_err(err)
{
}

void AskSession::write(FILE* f, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), f);
    std::fflush(f);
}

void AskSession::start(const ChatRequest& request, Reasoning reasoning)
{
    m_reasoning = reasoning;
    ChatRequest r = request;
    r.stream = true;
    ApiError error;
    m_job = m_engine->chat(r, &error);
    if (!m_job) {
        write(m_err, QStringLiteral("flarechat: %1\n").arg(error.message));
        const int code = error.code == ErrorCode::MissingCredentials ? Config : Usage;
        QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(code); });
        return;
    }
    connect(m_job, &CompletionJob::delta, this, [this](const ChatDelta& d) {
        if (!d.reasoning.isEmpty() && m_reasoning == Reasoning::Stderr) {
            m_inReasoning = true;
            write(m_err, d.reasoning);
        }
        if (!d.content.isEmpty()) {
            if (m_inReasoning) {
                write(m_err, QStringLiteral("\n\n"));
                m_inReasoning = false;
            }
            m_wroteContent = true;
            write(m_out, d.content);
        }
    });
    connect(m_job, &CompletionJob::finished, this, [this](const ChatResult& r) {
        for (const ToolCall& c : r.toolCalls)
            write(m_out, tr("[tool call] %1(%2)").arg(c.name, c.arguments) + QLatin1Char('\n'));
        if (m_wroteContent)
            write(m_out, QStringLiteral("\n"));
        m_job->deleteLater();
        Q_EMIT finished(Ok);
    });
    connect(m_job, &CompletionJob::failed, this, [this](const ApiError& e) {
        if (m_wroteContent || m_inReasoning)
            write(m_out, QStringLiteral("\n"));
        write(m_err, QStringLiteral("flarechat: %1\n").arg(e.message));
        m_job->deleteLater();
        Q_EMIT finished(e.httpStatus == 400 ? Usage : Failed);
    });
}

void AskSession::interrupt()
{
    if (m_job && !m_job->isDone()) {
        m_job->cancel();
        m_job->deleteLater();
        write(m_err, QStringLiteral("\nflarechat: ") + tr("interrupted") + QLatin1Char('\n'));
        Q_EMIT finished(Interrupted);
    }
}

} // namespace flarechat::cli
