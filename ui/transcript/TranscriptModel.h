#pragma once

#include "TranscriptMessage.h"

#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QTimer>

namespace flarechat {

// The messages of the open conversation, one row each, for TranscriptView. A streaming reply
// grows through appendDelta(): pieces are buffered and applied at most ~15 times a second, and
// only the streaming row is reported changed, so a long reply never re-renders the conversation.
class TranscriptModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptModel)

public:
    enum Role {
        UidRole = Qt::UserRole + 1,
        RoleRole, // "user" | "assistant" | ...
        ContentRole,
        ReasoningRole,
        ModelRole,
        CreatedRole,
        StateRole, // int(TranscriptMessage::State)
        ErrorRole,
        MetaRole, // "model · 14:03 · 312 tokens · 41.2 tok/s"
        RevisionRole,
        ThinkingExpandedRole,
        ReasoningMsRole,
    };
    // 10 repaints a second while streaming: smooth to read, and a third less CPU than 15 (ui_bench).
    static constexpr int FlushIntervalMs = 100;

    explicit TranscriptModel(QObject* parent = nullptr);
    ~TranscriptModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setMessages(QList<TranscriptMessage> messages);
    void clear() { setMessages({}); }
    quint64 append(TranscriptMessage message); // returns the message's uid
    void removeAt(int row);
    const TranscriptMessage& at(int row) const { return m_messages.at(row); }
    const QList<TranscriptMessage>& messages() const { return m_messages; }
    int rowOf(quint64 uid) const; // -1 if gone
    int rowOfStoreId(qint64 storeId) const; // -1 if not shown

    // Streaming: pieces of the reply in row `uid`. Applied by a throttle timer; flush() applies
    // them at once (finish and fail call it first).
    void appendDelta(quint64 uid, const QString& content, const QString& reasoning);
    void flush();
    void finish(quint64 uid, const ChatResult& result, qint64 durationMs);
    void fail(quint64 uid, const QString& error);
    void interrupt(quint64 uid); // stopped by the user: keep what arrived
    void setContent(quint64 uid, const QString& content); // an edit
    void toggleThinking(int row);

    static QString metaText(const TranscriptMessage& message);

private:
    void changed(int row);

    QList<TranscriptMessage> m_messages;
    quint64 m_nextUid = 1;

    // The one reply streaming at a time, with what arrived since the last flush.
    quint64 m_streamUid = 0;
    QString m_pendingContent;
    QString m_pendingReasoning;
    QElapsedTimer m_reasoningClock;
    QTimer m_flushTimer;
};

} // namespace flarechat
