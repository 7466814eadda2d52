#pragma once

#include "openai/ChatTypes.h"

#include <QHash>
#include <QString>

namespace flarechat {

// One request's tool-call ids, as the client sent them and as Workers AI gets them.
//
// Workers AI's models reject tool-call ids that are not exactly nine alphanumerics ("Tool call
// IDs should be alphanumeric strings with length 9"), its own `chatcmpl-tool-…` ids included, and
// which models enforce that is only partly known (reference §11), so every id sent upstream is
// mapped, for every model:
// * an id that is already nine alphanumerics stays as it is;
// * any other id becomes nine alphanumerics derived from its SHA-256 (ToolCallIds::toStrict), so
//   the same history always gives the same upstream ids — an assistant's tool_calls[].id and the
//   tool message's tool_call_id agree, and the cached prompt prefix stays byte-identical;
// * never truncated: two ids that would map onto the same string (or onto a valid id the request
//   already uses) are told apart by re-deriving with a counter, in order of first appearance.
// Ids in replies that came from this mapping are turned back into the client's own (original());
// fresh ids the model invents pass through, and get mapped on the next turn like any other.
class ToolCallIdMap final
{
public:
    ToolCallIdMap() = default;
    // Every tool-call id of the messages: assistant tool_calls[].id and tool messages' tool_call_id.
    static ToolCallIdMap forMessages(const QList<ChatMessage>& messages);

    QString upstream(const QString& clientId) const; // the id to send; unmapped ids are derived alike
    QString original(const QString& upstreamId) const; // the client's id, or upstreamId if not one of ours
    bool isEmpty() const { return m_toUpstream.isEmpty(); }

private:
    void add(const QString& clientId);

    QHash<QString, QString> m_toUpstream;
    QHash<QString, QString> m_toOriginal;
};

} // namespace flarechat
