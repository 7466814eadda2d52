#pragma once

#include <QWidget>

class QLabel;
class QToolButton;
class QPushButton;

namespace flarechat {

class ComposerEdit;

// The bottom of the chat: the message input with Send, which turns into Stop while a reply is
// being written. While editing an earlier message a line above the input says so, with Cancel.
class Composer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)

public:
    explicit Composer(QWidget* parent = nullptr);
    ~Composer() override;

    QString text() const;
    void setText(const QString& text); // replaces the draft, cursor at the end
    void clear();
    void setBusy(bool busy); // a reply is being written: Send becomes Stop
    bool isBusy() const { return m_busy; }
    void setEditing(bool editing); // shows "Editing a message" with Cancel
    bool isEditing() const { return m_editing; }
    void setSendOnEnter(bool sendOnEnter);
    ComposerEdit* edit() const { return m_edit; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* stopButton() const { return m_stop; }

Q_SIGNALS:
    void sendRequested(const QString& text);
    void stopRequested();
    void editCancelled();
    void textChanged();

private:
    void requestSend();

    ComposerEdit* m_edit;
    QPushButton* m_send;
    QPushButton* m_stop;
    QWidget* m_editBar;
    QLabel* m_editLabel;
    QToolButton* m_cancelEdit;
    bool m_busy = false;
    bool m_editing = false;
};

} // namespace flarechat
