#pragma once

#include "storage/Conversation.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

namespace flarechat {

class StoreConnection;

// Puts streamed replies on disk without a write per token. Deltas are held in memory and
// written behind, all in one transaction, at most every interval(), so a killed process loses
// only the last fraction of a second; the write that ends a stream (complete, error, stopped)
// takes whatever is still held. It remembers which replies this store has open, so that those
// still open when the store goes away are marked interrupted, and it marks interrupted the
// replies a dead process left streaming. The end-of-stream writes run inside the caller's
// transaction; failures go to the connection's lastError().
class StreamingBuffer final
{
    // The sentences are the store's: they keep its translation context.
    Q_DECLARE_TR_FUNCTIONS(flarechat::ConversationStore)

public:
    struct Delta
    {
        QString content;
        QString reasoning;
    };
    // A timed write failed (the deltas are kept and written later); the connection's lastError().
    using FailureHandler = std::function<void(const QString& error)>;

    StreamingBuffer(const StoreConnection& connection, FailureHandler onTimedWriteFailed);
    StreamingBuffer(const StreamingBuffer&) = delete;
    StreamingBuffer& operator=(const StreamingBuffer&) = delete;

    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }

    void open(qint64 messageId); // this store streams into it now
    void append(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta);
    // Writes every held delta now; on failure keeps them. `fromTimer` reports the failure to
    // the handler too, as no caller is there to see the result.
    bool flush(bool fromTimer = false);
    bool hasPending() const { return !m_pending.isEmpty(); }
    void addPendingTo(StoredMessage& message) const; // the text not written yet, appended
    // Finished, failed, stopped or deleted: nothing more will be written for it.
    void close(qint64 messageId);

    // The stream's last write, inside the caller's transaction. complete(): `result`
    // content/reasoning replace the text when non-empty, else the held deltas are appended;
    // the conversation's id. end(): appends the held deltas, sets `state` and `error`.
    std::optional<qint64> complete(
        qint64 messageId, const ChatResult& result, const MessageTimings& timings, const QString& action);
    bool end(qint64 messageId, MessageState state, const QString& error, const QString& action);
    // Continue after an interruption: the message streams again (in its own transaction).
    bool reopen(qint64 messageId, const QString& action);

    // When the store goes away: writes what is held, and the replies still open become
    // interrupted (the next start offers Continue).
    void interruptOpen();
    // When a store opens: replies still streaming were being written by a process that is gone.
    static bool interruptAbandoned(const StoreConnection& connection, const QString& action);

private:
    const StoreConnection& m_connection;
    FailureHandler m_onTimedWriteFailed;
    QTimer m_timer;
    QHash<qint64, Delta> m_pending; // message id → text not yet written
    QSet<qint64> m_open; // replies this store began or resumed and has not ended
};

} // namespace flarechat
