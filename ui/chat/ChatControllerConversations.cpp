// The conversation list's actions of ChatController (rename, pin, duplicate, delete and its undo,
// opening a search hit), apart from the sending and streaming in ChatController.cpp.
#include "ChatController.h"

#include "storage/ConversationListModel.h"
#include "storage/ConversationStore.h"
#include "transcript/TranscriptModel.h"
#include "workersai/CompletionJob.h"

namespace flarechat {

bool ChatController::renameConversation(qint64 id, const QString& title)
{
    if (!m_store->renameConversation(id, title.simplified())) {
        reportStoreError();
        return false;
    }
    if (id == m_current)
        m_meta.title = title.simplified();
    return true;
}

bool ChatController::setPinned(qint64 id, bool pinned)
{
    if (!m_store->setPinned(id, pinned)) {
        reportStoreError();
        return false;
    }
    return true;
}

std::optional<qint64> ChatController::duplicateConversation(qint64 id)
{
    saveDraft();
    const std::optional<qint64> copy = m_store->duplicateConversation(id);
    if (!copy) {
        reportStoreError();
        return std::nullopt;
    }
    openConversation(*copy);
    return copy;
}

bool ChatController::deleteConversation(qint64 id)
{
    const std::optional<Conversation> meta = m_store->conversation(id);
    if (!meta) {
        reportStoreError();
        return false;
    }
    if (m_job && m_jobConversation == id)
        stop();
    if (!m_store->deleteConversation(id)) {
        reportStoreError();
        return false;
    }
    if (id == m_current) {
        m_draftTimer.stop();
        m_current = 0;
        // The next one down the list, or an empty one.
        const QList<ConversationSummary> rest = m_store->conversations();
        if (rest.isEmpty())
            newConversation();
        else
            openConversation(rest.first().id);
    }
    Q_EMIT conversationDeleted(id, meta->title);
    return true;
}

bool ChatController::undoDelete(qint64 id)
{
    if (!m_store->undoDelete(id)) {
        reportStoreError();
        return false;
    }
    openConversation(id);
    return true;
}

bool ChatController::revealMessage(qint64 conversationId, qint64 messageId)
{
    if (!m_store->selectSibling(messageId)) {
        reportStoreError();
        return false;
    }
    if (conversationId == m_current) {
        cancelEdit();
        reloadTranscript();
    } else {
        openConversation(conversationId);
    }
    const int row = m_transcript->rowOfStoreId(messageId);
    if (row < 0)
        return false;
    Q_EMIT messageRevealed(row);
    return true;
}

} // namespace flarechat
