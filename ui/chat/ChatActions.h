#pragma once

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace flarechat {

class ChatPane;

// The chat's commands for the menus and the keyboard: stop the reply, regenerate the last reply,
// edit the last question, go to the message box, and the next or previous conversation in the
// sidebar's order (wrapping round). Each is an action with its keys from the Shortcuts table,
// added to `window` so the keys work anywhere in it, and enabled only while it can act.
class ChatActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatActions)

public:
    ChatActions(ChatPane* pane, QWidget* window);
    ~ChatActions() override;

    QAction* stopReply() const { return m_stop; }
    QAction* regenerate() const { return m_regenerate; }
    QAction* editLastQuestion() const { return m_editLast; }
    QAction* focusComposer() const { return m_focusComposer; }
    QAction* nextConversation() const { return m_next; }
    QAction* previousConversation() const { return m_previous; }
    QMenu* menu() const { return m_menu; } // "Chat": stop, regenerate, edit, go to the message box

protected:
    bool event(QEvent* event) override; // the window passes LanguageChange on to its children

private:
    void retranslate();
    void updateState();
    int lastRow(bool user) const; // the transcript's last user or assistant row, or -1
    int currentRow() const; // the open conversation's row in the list, or -1
    void step(int delta); // opens the conversation `delta` rows away in the list

    ChatPane* m_pane;
    QAction* m_stop;
    QAction* m_regenerate;
    QAction* m_editLast;
    QAction* m_focusComposer;
    QAction* m_next;
    QAction* m_previous;
    QMenu* m_menu;
};

} // namespace flarechat
