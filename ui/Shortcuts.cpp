#include "Shortcuts.h"

#include <QAction>
#include <QKeyEvent>

namespace flarechat {

namespace {

using Id = Shortcuts::Id;
using Group = Shortcuts::Group;
using Scope = Shortcuts::Scope;

struct Entry
{
    Id id;
    const char* name;
    Group group;
    Scope scope;
    const char* text; // translated in the context "flarechat::Shortcuts" when shown
    QKeySequence::StandardKey standard; // the platform's keys first, where Qt names them
    QList<QKeySequence> own; // then these, where the platform has not already given them
};

const char* const kProperty = "flarechatShortcut";

// The page lists the entries in this order; `id` is also the index.
const QList<Entry>& table()
{
    using K = QKeySequence;
    static const QList<Entry> entries {
        {Id::NewChat, "newChat", Group::Conversations, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "New chat"), K::New, {K(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}},
        {Id::PreviousConversation, "previousConversation", Group::Conversations, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Previous conversation in the list"), K::PreviousChild,
            {K(Qt::CTRL | Qt::Key_PageUp)}},
        {Id::NextConversation, "nextConversation", Group::Conversations, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Next conversation in the list"), K::NextChild,
            {K(Qt::CTRL | Qt::Key_PageDown)}},
        {Id::Search, "search", Group::Conversations, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Search messages"), K::Find, {}},
        {Id::CopyConversation, "copyConversation", Group::Conversations, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Copy the conversation as Markdown"), K::UnknownKey,
            {K(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}},
        {Id::StopReply, "stopReply", Group::Chat, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Stop the reply being written"), K::UnknownKey,
#ifdef Q_OS_MACOS
            {K(Qt::Key_Escape), K(Qt::CTRL | Qt::Key_Period)}},
#else
            {K(Qt::Key_Escape)}},
#endif
        {Id::Regenerate, "regenerate", Group::Chat, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Regenerate the last reply"), K::UnknownKey,
            {K(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}},
        {Id::EditLastQuestion, "editLastQuestion", Group::Chat, Scope::MessageBox,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Edit your last question (in an empty message box)"),
            K::UnknownKey, {K(Qt::Key_Up)}},
        {Id::CancelEdit, "cancelEdit", Group::Chat, Scope::Chat,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Cancel editing a message"), K::UnknownKey, {K(Qt::Key_Escape)}},
        {Id::FocusComposer, "focusComposer", Group::Chat, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Go to the message box"), K::UnknownKey,
            {K(Qt::SHIFT | Qt::Key_Escape)}},
        {Id::ToggleSidebar, "toggleSidebar", Group::Window, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Show or hide the conversation list"), K::UnknownKey,
            {K(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}},
        {Id::ApiPanel, "apiPanel", Group::Window, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Show or hide the Local API panel"), K::UnknownKey,
            {K(Qt::CTRL | Qt::SHIFT | Qt::Key_L)}},
        {Id::Settings, "settings", Group::Window, Scope::Window, QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Settings"),
            K::Preferences, {K(Qt::CTRL | Qt::Key_Comma)}},
        {Id::KeyboardShortcuts, "keyboardShortcuts", Group::Window, Scope::Window,
            QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Keyboard shortcuts (this list)"), K::UnknownKey,
            {K(Qt::CTRL | Qt::Key_Slash)}},
        // Windows has no standard key for Quit (Alt+F4 closes the window): Ctrl+Q there too.
        {Id::Quit, "quit", Group::Window, Scope::Window, QT_TRANSLATE_NOOP("flarechat::Shortcuts", "Quit FlareChat"),
            K::Quit, {K(Qt::CTRL | Qt::Key_Q)}},
    };
    return entries;
}

const Entry& entry(Id id)
{
    const QList<Entry>& t = table();
    const auto index = static_cast<qsizetype>(id);
    Q_ASSERT(index >= 0 && index < t.size() && t.at(index).id == id);
    return t.at(index);
}

} // namespace

QList<Shortcuts::Id> Shortcuts::all()
{
    QList<Id> ids;
    for (const Entry& e : table())
        ids << e.id;
    return ids;
}

QList<Shortcuts::Group> Shortcuts::groups()
{
    return {Group::Conversations, Group::Chat, Group::Window};
}

Shortcuts::Group Shortcuts::group(Id id)
{
    return entry(id).group;
}

Shortcuts::Scope Shortcuts::scope(Id id)
{
    return entry(id).scope;
}

QString Shortcuts::groupName(Group group)
{
    switch (group) {
    case Group::Conversations:
        return tr("Conversations");
    case Group::Chat:
        return tr("Chat");
    case Group::Window:
        return tr("Window");
    }
    return {};
}

QString Shortcuts::description(Id id)
{
    return QCoreApplication::translate("flarechat::Shortcuts", entry(id).text);
}

QString Shortcuts::idName(Id id)
{
    return QString::fromLatin1(entry(id).name);
}

QList<QKeySequence> Shortcuts::keys(Id id)
{
    const Entry& e = entry(id);
    QList<QKeySequence> keys;
    if (e.standard != QKeySequence::UnknownKey) {
        const QList<QKeySequence> platform = QKeySequence::keyBindings(e.standard);
        // Not the browser keys some platforms add to NextChild/PreviousChild (Back, Forward): a
        // mouse's side buttons send them too, and they would flip conversations by accident.
        for (const QKeySequence& k : platform) {
            const Qt::Key key = k.isEmpty() ? Qt::Key_unknown : k[0].key();
            if (key != Qt::Key_Back && key != Qt::Key_Forward)
                keys << k;
        }
    }
    for (const QKeySequence& k : e.own) {
        if (!keys.contains(k))
            keys << k;
    }
    return keys;
}

QString Shortcuts::keysText(Id id)
{
    QStringList parts;
    const QList<QKeySequence> sequences = keys(id);
    for (const QKeySequence& k : sequences)
        parts << k.toString(QKeySequence::NativeText);
    return parts.join(tr(", ", "between two key sequences of one shortcut"));
}

bool Shortcuts::matches(Id id, const QKeyEvent* event)
{
    const QKeySequence pressed(QKeyCombination(event->modifiers() & ~Qt::KeypadModifier, Qt::Key(event->key())));
    return keys(id).contains(pressed);
}

void Shortcuts::assign(QAction* action, Id id)
{
    action->setProperty(kProperty, static_cast<int>(id));
    if (scope(id) == Scope::Window) {
        action->setShortcuts(keys(id));
        action->setShortcutContext(Qt::WindowShortcut);
    }
}

std::optional<Shortcuts::Id> Shortcuts::assignedId(const QAction* action)
{
    bool ok = false;
    const int index = action->property(kProperty).toInt(&ok);
    if (!ok || index < 0 || index >= table().size())
        return std::nullopt;
    return static_cast<Id>(index);
}

} // namespace flarechat
