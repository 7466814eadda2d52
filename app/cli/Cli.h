#pragma once

#include "CommonOptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace flarechat::cli {

// The command line of `flarechat`: the window by default, or one of the headless commands
// (`serve`, `ask`, `models`, `key`). main() asks isHeadless() before it creates any application
// object, so the commands — and the window's own --help and --version — run without a display.
bool isHeadless(int argc, char* argv[]);
// Runs what isHeadless() found, in the event loop, and returns the process exit code (ExitCode).
int run(QCoreApplication& app);
// The settings file the command line names (--settings FILE or --settings=FILE), else the default:
// read before any parser runs, since the language to print --help in is one of its settings.
QString settingsPathIn(const QStringList& arguments);

// The window's options: the commands' common ones, --database and --background.
class WindowOptions final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::WindowOptions)

public:
    CommonOptions common;
    const QCommandLineOption database {QStringLiteral("database"),
        tr("Conversation database to use (default: conversations.sqlite in the data folder)."), QStringLiteral("file")};
    // What a start at login uses (ui/tray/Autostart): no window in front of the user.
    const QCommandLineOption background {QStringLiteral("background"),
        tr("Start in the background: in the system tray when there is one and the local API server is on, else "
           "minimized.")};

    // Help, version, description with the list of commands, and the options above.
    void addTo(QCommandLineParser& parser) const;
};

} // namespace flarechat::cli
