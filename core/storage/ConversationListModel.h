#pragma once

#include "storage/Conversation.h"

#include <QAbstractListModel>
#include <QList>
#include <QPointer>

namespace flarechat {

class ConversationStore;

// The conversation list of the sidebar: pinned conversations on top, then newest first. It
// follows the store's conversationAdded/Changed/Removed signals with row inserts, moves and
// removals (never a reset), so a view keeps its selection and scroll position.
class ConversationListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationListModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        TitleRole, // QString; may be empty (DisplayRole shows a placeholder then)
        UpdatedRole, // QDateTime, UTC
        PinnedRole, // bool
        ModelRole, // QString
        PreviewRole, // QString: the start of the latest message, on one line
    };
    Q_ENUM(Role)

    explicit ConversationListModel(ConversationStore* store, QObject* parent = nullptr);
    ~ConversationListModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(qint64 conversationId) const; // -1 if not listed
    qint64 idAt(int row) const; // 0 if out of range
    void reload(); // reads the whole list again (a model reset)

private:
    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);
    int insertionRow(const ConversationSummary& s) const; // where `s` belongs in the sorted list

    QPointer<ConversationStore> m_store;
    QList<ConversationSummary> m_rows;
};

} // namespace flarechat
