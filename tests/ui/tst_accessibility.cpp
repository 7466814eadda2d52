// What a keyboard or screen reader user meets: every control that takes the keyboard focus in the
// main window, each settings page, the Local API panel, the setup page and the shortcuts page has
// an accessible name (what QAccessible gives a screen reader, not only our own property), and Tab
// walks each of them in reading order: the window from the sidebar (new chat, search, list) to the
// chat (model picker, transcript, message box, Send), a page top to bottom, left to right.
#include "ConversationSidebar.h"
#include "MainWindow.h"
#include "ShortcutsDialog.h"
#include "WindowActions.h"
#include "WindowFixture.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "server/ApiPanel.h"
#include "settings/SettingsDialog.h"
#include "setup/SetupPage.h"
#include "transcript/TranscriptModel.h"

#include <QAbstractScrollArea>
#include <QAccessible>
#include <QApplication>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTextEdit>
#include <QtTest>

using namespace flarechat;

class TestAccessibility final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void mainWindowControlsAreNamed();
    void settingsPagesAreNamed();
    void apiPanelIsNamed();
    void setupPageIsNamed();
    void shortcutsPageIsNamed();
    void mainWindowTabOrder();
    void settingsPagesTabInReadingOrder();
    void setupPageTabsInReadingOrder();

private:
    void sendOne();
    flarechat::test::WindowFixture m_f;
};

namespace {

QString describe(const QWidget* w)
{
    QStringList path;
    for (const QWidget* p = w; p; p = p->parentWidget()) {
        if (!p->objectName().isEmpty())
            path.prepend(p->objectName());
        if (p->isWindow())
            break;
    }
    return QStringLiteral("%1 (%2)").arg(
        QString::fromLatin1(w->metaObject()->className()), path.join(QLatin1Char('/')));
}

// A control the keyboard reaches. An editor inside a spin box or combo box is named by its owner,
// which is the control a screen reader presents.
bool isFocusable(const QWidget* w)
{
    if (!(w->focusPolicy() & Qt::TabFocus))
        return false;
    if (w->focusProxy())
        return false; // its proxy is checked
    if (w->parentWidget() && w->parentWidget()->focusProxy() == w)
        return false;
    return true;
}

// Every focusable control under `root` (shown or not: hidden ones appear later, Stop, hold bar...)
// whose accessible name is empty.
QStringList unnamed(QWidget* root)
{
    QStringList out;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : std::as_const(widgets)) {
        // A combo box's popup list belongs to the combo box, and dialogs are checked on their own.
        if (!isFocusable(w) || w->window() != root->window())
            continue;
        QAccessibleInterface* a = QAccessible::queryAccessibleInterface(w);
        if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
            out << describe(w);
    }
    return out;
}

// Where Tab goes from `first`, as long as it stays in `container` (at most 80 steps).
QList<QWidget*> tabWalk(QWidget* container, QWidget* first, QString* trap)
{
    QList<QWidget*> seen;
    first->setFocus(Qt::TabFocusReason);
    if (!QTest::qWaitFor([first] { return first->hasFocus(); }, 2000)) {
        *trap = QStringLiteral("no focus on ") + describe(first);
        return seen;
    }
    seen << first;
    int stays = 0; // Tab moves from link to link inside a label before it leaves it
    for (int i = 0; i < 80; ++i) {
        QWidget* from = QApplication::focusWidget();
        QTest::keyClick(from, Qt::Key_Tab);
        QWidget* to = QApplication::focusWidget();
        if (to == from) {
            if (++stays > 12) {
                *trap = QStringLiteral("Tab stays in ") + describe(from);
                break;
            }
            continue;
        }
        stays = 0;
        if (!to || !container->isAncestorOf(to) || seen.contains(to))
            break;
        seen << to;
    }
    return seen;
}

QWidget* firstFocusable(QWidget* container)
{
    for (QWidget* w = container->nextInFocusChain(); w && w != container; w = w->nextInFocusChain()) {
        if (container->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(container->window())
            && w->isEnabled() && !w->focusProxy())
            return w;
    }
    return nullptr;
}

// Pairs of consecutive stops where the second is above the first, or left of it on the same line.
QStringList outOfReadingOrder(QWidget* container, const QList<QWidget*>& walk)
{
    QStringList out;
    for (qsizetype i = 1; i < walk.size(); ++i) {
        const QRect a(walk.at(i - 1)->mapTo(container, QPoint()), walk.at(i - 1)->size());
        const QRect b(walk.at(i)->mapTo(container, QPoint()), walk.at(i)->size());
        const bool sameLine = b.top() < a.bottom() && a.top() < b.bottom();
        const bool inside = a.contains(b) || b.contains(a); // a field inside a group box...
        if (inside)
            continue;
        if ((!sameLine && b.top() < a.top()) || (sameLine && b.left() < a.left()))
            out << QStringLiteral("%1 → %2").arg(describe(walk.at(i - 1)), describe(walk.at(i)));
    }
    return out;
}

} // namespace

void TestAccessibility::init()
{
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
}

void TestAccessibility::cleanup()
{
    m_f.stop();
}

void TestAccessibility::sendOne()
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("hello"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(m_f.window->chatPane()->transcript()->rowCount(), 2);
    QTRY_COMPARE(m_f.window->chatPane()->transcript()->at(1).state, TranscriptMessage::State::Complete);
}

void TestAccessibility::mainWindowControlsAreNamed()
{
    sendOne();
    // An attachment chip brings a focusable × of its own.
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QCOMPARE(m_f.window->chatPane()->composer()->addImage(image), 1);
    const QStringList missing = unnamed(m_f.window.get());
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void TestAccessibility::settingsPagesAreNamed()
{
    SettingsDialog* dialog = m_f.window->openSettings();
    auto* pages = dialog->findChild<QTabWidget*>();
    QVERIFY(pages);
    QVERIFY(pages->count() >= 5);
    QStringList missing;
    for (int i = 0; i < pages->count(); ++i) {
        pages->setCurrentIndex(i);
        const QStringList page = unnamed(pages->widget(i));
        for (const QString& w : page)
            missing << pages->tabText(i) + QStringLiteral(": ") + w;
    }
    missing << unnamed(dialog);
    missing.removeDuplicates();
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void TestAccessibility::apiPanelIsNamed()
{
    ApiPanel* panel = m_f.window->showApiPanel();
    QVERIFY(panel);
    const QStringList missing = unnamed(panel);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void TestAccessibility::setupPageIsNamed()
{
    m_f.window->loadCredentials({}, QProcessEnvironment()); // none anywhere: the setup page
    QTRY_VERIFY_WITH_TIMEOUT(m_f.window->setupPage(), 30000);
    const QStringList missing = unnamed(m_f.window->setupPage());
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void TestAccessibility::shortcutsPageIsNamed()
{
    ShortcutsDialog* dialog = m_f.window->windowActions()->showShortcuts();
    const QStringList missing = unnamed(dialog);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void TestAccessibility::mainWindowTabOrder()
{
    sendOne(); // the transcript is shown once there is a message
    m_f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    auto* start = m_f.window->sidebar()->findChild<QWidget*>(QStringLiteral("newChatButton"));
    QVERIFY(start);
    QString trap;
    const QList<QWidget*> walk = tabWalk(m_f.window.get(), start, &trap);
    QVERIFY2(trap.isEmpty(), qPrintable(trap));
    QStringList names;
    for (const QWidget* w : walk)
        names << w->objectName();
    const QStringList expected {QStringLiteral("newChatButton"), QStringLiteral("searchField"),
        QStringLiteral("conversationList"), QStringLiteral("modelPicker"), QStringLiteral("optionsButton"),
        QStringLiteral("transcript"), QStringLiteral("attachButton"), QStringLiteral("composerEdit"),
        QStringLiteral("sendButton"), QStringLiteral("usageMeter"), QStringLiteral("serverStatus")};
    QCOMPARE(names, expected);
    // Shift+Tab walks back the same way.
    QWidget* last = walk.constLast();
    QStringList back;
    last->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(last->hasFocus());
    for (qsizetype i = 1; i < walk.size(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab, Qt::ShiftModifier);
        back.prepend(QApplication::focusWidget()->objectName());
    }
    back << last->objectName();
    QCOMPARE(back, expected);
}

void TestAccessibility::settingsPagesTabInReadingOrder()
{
    SettingsDialog* dialog = m_f.window->openSettings();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    auto* pages = dialog->findChild<QTabWidget*>();
    QVERIFY(pages);
    QStringList wrong;
    for (int i = 0; i < pages->count(); ++i) {
        pages->setCurrentIndex(i);
        QWidget* page = pages->widget(i);
        QWidget* first = firstFocusable(page);
        QVERIFY2(first, qPrintable(pages->tabText(i)));
        QString trap;
        const QList<QWidget*> walk = tabWalk(page, first, &trap);
        if (!trap.isEmpty())
            wrong << pages->tabText(i) + QStringLiteral(": ") + trap;
        const QStringList order = outOfReadingOrder(page, walk);
        for (const QString& w : order)
            wrong << pages->tabText(i) + QStringLiteral(": ") + w;
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
}

void TestAccessibility::setupPageTabsInReadingOrder()
{
    m_f.window->loadCredentials({}, QProcessEnvironment());
    QTRY_VERIFY_WITH_TIMEOUT(m_f.window->setupPage(), 30000);
    m_f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    SetupPage* page = m_f.window->setupPage();
    QWidget* first = firstFocusable(page);
    QVERIFY(first);
    QString trap;
    const QList<QWidget*> walk = tabWalk(page, first, &trap);
    QVERIFY2(trap.isEmpty(), qPrintable(trap));
    QVERIFY(walk.size() >= 3);
    const QStringList wrong = outOfReadingOrder(page, walk);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(u'\n')));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
