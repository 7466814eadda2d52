#include "ConversationSidebar.h"

#include "LanguageChange.h"
#include "Shortcuts.h"
#include "storage/ConversationStore.h"

#include <QAbstractItemModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

namespace flarechat {

namespace {
constexpr int kSearchDelayMs = 200;

// The list's rows as usual, with a small pin drawn at the right of pinned conversations.
class ConversationItemDelegate final : public QStyledItemDelegate
{
public:
    ConversationItemDelegate(int pinnedRole, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_pinnedRole(pinnedRole)
    {
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const bool pinned = index.data(m_pinnedRole).toBool();
        QStyleOptionViewItem opt(option);
        const int pin = opt.fontMetrics.height();
        if (pinned)
            opt.rect.setRight(opt.rect.right() - pin); // the title is elided before the pin
        QStyledItemDelegate::paint(painter, opt, index);
        if (!pinned)
            return;
        const bool selected = option.state & QStyle::State_Selected;
        const QColor color = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
        const QRectF box(option.rect.right() - pin + 2, option.rect.center().y() - pin / 2.0 + 2, pin - 6, pin - 4);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        if (selected)
            painter->fillRect(QRect(opt.rect.right() + 1, option.rect.top(), pin, option.rect.height()),
                option.palette.brush(QPalette::Highlight));
        painter->setPen(QPen(color, 1.5));
        painter->setBrush(color);
        // A push pin: round head, short needle.
        const QPointF head(box.center().x(), box.top() + box.height() * 0.3);
        painter->drawEllipse(head, box.width() * 0.3, box.width() * 0.3);
        painter->drawLine(head, QPointF(head.x(), box.bottom()));
        painter->restore();
    }

private:
    int m_pinnedRole;
};

constexpr int kMaxHits = 50;
constexpr int ConversationRole = Qt::UserRole + 1;
constexpr int MessageRole = Qt::UserRole + 2;
} // namespace

ConversationSidebar::ConversationSidebar(
    QAbstractItemModel* model, int idRole, int pinnedRole, ConversationStore* store, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_idRole(idRole)
    , m_pinnedRole(pinnedRole)
    , m_store(store)
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_stack(new QStackedWidget(this))
    , m_list(new QListView(this))
    , m_results(new QListWidget(this))
    , m_new(new QPushButton(this))
{
    setObjectName(QStringLiteral("sidebar"));
    m_new->setObjectName(QStringLiteral("newChatButton"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDelayMs);

    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long titles are elided instead
    m_list->setSpacing(2);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setItemDelegate(new ConversationItemDelegate(m_pinnedRole, m_list));

    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setFrameShape(QFrame::NoFrame);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->setWordWrap(true);

    m_stack->addWidget(m_list);
    m_stack->addWidget(m_results);
    retranslated(this, [this] {
        m_new->setText(tr("New chat"));
        m_new->setToolTip(tr("Start a new conversation (%1)").arg(Shortcuts::keysText(Shortcuts::Id::NewChat)));
        m_search->setPlaceholderText(tr("Search messages"));
        m_search->setAccessibleName(tr("Search messages"));
        m_list->setAccessibleName(tr("Conversations"));
        m_results->setAccessibleName(tr("Search results"));
        if (m_stack->currentWidget() == m_results)
            search(m_search->text()); // the words of "no match" and "New conversation"
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 8);
    layout->addWidget(m_new);
    layout->addWidget(m_search);
    layout->addWidget(m_stack, 1);

    connect(m_new, &QPushButton::clicked, this, &ConversationSidebar::newRequested);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            Q_EMIT conversationActivated(current.data(m_idRole).toLongLong());
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, &ConversationSidebar::showContextMenu);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        search(m_search->text());
        if (m_results->count() > 0)
            activateHit(0);
    });
    connect(m_results, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { activateHit(m_results->row(item)); });
    connect(m_results, &QListWidget::itemClicked, this,
        [this](QListWidgetItem* item) { activateHit(m_results->row(item)); });
}

ConversationSidebar::~ConversationSidebar() = default;

void ConversationSidebar::setCurrent(qint64 id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(m_idRole).toLongLong() == id) {
            if (m_list->currentIndex() != index)
                m_list->setCurrentIndex(index);
            return;
        }
    }
}

QList<QWidget*> ConversationSidebar::focusOrder() const
{
    return {m_new, m_search, m_list, m_results};
}

void ConversationSidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ConversationSidebar::search(const QString& text)
{
    m_searchTimer->stop();
    m_results->clear();
    if (text.trimmed().isEmpty()) {
        m_stack->setCurrentWidget(m_list);
        return;
    }
    m_stack->setCurrentWidget(m_results);
    const QList<SearchHit> hits = m_store->search(text, kMaxHits);
    if (hits.isEmpty()) {
        auto* none = new QListWidgetItem(tr("No messages match “%1”.").arg(text.trimmed()), m_results);
        none->setFlags(Qt::NoItemFlags);
        return;
    }
    QHash<qint64, QString> titles;
    for (const SearchHit& hit : hits) {
        if (!titles.contains(hit.conversationId)) {
            const auto s = m_store->summary(hit.conversationId);
            titles.insert(hit.conversationId, s && !s->title.isEmpty() ? s->title : tr("New conversation"));
        }
        auto* item = new QListWidgetItem(m_results);
        item->setData(ConversationRole, hit.conversationId);
        item->setData(MessageRole, hit.messageId);
        QString plain = hit.snippet;
        plain.remove(SearchHit::kMarkStart).remove(SearchHit::kMarkEnd);
        item->setData(Qt::AccessibleTextRole, titles.value(hit.conversationId) + QStringLiteral(": ") + plain);
        auto* label = new QLabel(QStringLiteral("<div style='font-weight:600'>%1</div><div>%2</div>")
                                     .arg(titles.value(hit.conversationId).toHtmlEscaped(), hit.snippetHtml()),
            m_results);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setMargin(4);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        item->setSizeHint(label->sizeHint());
        m_results->setItemWidget(item, label);
    }
}

void ConversationSidebar::activateHit(int row)
{
    QListWidgetItem* item = m_results->item(row);
    if (!item || !(item->flags() & Qt::ItemIsEnabled))
        return;
    Q_EMIT searchHitActivated(item->data(ConversationRole).toLongLong(), item->data(MessageRole).toLongLong());
}

bool ConversationSidebar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            search({});
            return true;
        }
        if (key->key() == Qt::Key_Down && m_results->isVisible() && m_results->count() > 0) {
            m_results->setFocus();
            m_results->setCurrentRow(0);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConversationSidebar::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid())
        return;
    const qint64 id = index.data(m_idRole).toLongLong();
    const bool pinned = index.data(m_pinnedRole).toBool();
    QMenu menu(this);
    menu.addAction(tr("Rename…"), this, [this, id] { Q_EMIT renameRequested(id); });
    menu.addAction(
        pinned ? tr("Unpin") : tr("Pin to top"), this, [this, id, pinned] { Q_EMIT pinRequested(id, !pinned); });
    menu.addAction(tr("Duplicate"), this, [this, id] { Q_EMIT duplicateRequested(id); });
    menu.addAction(tr("Export…"), this, [this, id] { Q_EMIT exportRequested(id); });
    menu.addSeparator();
    menu.addAction(tr("Delete"), this, [this, id] { Q_EMIT deleteRequested(id); });
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

} // namespace flarechat
