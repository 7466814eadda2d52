#pragma once

#include <QByteArray>
#include <QList>

namespace flarechat {

// One named server-sent event as the agents' faces write them (Anthropic Messages, OpenAI
// Responses): an "event:" line and one line of JSON data whose "type" is the same name.
struct SseEvent
{
    QByteArray name; // the SSE "event:" line
    QByteArray data; // compact JSON, its "type" the same as name
};

// The bytes of events on the wire: "event: <name>\ndata: <data>\n\n" each.
inline QByteArray serializeSseEvents(const QList<SseEvent>& events)
{
    QByteArray out;
    for (const SseEvent& e : events)
        out += "event: " + e.name + "\ndata: " + e.data + "\n\n";
    return out;
}

} // namespace flarechat
