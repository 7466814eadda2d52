#pragma once

#include "openai/ChatTypes.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace flarechat {

struct StoredMessage;

// One message as the transcript shows it. A plain value the window fills from the conversation
// (and, for a reply, from the completion job as it streams); the transcript model owns the copies.
struct TranscriptMessage
{
    enum class State {
        Complete,
        Streaming, // a reply still arriving
        Error, // the request failed: `error` says why, `content` keeps any partial text
        Interrupted, // the stream stopped (Stop pressed, or the process ended) before the reply was whole
    };
    // Whether the reasoning ("Thinking") block is open. Auto follows the stream: open while the
    // model reasons, closed once the answer starts; a click makes it the user's choice.
    enum class Thinking { Auto, Expanded, Collapsed };

    quint64 uid = 0; // given by TranscriptModel, unique within it; stable while the row lives
    qint64 storeId = 0; // the conversation store's id, 0 if not stored
    QString role; // "user" | "assistant" | "system"
    QString content;
    QString reasoning;
    QString model; // the model that wrote an assistant message
    QDateTime created;
    Usage usage;
    qint64 durationMs = -1; // request sent -> last token, -1 if unknown
    qint64 reasoningMs = -1; // first reasoning token -> first answer token (live while thinking), -1 if none
    double tokensPerSecond = -1;
    QString error; // readable message when state is Error
    State state = State::Complete;
    Thinking thinking = Thinking::Auto;
    int branchIndex = 1; // which version of the message this is ("◀ 2/3 ▶"), 1-based
    int branchCount = 1; // how many versions (regenerated replies, edited questions) there are
    QStringList attachments; // names of the files sent with a user message
    int revision = 0; // bumped by every visible change, so renderers know when their cache is stale

    // A stored message as the transcript shows it (uid and branch position are the model's).
    static TranscriptMessage fromStored(const StoredMessage& stored);

    bool isUser() const { return role == QLatin1String("user"); }
    bool isAssistant() const { return role == QLatin1String("assistant"); }
    bool thinkingExpanded() const
    {
        if (thinking != Thinking::Auto)
            return thinking == Thinking::Expanded;
        return state == State::Streaming && content.isEmpty();
    }
};

} // namespace flarechat
