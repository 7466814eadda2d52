// Where no keychain answers and the user agreed (in the window) to keep the API token in the
// settings file, the headless commands read it from there too: `ask` and `serve` run with the
// token the window stored, and without that agreement the file's copy is never read.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "OpenAiTestClient.h"
#include "config/Credentials.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::CliResult;
using flarechat::test::FakeWorkersAi;

namespace {

// A keychain that is not there, as on a desktop without one.
class NoKeychain final : public SecretBackend
{
public:
    void start(Op, const QString&, const QString&, const QString&, QObject* context,
        std::function<void(SecretResult)> done) override
    {
        SecretResult r;
        r.status = SecretResult::Status::Unavailable;
        r.message = QStringLiteral("no backend (test)");
        QTimer::singleShot(0, context, [r, done = std::move(done)] { done(r); });
    }
};

} // namespace

class TestCliSettingsFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void askReadsTheAgreedFile();
    void serveReadsTheAgreedFile();
    void notAgreedNotRead();

private:
    // The token written as the window writes it after the user's yes (SecretStore's fallback).
    void storeTokenInFile(bool agreed);
    QProcessEnvironment env() const;
    QStringList endpointArgs() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeWorkersAi> m_fake;
    QString m_settingsPath;
};

void TestCliSettingsFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settingsPath = m_dir->filePath(QStringLiteral("flarechat.ini"));
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
}

void TestCliSettingsFile::cleanup()
{
    m_fake.reset();
    m_dir.reset();
}

void TestCliSettingsFile::storeTokenInFile(bool agreed)
{
    Settings settings(m_settingsPath);
    settings.setValue(Settings::Key::SecretsInSettingsFile, true);
    SecretStore store(std::make_unique<NoKeychain>(), SecretStore::defaultService());
    QVERIFY(store.useSettingsFileIfAgreed(settings));
    SecretJob* job = store.write(Credentials::apiTokenSecret(), QString::fromLatin1(m_fake->apiToken()));
    QSignalSpy finished(job, &SecretJob::finished);
    QVERIFY(finished.wait(5000));
    const auto result = finished.at(0).at(0).value<SecretResult>();
    QCOMPARE(int(result.status), int(SecretResult::Status::Ok));
    QVERIFY(result.insecure);
    if (!agreed)
        settings.setValue(Settings::Key::SecretsInSettingsFile, false); // the file keeps the copy
    settings.sync();
}

QProcessEnvironment TestCliSettingsFile::env() const
{
    QProcessEnvironment e = flarechat::test::cliEnvironment(m_dir->path());
    // No D-Bus session, so no keychain answers the child either.
    e.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/flarechat-test"));
    e.insert(QStringLiteral("FLARECHAT_LANG"), QStringLiteral("en"));
    return e;
}

QStringList TestCliSettingsFile::endpointArgs() const
{
    return {QStringLiteral("--api-base"), m_fake->baseUrl().toString(), QStringLiteral("--account-id"),
        m_fake->accountId(), QStringLiteral("--settings"), m_settingsPath};
}

void TestCliSettingsFile::askReadsTheAgreedFile()
{
    storeTokenInFile(true);
    const CliResult r = flarechat::test::runCli(flarechat::test::flarechatBinary(),
        QStringList {QStringLiteral("ask")} + endpointArgs() + QStringList {QStringLiteral("Say hello")}, env());
    QVERIFY(r.finished);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(!r.out.trimmed().isEmpty());
    QVERIFY(!m_fake->requests().isEmpty());
    QVERIFY2(!r.err.contains(m_fake->apiToken()), r.err.constData()); // never in a message
}

void TestCliSettingsFile::serveReadsTheAgreedFile()
{
    storeTokenInFile(true);
    flarechat::test::ServeProcess serve(flarechat::test::flarechatBinary(), env());
    QVERIFY2(serve.start(QStringList {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--api-key"),
                             QStringLiteral("sk-test-settings-file")}
                 + endpointArgs()),
        serve.stdErr().constData());
    flarechat::test::OpenAiTestClient client(QByteArrayLiteral("sk-test-settings-file"));
    client.setPort(serve.port());
    const auto reply = client.chat(QJsonObject {{QStringLiteral("model"), QStringLiteral("llama-3.3-70b")},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"), QStringLiteral("Say hello")}}}}});
    QVERIFY2(reply.status == 200, reply.body.constData());
    QVERIFY(!m_fake->requests().isEmpty());
}

void TestCliSettingsFile::notAgreedNotRead()
{
    storeTokenInFile(false);
    const CliResult r = flarechat::test::runCli(flarechat::test::flarechatBinary(),
        QStringList {QStringLiteral("ask")} + endpointArgs() + QStringList {QStringLiteral("Say hello")}, env());
    QVERIFY(r.finished);
    QVERIFY2(r.exitCode != 0, r.out.constData());
    QVERIFY(m_fake->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliSettingsFile)
#include "tst_clisettingsfile.moc"
