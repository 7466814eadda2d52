#include "ToolCallIdMap.h"

#include "workersai/ToolCallIds.h"

#include <QSet>

namespace flarechat {

ToolCallIdMap ToolCallIdMap::forMessages(const QList<ChatMessage>& messages)
{
    // Valid ids keep themselves, so they are placed first; then the others in order of first
    // appearance, each skipping what is taken.
    QList<QString> inOrder;
    QSet<QString> seen;
    const auto note = [&](const QString& id) {
        if (!seen.contains(id)) {
            seen.insert(id);
            inOrder.append(id);
        }
    };
    for (const ChatMessage& m : messages) {
        for (const ToolCall& call : m.toolCalls)
            note(call.id);
        if (m.role == QLatin1String("tool"))
            note(m.toolCallId);
    }
    ToolCallIdMap map;
    for (const QString& id : std::as_const(inOrder)) {
        if (ToolCallIds::isStrict(id)) {
            map.m_toUpstream.insert(id, id);
            map.m_toOriginal.insert(id, id);
        }
    }
    for (const QString& id : std::as_const(inOrder))
        map.add(id);
    return map;
}

void ToolCallIdMap::add(const QString& clientId)
{
    if (m_toUpstream.contains(clientId))
        return;
    QString candidate = ToolCallIds::toStrict(clientId);
    for (int n = 1; m_toOriginal.contains(candidate); ++n)
        candidate = ToolCallIds::toStrict(clientId + QLatin1Char('#') + QString::number(n));
    m_toUpstream.insert(clientId, candidate);
    m_toOriginal.insert(candidate, clientId);
}

QString ToolCallIdMap::upstream(const QString& clientId) const
{
    return m_toUpstream.value(clientId, ToolCallIds::toStrict(clientId));
}

QString ToolCallIdMap::original(const QString& upstreamId) const
{
    return m_toOriginal.value(upstreamId, upstreamId);
}

} // namespace flarechat
