#include "CliProcess.h"

#include "KeychainWait.h"
#include "storage/SecretStore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <unistd.h>

namespace flarechat::test {

QStringList serveTestArgs(const QString& apiBase, const QString& dir, const QString& key)
{
    return {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--api-base"), apiBase,
        QStringLiteral("--no-keychain"), QStringLiteral("--settings"), dir + QStringLiteral("/settings.ini"),
        QStringLiteral("--log-file"), dir + QStringLiteral("/requests.log"), QStringLiteral("--api-key"), key};
}

QProcessEnvironment cliEnvironment(const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
        {"FLARECHAT_API_KEYS", "FLARECHAT_API_BASE", "CLOUDFLARE_ACCOUNT_ID", "CLOUDFLARE_API_TOKEN"})
        env.remove(QString::fromLatin1(name));
    for (const char* name : {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const QString dir = QDir(home).filePath(QString::fromLatin1(name).toLower());
        QDir().mkpath(dir);
        env.insert(QString::fromLatin1(name), dir);
    }
    // A proxy in the environment must not catch loopback traffic.
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost,::1"));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost,::1"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flarechat.*.debug=false"));
    return env;
}

CliResult runCli(const QString& program, const QStringList& args, const QProcessEnvironment& env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    CliResult r;
    if (!p.waitForStarted(timeoutMs)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    p.closeWriteChannel();
    r.finished = QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ServeProcess::ServeProcess(const QString& program, const QProcessEnvironment& env, QObject* parent)
    : QObject(parent)
{
    m_process.setProgram(program);
    m_process.setProcessEnvironment(env);
    connect(
        &m_process, &QProcess::readyReadStandardOutput, this, [this] { m_out += m_process.readAllStandardOutput(); });
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] { m_err += m_process.readAllStandardError(); });
}

ServeProcess::~ServeProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServeProcess::start(const QStringList& args, int timeoutMs)
{
    m_process.setArguments(QStringList {QStringLiteral("serve")} + args);
    m_process.start();
    // The URL, not the words around it: they are in the user's language.
    static const QRegularExpression listening(QStringLiteral("http://[^ ]+:(\\d+)/v1"));
    QRegularExpressionMatch match;
    const bool settled = QTest::qWaitFor(
        [&] {
            match = listening.match(QString::fromUtf8(m_out));
            return match.hasMatch() || m_process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (!settled || !match.hasMatch())
        return false;
    m_port = static_cast<quint16>(match.captured(1).toUInt());
    return true;
}

void ServeProcess::sendSignal(int signalNumber)
{
    if (m_process.state() != QProcess::NotRunning)
        ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
}

bool ServeProcess::waitForExit(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
}

bool reexecUnderPrivateKeyring(char** argv)
{
    static const char marker[] = "FLARECHAT_TEST_PRIVATE_KEYRING";
    if (qgetenv(marker) == "1")
        return false;
    // A non-empty password: with an empty one gnome-keyring creates no "login" collection, and
    // storing would then need a prompt (a display).
    static const char script[] = R"sh(set -e
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir -p "$d/data" "$d/run"
chmod 700 "$d/run"
export XDG_DATA_HOME="$d/data" XDG_RUNTIME_DIR="$d/run"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION GNOME_DESKTOP_SESSION_ID
printf throwaway-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# The daemon creates the unlocked "login" collection after it returns. A write before that
# finds no default collection and leaves the test with a locked one: wait for the file.
i=0
while [ ! -s "$d/data/keyrings/login.keyring" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
"$0" "$@"
)sh";
    std::vector<char*> args {const_cast<char*>("dbus-run-session"), const_cast<char*>("--"), const_cast<char*>("sh"),
        const_cast<char*>("-c"), const_cast<char*>(script)};
    for (char** a = argv; *a; ++a)
        args.push_back(*a);
    args.push_back(nullptr);
    setenv(marker, "1", 1);
    execvp(args.front(), args.data());
    std::perror("cannot run dbus-run-session (install dbus and gnome-keyring)");
    return true;
}

bool waitUntilKeyringWritable(int timeoutMs, QString* error)
{
    SecretStore probe(QStringLiteral("FlareChatTestProbe"));
    probe.setTimeout(qMax(1000, timeoutMs / 2));
    QDeadlineTimer deadline(timeoutMs);
    SecretResult written;
    while (
        !(written = flarechat::test::waitForSecret(probe.write(QStringLiteral("probe"), QStringLiteral("test-probe"))))
             .ok()
        && !deadline.hasExpired())
        QTest::qWait(200);
    if (!written.ok()) {
        if (error)
            *error = written.message;
        return false;
    }
    flarechat::test::waitForSecret(probe.remove(QStringLiteral("probe")));
    return true;
}

} // namespace flarechat::test
