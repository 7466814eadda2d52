#include "Icons.h"
#include "MainWindow.h"
#include "SingleInstance.h"
#include "Theme.h"
#include "Translations.h"
#include "cli/Cli.h"
#include "cli/CommonOptions.h"
#include "config/Credentials.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "tray/Autostart.h"
#include "tray/TrayIcon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#endif

namespace {

// flarechat.exe is a GUI-subsystem program (no console window pops up with the window), so a
// command typed in cmd.exe or PowerShell would print nowhere: attach to that console for the
// headless commands. Output already redirected to a pipe or file is kept as it is.
void attachParentConsole()
{
#ifdef Q_OS_WIN
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    if (GetFileType(GetStdHandle(STD_OUTPUT_HANDLE)) == FILE_TYPE_UNKNOWN)
        std::freopen("CONOUT$", "w", stdout);
    if (GetFileType(GetStdHandle(STD_ERROR_HANDLE)) == FILE_TYPE_UNKNOWN)
        std::freopen("CONOUT$", "w", stderr);
#endif
}

// FLARECHAT_STARTUP_PROBE=print|exit: after the window's first paint, print "FLARECHAT_FIRST_FRAME"
// on stdout (and quit, for "exit"). bench/ui_bench measures cold start and idle memory with it.
class StartupProbe final : public QObject
{
public:
    StartupProbe(QWidget* window, bool exitAfter)
        : QObject(window)
        , m_exit(exitAfter)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            // After this paint reached the screen: the next turn of the event loop.
            QTimer::singleShot(0, this, [this] {
                std::fputs("FLARECHAT_FIRST_FRAME\n", stdout);
                std::fflush(stdout);
                if (m_exit)
                    QCoreApplication::exit(0);
            });
        }
        return false;
    }

private:
    bool m_exit;
};

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("FlareChat"));
    QCoreApplication::setOrganizationName(QStringLiteral("FlareChat"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLARECHAT_VERSION));
}
} // namespace

int main(int argc, char* argv[])
{
    // Debug output only on request (QT_LOGGING_RULES overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("flarechat.*.debug=false"));
    // Headless commands (serve, ask, models, key), and --help and --version, run without a display.
    if (flarechat::cli::isHeadless(argc, argv)) {
        attachParentConsole();
        QCoreApplication app(argc, argv);
        setIdentity();
        // --help, the commands' messages and core's (connection checks, the server's start-up
        // errors) in the user's language.
        flarechat::Translations::install(flarechat::Translations::choose(
            flarechat::Settings(flarechat::cli::settingsPathIn(QCoreApplication::arguments()))));
        return flarechat::cli::run(app);
    }

    QApplication app(argc, argv);
    setIdentity();
    // The installed desktop file (packaging/linux/): Wayland compositors and docks match the
    // window to its name and icon by it.
    QGuiApplication::setDesktopFileName(flarechat::Autostart::desktopId());
    // Where no desktop file is installed (a build tree, Windows, a plain X11 session), and for every
    // dialog: the packaged icon, drawn at each size from its SVG.
    QApplication::setWindowIcon(flarechat::Icons::application());
    QCommandLineParser parser;
    const flarechat::cli::WindowOptions options;
    options.addTo(parser);
    parser.process(app);

    flarechat::Settings settings(options.common.settingsPath(parser));
    // Before any window or message box: $FLARECHAT_LANG, else the Language setting, else the system's.
    flarechat::Translations::install(flarechat::Translations::choose(settings));
    const flarechat::Credentials::Overrides overrides = options.common.overrides(parser);
    const QString databasePath
        = parser.isSet(options.database) ? parser.value(options.database) : flarechat::ConversationStore::defaultPath();
    // One window per database: a second start brings the first window to the front instead.
    QDir().mkpath(QFileInfo(databasePath).absolutePath());
    flarechat::SingleInstance instance(databasePath);
    bool notified = false;
    if (!instance.acquire(&notified)) {
        if (notified)
            return 0;
        QMessageBox::information(nullptr, QCoreApplication::translate("main", "FlareChat"),
            QCoreApplication::translate("main", "FlareChat is already running with these conversations."));
        return 0;
    }
    flarechat::ConversationStore store(databasePath);
    if (!store.open()) {
        // Nothing was changed on disk; the user's conversations stay where they are.
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "FlareChat"),
            QCoreApplication::translate("main", "FlareChat cannot open its conversations.\n\n%1")
                .arg(store.lastError()));
        return 1;
    }
    // Conversations deleted in an earlier session can no longer be undone: remove them for good.
    store.purgeDeleted(QDateTime::currentDateTimeUtc());
    // "system" needs nothing: the platform's style and palette are already in place.
    if (const QString theme = settings.value(flarechat::Settings::Key::Theme).toString();
        theme != QLatin1String("system"))
        flarechat::Theme::apply(theme);
    flarechat::MainWindow window(&settings, &store);
    const QByteArray probe = qgetenv("FLARECHAT_STARTUP_PROBE");
    if (!probe.isEmpty())
        new StartupProbe(&window, probe == "exit");
    QObject::connect(&instance, &flarechat::SingleInstance::activationRequested, &window, [&window] {
        window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
        window.show();
        window.raise();
        window.activateWindow();
    });
    if (!parser.isSet(options.background))
        window.show();
    else if (!window.trayIcon() || !settings.value(flarechat::Settings::Key::ServerEnabled).toBool())
        window.showMinimized(); // nothing to find it by in a tray: on the task bar
    // (else only the tray icon: the server starts below, the window opens from the icon)
    // The command line's and environment's credentials at once, the keychain's when it answers
    // ("Connecting…" meanwhile); then the local API server starts if it is on.
    window.loadCredentials(overrides, QProcessEnvironment::systemEnvironment());
    return app.exec();
}
