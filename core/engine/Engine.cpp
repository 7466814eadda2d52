#include "Engine.h"

#include "engine/EmbeddingJob.h"
#include "workersai/CompletionJob.h"
#include "workersai/WorkersAiClient.h"

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
    CompletionJob* job = m_client->chat(request, resolved.model);
    job->setReplacedFrom(resolved.replacedFrom);
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
    auto* job = new EmbeddingJob(m_client, model.id, texts, m_client);
    job->start();
    return job;
}

} // namespace flarechat
