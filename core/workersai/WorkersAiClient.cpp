#include "WorkersAiClient.h"

#include "http/HttpClient.h"
#include "workersai/CompletionJob.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

Q_LOGGING_CATEGORY(lcClient, "flarechat.workersai.client")

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
    for (QNetworkAccessManager* m : std::as_const(m_managers))
        applyProxy(m);
    if (m_endpoint.proxyMode == Endpoint::ProxyMode::System)
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    // The system's settings are asked per origin (and cached until the next endpoint).
    m_http->setProxy(m_endpoint.proxy());
}

void WorkersAiClient::applyProxy(QNetworkAccessManager* manager) const
{
    if (m_endpoint.proxyMode == Endpoint::ProxyMode::System) {
        manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    } else {
        manager->setProxy(m_endpoint.proxy());
    }
}

QNetworkAccessManager* WorkersAiClient::createManager()
{
    auto* m = new QNetworkAccessManager(this);
    m->setAutoDeleteReplies(false);
    m->setTransferTimeout(0); // our jobs run their own phase timers
    applyProxy(m);
    m_managers.append(m);
    m_load.insert(m, 0);
    return m;
}

QNetworkAccessManager* WorkersAiClient::acquireManager()
{
    QNetworkAccessManager* best = nullptr;
    int bestLoad = 0;
    for (QNetworkAccessManager* m : std::as_const(m_managers)) {
        const int load = m_load.value(m);
        if (!best || load < bestLoad) {
            best = m;
            bestLoad = load;
        }
    }
    if (!best || (bestLoad >= m_options.maxConnectionsPerManager && m_managers.size() < m_options.maxManagers))
        best = createManager();
    ++m_load[best];
    return best;
}

void WorkersAiClient::releaseManager(QNetworkAccessManager* manager, bool stuck)
{
    auto it = m_load.find(manager);
    if (it == m_load.end())
        return;
    if (it.value() > 0)
        --it.value();
    if (stuck && m_managers.removeOne(manager))
        qCDebug(lcClient) << "retiring a network manager with a stuck connection;" << it.value()
                          << "requests left on it";
    if (it.value() == 0 && !m_managers.contains(manager)) {
        m_load.erase(it);
        manager->deleteLater(); // closes its connections; replies still queued for deletion go with it
    }
}

int WorkersAiClient::inFlight() const
{
    int n = m_http->inFlight();
    for (int load : m_load)
        n += load;
    return n;
}

CompletionJob* WorkersAiClient::chat(const ChatRequest& request, const ModelInfo& model)
{
    auto* job = new CompletionJob(request, model, m_endpoint, m_options, m_http, this);
    job->start();
    return job;
}

} // namespace flarechat
