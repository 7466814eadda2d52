#pragma once

#include "http/HttpClient.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>

namespace flarechat {

class WorkersAiClient;

// One whole request to Workers AI on the client's HttpClient, with an overall deadline: the
// request and reply lifecycle the one-off calls (model catalog, token check, embeddings) share.
// The callback runs exactly once per start(), from the event loop, unless abort() (or the
// destructor) came first.
class UpstreamCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamCall)

public:
    struct Reply
    {
        int status = 0; // 0: no HTTP answer (network, proxy, TLS or the deadline)
        QByteArray body;
        QByteArray retryAfter; // the Retry-After header, if any
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorString; // Qt's words for error
        bool timedOut = false; // the deadline passed first (status is then 0)
    };
    using Callback = std::function<void(const Reply&)>;

    explicit UpstreamCall(QObject* parent = nullptr);
    ~UpstreamCall() override;

    // Sends the request (a running one is aborted first). A client already gone answers with
    // an error reply.
    void start(WorkersAiClient* client, const QByteArray& method, const QNetworkRequest& request,
        const QByteArray& body, int timeoutMs, Callback done);
    void abort(); // no callback after this
    bool isRunning() const { return m_reply != nullptr; }

private:
    void complete(const Reply& reply);

    QPointer<HttpClientReply> m_reply;
    QTimer m_deadline;
    Callback m_done;
    quint64 m_generation = 0; // of start(), for the queued "no client" answer
};

} // namespace flarechat
