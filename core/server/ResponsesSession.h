#pragma once

#include "responses/ResponsesEventWriter.h"
#include "server/CompletionSession.h"

#include <QJsonObject>
#include <QSet>

namespace flarechat {

// Serves one POST /v1/responses request from a running CompletionJob in the Responses API's
// form: a whole response object, or the Responses event stream (ResponsesEventWriter) with
// `event:` lines and sequence numbers. An upstream failure before anything was sent is an HTTP
// error in OpenAI's shape; after that it is response.failed and the end of the stream. The
// finished response goes out through responded() as well, for the response store.
class ResponsesSession final : public CompletionSession
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponsesSession)

public:
    struct Options
    {
        ResponsesWire::Shell shell;
        QSet<QString> customTools; // ResponsesRequest::customTools
        bool stream = false;
        qint64 estimatedInputTokens = 0; // usage.input_tokens when the upstream counts none
        int keepAliveMs = 15000;
    };

    ResponsesSession(HttpExchange* exchange, CompletionJob* job, const Options& options, QObject* parent = nullptr);

Q_SIGNALS:
    void responded(const QJsonObject& response); // status completed or incomplete

private:
    void writeStreamStart() override;
    void writeDelta(const ChatDelta& delta) override;
    void writeFinished(const ChatResult& result) override;
    void writeError(const ApiError& error) override;
    void send(const QList<ResponsesEventWriter::Event>& events);

    Options m_options;
    ResponsesEventWriter m_events;
};

} // namespace flarechat
