#include "Cli.h"

#include "cli/AskCommand.h"
#include "cli/KeyCommand.h"
#include "cli/ModelsCommand.h"
#include "cli/SignalWatcher.h"
#include "engine/Engine.h"
#include "server/ApiServer.h"
#include "server/ServerConfig.h"
#include "storage/Credentials.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"
#include "workersai/CatalogFetch.h"
#include "workersai/WorkersAiClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace flarechat::Cli {

namespace {

enum Exit { Ok = 0, Failed = 1, Usage = 2, Config = 3 };

void err(const QString& text)
{
    const QByteArray bytes = (text + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

void out(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

struct Common
{
    QCommandLineOption apiBase {QStringLiteral("api-base"),
        QStringLiteral("Workers AI API base URL (default https://api.cloudflare.com/client/v4)."),
        QStringLiteral("url")};
    QCommandLineOption accountId {
        QStringLiteral("account-id"), QStringLiteral("Cloudflare account id."), QStringLiteral("id")};
    QCommandLineOption settings {
        QStringLiteral("settings"), QStringLiteral("Settings file to use."), QStringLiteral("file")};
    QCommandLineOption noKeychain {
        QStringLiteral("no-keychain"), QStringLiteral("Do not read secrets from the OS keychain.")};

    void add(QCommandLineParser& p) const
    {
        p.addOption(apiBase);
        p.addOption(accountId);
        p.addOption(settings);
        p.addOption(noKeychain);
    }
};

// Reads a secret synchronously for a headless command (bounded by the store's timeout). A
// keychain that fails (rather than having nothing stored) is reported once, never the secret.
QString readSecret(SecretStore& store, const QString& key)
{
    const SecretResult r = SecretStore::await(store.read(key));
    static bool reported = false;
    if (!r.ok() && r.status != SecretResult::Status::NotFound && !reported) {
        reported = true;
        const QString why = r.status == SecretResult::Status::AccessDenied
            ? QStringLiteral("access to the keychain was denied")
            : r.status == SecretResult::Status::TimedOut ? QStringLiteral("the keychain did not answer in time")
                                                         : QStringLiteral("no keychain answered");
        err(QStringLiteral("flarechat: warning: %1; going on without the secrets stored there (--no-keychain skips "
                           "the keychain)")
                .arg(why));
    }
    return r.ok() ? r.value : QString();
}

// wantKeys: the local API keys are read from the keychain as well (serve).
Credentials resolveCredentials(
    const QCommandLineParser& p, const Common& c, const QStringList& cliKeys, bool wantKeys = false)
{
    Credentials::Overrides cli;
    cli.apiBase = p.value(c.apiBase);
    cli.accountId = p.value(c.accountId);
    cli.apiKeys = cliKeys;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Settings settings(p.isSet(c.settings) ? p.value(c.settings) : Settings::defaultPath());
    Credentials::Stored stored;
    if (!p.isSet(c.noKeychain)) {
        SecretStore store;
        store.setTimeout(5000);
        if (Credentials::needsStoredToken(cli, env))
            stored.apiToken = readSecret(store, Credentials::apiTokenSecret());
        if (wantKeys)
            stored.apiKeys = Credentials::splitStoredKeys(readSecret(store, Credentials::apiKeysSecret()));
    }
    return Credentials::resolve(cli, env, settings, stored);
}

int runModels(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List the models FlareChat knows."));
    p.addHelpOption();
    Common c;
    c.add(p);
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of a table."));
    QCommandLineOption live(QStringLiteral("live"), QStringLiteral("Fetch the live catalog from Cloudflare first."));
    p.addOption(json);
    p.addOption(live);
    p.process(args);

    ModelCatalog catalog = ModelCatalog::builtIn();
    QDateTime fetchedAt;
    if (const auto cached = ModelCatalog::loadCache(CatalogFetch::defaultCachePath(), &fetchedAt))
        catalog.mergeLive(*cached, fetchedAt);
    if (p.isSet(live)) {
        const Credentials creds = resolveCredentials(p, c, {});
        if (!creds.isUsable()) {
            err(QStringLiteral("flarechat: %1").arg(creds.problems().join(QLatin1Char(' '))));
            return Config;
        }
        WorkersAiClient client;
        client.setEndpoint(creds.endpoint());
        CatalogFetch fetch(&client);
        int code = Ok;
        QObject::connect(&fetch, &CatalogFetch::finished, &app, [&](const QList<ModelInfo>& models) {
            catalog.mergeLive(models, QDateTime::currentDateTimeUtc());
            QString error;
            if (!catalog.saveCache(CatalogFetch::defaultCachePath(), &error))
                err(QStringLiteral("flarechat: could not cache the model list: %1").arg(error));
            app.quit();
        });
        QObject::connect(&fetch, &CatalogFetch::failed, &app, [&](const ApiError& e) {
            err(QStringLiteral("flarechat: %1").arg(e.message));
            code = Failed;
            app.quit();
        });
        fetch.start();
        app.exec();
        if (code != Ok)
            return code;
    }
    out(p.isSet(json) ? QString::fromUtf8(ModelsCommand::json(catalog)) : ModelsCommand::table(catalog));
    return Ok;
}

int runAsk(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Ask a model one question; the answer streams to stdout."));
    p.addHelpOption();
    Common c;
    c.add(p);
    QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")}, QStringLiteral("Model alias or @cf id."),
        QStringLiteral("model"));
    QCommandLineOption system(
        {QStringLiteral("s"), QStringLiteral("system")}, QStringLiteral("System prompt."), QStringLiteral("text"));
    QCommandLineOption maxTokens(
        QStringLiteral("max-tokens"), QStringLiteral("Most tokens to generate."), QStringLiteral("n"));
    QCommandLineOption temperature(
        QStringLiteral("temperature"), QStringLiteral("Sampling temperature."), QStringLiteral("t"));
    QCommandLineOption hideReasoning(QStringLiteral("hide-reasoning"),
        QStringLiteral("Do not print the model's reasoning (printed to stderr otherwise)."));
    p.addOptions({model, system, maxTokens, temperature, hideReasoning});
    p.addPositionalArgument(QStringLiteral("prompt"), QStringLiteral("The question, or - to read it from stdin."));
    p.process(args);

    QString prompt = p.positionalArguments().join(QLatin1Char(' '));
    if (prompt == QLatin1String("-") || prompt.isEmpty()) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err(QStringLiteral("flarechat: could not read stdin"));
            return Usage;
        }
        prompt = QString::fromUtf8(in.readAll()).trimmed();
    }
    if (prompt.isEmpty()) {
        err(QStringLiteral("flarechat: nothing to ask. Usage: flarechat ask [-m MODEL] [-s SYSTEM] PROMPT|-"));
        return Usage;
    }
    const Credentials creds = resolveCredentials(p, c, {});
    if (!creds.isUsable()) {
        err(QStringLiteral("flarechat: %1").arg(creds.problems().join(QLatin1Char(' '))));
        return Config;
    }
    Settings settings(p.isSet(c.settings) ? p.value(c.settings) : Settings::defaultPath());

    ChatRequest request;
    request.model = p.isSet(model) ? p.value(model) : settings.value(Settings::Key::DefaultModel).toString();
    if (p.isSet(system))
        request.messages.append(ChatMessage::system(p.value(system)));
    request.messages.append(ChatMessage::user(prompt));
    if (p.isSet(maxTokens)) {
        bool ok = false;
        const int n = p.value(maxTokens).toInt(&ok);
        if (!ok || n <= 0) {
            err(QStringLiteral("flarechat: --max-tokens must be a positive integer"));
            return Usage;
        }
        request.maxTokens = n;
    }
    if (p.isSet(temperature)) {
        bool ok = false;
        const double t = p.value(temperature).toDouble(&ok);
        if (!ok || t < 0 || t > 2) {
            err(QStringLiteral("flarechat: --temperature must be a number from 0 to 2"));
            return Usage;
        }
        request.temperature = t;
    }

    Engine engine;
    engine.setEndpoint(creds.endpoint());
    ClientOptions options;
    options.defaultMaxTokens = settings.value(Settings::Key::DefaultMaxTokens).toInt();
    engine.setOptions(options);
    AskCommand ask(&engine);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &ask, &AskCommand::interrupt);
    int code = Ok;
    QObject::connect(&ask, &AskCommand::finished, &app, [&](int exitCode) {
        code = exitCode;
        app.quit();
    });
    ask.start(request, p.isSet(hideReasoning) ? AskCommand::Reasoning::Hide : AskCommand::Reasoning::Stderr);
    app.exec();
    return code;
}

int runServe(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Serve Workers AI as a local OpenAI-compatible API."));
    p.addHelpOption();
    Common c;
    c.add(p);
    QCommandLineOption port(
        QStringLiteral("port"), QStringLiteral("Port to listen on (default 8787)."), QStringLiteral("port"));
    QCommandLineOption bind(
        QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"));
    QCommandLineOption apiKey(QStringLiteral("api-key"),
        QStringLiteral("A key clients must send (repeatable; also FLARECHAT_API_KEYS)."), QStringLiteral("key"));
    QCommandLineOption noAuth(
        QStringLiteral("no-auth"), QStringLiteral("Accept requests without a key (only while bound to loopback)."));
    QCommandLineOption logFile(QStringLiteral("log-file"),
        QStringLiteral("Request log file (default: requests.log in the app's data folder)."), QStringLiteral("file"));
    QCommandLineOption inlineReasoning(
        QStringLiteral("reasoning-inline"), QStringLiteral("Put reasoning in <think> tags inside content."));
    QCommandLineOption shutdownGrace(QStringLiteral("shutdown-grace"),
        QStringLiteral("On SIGINT/SIGTERM, how long requests in flight may take to finish (default 10); "
                       "a second signal stops at once."),
        QStringLiteral("seconds"));
    p.addOptions({port, bind, apiKey, noAuth, logFile, inlineReasoning, shutdownGrace});
    p.process(args);

    int graceMs = ApiServer::DefaultShutdownGraceMs;
    if (p.isSet(shutdownGrace)) {
        bool graceOk = false;
        const double seconds = p.value(shutdownGrace).toDouble(&graceOk);
        if (!graceOk || seconds < 0 || seconds > 3600) {
            err(QStringLiteral("flarechat: --shutdown-grace must be a number of seconds from 0 to 3600"));
            return Usage;
        }
        graceMs = qRound(seconds * 1000);
    }

    Settings settings(p.isSet(c.settings) ? p.value(c.settings) : Settings::defaultPath());
    const Credentials creds = resolveCredentials(p, c, p.values(apiKey), true);
    for (const QString& line : creds.describe())
        err(QStringLiteral("flarechat: %1").arg(line));
    if (!creds.isUsable())
        err(QStringLiteral("flarechat: warning: %1 Requests will fail until this is fixed.")
                .arg(creds.problems().join(QLatin1Char(' '))));

    ServerConfig::Overrides overrides;
    if (p.isSet(bind))
        overrides.bind = p.value(bind);
    if (p.isSet(port)) {
        bool ok = false;
        const int portValue = p.value(port).toInt(&ok);
        if (!ok || portValue < 0 || portValue > 65535) {
            err(QStringLiteral("flarechat: --port must be a number from 0 to 65535"));
            return Usage;
        }
        overrides.port = static_cast<quint16>(portValue);
    }
    overrides.noAuth = p.isSet(noAuth);
    overrides.inlineReasoning = p.isSet(inlineReasoning);
    overrides.logPath = p.value(logFile);
    ApiServer::Config config;
    QString configError;
    if (!ServerConfig::build(settings, creds, overrides, &config, &configError)) {
        err(QStringLiteral("flarechat: %1").arg(configError));
        return Usage;
    }

    ApiServer server;
    QString error;
    if (!server.start(config, &error)) {
        err(QStringLiteral("flarechat: %1").arg(error));
        return config.keys.isEmpty() && config.access.requireKey ? Config : Failed;
    }
    QObject::connect(&server, &ApiServer::requestLogged, &app, [](const RequestLogRecord& r) {
        err(QStringLiteral("%1 %2 %3 %4 %5 ms%6")
                .arg(r.client, QString::fromLatin1(r.method), r.path)
                .arg(r.status)
                .arg(r.latencyMs)
                .arg(r.model.isEmpty() ? QString() : QStringLiteral(" ") + r.model));
    });
    const QString host = config.http.address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(server.address().toString())
        : server.address().toString();
    out(QStringLiteral("FlareChat API listening on http://%1:%2/v1 (%3)\n")
            .arg(host)
            .arg(server.port())
            .arg(config.access.requireKey ? QStringLiteral("API key required") : QStringLiteral("no key required")));
    // The first signal drains: no new connections, requests in flight get the grace period. The
    // second one ends them now; a third no longer waits for anything.
    SignalWatcher watcher;
    int signalsSeen = 0;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, [&](int) {
        ++signalsSeen;
        if (signalsSeen == 1) {
            err(QStringLiteral("flarechat: shutting down; requests in flight have %1 s to finish "
                               "(interrupt again to stop now)")
                    .arg(graceMs / 1000.0));
            server.shutdown(graceMs);
        } else if (signalsSeen == 2) {
            err(QStringLiteral("flarechat: stopping now"));
            server.shutdownNow();
        } else {
            app.quit();
        }
    });
    QObject::connect(&server, &ApiServer::stopped, &app, &QCoreApplication::quit);
    app.exec();
    server.stop(5000);
    return Ok;
}

} // namespace

bool isCommand(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    const QByteArray first(argv[1]);
    return first == "serve" || first == "ask" || first == "models" || first == "key";
}

int run(QCoreApplication& app)
{
    QStringList args = app.arguments();
    const QString command = args.value(1);
    args.removeAt(1); // the parsers see "flarechat --options..."
    if (command == QLatin1String("serve"))
        return runServe(app, args);
    if (command == QLatin1String("ask"))
        return runAsk(app, args);
    if (command == QLatin1String("models"))
        return runModels(app, args);
    if (command == QLatin1String("key"))
        return KeyCommand::run(args);
    err(QStringLiteral("flarechat: unknown command '%1'").arg(command));
    return Usage;
}

} // namespace flarechat::Cli
