#include "KeyCommand.h"

#include "CommonOptions.h"
#include "ExitCode.h"
#include "HeadlessKeychain.h"
#include "config/Credentials.h"
#include "storage/LocalApiKeys.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QCommandLineParser>

#include <memory>

namespace flarechat::cli {

namespace {

const char* const kUsage = "Usage: flarechat key new [--name NAME]\n"
                           "       flarechat key list [--no-keychain]\n"
                           "       flarechat key revoke NAME|PREFIX\n"
                           "Every form takes --settings FILE; each has --help.";

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
                    ? QStringLiteral("Unexpected argument '%1'.").arg(m_parser.positionalArguments().constFirst())
                    : QStringLiteral("Expected %1.").arg(m_syntax));
        }
        m_settings = std::make_unique<Settings>(m_common.settingsPath(m_parser));
        return -1;
    }

    int usage(const QString& problem) const
    {
        err(QStringLiteral("flarechat key: %1\nUsage: flarechat key %2 (--help for more)").arg(problem, m_syntax));
        return Usage;
    }

    Settings& settings() { return *m_settings; }

    // The keys in the keychain; false (with a message printed) when it could not be read.
    bool readKeychain(QStringList* keys)
    {
        const SecretResult r = awaitSecret(m_store.read(Credentials::apiKeysSecret()));
        if (r.status == SecretResult::Status::NotFound) {
            keys->clear();
            return true;
        }
        if (!r.ok()) {
            err(QStringLiteral("flarechat key: could not read the local API keys from the keychain: %1")
                    .arg(r.message));
            return false;
        }
        *keys = Credentials::splitStoredKeys(r.value);
        return true;
    }

    bool writeKeychain(const QStringList& keys)
    {
        const SecretResult r = awaitSecret(keys.isEmpty()
                ? m_store.remove(Credentials::apiKeysSecret())
                : m_store.write(Credentials::apiKeysSecret(), Credentials::joinStoredKeys(keys)));
        if (!r.ok()) {
            err(QStringLiteral("flarechat key: could not write the local API keys to the keychain: %1").arg(r.message));
            return false;
        }
        return true;
    }

    bool saveRecords(const QList<ApiKeyRecord>& records)
    {
        LocalApiKeys::writeRecords(*m_settings, records);
        m_settings->sync();
        if (m_settings->status() != QSettings::NoError) {
            err(QStringLiteral("flarechat key: could not save the key list in %1").arg(m_settings->path()));
            return false;
        }
        return true;
    }

private:
    QCommandLineParser m_parser;
    CommonOptions m_common;
    QString m_syntax;
    std::unique_ptr<Settings> m_settings;
    SecretStore m_store;
};

int runNew(const QStringList& args)
{
    Context c(QStringLiteral("Make a local API key, store it in the OS keychain and print it once."),
        QStringLiteral("new [--name NAME]"));
    const QCommandLineOption name(QStringLiteral("name"),
        QStringLiteral("What the key is for (default key-1, key-2...)."), QStringLiteral("name"));
    c.parser().addOption(name);
    if (const int code = c.parse(args, 0); code >= 0)
        return code;

    const QList<ApiKeyRecord> records = LocalApiKeys::readRecords(c.settings());
    const QString keyName = c.parser().isSet(name) ? c.parser().value(name) : LocalApiKeys(records, {}).defaultName();
    if (const QString problem = LocalApiKeys::checkName(keyName); !problem.isEmpty())
        return c.usage(problem);
    QStringList stored;
    if (!c.readKeychain(&stored))
        return Failed;
    LocalApiKeys keys(records, stored);
    if (keys.hasName(keyName)) {
        err(QStringLiteral("flarechat key: there is a key named \"%1\" already; choose another --name, or revoke "
                           "it first")
                .arg(keyName));
        return Failed;
    }
    const QString key = LocalApiKeys::generate();
    keys.add(key, keyName, QDateTime::currentDateTimeUtc());
    if (!c.writeKeychain(keys.keychainKeys())) {
        err(QStringLiteral("flarechat key: no key was made."));
        return Failed;
    }
    const bool saved = c.saveRecords(keys.records());
    out(key + QLatin1Char('\n')); // stored in the keychain either way: the user must see it
    err(QStringLiteral("flarechat key: made \"%1\" (%2) and stored it in the keychain. This is the only time the "
                       "key is shown. `flarechat serve` accepts it from its next start.")
            .arg(keyName, LocalApiKeys::shown(LocalApiKeys::prefixOf(key))));
    return saved ? Ok : Failed;
}

int runList(const QStringList& args)
{
    Context c(QStringLiteral("List the local API keys: names, prefixes and creation times, never whole keys."),
        QStringLiteral("list [--no-keychain]"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
        QStringLiteral("Show the records in the settings only, without reading the keychain."));
    c.parser().addOption(noKeychain);
    if (const int code = c.parse(args, 0); code >= 0)
        return code;

    QStringList stored;
    const bool read = !c.parser().isSet(noKeychain) && c.readKeychain(&stored);
    const bool failed = !c.parser().isSet(noKeychain) && !read;
    const QList<LocalApiKeys::Entry> entries = LocalApiKeys(LocalApiKeys::readRecords(c.settings()), stored).entries();
    if (entries.isEmpty())
        out(QStringLiteral("No local API keys. Make one with: flarechat key new --name NAME\n"));
    else
        out(KeyCommand::table(entries, read));
    if (failed)
        err(QStringLiteral("flarechat key: the list above shows the settings' records only."));
    return failed ? Failed : Ok;
}

int runRevoke(const QStringList& args)
{
    Context c(QStringLiteral("Revoke a local API key: remove it from the keychain and from the key list."),
        QStringLiteral("revoke NAME|PREFIX"));
    c.parser().addPositionalArgument(
        QStringLiteral("key"), QStringLiteral("The key's name, or its prefix as `flarechat key list` shows it."));
    if (const int code = c.parse(args, 1); code >= 0)
        return code;

    const QString wanted = c.parser().positionalArguments().constFirst();
    QStringList stored;
    if (!c.readKeychain(&stored))
        return Failed;
    LocalApiKeys keys(LocalApiKeys::readRecords(c.settings()), stored);
    QString problem;
    const QList<LocalApiKeys::Entry> found = keys.find(wanted, &problem);
    if (found.isEmpty()) {
        err(QStringLiteral("flarechat key: %1 See `flarechat key list`.").arg(problem));
        return Failed;
    }
    if (found.size() > 1) {
        QStringList which;
        for (const LocalApiKeys::Entry& e : found)
            which.append(e.hasRecord ? QStringLiteral("\"%1\" (%2)").arg(e.name, LocalApiKeys::shown(e.prefix))
                                     : LocalApiKeys::shown(e.prefix));
        err(QStringLiteral("flarechat key: \"%1\" matches %2 keys: %3. Give its name or a longer prefix.")
                .arg(wanted)
                .arg(found.size())
                .arg(which.join(QStringLiteral(", "))));
        return Failed;
    }
    const LocalApiKeys::Entry entry = found.constFirst();
    keys.remove(entry);
    if (!entry.keys.isEmpty() && !c.writeKeychain(keys.keychainKeys())) {
        err(QStringLiteral("flarechat key: nothing was revoked."));
        return Failed;
    }
    if (entry.hasRecord && !c.saveRecords(keys.records()))
        return Failed;
    const QString what = entry.hasRecord
        ? QStringLiteral("\"%1\" (%2)").arg(entry.name, LocalApiKeys::shown(entry.prefix))
        : LocalApiKeys::shown(entry.prefix);
    out(QStringLiteral("Revoked %1.\n").arg(what));
    err(QStringLiteral("flarechat key: a `flarechat serve` already running accepts it until it restarts."));
    return Ok;
}

} // namespace

QString KeyCommand::table(const QList<LocalApiKeys::Entry>& entries, bool keychainRead)
{
    struct Row
    {
        QString name, key, created, note;
    };
    QList<Row> rows {{QStringLiteral("NAME"), QStringLiteral("KEY"), QStringLiteral("CREATED (UTC)"), QString()}};
    for (const LocalApiKeys::Entry& e : entries) {
        Row r;
        r.name = e.hasRecord ? e.name : QStringLiteral("-");
        r.key = LocalApiKeys::shown(e.prefix);
        r.created = e.created.isValid() ? e.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                        : QStringLiteral("-");
        if (keychainRead && !e.hasRecord)
            r.note = QStringLiteral("in the keychain, not made by `flarechat key new`");
        else if (keychainRead && e.keys.isEmpty())
            r.note = QStringLiteral("missing from the keychain: not accepted");
        rows.append(r);
    }
    qsizetype nameWidth = 0, keyWidth = 0, createdWidth = 0;
    for (const Row& r : std::as_const(rows)) {
        nameWidth = qMax(nameWidth, r.name.size());
        keyWidth = qMax(keyWidth, r.key.size());
        createdWidth = qMax(createdWidth, r.created.size());
    }
    QString text;
    for (const Row& r : std::as_const(rows)) {
        QString line = r.name.leftJustified(nameWidth + 2) + r.key.leftJustified(keyWidth + 2) + r.created;
        if (!r.note.isEmpty())
            line = line.leftJustified(nameWidth + keyWidth + createdWidth + 6) + r.note;
        text += line + QLatin1Char('\n');
    }
    return text;
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
        out(QString::fromLatin1(kUsage) + QLatin1Char('\n'));
        return Ok;
    }
    err(sub.isEmpty()
            ? QStringLiteral("flarechat key: which one?\n%1").arg(QString::fromLatin1(kUsage))
            : QStringLiteral("flarechat key: unknown subcommand '%1'\n%2").arg(sub, QString::fromLatin1(kUsage)));
    return Usage;
}

} // namespace flarechat::cli
