#include "LaunchCommand.h"

#include "CommonOptions.h"
#include "ExitCode.h"
#include "SignalWatcher.h"
#include "config/AgentLaunch.h"
#include "config/ServerConfig.h"
#include "server/ApiServer.h"
#include "storage/LocalApiKeys.h"
#include "storage/Settings.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace flarechat::cli {

namespace {

// The agent's own arguments: everything after a lone "--".
QStringList splitAgentArguments(QStringList* args)
{
    const qsizetype dashes = args->indexOf(QStringLiteral("--"));
    if (dashes < 0)
        return {};
    const QStringList agent = args->mid(dashes + 1);
    *args = args->mid(0, dashes);
    return agent;
}

} // namespace

int LaunchCommand::run(QCoreApplication& app, const QStringList& rawArgs)
{
    QStringList args = rawArgs;
    const QStringList agentArgs = splitAgentArguments(&args);

    QCommandLineParser p;
    p.setApplicationDescription(tr("Run a coding agent (claude, codex or opencode) on Workers AI models through "
                                   "FlareChat's local API. Arguments after -- go to the agent."));
    p.addHelpOption();
    const CommonOptions common;
    common.addAll(p);
    p.addPositionalArgument(QStringLiteral("agent"), tr("claude, codex or opencode"));
    const QCommandLineOption model(QStringLiteral("model"),
        tr("The Workers AI model the agent runs on (an alias or an @cf/ id; default %1).")
            .arg(AgentLaunch::defaultModel()),
        QStringLiteral("model"));
    const QCommandLineOption smallModel(QStringLiteral("small-model"),
        tr("The model for the agent's background work (default: the same as --model)."), QStringLiteral("model"));
    const QCommandLineOption printEnv(
        QStringLiteral("print-env"), tr("Only print what would be set for the agent, as shell lines."));
    const QCommandLineOption url(QStringLiteral("url"),
        tr("Use a FlareChat API that is already running (its root, e.g. http://127.0.0.1:8787) instead of "
           "starting one."),
        QStringLiteral("url"));
    const QCommandLineOption apiKey(
        QStringLiteral("api-key"), tr("The key for --url (default: $FLARECHAT_API_KEY)."), QStringLiteral("key"));
    p.addOptions({model, smallModel, printEnv, url, apiKey});
    if (const int code = parseArguments(p, args, QStringLiteral("launch"), 1); code >= 0)
        return code;

    const QString agentName = p.positionalArguments().constFirst();
    const std::optional<AgentLaunch::Agent> agent = AgentLaunch::parse(agentName);
    if (!agent) {
        err(QStringLiteral("flarechat: ")
            + tr("unknown agent \"%1\"; choose one of %2")
                  .arg(agentName, AgentLaunch::names().join(QStringLiteral(", "))));
        return Usage;
    }

    AgentLaunch::Target target;
    target.model = p.value(model);
    target.smallModel = p.value(smallModel);
    QTemporaryDir configDir(QDir::tempPath() + QStringLiteral("/flarechat-launch-XXXXXX"));
    if (!configDir.isValid()) {
        err(QStringLiteral("flarechat: ") + tr("cannot make a temporary folder: %1").arg(configDir.errorString()));
        return Failed;
    }

    if (p.isSet(printEnv)) {
        const Settings settings(common.settingsPath(p));
        const quint16 port = quint16(settings.value(Settings::Key::ServerPort).toUInt());
        target.root = p.isSet(url) ? p.value(url) : QStringLiteral("http://127.0.0.1:%1").arg(port ? port : 8787);
        target.key = p.isSet(apiKey) ? p.value(apiKey) : QStringLiteral("$FLARECHAT_API_KEY");
        configDir.setAutoRemove(true);
        const QString shownDir = QDir::home().filePath(QStringLiteral(".config/flarechat/") + agentName);
        out(AgentLaunch::shellText(AgentLaunch::plan(*agent, target, shownDir), shownDir));
        return Ok;
    }

    const AgentLaunch::Plan plan = AgentLaunch::plan(*agent, target, configDir.path());
    const QString program = QStandardPaths::findExecutable(plan.program);
    if (program.isEmpty()) {
        err(QStringLiteral("flarechat: ")
            + tr("%1 (%2) was not found on PATH. Install it with: %3")
                  .arg(plan.displayName, plan.program, plan.installCommand));
        return Config;
    }

    // The API: a running one the user names, else our own on a free loopback port with a key
    // that exists only in this process.
    std::unique_ptr<ApiServer> server;
    if (p.isSet(url)) {
        target.root = p.value(url);
        target.key = p.isSet(apiKey) ? p.value(apiKey) : qEnvironmentVariable("FLARECHAT_API_KEY");
        if (target.key.isEmpty()) {
            err(QStringLiteral("flarechat: ")
                + tr("--url needs the server's key: give --api-key or set FLARECHAT_API_KEY"));
            return Usage;
        }
    } else {
        target.key = LocalApiKeys::generate();
        const Settings settings(common.settingsPath(p));
        const Credentials creds = common.resolveCredentials(p, {target.key}, false);
        if (!creds.isUsable()) {
            err(QStringLiteral("flarechat: ") + creds.problems().join(QLatin1Char(' ')));
            return Config;
        }
        ServerConfig::Overrides overrides;
        overrides.bind = QStringLiteral("127.0.0.1");
        overrides.port = 0;
        ApiServer::Config config;
        QString error;
        if (!ServerConfig::build(settings, creds, overrides, &config, &error)) {
            err(QStringLiteral("flarechat: %1").arg(error));
            return Config;
        }
        config.keys = ApiKeyVerifier(QStringList {target.key}); // this agent's key only, not the user's others
        server = std::make_unique<ApiServer>();
        if (!server->start(config, &error)) {
            err(QStringLiteral("flarechat: %1").arg(error));
            return Failed;
        }
        target.root = QStringLiteral("http://127.0.0.1:%1").arg(server->port());
    }
    const AgentLaunch::Plan ready = AgentLaunch::plan(*agent, target, configDir.path());
    for (const AgentLaunch::Plan::File& f : ready.files) {
        QFile file(QDir(configDir.path()).filePath(f.name));
        if (!file.open(QIODevice::WriteOnly) || file.write(f.content) != f.content.size()) {
            err(QStringLiteral("flarechat: ") + tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
            return Failed;
        }
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : ready.unset)
        env.remove(name);
    for (const auto& [name, value] : ready.environment)
        env.insert(name, value);
    QProcess child;
    child.setProgram(program);
    child.setArguments(ready.arguments + agentArgs);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels); // the agent has this terminal
    child.setInputChannelMode(QProcess::ForwardedInputChannel);
    err(QStringLiteral("flarechat: ")
        + tr("%1 on %2 (model %3)")
              .arg(
                  ready.displayName, target.root, target.model.isEmpty() ? AgentLaunch::defaultModel() : target.model));

    // Ctrl-C reaches the agent itself (same process group); here it only must not end the
    // server under it. The agent's exit ends us.
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, [](int) {});
    int exitCode = Failed;
    QObject::connect(&child, &QProcess::finished, &app, [&](int code, QProcess::ExitStatus status) {
        exitCode = status == QProcess::NormalExit ? code : Interrupted;
        app.quit();
    });
    QObject::connect(&child, &QProcess::errorOccurred, &app, [&](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            err(QStringLiteral("flarechat: ") + tr("cannot start %1: %2").arg(program, child.errorString()));
            app.quit();
        }
    });
    child.start();
    app.exec();
    if (server)
        server->stop(2000);
    return exitCode;
}

} // namespace flarechat::cli
