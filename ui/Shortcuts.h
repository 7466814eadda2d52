#pragma once

#include <QCoreApplication>
#include <QKeySequence>
#include <QList>
#include <QString>

#include <optional>

class QAction;
class QKeyEvent;

namespace flarechat {

// Every keyboard shortcut of the main window, written once: the actions take their keys from this
// table (assign()), and Help → Keyboard Shortcuts lists it. Descriptions are translated when they
// are read, so a language switched at run time shows at once.
//
// Choices (compared with ChatGPT's desktop app, LM Studio, Jan and Slack):
// * Qt's standard key where there is one (New, Find, Preferences, Quit, NextChild/PreviousChild),
//   so each platform gets its own (Cmd on macOS, Ctrl+F6 as well on Windows).
// * ChatGPT's keys where it has one, being the chat app most users know: Ctrl+Shift+O new chat,
//   Shift+Esc focus the message box, Ctrl+Shift+S sidebar, Ctrl+Shift+C copy, Ctrl+/ this list.
// * Esc stops a reply (as in every peer) and is taken only while one is being written; otherwise
//   it is left to the focused field (clearing the search, cancelling an edit).
// * ↑ in an empty message box edits the last question (Slack, Teams, Discord): a key with a
//   meaning only there, so it is the message box's alone.
// * Regenerate is Ctrl+Shift+R, not Ctrl+R: a browser's reload habit should not spend neurons.
// * No plain Ctrl+letter that a text field uses (Ctrl+A/C/V/X/Z/Y, Ctrl+Backspace...), nor
//   Ctrl+Shift+E/U or Ctrl+. (IBus' emoji and Unicode input).
class Shortcuts final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::Shortcuts)

public:
    Shortcuts() = delete;

    enum class Id {
        NewChat,
        PreviousConversation,
        NextConversation,
        Search,
        CopyConversation,
        StopReply,
        Regenerate,
        EditLastQuestion,
        CancelEdit,
        FocusComposer,
        ToggleSidebar,
        ApiPanel,
        Settings,
        KeyboardShortcuts,
        Quit,
    };
    enum class Group { Conversations, Chat, Window };
    // Where the keys act: anywhere in the main window (an action's shortcut), anywhere in the chat
    // pane, or only in the message box, which reads them itself (matches()).
    enum class Scope { Window, Chat, MessageBox };

    static QList<Id> all(); // in the order Help → Keyboard Shortcuts lists them
    static QList<Group> groups();
    static Group group(Id id);
    static Scope scope(Id id);
    static QString groupName(Group group);
    static QString description(Id id); // in the UI's language
    static QString idName(Id id); // "newChat", for object names and tests
    // The platform's keys for `id`, the first being the one menus show.
    static QList<QKeySequence> keys(Id id);
    // The keys as a user reads them, in the platform's words ("Ctrl+N, Ctrl+Shift+O"; ⌘N on macOS).
    static QString keysText(Id id);
    static bool matches(Id id, const QKeyEvent* event);
    // A Scope::Window action gets the keys as its shortcuts; any action is marked with `id`
    // (assignedId()), so tests and the shortcuts page can find it.
    static void assign(QAction* action, Id id);
    static std::optional<Id> assignedId(const QAction* action);
};

} // namespace flarechat
