#pragma once

#include <QSystemTrayIcon>

class QAction;
class QMenu;
class QWidget;

namespace flarechat {

class ServerController;
class Settings;

// FlareChat in the system tray, made only where the platform has one (available()): the
// application icon, the local API server's state in the tooltip, and a menu to show or hide the
// window (a left click does the same), to switch the server (Settings::Key::ServerEnabled, as the
// panel's switch does) and to quit. Quitting is the window's business: quitRequested().
class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    // Whether a tray host answers now (a StatusNotifierWatcher on D-Bus, an XEmbed tray on X11,
    // the shell on Windows and macOS).
    static bool available();
    // The application icon: the installed theme's, else the copy embedded from packaging/linux/icons.
    static QIcon applicationIcon();

    TrayIcon(QWidget* window, ServerController* server, Settings* settings, QObject* parent = nullptr);
    ~TrayIcon() override;

    // Shows the window (raised, restored from minimized) or hides it into the tray.
    void toggleWindow();
    // A message from the tray (a desktop notification on D-Bus trays); counted for tests.
    void notify(const QString& title, const QString& text);
    int notificationCount() const { return m_notifications; }

    QAction* windowAction() const { return m_window; }
    QAction* serverAction() const { return m_serve; }
    QAction* quitAction() const { return m_quit; }

Q_SIGNALS:
    void quitRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void updateWindowAction();
    void updateServer();

    QWidget* m_windowWidget;
    ServerController* m_server;
    Settings* m_settings;
    QMenu* m_menu;
    QAction* m_window;
    QAction* m_serve;
    QAction* m_serverState; // the state in words, not clickable
    QAction* m_quit;
    int m_notifications = 0;
};

} // namespace flarechat
