#include "storage/StreamingBuffer.h"

#include "openai/ChatJson.h"
#include "storage/StoreConnection.h"
#include "storage/StoreRows.h"
#include "storage/WriteTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace flarechat {

using namespace StoreRows;

namespace {

constexpr int kDefaultFlushMs = 250;

} // namespace

StreamingBuffer::StreamingBuffer(const StoreConnection& connection, FailureHandler onTimedWriteFailed)
    : m_connection(connection)
    , m_onTimedWriteFailed(std::move(onTimedWriteFailed))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultFlushMs);
    // The timer is a member: it cannot fire after this object is gone.
    QObject::connect(&m_timer, &QTimer::timeout, [this] { flush(true); });
}

void StreamingBuffer::open(qint64 messageId)
{
    m_open.insert(messageId);
}

void StreamingBuffer::append(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta)
{
    if (contentDelta.isEmpty() && reasoningDelta.isEmpty())
        return;
    Delta& p = m_pending[messageId];
    p.content += contentDelta;
    p.reasoning += reasoningDelta;
    // Single-shot and not restarted by later deltas: a steady stream is written every interval.
    if (!m_timer.isActive())
        m_timer.start();
}

bool StreamingBuffer::flush(bool fromTimer)
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return true;
    const QString action = tr("Saving the reply");
    WriteTransaction tx(m_connection.db());
    QSqlQuery q(m_connection.db());
    bool ok = tx.isActive();
    QSqlError error = tx.error();
    if (ok) {
        q.prepare(QStringLiteral(
            "UPDATE messages SET content = content || :content, reasoning = reasoning || :reasoning WHERE id = :id"));
        for (auto it = m_pending.cbegin(); ok && it != m_pending.cend(); ++it) {
            q.bindValue(QStringLiteral(":content"), textValue(it->content));
            q.bindValue(QStringLiteral(":reasoning"), textValue(it->reasoning));
            q.bindValue(QStringLiteral(":id"), it.key());
            ok = q.exec();
            if (!ok)
                error = q.lastError();
        }
    }
    if (ok) {
        ok = tx.commit();
        if (!ok)
            error = tx.error();
    }
    if (!ok) {
        // Keep the text: it is written with the next delta or at finish, once the cause is gone.
        m_connection.fail(action, error);
        if (fromTimer && m_onTimedWriteFailed)
            m_onTimedWriteFailed(m_connection.lastError());
        return false;
    }
    m_pending.clear();
    return true;
}

void StreamingBuffer::addPendingTo(StoredMessage& message) const
{
    const auto pending = m_pending.constFind(message.id);
    if (pending != m_pending.cend()) {
        message.content += pending->content;
        message.reasoning += pending->reasoning;
    }
}

void StreamingBuffer::close(qint64 messageId)
{
    m_pending.remove(messageId);
    m_open.remove(messageId);
}

std::optional<qint64> StreamingBuffer::complete(
    qint64 messageId, const ChatResult& result, const MessageTimings& timings, const QString& action)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT conversation_id, content, reasoning FROM messages WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), std::nullopt;
    if (!q.next())
        return m_connection.fail(tr("%1 failed: the message no longer exists").arg(action)), std::nullopt;
    const qint64 conversationId = q.value(0).toLongLong();
    const Delta pending = m_pending.value(messageId);
    const QString content = result.content.isEmpty() ? q.value(1).toString() + pending.content : result.content;
    const QString reasoning = result.reasoning.isEmpty() ? q.value(2).toString() + pending.reasoning : result.reasoning;
    q.finish();

    q.prepare(QStringLiteral("UPDATE messages SET content = :content, reasoning = :reasoning, usage = :usage,"
                             " ttft_ms = :ttft_ms, duration_ms = :duration_ms, tokens_per_second = :tokens_per_second,"
                             " tool_calls = :tool_calls, finish_reason = :finish_reason, error = '',"
                             " state = 'complete' WHERE id = :id"));
    q.bindValue(QStringLiteral(":content"), textValue(content));
    q.bindValue(QStringLiteral(":reasoning"), textValue(reasoning));
    q.bindValue(QStringLiteral(":usage"), usageOrNull(result.usage));
    q.bindValue(QStringLiteral(":ttft_ms"), msOrNull(timings.ttftMs));
    q.bindValue(QStringLiteral(":duration_ms"), msOrNull(timings.durationMs));
    q.bindValue(QStringLiteral(":tokens_per_second"), rateOrNull(timings.tokensPerSecond));
    q.bindValue(QStringLiteral(":tool_calls"), jsonText(ChatJson::toolCalls(result.toolCalls)));
    q.bindValue(QStringLiteral(":finish_reason"), textValue(result.finishReason));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError()), std::nullopt;
    return conversationId;
}

bool StreamingBuffer::end(qint64 messageId, MessageState state, const QString& error, const QString& action)
{
    QSqlQuery q(m_connection.db());
    const Delta pending = m_pending.value(messageId);
    q.prepare(QStringLiteral("UPDATE messages SET content = content || :content, reasoning = reasoning || :reasoning,"
                             " error = :error, state = :state WHERE id = :id"));
    q.bindValue(QStringLiteral(":content"), textValue(pending.content));
    q.bindValue(QStringLiteral(":reasoning"), textValue(pending.reasoning));
    q.bindValue(QStringLiteral(":error"), textValue(error));
    q.bindValue(QStringLiteral(":state"), messageStateName(state));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    return true;
}

bool StreamingBuffer::reopen(qint64 messageId, const QString& action)
{
    WriteTransaction tx(m_connection.db());
    if (!tx.isActive())
        return m_connection.fail(action, tx.error());
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE messages SET state = 'streaming', error = '' WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), messageId);
    if (!q.exec())
        return m_connection.fail(action, q.lastError());
    if (q.numRowsAffected() == 0)
        return m_connection.fail(tr("%1 failed: the message no longer exists").arg(action));
    if (!tx.commit())
        return m_connection.fail(action, tx.error());
    open(messageId);
    return true;
}

void StreamingBuffer::interruptOpen()
{
    flush();
    if (m_open.isEmpty())
        return;
    WriteTransaction tx(m_connection.db());
    if (!tx.isActive())
        return;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE id = :id AND state = 'streaming'"));
    for (qint64 id : std::as_const(m_open)) {
        q.bindValue(QStringLiteral(":id"), id);
        q.exec();
    }
    tx.commit();
}

bool StreamingBuffer::interruptAbandoned(const StoreConnection& connection, const QString& action)
{
    WriteTransaction tx(connection.db());
    QSqlQuery q(connection.db());
    if (!tx.isActive() || !q.exec(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'"))
        || !tx.commit())
        return connection.fail(action, tx.isActive() ? q.lastError() : tx.error());
    if (q.numRowsAffected() > 0)
        qCInfo(lcStore) << q.numRowsAffected() << "reply(ies) marked interrupted";
    return true;
}

} // namespace flarechat
