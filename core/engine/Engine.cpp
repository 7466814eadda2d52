#include "Engine.h"

#include "engine/EmbeddingJob.h"
#include "workersai/CompletionJob.h"
#include "workersai/WorkersAiClient.h"

#include <utility>

namespace flarechat {

Engine::Engine(QObject* parent)
    : QObject(parent)
    , m_client(new WorkersAiClient(this))
    , m_catalog(ModelCatalog::builtIn())
{
}

Engine::~Engine() = default;

void Engine::configure(const Config& config)
{
    m_client->setEndpoint(config.endpoint);
    m_client->setOptions(config.client);
    m_catalog = config.catalog;
    m_quota = config.quota;
    m_meter = config.meter;
    m_clock = config.clock;
}

void Engine::setEndpoint(const Endpoint& endpoint)
{
    m_client->setEndpoint(endpoint);
}

const Endpoint& Engine::endpoint() const
{
    return m_client->endpoint();
}

void Engine::setOptions(const ClientOptions& options)
{
    m_client->setOptions(options);
}

bool Engine::checkCredentials(ApiError* error) const
{
    if (m_client->endpoint().hasCredentials())
        return true;
    if (error) {
        *error = ApiError::upstream(401, ErrorType::Authentication,
            QStringLiteral(
                "FlareChat has no Cloudflare credentials. Set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN, "
                "or enter them in FlareChat's settings."),
            ErrorCode::MissingCredentials);
    }
    return false;
}

CompletionJob* Engine::chat(const ChatRequest& request, ApiError* error)
{
    ApiError local;
    ApiError* err = error ? error : &local;
    const ModelCatalog::Resolved resolved = m_catalog.resolveForRequest(request.model, now().date(), err);
    if (resolved.model.id.isEmpty())
        return nullptr;
    if (!checkCredentials(err))
        return nullptr;
    QuotaState::Ticket ticket;
    if (!admit(&ticket, err))
        return nullptr;
    CompletionJob* job = m_client->chat(request, resolved.model);
    job->setReplacedFrom(resolved.replacedFrom);
    watch(job, ticket);
    count(job, request);
    return job;
}

EmbeddingJob* Engine::embed(const QString& modelName, const QStringList& texts, ApiError* error)
{
    ApiError local;
    ApiError* err = error ? error : &local;
    const ModelInfo model = m_catalog.resolveForRequest(modelName, now().date(), err).model;
    if (model.id.isEmpty())
        return nullptr;
    if (!model.isEmbedding() && m_catalog.find(modelName)) {
        *err = ApiError::invalidRequest(
            QStringLiteral("The model '%1' is not an embedding model; use one such as bge-m3.").arg(modelName),
            QStringLiteral("model"), ErrorCode::ModelNotSupported);
        return nullptr;
    }
    if (!checkCredentials(err))
        return nullptr;
    QuotaState::Ticket ticket;
    if (!admit(&ticket, err))
        return nullptr;
    auto* job = new EmbeddingJob(m_client, model.id, texts, m_client);
    job->start();
    watch(job, ticket);
    count(job, model);
    return job;
}

bool Engine::admit(QuotaState::Ticket* ticket, ApiError* error)
{
    if (!m_quota)
        return true;
    *ticket = m_quota->admit(m_client->endpoint().accountId, error);
    return ticket->isAdmitted();
}

// The jobs report asynchronously (never from start()), so connecting after it misses nothing, and
// before the caller's own connections: a caller retrying from its failed() handler already meets
// the state this failure taught. The lambdas hold the state itself, which outlives any engine.
void Engine::watch(CompletionJob* job, const QuotaState::Ticket& ticket)
{
    if (!m_quota)
        return;
    const std::shared_ptr<QuotaState> quota = m_quota;
    // The first token already proves the account is answered: a long probe does not hold the rest.
    connect(job, &CompletionJob::delta, job, [quota, ticket, told = false]() mutable {
        if (!std::exchange(told, true))
            quota->succeeded(ticket);
    });
    connect(job, &CompletionJob::finished, job, [quota, ticket] { quota->succeeded(ticket); });
    connect(job, &CompletionJob::failed, job, [quota, ticket](const ApiError& e) { quota->failed(ticket, e); });
    connect(job, &CompletionJob::cancelled, job, [quota, ticket] { quota->ended(ticket); });
    // Deleted without any outcome: the probe's place must not stay taken.
    connect(job, &QObject::destroyed, job, [quota, ticket] { quota->ended(ticket); });
}

void Engine::watch(EmbeddingJob* job, const QuotaState::Ticket& ticket)
{
    if (!m_quota)
        return;
    const std::shared_ptr<QuotaState> quota = m_quota;
    connect(job, &EmbeddingJob::finished, job, [quota, ticket] { quota->succeeded(ticket); });
    connect(job, &EmbeddingJob::failed, job, [quota, ticket](const ApiError& e) { quota->failed(ticket, e); });
    // EmbeddingJob::cancel() says nothing; it is deleted after it.
    connect(job, &QObject::destroyed, job, [quota, ticket] { quota->ended(ticket); });
}

// A reply is counted when it ends with Workers AI's usage; one without usage is counted from its
// length (4 characters a token) so that the meter does not stay at zero for a model that says
// nothing. A stopped reply is counted the same way, from the request's and the streamed text's
// length: Workers AI reports no usage for it, but the tokens it made before the stop are spent.
void Engine::count(CompletionJob* job, const ChatRequest& request)
{
    if (!m_meter)
        return;
    const std::shared_ptr<NeuronMeter> meter = m_meter;
    const ModelInfo model = job->model();
    auto streamed = std::make_shared<qint64>(0); // characters of content and reasoning so far
    connect(job, &CompletionJob::delta, job,
        [streamed](const ChatDelta& d) { *streamed += d.content.size() + d.reasoning.size(); });
    qint64 promptChars = 0;
    for (const ChatMessage& m : request.messages)
        promptChars += m.textContent().size();
    connect(
        job, &CompletionJob::cancelled, this,
        [meter, model, streamed, promptChars] {
            if (*streamed == 0)
                return; // stopped before the first token: nothing is known to be spent
            Usage usage;
            usage.valid = true;
            usage.promptTokens = (promptChars + 3) / 4;
            usage.completionTokens = (*streamed + 3) / 4;
            meter->record(model.id, usage, model.estimateNeurons(usage.promptTokens, usage.completionTokens));
        },
        Qt::QueuedConnection);
    // Queued: the client gets the end of its reply before the meter writes its file.
    connect(
        job, &CompletionJob::finished, this,
        [meter, model](const ChatResult& result) {
            Usage usage = result.usage;
            if (!usage.valid || usage.isZero())
                usage.completionTokens = (result.content.size() + result.reasoning.size() + 3) / 4;
            meter->record(model.id, usage,
                model.estimateNeurons(usage.promptTokens, usage.completionTokens, qMax<qint64>(0, usage.cachedTokens)));
        },
        Qt::QueuedConnection);
}

void Engine::count(EmbeddingJob* job, const ModelInfo& model)
{
    if (!m_meter)
        return;
    const std::shared_ptr<NeuronMeter> meter = m_meter;
    connect(job, &EmbeddingJob::finished, job, [this, meter, job, model] {
        Usage usage;
        usage.promptTokens = qMax<qint64>(0, job->promptTokens());
        QMetaObject::invokeMethod(
            this,
            [meter, model, usage] { meter->record(model.id, usage, model.estimateNeurons(usage.promptTokens, 0)); },
            Qt::QueuedConnection);
    });
}

} // namespace flarechat
