#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace flarechat::test {

// The `flarechat` binary as tests run it (its path comes from the test's FLARECHAT_BINARY
// compile definition, see tests/CMakeLists.txt). Every wait is bounded and spins the event loop,
// so a FakeWorkersAi in the test's own thread keeps answering the child meanwhile.

// The path of the `flarechat` binary the test was built against (FLARECHAT_BINARY, set per test
// target in tests/CMakeLists.txt); empty when the target has none. Inline: it reads the including
// test's definition.
inline QString flarechatBinary()
{
#ifdef FLARECHAT_BINARY
    return QStringLiteral(FLARECHAT_BINARY);
#else
    return {};
#endif
}

// The arguments a test's `flarechat serve` runs with: a free port, the fake's API base, no
// keychain, settings and request log in `dir`, one API key.
QStringList serveTestArgs(const QString& apiBase, const QString& dir, const QString& key);

// The test's environment without FlareChat's credential variables, with the XDG folders
// (settings, caches, logs) under `home`, so a child never touches the developer's files.
QProcessEnvironment cliEnvironment(const QString& home);

struct CliResult
{
    bool finished = false; // within the time allowed; killed otherwise
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
CliResult runCli(
    const QString& program, const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 30'000);

// `flarechat serve` in the background. start() waits for its "listening on http://HOST:PORT/v1" line
// (its URL: the words are in the user's language).
class ServeProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServeProcess)

public:
    ServeProcess(const QString& program, const QProcessEnvironment& env, QObject* parent = nullptr);
    ~ServeProcess() override; // kills the child if it still runs

    // "serve" is prepended to args. False when it exited or did not listen within timeoutMs.
    bool start(const QStringList& args, int timeoutMs = 20'000);
    quint16 port() const { return m_port; }
    void sendSignal(int signalNumber);
    bool waitForExit(int timeoutMs);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QByteArray stdOut() const { return m_out; }
    QByteArray stdErr() const { return m_err; }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};

// Runs this test binary again inside a private D-Bus session with a throwaway, unlocked
// gnome-keyring (as tst_secretstore does), so keychain tests never touch the developer's keyring
// and run the same under scripts/test.sh, bare ctest or by hand. Returns false when the binary
// already runs inside it; otherwise does not return (or returns true after a failed exec, with
// a message on stderr: the caller exits 1).
bool reexecUnderPrivateKeyring(char** argv);

// A just-started gnome-keyring may still be unlocking its collection when the first client comes
// ("Cannot create an item in a locked collection"): waits, at most `timeoutMs`, until a test
// write goes in (and removes it). False, with the keychain's last message in `error`, if none did.
bool waitUntilKeyringWritable(int timeoutMs, QString* error);

} // namespace flarechat::test
