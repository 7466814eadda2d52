#include "ChatActions.h"

#include "ChatController.h"
#include "ChatPane.h"
#include "Composer.h"
#include "ComposerEdit.h"
#include "Shortcuts.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QEvent>
#include <QMenu>
#include <QWidget>

namespace flarechat {

ChatActions::ChatActions(ChatPane* pane, QWidget* window)
    : QObject(window)
    , m_pane(pane)
    , m_stop(new QAction(this))
    , m_regenerate(new QAction(this))
    , m_editLast(new QAction(this))
    , m_focusComposer(new QAction(this))
    , m_next(new QAction(this))
    , m_previous(new QAction(this))
    , m_menu(new QMenu(window))
{
    ChatController* controller = pane->controller();
    m_stop->setObjectName(QStringLiteral("stopReplyAction"));
    m_regenerate->setObjectName(QStringLiteral("regenerateAction"));
    m_editLast->setObjectName(QStringLiteral("editLastQuestionAction"));
    m_focusComposer->setObjectName(QStringLiteral("focusComposerAction"));
    m_next->setObjectName(QStringLiteral("nextConversationAction"));
    m_previous->setObjectName(QStringLiteral("previousConversationAction"));
    Shortcuts::assign(m_stop, Shortcuts::Id::StopReply);
    Shortcuts::assign(m_regenerate, Shortcuts::Id::Regenerate);
    Shortcuts::assign(m_editLast, Shortcuts::Id::EditLastQuestion);
    Shortcuts::assign(m_focusComposer, Shortcuts::Id::FocusComposer);
    Shortcuts::assign(m_next, Shortcuts::Id::NextConversation);
    Shortcuts::assign(m_previous, Shortcuts::Id::PreviousConversation);
    window->addActions({m_stop, m_regenerate, m_editLast, m_focusComposer, m_next, m_previous});
    m_menu->setObjectName(QStringLiteral("chatMenu"));
    m_menu->addActions({m_stop, m_regenerate, m_editLast});
    m_menu->addSeparator();
    m_menu->addAction(m_focusComposer);

    connect(m_stop, &QAction::triggered, controller, &ChatController::stop);
    connect(m_regenerate, &QAction::triggered, this, [this] {
        if (const int row = lastRow(false); row >= 0)
            m_pane->transcriptView()->trigger(row, TranscriptDelegate::Action::Regenerate);
    });
    connect(m_editLast, &QAction::triggered, this, [this] {
        if (const int row = lastRow(true); row >= 0)
            m_pane->transcriptView()->trigger(row, TranscriptDelegate::Action::Edit);
    });
    // ↑ in an empty message box; with text in it the key moves the cursor as usual.
    connect(pane->composer()->edit(), &ComposerEdit::editLastRequested, m_editLast, [this] {
        if (m_editLast->isEnabled())
            m_editLast->trigger();
    });
    connect(m_focusComposer, &QAction::triggered, this,
        [this] { m_pane->composer()->edit()->setFocus(Qt::ShortcutFocusReason); });
    connect(m_next, &QAction::triggered, this, [this] { step(+1); });
    connect(m_previous, &QAction::triggered, this, [this] { step(-1); });

    connect(controller, &ChatController::busyChanged, this, &ChatActions::updateState);
    connect(controller, &ChatController::conversationOpened, this, &ChatActions::updateState);
    for (QAbstractItemModel* model :
        {static_cast<QAbstractItemModel*>(pane->transcript()), controller->conversationList()}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &ChatActions::updateState);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ChatActions::updateState);
        connect(model, &QAbstractItemModel::modelReset, this, &ChatActions::updateState);
    }
    retranslate();
    updateState();
}

ChatActions::~ChatActions() = default;

void ChatActions::retranslate()
{
    m_menu->setTitle(tr("&Chat"));
    m_stop->setText(tr("&Stop Reply"));
    m_regenerate->setText(tr("&Regenerate Last Reply"));
    // The message box reads its key itself (it means ↑ everywhere else); the menu shows it all the same.
    m_editLast->setText(tr("&Edit Last Question") + QLatin1Char('\t')
        + Shortcuts::keys(Shortcuts::Id::EditLastQuestion).value(0).toString(QKeySequence::NativeText));
    m_focusComposer->setText(tr("Go to the &Message Box"));
    m_next->setText(tr("&Next Conversation"));
    m_previous->setText(tr("&Previous Conversation"));
}

bool ChatActions::event(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::event(event);
}

int ChatActions::lastRow(bool user) const
{
    const TranscriptModel* transcript = m_pane->transcript();
    for (int row = transcript->rowCount() - 1; row >= 0; --row) {
        const TranscriptMessage& m = transcript->at(row);
        if (user ? m.isUser() : m.isAssistant())
            return row;
        if (!user)
            return -1; // the last message is the user's: nothing to regenerate
    }
    return -1;
}

int ChatActions::currentRow() const
{
    const ChatController* controller = m_pane->controller();
    const QAbstractItemModel* list = controller->conversationList();
    for (int row = 0; row < list->rowCount(); ++row) {
        if (list->index(row, 0).data(ChatController::IdRole).toLongLong() == controller->currentConversation())
            return row;
    }
    return -1;
}

void ChatActions::updateState()
{
    const ChatController* controller = m_pane->controller();
    const bool busy = controller->isBusy();
    m_stop->setEnabled(busy);
    m_regenerate->setEnabled(!busy && lastRow(false) >= 0);
    m_editLast->setEnabled(!busy && lastRow(true) >= 0);
    const int rows = controller->conversationList()->rowCount();
    const bool canStep = rows > 1 || (rows == 1 && currentRow() < 0);
    m_next->setEnabled(canStep);
    m_previous->setEnabled(canStep);
}

void ChatActions::step(int delta)
{
    ChatController* controller = m_pane->controller();
    const QAbstractItemModel* list = controller->conversationList();
    const int rows = list->rowCount();
    if (rows == 0)
        return;
    const int current = currentRow();
    // Not listed (yet): the first or last one, as if the open conversation were just outside the list.
    const int next = current < 0 ? (delta > 0 ? 0 : rows - 1) : ((current + delta) % rows + rows) % rows;
    if (next == current)
        return;
    controller->openConversation(list->index(next, 0).data(ChatController::IdRole).toLongLong());
}

} // namespace flarechat
