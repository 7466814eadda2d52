#pragma once

#include "ShortcutsDialog.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace flarechat {

class MainWindow;

// The main window's view commands that belong to no pane: show or hide the conversation list, and
// Help → Keyboard Shortcuts. Keys from the Shortcuts table; texts set again on a language change.
class WindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    explicit WindowActions(MainWindow* window);
    ~WindowActions() override;

    QAction* toggleSidebar() const { return m_toggleSidebar; } // checked while the list is shown
    QAction* keyboardShortcuts() const { return m_keyboardShortcuts; }
    ShortcutsDialog* showShortcuts(); // opened, or raised when open
    ShortcutsDialog* shortcutsDialog() const { return m_dialog; }

protected:
    bool event(QEvent* event) override; // LanguageChange, passed on by the window

private:
    void retranslate();
    void setSidebarShown(bool shown);

    MainWindow* m_window;
    QAction* m_toggleSidebar;
    QAction* m_keyboardShortcuts;
    QPointer<ShortcutsDialog> m_dialog;
};

} // namespace flarechat
