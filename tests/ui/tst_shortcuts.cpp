// Every entry of the Shortcuts table on the real window, against the fake Workers AI: its keys,
// pressed as a user presses them, do what the entry says (a new chat, the next conversation, Stop
// cancelling the upstream request, Regenerate asking again, ↑ editing the last question...), and
// Help → Keyboard Shortcuts lists every entry in the UI's language.
#include "ConversationSidebar.h"
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "Shortcuts.h"
#include "ShortcutsDialog.h"
#include "WindowActions.h"
#include "WindowFixture.h"
#include "chat/ChatActions.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "server/ApiPanel.h"
#include "settings/SettingsDialog.h"
#include "storage/ConversationStore.h"
#include "transcript/TranscriptModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QShortcut>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

using namespace flarechat;
using Id = Shortcuts::Id;

class TestShortcuts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tableIsWellFormed();
    void everyEntryIsTestedHere();
    void actionsCarryTheTablesKeys();

    void newChat();
    void nextAndPreviousConversationWrap();
    void searchFocusesTheField();
    void copyConversation();
    void stopCancelsTheStreamingReply();
    void regenerateAsksAgain();
    void upInTheEmptyBoxEditsTheLastQuestion();
    void focusComposer();
    void toggleSidebar();
    void apiPanel();
    void settings();
    void shortcutsPageListsEveryEntry();
    void shortcutsPageFollowsTheLanguage();
    void quitClosesTheWindow();

private:
    // Presses `key` (each of the id's keys, by default the first) where the focus is.
    void press(const QKeySequence& key);
    void press(Id id) { press(Shortcuts::keys(id).value(0)); }
    void send(const QString& text);
    QAction* action(Id id) const;
    TranscriptModel* transcript() const { return m_f.window->chatPane()->transcript(); }
    ChatController* controller() const { return m_f.window->chatPane()->controller(); }
    ComposerEdit* edit() const { return m_f.window->chatPane()->composer()->edit(); }

    flarechat::test::WindowFixture m_f;
};

// Each test below covers the entries listed here; a new entry without a test fails
// everyEntryIsTestedHere.
static const QList<Id> kTested {Id::NewChat, Id::PreviousConversation, Id::NextConversation, Id::Search,
    Id::CopyConversation, Id::StopReply, Id::Regenerate, Id::EditLastQuestion, Id::CancelEdit, Id::FocusComposer,
    Id::ToggleSidebar, Id::ApiPanel, Id::Settings, Id::KeyboardShortcuts, Id::Quit};

void TestShortcuts::init()
{
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
    m_f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    edit()->setFocus();
    QTRY_VERIFY(edit()->hasFocus());
}

void TestShortcuts::cleanup()
{
    m_f.stop();
}

void TestShortcuts::press(const QKeySequence& key)
{
    QVERIFY(!key.isEmpty());
    QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : m_f.window.get();
    QTest::keySequence(target, key);
}

void TestShortcuts::send(const QString& text)
{
    const int rows = transcript()->rowCount();
    edit()->setFocus();
    QTest::keyClicks(edit(), text);
    QTest::keyClick(edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->rowCount(), rows + 2);
    QTRY_COMPARE(transcript()->at(rows + 1).state, TranscriptMessage::State::Complete);
}

QAction* TestShortcuts::action(Id id) const
{
    QAction* found = nullptr;
    const QList<QAction*> actions = m_f.window->findChildren<QAction*>();
    for (QAction* a : actions) {
        if (Shortcuts::assignedId(a) == id) {
            if (found)
                qWarning("two actions for %s", qPrintable(Shortcuts::idName(id)));
            found = a;
        }
    }
    return found;
}

void TestShortcuts::tableIsWellFormed()
{
    QSet<QString> names;
    QHash<QString, QString> windowKeys; // a key of the window's → whose
    const QList<Id> ids = Shortcuts::all();
    for (const Id id : ids) {
        const QString name = Shortcuts::idName(id);
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QVERIFY2(!Shortcuts::description(id).isEmpty(), qPrintable(name));
        QVERIFY2(!Shortcuts::keys(id).isEmpty(), qPrintable(name));
        QVERIFY2(!Shortcuts::keysText(id).isEmpty(), qPrintable(name));
        QVERIFY(Shortcuts::groups().contains(Shortcuts::group(id)));
        if (Shortcuts::scope(id) != Shortcuts::Scope::Window)
            continue;
        const QList<QKeySequence> keys = Shortcuts::keys(id);
        for (const QKeySequence& k : keys) {
            const QString text = k.toString(QKeySequence::PortableText);
            // Two window actions on one key would both be disabled by Qt as ambiguous.
            QVERIFY2(!windowKeys.contains(text),
                qPrintable(QStringLiteral("%1: %2 and %3").arg(text, windowKeys.value(text), name)));
            windowKeys.insert(text, name);
            // Keys a text field needs stay the field's.
            const QList<QKeySequence::StandardKey> editing {QKeySequence::Copy, QKeySequence::Paste, QKeySequence::Cut,
                QKeySequence::Undo, QKeySequence::Redo, QKeySequence::SelectAll, QKeySequence::DeleteStartOfWord,
                QKeySequence::DeleteEndOfWord, QKeySequence::MoveToNextWord, QKeySequence::MoveToPreviousWord,
                QKeySequence::MoveToStartOfDocument, QKeySequence::MoveToEndOfDocument,
                QKeySequence::InsertLineSeparator};
            for (const QKeySequence::StandardKey standard : editing)
                QVERIFY2(!QKeySequence::keyBindings(standard).contains(k), qPrintable(text));
        }
    }
    // Standard keys where Qt has them: the platform's own come first (where it has any).
    const QList<QPair<Id, QKeySequence::StandardKey>> standard {{Id::NewChat, QKeySequence::New},
        {Id::Search, QKeySequence::Find}, {Id::Settings, QKeySequence::Preferences}, {Id::Quit, QKeySequence::Quit},
        {Id::NextConversation, QKeySequence::NextChild}, {Id::PreviousConversation, QKeySequence::PreviousChild}};
    for (const auto& [id, key] : standard) {
        QList<QKeySequence> platform = QKeySequence::keyBindings(key);
        platform.removeIf(
            [](const QKeySequence& k) { return k[0].key() == Qt::Key_Back || k[0].key() == Qt::Key_Forward; });
        QVERIFY2(Shortcuts::keys(id).mid(0, platform.size()) == platform, qPrintable(Shortcuts::idName(id)));
    }
    QVERIFY(!QKeySequence::keyBindings(QKeySequence::New).isEmpty());
}

void TestShortcuts::everyEntryIsTestedHere()
{
    QCOMPARE(Shortcuts::all().size(), kTested.size());
    for (const Id id : Shortcuts::all())
        QVERIFY2(kTested.contains(id), qPrintable(Shortcuts::idName(id)));
}

void TestShortcuts::actionsCarryTheTablesKeys()
{
    for (const Id id : Shortcuts::all()) {
        const QString name = Shortcuts::idName(id);
        if (id == Id::CancelEdit) {
            // A shortcut of the chat pane, not an action.
            const QList<QShortcut*> shortcuts = m_f.window->chatPane()->findChildren<QShortcut*>();
            QVERIFY(std::any_of(shortcuts.cbegin(), shortcuts.cend(),
                [](const QShortcut* s) { return s->keys() == Shortcuts::keys(Id::CancelEdit); }));
            continue;
        }
        QAction* a = action(id);
        QVERIFY2(a, qPrintable(name));
        if (Shortcuts::scope(id) == Shortcuts::Scope::Window) {
            QCOMPARE(a->shortcuts(), Shortcuts::keys(id));
            QCOMPARE(a->shortcutContext(), Qt::WindowShortcut);
        } else {
            QVERIFY2(a->shortcuts().isEmpty(), qPrintable(name)); // the message box reads its key
        }
        // Reachable from a menu too.
        QVERIFY2(std::any_of(a->associatedObjects().cbegin(), a->associatedObjects().cend(),
                     [](const QObject* o) { return qobject_cast<const QMenu*>(o); }),
            qPrintable(name));
    }
}

void TestShortcuts::newChat()
{
    send(QStringLiteral("a first conversation"));
    const qint64 first = controller()->currentConversation();
    const int before = m_f.store->conversations().size();
    const QList<QKeySequence> keys = Shortcuts::keys(Id::NewChat);
    QVERIFY(keys.size() >= 2);
    press(keys.at(0));
    const qint64 fresh = controller()->currentConversation();
    QVERIFY(fresh != first);
    QCOMPARE(transcript()->rowCount(), 0);
    QCOMPARE(m_f.store->conversations().size(), before + 1);
    QTRY_VERIFY(edit()->hasFocus());
    // The other key (ChatGPT's) from the empty one: it is reused, not another made.
    controller()->openConversation(first);
    press(keys.at(1));
    QCOMPARE(controller()->currentConversation(), fresh);
    QCOMPARE(m_f.store->conversations().size(), before + 1);
}

void TestShortcuts::nextAndPreviousConversationWrap()
{
    send(QStringLiteral("one"));
    controller()->newConversation();
    send(QStringLiteral("two"));
    controller()->newConversation();
    send(QStringLiteral("three"));
    const QAbstractItemModel* list = controller()->conversationList();
    QCOMPARE(list->rowCount(), 3);
    const auto idAt = [list](int row) { return list->index(row, 0).data(ChatController::IdRole).toLongLong(); };
    QListView* view = m_f.window->sidebar()->list();
    controller()->openConversation(idAt(0));
    for (const QKeySequence& key : Shortcuts::keys(Id::NextConversation)) {
        controller()->openConversation(idAt(0));
        press(key);
        QCOMPARE(controller()->currentConversation(), idAt(1));
        QCOMPARE(view->currentIndex().row(), 1); // the list shows which one is open
        press(key);
        press(key);
        QCOMPARE(controller()->currentConversation(), idAt(0)); // from the last, round to the first
    }
    for (const QKeySequence& key : Shortcuts::keys(Id::PreviousConversation)) {
        controller()->openConversation(idAt(0));
        press(key);
        QCOMPARE(controller()->currentConversation(), idAt(2)); // from the first, round to the last
        QCOMPARE(view->currentIndex().row(), 2);
        press(key);
        QCOMPARE(controller()->currentConversation(), idAt(1));
    }
    // With one conversation there is nowhere to go.
    for (int row = 2; row >= 1; --row)
        QVERIFY(controller()->deleteConversation(idAt(row)));
    QCOMPARE(list->rowCount(), 1);
    QVERIFY(!action(Id::NextConversation)->isEnabled());
    QVERIFY(!action(Id::PreviousConversation)->isEnabled());
}

void TestShortcuts::searchFocusesTheField()
{
    QLineEdit* search = m_f.window->sidebar()->searchField();
    QVERIFY(!search->hasFocus());
    press(Id::Search);
    QTRY_VERIFY(search->hasFocus());
}

void TestShortcuts::copyConversation()
{
    send(QStringLiteral("copy me"));
    QGuiApplication::clipboard()->clear();
    press(Id::CopyConversation);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("copy me")) && copied.contains(QStringLiteral("You said: copy me")),
        qPrintable(copied));
}

void TestShortcuts::stopCancelsTheStreamingReply()
{
    QAction* stop = action(Id::StopReply);
    QVERIFY(!stop->isEnabled()); // nothing to stop: Esc stays the focused field's
    m_f.fake->setTokenDelayMs(100);
    QTest::keyClicks(edit(), QStringLiteral("tell me a long story about the sea"));
    QTest::keyClick(edit(), Qt::Key_Return);
    QTRY_VERIFY(!transcript()->at(1).content.isEmpty());
    QVERIFY(stop->isEnabled());
    // From anywhere in the window, not only the message box.
    m_f.window->sidebar()->list()->setFocus();
    QTRY_VERIFY(m_f.window->sidebar()->list()->hasFocus());
    press(Id::StopReply);
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Interrupted);
    QVERIFY(!controller()->isBusy());
    QVERIFY(!stop->isEnabled());
    QTRY_COMPARE(m_f.fake->abortedByClient(), 1);
}

void TestShortcuts::regenerateAsksAgain()
{
    QAction* regenerate = action(Id::Regenerate);
    QVERIFY(!regenerate->isEnabled()); // no reply yet
    press(Id::Regenerate);
    QCOMPARE(m_f.fake->runRequests().size(), 0);
    send(QStringLiteral("say something"));
    QVERIFY(regenerate->isEnabled());
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    press(Id::Regenerate);
    QTRY_COMPARE(m_f.fake->runRequests().size(), 2);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).branchCount, 2); // a new version beside the first
    QCOMPARE(m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray().size(), 1);
}

void TestShortcuts::upInTheEmptyBoxEditsTheLastQuestion()
{
    Composer* composer = m_f.window->chatPane()->composer();
    QAction* editLast = action(Id::EditLastQuestion);
    QVERIFY(!editLast->isEnabled());
    send(QStringLiteral("first question"));
    send(QStringLiteral("second question"));
    QVERIFY(editLast->isEnabled());
    // With text in the box ↑ moves the cursor, as in any text field.
    QTest::keyClicks(edit(), QStringLiteral("draft"));
    press(Id::EditLastQuestion);
    QCOMPARE(composer->text(), QStringLiteral("draft"));
    QVERIFY(!composer->isEditing());
    composer->clear();
    press(Id::EditLastQuestion);
    QCOMPARE(composer->text(), QStringLiteral("second question"));
    QVERIFY(composer->isEditing());
    QVERIFY(controller()->isEditing());
    // Esc gives the edit up (CancelEdit) and brings back what the box held.
    press(Id::CancelEdit);
    QVERIFY(!composer->isEditing());
    QVERIFY(!controller()->isEditing());
    QCOMPARE(composer->text(), QString());
    // The menu's item does the same from anywhere.
    m_f.window->sidebar()->list()->setFocus();
    editLast->trigger();
    QCOMPARE(composer->text(), QStringLiteral("second question"));
    QTRY_VERIFY(edit()->hasFocus());
}

void TestShortcuts::focusComposer()
{
    m_f.window->sidebar()->searchField()->setFocus();
    QTRY_VERIFY(m_f.window->sidebar()->searchField()->hasFocus());
    press(Id::FocusComposer);
    QTRY_VERIFY(edit()->hasFocus());
}

void TestShortcuts::toggleSidebar()
{
    ConversationSidebar* sidebar = m_f.window->sidebar();
    QAction* toggle = action(Id::ToggleSidebar);
    QVERIFY(sidebar->isVisible());
    QVERIFY(toggle->isChecked());
    sidebar->searchField()->setFocus();
    QTRY_VERIFY(sidebar->searchField()->hasFocus());
    press(Id::ToggleSidebar);
    QVERIFY(!sidebar->isVisible());
    QVERIFY(!toggle->isChecked());
    QTRY_VERIFY(edit()->hasFocus()); // not left in a hidden field
    press(Id::ToggleSidebar);
    QVERIFY(sidebar->isVisible());
    QVERIFY(toggle->isChecked());
}

void TestShortcuts::apiPanel()
{
    press(Id::ApiPanel);
    QVERIFY(m_f.window->apiPanel());
    QTRY_VERIFY(m_f.window->apiPanel()->isVisible());
    m_f.window->activateWindow();
    edit()->setFocus();
    press(Id::ApiPanel);
    QTRY_VERIFY(!m_f.window->apiPanel()->isVisible());
}

void TestShortcuts::settings()
{
    QVERIFY(!m_f.window->settingsDialog());
    press(Id::Settings);
    QVERIFY(m_f.window->settingsDialog());
    QTRY_VERIFY(m_f.window->settingsDialog()->isVisible());
    m_f.window->settingsDialog()->reject();
}

void TestShortcuts::shortcutsPageListsEveryEntry()
{
    QVERIFY(!m_f.window->windowActions()->shortcutsDialog());
    press(Id::KeyboardShortcuts);
    ShortcutsDialog* dialog = m_f.window->windowActions()->shortcutsDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTreeWidget* list = dialog->list();
    QCOMPARE(list->topLevelItemCount(), Shortcuts::groups().size());
    QSet<QString> listed;
    for (int g = 0; g < list->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = list->topLevelItem(g);
        QCOMPARE(group->text(0), Shortcuts::groupName(Shortcuts::groups().at(g)));
        QVERIFY(group->childCount() > 0);
        for (int i = 0; i < group->childCount(); ++i) {
            const QTreeWidgetItem* item = group->child(i);
            const QString name = item->data(0, Qt::UserRole).toString();
            const QList<Id> ids = Shortcuts::all();
            const auto id = std::find_if(
                ids.cbegin(), ids.cend(), [&name](Id candidate) { return Shortcuts::idName(candidate) == name; });
            QVERIFY2(id != ids.cend(), qPrintable(name));
            QCOMPARE(Shortcuts::groupName(Shortcuts::group(*id)), group->text(0));
            QCOMPARE(item->text(0), Shortcuts::description(*id));
            QCOMPARE(item->text(1), Shortcuts::keysText(*id));
            listed.insert(name);
        }
    }
    QCOMPARE(listed.size(), Shortcuts::all().size());
    // In the platform's words: what QKeySequence::NativeText says.
    const QList<QTreeWidgetItem*> newChat
        = list->findItems(Shortcuts::description(Id::NewChat), Qt::MatchExactly | Qt::MatchRecursive, 0);
    QCOMPARE(newChat.size(), 1);
    QVERIFY(newChat.first()->text(1).startsWith(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText)));
    // Pressing it again raises the same page.
    press(Id::KeyboardShortcuts);
    QCOMPARE(m_f.window->windowActions()->shortcutsDialog(), dialog);
}

void TestShortcuts::shortcutsPageFollowsTheLanguage()
{
    ShortcutsDialog* dialog = m_f.window->windowActions()->showShortcuts();
    const QString english = dialog->list()->topLevelItem(0)->child(0)->text(0);
    QCOMPARE(english, Shortcuts::description(Shortcuts::all().first()));
    QTranslator chinese;
    QVERIFY(chinese.load(QStringLiteral(":/i18n/flarechat_zh_CN.qm")));
    QVERIFY(QCoreApplication::installTranslator(&chinese));
    // Installing a translator posts LanguageChange to every window.
    QTRY_VERIFY(dialog->list()->topLevelItem(0)->child(0)->text(0) != english);
    const QString translated = dialog->list()->topLevelItem(0)->child(0)->text(0);
    QCOMPARE(translated, Shortcuts::description(Shortcuts::all().first()));
    QVERIFY2(translated.contains(QStringLiteral("新")), qPrintable(translated));
    QTRY_VERIFY(action(Id::StopReply)->text() != QStringLiteral("&Stop Reply"));
    QCoreApplication::removeTranslator(&chinese);
    QTRY_COMPARE(dialog->list()->topLevelItem(0)->child(0)->text(0), english);
    QTRY_COMPARE(action(Id::StopReply)->text(), QStringLiteral("&Stop Reply"));
}

void TestShortcuts::quitClosesTheWindow()
{
    QVERIFY(m_f.window->isVisible());
    press(Id::Quit);
    QTRY_VERIFY(!m_f.window->isVisible());
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
