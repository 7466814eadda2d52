#include "TranscriptMessage.h"

#include "storage/Conversation.h"

#include <QJsonObject>

namespace flarechat {

namespace {

TranscriptMessage::State transcriptState(MessageState state)
{
    switch (state) {
    case MessageState::Complete:
        return TranscriptMessage::State::Complete;
    case MessageState::Streaming:
        return TranscriptMessage::State::Streaming;
    case MessageState::Interrupted:
        return TranscriptMessage::State::Interrupted;
    case MessageState::Error:
        return TranscriptMessage::State::Error;
    }
    return TranscriptMessage::State::Complete;
}

} // namespace

TranscriptMessage TranscriptMessage::fromStored(const StoredMessage& s)
{
    TranscriptMessage m;
    m.storeId = s.id;
    m.role = s.role;
    m.content = s.content;
    m.reasoning = s.reasoning;
    m.model = s.model;
    m.created = s.created;
    m.usage = s.usage;
    m.durationMs = s.timings.durationMs;
    m.tokensPerSecond = s.timings.tokensPerSecond;
    m.error = s.error;
    m.state = transcriptState(s.state);
    for (const QJsonValue& a : s.attachments)
        m.attachments << a.toObject().value(QStringLiteral("name")).toString();
    return m;
}

} // namespace flarechat
