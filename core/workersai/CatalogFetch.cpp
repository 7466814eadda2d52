#include "CatalogFetch.h"

#include "workersai/ModelCatalog.h"
#include "workersai/UpstreamError.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

namespace flarechat {

CatalogFetch::CatalogFetch(WorkersAiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_endpoint(client->endpoint())
{
}

CatalogFetch::~CatalogFetch() = default;

QString CatalogFetch::defaultCachePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/models-live.json");
}

void CatalogFetch::start()
{
    if (!m_endpoint.hasCredentials()) {
        QTimer::singleShot(0, this, [this] {
            fail(ApiError::upstream(401, ErrorType::Authentication,
                tr("No Cloudflare account id and API token are configured."), ErrorCode::MissingCredentials));
        });
        return;
    }
    fetchPage();
}

void CatalogFetch::cancel()
{
    m_call.abort();
    m_done = true;
}

void CatalogFetch::fetchPage()
{
    const QNetworkRequest req
        = m_endpoint.request(m_endpoint.modelsSearchUrl(m_tasks.at(m_taskIndex), m_page, m_perPage));
    m_call.start(m_client, QByteArrayLiteral("GET"), req, QByteArray(), m_timeoutMs,
        [this](const UpstreamCall::Reply& r) { onReply(r); });
}

void CatalogFetch::onReply(const UpstreamCall::Reply& reply)
{
    if (m_done)
        return;
    if (reply.timedOut) {
        fail(UpstreamError::timeout(tr("the model list did not arrive within %1 s").arg(m_timeoutMs / 1000)));
        return;
    }
    const int status = reply.status;
    const QByteArray& body = reply.body;
    if (status == 0) {
        fail(UpstreamError::fromNetworkError(reply.error, reply.errorString, m_endpoint));
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (status >= 300 || !root.value(QStringLiteral("success")).toBool(false)) {
        fail(UpstreamError::fromReply(status >= 300 ? status : 502, body, reply.retryAfter));
        return;
    }
    ++m_pagesFetched;
    const QJsonArray items = root.value(QStringLiteral("result")).toArray();
    for (const QJsonValue& v : items)
        m_items.append(v);

    // Stop at a short page, or when result_info says we have them all.
    const QJsonObject info = root.value(QStringLiteral("result_info")).toObject();
    const int total = info.value(QStringLiteral("total_count")).toInt(-1);
    const bool more
        = items.size() >= m_perPage && (total < 0 || m_page * m_perPage < total) && m_page < kMaxPagesPerTask;
    if (more) {
        ++m_page;
        fetchPage();
        return;
    }
    if (++m_taskIndex < m_tasks.size()) {
        m_page = 1;
        fetchPage();
        return;
    }
    m_done = true;
    Q_EMIT finished(ModelCatalog::parseSearchResults(m_items));
}

void CatalogFetch::fail(const ApiError& e)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(e);
}

} // namespace flarechat
