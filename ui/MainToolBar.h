#pragma once

#include <QToolBar>

namespace flarechat {

// The main window's toolbar: the window's own actions (new chat, the conversation list, the Local
// API panel, settings) as icons (Icons::themed, so they follow the theme), each with a tool tip
// naming it and its key. Fixed at the top: it can be hidden from View, not moved or floated.
class MainToolBar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainToolBar)

public:
    explicit MainToolBar(QWidget* parent = nullptr);
    ~MainToolBar() override;

    // Adds `action` (shared with the menus: one shortcut, one state) with the icon `iconName`.
    void addIconAction(QAction* action, const QString& iconName);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateToolTip(QAction* action);
};

} // namespace flarechat
