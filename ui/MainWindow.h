#pragma once

#include "workersai/Endpoint.h"

#include <QMainWindow>

class QSplitter;

namespace flarechat {

class ChatPane;
class ConversationSidebar;
class Engine;
class Settings;

// The top-level window: the conversation list beside the chat pane, and the menus. Holds the
// Engine the chat uses; its endpoint comes from whoever resolved the credentials (main()).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setEndpoint(const Endpoint& endpoint);
    Engine* engine() const { return m_engine; }
    ChatPane* chatPane() const { return m_chat; }
    ConversationSidebar* sidebar() const { return m_sidebar; }

private:
    void createMenus();
    void updateNotice();

    Settings* m_settings;
    Engine* m_engine;
    ChatPane* m_chat;
    ConversationSidebar* m_sidebar;
    QSplitter* m_splitter;
};

} // namespace flarechat
