#include "ConversationSidebar.h"

#include <QAbstractItemModel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace flarechat {

ConversationSidebar::ConversationSidebar(QAbstractItemModel* model, int idRole, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_idRole(idRole)
    , m_list(new QListView(this))
    , m_new(new QPushButton(tr("New chat"), this))
{
    setObjectName(QStringLiteral("sidebar"));
    m_new->setObjectName(QStringLiteral("newChatButton"));
    m_new->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(model);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long titles are elided instead
    m_list->setSpacing(2);
    m_list->setAccessibleName(tr("Conversations"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 4, 8);
    layout->addWidget(m_new);
    layout->addWidget(m_list, 1);

    connect(m_new, &QPushButton::clicked, this, &ConversationSidebar::newRequested);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            emit conversationActivated(current.data(m_idRole).toLongLong());
    });
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

} // namespace flarechat
