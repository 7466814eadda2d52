#pragma once

#include "openai/ChatTypes.h"
#include "workersai/ClientOptions.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelInfo.h"

#include <QObject>

namespace flarechat {

class CompletionJob;
class HttpClient;

// The Workers AI REST client for one thread: its endpoint, options and the HttpClient every
// request goes through (HTTP/1.1 on this thread, a kept-alive connection per concurrent
// request; see HttpClient for why not QNetworkAccessManager). Starts chat completion jobs;
// the one-off calls (CatalogFetch, TokenCheck, EmbeddingJob) send through it with UpstreamCall.
class WorkersAiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkersAiClient)

public:
    explicit WorkersAiClient(QObject* parent = nullptr);
    ~WorkersAiClient() override;

    void setEndpoint(const Endpoint& endpoint);
    const Endpoint& endpoint() const { return m_endpoint; }
    void setOptions(const ClientOptions& options) { m_options = options; }
    const ClientOptions& options() const { return m_options; }

    // Creates and starts a job, parented to this client. The caller deletes it (deleteLater)
    // once it has finished, failed or been cancelled.
    CompletionJob* chat(const ChatRequest& request, const ModelInfo& model);

    // Requests under way.
    int inFlight() const;
    // The HTTP client of every request (its connection counts, for tests and diagnostics).
    HttpClient* httpClient() const { return m_http; }

private:
    Endpoint m_endpoint;
    ClientOptions m_options;
    HttpClient* m_http = nullptr;
};

} // namespace flarechat
