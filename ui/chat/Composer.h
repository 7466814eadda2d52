#pragma once

#include "Attachments.h"

#include <QJsonArray>
#include <QList>
#include <QWidget>

class QLabel;
class QLayout;
class QMimeData;
class QToolButton;
class QPushButton;

namespace flarechat {

class ComposerEdit;

// The bottom of the chat: the message input with Send, which turns into Stop while a reply is
// being written. While editing an earlier message a line above the input says so, with Cancel.
//
// Attachments (images, text files) come from the paperclip button's file dialog, from files
// dropped on the composer and from pasted images or files. They wait as removable chips above
// the input and go out with the text; a message may be attachments only. A file that cannot be
// attached is not added, and the notice line under the chips says why.
class Composer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)

public:
    explicit Composer(QWidget* parent = nullptr);
    ~Composer() override;

    QString text() const;
    void setText(const QString& text); // replaces the draft, cursor at the end
    void clear(); // the text, the attachments and the notice

    QJsonArray attachments() const; // in the form ChatController::send() takes
    int attachmentCount() const { return int(m_attachments.size()); }
    // Attaches files (what the file dialog does). Refused files are named in the notice; returns
    // how many were attached.
    int addFiles(const QStringList& paths);
    int addImage(const QImage& image); // as if pasted
    int addMimeData(const QMimeData* data); // pasted or dropped: files or an image
    void removeAttachment(int index);
    void clearAttachments();
    // What is attached, whole (for keeping while another conversation is open), and putting it back.
    QList<Attachment> pendingAttachments() const { return m_attachments; }
    void setPendingAttachments(const QList<Attachment>& attachments);

    // A warning line above the input ("...cannot see images"); cleared when the attachments
    // change or the composer is cleared.
    void showNotice(const QString& text);
    void clearNotice();
    QString notice() const;

    void setBusy(bool busy); // a reply is being written: Send becomes Stop
    bool isBusy() const { return m_busy; }
    void setEditing(bool editing); // shows "Editing a message" with Cancel
    bool isEditing() const { return m_editing; }
    void setSendOnEnter(bool sendOnEnter);
    ComposerEdit* edit() const { return m_edit; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* stopButton() const { return m_stop; }
    QToolButton* attachButton() const { return m_attach; }
    QWidget* attachmentStrip() const { return m_strip; }
    QList<QWidget*> focusOrder() const; // its controls in the order Tab visits them

Q_SIGNALS:
    void sendRequested(const QString& text, const QJsonArray& attachments);
    void stopRequested();
    void editCancelled();
    void textChanged();
    void attachmentsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void retranslate();
    void requestSend();
    void chooseFiles();
    int addAttachments(const QList<Attachment>& attachments);
    QWidget* makeChip(const Attachment& attachment);

    ComposerEdit* m_edit;
    QPushButton* m_send;
    QPushButton* m_stop;
    QWidget* m_editBar;
    QLabel* m_editLabel;
    QToolButton* m_cancelEdit;
    QToolButton* m_attach;
    QWidget* m_strip; // the chips
    QLayout* m_stripLayout;
    QLabel* m_notice;
    QList<Attachment> m_attachments;
    QList<QWidget*> m_chips; // one per attachment, same order
    QString m_lastDir; // where the file dialog opens
    bool m_busy = false;
    bool m_editing = false;
};

} // namespace flarechat
