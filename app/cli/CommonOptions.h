#pragma once

#include "config/Credentials.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace flarechat::cli {

// The options the commands and the window share — where Workers AI is, whose account, which
// settings file, whether to read the keychain — and how they become credentials, so that the
// window can be pointed at a test server exactly like `flarechat serve`.
class CommonOptions final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::cli::CommonOptions)

public:
    const QCommandLineOption apiBase {QStringLiteral("api-base"),
        tr("Workers AI API base URL (default https://api.cloudflare.com/client/v4)."), QStringLiteral("url")};
    const QCommandLineOption accountId {
        QStringLiteral("account-id"), tr("Cloudflare account id."), QStringLiteral("id")};
    const QCommandLineOption settings {QStringLiteral("settings"), tr("Settings file to use."), QStringLiteral("file")};
    const QCommandLineOption noKeychain {
        QStringLiteral("no-keychain"), tr("Do not read secrets from the OS keychain.")};

    void addEndpointOptions(QCommandLineParser& parser) const; // --api-base, --account-id
    void addSettingsOption(QCommandLineParser& parser) const; // --settings
    void addKeychainOption(QCommandLineParser& parser) const; // --no-keychain
    void addAll(QCommandLineParser& parser) const; // all four

    QString settingsPath(const QCommandLineParser& parser) const; // --settings, else Settings::defaultPath()
    Credentials::Overrides overrides(const QCommandLineParser& parser, const QStringList& apiKeys = {}) const;
    // The command line, then the environment, then the settings and (unless --no-keychain) the
    // keychain, read now and blocking. wantKeys: the local API keys are read from the keychain too.
    Credentials resolveCredentials(
        const QCommandLineParser& parser, const QStringList& apiKeys = {}, bool wantKeys = false) const;
};

// The parser's --help text with its usage line naming `command` ("flarechat serve"), not the
// path the binary was started by.
QString helpText(const QCommandLineParser& parser, const QString& command);

// Parses a command's arguments ("flarechat --options...", the command word taken out). Returns -1
// to go on, else the exit code: Ok when --help was printed, Usage when the arguments were wrong
// (explained on stderr, naming `command`). positionals: how many positional arguments are
// required (-1: any number).
int parseArguments(QCommandLineParser& parser, const QStringList& args, const QString& command, int positionals = -1);

} // namespace flarechat::cli
