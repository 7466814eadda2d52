#pragma once

#include "openai/ChatTypes.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace flarechat {

// The value types the conversation store reads and writes. They hold what the window shows
// (text, reasoning, timings, errors, branches) and what an OpenAI-form export needs (roles,
// tool calls, usage). Ids are SQLite row ids: 0 means "none" (no parent, not stored yet).

// A conversation's settings and bookkeeping. `parameters` uses OpenAI request names
// ({"temperature": 0.7, "max_tokens": 2048, "reasoning_effort": "high"}) so it can be merged
// into a ChatRequest and exported unchanged.
struct Conversation
{
    qint64 id = 0;
    QString title; // empty until the first user message names it or the user renames it
    QDateTime created; // UTC
    QDateTime updated; // UTC; the list sorts by it
    bool pinned = false;
    QString model; // alias or "@cf/..." id; empty means the settings' default
    QString systemPrompt;
    QJsonObject parameters;
    QString draft; // the composer's unsent text
    QJsonArray draftAttachments; // and its attachments (StoredMessage's form)
    QDateTime deleted; // null unless soft-deleted (waiting for undo or purge)
};

// What the conversation list shows for one row: the conversation without its heavy fields,
// plus the start of its latest message.
struct ConversationSummary
{
    qint64 id = 0;
    QString title;
    QDateTime updated;
    bool pinned = false;
    QString model;
    QString preview;
};

enum class MessageState {
    Complete,
    Streaming, // a reply still arriving; saved as it grows
    Interrupted, // was streaming when the process ended; the window offers Continue/Retry
    Error, // the request failed; `error` says why, `content` keeps any partial text
};

inline QString messageStateName(MessageState state)
{
    switch (state) {
    case MessageState::Complete:
        return QStringLiteral("complete");
    case MessageState::Streaming:
        return QStringLiteral("streaming");
    case MessageState::Interrupted:
        return QStringLiteral("interrupted");
    case MessageState::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("complete");
}

inline std::optional<MessageState> messageStateFromName(const QString& name)
{
    for (auto s : {MessageState::Complete, MessageState::Streaming, MessageState::Interrupted, MessageState::Error}) {
        if (messageStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

// How a reply arrived. -1 means "not measured" (e.g. a non-streaming reply has no ttft).
struct MessageTimings
{
    qint64 ttftMs = -1; // request sent → first token
    qint64 durationMs = -1; // request sent → last token
    double tokensPerSecond = -1;

    bool isEmpty() const { return ttftMs < 0 && durationMs < 0 && tokensPerSecond < 0; }
    bool operator==(const MessageTimings& o) const
    {
        return ttftMs == o.ttftMs && durationMs == o.durationMs && qFuzzyCompare(tokensPerSecond, o.tokensPerSecond);
    }
};

// One message of a conversation tree. Siblings (same parent) are alternative versions:
// a regenerated reply or an edited user message.
//
// `attachments` is a JSON array of objects {"type": "image"|"file", "name": ..., "url": "data:..."}
// (images, sent as data URIs) or {"type": "file", "name": ..., "text": ...}. `toolCalls` is in
// OpenAI form: [{"id", "type": "function", "function": {"name", "arguments"}}].
struct StoredMessage
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0; // 0 for a first message
    QString role; // "system" | "user" | "assistant" | "tool"
    QString content;
    QString reasoning;
    QString model; // the model that wrote an assistant message
    QJsonObject parameters; // as sent with the request that produced this reply
    Usage usage; // usage.valid is false when the upstream reported none
    MessageTimings timings;
    QString error;
    QJsonArray attachments;
    QJsonArray toolCalls;
    QString toolCallId; // role "tool": the call this message answers
    QString finishReason;
    MessageState state = MessageState::Complete;
    QDateTime created; // UTC
};

// One full-text search result. `snippet` is plain text around the match with each matched
// part between \x02 and \x03 (see snippetHtml() for display).
struct SearchHit
{
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QString snippet;
    double rank = 0; // lower is better (FTS5 bm25); 0 for substring matches

    static constexpr QChar kMarkStart = QChar(0x02);
    static constexpr QChar kMarkEnd = QChar(0x03);

    // The snippet HTML-escaped, with the marked parts in <b>…</b>.
    QString snippetHtml() const
    {
        QString escaped = snippet.toHtmlEscaped();
        escaped.replace(kMarkStart, QStringLiteral("<b>"));
        escaped.replace(kMarkEnd, QStringLiteral("</b>"));
        return escaped;
    }
};

} // namespace flarechat
