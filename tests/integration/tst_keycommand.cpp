// `flarechat key new|list|revoke` and `flarechat serve` reading the keys it made, through the real
// binary and a real keychain: main() re-runs this test inside a private D-Bus session with a
// throwaway gnome-keyring (tests/support/CliProcess.h), which the child processes share. What the
// commands store is checked in that keychain and in the settings file directly.
#include "CliProcess.h"
#include "HttpRawClient.h"
#include "KeychainWait.h"
#include "config/Credentials.h"
#include "storage/SecretStore.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace flarechat;
using flarechat::test::CliResult;
using flarechat::test::HttpRawClient;
using flarechat::test::ServeProcess;

namespace {

QString binary()
{
    return flarechat::test::flarechatBinary();
}

QString ellipsis()
{
    return QString(QChar(0x2026));
}

} // namespace

class TestKeyCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void newListRevoke();
    void usageErrors_data();
    void usageErrors();
    void failures();
    void keychainKeyWithoutRecord();
    void serveAcceptsKeychainKeys();

private:
    CliResult key(const QStringList& args);
    QString makeKey(const QString& name);
    SecretResult readStored();
    int status(quint16 port, const QByteArray& key);
    QProcessEnvironment env() const { return flarechat::test::cliEnvironment(m_dir->path()); }
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    SecretStore m_store;
};

void TestKeyCommand::initTestCase()
{
    if (binary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "main() should have started a private bus");
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
    m_store.setTimeout(20000);
}

void TestKeyCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Every test starts from an empty keychain entry (the keyring is this process's own).
    const SecretResult r = flarechat::test::waitForSecret(m_store.remove(Credentials::apiKeysSecret()));
    QVERIFY2(r.ok(), qPrintable(r.message));
}

void TestKeyCommand::cleanup()
{
    m_dir.reset();
}

CliResult TestKeyCommand::key(const QStringList& args)
{
    return flarechat::test::runCli(binary(),
        QStringList {QStringLiteral("key")} + args + QStringList {QStringLiteral("--settings"), settingsPath()}, env());
}

QString TestKeyCommand::makeKey(const QString& name)
{
    const CliResult r = key({QStringLiteral("new"), QStringLiteral("--name"), name});
    if (!r.finished || r.exitCode != 0) {
        qWarning().noquote() << "key new failed:" << r.exitCode << r.err;
        return {};
    }
    return QString::fromUtf8(r.out).trimmed();
}

SecretResult TestKeyCommand::readStored()
{
    return flarechat::test::waitForSecret(m_store.read(Credentials::apiKeysSecret()));
}

int TestKeyCommand::status(quint16 port, const QByteArray& key)
{
    HttpRawClient client(port);
    QByteArray request = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!key.isEmpty())
        request += "Authorization: Bearer " + key + "\r\n";
    client.send(request + "\r\n");
    if (!QTest::qWaitFor([&] { return client.isClosed(); }, 10000) || client.responses().isEmpty())
        return -1;
    return client.responses().first().status;
}

void TestKeyCommand::newListRevoke()
{
    const CliResult made = key({QStringLiteral("new"), QStringLiteral("--name"), QStringLiteral("ci runner")});
    QVERIFY(made.finished);
    QVERIFY2(made.exitCode == 0, made.err.constData());
    // stdout is the key alone, so `KEY=$(flarechat key new)` works.
    static const QRegularExpression shape(QStringLiteral("^sk-flarechat-[0-9A-Za-z]{40}\n$"));
    QVERIFY2(shape.match(QString::fromUtf8(made.out)).hasMatch(), made.out.constData());
    const QString first = QString::fromUtf8(made.out).trimmed();
    QVERIFY2(made.err.contains("only time"), made.err.constData());
    QVERIFY(!made.err.contains(first.toUtf8()));

    // The key is in the keychain; the settings hold its prefix, never the key.
    SecretResult stored = readStored();
    QVERIFY2(stored.ok(), qPrintable(stored.message));
    QCOMPARE(Credentials::splitStoredKeys(stored.value), QStringList {first});
    QFile ini(settingsPath());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray iniText = ini.readAll();
    QVERIFY(iniText.contains(first.left(25).toUtf8()));
    QVERIFY(!iniText.contains(first.mid(25).toUtf8()));
    ini.close();

    const QString second = makeKey(QStringLiteral("laptop"));
    QVERIFY(!second.isEmpty());
    const CliResult unnamed = key({QStringLiteral("new")});
    QCOMPARE(unnamed.exitCode, 0);
    const QString third = QString::fromUtf8(unnamed.out).trimmed();
    QVERIFY(unnamed.err.contains("\"key-1\""));
    stored = readStored();
    QCOMPARE(Credentials::splitStoredKeys(stored.value), (QStringList {first, second, third}));

    CliResult list = key({QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    const QString table = QString::fromUtf8(list.out);
    for (const QString& name : {QStringLiteral("ci runner"), QStringLiteral("laptop"), QStringLiteral("key-1")})
        QVERIFY2(table.contains(name), qPrintable(table));
    for (const QString& k : {first, second, third}) {
        QVERIFY2(table.contains(k.left(25) + ellipsis()), qPrintable(table)); // "sk-flarechat-" + 12, then "…"
        QVERIFY2(!table.contains(k.left(26)), qPrintable(table));
    }
    QVERIFY(table.contains(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd"))));
    QVERIFY(!table.contains(QLatin1String("keychain"))); // no notes: records and keys agree

    // Revoke by a prefix as `key list` shows it, cut short; then by name.
    CliResult revoked = key({QStringLiteral("revoke"), second.left(19) + ellipsis()});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    QVERIFY2(revoked.out.contains("\"laptop\""), revoked.out.constData());
    QCOMPARE(Credentials::splitStoredKeys(readStored().value), (QStringList {first, third}));
    revoked = key({QStringLiteral("revoke"), QStringLiteral("ci runner")});
    QCOMPARE(revoked.exitCode, 0);
    revoked = key({QStringLiteral("revoke"), QStringLiteral("key-1")});
    QCOMPARE(revoked.exitCode, 0);
    QCOMPARE(readStored().status, SecretResult::Status::NotFound); // the last one took the entry with it

    list = key({QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.startsWith("No local API keys"), list.out.constData());
}

void TestKeyCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no subcommand") << QStringList {} << 2 << "Usage: flarechat key";
    QTest::newRow("unknown subcommand") << QStringList {QStringLiteral("rotate")} << 2 << "unknown subcommand";
    QTest::newRow("unknown option") << QStringList {QStringLiteral("new"), QStringLiteral("--colour")} << 2 << "colour";
    QTest::newRow("extra argument") << QStringList {QStringLiteral("new"), QStringLiteral("ci")} << 2
                                    << "Unexpected argument";
    QTest::newRow("name like a key") << QStringList {QStringLiteral("new"), QStringLiteral("--name"),
        QStringLiteral("sk-flarechat-x")}
                                     << 2 << "must not begin with";
    QTest::newRow("empty name") << QStringList {QStringLiteral("new"), QStringLiteral("--name"), QString()} << 2
                                << "must not be empty";
    QTest::newRow("revoke what") << QStringList {QStringLiteral("revoke")} << 2 << "revoke NAME|PREFIX";
    QTest::newRow("revoke two") << QStringList {QStringLiteral("revoke"), QStringLiteral("a"), QStringLiteral("b")} << 2
                                << "revoke NAME|PREFIX";
    QTest::newRow("list argument") << QStringList {QStringLiteral("list"), QStringLiteral("all")} << 2
                                   << "Unexpected argument";
    QTest::newRow("help") << QStringList {QStringLiteral("--help")} << 0 << "";
    QTest::newRow("new --help") << QStringList {QStringLiteral("new"), QStringLiteral("--help")} << 0 << "";
}

void TestKeyCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliResult r = key(args);
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    if (exitCode == 0)
        QVERIFY2(r.out.contains("flarechat key") || r.out.contains("--name"), r.out.constData());
    // Nothing was stored.
    QCOMPARE(readStored().status, SecretResult::Status::NotFound);
}

void TestKeyCommand::failures()
{
    const QString only = makeKey(QStringLiteral("ci"));
    QVERIFY(!only.isEmpty());

    CliResult r = key({QStringLiteral("new"), QStringLiteral("--name"), QStringLiteral("ci")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("already"), r.err.constData());
    QVERIFY(r.out.isEmpty());

    r = key({QStringLiteral("revoke"), QStringLiteral("nothere")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("No key is named \"nothere\""), r.err.constData());

    r = key({QStringLiteral("revoke"), QStringLiteral("sk-flarechat-")}); // too short to tell keys apart
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("at least 4 characters"), r.err.constData());

    QCOMPARE(Credentials::splitStoredKeys(readStored().value), QStringList {only}); // untouched
}

void TestKeyCommand::keychainKeyWithoutRecord()
{
    // A key put into the keychain by other means shows up, prefix only, and can be revoked.
    const QString manual = QStringLiteral("sk-flarechat-MANUALxxxxxxyyyyyyyyyyzzzzzzzzzz0123456789");
    QVERIFY(flarechat::test::waitForSecret(m_store.write(Credentials::apiKeysSecret(), manual)).ok());
    const QString made = makeKey(QStringLiteral("ci"));
    QVERIFY(!made.isEmpty());

    const CliResult list = key({QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    const QString table = QString::fromUtf8(list.out);
    QVERIFY2(table.contains(manual.left(25) + ellipsis()), qPrintable(table));
    QVERIFY2(!table.contains(manual.left(26)), qPrintable(table));
    QVERIFY2(table.contains(QLatin1String("not made by")), qPrintable(table));

    const CliResult offline = key({QStringLiteral("list"), QStringLiteral("--no-keychain")});
    QCOMPARE(offline.exitCode, 0);
    QVERIFY(!offline.out.contains(manual.left(25).toUtf8())); // the settings do not know it

    const CliResult revoked = key({QStringLiteral("revoke"), manual.left(25) + ellipsis()});
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    QCOMPARE(Credentials::splitStoredKeys(readStored().value), QStringList {made});
}

void TestKeyCommand::serveAcceptsKeychainKeys()
{
    const QString fromKeychain = makeKey(QStringLiteral("ci"));
    QVERIFY(!fromKeychain.isEmpty());
    const QByteArray keychainKey = fromKeychain.toUtf8();
    const QByteArray cliKey = "sk-flarechat-fromthecommandline000000000000000000000000";
    const QByteArray envKey = "sk-flarechat-fromtheenvironment00000000000000000000000";
    const QStringList common {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--settings"),
        settingsPath(), QStringLiteral("--log-file"), m_dir->filePath(QStringLiteral("requests.log"))};

    struct Case
    {
        const char* what;
        QStringList args;
        QByteArray environment; // FLARECHAT_API_KEYS
        QList<QPair<QByteArray, int>> expected;
        const char* describes;
    };
    const QList<Case> cases {
        {"keychain only", {}, {}, {{keychainKey, 200}, {cliKey, 401}, {QByteArray(), 401}},
            "local API keys: 1 (keychain)"},
        {"--api-key and the keychain", {QStringLiteral("--api-key"), QString::fromUtf8(cliKey)}, {},
            {{keychainKey, 200}, {cliKey, 200}}, "local API keys: 2 (command line, and 1 from the keychain)"},
        {"FLARECHAT_API_KEYS and the keychain", {}, envKey, {{keychainKey, 200}, {envKey, 200}, {cliKey, 401}},
            "and 1 from the keychain"},
        {"--no-keychain", {QStringLiteral("--no-keychain"), QStringLiteral("--api-key"), QString::fromUtf8(cliKey)}, {},
            {{keychainKey, 401}, {cliKey, 200}}, "local API keys: 1 (command line)"},
    };
    for (const Case& c : cases) {
        QProcessEnvironment e = env();
        if (!c.environment.isEmpty())
            e.insert(QStringLiteral("FLARECHAT_API_KEYS"), QString::fromUtf8(c.environment));
        ServeProcess serve(binary(), e);
        QVERIFY2(serve.start(common + c.args),
            qPrintable(QString::fromLatin1(c.what) + QStringLiteral(": ") + QString::fromUtf8(serve.stdErr())));
        for (const auto& [presented, expected] : c.expected)
            QVERIFY2(status(serve.port(), presented) == expected, c.what);
        QVERIFY2(serve.stdErr().contains(c.describes), serve.stdErr().constData());
        QVERIFY(!serve.stdErr().contains(keychainKey)); // never printed
        serve.sendSignal(SIGTERM);
        QVERIFY(serve.waitForExit(15000));
        QCOMPARE(serve.exitCode(), 0);
    }

    // Revoked, the key is refused from the next start; with no key left, serve will not start.
    QCOMPARE(key({QStringLiteral("revoke"), QStringLiteral("ci")}).exitCode, 0);
    const CliResult none = flarechat::test::runCli(binary(), QStringList {QStringLiteral("serve")} + common, env());
    QVERIFY(none.finished);
    QCOMPARE(none.exitCode, 3);
    QVERIFY2(none.err.contains("key"), none.err.constData());
}

int main(int argc, char** argv)
{
    if (flarechat::test::reexecUnderPrivateKeyring(argv))
        return 1; // a failure, never a skip: the keychain path must be tested
    QCoreApplication app(argc, argv);
    TestKeyCommand test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keycommand.moc"
