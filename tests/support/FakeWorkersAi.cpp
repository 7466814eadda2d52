// The fake server's object: listening, identity, settings, script queues, recording and
// counters. Routing, models, checks, replies and metering live in the other FakeWorkersAi*.cpp.

#include "FakeWorkersAi.h"

#include "FakeConnection.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

#include <utility>

namespace flarechat::test {

FakeWorkersAi::FakeWorkersAi(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_accountId(QStringLiteral("0123456789abcdef0123456789abcdef"))
    , m_apiToken("fake-token-for-tests")
{
    qRegisterMetaType<FakeWorkersAi::ReceivedRequest>();
    m_tokens.insert(m_apiToken, TokenInfo {TokenKind::User, TokenStatus::Active, QString()});
    QObject::connect(m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
    loadCatalog();
}

FakeWorkersAi::~FakeWorkersAi()
{
    m_server->close();
    const QList<FakeConnection*> connections = std::exchange(m_connections, {});
    for (FakeConnection* c : connections) {
        c->shutdown();
        delete c;
    }
}

bool FakeWorkersAi::listen(quint16 port)
{
    // Tests open dozens of connections at once. With the kernel's listen backlog at Qt's default
    // of 50, the rest of a burst of SYNs is dropped and retried a second later.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeWorkersAi::port() const
{
    return m_server->isListening() ? m_server->serverPort() : 0;
}

QUrl FakeWorkersAi::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(port()));
}

flarechat::Endpoint FakeWorkersAi::endpoint() const
{
    flarechat::Endpoint e;
    e.kind = flarechat::Endpoint::Kind::Custom;
    e.customBase = baseUrl();
    e.accountId = accountId();
    e.apiToken = QString::fromLatin1(apiToken());
    e.proxyMode = flarechat::Endpoint::ProxyMode::None; // tests never go through a system proxy
    return e;
}

QUrl FakeWorkersAi::gatewayUrl(const QString& gateway) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1/%2/%3/workers-ai").arg(port()).arg(m_accountId, gateway));
}

QString FakeWorkersAi::runPath(const QString& model) const
{
    return QStringLiteral("/client/v4/accounts/%1/ai/run/%2").arg(m_accountId, model);
}

QString FakeWorkersAi::accountId() const
{
    return m_accountId;
}
void FakeWorkersAi::setAccountId(const QString& accountId)
{
    m_accountId = accountId;
}
QByteArray FakeWorkersAi::apiToken() const
{
    return m_apiToken;
}

void FakeWorkersAi::setApiToken(const QByteArray& token)
{
    m_tokens.remove(m_apiToken);
    m_apiToken = token;
    m_tokens.insert(token, TokenInfo {TokenKind::User, TokenStatus::Active, QString()});
}

void FakeWorkersAi::addToken(const QByteArray& token, TokenKind kind, TokenStatus status)
{
    m_tokens.insert(token, TokenInfo {kind, status, QString()});
}

void FakeWorkersAi::removeToken(const QByteArray& token)
{
    m_tokens.remove(token);
}

void FakeWorkersAi::setNoStreamReplyEmpty(bool empty)
{
    m_noStreamEmpty = empty;
}
void FakeWorkersAi::setTokenDelayMs(int ms)
{
    m_tokenDelayMs = qMax(0, ms);
}
void FakeWorkersAi::setFirstByteDelayMs(int ms)
{
    m_firstByteDelayMs = qMax(0, ms);
}
void FakeWorkersAi::setMaxBodyBytes(qsizetype bytes)
{
    m_maxBodyBytes = bytes;
}

void FakeWorkersAi::enqueue(const Script& script)
{
    m_queue.push_back(script);
}
void FakeWorkersAi::enqueueFor(const QString& modelId, const Script& script)
{
    m_modelQueues[modelId].push_back(script);
}
void FakeWorkersAi::enqueueForPath(const QString& pathFragment, const Script& script)
{
    m_pathQueue.append({pathFragment, script});
}

int FakeWorkersAi::pendingScripts() const
{
    qsizetype n = qsizetype(m_queue.size()) + m_pathQueue.size();
    for (auto it = m_modelQueues.begin(); it != m_modelQueues.end(); ++it)
        n += qsizetype(it.value().size());
    return int(n);
}

void FakeWorkersAi::clearScripts()
{
    m_queue.clear();
    m_modelQueues.clear();
    m_pathQueue.clear();
}

QList<FakeWorkersAi::ReceivedRequest> FakeWorkersAi::requests() const
{
    return m_requests;
}
FakeWorkersAi::ReceivedRequest FakeWorkersAi::lastRequest() const
{
    return m_requests.isEmpty() ? ReceivedRequest() : m_requests.constLast();
}

QList<FakeWorkersAi::ReceivedRequest> FakeWorkersAi::runRequests() const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest& r : m_requests) {
        if (!r.model.isEmpty())
            out.append(r);
    }
    return out;
}

QList<FakeWorkersAi::Inference> FakeWorkersAi::inferences() const
{
    return m_inferences;
}

FakeWorkersAi::Inference FakeWorkersAi::lastInference() const
{
    return m_inferences.isEmpty() ? Inference() : m_inferences.constLast();
}

void FakeWorkersAi::clearRequests()
{
    m_requests.clear();
    m_inferences.clear();
}
int FakeWorkersAi::abortedByClient() const
{
    return m_aborted;
}
int FakeWorkersAi::openConnections() const
{
    return int(m_connections.size());
}
int FakeWorkersAi::acceptedConnections() const
{
    return m_accepted;
}
int FakeWorkersAi::inFlightRequests() const
{
    return m_inFlight;
}
int FakeWorkersAi::maxConcurrentRequests() const
{
    return m_maxInFlight;
}

void FakeWorkersAi::resetCounters()
{
    m_aborted = 0;
    m_accepted = 0;
    m_modelRequests = 0;
    m_maxInFlight = m_inFlight;
}

void FakeWorkersAi::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        auto* c = new FakeConnection(this, socket, m_maxBodyBytes);
        m_connections.append(c);
        c->start(); // bytes may already be waiting
    }
}

void FakeWorkersAi::connectionGone(FakeConnection* connection)
{
    m_connections.removeOne(connection);
    connection->deleteLater();
}

void FakeWorkersAi::requestStarted(bool inference)
{
    if (!inference)
        return;
    ++m_inFlight;
    m_maxInFlight = qMax(m_maxInFlight, m_inFlight);
}

void FakeWorkersAi::requestEnded(bool inference, bool aborted, const QString& path)
{
    if (inference)
        --m_inFlight;
    if (aborted) {
        ++m_aborted;
        Q_EMIT clientDisconnected();
    } else {
        Q_EMIT replyFinished(path);
    }
}

} // namespace flarechat::test
