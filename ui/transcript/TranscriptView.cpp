#include "TranscriptView.h"

#include "TranscriptModel.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTextBrowser>

namespace flarechat {

namespace {
constexpr int kFollowSlack = 8; // pixels from the end that still count as "at the end"
constexpr int kRefineBudgetMs = 6;
} // namespace

TranscriptView::TranscriptView(QWidget* parent)
    : QListView(parent)
    , m_delegate(new TranscriptDelegate(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setAutoFillBackground(true);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Conversation"));

    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &TranscriptView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &TranscriptView::onScrolled);
    connect(m_delegate, &TranscriptDelegate::rowHeightCorrected, this,
        [this](const QModelIndex&) { scheduleDelayedItemsLayout(); });
    m_refineTimer.setInterval(10);
    connect(&m_refineTimer, &QTimer::timeout, this, &TranscriptView::refineSome);
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::setTranscript(TranscriptModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    setModel(model);
    if (!model)
        return;
    // A changed row may have a new height: lay out again (heights of other rows are cached, so
    // this costs a lookup per row, not a re-render).
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
        if (m_overlayRow >= from.row() && m_overlayRow <= to.row())
            endSelection();
        scheduleDelayedItemsLayout();
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { endSelection(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        endSelection();
        m_followEnd = true;
        restartRefining();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { restartRefining(); });
    restartRefining();
}

void TranscriptView::scrollToEnd()
{
    m_followEnd = true;
    m_adjusting = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_adjusting = false;
}

void TranscriptView::revealRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    executeDelayedItemsLayout();
    m_followEnd = false;
    m_adjusting = true;
    scrollTo(m_model->index(row), QAbstractItemView::PositionAtTop);
    m_adjusting = false;
    m_followEnd = verticalScrollBar()->value() >= verticalScrollBar()->maximum() - kFollowSlack;
}

void TranscriptView::onRangeChanged(int, int max)
{
    if (!m_followEnd)
        return;
    m_adjusting = true;
    verticalScrollBar()->setValue(max);
    m_adjusting = false;
}

void TranscriptView::onScrolled(int value)
{
    endSelection(); // the overlay would stay where the text was
    if (m_adjusting)
        return;
    m_followEnd = value >= verticalScrollBar()->maximum() - kFollowSlack;
}

void TranscriptView::doItemsLayout()
{
    // Keep the first visible message where it is while rows above it change height (estimates
    // being replaced by measurements), unless we follow the end anyway.
    QPersistentModelIndex anchor;
    int anchorTop = 0;
    if (!m_followEnd && m_model && m_model->rowCount() > 0) {
        anchor = indexAt(QPoint(viewport()->width() / 2, 1));
        if (anchor.isValid())
            anchorTop = visualRect(anchor).top();
    }
    m_adjusting = true;
    QListView::doItemsLayout();
    if (m_followEnd) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    } else if (anchor.isValid()) {
        const int delta = visualRect(anchor).top() - anchorTop;
        if (delta != 0)
            verticalScrollBar()->setValue(verticalScrollBar()->value() + delta);
    }
    m_adjusting = false;
}

void TranscriptView::restartRefining()
{
    m_refineCursor = m_model ? m_model->rowCount() - 1 : -1;
    if (m_refineCursor >= 0)
        m_refineTimer.start();
}

void TranscriptView::refineSome()
{
    if (!m_model || m_refineCursor < 0) {
        m_refineTimer.stop();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    bool changed = false;
    m_refineCursor = qMin(m_refineCursor, m_model->rowCount() - 1);
    while (m_refineCursor >= 0 && clock.elapsed() < kRefineBudgetMs) {
        const QModelIndex index = m_model->index(m_refineCursor);
        changed |= m_delegate->refineRow(optionFor(index), index);
        --m_refineCursor;
    }
    if (m_refineCursor < 0)
        m_refineTimer.stop();
    if (changed)
        scheduleDelayedItemsLayout();
}

QStyleOptionViewItem TranscriptView::optionFor(const QModelIndex& index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

QRect TranscriptView::actionRect(int row, TranscriptDelegate::Action action)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    executeDelayedItemsLayout();
    const QModelIndex index = m_model->index(row);
    const QStyleOptionViewItem option = optionFor(index);
    const QRect r = m_delegate->actionRect(option, index, action);
    return r.isValid() ? r.translated(option.rect.topLeft()) : QRect();
}

void TranscriptView::trigger(int row, TranscriptDelegate::Action action)
{
    using Action = TranscriptDelegate::Action;
    switch (action) {
    case Action::Copy:
        Q_EMIT copyRequested(row);
        break;
    case Action::Regenerate:
        Q_EMIT regenerateRequested(row);
        break;
    case Action::Edit:
        Q_EMIT editRequested(row);
        break;
    case Action::Delete:
        Q_EMIT deleteRequested(row);
        break;
    case Action::Retry:
        Q_EMIT retryRequested(row);
        break;
    case Action::Continue:
        Q_EMIT continueRequested(row);
        break;
    case Action::PreviousVersion:
        Q_EMIT versionRequested(row, -1);
        break;
    case Action::NextVersion:
        Q_EMIT versionRequested(row, +1);
        break;
    case Action::ToggleThinking:
        if (m_model)
            m_model->toggleThinking(row);
        break;
    case Action::None:
    case Action::CopyCode: // needs the code: handled where the click is hit-tested
    case Action::Link:
        break;
    }
}

void TranscriptView::resizeEvent(QResizeEvent* event)
{
    endSelection();
    m_delegate->setWidth(viewport()->width());
    QListView::resizeEvent(event);
    restartRefining();
}

void TranscriptView::setHoveredRow(int row)
{
    if (m_delegate->hoveredRow() == row)
        return;
    const int old = m_delegate->hoveredRow();
    m_delegate->setHoveredRow(row);
    if (m_model) {
        if (old >= 0 && old < m_model->rowCount())
            viewport()->update(visualRect(m_model->index(old)));
        if (row >= 0)
            viewport()->update(visualRect(m_model->index(row)));
    }
}

TranscriptDelegate::Hit TranscriptView::hitAt(const QModelIndex& index, const QPoint& viewportPos) const
{
    const QStyleOptionViewItem option = optionFor(index);
    return m_delegate->hitTest(option, index, viewportPos - option.rect.topLeft());
}

void TranscriptView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_forwarding && (event->buttons() & Qt::LeftButton)) {
        forwardToOverlay(event);
        return;
    }
    const QModelIndex index = indexAt(event->position().toPoint());
    setHoveredRow(index.isValid() ? index.row() : -1);
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (index.isValid()) {
        const auto hit = hitAt(index, event->position().toPoint());
        if (hit.action != TranscriptDelegate::Action::None)
            shape = Qt::PointingHandCursor;
    }
    viewport()->setCursor(shape);
    QListView::mouseMoveEvent(event);
}

void TranscriptView::mousePressEvent(QMouseEvent* event)
{
    // Clicks on actions are handled on release; a press on text starts selecting it.
    event->accept();
    endSelection();
    if (event->button() != Qt::LeftButton || !m_model)
        return;
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid())
        return;
    const auto hit = hitAt(index, event->position().toPoint());
    if (hit.action == TranscriptDelegate::Action::None && beginSelection(index, event))
        m_forwarding = true;
}

bool TranscriptView::beginSelection(const QModelIndex& index, QMouseEvent* press)
{
    const QStyleOptionViewItem option = optionFor(index);
    const TranscriptDelegate::TextArea area = m_delegate->textArea(option, index);
    const QRect rect = area.rect.translated(option.rect.topLeft());
    if (!area.document || !rect.contains(press->position().toPoint()))
        return false;
    auto* overlay = new QTextBrowser(viewport());
    overlay->setObjectName(QStringLiteral("selectionOverlay"));
    overlay->setFrameShape(QFrame::NoFrame);
    overlay->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    overlay->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    overlay->setOpenExternalLinks(true);
    overlay->setContextMenuPolicy(Qt::DefaultContextMenu);
    overlay->viewport()->setAutoFillBackground(false);
    overlay->setAttribute(Qt::WA_TranslucentBackground);
    overlay->setStyleSheet(QStringLiteral("QTextBrowser { background: transparent; }"));
    QTextDocument* copy = area.document->clone(overlay);
    copy->setTextWidth(rect.width());
    overlay->setDocument(copy);
    overlay->setGeometry(rect);
    overlay->show();
    m_overlay = overlay;
    m_overlayRow = index.row();
    m_delegate->setOverlaidRow(m_overlayRow);
    viewport()->update(visualRect(index));
    overlay->installEventFilter(this);
    overlay->setFocus(Qt::MouseFocusReason);
    forwardToOverlay(press);
    return true;
}

void TranscriptView::forwardToOverlay(QMouseEvent* event)
{
    if (!m_overlay)
        return;
    const QPointF local = event->position() - QPointF(m_overlay->geometry().topLeft());
    QMouseEvent copy(event->type(), local, event->scenePosition(), event->globalPosition(), event->button(),
        event->buttons(), event->modifiers(), event->pointingDevice());
    QCoreApplication::sendEvent(m_overlay->viewport(), &copy);
}

bool TranscriptView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_overlay) {
        if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            event->accept(); // Esc is the overlay's, not the window's "stop"
            return true;
        }
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            endSelection();
            setFocus();
            return true;
        }
        if (event->type() == QEvent::FocusOut && static_cast<QFocusEvent*>(event)->reason() != Qt::PopupFocusReason)
            QMetaObject::invokeMethod(this, &TranscriptView::endSelection, Qt::QueuedConnection);
    }
    return QListView::eventFilter(watched, event);
}

void TranscriptView::endSelection()
{
    m_forwarding = false;
    if (!m_overlay && m_overlayRow < 0)
        return;
    if (m_overlay)
        m_overlay->deleteLater();
    m_overlay = nullptr;
    m_delegate->setOverlaidRow(-1);
    if (m_model && m_overlayRow >= 0 && m_overlayRow < m_model->rowCount())
        viewport()->update(visualRect(m_model->index(m_overlayRow)));
    m_overlayRow = -1;
}

void TranscriptView::mouseDoubleClickEvent(QMouseEvent* event)
{
    event->accept();
}

void TranscriptView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_forwarding) {
        forwardToOverlay(event);
        m_forwarding = false;
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QModelIndex index = indexAt(event->position().toPoint());
    if (!index.isValid())
        return;
    const auto hit = hitAt(index, event->position().toPoint());
    if (hit.action == TranscriptDelegate::Action::CopyCode) {
        QGuiApplication::clipboard()->setText(hit.text);
        Q_EMIT codeCopied(index.row());
        return;
    }
    if (hit.action == TranscriptDelegate::Action::Link) {
        Q_EMIT linkActivated(hit.link);
        QDesktopServices::openUrl(hit.link);
        return;
    }
    trigger(index.row(), hit.action);
}

void TranscriptView::leaveEvent(QEvent* event)
{
    setHoveredRow(-1);
    QListView::leaveEvent(event);
}

void TranscriptView::contextMenuEvent(QContextMenuEvent* event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || !m_model)
        return;
    const int row = index.row();
    QMenu menu(this);
    const auto actions = m_delegate->actionsFor(m_model->at(row));
    for (const auto action : actions) {
        menu.addAction(TranscriptDelegate::actionText(action), this, [this, row, action] { trigger(row, action); });
    }
    if (m_model->at(row).state == TranscriptMessage::State::Error) {
        menu.addAction(TranscriptDelegate::actionText(TranscriptDelegate::Action::Retry), this,
            [this, row] { trigger(row, TranscriptDelegate::Action::Retry); });
    }
    const TranscriptMessage& m = m_model->at(row);
    if (m.branchCount > 1) {
        menu.addSeparator();
        QAction* previous = menu.addAction(TranscriptDelegate::actionText(TranscriptDelegate::Action::PreviousVersion),
            this, [this, row] { trigger(row, TranscriptDelegate::Action::PreviousVersion); });
        previous->setEnabled(m.branchIndex > 1);
        QAction* next = menu.addAction(TranscriptDelegate::actionText(TranscriptDelegate::Action::NextVersion), this,
            [this, row] { trigger(row, TranscriptDelegate::Action::NextVersion); });
        next->setEnabled(m.branchIndex < m.branchCount);
    }
    if (!menu.isEmpty())
        menu.exec(event->globalPos());
}

void TranscriptView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        setAccessibleName(tr("Conversation"));
    // The delegate's cached layouts hold the words of the buttons and the meta line too.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::LanguageChange) {
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
        restartRefining();
    }
    QListView::changeEvent(event);
}

} // namespace flarechat
