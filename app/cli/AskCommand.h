#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace flarechat::cli {

// `flarechat ask [-m MODEL] [-s SYSTEM] PROMPT|-`: one question from the terminal; the answer
// streams to stdout, the reasoning to stderr (AskSession).
class AskCommand final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::AskCommand)

public:
    int run(QCoreApplication& app, const QStringList& args);
};

} // namespace flarechat::cli
