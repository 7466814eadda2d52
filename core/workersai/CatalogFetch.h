#pragma once

#include "openai/ApiError.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelInfo.h"
#include "workersai/UpstreamCall.h"

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace flarechat {

class WorkersAiClient;

// Fetches the live model catalog: pages through GET /accounts/{id}/ai/models/search for each
// task (Text Generation, Text Embeddings) and parses the items. The caller merges the result
// over the built-in catalog (ModelCatalog::mergeLive) and caches it (ModelCatalog::saveCache).
class CatalogFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogFetch)

public:
    explicit CatalogFetch(WorkersAiClient* client, QObject* parent = nullptr);
    ~CatalogFetch() override;

    void setTasks(const QStringList& tasks) { m_tasks = tasks; }
    void setPageSize(int perPage) { m_perPage = perPage; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void start();
    void cancel();

    int pagesFetched() const { return m_pagesFetched; }

    // Where the live catalog is cached between runs.
    static QString defaultCachePath();

Q_SIGNALS:
    void finished(const QList<flarechat::ModelInfo>& models);
    void failed(const flarechat::ApiError& error);

private:
    void fetchPage();
    void onReply(const UpstreamCall::Reply& reply);
    void fail(const ApiError& e);

    QPointer<WorkersAiClient> m_client;
    Endpoint m_endpoint;
    QStringList m_tasks {QStringLiteral("Text Generation"), QStringLiteral("Text Embeddings")};
    int m_taskIndex = 0;
    int m_page = 1;
    int m_perPage = 100;
    int m_pagesFetched = 0;
    int m_timeoutMs = 30000;
    static constexpr int kMaxPagesPerTask = 50;
    QJsonArray m_items;
    UpstreamCall m_call;
    bool m_done = false;
};

} // namespace flarechat
