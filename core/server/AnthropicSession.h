#pragma once

#include "anthropic/MessagesEventWriter.h"
#include "server/CompletionSession.h"

namespace flarechat {

// Serves one POST /v1/messages request from a running CompletionJob in Anthropic's wire form: a
// whole message, or the Messages event stream (MessagesEventWriter) with `event:` lines. An
// upstream failure before anything was sent is an HTTP error in Anthropic's shape; after that it
// is an `error` event and the end of the stream. While the model thinks silently a `ping` event
// goes out every keepAliveMs, as Anthropic's own streams ping.
class AnthropicSession final : public CompletionSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnthropicSession)

public:
    struct Options
    {
        QString model; // echoed back as the client named it
        bool stream = false;
        qint64 estimatedInputTokens = 0; // message_start's input_tokens, before the upstream counts them
        int keepAliveMs = 15000;
    };

    AnthropicSession(HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent = nullptr);

private:
    void writeStreamStart() override;
    void writeDelta(const ChatDelta& delta) override;
    void writeFinished(const ChatResult& result) override;
    void writeError(const ApiError& error) override;
    void writeKeepAlive() override;
    void send(const QList<MessagesEventWriter::Event>& events);
    QString stopSequence() const;

    Options m_options;
    QString m_id;
    MessagesEventWriter m_events;
};

} // namespace flarechat
