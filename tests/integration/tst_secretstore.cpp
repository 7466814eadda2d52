#include "CliProcess.h"
#include "storage/SecretStore.h"

#include <QMetaMethod>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace flarechat;
using Status = SecretResult::Status;
using Op = SecretBackend::Op;

Q_DECLARE_METATYPE(flarechat::SecretResult::Status)
Q_DECLARE_METATYPE(flarechat::SecretBackend::Op)

// How this test reaches a keyring: main() re-executes the binary under its own
// `dbus-run-session` with a fresh gnome-keyring in a temporary XDG_DATA_HOME/XDG_RUNTIME_DIR,
// so it runs the same under scripts/test.sh, bare ctest or by hand, and never touches the
// developer's own keyring. The throwaway keyring gets a non-empty password: with an empty one
// gnome-keyring creates no "login" collection, and storing then needs a prompt (a display). The "no D-Bus" path runs
// in a child process of this binary with DBUS_SESSION_BUS_ADDRESS pointing at nothing, because
// libsecret keeps one bus connection per process. Every value here is a made-up test string.

namespace {

constexpr char kChildArg[] = "--no-bus-child";

// The keyring's side of the operations FakeBackend holds open (FakeBackend::held). Like
// QtKeychain's own jobs (see KeychainBackend::start) they live outside the store, and each answers
// once through a connection to the context SecretStore gave it, which Qt drops when that context
// is destroyed. answer() is the keyring answering, at last, every operation it holds.
class HeldOperations final : public QObject
{
    Q_OBJECT

public:
    void answer(const SecretResult& result) { Q_EMIT answered(result); }
    // An operation is held whose context is still alive, so an answer would reach it.
    bool holdsLiveOperation() const { return isSignalConnected(QMetaMethod::fromSignal(&HeldOperations::answered)); }
    int started = 0; // operations that reached the keyring
    int delivered = 0; // answers handed to SecretStore's callback

Q_SIGNALS:
    void answered(const flarechat::SecretResult& result);
};

// A keychain that does what the test scripts, for the fallback logic.
class FakeBackend final : public SecretBackend
{
public:
    struct Call
    {
        Op op;
        QString service;
        QString key;
    };
    QList<Call> calls;
    Status status = Status::Ok;
    QString value;
    QString message;
    bool hang = false;
    HeldOperations* held = nullptr; // when set, operations wait there for the keyring to answer

    void start(Op op, const QString& service, const QString& key, const QString&, QObject* context,
        std::function<void(SecretResult)> done) override
    {
        calls.append({op, service, key});
        if (held) {
            ++held->started;
            HeldOperations* keyring = held;
            QObject::connect(
                keyring, &HeldOperations::answered, context,
                [keyring, done = std::move(done)](const SecretResult& r) {
                    ++keyring->delivered;
                    done(r);
                },
                Qt::SingleShotConnection);
            return;
        }
        if (hang)
            return;
        SecretResult r;
        r.status = status;
        r.value = op == Op::Read && status == Status::Ok ? value : QString();
        r.message = message;
        QTimer::singleShot(0, context, [r, done = std::move(done)] { done(r); });
    }
};

SecretResult wait(SecretJob* job, int timeoutMs = 20000)
{
    QSignalSpy spy(job, &SecretJob::finished);
    if (!spy.wait(timeoutMs)) {
        SecretResult r;
        r.message = QStringLiteral("test: no finished() within %1 ms").arg(timeoutMs);
        return r;
    }
    return spy.at(0).at(0).value<SecretResult>();
}

QString statusName(Status s)
{
    switch (s) {
    case Status::Ok:
        return QStringLiteral("Ok");
    case Status::NotFound:
        return QStringLiteral("NotFound");
    case Status::Unavailable:
        return QStringLiteral("Unavailable");
    case Status::AccessDenied:
        return QStringLiteral("AccessDenied");
    case Status::TimedOut:
        return QStringLiteral("TimedOut");
    }
    return {};
}

QString uniqueService()
{
    return QStringLiteral("FlareChatTest-%1-%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void realKeyringRoundTrip();
    void realKeyringServicesAreSeparate();
    void noKeychainWithoutFallback();
    void noKeychainWithFallbackChild();
    void startsAfterCallerConnects();
    void fallback_data();
    void fallback();
    void timeoutNeverBlocks();
    void storeDestroyedWithPendingJob();

private:
    QString runChild(const QStringList& args, QString* diagnostics);
};

void TestSecretStore::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "main() should have started a private bus");
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
}

void TestSecretStore::realKeyringRoundTrip()
{
    SecretStore store(uniqueService());
    store.setTimeout(20000);
    QSignalSpy insecure(&store, &SecretStore::insecureFallbackUsed);
    const QString key = QStringLiteral("cloudflare/api_token");

    SecretResult r = wait(store.write(key, QStringLiteral("test-value-one")));
    QVERIFY2(r.ok(), qPrintable(statusName(r.status) + QLatin1Char(' ') + r.message));
    QVERIFY(!r.insecure);
    r = wait(store.read(key));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.value, QStringLiteral("test-value-one"));
    QCOMPARE(r.key, key);

    const QString second = QStringLiteral("test-value-двa\nsecond line");
    QVERIFY(wait(store.write(key, second)).ok()); // overwrite, not a second entry
    r = wait(store.read(key));
    QVERIFY(r.ok());
    QCOMPARE(r.value, second);

    QVERIFY(wait(store.remove(key)).ok());
    r = wait(store.read(key));
    QCOMPARE(r.status, Status::NotFound);
    QVERIFY(!r.message.contains(QLatin1String("test-value")));
    QVERIFY(wait(store.remove(key)).ok()); // removing nothing is fine
    QCOMPARE(insecure.count(), 0);
}

void TestSecretStore::realKeyringServicesAreSeparate()
{
    SecretStore a(uniqueService());
    SecretStore b(uniqueService());
    const QString key = QStringLiteral("server/api_keys");
    QVERIFY(wait(a.write(key, QStringLiteral("test-a"))).ok());
    QVERIFY(wait(b.write(key, QStringLiteral("test-b"))).ok());
    QCOMPARE(wait(a.read(key)).value, QStringLiteral("test-a"));
    QCOMPARE(wait(b.read(key)).value, QStringLiteral("test-b"));
    QVERIFY(wait(a.remove(key)).ok());
    QCOMPARE(wait(a.read(key)).status, Status::NotFound);
    QCOMPARE(wait(b.read(key)).value, QStringLiteral("test-b"));
    QVERIFY(wait(b.remove(key)).ok());
}

QString TestSecretStore::runChild(const QStringList& args, QString* diagnostics)
{
    QTemporaryDir dir;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
        QStringLiteral("unix:path=%1").arg(dir.filePath(QStringLiteral("no-such-bus"))));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), QStringList {QString::fromLatin1(kChildArg)} + args);
    if (!child.waitForFinished(60000)) {
        child.kill();
        child.waitForFinished();
    }
    *diagnostics = QString::fromUtf8(child.readAllStandardError());
    return child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0
        ? QString::fromUtf8(child.readAllStandardOutput())
        : QStringLiteral("child failed: ") + *diagnostics;
}

void TestSecretStore::noKeychainWithoutFallback()
{
    QString diagnostics;
    const QString out = runChild({}, &diagnostics);
    QVERIFY2(out.contains(QLatin1String("write Unavailable insecure=0")), qPrintable(out + diagnostics));
    QVERIFY2(out.contains(QLatin1String("read Unavailable insecure=0")), qPrintable(out + diagnostics));
    // The message tells the user what is wrong and what they can do, without the secret.
    QVERIFY2(diagnostics.contains(QLatin1String("No keychain answered")), qPrintable(diagnostics));
    QVERIFY(diagnostics.contains(QLatin1String("plain text")));
    QVERIFY(!diagnostics.contains(QLatin1String("test-child-secret")));
}

void TestSecretStore::noKeychainWithFallbackChild()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("flarechat.ini"));
    QString diagnostics;
    const QString out = runChild({ini}, &diagnostics);
    QVERIFY2(out.contains(QLatin1String("write Ok insecure=1")), qPrintable(out + diagnostics));
    QVERIFY2(out.contains(QLatin1String("read Ok insecure=1 value-matches=1")), qPrintable(out + diagnostics));
    QVERIFY2(out.contains(QLatin1String("signals=2")), qPrintable(out + diagnostics));
    QVERIFY(diagnostics.contains(QLatin1String("plain text"))); // the qCWarning: never silent
    QVERIFY(!diagnostics.contains(QLatin1String("test-child-secret")));
    QSettings stored(ini, QSettings::IniFormat);
    QCOMPARE(stored.value(QStringLiteral("InsecureSecrets/FlareChatTestChild/cloudflare.api_token")).toString(),
        QStringLiteral("test-child-secret"));
}

void TestSecretStore::startsAfterCallerConnects()
{
    auto fake = std::make_unique<FakeBackend>();
    FakeBackend* backend = fake.get();
    SecretStore store(std::move(fake), QStringLiteral("svc"));
    SecretJob* job = store.read(QStringLiteral("k"));
    QCOMPARE(backend->calls.size(), 0); // nothing happens before the caller had a chance to connect
    QPointer<SecretJob> guard(job);
    const SecretResult r = wait(job);
    QVERIFY(r.ok());
    QCOMPARE(backend->calls.size(), 1);
    QCOMPARE(backend->calls.first().service, QStringLiteral("svc"));
    QCOMPARE(backend->calls.first().key, QStringLiteral("k"));
    QTRY_VERIFY(guard.isNull()); // the job deletes itself
}

void TestSecretStore::fallback_data()
{
    QTest::addColumn<Op>("op");
    QTest::addColumn<Status>("keychain");
    QTest::addColumn<bool>("allow");
    QTest::addColumn<bool>("storedBefore"); // a plain-text copy exists before the operation
    QTest::addColumn<Status>("status");
    QTest::addColumn<bool>("insecure");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("storedAfter");

    const QString none;
    const QString plain = QStringLiteral("test-plain");
    const QString kc = QStringLiteral("test-keychain");
    const Op rd = Op::Read, wr = Op::Write, rm = Op::Remove;
    const Status ok = Status::Ok, nf = Status::NotFound, un = Status::Unavailable, ad = Status::AccessDenied;
    // clang-format off
    QTest::newRow("read ok ignores plain copy") << rd << ok << true << true << ok << false << kc << true;
    QTest::newRow("read unavailable, opt-out") << rd << un << false << true << un << false << none << true;
    QTest::newRow("read unavailable, opt-in") << rd << un << true << true << ok << true << plain << true;
    QTest::newRow("read unavailable, nothing") << rd << un << true << false << nf << true << none << false;
    QTest::newRow("read not found, plain copy") << rd << nf << true << true << ok << true << plain << true;
    QTest::newRow("read not found, opt-out") << rd << nf << false << true << nf << false << none << true;
    QTest::newRow("read denied is not bypassed") << rd << ad << true << true << ad << false << none << true;
    QTest::newRow("write ok drops plain copy") << wr << ok << false << true << ok << false << none << false;
    QTest::newRow("write unavailable, opt-out") << wr << un << false << false << un << false << none << false;
    QTest::newRow("write unavailable, opt-in") << wr << un << true << false << ok << true << none << true;
    QTest::newRow("write denied") << wr << ad << true << false << ad << false << none << false;
    QTest::newRow("remove ok drops plain copy") << rm << ok << false << true << ok << false << none << false;
    QTest::newRow("remove unavailable, opt-in") << rm << un << true << true << ok << true << none << false;
    QTest::newRow("remove unavailable, opt-out") << rm << un << false << true << un << false << none << false;
    // clang-format on
}

void TestSecretStore::fallback()
{
    QFETCH(Op, op);
    QFETCH(Status, keychain);
    QFETCH(bool, allow);
    QFETCH(bool, storedBefore);
    QFETCH(Status, status);
    QFETCH(bool, insecure);
    QFETCH(QString, value);
    QFETCH(bool, storedAfter);

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    const QString entry = QStringLiteral("InsecureSecrets/svc/cloudflare.api_token");
    if (storedBefore)
        settings.setValue(entry, QStringLiteral("test-plain"));

    auto fake = std::make_unique<FakeBackend>();
    fake->status = keychain;
    fake->value = QStringLiteral("test-keychain");
    fake->message = QStringLiteral("backend says no");
    SecretStore store(std::move(fake), QStringLiteral("svc"));
    store.setAllowInsecureFallback(allow, &settings);
    QCOMPARE(store.allowsInsecureFallback(), allow);
    QSignalSpy announced(&store, &SecretStore::insecureFallbackUsed);

    const QString key = QStringLiteral("cloudflare/api_token");
    SecretJob* job = op == Op::Read ? store.read(key)
        : op == Op::Write           ? store.write(key, QStringLiteral("test-written"))
                                    : store.remove(key);
    if (insecure) // the warning that makes the fallback never silent; an unexpected one fails the test
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("plain text")));
    const SecretResult r = wait(job);
    QCOMPARE(statusName(r.status), statusName(status));
    QCOMPARE(r.insecure, insecure);
    QCOMPARE(r.value, value);
    QCOMPARE(r.key, key);
    QCOMPARE(announced.count(), insecure ? 1 : 0);
    QCOMPARE(settings.contains(entry), storedAfter);
    if (op == Op::Write && storedAfter)
        QCOMPARE(settings.value(entry).toString(), QStringLiteral("test-written"));
    if (!r.ok() || r.insecure)
        QVERIFY(!r.message.isEmpty());
    for (const char* secret : {"test-plain", "test-keychain", "test-written"})
        QVERIFY2(!r.message.contains(QLatin1String(secret)), qPrintable(r.message));
    if (status == Status::Unavailable)
        QVERIFY2(r.message.contains(QLatin1String("backend says no")), qPrintable(r.message));
}

void TestSecretStore::timeoutNeverBlocks()
{
    auto fake = std::make_unique<FakeBackend>();
    fake->hang = true;
    SecretStore store(std::move(fake), QStringLiteral("svc"));
    store.setTimeout(100);
    QElapsedTimer clock;
    clock.start();
    SecretJob* job = store.read(QStringLiteral("k"));
    QPointer<SecretJob> guard(job);
    SecretResult r = wait(job, 5000);
    QCOMPARE(statusName(r.status), statusName(Status::TimedOut));
    QVERIFY(clock.elapsed() < 5000);
    QVERIFY2(r.message.contains(QLatin1String("did not answer")), qPrintable(r.message));
    QTRY_VERIFY(guard.isNull());

    // With the fallback allowed a hung keyring still gets the user an answer, flagged.
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    store.setAllowInsecureFallback(true, &settings);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("did not answer")));
    r = wait(store.write(QStringLiteral("k"), QStringLiteral("test-v")), 5000);
    QVERIFY(r.ok());
    QVERIFY(r.insecure);
    QVERIFY(r.message.contains(QLatin1String("did not answer")));
}

void TestSecretStore::storeDestroyedWithPendingJob()
{
    // The keyring outlives the store, as the Secret Service does, and may answer after it has gone.
    HeldOperations keyring;
    QObject receiver; // a caller's object that also outlives the store
    QList<SecretResult> results;
    SecretResult late;
    late.status = Status::Ok;
    late.value = QStringLiteral("test-late-value");

    auto fake = std::make_unique<FakeBackend>();
    fake->held = &keyring;
    auto store = std::make_unique<SecretStore>(std::move(fake), QStringLiteral("svc"));
    auto track = [&](SecretJob* job) {
        QObject::connect(
            job, &SecretJob::finished, &receiver, [&results](const SecretResult& r) { results.append(r); });
        return QPointer<SecretJob>(job);
    };

    // While the store lives, a late answer is delivered: the way this test listens works.
    QPointer<SecretJob> answered = track(store->read(QStringLiteral("k1")));
    QTRY_COMPARE(keyring.started, 1);
    QVERIFY(answered);
    QVERIFY(results.isEmpty());
    keyring.answer(late);
    QCOMPARE(keyring.delivered, 1);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().value, QStringLiteral("test-late-value"));
    QCOMPARE(results.first().key, QStringLiteral("k1"));
    QTRY_VERIFY(answered.isNull()); // it deleted itself

    // A second job reaches the keyring, which keeps it waiting: pending, not finished.
    QPointer<SecretJob> job = track(store->read(QStringLiteral("k2")));
    QTRY_COMPARE(keyring.started, 2);
    QVERIFY(job);
    QVERIFY(keyring.holdsLiveOperation());
    QCOMPARE(results.size(), 1);

    store.reset();
    QVERIFY(job.isNull()); // jobs belong to their store
    QCOMPARE(results.size(), 1); // going away is no answer
    // The context SecretStore gave the keyring went with it: Qt dropped the pending answer's route.
    QVERIFY(!keyring.holdsLiveOperation());

    // The keyring answers now. Nothing reaches the dead job (under ASan a use-after-free would
    // abort here) nor the receiver, not even once the event loop has run what was posted before.
    keyring.answer(late);
    bool drained = false;
    QMetaObject::invokeMethod(
        &receiver, [&drained] { drained = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(drained);
    QCOMPARE(keyring.delivered, 1);
    QCOMPARE(results.size(), 1);
}

// The child process behind noKeychain*: with the bus pointing nowhere, write and read a secret,
// optionally with the plain-text fallback in the given INI file; prints one line per step.
static int childMain(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(2);
    SecretStore store(QStringLiteral("FlareChatTestChild"));
    store.setTimeout(20000);
    std::unique_ptr<QSettings> settings;
    if (!args.isEmpty()) {
        settings = std::make_unique<QSettings>(args.first(), QSettings::IniFormat);
        store.setAllowInsecureFallback(true, settings.get());
    }
    int announced = 0;
    QObject::connect(&store, &SecretStore::insecureFallbackUsed, &store, [&announced] { ++announced; });
    const QString secret = QStringLiteral("test-child-secret");
    const SecretResult w = wait(store.write(QStringLiteral("cloudflare/api_token"), secret));
    const SecretResult r = wait(store.read(QStringLiteral("cloudflare/api_token")));
    std::printf("write %s insecure=%d\n", qPrintable(statusName(w.status)), int(w.insecure));
    std::printf("read %s insecure=%d value-matches=%d\n", qPrintable(statusName(r.status)), int(r.insecure),
        int(r.value == secret));
    std::printf("signals=%d\n", announced);
    std::fprintf(stderr, "write: %s\nread: %s\n", qPrintable(w.message), qPrintable(r.message));
    return 0;
}

int main(int argc, char** argv)
{
    if (argc >= 2 && qstrcmp(argv[1], kChildArg) == 0)
        return childMain(argc, argv);
    if (flarechat::test::reexecUnderPrivateKeyring(argv))
        return 1; // a failure, never a skip: the keychain path must be tested
    QCoreApplication app(argc, argv);
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
