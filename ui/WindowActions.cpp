#include "WindowActions.h"

#include "ConversationSidebar.h"
#include "MainWindow.h"
#include "Shortcuts.h"
#include "ShortcutsDialog.h"
#include "chat/ChatPane.h"

#include <QAction>
#include <QApplication>
#include <QEvent>

namespace flarechat {

WindowActions::WindowActions(MainWindow* window)
    : QObject(window)
    , m_window(window)
    , m_toggleSidebar(new QAction(this))
    , m_keyboardShortcuts(new QAction(this))
{
    m_toggleSidebar->setObjectName(QStringLiteral("toggleSidebarAction"));
    m_toggleSidebar->setCheckable(true);
    m_toggleSidebar->setChecked(true);
    m_keyboardShortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    Shortcuts::assign(m_toggleSidebar, Shortcuts::Id::ToggleSidebar);
    Shortcuts::assign(m_keyboardShortcuts, Shortcuts::Id::KeyboardShortcuts);
    window->addActions({m_toggleSidebar, m_keyboardShortcuts});
    connect(m_toggleSidebar, &QAction::toggled, this, &WindowActions::setSidebarShown);
    connect(m_keyboardShortcuts, &QAction::triggered, this, [this] { showShortcuts(); });
    retranslate();
}

WindowActions::~WindowActions() = default;

void WindowActions::retranslate()
{
    m_toggleSidebar->setText(tr("Conversation &List"));
    m_toggleSidebar->setIconText(tr("Sidebar"));
    m_keyboardShortcuts->setText(tr("&Keyboard Shortcuts"));
}

bool WindowActions::event(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::event(event);
}

void WindowActions::setSidebarShown(bool shown)
{
    ConversationSidebar* sidebar = m_window->sidebar();
    // The focus would otherwise stay in a hidden list: the message box takes it.
    const bool hadFocus = sidebar->isAncestorOf(QApplication::focusWidget());
    sidebar->setVisible(shown);
    if (!shown && hadFocus)
        m_window->chatPane()->setFocus(Qt::ShortcutFocusReason);
}

ShortcutsDialog* WindowActions::showShortcuts()
{
    if (!m_dialog) {
        m_dialog = new ShortcutsDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

} // namespace flarechat
