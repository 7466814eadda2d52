#include "MainToolBar.h"

#include "Icons.h"

#include <QAction>
#include <QEvent>
#include <QKeySequence>

namespace flarechat {

MainToolBar::MainToolBar(QWidget* parent)
    : QToolBar(parent)
{
    setObjectName(QStringLiteral("mainToolBar"));
    setMovable(false);
    setFloatable(false);
    setToolButtonStyle(Qt::ToolButtonIconOnly);
    setIconSize(QSize(20, 20));
    setContextMenuPolicy(Qt::PreventContextMenu); // View → Toolbar shows it again; no menu to lose it in
    retranslate();
}

MainToolBar::~MainToolBar() = default;

void MainToolBar::addIconAction(QAction* action, const QString& iconName)
{
    action->setIcon(Icons::themed(iconName));
    addAction(action);
    updateToolTip(action);
    // Its text changes with the language; the tool tip follows (setting it emits changed() once more,
    // with nothing left to change).
    connect(action, &QAction::changed, this, [this, action] { updateToolTip(action); });
}

void MainToolBar::updateToolTip(QAction* action)
{
    QString text = action->text();
    text = text.left(text.indexOf(QLatin1Char('\t'))); // a key shown in menus after a tab
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("…")))
        text.chop(1);
    const QKeySequence key = action->shortcut();
    const QString tip = key.isEmpty() ? text : tr("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText));
    if (action->toolTip() != tip)
        action->setToolTip(tip);
}

void MainToolBar::retranslate()
{
    setWindowTitle(tr("Toolbar"));
}

void MainToolBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QToolBar::changeEvent(event);
}

} // namespace flarechat
