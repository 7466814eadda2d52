#include "CatalogFetch.h"

#include "workersai/ModelCatalog.h"
#include "workersai/UpstreamError.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>

namespace flarechat {

CatalogFetch::CatalogFetch(WorkersAiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_clientGuard(client)
    , m_endpoint(client->endpoint())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        release(true);
        fail(UpstreamError::timeout(tr("the model list did not arrive within %1 s").arg(m_timeoutMs / 1000)));
    });
}

CatalogFetch::~CatalogFetch()
{
    release(true);
}

QString CatalogFetch::defaultCachePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/models-live.json");
}

void CatalogFetch::start()
{
    if (!m_endpoint.hasCredentials()) {
        QTimer::singleShot(0, this, [this] {
            fail(ApiError::upstream(401, QStringLiteral("authentication_error"),
                                    tr("No Cloudflare account id and API token are configured."),
                                    QStringLiteral("missing_credentials")));
        });
        return;
    }
    fetchPage();
}

void CatalogFetch::cancel()
{
    release(true);
    m_done = true;
}

void CatalogFetch::fetchPage()
{
    m_manager = m_client->acquireManager();
    QNetworkRequest req = m_endpoint.request(m_endpoint.modelsSearchUrl(m_tasks.at(m_taskIndex), m_page, m_perPage));
    m_reply = m_manager->get(req);
    connect(m_reply, &QNetworkReply::finished, this, &CatalogFetch::onReply);
    m_timer.start(m_timeoutMs);
}

void CatalogFetch::onReply()
{
    m_timer.stop();
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    release(false);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0 || reply->error() == QNetworkReply::ProxyAuthenticationRequiredError) {
        fail(UpstreamError::fromNetworkError(reply->error(), reply->errorString(), m_endpoint));
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    if (status >= 300 || !root.value(QStringLiteral("success")).toBool(false)) {
        fail(UpstreamError::fromReply(status >= 300 ? status : 502, body, reply->rawHeader("Retry-After")));
        return;
    }
    ++m_pagesFetched;
    const QJsonArray items = root.value(QStringLiteral("result")).toArray();
    for (const QJsonValue& v : items)
        m_items.append(v);

    // Stop at a short page, or when result_info says we have them all.
    const QJsonObject info = root.value(QStringLiteral("result_info")).toObject();
    const int total = info.value(QStringLiteral("total_count")).toInt(-1);
    const bool more = items.size() >= m_perPage && (total < 0 || m_page * m_perPage < total)
        && m_page < kMaxPagesPerTask;
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

void CatalogFetch::release(bool abort)
{
    if (m_manager && m_clientGuard)
        m_client->releaseManager(m_manager);
    m_manager = nullptr;
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        if (abort)
            reply->abort();
        reply->deleteLater();
    }
}

} // namespace flarechat
