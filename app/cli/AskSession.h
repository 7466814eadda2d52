#pragma once

#include "openai/ChatTypes.h"

#include <QObject>
#include <QPointer>

#include <cstdio>

namespace flarechat {

class CompletionJob;
class Engine;

namespace cli {

// One `flarechat ask` exchange: the answer streamed to stdout as it arrives, reasoning to stderr
// (or hidden), a readable error and the exit code (cli::ExitCode) on failure.
class AskSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AskSession)

public:
    enum class Reasoning { Stderr, Hide };

    AskSession(Engine* engine, FILE* out = stdout, FILE* err = stderr, QObject* parent = nullptr);

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

} // namespace cli
} // namespace flarechat
