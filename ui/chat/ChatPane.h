#pragma once

#include "Attachments.h"
#include "ExamplePrompts.h"

#include "workersai/ModelCatalog.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QWidget>

class QFrame;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace flarechat {

class ChatController;
class Composer;
class ConversationOptions;
class ConversationStore;
class Engine;
class ModelPicker;
class ModelCatalog;
class TranscriptModel;
class TranscriptView;

// The right side of the window: the open conversation's model and options on top, the
// transcript, and the composer. Connects the widgets to the ChatController.
class ChatPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatPane)

public:
    ChatPane(Engine* engine, ConversationStore* store, QWidget* parent = nullptr);
    ~ChatPane() override;

    void setCatalog(const ModelCatalog& catalog);
    void setSendOnEnter(bool sendOnEnter);
    // Shown instead of the empty transcript (e.g. "connect your Cloudflare account first").
    void setNotice(const QString& richText);
    // Example questions under the empty transcript (the first chat after setup); a click puts one
    // into the composer. Shown in every empty conversation until replaced (an empty list: none).
    void setExamplePrompts(const QList<ExamplePrompts::Prompt>& prompts);

    ChatController* controller() const { return m_controller; }
    TranscriptModel* transcript() const { return m_transcript; }
    TranscriptView* transcriptView() const { return m_view; }
    Composer* composer() const { return m_composer; }
    ModelPicker* modelPicker() const { return m_picker; }
    ConversationOptions* options() const { return m_options; }
    QFrame* holdBar() const { return m_holdBar; }
    QList<QWidget*> focusOrder() const; // its controls in the order Tab visits them (top to bottom)

private:
    QWidget* createHoldBar();
    void showHold(bool held, const QDateTime& until);
    void loadConversation();
    void updateEmptyState();
    void copyMessage(int row);
    void editMessage(int row);
    void cancelEdit();
    void retry(int row);
    // Why `attachments` cannot go to the open conversation's model (images to a model without
    // vision), or an empty string.
    QString attachmentRefusal(const QJsonArray& attachments) const;

    TranscriptModel* m_transcript;
    ChatController* m_controller;
    ModelPicker* m_picker;
    QToolButton* m_optionsButton;
    ConversationOptions* m_options;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QWidget* m_examples; // the example prompts' buttons, under m_empty
    TranscriptView* m_view;
    Composer* m_composer;
    QFrame* m_holdBar = nullptr; // "Free allocation used up until …: your message waits"
    QLabel* m_holdText = nullptr;
    QDateTime m_heldUntil;
    QString m_notice;
    ModelCatalog m_catalog; // which models have vision
    QString m_draftBeforeEdit;
    // Attachments not sent yet, per conversation, while another one is open (for this session).
    QHash<qint64, QList<Attachment>> m_pendingAttachments;
    qint64 m_shownConversation = 0;
};

} // namespace flarechat
