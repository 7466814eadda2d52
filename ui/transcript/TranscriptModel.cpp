#include "TranscriptModel.h"

#include <QLocale>

namespace flarechat {

TranscriptModel::TranscriptModel(QObject* parent)
    : QAbstractListModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &TranscriptModel::flush);
}

TranscriptModel::~TranscriptModel() = default;

int TranscriptModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant TranscriptModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TranscriptMessage& m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case Qt::ToolTipRole:
        return m.created.toLocalTime().toString(Qt::TextDate);
    case UidRole:
        return m.uid;
    case RoleRole:
        return m.role;
    case ReasoningRole:
        return m.reasoning;
    case ModelRole:
        return m.model;
    case CreatedRole:
        return m.created;
    case StateRole:
        return int(m.state);
    case ErrorRole:
        return m.error;
    case MetaRole:
        return metaText(m);
    case RevisionRole:
        return m.revision;
    case ThinkingExpandedRole:
        return m.thinkingExpanded();
    case ReasoningMsRole:
        return m.reasoningMs;
    default:
        return {};
    }
}

QHash<int, QByteArray> TranscriptModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(UidRole, "uid");
    names.insert(RoleRole, "role");
    names.insert(ContentRole, "content");
    names.insert(ReasoningRole, "reasoning");
    names.insert(ModelRole, "model");
    names.insert(CreatedRole, "created");
    names.insert(StateRole, "state");
    names.insert(ErrorRole, "error");
    names.insert(MetaRole, "meta");
    names.insert(RevisionRole, "revision");
    names.insert(ThinkingExpandedRole, "thinkingExpanded");
    names.insert(ReasoningMsRole, "reasoningMs");
    return names;
}

void TranscriptModel::setMessages(QList<TranscriptMessage> messages)
{
    beginResetModel();
    m_flushTimer.stop();
    m_streamUid = 0;
    m_pendingContent.clear();
    m_pendingReasoning.clear();
    for (TranscriptMessage& m : messages)
        m.uid = m_nextUid++;
    m_messages = std::move(messages);
    endResetModel();
}

quint64 TranscriptModel::append(TranscriptMessage message)
{
    message.uid = m_nextUid++;
    const int row = int(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(std::move(message));
    endInsertRows();
    return m_messages.last().uid;
}

void TranscriptModel::removeAt(int row)
{
    if (row < 0 || row >= m_messages.size())
        return;
    if (m_messages.at(row).uid == m_streamUid) {
        m_flushTimer.stop();
        m_streamUid = 0;
        m_pendingContent.clear();
        m_pendingReasoning.clear();
    }
    beginRemoveRows({}, row, row);
    m_messages.removeAt(row);
    endRemoveRows();
}

int TranscriptModel::rowOf(quint64 uid) const
{
    // The row asked about is nearly always the last one (the streaming reply).
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).uid == uid)
            return row;
    }
    return -1;
}

int TranscriptModel::rowOfStoreId(qint64 storeId) const
{
    for (int row = int(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).storeId == storeId)
            return row;
    }
    return -1;
}

void TranscriptModel::appendDelta(quint64 uid, const QString& content, const QString& reasoning)
{
    if (uid != m_streamUid) {
        flush();
        m_streamUid = uid;
        m_reasoningClock.invalidate();
    }
    if (!reasoning.isEmpty() && !m_reasoningClock.isValid())
        m_reasoningClock.start();
    m_pendingContent += content;
    m_pendingReasoning += reasoning;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void TranscriptModel::flush()
{
    m_flushTimer.stop();
    const int row = rowOf(m_streamUid);
    if (row < 0) {
        m_pendingContent.clear();
        m_pendingReasoning.clear();
        return;
    }
    if (m_pendingContent.isEmpty() && m_pendingReasoning.isEmpty())
        return;
    TranscriptMessage& m = m_messages[row];
    m.reasoning += m_pendingReasoning;
    // The thinking time ends with the first piece of the answer.
    if (m_reasoningClock.isValid() && m.content.isEmpty())
        m.reasoningMs = m_reasoningClock.elapsed();
    m.content += m_pendingContent;
    m_pendingContent.clear();
    m_pendingReasoning.clear();
    changed(row);
}

void TranscriptModel::finish(quint64 uid, const ChatResult& result, qint64 durationMs)
{
    flush();
    const int row = rowOf(uid);
    if (row < 0)
        return;
    TranscriptMessage& m = m_messages[row];
    // The job's accumulated result is authoritative (it also covers non-streamed replies).
    if (!result.content.isEmpty() || m.content.isEmpty())
        m.content = result.content;
    if (!result.reasoning.isEmpty())
        m.reasoning = result.reasoning;
    if (m.reasoningMs < 0 && !m.reasoning.isEmpty() && m_reasoningClock.isValid() && uid == m_streamUid)
        m.reasoningMs = m_reasoningClock.elapsed();
    m.usage = result.usage;
    m.durationMs = durationMs;
    if (result.usage.valid && result.usage.completionTokens > 0 && durationMs > 0)
        m.tokensPerSecond = double(result.usage.completionTokens) * 1000.0 / double(durationMs);
    m.state = TranscriptMessage::State::Complete;
    if (uid == m_streamUid)
        m_streamUid = 0;
    changed(row);
}

void TranscriptModel::fail(quint64 uid, const QString& error)
{
    flush();
    const int row = rowOf(uid);
    if (row < 0)
        return;
    TranscriptMessage& m = m_messages[row];
    m.error = error;
    m.state = TranscriptMessage::State::Error;
    if (uid == m_streamUid)
        m_streamUid = 0;
    changed(row);
}

void TranscriptModel::interrupt(quint64 uid)
{
    flush();
    const int row = rowOf(uid);
    if (row < 0)
        return;
    m_messages[row].state = TranscriptMessage::State::Interrupted;
    if (uid == m_streamUid)
        m_streamUid = 0;
    changed(row);
}

void TranscriptModel::setContent(quint64 uid, const QString& content)
{
    const int row = rowOf(uid);
    if (row < 0)
        return;
    m_messages[row].content = content;
    changed(row);
}

void TranscriptModel::toggleThinking(int row)
{
    if (row < 0 || row >= m_messages.size())
        return;
    TranscriptMessage& m = m_messages[row];
    m.thinking = m.thinkingExpanded() ? TranscriptMessage::Thinking::Collapsed : TranscriptMessage::Thinking::Expanded;
    changed(row);
}

QString TranscriptModel::metaText(const TranscriptMessage& m)
{
    QStringList parts;
    if (m.isAssistant() && !m.model.isEmpty())
        parts << m.model;
    if (m.created.isValid())
        parts << QLocale().toString(m.created.toLocalTime().time(), QLocale::ShortFormat);
    if (!m.attachments.isEmpty())
        parts << QStringLiteral("📎 ") + m.attachments.join(QStringLiteral(", "));
    if (m.isAssistant()) {
        if (m.state == TranscriptMessage::State::Streaming)
            parts << tr("writing…");
        if (m.state == TranscriptMessage::State::Interrupted)
            parts << tr("stopped");
        if (m.usage.valid && m.usage.completionTokens > 0)
            parts << tr("%n tokens", nullptr, int(m.usage.completionTokens));
        if (m.tokensPerSecond > 0)
            parts << tr("%1 tok/s").arg(QLocale().toString(m.tokensPerSecond, 'f', 1));
    }
    return parts.join(QStringLiteral(" · "));
}

void TranscriptModel::changed(int row)
{
    ++m_messages[row].revision;
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx);
}

} // namespace flarechat
