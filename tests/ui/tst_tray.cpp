// The tray with a real tray host: the xcb platform on an Xvfb display, and fake-tray-host on the
// test's D-Bus session as the desktop's StatusNotifierWatcher and notification daemon, so Qt makes
// its D-Bus tray icon as on a real desktop. Closing the window with the local API server on hides
// it to the tray while real HTTP requests are still answered, says so once (a real notification),
// and the tray's Quit or File → Quit end both; with the server off, closing quits. The autostart
// entry is written under a temporary XDG_CONFIG_HOME, valid for desktop-file-validate, and removed.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "ServerController.h"
#include "Translations.h"
#include "config/Credentials.h"
#include "settings/CredentialsLoader.h"
#include "settings/SettingsDialog.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "tray/Autostart.h"
#include "tray/TrayIcon.h"

#include <QCheckBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QGroupBox>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestTray final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void closeHidesToTrayAndKeepsServing();
    void quitEndsBoth_data();
    void quitEndsBoth();
    void closeWithServerOffQuits();
    void followsTheLanguage();
    void execValue_data();
    void execValue();
    void autostartEntry();
    void startupCheckboxReadsTheEntry();

private:
    void openWindow(bool serverOn);
    QStringList hostLines(const QString& kind) const; // the host's lines starting with `kind `
    int get(const QString& path);
    // QCoreApplication::exec() after `start` runs, with a watchdog: exit code 99 if nothing ends it.
    static int runEventLoop(const std::function<void()>& start);

    QProcess m_host;
    QStringList m_hostOutput;
    quint16 m_port = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestTray::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
    QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb"));
    // The host first: Qt decides once per process whether a D-Bus tray exists.
    connect(&m_host, &QProcess::readyReadStandardOutput, this, [this] {
        while (m_host.canReadLine())
            m_hostOutput.append(QString::fromUtf8(m_host.readLine()).trimmed());
    });
    m_host.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_host.start(QStringLiteral(FLARECHAT_FAKE_TRAY_HOST), {});
    QVERIFY2(m_host.waitForStarted(10000), qPrintable(m_host.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_hostOutput.contains(QStringLiteral("ready")), 10000);
    QVERIFY(TrayIcon::available());
}

void TestTray::cleanupTestCase()
{
    m_host.kill();
    m_host.waitForFinished(5000);
}

void TestTray::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_port = probe.serverPort();
}

void TestTray::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_fake.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestTray::openWindow(bool serverOn)
{
    m_settings->setValue(Settings::Key::ServerEnabled, serverOn);
    m_settings->setValue(Settings::Key::ServerPort, m_port);
    m_settings->setValue(Settings::Key::ServerRequireKey, false); // loopback only
    const qsizetype items = hostLines(QStringLiteral("item")).size();
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY(m_store->open());
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_store.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QProcessEnvironment env;
    env.insert(Credentials::apiTokenVariable(), QString::fromLatin1(m_fake->apiToken()));
    env.insert(Credentials::accountIdVariable(), m_fake->accountId());
    env.insert(Credentials::apiBaseVariable(), m_fake->endpoint().customBase.toString());
    m_window->loadCredentials({}, env);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->credentialsLoader()->isLoading(), 20000);
    // The tray icon is there, registered with the desktop's tray.
    QVERIFY(m_window->trayIcon());
    QVERIFY(m_window->trayIcon()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(hostLines(QStringLiteral("item")).size(), items + 1, 10000);
    const auto want = serverOn ? ServerController::State::Running : ServerController::State::Off;
    QTRY_COMPARE_WITH_TIMEOUT(m_window->serverController()->state(), want, 20000);
}

QStringList TestTray::hostLines(const QString& kind) const
{
    QStringList lines;
    for (const QString& line : m_hostOutput) {
        if (line.startsWith(kind + QLatin1Char(' ')))
            lines.append(line.mid(kind.size() + 1));
    }
    return lines;
}

int TestTray::get(const QString& path)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply* reply
        = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

int TestTray::runEventLoop(const std::function<void()>& start)
{
    QTimer watchdog;
    watchdog.setSingleShot(true);
    connect(&watchdog, &QTimer::timeout, qApp, [] { QCoreApplication::exit(99); });
    watchdog.start(20000);
    QTimer::singleShot(0, qApp, start);
    return QCoreApplication::exec();
}

void TestTray::closeHidesToTrayAndKeepsServing()
{
    openWindow(true);
    TrayIcon* tray = m_window->trayIcon();
    ServerController* server = m_window->serverController();
    QVERIFY2(tray->toolTip().contains(server->baseUrl()), qPrintable(tray->toolTip()));
    QVERIFY(tray->serverAction()->isChecked());
    QCOMPARE(tray->windowAction()->text(), QStringLiteral("&Hide FlareChat"));
    QVERIFY(m_window->closesToTray());

    // Closed: hidden, not quit; the server still answers real requests.
    QVERIFY(!m_window->close());
    QVERIFY(!m_window->isVisible());
    QVERIFY(tray->isVisible());
    QCOMPARE(get(QStringLiteral("/v1/models")), 200);
    QCOMPARE(get(QStringLiteral("/health")), 200);
    QCOMPARE(tray->windowAction()->text(), QStringLiteral("&Show FlareChat"));
    // Said once, as a desktop notification, with how to quit.
    QTRY_COMPARE_WITH_TIMEOUT(hostLines(QStringLiteral("notify")).size(), 1, 10000);
    QVERIFY2(hostLines(QStringLiteral("notify")).at(0).contains(QLatin1String("Quit FlareChat")),
        qPrintable(hostLines(QStringLiteral("notify")).at(0)));
    QVERIFY(m_settings->value(Settings::Key::TrayNoticeShown).toBool());

    // The desktop's tray activates the item (a left click): the window comes back.
    const QString item = hostLines(QStringLiteral("item")).constLast();
    QDBusMessage activate = QDBusMessage::createMethodCall(item, QStringLiteral("/StatusNotifierItem"),
        QStringLiteral("org.kde.StatusNotifierItem"), QStringLiteral("Activate"));
    activate.setArguments({0, 0});
    QVERIFY(QDBusConnection::sessionBus().send(activate));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isVisible(), 10000);
    QCOMPARE(tray->windowAction()->text(), QStringLiteral("&Hide FlareChat"));

    // Closed again: hidden again, and nothing said this time.
    QVERIFY(!m_window->close());
    QVERIFY(!m_window->isVisible());
    QCOMPARE(get(QStringLiteral("/v1/models")), 200);
    QCOMPARE(tray->notificationCount(), 1);

    // The server switched off from the tray's menu: the state follows, and closing now quits.
    tray->windowAction()->trigger();
    QVERIFY(m_window->isVisible());
    tray->serverAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(server->state(), ServerController::State::Off, 20000);
    QVERIFY(!m_settings->value(Settings::Key::ServerEnabled).toBool());
    QVERIFY(tray->toolTip().contains(server->statusText()));
    QVERIFY(!m_window->closesToTray());
    QVERIFY(get(QStringLiteral("/v1/models")) != 200);

    // A later start remembers that it was said.
    m_window.reset();
    m_store.reset();
    openWindow(true);
    QVERIFY(!m_window->close());
    QVERIFY(!m_window->isVisible());
    QCOMPARE(m_window->trayIcon()->notificationCount(), 0);
}

void TestTray::quitEndsBoth_data()
{
    QTest::addColumn<bool>("fromTray");
    QTest::newRow("tray menu") << true;
    QTest::newRow("File menu") << false;
}

void TestTray::quitEndsBoth()
{
    QFETCH(bool, fromTray);
    openWindow(true);
    QAction* quit
        = fromTray ? m_window->trayIcon()->quitAction() : m_window->findChild<QAction*>(QStringLiteral("quitAction"));
    QVERIFY(quit);
    QVERIFY(m_window->trayIcon()->contextMenu()->actions().contains(m_window->trayIcon()->quitAction()));
    if (fromTray) {
        QVERIFY(!m_window->close()); // in the tray, serving
        QCOMPARE(get(QStringLiteral("/v1/models")), 200);
    }
    QSignalSpy aboutToQuit(qApp, &QCoreApplication::aboutToQuit);
    QCOMPARE(runEventLoop([quit] { quit->trigger(); }), 0);
    QCOMPARE(aboutToQuit.count(), 1);
    QVERIFY(!m_window->isVisible());
    // What main() does after the event loop: the window goes, and the server with it.
    m_window.reset();
    QCOMPARE(get(QStringLiteral("/v1/models")), 0);
}

void TestTray::closeWithServerOffQuits()
{
    openWindow(false);
    QVERIFY(!m_window->closesToTray());
    QCOMPARE(m_window->trayIcon()->serverAction()->isChecked(), false);
    QCOMPARE(runEventLoop([this] { m_window->close(); }), 0);
    QVERIFY(!m_window->isVisible());
    QCOMPARE(m_window->trayIcon()->notificationCount(), 0);
}

void TestTray::followsTheLanguage()
{
    openWindow(false);
    TrayIcon* tray = m_window->trayIcon();
    SettingsDialog* dialog = m_window->openSettings();
    auto* startup = dialog->findChild<QGroupBox*>(QStringLiteral("startupBox"));
    QVERIFY(startup);
    QCOMPARE(startup->title(), QStringLiteral("Startup"));
    const auto english = qScopeGuard([] { Translations::install(QStringLiteral("en")); });
    // A new translator (Qt posts LanguageChange to every top-level widget): the tray, no widget,
    // hears it through the window; the box in the settings directly.
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QTRY_COMPARE(tray->quitAction()->text(), QStringLiteral("退出 FlareChat(&Q)"));
    QCOMPARE(tray->windowAction()->text(), QStringLiteral("隐藏 FlareChat(&H)"));
    QCOMPARE(tray->serverAction()->text(), QStringLiteral("本地 API 服务器(&L)"));
    QTRY_COMPARE(startup->title(), QStringLiteral("启动"));
    Translations::install(QStringLiteral("en"));
    QTRY_COMPARE(tray->quitAction()->text(), QStringLiteral("&Quit FlareChat"));
    QTRY_COMPARE(startup->title(), QStringLiteral("Startup"));
    dialog->reject();
}

void TestTray::execValue_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("value");
    const QString bg = Autostart::backgroundOption();
    QTest::newRow("plain") << QStringList {QStringLiteral("/usr/bin/flarechat"), bg}
                           << QStringLiteral("/usr/bin/flarechat --background");
    QTest::newRow("space") << QStringList {QStringLiteral("/opt/My Apps/flarechat"), bg}
                           << QStringLiteral("\"/opt/My Apps/flarechat\" --background");
    // Inside quotes " ` $ \ take a backslash; then every \ of the value is doubled.
    QTest::newRow("reserved") << QStringList {QStringLiteral("/a\"b`c$d\\e/flarechat")}
                              << QStringLiteral("\"/a\\\\\"b\\\\`c\\\\$d\\\\\\\\e/flarechat\"");
    QTest::newRow("percent") << QStringList {QStringLiteral("/home/u/100%/flarechat")}
                             << QStringLiteral("/home/u/100%%/flarechat");
    QTest::newRow("single quote") << QStringList {QStringLiteral("/home/o'neil/flarechat")}
                                  << QStringLiteral("\"/home/o'neil/flarechat\"");
}

void TestTray::execValue()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, value);
    QCOMPARE(Autostart::execValue(arguments), value);
}

void TestTray::autostartEntry()
{
    QTemporaryDir config;
    const QByteArray before = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    const QString location = Autostart::defaultLocation();
    qputenv("XDG_CONFIG_HOME", before);
    QCOMPARE(location, config.path() + QStringLiteral("/autostart/io.github.flarechat.FlareChat.desktop"));

    const Autostart autostart(location);
    QVERIFY(!autostart.isEnabled());
    QString error;
    QVERIFY2(autostart.setEnabled(true, &error), qPrintable(error));
    QVERIFY(autostart.isEnabled());
    QFile file(location);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    file.close();
    QCOMPARE(lines.value(0), QStringLiteral("[Desktop Entry]"));
    QVERIFY(lines.contains(QStringLiteral("Type=Application")));
    QVERIFY(lines.contains(QStringLiteral("Name=FlareChat")));
    QVERIFY(lines.contains(QStringLiteral("Icon=io.github.flarechat.FlareChat")));
    QVERIFY(lines.contains(QStringLiteral("X-GNOME-Autostart-enabled=true")));
    // This very binary, by its absolute path (the build tree's has no reserved characters).
    const QString binary = QCoreApplication::applicationFilePath();
    QVERIFY(QFileInfo(binary).isAbsolute());
    QVERIFY2(lines.contains(QStringLiteral("Exec=%1 --background").arg(binary)), qPrintable(lines.join(u'\n')));
    QProcess validate;
    validate.setProcessChannelMode(QProcess::MergedChannels);
    validate.start(QStringLiteral(FLARECHAT_DESKTOP_FILE_VALIDATE), {location});
    QVERIFY(validate.waitForFinished(30000));
    QVERIFY2(validate.exitCode() == 0, validate.readAll().constData());

    QVERIFY2(autostart.setEnabled(false, &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(location));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false)); // already off: nothing to do
}

void TestTray::startupCheckboxReadsTheEntry()
{
    // The settings' box works on the default entry: this test's own XDG_CONFIG_HOME (CMake).
    QVERIFY(qEnvironmentVariable("XDG_CONFIG_HOME").startsWith(QDir::rootPath()));
    const Autostart autostart;
    QVERIFY(autostart.setEnabled(false));
    openWindow(false);
    SettingsDialog* dialog = m_window->openSettings();
    auto* box = dialog->findChild<QCheckBox*>(QStringLiteral("startAtLogin"));
    QVERIFY(box);
    QVERIFY(!box->isChecked());
    box->setChecked(true);
    QVERIFY(dialog->apply());
    QVERIFY(autostart.isEnabled());
    dialog->reject();
    // The entry is the truth: made elsewhere, the box shows it; removed elsewhere, likewise.
    QVERIFY(autostart.setEnabled(false));
    QTRY_VERIFY(!m_window->settingsDialog());
    dialog = m_window->openSettings();
    box = dialog->findChild<QCheckBox*>(QStringLiteral("startAtLogin"));
    QVERIFY(!box->isChecked());
    dialog->reject();
    QVERIFY(autostart.setEnabled(true));
    QTRY_VERIFY(!m_window->settingsDialog());
    dialog = m_window->openSettings();
    QVERIFY(dialog->findChild<QCheckBox*>(QStringLiteral("startAtLogin"))->isChecked());
    dialog->reject();
    QVERIFY(autostart.setEnabled(false));
}

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
