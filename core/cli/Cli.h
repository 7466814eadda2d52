#pragma once

#include <QStringList>

class QCoreApplication;

namespace flarechat {

// The headless commands: `flarechat serve`, `ask`, `models` and `key`. The window is the default when
// no command is given; main() asks isCommand() before it creates a QApplication, so the
// commands run without a display.
namespace Cli {

bool isCommand(int argc, char* argv[]);
// Runs the command in the event loop and returns the process exit code.
int run(QCoreApplication& app);

} // namespace Cli
} // namespace flarechat
