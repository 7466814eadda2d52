#pragma once

#include "engine/NeuronMeter.h"
#include "engine/QuotaState.h"
#include "openai/ChatTypes.h"
#include "workersai/ClientOptions.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelCatalog.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace flarechat {

class CompletionJob;
class EmbeddingJob;
class WorkersAiClient;

// The one engine both faces use (the window and the local API server): resolves the model a
// client named against the catalog, then runs the request through the Workers AI client.
// Lives on one thread; the API server has an engine of its own on its thread. With a QuotaState
// every request first asks it: an account whose daily allocation is spent is answered here.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    // Everything an engine runs with; config/EngineConfig builds it from the settings, the
    // credentials and the catalog, alike for the window, `serve` and `ask`.
    struct Config
    {
        Endpoint endpoint; // where Workers AI is, with the credentials and proxy
        ClientOptions client; // timeouts, retries, default max_tokens
        ModelCatalog catalog = ModelCatalog::builtIn();
        // Which accounts have spent today's free allocation: EngineConfig gives every engine of the
        // process the same one (EngineConfig::quota()). Null: requests are never held.
        std::shared_ptr<QuotaState> quota;
        // Today's neurons: every reply is counted in it (EngineConfig::meter()). Null: not counted.
        std::shared_ptr<NeuronMeter> meter;
        // "Now" (UTC) for the engine's decisions (which models Cloudflare has retired); null: the
        // real time. Tests inject one, also into an ApiServer's engine.
        std::function<QDateTime()> clock;
    };

    explicit Engine(QObject* parent = nullptr);
    ~Engine() override;

    // Applies a whole configuration; requests from now on use it, those running keep theirs.
    void configure(const Config& config);

    void setEndpoint(const Endpoint& endpoint);
    const Endpoint& endpoint() const;
    void setOptions(const ClientOptions& options);
    void setCatalog(const ModelCatalog& catalog) { m_catalog = catalog; }
    const ModelCatalog& catalog() const { return m_catalog; }
    WorkersAiClient* client() const { return m_client; }
    void setQuota(std::shared_ptr<QuotaState> quota) { m_quota = std::move(quota); }
    const std::shared_ptr<QuotaState>& quota() const { return m_quota; }
    void setMeter(std::shared_ptr<NeuronMeter> meter) { m_meter = std::move(meter); }
    const std::shared_ptr<NeuronMeter>& meter() const { return m_meter; }

    // "Now" (UTC) for the engine's decisions: which models Cloudflare has retired. Tests inject one.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    // Starts a chat completion, or returns nullptr and fills *error (unknown model: 404;
    // no credentials: 401; the account's daily allocation spent: 429 insufficient_quota, without
    // asking Cloudflare). The job reports everything else. A request for a model Cloudflare has
    // retired runs on its replacement (CompletionJob::replacedFrom() says so).
    CompletionJob* chat(const ChatRequest& request, ApiError* error);

    // Starts an embeddings request for the texts, or returns nullptr and fills *error.
    EmbeddingJob* embed(const QString& model, const QStringList& texts, ApiError* error);

private:
    bool checkCredentials(ApiError* error) const;
    // Asks the quota state whether the request may go out; false with *error when it may not.
    bool admit(QuotaState::Ticket* ticket, ApiError* error);
    // Tells the quota state how the job ends, and the meter what it used.
    void watch(CompletionJob* job, const QuotaState::Ticket& ticket);
    void watch(EmbeddingJob* job, const QuotaState::Ticket& ticket);
    void count(CompletionJob* job, const ChatRequest& request);
    void count(EmbeddingJob* job, const ModelInfo& model);

    WorkersAiClient* m_client;
    ModelCatalog m_catalog;
    std::function<QDateTime()> m_clock;
    std::shared_ptr<QuotaState> m_quota;
    std::shared_ptr<NeuronMeter> m_meter;
};

} // namespace flarechat
