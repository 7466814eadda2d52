#include "AskCommand.h"

#include "AskSession.h"
#include "CommonOptions.h"
#include "ExitCode.h"
#include "SignalWatcher.h"
#include "config/EngineConfig.h"
#include "engine/Engine.h"
#include "storage/Settings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

namespace flarechat::cli {

int AskCommand::run(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("Ask a model one question; the answer streams to stdout."));
    p.addHelpOption();
    const CommonOptions common;
    common.addAll(p);
    const QCommandLineOption model(
        {QStringLiteral("m"), QStringLiteral("model")}, tr("Model alias or @cf id."), QStringLiteral("model"));
    const QCommandLineOption system(
        {QStringLiteral("s"), QStringLiteral("system")}, tr("System prompt."), QStringLiteral("text"));
    const QCommandLineOption maxTokens(
        QStringLiteral("max-tokens"), tr("Most tokens to generate."), QStringLiteral("n"));
    const QCommandLineOption temperature(
        QStringLiteral("temperature"), tr("Sampling temperature."), QStringLiteral("t"));
    const QCommandLineOption hideReasoning(
        QStringLiteral("hide-reasoning"), tr("Do not print the model's reasoning (printed to stderr otherwise)."));
    p.addOptions({model, system, maxTokens, temperature, hideReasoning});
    p.addPositionalArgument(QStringLiteral("prompt"), tr("The question, or - to read it from stdin."));
    if (const int code = parseArguments(p, args, QStringLiteral("ask")); code >= 0)
        return code;

    QString prompt = p.positionalArguments().join(QLatin1Char(' '));
    if (prompt == QLatin1String("-") || prompt.isEmpty()) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err(QStringLiteral("flarechat: ") + tr("could not read stdin"));
            return Usage;
        }
        prompt = QString::fromUtf8(in.readAll()).trimmed();
    }
    if (prompt.trimmed().isEmpty()) { // nothing, or only spaces
        err(QStringLiteral("flarechat: ") + tr("nothing to ask. Usage: flarechat ask [-m MODEL] [-s SYSTEM] PROMPT|-"));
        return Usage;
    }
    const Settings settings(common.settingsPath(p));
    ChatRequest request;
    request.model = p.isSet(model) ? p.value(model) : settings.value(Settings::Key::DefaultModel).toString();
    if (p.isSet(system))
        request.messages.append(ChatMessage::system(p.value(system)));
    request.messages.append(ChatMessage::user(prompt));
    if (p.isSet(maxTokens)) {
        bool ok = false;
        const int n = p.value(maxTokens).toInt(&ok);
        if (!ok || n <= 0) {
            err(QStringLiteral("flarechat: ") + tr("--max-tokens must be a positive integer"));
            return Usage;
        }
        request.maxTokens = n;
    }
    if (p.isSet(temperature)) {
        bool ok = false;
        const double t = p.value(temperature).toDouble(&ok);
        if (!ok || t < 0 || t > 2) {
            err(QStringLiteral("flarechat: ") + tr("--temperature must be a number from 0 to 2"));
            return Usage;
        }
        request.temperature = t;
    }
    const Credentials creds = common.resolveCredentials(p);
    if (!creds.isUsable()) {
        err(QStringLiteral("flarechat: %1").arg(creds.problems().join(QLatin1Char(' '))));
        return Config;
    }

    Engine engine;
    engine.configure(EngineConfig::build(settings, creds));
    AskSession ask(&engine);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &ask, &AskSession::interrupt);
    int code = Ok;
    QObject::connect(&ask, &AskSession::finished, &app, [&](int exitCode) {
        code = exitCode;
        app.quit();
    });
    ask.start(request, p.isSet(hideReasoning) ? AskSession::Reasoning::Hide : AskSession::Reasoning::Stderr);
    app.exec();
    return code;
}

} // namespace flarechat::cli
