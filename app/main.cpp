#include "MainWindow.h"
#include "cli/Cli.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>

namespace {
void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("FlareChat"));
    QCoreApplication::setOrganizationName(QStringLiteral("FlareChat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLARECHAT_VERSION));
}
} // namespace

int main(int argc, char* argv[])
{
    // Debug output only on request (QT_LOGGING_RULES overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("flarechat.*.debug=false"));
    // Headless commands (serve, ask, models) run without a display.
    if (flarechat::Cli::isCommand(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return flarechat::Cli::run(app);
    }

    QApplication app(argc, argv);
    setIdentity();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Desktop client for Cloudflare Workers AI.\n\nCommands:\n"
        "  serve    serve Workers AI as a local OpenAI-compatible API (flarechat serve --help)\n"
        "  ask      ask one question from the terminal (flarechat ask --help)\n"
        "  models   list the models (flarechat models --help)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    flarechat::MainWindow window;
    window.show();
    return app.exec();
}
