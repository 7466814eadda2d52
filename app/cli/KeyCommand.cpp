#include "KeyCommand.h"

#include "CommonOptions.h"
#include "ExitCode.h"
#include "HeadlessKeychain.h"
#include "TextTable.h"
#include "config/LocalKeysJob.h"
#include "storage/LocalApiKeys.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QCommandLineParser>

#include <memory>

namespace flarechat::cli {

namespace {

QString usage()
{
    return KeyCommand::tr("Usage: flarechat key new [--name NAME]\n"
                          "       flarechat key list [--no-keychain]\n"
                          "       flarechat key revoke NAME|PREFIX\n"
                          "Every form takes --settings FILE; each has --help.");
}

// The parts every subcommand shares: parsing (exit code Usage on a usage error), the settings
// file, the keychain.
class Context
{
public:
    Context(const QString& description, const QString& syntax)
        : m_syntax(syntax)
    {
        m_parser.setApplicationDescription(description);
        m_parser.addHelpOption();
        m_common.addSettingsOption(m_parser);
    }

    QCommandLineParser& parser() { return m_parser; }

    // -1: go on; otherwise the exit code (help was printed, or a usage error explained).
    int parse(const QStringList& args, int positionals)
    {
        if (!m_parser.parse(args))
            return usage(m_parser.errorText());
        if (m_parser.isSet(QStringLiteral("help")) || m_parser.isSet(QStringLiteral("help-all"))) {
            out(helpText(m_parser, QStringLiteral("flarechat key ") + m_syntax.section(QLatin1Char(' '), 0, 0)));
            return Ok;
        }
        if (m_parser.positionalArguments().size() != positionals) {
            return usage(positionals == 0
                    ? KeyCommand::tr("Unexpected argument '%1'.").arg(m_parser.positionalArguments().constFirst())
                    : KeyCommand::tr("Expected %1.").arg(m_syntax));
        }
        m_settings = std::make_unique<Settings>(m_common.settingsPath(m_parser));
        return -1;
    }

    int usage(const QString& problem) const
    {
        err(KeyCommand::tr("flarechat key: %1\nUsage: flarechat key %2 (--help for more)").arg(problem, m_syntax));
        return Usage;
    }

    Settings& settings() { return *m_settings; }
    SecretStore& store() { return m_store; }

private:
    QCommandLineParser m_parser;
    CommonOptions m_common;
    QString m_syntax;
    std::unique_ptr<Settings> m_settings;
    SecretStore m_store;
};

// What every change reports the same way: the keychain failing to answer or to take the change,
// the settings failing to keep the records.
void reportFailure(const LocalKeysJob::Result& r, Settings& settings, const QString& nothingDone)
{
    switch (r.outcome) {
    case LocalKeysJob::Outcome::ReadFailed:
        err(KeyCommand::tr("flarechat key: could not read the local API keys from the keychain: %1").arg(r.message));
        break;
    case LocalKeysJob::Outcome::WriteFailed:
        err(KeyCommand::tr("flarechat key: could not write the local API keys to the keychain: %1").arg(r.message));
        err(QStringLiteral("flarechat key: %1").arg(nothingDone));
        break;
    case LocalKeysJob::Outcome::RecordsFailed:
        err(KeyCommand::tr("flarechat key: could not save the key list in %1").arg(settings.path()));
        break;
    default:
        break;
    }
}

int runNew(const QStringList& args)
{
    Context c(KeyCommand::tr("Make a local API key, store it in the OS keychain and print it once."),
        QStringLiteral("new [--name NAME]"));
    const QCommandLineOption name(QStringLiteral("name"),
        KeyCommand::tr("What the key is for (default key-1, key-2...)."), QStringLiteral("name"));
    c.parser().addOption(name);
    if (const int code = c.parse(args, 0); code >= 0)
        return code;

    // An empty --name is a bad name, not the default one.
    const QString wanted = c.parser().isSet(name) ? c.parser().value(name) : QString();
    if (c.parser().isSet(name) && wanted.trimmed().isEmpty())
        return c.usage(LocalApiKeys::checkName(wanted));
    const LocalKeysJob::Result r = awaitKeys(LocalKeysJob::create(&c.store(), &c.settings(), wanted));
    switch (r.outcome) {
    case LocalKeysJob::Outcome::BadName:
        return c.usage(r.message);
    case LocalKeysJob::Outcome::NameTaken:
        err(KeyCommand::tr("flarechat key: there is a key named \"%1\" already; choose another --name, or revoke "
                           "it first")
                .arg(r.name));
        return Failed;
    case LocalKeysJob::Outcome::Ok:
    case LocalKeysJob::Outcome::RecordsFailed:
        break;
    default:
        reportFailure(r, c.settings(), KeyCommand::tr("no key was made."));
        return Failed;
    }
    reportFailure(r, c.settings(), {});
    out(r.newKey + QLatin1Char('\n')); // stored in the keychain either way: the user must see it
    err(KeyCommand::tr("flarechat key: made \"%1\" (%2) and stored it in the keychain. This is the only time the "
                       "key is shown. `flarechat serve` accepts it from its next start.")
            .arg(r.name, LocalApiKeys::shown(LocalApiKeys::prefixOf(r.newKey))));
    return r.ok() ? Ok : Failed;
}

int runList(const QStringList& args)
{
    Context c(KeyCommand::tr("List the local API keys: names, prefixes and creation times, never whole keys."),
        QStringLiteral("list [--no-keychain]"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
        KeyCommand::tr("Show the records in the settings only, without reading the keychain."));
    c.parser().addOption(noKeychain);
    if (const int code = c.parse(args, 0); code >= 0)
        return code;

    LocalKeysJob::Result r;
    if (c.parser().isSet(noKeychain)) {
        r.keys = LocalApiKeys(LocalApiKeys::readRecords(c.settings()), {});
    } else {
        r = awaitKeys(LocalKeysJob::list(&c.store(), &c.settings()));
        reportFailure(r, c.settings(), {});
    }
    const bool failed = !c.parser().isSet(noKeychain) && !r.keychainRead;
    const QList<LocalApiKeys::Entry> entries = r.keys.entries();
    if (entries.isEmpty())
        out(KeyCommand::tr("No local API keys. Make one with: flarechat key new --name NAME\n"));
    else
        out(KeyCommand::table(entries, r.keychainRead));
    if (failed)
        err(KeyCommand::tr("flarechat key: the list above shows the settings' records only."));
    return failed ? Failed : Ok;
}

int runRevoke(const QStringList& args)
{
    Context c(KeyCommand::tr("Revoke a local API key: remove it from the keychain and from the key list."),
        QStringLiteral("revoke NAME|PREFIX"));
    c.parser().addPositionalArgument(
        QStringLiteral("key"), KeyCommand::tr("The key's name, or its prefix as `flarechat key list` shows it."));
    if (const int code = c.parse(args, 1); code >= 0)
        return code;

    const QString wanted = c.parser().positionalArguments().constFirst();
    const LocalKeysJob::Result r
        = awaitKeys(LocalKeysJob::revoke(&c.store(), &c.settings(), wanted, LocalKeysJob::Match::One));
    switch (r.outcome) {
    case LocalKeysJob::Outcome::Ok:
        break;
    case LocalKeysJob::Outcome::NoMatch:
        err(KeyCommand::tr("flarechat key: %1 See `flarechat key list`.").arg(r.message));
        return Failed;
    case LocalKeysJob::Outcome::Ambiguous: {
        QStringList which;
        for (const LocalApiKeys::Entry& e : r.matched)
            which.append(e.hasRecord ? QStringLiteral("\"%1\" (%2)").arg(e.name, LocalApiKeys::shown(e.prefix))
                                     : LocalApiKeys::shown(e.prefix));
        err(KeyCommand::tr("flarechat key: \"%1\" matches %2 keys: %3. Give its name or a longer prefix.")
                .arg(wanted)
                .arg(r.matched.size())
                .arg(which.join(QStringLiteral(", "))));
        return Failed;
    }
    default:
        reportFailure(r, c.settings(), KeyCommand::tr("nothing was revoked."));
        return Failed;
    }
    const LocalApiKeys::Entry entry = r.matched.constFirst();
    const QString what = entry.hasRecord
        ? QStringLiteral("\"%1\" (%2)").arg(entry.name, LocalApiKeys::shown(entry.prefix))
        : LocalApiKeys::shown(entry.prefix);
    out(KeyCommand::tr("Revoked %1.\n").arg(what));
    err(KeyCommand::tr("flarechat key: a `flarechat serve` already running accepts it until it restarts."));
    return Ok;
}

} // namespace

QString KeyCommand::table(const QList<LocalApiKeys::Entry>& entries, bool keychainRead)
{
    QList<QStringList> rows {{tr("NAME"), tr("KEY"), tr("CREATED (UTC)")}};
    for (const LocalApiKeys::Entry& e : entries) {
        QStringList r {e.hasRecord ? e.name : QStringLiteral("-"), LocalApiKeys::shown(e.prefix),
            e.created.isValid() ? e.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                : QStringLiteral("-")};
        if (keychainRead && !e.hasRecord)
            r << tr("in the keychain, not made by `flarechat key new`");
        else if (keychainRead && e.keys.isEmpty())
            r << tr("missing from the keychain: not accepted");
        rows.append(r);
    }
    return textTable(rows);
}

int KeyCommand::run(QCoreApplication&, const QStringList& args)
{
    const QString sub = args.value(1);
    QStringList rest = args;
    if (rest.size() > 1)
        rest.removeAt(1); // the subcommand's parser sees "flarechat --options..."
    if (sub == QLatin1String("new"))
        return runNew(rest);
    if (sub == QLatin1String("list"))
        return runList(rest);
    if (sub == QLatin1String("revoke"))
        return runRevoke(rest);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("--help-all")
        || sub == QLatin1String("help")) {
        out(usage() + QLatin1Char('\n'));
        return Ok;
    }
    err(sub.isEmpty() ? KeyCommand::tr("flarechat key: which one?\n%1").arg(usage())
                      : KeyCommand::tr("flarechat key: unknown subcommand '%1'\n%2").arg(sub, usage()));
    return Usage;
}

} // namespace flarechat::cli
