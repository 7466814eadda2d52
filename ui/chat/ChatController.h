#pragma once

#include "storage/Conversation.h"
#include "transcript/TranscriptMessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class QStandardItemModel;
class QAbstractItemModel;

namespace flarechat {

class CompletionJob;
class Engine;
class TranscriptModel;
struct ApiError;

// What happens when the user sends, stops, retries, regenerates, edits or deletes: turns the
// open conversation into a ChatRequest for the Engine and feeds the reply into the transcript
// as it streams. One reply is written at a time; it keeps streaming into its own conversation
// when the user opens another one.
//
// Conversations live in memory for now (a list model for the sidebar and each conversation's
// messages); the SQLite conversation store takes their place when it lands.
class ChatController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatController)

public:
    ChatController(Engine* engine, TranscriptModel* transcript, QObject* parent = nullptr);
    ~ChatController() override;

    QAbstractItemModel* conversationList() const;
    static constexpr int IdRole = Qt::UserRole + 1; // of conversationList()

    void setDefaultModel(const QString& model) { m_defaultModel = model; }
    QString defaultModel() const { return m_defaultModel; }

    qint64 newConversation(); // opens it
    void openConversation(qint64 id);
    qint64 currentConversation() const { return m_current; }
    Conversation conversation() const; // the open one's settings
    void setModel(const QString& model);
    void setSystemPrompt(const QString& systemPrompt);
    void setParameters(const QJsonObject& parameters);
    void setDraft(const QString& draft);

    // Sends `text` as the user's next message (or, while editing, in place of the edited one).
    // Returns false, and leaves everything as it was, if a reply is still being written.
    bool send(const QString& text);
    void stop(); // cancels the reply being written; what arrived stays
    bool isBusy() const { return !m_job.isNull(); }
    void retry(int row); // an error reply: ask again
    void regenerate(int row); // an assistant reply: ask again for a new one
    void removeMessage(int row);
    QString messageText(int row) const;
    // Editing a user message: send() then replaces it (and what followed) with the new text.
    QString beginEdit(int row);
    void cancelEdit();
    bool isEditing() const { return m_editStoreId != 0; }

    static QString describeError(const ApiError& error);

Q_SIGNALS:
    void busyChanged(bool busy);
    // Text the user wrote that did not get an answer (the request failed): back into the composer.
    void draftRestored(const QString& text);
    void conversationOpened(qint64 id); // settings and draft of the open conversation changed
    void replyFinished(qint64 conversationId);

private:
    struct Thread
    {
        Conversation meta;
        QList<TranscriptMessage> messages; // kept here while another conversation is open
    };

    Thread& current();
    void saveCurrent();
    void startReply(const QString& restoreOnError); // a reply to the whole open conversation
    void finishJob();
    TranscriptMessage* offscreenMessage(); // the job's message while its conversation is not open
    void updateListRow(qint64 id);

    Engine* m_engine;
    TranscriptModel* m_transcript;
    QStandardItemModel* m_list;
    QHash<qint64, Thread> m_threads;
    qint64 m_current = 0;
    qint64 m_nextConversationId = 1;
    qint64 m_nextMessageId = 1;
    QString m_defaultModel = QStringLiteral("llama-4-scout");
    qint64 m_editStoreId = 0;

    QPointer<CompletionJob> m_job;
    qint64 m_jobConversation = 0;
    qint64 m_jobMessageId = 0;
    QString m_jobRestore; // the user's text, given back if the request fails
};

} // namespace flarechat
