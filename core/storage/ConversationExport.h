#pragma once

#include "storage/Conversation.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace flarechat {

class ConversationStore;

// A conversation's active branch as Markdown (export and copy-as-Markdown) or as JSON in
// OpenAI's messages form, and that JSON back into a new conversation. The JSON is
//   {"model", "messages": [{"role", "content", "reasoning_content"?, "tool_calls"?, "tool_call_id"?}],
//    "usage": totals of the replies, "flarechat": {"format", "title", "created", "updated", "pinned",
//    "parameters", "messages": [per-message extras, index-aligned with "messages"]}}
// so it can be fed to any OpenAI-compatible API as is, while FlareChat keeps what only it needs
// (timings, per-reply model and usage, attachments' names, states) in its own key.
// Pure functions over values, plus convenience overloads reading from / writing to a store.
class ConversationExport final
{
public:
    static constexpr int kFormatVersion = 1;

    struct Imported
    {
        Conversation conversation;
        QList<StoredMessage> messages; // one line: each message the parent of the next
    };

    // `messages` is the path to export (ConversationStore::activePath()).
    static QString toMarkdown(const Conversation& conversation, const QList<StoredMessage>& messages);
    static QJsonObject toJson(const Conversation& conversation, const QList<StoredMessage>& messages);
    static QByteArray toJsonText(const Conversation& conversation, const QList<StoredMessage>& messages);

    // One message as an OpenAI chat message: images in `attachments` become image_url parts.
    static QJsonObject messageToJson(const StoredMessage& message);
    // The same message as the request types (to send a stored conversation upstream).
    static ChatMessage toChatMessage(const StoredMessage& message);

    // Parses an exported file (or any OpenAI {"model", "messages"} body). A leading system
    // message becomes the conversation's system prompt. nullopt with *error on bad input.
    static std::optional<Imported> fromJson(const QByteArray& json, QString* error);

    // From / to a store. Empty text / nullopt (with *error) when the conversation is missing
    // or the store fails.
    static QString toMarkdown(const ConversationStore& store, qint64 conversationId);
    static QByteArray toJsonText(const ConversationStore& store, qint64 conversationId);
    static std::optional<qint64> importJson(ConversationStore& store, const QByteArray& json, QString* error);
};

} // namespace flarechat
