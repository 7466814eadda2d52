#pragma once

#include "config/Credentials.h"
#include "workersai/Endpoint.h"

#include <QMainWindow>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>
#include <optional>

class QLabel;
class QToolButton;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTimer;

namespace flarechat {

class ChatActions;
class ChatPane;
class ConversationSidebar;
class ConversationStore;
class CredentialsLoader;
class Engine;
class MainToolBar;
class SecretStore;
class ServerController;
class Settings;
class SettingsDialog;
class ApiPanel;
class RequestLogModel;
class UsageMeter;
class SetupPage;
class TrayIcon;
class WindowActions;

// The top-level window: the conversation list beside the chat pane, the menus and the status
// bar (store errors, "Deleted … Undo"). Holds the Engine the chat uses; its endpoint comes from
// whoever resolved the credentials (main()). `store` must be open and outlive the window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Settings* settings, ConversationStore* store, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setEndpoint(const Endpoint& endpoint);
    // Resolves the credentials as `flarechat serve` does: the command line's and environment's at
    // once, then the keychain's (asynchronously; the notice says "Connecting…" meanwhile). Then
    // the chat uses them and the local API server starts if it is on. Again after each Apply.
    void loadCredentials(const Credentials::Overrides& overrides, const QProcessEnvironment& environment);
    // Opens the settings (or raises them when open); non-modal for the rest of the app.
    SettingsDialog* openSettings();
    SettingsDialog* settingsDialog() const; // the open one, or nullptr
    ServerController* serverController() const { return m_server; }
    SecretStore* secretStore() const { return m_secrets; }
    CredentialsLoader* credentialsLoader() const { return m_credentials; }
    Engine* engine() const { return m_engine; }
    ChatPane* chatPane() const { return m_chat; }
    ConversationSidebar* sidebar() const { return m_sidebar; }
    ConversationStore* store() const { return m_store; }
    UsageMeter* usageMeter() const { return m_usage; }
    MainToolBar* toolBar() const { return m_toolBar; }
    ChatActions* chatActions() const { return m_chatActions; }
    WindowActions* windowActions() const { return m_windowActions; }
    // The local API's panel (a dock), made when first shown; the request log exists from the start.
    ApiPanel* showApiPanel();
    ApiPanel* apiPanel() const { return m_apiPanel; }
    RequestLogModel* requestLog() const { return m_requestLog; }
    // The first-run page, shown instead of the chat once the keychain was read and no credentials
    // were found; nullptr while the chat is shown.
    SetupPage* setupPage() const;

    // What the menu items do, minus the file dialogs (tests call them with a path).
    // The format follows the suffix: .json is OpenAI messages form, anything else Markdown.
    bool exportConversation(qint64 id, const QString& path);
    std::optional<qint64> importConversation(const QString& path); // opens it
    void copyConversation(); // the open conversation as Markdown, to the clipboard
    QPushButton* undoButton() const { return m_undo; }
    QString statusText() const;

    // The tray icon, where the platform has a tray (else nullptr).
    TrayIcon* trayIcon() const { return m_tray; }
    // Whether closing the window now hides it into the tray: there is one and the local API server
    // runs (or is starting), so that its clients go on being answered.
    bool closesToTray() const;
    // Ends the application, window and server, whether or not closing would hide into the tray.
    // What is open is saved as on any exit (the window's and the chat's destructors).
    void quit();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createToolBar(QAction* newChat, QAction* apiPanel, QAction* settings);
    void arrangeTabOrder(); // sidebar, chat, status bar: in the order they are seen
    void applyTextSize();
    // The window's size and place, the toolbar, the panel's dock and the sidebar, as last closed.
    void restoreLayout();
    void saveLayout();
    void resumeHeldQuestion(); // the question held when FlareChat last quit (Settings::Key::HeldQuestion)
    void updateNotice();
    void showStatus(const QString& text, int timeoutMs = 8000);
    void offerUndo(std::function<void()> undo); // with the status just shown
    void showError(const QString& text);
    void renameConversation(qint64 id);
    void exportWithDialog(qint64 id);
    void importWithDialog();
    Q_INVOKABLE void openAppUrl(const QUrl& url); // flarechat:settings links in notices
    void credentialsLoaded();
    void showSetup(bool show);
    // The setup page succeeded: the chat with `endpoint`, a new conversation on `model`.
    void setupCompleted(const Endpoint& endpoint, const QString& model, bool tokenStored);

    Settings* m_settings;
    ConversationStore* m_store;
    Engine* m_engine;
    ChatPane* m_chat;
    ConversationSidebar* m_sidebar;
    QSplitter* m_splitter;
    QStackedWidget* m_central; // the splitter, or the setup page
    QPointer<SetupPage> m_setup;
    QLabel* m_status;
    QPushButton* m_undo;
    QTimer* m_statusTimer;
    std::function<void()> m_undoAction; // what Undo in the status bar does
    SecretStore* m_secrets;
    CredentialsLoader* m_credentials;
    ServerController* m_server;
    QToolButton* m_serverStatus; // the server's state; a click opens its panel
    RequestLogModel* m_requestLog;
    ApiPanel* m_apiPanel = nullptr;
    UsageMeter* m_usage = nullptr;
    ChatActions* m_chatActions = nullptr;
    WindowActions* m_windowActions = nullptr;
    MainToolBar* m_toolBar = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    TrayIcon* m_tray = nullptr;
    bool m_quitting = false; // quit() asked: a close is not to hide into the tray
    bool m_heldResumed = false;
};

} // namespace flarechat
