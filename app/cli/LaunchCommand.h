#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace flarechat::cli {

// `flarechat launch claude|codex|opencode [options] [-- agent arguments]`: runs a coding agent on
// Workers AI models. A FlareChat API is started in this process on a free loopback port with a
// one-time key that ends with the agent (or, with --url and --api-key, a running one is used);
// the agent gets exactly the environment and arguments it needs (config/AgentLaunch), runs in
// the foreground on this terminal, and its exit status is this command's. --print-env only
// prints what would be set.
class LaunchCommand final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::LaunchCommand)

public:
    int run(QCoreApplication& app, const QStringList& args);
};

} // namespace flarechat::cli
