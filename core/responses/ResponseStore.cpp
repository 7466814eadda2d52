#include "ResponseStore.h"

#include <QJsonDocument>

namespace flarechat {

ResponseStore::ResponseStore(int maxEntries, qint64 maxBytes)
    : m_maxEntries(qMax(1, maxEntries))
    , m_maxBytes(qMax<qint64>(1, maxBytes))
{
}

qint64 ResponseStore::sizeOf(const QList<ChatMessage>& conversation)
{
    qint64 bytes = 0;
    for (const ChatMessage& m : conversation) {
        bytes += 64 + 2 * (m.text.size() + m.reasoning.size() + m.toolCallId.size());
        for (const ContentPart& p : m.parts)
            bytes += 32 + 2 * (p.text.size() + p.imageUrl.size());
        for (const ToolCall& c : m.toolCalls)
            bytes += 32 + 2 * (c.id.size() + c.name.size() + c.arguments.size());
    }
    return bytes;
}

void ResponseStore::put(const QString& id, const QJsonObject& response, const QList<ChatMessage>& conversation)
{
    remove(id);
    Entry entry {response, conversation, 0};
    entry.bytes = sizeOf(conversation) + QJsonDocument(response).toJson(QJsonDocument::Compact).size();
    m_order.push_front(id);
    m_bytes += entry.bytes;
    m_entries.insert(id, Slot {entry, m_order.begin()});
    evict();
}

const ResponseStore::Entry* ResponseStore::find(const QString& id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return nullptr;
    m_order.splice(m_order.begin(), m_order, it->position);
    return &it->entry;
}

bool ResponseStore::remove(const QString& id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return false;
    m_bytes -= it->entry.bytes;
    m_order.erase(it->position);
    m_entries.erase(it);
    return true;
}

void ResponseStore::evict()
{
    // The newest entry stays even when it alone is over the size bound: a chain must be able to go on.
    while (m_order.size() > 1 && (int(m_order.size()) > m_maxEntries || m_bytes > m_maxBytes)) {
        const QString oldest = m_order.back(); // a copy: remove() frees the list's own
        remove(oldest);
    }
}

} // namespace flarechat
