#pragma once

#include "openai/ChatTypes.h"
#include "storage/Conversation.h"

#include <QString>

namespace flarechat {

// The pieces of the request the window sends for a reply, from what the store holds.
namespace ReplyRequest {

// A stored message as the model gets it: images as image parts, attached text files in front of
// the question under their names, and no reasoning (reasoning models are told not to get theirs
// back).
ChatMessage message(const StoredMessage& stored);

// The x-session-affinity value of a conversation: one per conversation of this database and
// stable across restarts, so Workers AI routes its turns to the same prompt cache (cached input
// is billed lower). Derived from the database path and the id; it says neither.
QString sessionAffinity(const QString& databasePath, qint64 conversationId);

} // namespace ReplyRequest
} // namespace flarechat
