#pragma once

#include "openai/ChatTypes.h"

#include <QObject>
#include <QPointer>

#include <cstdio>

namespace flarechat {

class CompletionJob;
class Engine;

// `flarechat ask`: one question, the answer streamed to stdout as it arrives; reasoning to
// stderr (or hidden); a readable error and a non-zero exit code on failure.
class AskCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AskCommand)

public:
    enum ExitCode { Ok = 0, UpstreamFailed = 1, UsageError = 2, ConfigError = 3, Interrupted = 130 };
    enum class Reasoning { Stderr, Hide };

    AskCommand(Engine* engine, FILE* out = stdout, FILE* err = stderr, QObject* parent = nullptr);

    // Starts; finished(exitCode) follows.
    void start(const ChatRequest& request, Reasoning reasoning);
    void interrupt();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void write(FILE* f, const QString& text);

    Engine* m_engine;
    FILE* m_out;
    FILE* m_err;
    QPointer<CompletionJob> m_job;
    Reasoning m_reasoning = Reasoning::Stderr;
    bool m_inReasoning = false;
    bool m_wroteContent = false;
};

} // namespace flarechat
