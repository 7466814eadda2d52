#include "WorkersAiClient.h"

#include "http/HttpClient.h"
#include "workersai/CompletionJob.h"

#include <QNetworkProxyFactory>

namespace flarechat {

WorkersAiClient::WorkersAiClient(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{
    m_http->setProxy(m_endpoint.proxy());
}

WorkersAiClient::~WorkersAiClient()
{
    // Jobs are our children and are destroyed by QObject after this body; they must not call
    // back into a half-destroyed client, so delete them first.
    const QList<CompletionJob*> jobs = findChildren<CompletionJob*>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(jobs);
}

void WorkersAiClient::setEndpoint(const Endpoint& endpoint)
{
    m_endpoint = endpoint;
    if (m_endpoint.proxyMode == Endpoint::ProxyMode::System)
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    // The system's settings are asked per origin (and cached until the next endpoint).
    m_http->setProxy(m_endpoint.proxy());
}

int WorkersAiClient::inFlight() const
{
    return m_http->inFlight();
}

CompletionJob* WorkersAiClient::chat(const ChatRequest& request, const ModelInfo& model)
{
    auto* job = new CompletionJob(request, model, m_endpoint, m_options, m_http, this);
    job->start();
    return job;
}

} // namespace flarechat
