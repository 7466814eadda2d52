#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace flarechat {

class ConversationStore;

// The left side of the window: "New chat", a search field, and the conversation list (pinned
// on top, then newest first). Typing in the search field replaces the list with full-text hits
// over every message, the matched words in bold; activating a hit opens its conversation at
// that message. Each conversation has a context menu: rename, pin, duplicate, export, delete.
class ConversationSidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationSidebar)

public:
    // idRole: the role of `model` that holds a conversation's id (qint64); pinnedRole its pin.
    ConversationSidebar(
        QAbstractItemModel* model, int idRole, int pinnedRole, ConversationStore* store, QWidget* parent = nullptr);
    ~ConversationSidebar() override;

    void setCurrent(qint64 id);
    QListView* list() const { return m_list; }
    QLineEdit* searchField() const { return m_search; }
    QListWidget* searchResults() const { return m_results; }
    QList<QWidget*> focusOrder() const; // its controls in the order Tab visits them
    void search(const QString& text); // at once (typing waits for a pause)
    void focusSearch();

Q_SIGNALS:
    void conversationActivated(qint64 id);
    void newRequested();
    void searchHitActivated(qint64 conversationId, qint64 messageId);
    void renameRequested(qint64 id);
    void pinRequested(qint64 id, bool pinned);
    void duplicateRequested(qint64 id);
    void exportRequested(qint64 id);
    void deleteRequested(qint64 id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showContextMenu(const QPoint& pos);
    void activateHit(int row);

    QAbstractItemModel* m_model;
    int m_idRole;
    int m_pinnedRole;
    ConversationStore* m_store;
    QLineEdit* m_search;
    QTimer* m_searchTimer;
    QStackedWidget* m_stack;
    QListView* m_list;
    QListWidget* m_results;
    QPushButton* m_new;
};

} // namespace flarechat
