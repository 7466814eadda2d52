#pragma once

#include "anthropic/ClaudeModelMap.h"
#include "responses/ResponseStore.h"
#include "server/AccessPolicy.h"
#include "server/HttpExchange.h"
#include "server/OpenAiCompletionSession.h"
#include "server/RequestLog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace flarechat {

class EmbeddingJob;
class Engine;

// The local API: access checks first (Host, CORS, key), then the routes — OpenAI's
// /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models[/{id}], Anthropic's
// /v1/messages and /v1/messages/count_tokens, OpenAI's Responses API (/v1/responses, GET and
// DELETE /v1/responses/{id}; ApiRouterResponses.cpp), /health and HEAD / (each also without the
// /v1 prefix, for clients configured with a bare base URL). Errors use OpenAI's shape, and
// Anthropic's on /v1/messages* and on any request with an anthropic-version header (where
// /v1/models answers in Anthropic's list shape too); unknown paths are 404, wrong methods 405.
class ApiRouter final : public QObject, public HttpHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiRouter)

public:
    struct Options
    {
        bool inlineReasoning = false;
        int keepAliveMs = 15000;
        ClaudeModelMap claudeModels; // which model answers a claude-… name on /v1/messages
    };
    ApiRouter(Engine* engine, const AccessPolicy& policy, const Options& options, QObject* parent = nullptr);

    void handle(HttpExchange* exchange) override;
    // Shutting down: new requests get 503; at the end of the grace period every completion still
    // running ends with ApiError::shuttingDown() (an error event and [DONE] for a stream), every
    // embedding request with a 503, and their upstream requests are cancelled.
    void drainStarted() override;
    void abortInFlight() override;
    void setRecorder(std::function<void(const RequestLogRecord&)> recorder) { m_recorder = std::move(recorder); }
    // For requests from now on; those in flight keep what they started with.
    void setPolicy(const AccessPolicy& policy) { m_policy = policy; }
    void setOptions(const Options& options) { m_options = options; }
    Engine* engine() const { return m_engine; }
    int activeSessions() const { return m_activeSessions; }

private:
    void routeHealth(HttpExchange* ex);
    void routeModels(HttpExchange* ex);
    void routeModel(HttpExchange* ex, const QString& id);
    void routeChat(HttpExchange* ex);
    void routeCompletions(HttpExchange* ex);
    void routeEmbeddings(HttpExchange* ex);
    void routeMessages(HttpExchange* ex);
    void routeCountTokens(HttpExchange* ex);
    void routeAnthropicModels(HttpExchange* ex);
    void routeResponses(HttpExchange* ex);
    void routeStoredResponse(HttpExchange* ex, const QString& id); // GET or DELETE
    // A client's own x-session-affinity, passed on to Workers AI; empty when none or not a plain token.
    static QString sessionAffinity(const HttpRequest& request);
    // /v1/messages: the request read, its Claude name mapped; false when answered with an error.
    bool readMessages(HttpExchange* ex, ChatRequest* request, bool forCounting = false);
    bool parseBody(HttpExchange* ex, QJsonObject* body);
    void fail(HttpExchange* ex, const ApiError& error, const QString& model = {});
    void startSession(HttpExchange* ex, CompletionJob* job, CompletionSession* session, const QString& model,
        const QString& requested = {}, const QStringList& extraNotes = {});
    void record(HttpExchange* ex, int status, const QString& model, qint64 ttftMs = -1, const Usage& usage = {},
        const QString& error = {}, const QString& note = {});

    Engine* m_engine;
    AccessPolicy m_policy;
    Options m_options;
    std::function<void(const RequestLogRecord&)> m_recorder;
    QElapsedTimer m_uptime;
    qint64 m_started;
    int m_activeSessions = 0;
    QList<QPointer<CompletionSession>> m_sessions; // running
    struct RunningEmbedding
    {
        QPointer<EmbeddingJob> job;
        QPointer<HttpExchange> exchange;
        QString model;
    };
    QList<RunningEmbedding> m_embeddings;
    bool m_draining = false;
    ResponseStore m_responses; // for previous_response_id and GET /v1/responses/{id}
};

} // namespace flarechat
