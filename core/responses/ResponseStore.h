#pragma once

#include "openai/ChatTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <list>

namespace flarechat {

// The responses the local server keeps so a client can continue one (previous_response_id),
// fetch it (GET /v1/responses/{id}) or delete it. In memory and bounded: by count and by the
// size of what is kept, the least recently used going first; a server restart forgets them, as a
// desktop app's local API may. Responses asked for with store: false (Codex's) are not kept.
// Pure code, on the server's thread.
class ResponseStore final
{
public:
    struct Entry
    {
        QJsonObject response; // the whole response object
        QList<ChatMessage> conversation; // everything the model saw and answered, without instructions
        qint64 bytes = 0;
    };

    explicit ResponseStore(int maxEntries = 512, qint64 maxBytes = 64 * 1024 * 1024);

    void put(const QString& id, const QJsonObject& response, const QList<ChatMessage>& conversation);
    const Entry* find(const QString& id); // nullptr when unknown or dropped; marks it recently used
    bool remove(const QString& id);
    int size() const { return int(m_entries.size()); }
    qint64 bytes() const { return m_bytes; }

    static qint64 sizeOf(const QList<ChatMessage>& conversation);

private:
    void evict();

    int m_maxEntries;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    std::list<QString> m_order; // most recently used first
    struct Slot
    {
        Entry entry;
        std::list<QString>::iterator position;
    };
    QHash<QString, Slot> m_entries;
};

} // namespace flarechat
