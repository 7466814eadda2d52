#include "TrayIcon.h"

#include "Autostart.h"
#include "Icons.h"
#include "ServerController.h"
#include "storage/Settings.h"

#include <QAction>
#include <QEvent>
#include <QMenu>
#include <QWidget>

namespace flarechat {

bool TrayIcon::available()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QIcon TrayIcon::applicationIcon()
{
    // The installed theme's icon, else the packaged SVG embedded for the window (ui/Icons).
    return QIcon::fromTheme(Autostart::desktopId(), Icons::application());
}

TrayIcon::TrayIcon(QWidget* window, ServerController* server, Settings* settings, QObject* parent)
    : QSystemTrayIcon(parent)
    , m_windowWidget(window)
    , m_server(server)
    , m_settings(settings)
    , m_menu(new QMenu(window))
    , m_window(m_menu->addAction(QString()))
    , m_serve(nullptr)
    , m_serverState(nullptr)
    , m_quit(nullptr)
{
    setIcon(applicationIcon());
    m_window->setObjectName(QStringLiteral("trayWindowAction"));
    connect(m_window, &QAction::triggered, this, &TrayIcon::toggleWindow);
    m_menu->addSeparator();
    m_serve = m_menu->addAction(QString());
    m_serve->setObjectName(QStringLiteral("trayServerAction"));
    m_serve->setCheckable(true);
    connect(m_serve, &QAction::toggled, this, [this](bool on) {
        m_settings->setValue(Settings::Key::ServerEnabled, on);
        m_settings->sync();
    });
    m_serverState = m_menu->addAction(QString());
    m_serverState->setEnabled(false);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString());
    m_quit->setObjectName(QStringLiteral("trayQuitAction"));
    m_quit->setMenuRole(QAction::NoRole);
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    setContextMenu(m_menu);

#ifndef Q_OS_MACOS
    // (On macOS a click opens the menu and is reported as Trigger too: the menu does it there.)
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger)
            toggleWindow();
    });
#endif
    connect(m_server, &ServerController::stateChanged, this, &TrayIcon::updateServer);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::ServerEnabled)
            updateServer();
    });
    // The window's Show and Hide (from anywhere) keep the first item's words right, and its
    // LanguageChange (every top-level widget gets one) brings this non-widget a new language.
    m_windowWidget->installEventFilter(this);
    retranslate();
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_windowWidget) {
        if (event->type() == QEvent::Show || event->type() == QEvent::Hide)
            updateWindowAction();
        else if (event->type() == QEvent::LanguageChange)
            retranslate();
    }
    return QSystemTrayIcon::eventFilter(watched, event);
}

void TrayIcon::retranslate()
{
    m_quit->setText(tr("&Quit FlareChat"));
    m_serve->setText(tr("&Local API server"));
    updateWindowAction();
    updateServer();
}

void TrayIcon::updateWindowAction()
{
    m_window->setText(m_windowWidget->isVisible() ? tr("&Hide FlareChat") : tr("&Show FlareChat"));
}

void TrayIcon::updateServer()
{
    {
        const QSignalBlocker block(m_serve);
        m_serve->setChecked(m_settings->value(Settings::Key::ServerEnabled).toBool());
    }
    m_serverState->setText(m_server->statusText());
    const QString detail = m_server->errorText().isEmpty() ? m_server->statusText() : m_server->errorText();
    setToolTip(tr("FlareChat") + QLatin1Char('\n') + detail);
}

void TrayIcon::toggleWindow()
{
    if (m_windowWidget->isVisible() && !m_windowWidget->isMinimized()) {
        m_windowWidget->hide();
        return;
    }
    m_windowWidget->setWindowState((m_windowWidget->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_windowWidget->show();
    m_windowWidget->raise();
    m_windowWidget->activateWindow();
}

void TrayIcon::notify(const QString& title, const QString& text)
{
    ++m_notifications;
    showMessage(title, text, applicationIcon(), 10000);
}

} // namespace flarechat
