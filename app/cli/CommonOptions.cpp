#include "CommonOptions.h"

#include "ExitCode.h"
#include "HeadlessKeychain.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace flarechat::cli {

void CommonOptions::addEndpointOptions(QCommandLineParser& parser) const
{
    parser.addOption(apiBase);
    parser.addOption(accountId);
}

void CommonOptions::addSettingsOption(QCommandLineParser& parser) const
{
    parser.addOption(settings);
}

void CommonOptions::addKeychainOption(QCommandLineParser& parser) const
{
    parser.addOption(noKeychain);
}

void CommonOptions::addAll(QCommandLineParser& parser) const
{
    addEndpointOptions(parser);
    addSettingsOption(parser);
    addKeychainOption(parser);
}

QString CommonOptions::settingsPath(const QCommandLineParser& parser) const
{
    return parser.isSet(settings) ? parser.value(settings) : Settings::defaultPath();
}

Credentials::Overrides CommonOptions::overrides(const QCommandLineParser& parser, const QStringList& apiKeys) const
{
    Credentials::Overrides cli;
    cli.apiBase = parser.value(apiBase);
    cli.accountId = parser.value(accountId);
    cli.apiKeys = apiKeys;
    return cli;
}

Credentials CommonOptions::resolveCredentials(
    const QCommandLineParser& parser, const QStringList& apiKeys, bool wantKeys) const
{
    const Credentials::Overrides cli = overrides(parser, apiKeys);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const Settings settingsFile(settingsPath(parser));
    Credentials::Stored stored;
    if (!parser.isSet(noKeychain)) {
        SecretStore store;
        store.setTimeout(5000);
        store.useSettingsFileIfAgreed(settingsFile); // where the window was told no keychain answers
        if (Credentials::needsStoredToken(cli, env))
            stored.apiToken = readSecret(store, Credentials::apiTokenSecret());
        if (wantKeys)
            stored.apiKeys = Credentials::splitStoredKeys(readSecret(store, Credentials::apiKeysSecret()));
    }
    return Credentials::resolve(cli, env, settingsFile, stored);
}

QString helpText(const QCommandLineParser& parser, const QString& command)
{
    // Qt names the program as it was started ("/usr/bin/flarechat [options]"): the usage line
    // says the command instead.
    // Qt's own words, in the language its translation gives ("用法：%1"), so the match holds in both.
    const QString usage = QCoreApplication::translate("QCommandLineParser", "Usage: %1");
    QString help = parser.helpText();
    const QString started = usage.arg(QCoreApplication::arguments().value(0));
    if (help.startsWith(started))
        help.replace(0, started.size(), usage.arg(command));
    return help;
}

int parseArguments(QCommandLineParser& parser, const QStringList& args, const QString& command, int positionals)
{
    const QString name = command.isEmpty() ? QStringLiteral("flarechat") : QStringLiteral("flarechat ") + command;
    if (!parser.parse(args)) {
        err(CommonOptions::tr("%1: %2\nSee: %1 --help").arg(name, parser.errorText()));
        return Usage;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        out(helpText(parser, name));
        return Ok;
    }
    const qsizetype given = parser.positionalArguments().size();
    if (positionals >= 0 && given != positionals) {
        err(given > positionals ? CommonOptions::tr("%1: unexpected argument '%2'\nSee: %1 --help")
                                      .arg(name, parser.positionalArguments().at(positionals))
                                : CommonOptions::tr("%1: an argument is missing\nSee: %1 --help").arg(name));
        return Usage;
    }
    return -1;
}

} // namespace flarechat::cli
