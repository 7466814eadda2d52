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

// The Workers AI REST client for one thread. Starts completion jobs and spreads their requests
// over several QNetworkAccessManagers: one manager opens at most six HTTP/1.1 connections to a
// host and queues the rest, so 64 concurrent streams through one manager would wait on each
// other (HTTP/2, which Cloudflare speaks, multiplexes anyway).
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
    int inFlight() const;

private:
    QNetworkAccessManager* createManager();
    void applyProxy(QNetworkAccessManager* manager) const;

    Endpoint m_endpoint;
    ClientOptions m_options;
    QList<QNetworkAccessManager*> m_managers; // the pool
    QHash<QNetworkAccessManager*, int> m_load; // the pool's and retired managers still in use
};

} // namespace flarechat
