#pragma once

#include <QWidget>

class QAbstractItemModel;
class QListView;
class QPushButton;

namespace flarechat {

// The conversation list on the left, newest first, with "New chat" above it.
class ConversationSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationSidebar)

public:
    // idRole: the role of `model` that holds a conversation's id (qint64).
    ConversationSidebar(QAbstractItemModel* model, int idRole, QWidget* parent = nullptr);
    ~ConversationSidebar() override;

    void setCurrent(qint64 id);
    QListView* list() const { return m_list; }

Q_SIGNALS:
    void conversationActivated(qint64 id);
    void newRequested();

private:
    QAbstractItemModel* m_model;
    int m_idRole;
    QListView* m_list;
    QPushButton* m_new;
};

} // namespace flarechat
