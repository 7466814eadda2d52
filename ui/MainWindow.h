#pragma once

#include "workersai/Endpoint.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QPushButton;
class QSplitter;
class QTimer;

namespace flarechat {

class ChatPane;
class ConversationSidebar;
class ConversationStore;
class Engine;
class Settings;

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
    Engine* engine() const { return m_engine; }
    ChatPane* chatPane() const { return m_chat; }
    ConversationSidebar* sidebar() const { return m_sidebar; }
    ConversationStore* store() const { return m_store; }

    // What the menu items do, minus the file dialogs (tests call them with a path).
    // The format follows the suffix: .json is OpenAI messages form, anything else Markdown.
    bool exportConversation(qint64 id, const QString& path);
    std::optional<qint64> importConversation(const QString& path); // opens it
    void copyConversation(); // the open conversation as Markdown, to the clipboard
    QPushButton* undoButton() const { return m_undo; }
    QString statusText() const;

private:
    void createMenus();
    void updateNotice();
    void showStatus(const QString& text, int timeoutMs = 8000);
    void showError(const QString& text);
    void renameConversation(qint64 id);
    void exportWithDialog(qint64 id);
    void importWithDialog();

    Settings* m_settings;
    ConversationStore* m_store;
    Engine* m_engine;
    ChatPane* m_chat;
    ConversationSidebar* m_sidebar;
    QSplitter* m_splitter;
    QLabel* m_status;
    QPushButton* m_undo;
    QTimer* m_statusTimer;
    qint64 m_undoId = 0;
};

} // namespace flarechat
