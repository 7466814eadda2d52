// The window opens as it was closed: its size, the toolbar hidden or shown, the conversation list
// hidden or shown and its width, and the Local API panel where the user docked it. A first start
// (nothing saved) gets the default layout, and the first-run page's hidden toolbar is not saved as
// the user's choice.
#include "ConversationSidebar.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "WindowActions.h"
#include "WindowFixture.h"
#include "server/ApiPanel.h"
#include "setup/SetupPage.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"

#include <QAction>
#include <QSplitter>
#include <QtTest>

using namespace flarechat;
using flarechat::test::WindowFixture;

class TestWindowLayout final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStartDefaults();
    void reopensAsClosed();
    void panelKeepsItsDock();
    void setupPageDoesNotHideTheToolbarForGood();
};

void TestWindowLayout::firstStartDefaults()
{
    WindowFixture f;
    QVERIFY2(f.start(), qPrintable(f.error));
    QCOMPARE(f.window->size(), QSize(1100, 720));
    QVERIFY(f.window->toolBar()->isVisible());
    QVERIFY(f.window->sidebar()->isVisible());
    QVERIFY(f.window->windowActions()->toggleSidebar()->isChecked());
}

void TestWindowLayout::reopensAsClosed()
{
    WindowFixture f;
    QVERIFY2(f.start(), qPrintable(f.error));
    f.window->resize(900, 640);
    f.window->toolBar()->toggleViewAction()->trigger();
    QVERIFY(!f.window->toolBar()->isVisible());
    auto* splitter = f.window->findChild<QSplitter*>();
    QVERIFY(splitter);
    splitter->setSizes({300, 600});
    QTRY_COMPARE(splitter->sizes().value(0), 300);
    f.closeWindow();
    QVERIFY(f.openWindow());
    QCOMPARE(f.window->size(), QSize(900, 640));
    QVERIFY(!f.window->toolBar()->isVisible());
    QVERIFY(!f.window->toolBar()->toggleViewAction()->isChecked());
    QCOMPARE(f.window->findChild<QSplitter*>()->sizes().value(0), 300);

    // The list hidden, then shown again after the restart at its width.
    f.window->windowActions()->toggleSidebar()->trigger();
    QVERIFY(!f.window->sidebar()->isVisible());
    f.closeWindow();
    QVERIFY(f.openWindow());
    QVERIFY(!f.window->sidebar()->isVisible());
    QVERIFY(!f.window->windowActions()->toggleSidebar()->isChecked());
    f.window->windowActions()->toggleSidebar()->trigger();
    QVERIFY(f.window->sidebar()->isVisible());
    QTRY_COMPARE(f.window->findChild<QSplitter*>()->sizes().value(0), 300);
}

void TestWindowLayout::panelKeepsItsDock()
{
    WindowFixture f;
    QVERIFY2(f.start(), qPrintable(f.error));
    ApiPanel* panel = f.window->showApiPanel();
    QCOMPARE(f.window->dockWidgetArea(panel), Qt::RightDockWidgetArea);
    f.window->addDockWidget(Qt::LeftDockWidgetArea, panel);
    QCOMPARE(f.window->dockWidgetArea(panel), Qt::LeftDockWidgetArea);
    f.closeWindow();
    QVERIFY(f.openWindow());
    QVERIFY(!f.window->apiPanel()); // made when first opened, as before
    panel = f.window->showApiPanel();
    QCOMPARE(f.window->dockWidgetArea(panel), Qt::LeftDockWidgetArea);
    QVERIFY(panel->isVisible());
}

void TestWindowLayout::setupPageDoesNotHideTheToolbarForGood()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("flarechat.ini")));
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(store.open(), qPrintable(store.lastError()));
    {
        MainWindow window(&settings, &store);
        window.loadCredentials({}, QProcessEnvironment()); // nothing anywhere: the setup page
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.setupPage() && window.setupPage()->isVisible());
        QVERIFY(!window.toolBar()->isVisible());
    }
    MainWindow window(&settings, &store);
    window.setEndpoint(Endpoint {}); // as before credentials arrive
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.toolBar()->toggleViewAction()->isChecked());
}

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"
