// The window's look that settings and themes change: the toolbar (the menus' own actions, fixed,
// hideable from View), its SVG icons drawn sharp at any device pixel ratio and in the theme's text
// colour (light on dark, dark on light, again after a switch), the application icon, and the text
// size setting reaching the transcript, the message box and the list at once.
#include "ConversationSidebar.h"
#include "Icons.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "Theme.h"
#include "WindowActions.h"
#include "WindowFixture.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "settings/SettingsDialog.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

using namespace flarechat;

class TestAppearance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void toolBarHoldsTheMenusActions();
    void toolBarHidesFromView();
    void iconsFollowTheTheme_data();
    void iconsFollowTheTheme();
    void iconsAreDrawnAtTheDeviceRatio();
    void applicationIcon();
    void textSizeAppliesAtOnce();
    void textSizeFromTheAppearancePage();

private:
    flarechat::test::WindowFixture m_f;
};

namespace {

// The mean lightness of the pixels an icon paints (alpha over half), and how many there are.
QPair<double, int> inkLightness(const QImage& image)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 128) {
                sum += c.lightnessF();
                ++n;
            }
        }
    }
    return {n ? sum / n : 0, n};
}

QAction* menuAction(QMenuBar* bar, const QString& objectName)
{
    const QList<QMenu*> menus = bar->findChildren<QMenu*>();
    for (const QMenu* menu : menus) {
        const QList<QAction*> actions = menu->actions();
        for (QAction* a : actions) {
            if (a->objectName() == objectName)
                return a;
        }
    }
    return nullptr;
}

} // namespace

void TestAppearance::init()
{
    Theme::apply(QStringLiteral("light"));
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
}

void TestAppearance::cleanup()
{
    m_f.stop();
    Theme::apply(QStringLiteral("light"));
}

void TestAppearance::toolBarHoldsTheMenusActions()
{
    MainToolBar* bar = m_f.window->toolBar();
    QVERIFY(bar);
    QCOMPARE(bar->objectName(), QStringLiteral("mainToolBar"));
    QVERIFY(bar->isVisible());
    QVERIFY(!bar->isMovable());
    QVERIFY(!bar->isFloatable());
    QCOMPARE(m_f.window->toolBarArea(bar), Qt::TopToolBarArea);
    QStringList names;
    const QList<QAction*> actions = bar->actions();
    for (QAction* a : actions) {
        if (a->isSeparator())
            continue;
        names << a->objectName();
        // The same object as the menu's: one shortcut, one enabled state, one checked state.
        QCOMPARE(menuAction(m_f.window->menuBar(), a->objectName()), a);
        QVERIFY2(!a->icon().isNull(), qPrintable(a->objectName()));
        auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(a));
        QVERIFY(button);
        QVERIFY2(!button->text().isEmpty(), qPrintable(a->objectName())); // what a screen reader says
        // The tool tip names the action and its key.
        QVERIFY2(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)), qPrintable(a->toolTip()));
        QVERIFY2(!a->toolTip().contains(QLatin1Char('&')), qPrintable(a->toolTip()));
    }
    QCOMPARE(names,
        QStringList({QStringLiteral("newChatAction"), QStringLiteral("toggleSidebarAction"),
            QStringLiteral("apiPanelAction"), QStringLiteral("settingsAction")}));
    // A click does what the menu does.
    QTest::mouseClick(bar->widgetForAction(m_f.window->windowActions()->toggleSidebar()), Qt::LeftButton);
    QVERIFY(!m_f.window->sidebar()->isVisible());
    QTest::mouseClick(bar->widgetForAction(m_f.window->windowActions()->toggleSidebar()), Qt::LeftButton);
    QVERIFY(m_f.window->sidebar()->isVisible());
}

void TestAppearance::toolBarHidesFromView()
{
    MainToolBar* bar = m_f.window->toolBar();
    QAction* toggle = bar->toggleViewAction();
    QMenu* view = nullptr;
    const QList<QMenu*> menus = m_f.window->menuBar()->findChildren<QMenu*>();
    for (QMenu* menu : menus) {
        if (menu->actions().contains(toggle))
            view = menu;
    }
    QVERIFY2(view, "View → Toolbar");
    QVERIFY(!toggle->text().isEmpty());
    const int chatTop = m_f.window->chatPane()->mapTo(m_f.window.get(), QPoint()).y();
    toggle->trigger();
    QVERIFY(!bar->isVisible());
    // The chat moves up into its place.
    QTRY_VERIFY(m_f.window->chatPane()->mapTo(m_f.window.get(), QPoint()).y() < chatTop);
    toggle->trigger();
    QVERIFY(bar->isVisible());
    // The first-run page has no chat for it to act on: hidden there, back with the chat.
    m_f.window->loadCredentials({}, QProcessEnvironment());
    QTRY_VERIFY_WITH_TIMEOUT(m_f.window->setupPage(), 30000);
    QVERIFY(!bar->isVisible());
    m_f.window->setEndpoint(m_f.fake->endpoint());
    QTRY_VERIFY(!m_f.window->setupPage());
    QVERIFY(bar->isVisible());
}

void TestAppearance::iconsFollowTheTheme_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("dark") << QStringLiteral("dark");
    QTest::newRow("light") << QStringLiteral("light");
}

void TestAppearance::iconsFollowTheTheme()
{
    QFETCH(QString, theme);
    // From the other theme, so the switch itself is what is tested.
    Theme::apply(theme == QLatin1String("dark") ? QStringLiteral("light") : QStringLiteral("dark"));
    const QIcon before = m_f.window->toolBar()->actions().first()->icon();
    const double beforeInk = inkLightness(before.pixmap(QSize(24, 24)).toImage()).first;
    Theme::apply(theme);
    const QList<QAction*> actions = m_f.window->toolBar()->actions();
    for (QAction* a : actions) {
        if (a->isSeparator())
            continue;
        const auto [lightness, pixels] = inkLightness(a->icon().pixmap(QSize(24, 24)).toImage());
        QVERIFY2(pixels > 20, qPrintable(a->objectName())); // something is drawn
        if (theme == QLatin1String("dark"))
            QVERIFY2(lightness > 0.7, qPrintable(QStringLiteral("%1: %2").arg(a->objectName()).arg(lightness)));
        else
            QVERIFY2(lightness < 0.3, qPrintable(QStringLiteral("%1: %2").arg(a->objectName()).arg(lightness)));
    }
    // The icon object is the same; only its painting changed.
    const double afterInk = inkLightness(before.pixmap(QSize(24, 24)).toImage()).first;
    QVERIFY(qAbs(afterInk - beforeInk) > 0.4);
    // Disabled icons are drawn in the disabled colour.
    const double disabled = inkLightness(before.pixmap(QSize(24, 24), QIcon::Disabled).toImage()).first;
    QVERIFY2(qAbs(disabled - Icons::tint(QIcon::Disabled).lightnessF()) < 0.1, qPrintable(QString::number(disabled)));
    // The composer's paper clip is one of them.
    const QIcon clip = m_f.window->chatPane()->composer()->attachButton()->icon();
    const double clipInk = inkLightness(clip.pixmap(QSize(24, 24)).toImage()).first;
    QVERIFY(theme == QLatin1String("dark") ? clipInk > 0.7 : clipInk < 0.3);
}

void TestAppearance::iconsAreDrawnAtTheDeviceRatio()
{
    const QIcon icon = Icons::themed(QStringLiteral("settings"));
    QVERIFY(!icon.isNull());
    QVERIFY(Icons::themed(QStringLiteral("no-such-icon")).isNull());
    for (const qreal ratio : {1.0, 1.5, 2.0, 3.0}) {
        const QPixmap pixmap = icon.pixmap(QSize(20, 20), ratio);
        QCOMPARE(pixmap.size(), (QSizeF(20, 20) * ratio).toSize());
        QCOMPARE(pixmap.devicePixelRatio(), ratio);
    }
    // Drawn at 3x, not scaled up from 1x: the strokes are as thin in device pixels as the SVG
    // says (1.75 of 24), so the ink covers about the same share of the square at every size.
    const double small = inkLightness(icon.pixmap(QSize(20, 20), 1.0).toImage()).second / 400.0;
    const double large = inkLightness(icon.pixmap(QSize(20, 20), 3.0).toImage()).second / 3600.0;
    QVERIFY2(qAbs(small - large) < 0.08, qPrintable(QStringLiteral("%1 %2").arg(small).arg(large)));
    // And the edge of a stroke at 3x is a few device pixels of antialiasing, not a 3-pixel step.
    const QImage big = icon.pixmap(QSize(60, 60)).toImage();
    int partial = 0;
    for (int y = 0; y < big.height(); ++y) {
        for (int x = 0; x < big.width(); ++x) {
            const int a = big.pixelColor(x, y).alpha();
            partial += a > 20 && a < 235;
        }
    }
    QVERIFY(partial > 20);
}

void TestAppearance::applicationIcon()
{
    const QIcon icon = Icons::application();
    QVERIFY(!icon.isNull());
    for (const int side : {16, 32, 256}) {
        const QImage image = icon.pixmap(QSize(side, side)).toImage();
        QCOMPARE(image.size(), QSize(side, side));
        // Cloudflare's orange bubble, whatever the theme.
        const QColor centreLeft = image.pixelColor(side / 8, side / 2);
        QVERIFY2(
            centreLeft.red() > 200 && centreLeft.green() > 80 && centreLeft.green() < 180 && centreLeft.blue() < 80,
            qPrintable(centreLeft.name()));
    }
}

void TestAppearance::textSizeAppliesAtOnce()
{
    ChatPane* pane = m_f.window->chatPane();
    TranscriptView* view = pane->transcriptView();
    ComposerEdit* edit = pane->composer()->edit();
    QListView* list = m_f.window->sidebar()->list();
    const int system = QApplication::font().pointSize();
    QCOMPARE(view->font().pointSize(), system);
    QCOMPARE(edit->font().pointSize(), system);

    edit->setFocus();
    QTest::keyClicks(edit,
        QStringLiteral("a question long enough to wrap onto a second line at a large size, "
                       "with a few more words after it"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(pane->transcript()->rowCount(), 2);
    QTRY_COMPARE(pane->transcript()->at(1).state, TranscriptMessage::State::Complete);
    QTRY_VERIFY(view->visualRect(pane->transcript()->index(0)).height() > 0);
    const int rowHeight = view->visualRect(pane->transcript()->index(0)).height();
    const int editHeight = edit->sizeHint().height();

    const int large = system + 8;
    m_f.settings->setValue(Settings::Key::TextSize, large);
    QCOMPARE(view->font().pointSize(), large);
    QCOMPARE(edit->font().pointSize(), large);
    QCOMPARE(list->font().pointSize(), large);
    QCOMPARE(m_f.window->sidebar()->searchResults()->font().pointSize(), large);
    QCOMPARE(view->font().family(), QApplication::font().family()); // only the size is the setting's
    // Rows measured for the old size are measured again; the message box grows.
    QTRY_VERIFY(view->visualRect(pane->transcript()->index(0)).height() > rowHeight);
    QVERIFY(edit->sizeHint().height() > editHeight);
    // Other controls keep the system's size.
    QCOMPARE(pane->composer()->sendButton()->font().pointSize(), system);

    m_f.settings->setValue(Settings::Key::TextSize, 0);
    QCOMPARE(view->font().pointSize(), system);
    QCOMPARE(edit->font().pointSize(), system);
    QTRY_COMPARE(view->visualRect(pane->transcript()->index(0)).height(), rowHeight);
}

void TestAppearance::textSizeFromTheAppearancePage()
{
    SettingsDialog* dialog = m_f.window->openSettings();
    dialog->showPage(SettingsDialog::Page::Appearance);
    auto* box = dialog->findChild<QComboBox*>(QStringLiteral("textSize"));
    QVERIFY(box);
    QCOMPARE(box->currentData().toInt(), 0);
    QVERIFY(box->currentText().contains(QString::number(QApplication::font().pointSize())));
    const int row = box->findData(18);
    QVERIFY(row > 0);
    box->setCurrentIndex(row);
    QSignalSpy applied(dialog, &SettingsDialog::applied);
    QVERIFY(dialog->apply());
    QVERIFY(applied.count() > 0 || applied.wait(20000));
    QCOMPARE(m_f.settings->value(Settings::Key::TextSize).toInt(), 18);
    QCOMPARE(m_f.window->chatPane()->transcriptView()->font().pointSize(), 18);
    QCOMPARE(m_f.window->chatPane()->composer()->edit()->font().pointSize(), 18);
    // A size from a hand-edited file is offered as it is.
    m_f.settings->setValue(Settings::Key::TextSize, 15);
    dialog->reject();
    QTRY_VERIFY(!m_f.window->settingsDialog());
    dialog = m_f.window->openSettings();
    box = dialog->findChild<QComboBox*>(QStringLiteral("textSize"));
    QCOMPARE(box->currentData().toInt(), 15);
    QCOMPARE(m_f.window->chatPane()->composer()->edit()->font().pointSize(), 15);
}

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
