#pragma once

#include <QStringList>

class QCoreApplication;

namespace flarechat::cli {

// `flarechat serve`: Workers AI as a local OpenAI-compatible API, headless, until SIGINT or
// SIGTERM (a clean drain: requests in flight get --shutdown-grace; a second signal ends them).
class ServeCommand final
{
public:
    int run(QCoreApplication& app, const QStringList& args);
};

} // namespace flarechat::cli
