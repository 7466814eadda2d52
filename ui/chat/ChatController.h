#pragma once

#include "QuotaHold.h"

#include "storage/Conversation.h"
#include "storage/ConversationStore.h"
#include "transcript/TranscriptMessage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QAbstractItemModel;

namespace flarechat {

class CompletionJob;
class ConversationListModel;
class Engine;
class QuotaHold;
class TranscriptModel;
struct ApiError;

// What happens when the user sends, stops, retries, regenerates, continues, edits or deletes:
// turns the open conversation (its active branch in the ConversationStore) into a ChatRequest
// for the Engine and feeds the reply into the store and the transcript as it streams.
//
// The store is the truth: every message is written before it is shown, a reply is saved as it
// grows, and the transcript is rebuilt from the store's active path whenever the branch changes.
// One reply is written at a time; it keeps streaming into its own conversation when the user
// opens another one. A failed write leaves the user's text in the composer and says why
// (storeError).
class ChatController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatController)

public:
    // `store` must be open; it outlives the controller.
    ChatController(Engine* engine, TranscriptModel* transcript, ConversationStore* store, QObject* parent = nullptr);
    ~ChatController() override;

    QAbstractItemModel* conversationList() const; // a ConversationListModel
    static const int IdRole; // of conversationList()
    ConversationStore* store() const { return m_store; }

    void setDefaultModel(const QString& model) { m_defaultModel = model; }
    QString defaultModel() const { return m_defaultModel; }

    // Opens an empty conversation: the newest one that has no messages yet, or a new one.
    qint64 newConversation();
    void openConversation(qint64 id);
    qint64 currentConversation() const { return m_current; }
    Conversation conversation() const { return m_meta; } // the open one's settings and draft
    void setModel(const QString& model);
    void setSystemPrompt(const QString& systemPrompt);
    void setParameters(const QJsonObject& parameters);
    void setDraft(const QString& draft); // written after a short pause, and when leaving
    void saveDraft(); // now
    // The composer's attachments, saved with the draft at once (a restart brings them back).
    void setDraftAttachments(const QJsonArray& attachments);

    // Sends `text` (with `attachments`, see StoredMessage) as the user's next message, or,
    // while editing, as a new version of the edited one. Returns false, and leaves everything
    // as it was, if a reply is still being written or the message could not be saved.
    bool send(const QString& text, const QJsonArray& attachments = {});
    void stop(); // cancels the reply being written; what arrived stays, marked stopped
    bool isBusy() const { return !m_job.isNull() || isHeld(); }
    // A reply waiting for today's free allocation (QuotaHold): it goes out by itself at the reset
    // or when Workers AI answers again; stop() gives it up, tryHeldNow() tries at once.
    bool isHeld() const;
    QDateTime heldUntil() const;
    void tryHeldNow();
    // The held question (conversation, message id), for the window to keep across a restart.
    std::optional<QuotaHold::Held> heldQuestion() const;
    // A question held when FlareChat last quit: asked now if it is still there and unanswered
    // (an allocation still used up holds it again). False when there is nothing to ask.
    bool resumeHeld(const QuotaHold::Held& held);
    void retry(int row); // a failed or stopped reply: ask again in its place
    void regenerate(int row); // an assistant reply: ask again for another version beside it
    void continueReply(int row); // a stopped reply: ask the model to go on from where it stopped
    void switchBranch(int row, int step); // ◀ (-1) / ▶ (+1) among the versions of a message
    // The message and every reply below it; undoable: messagesDeleted(), then undoRemoveMessage().
    void removeMessage(int row);
    bool undoRemoveMessage(); // the last removal; opens its conversation with it on the path
    QString messageText(int row) const;
    // Editing a user message: send() then adds the new text as another version of it.
    QString beginEdit(int row);
    void cancelEdit();
    bool isEditing() const { return m_editStoreId != 0; }

    // The conversation list's actions.
    bool renameConversation(qint64 id, const QString& title);
    bool setPinned(qint64 id, bool pinned);
    std::optional<qint64> duplicateConversation(qint64 id); // opens the copy
    bool deleteConversation(qint64 id); // undoable: conversationDeleted() then undoDelete()
    bool undoDelete(qint64 id);
    // Opens `conversationId` with `messageId` on the active path (a search hit on any branch)
    // and emits messageRevealed() with its row.
    bool revealMessage(qint64 conversationId, qint64 messageId);
    // The open conversation as OpenAI messages (for copying as Markdown, export...).
    QList<StoredMessage> activePath() const;

Q_SIGNALS:
    void busyChanged(bool busy);
    // What the user wrote that did not get an answer (the request failed): back into the composer.
    void draftRestored(const QString& text, const QJsonArray& attachments);
    void conversationOpened(qint64 id); // settings and draft of the open conversation changed
    void replyFinished(qint64 conversationId);
    void conversationDeleted(qint64 id, const QString& title);
    void messagesDeleted(int count); // removeMessage(): the message and its replies
    void messageRevealed(int row);
    // Saving or reading failed; a sentence for the user (e.g. "Saving the message failed: the disk is full").
    void storeError(const QString& message);
    // Something the user should know about the reply that is starting (a retired model replaced).
    void notice(const QString& message);
    // A reply began or stopped waiting for the free allocation (until: its reset, UTC).
    void holdChanged(bool held, const QDateTime& until);

private:
    void reloadTranscript();
    // A reply in `conversation` (its settings) to the message `parentId`.
    void startReply(const Conversation& conversation, qint64 parentId, const QString& restoreOnError,
        const QJsonArray& restoreAttachments = {}, qint64 continueId = 0);
    // Workers AI said the allocation is used up before this new reply began: it waits instead.
    void holdReply(qint64 conversation, qint64 parentId, const ApiError& error);
    void finishJob();
    void reportStoreError();
    qint64 lastStoreId() const;
    bool isCurrentJobRow(int row) const;
    void applySettings();

    Engine* m_engine;
    TranscriptModel* m_transcript;
    ConversationStore* m_store;
    ConversationListModel* m_list;
    qint64 m_current = 0;
    Conversation m_meta;
    QTimer m_draftTimer;
    QString m_defaultModel = QStringLiteral("llama-4-scout");
    qint64 m_editStoreId = 0;
    ConversationStore::DeletedMessages m_removed; // the last removeMessage(), for its undo

    QuotaHold* m_hold;
    QPointer<CompletionJob> m_job;
    qint64 m_jobConversation = 0;
    qint64 m_jobMessageId = 0;
    QString m_jobRestore; // the user's text, given back if the request fails
    QJsonArray m_jobRestoreAttachments;
    QString m_jobPrefixContent; // Continue: what the reply held before this request
    QString m_jobPrefixReasoning;
    QElapsedTimer m_jobClock;
    qint64 m_jobTtftMs = -1;
};

} // namespace flarechat
