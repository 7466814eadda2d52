#include "ServeCommand.h"

#include "CommonOptions.h"
#include "ExitCode.h"
#include "SignalWatcher.h"
#include "config/ServerConfig.h"
#include "server/ApiServer.h"
#include "storage/Settings.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace flarechat::cli {

int ServeCommand::run(QCoreApplication& app, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("Serve Workers AI as a local OpenAI-compatible API."));
    p.addHelpOption();
    const CommonOptions common;
    common.addAll(p);
    const QCommandLineOption port(
        QStringLiteral("port"), tr("Port to listen on (default 8787)."), QStringLiteral("port"));
    const QCommandLineOption bind(
        QStringLiteral("bind"), tr("Address to listen on (default 127.0.0.1)."), QStringLiteral("address"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
        tr("A key clients must send (repeatable; also FLARECHAT_API_KEYS)."), QStringLiteral("key"));
    const QCommandLineOption noAuth(
        QStringLiteral("no-auth"), tr("Accept requests without a key (only while bound to loopback)."));
    const QCommandLineOption allowedOrigin(QStringLiteral("allowed-origin"),
        tr("A web origin whose pages may call the API, e.g. https://app.example.com, or * for any "
           "(repeatable; replaces the settings' list; default *)."),
        QStringLiteral("origin"));
    const QCommandLineOption allowedHost(QStringLiteral("allowed-host"),
        tr("A further Host name clients may use, e.g. flarechat.lan or *.example.lan (repeatable; "
           "replaces the settings' list)."),
        QStringLiteral("name"));
    const QCommandLineOption logFile(QStringLiteral("log-file"),
        tr("Request log file (default: requests.log in the app's data folder)."), QStringLiteral("file"));
    const QCommandLineOption inlineReasoning(
        QStringLiteral("reasoning-inline"), tr("Put reasoning in <think> tags inside content."));
    const QCommandLineOption shutdownGrace(QStringLiteral("shutdown-grace"),
        tr("On SIGINT/SIGTERM, how long requests in flight may take to finish (default 10); "
           "a second signal stops at once."),
        QStringLiteral("seconds"));
    p.addOptions({port, bind, apiKey, noAuth, allowedOrigin, allowedHost, logFile, inlineReasoning, shutdownGrace});
    if (const int code = parseArguments(p, args, QStringLiteral("serve"), 0); code >= 0)
        return code;

    int graceMs = ApiServer::DefaultShutdownGraceMs;
    if (p.isSet(shutdownGrace)) {
        bool graceOk = false;
        const double seconds = p.value(shutdownGrace).toDouble(&graceOk);
        if (!graceOk || seconds < 0 || seconds > 3600) {
            err(QStringLiteral("flarechat: ") + tr("--shutdown-grace must be a number of seconds from 0 to 3600"));
            return Usage;
        }
        graceMs = qRound(seconds * 1000);
    }
    ServerConfig::Overrides overrides;
    if (p.isSet(bind))
        overrides.bind = p.value(bind);
    if (p.isSet(port)) {
        bool ok = false;
        const int portValue = p.value(port).toInt(&ok);
        if (!ok || portValue < 0 || portValue > 65535) {
            err(QStringLiteral("flarechat: ") + tr("--port must be a number from 0 to 65535"));
            return Usage;
        }
        overrides.port = static_cast<quint16>(portValue);
    }
    if (p.isSet(allowedOrigin))
        overrides.corsOrigins = p.values(allowedOrigin);
    if (p.isSet(allowedHost))
        overrides.allowedHosts = p.values(allowedHost);
    overrides.noAuth = p.isSet(noAuth);
    overrides.inlineReasoning = p.isSet(inlineReasoning);
    overrides.logPath = p.value(logFile);

    const Settings settings(common.settingsPath(p));
    const Credentials creds = common.resolveCredentials(p, p.values(apiKey), true);
    for (const QString& line : creds.describe())
        err(QStringLiteral("flarechat: %1").arg(line));
    if (!creds.isUsable())
        err(QStringLiteral("flarechat: ")
            + tr("warning: %1 Requests will fail until this is fixed.").arg(creds.problems().join(QLatin1Char(' '))));

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
        return server.lastStartFailure() == ApiServer::StartFailure::Config ? Config : Failed;
    }
    QObject::connect(&server, &ApiServer::requestLogged, &app, [](const RequestLogRecord& r) {
        err(QStringLiteral("%1 %2 %3 %4 %5 ms%6")
                .arg(r.client, QString::fromLatin1(r.method), r.path)
                .arg(r.status)
                .arg(r.latencyMs)
                .arg(r.model.isEmpty() ? QString() : QStringLiteral(" ") + r.model)
            + (r.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.note)));
    });
    const QString host = config.http.address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(server.address().toString())
        : server.address().toString();
    out(tr("FlareChat API listening on http://%1:%2/v1 (%3)")
            .arg(host)
            .arg(server.port())
            .arg(config.access.requireKey ? tr("API key required") : tr("no key required"))
        + QLatin1Char('\n'));
    // The first signal drains: no new connections, requests in flight get the grace period. The
    // second one ends them now; a third no longer waits for anything.
    SignalWatcher watcher;
    int signalsSeen = 0;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, [&](int) {
        ++signalsSeen;
        if (signalsSeen == 1) {
            err(QStringLiteral("flarechat: ")
                + tr("shutting down; requests in flight have %1 s to finish "
                     "(interrupt again to stop now)")
                      .arg(graceMs / 1000.0));
            server.shutdown(graceMs);
        } else if (signalsSeen == 2) {
            err(QStringLiteral("flarechat: ") + tr("stopping now"));
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

} // namespace flarechat::cli
