#include "Cli.h"

#include "AskCommand.h"
#include "ExitCode.h"
#include "KeyCommand.h"
#include "LaunchCommand.h"
#include "ModelsCommand.h"
#include "ServeCommand.h"

#include "storage/Settings.h"

#include <QCoreApplication>

#include <cstring>

namespace flarechat::cli {

namespace {

struct CommandEntry
{
    const char* name;
    const char* summary;
    int (*run)(QCoreApplication& app, const QStringList& args);
};

template <typename Command>
int runCommand(QCoreApplication& app, const QStringList& args)
{
    return Command().run(app, args);
}

// The summaries are translated where --help shows them (WindowOptions::addTo).
const CommandEntry kCommands[] = {
    {"serve", QT_TRANSLATE_NOOP("flarechat::cli::WindowOptions", "serve Workers AI as a local OpenAI-compatible API"),
        &runCommand<ServeCommand>},
    {"ask", QT_TRANSLATE_NOOP("flarechat::cli::WindowOptions", "ask one question from the terminal"),
        &runCommand<AskCommand>},
    {"models", QT_TRANSLATE_NOOP("flarechat::cli::WindowOptions", "list the models"), &runCommand<ModelsCommand>},
    {"key", QT_TRANSLATE_NOOP("flarechat::cli::WindowOptions", "make, list and revoke local API keys"),
        &runCommand<KeyCommand>},
    {"launch",
        QT_TRANSLATE_NOOP("flarechat::cli::WindowOptions", "run Claude Code, Codex or opencode on Workers AI models"),
        &runCommand<LaunchCommand>},
};

const CommandEntry* findCommand(const char* name)
{
    for (const CommandEntry& c : kCommands) {
        if (std::strcmp(c.name, name) == 0)
            return &c;
    }
    return nullptr;
}

bool isHelpOrVersion(const char* arg)
{
    for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
        if (std::strcmp(arg, flag) == 0)
            return true;
    }
    return false;
}

} // namespace

void WindowOptions::addTo(QCommandLineParser& parser) const
{
    QString description = tr("Desktop client for Cloudflare Workers AI.") + QStringLiteral("\n\n") + tr("Commands:")
        + QLatin1Char('\n');
    for (const CommandEntry& c : kCommands) {
        description
            += QStringLiteral("  %1%2 (flarechat %3 --help)\n")
                   .arg(QString::fromLatin1(c.name).leftJustified(9), tr(c.summary), QString::fromLatin1(c.name));
    }
    parser.setApplicationDescription(description.trimmed());
    parser.addHelpOption();
    parser.addVersionOption();
    common.addEndpointOptions(parser);
    common.addSettingsOption(parser);
    parser.addOption(database);
    parser.addOption(background);
}

bool isHeadless(int argc, char* argv[])
{
    if (argc >= 2 && findCommand(argv[1]))
        return true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0)
            break;
        if (isHelpOrVersion(argv[i]))
            return true;
    }
    return false;
}

QString settingsPathIn(const QStringList& arguments)
{
    const QString option = QStringLiteral("--settings");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == option && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(option + QLatin1Char('=')))
            return a.mid(option.size() + 1);
    }
    return Settings::defaultPath();
}

int run(QCoreApplication& app)
{
    QStringList args = app.arguments();
    const QString first = args.value(1);
    if (const CommandEntry* command = findCommand(first.toUtf8().constData())) {
        args.removeAt(1); // the command's parser sees "flarechat --options..."
        return command->run(app, args);
    }
    // The window's --help or --version: answered here, without a display.
    QCommandLineParser parser;
    WindowOptions options;
    options.addTo(parser);
    if (const int code = parseArguments(parser, args, QString()); code >= 0)
        return code;
    if (parser.isSet(QStringLiteral("version"))) {
        out(QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()));
        return Ok;
    }
    return Ok;
}

} // namespace flarechat::cli
