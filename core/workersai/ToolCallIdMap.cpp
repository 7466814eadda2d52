#include "ToolCallIdMap.h"

#include "workersai/ToolCallIds.h"

namespace flarechat {

ToolCallIdMap ToolCallIdMap::forMessages(const QList<ChatMessage>& messages)
{
    // Valid ids keep themselves, so they are placed first (pass 1); then the others in order of
    // first appearance, each skipping what is taken (pass 2). No id at all: an empty map.
    ToolCallIdMap map;
    const auto forEachId = [&messages](auto&& f) {
        for (const ChatMessage& m : messages) {
            for (const ToolCall& call : m.toolCalls)
                f(call.id);
            if (!m.toolCallId.isEmpty())
                f(m.toolCallId);
        }
    };
    forEachId([&map](const QString& id) {
        if (ToolCallIds::isStrict(id) && !map.m_toUpstream.contains(id)) {
            map.m_toUpstream.insert(id, id);
            map.m_toOriginal.insert(id, id);
        }
    });
    forEachId([&map](const QString& id) { map.add(id); });
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
