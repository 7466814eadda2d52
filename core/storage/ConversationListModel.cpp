#include "storage/ConversationListModel.h"

#include "storage/ConversationStore.h"

#include <algorithm>

namespace flarechat {

namespace {

// The store's order: pinned first, then updated descending, then id descending.
bool before(const ConversationSummary& a, const ConversationSummary& b)
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.updated != b.updated)
        return a.updated > b.updated;
    return a.id > b.id;
}

} // namespace

ConversationListModel::ConversationListModel(ConversationStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    if (m_store) {
        connect(m_store, &ConversationStore::conversationAdded, this, &ConversationListModel::onAdded);
        connect(m_store, &ConversationStore::conversationChanged, this, &ConversationListModel::onChanged);
        connect(m_store, &ConversationStore::conversationRemoved, this, &ConversationListModel::onRemoved);
        m_rows = m_store->conversations();
    }
}

ConversationListModel::~ConversationListModel() = default;

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConversationSummary& s = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return s.title.isEmpty() ? tr("New conversation") : s.title;
    case Qt::ToolTipRole:
        return s.preview;
    case IdRole:
        return s.id;
    case TitleRole:
        return s.title;
    case UpdatedRole:
        return s.updated;
    case PinnedRole:
        return s.pinned;
    case ModelRole:
        return s.model;
    case PreviewRole:
        return s.preview;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(TitleRole, "title");
    names.insert(UpdatedRole, "updated");
    names.insert(PinnedRole, "pinned");
    names.insert(ModelRole, "model");
    names.insert(PreviewRole, "preview");
    return names;
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == conversationId)
            return row;
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

void ConversationListModel::reload()
{
    beginResetModel();
    m_rows = m_store ? m_store->conversations() : QList<ConversationSummary>();
    endResetModel();
}

int ConversationListModel::insertionRow(const ConversationSummary& s) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), s, before);
    return static_cast<int>(it - m_rows.cbegin());
}

void ConversationListModel::onAdded(qint64 id)
{
    if (rowOf(id) >= 0) {
        onChanged(id);
        return;
    }
    const auto s = m_store->summary(id);
    if (!s)
        return;
    const int row = insertionRow(*s);
    beginInsertRows({}, row, row);
    m_rows.insert(row, *s);
    endInsertRows();
}

void ConversationListModel::onChanged(qint64 id)
{
    const int from = rowOf(id);
    if (from < 0) {
        onAdded(id);
        return;
    }
    const auto s = m_store->summary(id);
    if (!s) {
        onRemoved(id); // gone (deleted) between the change and now
        return;
    }
    // Where it belongs among the other rows.
    const ConversationSummary old = m_rows.takeAt(from);
    const int to = insertionRow(*s);
    m_rows.insert(from, old);
    if (to != from) {
        // beginMoveRows counts the destination before the move: moving down lands one further.
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_rows.move(from, to);
        endMoveRows();
    }
    m_rows[to] = *s;
    const QModelIndex changed = index(to);
    Q_EMIT dataChanged(changed, changed);
}

void ConversationListModel::onRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

} // namespace flarechat
