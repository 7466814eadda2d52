#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace flarechat::cli {

// `flarechat serve`: Workers AI as a local OpenAI-compatible API, headless, until SIGINT or
// SIGTERM (a clean drain: requests in flight get --shutdown-grace; a second signal ends them).
class ServeCommand final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::ServeCommand)

public:
    int run(QCoreApplication& app, const QStringList& args);
};

} // namespace flarechat::cli
