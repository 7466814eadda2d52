#pragma once

#include "openai/ChatTypes.h"
#include "workersai/ClientOptions.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelInfo.h"

#include <QHash>
#include <QList>
#include <QObject>

class QNetworkAccessManager;

namespace flarechat {

class CompletionJob;
class HttpClient;

// The Workers AI REST client for one thread. Chat completions, the hot path, go through
// HttpClient (HTTP/1.1 on this thread, a kept-alive connection per concurrent request; see
// there why not QNetworkAccessManager). The one-off REST calls (models search, token verify,
// embeddings) use a pool of QNetworkAccessManagers: one manager opens at most six HTTP/1.1
// connections to a host and queues the rest, so they are spread over several.
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

    // A manager for one-off REST calls (models search, token verify), counted like the rest.
    QNetworkAccessManager* acquireManager();
    // stuck: a request of this manager never got sent (the connection, a proxy's handshake or TLS
    // hung). Aborting the reply does not close such a connection: Qt keeps it, and later
    // requests to the same host queue behind it. So the manager leaves the pool and is deleted,
    // closing its connections, once no request uses it any more.
    void releaseManager(QNetworkAccessManager* manager, bool stuck = false);

    int managerCount() const { return static_cast<int>(m_managers.size()); } // in the pool
    // Requests under way: on the managers and on the chat client.
    int inFlight() const;
    // The chat completions' HTTP client (its connection counts, for tests and diagnostics).
    const HttpClient* httpClient() const { return m_http; }

private:
    QNetworkAccessManager* createManager();
    void applyProxy(QNetworkAccessManager* manager) const;

    Endpoint m_endpoint;
    ClientOptions m_options;
    HttpClient* m_http = nullptr;
    QList<QNetworkAccessManager*> m_managers; // the pool
    QHash<QNetworkAccessManager*, int> m_load; // the pool's and retired managers still in use
};

} // namespace flarechat
