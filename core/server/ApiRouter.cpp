#include "ApiRouter.h"

#include "anthropic/MessagesError.h"
#include "anthropic/MessagesRequestReader.h"
#include "anthropic/MessagesWire.h"
#include "engine/EmbeddingJob.h"
#include "engine/Engine.h"
#include "openai/ChatRequestReader.h"
#include "openai/CompletionsWire.h"
#include "openai/EmbeddingsWire.h"
#include "openai/JsonBody.h"
#include "openai/ModelsWire.h"
#include "server/AnthropicSession.h"
#include "workersai/CompletionJob.h"
#include "workersai/RequestTranslator.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUuid>

#include <utility>

namespace flarechat {

namespace {

QString routeOf(const QString& path)
{
    QString p = path;
    if (p.startsWith(QLatin1String("/v1/")))
        p = p.mid(3);
    else if (p == QLatin1String("/v1"))
        p = QStringLiteral("/");
    if (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}

// An error response in the request's face: OpenAI's {"error":{...}} or Anthropic's
// {"type":"error",...} with Anthropic's status for it.
void respondError(HttpExchange* ex, const ApiError& error, HttpHeaders headers = {})
{
    if (error.retryAfterSeconds >= 0)
        headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
    if (MessagesError::isAnthropicClient(ex->request()))
        ex->respondJson(MessagesError::map(error).status, MessagesError::body(error), headers);
    else
        ex->respondJson(error.httpStatus, error.toJson(), headers);
}

ApiError methodNotAllowed(const QByteArray& method, const QString& path)
{
    ApiError e = ApiError::invalidRequest(
        QStringLiteral("Method %1 is not allowed on %2.").arg(QString::fromLatin1(method), path));
    e.httpStatus = 405;
    e.code = ErrorCode::MethodNotAllowed;
    return e;
}

} // namespace

// A client's own x-session-affinity goes on to Workers AI (OpenCode and others set one per
// session, for prompt-cache hits). Only a plain token: it becomes a header of ours.
QString ApiRouter::sessionAffinity(const HttpRequest& request)
{
    const QByteArray value = request.header("x-session-affinity").trimmed();
    if (value.isEmpty() || value.size() > 256)
        return {};
    for (char c : value) {
        if (c <= 0x20 || c >= 0x7f)
            return {};
    }
    return QString::fromLatin1(value);
}

ApiRouter::ApiRouter(Engine* engine, const AccessPolicy& policy, const Options& options, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_policy(policy)
    , m_options(options)
    , m_started(QDateTime::currentSecsSinceEpoch())
{
    m_uptime.start();
}

void ApiRouter::drainStarted()
{
    m_draining = true;
}

void ApiRouter::abortInFlight()
{
    const ApiError error = ApiError::shuttingDown();
    const QList<QPointer<CompletionSession>> sessions = std::exchange(m_sessions, {});
    for (const QPointer<CompletionSession>& session : sessions) {
        if (session)
            session->abort(error);
    }
    const QList<RunningEmbedding> embeddings = std::exchange(m_embeddings, {});
    for (const RunningEmbedding& running : embeddings) {
        if (!running.job)
            continue; // answered already
        running.job->cancel(); // the upstream request ends; no signal follows
        running.job->deleteLater();
        if (running.exchange && !running.exchange->isAnswered())
            fail(running.exchange, error, running.model);
    }
}

void ApiRouter::handle(HttpExchange* ex)
{
    if (m_draining) {
        fail(ex, ApiError::shuttingDown());
        return;
    }
    const HttpRequest& req = ex->request();
    const AccessPolicy::Decision d = m_policy.check(req, ex->peerAddress());
    if (d.preflight) {
        ex->respond(d.status, QByteArray(), QByteArray(), d.headers);
        record(ex, d.status, {});
        return;
    }
    if (!d.allowed) {
        respondError(ex, d.error, d.headers);
        record(ex, d.status, {}, -1, {}, d.error.message);
        return;
    }
    for (const auto& h : d.headers)
        ex->addResponseHeader(h.first, h.second);
    // OpenAI sends one; the SDKs expose it as _request_id for support and logs.
    const QByteArray requestId = "req_" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    ex->addResponseHeader("x-request-id", requestId);
    if (MessagesError::isAnthropicClient(req))
        ex->addResponseHeader("request-id", requestId); // the name Anthropic's SDKs read

    const QString route = routeOf(req.path);
    const QByteArray& m = req.method;
    auto allow = [&](const char* methods) {
        HttpHeaders headers {{"Allow", methods}};
        const ApiError e = methodNotAllowed(m, req.path);
        respondError(ex, e, headers);
        record(ex, 405, {}, -1, {}, e.message);
    };

    if (route == QLatin1String("/health")) {
        if (m == "GET" || m == "HEAD")
            return routeHealth(ex);
        return allow("GET, HEAD");
    }
    if (route == QLatin1String("/")) { // Claude Code looks before it talks
        if (m == "GET" || m == "HEAD") {
            ex->respondJson(200, QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
            record(ex, 200, {});
            return;
        }
        return allow("GET, HEAD");
    }
    if (route == QLatin1String("/models")) {
        if (m == "GET")
            return req.hasHeader("anthropic-version") ? routeAnthropicModels(ex) : routeModels(ex);
        return allow("GET");
    }
    if (route.startsWith(QLatin1String("/models/"))) {
        if (m == "GET")
            return routeModel(ex, route.mid(8));
        return allow("GET");
    }
    if (route == QLatin1String("/chat/completions")) {
        if (m == "POST")
            return routeChat(ex);
        return allow("POST");
    }
    if (route == QLatin1String("/completions")) {
        if (m == "POST")
            return routeCompletions(ex);
        return allow("POST");
    }
    if (route == QLatin1String("/embeddings")) {
        if (m == "POST")
            return routeEmbeddings(ex);
        return allow("POST");
    }
    if (route == QLatin1String("/messages")) { // ?beta=true and other queries: the same route
        if (m == "POST")
            return routeMessages(ex);
        return allow("POST");
    }
    if (route == QLatin1String("/responses")) {
        if (m == "POST")
            return routeResponses(ex);
        return allow("POST");
    }
    if (route.startsWith(QLatin1String("/responses/"))) {
        if (m == "GET" || m == "DELETE")
            return routeStoredResponse(ex, route.mid(11));
        return allow("GET, DELETE");
    }
    if (route == QLatin1String("/messages/count_tokens")) {
        if (m == "POST")
            return routeCountTokens(ex);
        return allow("POST");
    }
    ApiError e = ApiError::notFound(
        QStringLiteral("Unknown request URL: %1 %2. FlareChat serves /v1/chat/completions, /v1/completions, "
                       "/v1/embeddings, /v1/messages, /v1/responses, /v1/models and /health.")
            .arg(QString::fromLatin1(m), req.path),
        ErrorCode::UnknownUrl);
    fail(ex, e);
}

void ApiRouter::fail(HttpExchange* ex, const ApiError& error, const QString& model)
{
    respondError(ex, error);
    record(ex, ex->status(), model, -1, {}, error.message);
}

bool ApiRouter::parseBody(HttpExchange* ex, QJsonObject* body)
{
    ApiError error;
    const std::optional<QJsonObject> object = readJsonObject(ex->request().body, &error);
    if (!object) {
        fail(ex, error);
        return false;
    }
    *body = *object;
    return true;
}

void ApiRouter::routeHealth(HttpExchange* ex)
{
    QJsonArray aliases;
    for (const ModelInfo& info : m_engine->catalog().textModels()) {
        if (!info.alias.isEmpty())
            aliases.append(info.alias);
    }
    const QJsonObject o {
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("version"), QStringLiteral(FLARECHAT_VERSION)},
        {QStringLiteral("credentials_configured"), m_engine->endpoint().hasCredentials()},
        {QStringLiteral("uptime_seconds"), m_uptime.elapsed() / 1000},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("models"), aliases},
    };
    if (ex->request().method == "HEAD")
        ex->respond(200, "application/json", QByteArray());
    else
        ex->respondJson(200, o);
    record(ex, 200, {});
}

namespace {
ModelsWire::Entry listEntry(const QString& name, const ModelInfo& model, qint64 created)
{
    return {name, created, model.paidOnly, model.contextWindow};
}
} // namespace

void ApiRouter::routeModels(HttpExchange* ex)
{
    QList<ModelsWire::Entry> entries;
    const QList<ModelCatalog::ListedName> names = m_engine->catalog().listedNames(m_engine->now().date());
    for (const ModelCatalog::ListedName& n : names)
        entries.append(listEntry(n.name, n.model, m_started));
    ex->respondJson(200, ModelsWire::list(entries));
    record(ex, 200, {});
}

void ApiRouter::routeModel(HttpExchange* ex, const QString& id)
{
    const ModelCatalog::Resolved resolved = m_engine->catalog().find(id)
        ? m_engine->catalog().resolveForRequest(id, m_engine->now().date())
        : ModelCatalog::Resolved();
    if (resolved.model.id.isEmpty()) {
        ApiError e
            = ApiError::notFound(QStringLiteral("The model '%1' does not exist.").arg(id), ErrorCode::ModelNotFound);
        e.param = QStringLiteral("model");
        return fail(ex, e, id);
    }
    ex->respondJson(200, ModelsWire::model(listEntry(id, resolved.model, m_started))); // named as the client asked
    record(ex, 200, id);
}

void ApiRouter::startSession(HttpExchange* ex, CompletionJob* job, CompletionSession* session, const QString& model,
    const QString& requested, const QStringList& extraNotes)
{
    ++m_activeSessions;
    m_sessions.removeAll(nullptr);
    m_sessions.append(session);
    QPointer<HttpExchange> guard(ex);
    QStringList notes;
    if (!requested.isEmpty() && requested != model)
        notes.append(QStringLiteral("asked for %1").arg(requested));
    // A retired model's request runs on its replacement: the client is told in a header, the
    // log says so.
    if (!job->replacedFrom().isEmpty()) {
        const QString replaced = QStringLiteral("%1 -> %2").arg(job->replacedFrom(), job->model().id);
        ex->addResponseHeader("x-flarechat-model-replaced", replaced.toUtf8());
        notes.append(QStringLiteral("model replaced: %1 (retired by Cloudflare)").arg(replaced));
    }
    notes.append(extraNotes);
    const QString note = notes.join(QStringLiteral("; "));
    connect(session, &CompletionSession::done, this, [this, guard, model, note](const CompletionSession::Outcome& o) {
        --m_activeSessions;
        if (guard)
            record(guard, o.status, model, o.ttftMs, o.usage, o.error, note);
    });
}

void ApiRouter::routeChat(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    ApiError error;
    std::optional<ChatRequest> request = ChatRequestReader::read(body, &error);
    if (!request)
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    request->sessionAffinity = sessionAffinity(ex->request());
    CompletionJob* job = m_engine->chat(*request, &error);
    if (!job)
        return fail(ex, error, request->model);
    OpenAiCompletionSession::Options o;
    o.kind = OpenAiCompletionSession::Kind::Chat;
    o.model = request->model;
    o.stream = request->stream;
    o.includeUsage = request->includeUsage;
    o.inlineReasoning = m_options.inlineReasoning;
    o.keepAliveMs = m_options.keepAliveMs;
    startSession(ex, job, new OpenAiCompletionSession(ex, job, o, this), o.model);
}

void ApiRouter::routeCompletions(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    ApiError error;
    std::optional<CompletionsWire::Request> request = CompletionsWire::readRequest(body, &error);
    if (!request)
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    request->chat.sessionAffinity = sessionAffinity(ex->request());
    CompletionJob* job = m_engine->chat(request->chat, &error);
    if (!job)
        return fail(ex, error, request->chat.model);
    OpenAiCompletionSession::Options o;
    o.kind = OpenAiCompletionSession::Kind::Text;
    o.model = request->chat.model;
    o.stream = request->chat.stream;
    o.includeUsage = request->chat.includeUsage;
    o.echoPrefix = request->echoPrefix;
    o.keepAliveMs = m_options.keepAliveMs;
    startSession(ex, job, new OpenAiCompletionSession(ex, job, o, this), o.model);
}

void ApiRouter::routeEmbeddings(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    ApiError error;
    const std::optional<EmbeddingsWire::Request> request = EmbeddingsWire::readRequest(body, &error);
    if (!request)
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    const QString model = request->model;
    const bool base64 = request->base64;
    EmbeddingJob* job = m_engine->embed(model, request->texts, &error);
    if (!job)
        return fail(ex, error, model);
    QPointer<HttpExchange> guard(ex);
    m_embeddings.removeIf([](const RunningEmbedding& r) { return r.job.isNull(); });
    m_embeddings.append({job, guard, model});
    connect(ex, &HttpExchange::clientGone, job, [job] {
        job->cancel();
        job->deleteLater();
    });
    connect(job, &EmbeddingJob::failed, this, [this, guard, job, model](const ApiError& e) {
        job->deleteLater();
        if (guard)
            fail(guard, e, model);
    });
    connect(job, &EmbeddingJob::finished, this, [this, guard, job, model, base64] {
        job->deleteLater();
        if (!guard)
            return;
        guard->respondJson(200, EmbeddingsWire::response(model, job->vectors(), base64, job->promptTokens()));
        Usage u;
        u.valid = job->promptTokens() >= 0;
        u.promptTokens = qMax<qint64>(0, job->promptTokens());
        record(guard, 200, model, -1, u);
    });
}

bool ApiRouter::readMessages(HttpExchange* ex, ChatRequest* request, bool forCounting)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return false;
    ApiError error;
    std::optional<ChatRequest> read = MessagesRequestReader::read(body, &error, forCounting);
    if (!read) {
        fail(ex, error, body.value(QStringLiteral("model")).toString());
        return false;
    }
    *request = *read;
    request->sessionAffinity = sessionAffinity(ex->request());
    return true;
}

void ApiRouter::routeMessages(HttpExchange* ex)
{
    ChatRequest request;
    if (!readMessages(ex, &request))
        return;
    const QString requested = request.model; // echoed back: Claude Code checks the name it asked for
    request.model = m_options.claudeModels.resolve(requested);
    ApiError error;
    CompletionJob* job = m_engine->chat(request, &error);
    if (!job)
        return fail(ex, error, request.model);
    AnthropicSession::Options o;
    o.model = requested;
    o.stream = request.stream;
    o.estimatedInputTokens = RequestTranslator::estimatePromptTokens(request, job->model());
    o.keepAliveMs = m_options.keepAliveMs;
    startSession(ex, job, new AnthropicSession(ex, job, o, this), request.model, requested);
}

void ApiRouter::routeCountTokens(HttpExchange* ex)
{
    ChatRequest request;
    if (!readMessages(ex, &request, true))
        return;
    const QString model = m_options.claudeModels.resolve(request.model);
    ApiError error;
    const ModelCatalog::Resolved resolved
        = m_engine->catalog().resolveForRequest(model, m_engine->now().date(), &error);
    if (resolved.model.id.isEmpty()) {
        if (!error.isValid())
            error = ApiError::notFound(
                QStringLiteral("The model '%1' does not exist.").arg(model), ErrorCode::ModelNotFound);
        return fail(ex, error, model);
    }
    ex->respondJson(200, MessagesWire::countTokens(RequestTranslator::estimatePromptTokens(request, resolved.model)));
    record(ex, 200, model);
}

void ApiRouter::routeAnthropicModels(HttpExchange* ex)
{
    QList<MessagesWire::ModelEntry> entries;
    const QList<ModelCatalog::ListedName> names = m_engine->catalog().listedNames(m_engine->now().date());
    for (const ModelCatalog::ListedName& n : names)
        entries.append({n.name, n.model.displayName, m_started});
    ex->respondJson(200, MessagesWire::modelsList(entries));
    record(ex, 200, {});
}

void ApiRouter::record(HttpExchange* ex, int status, const QString& model, qint64 ttftMs, const Usage& usage,
    const QString& error, const QString& note)
{
    if (!m_recorder)
        return;
    RequestLogRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.client = QStringLiteral("%1:%2").arg(ex->peerAddress().toString()).arg(ex->peerPort());
    r.method = ex->request().method;
    r.path = ex->request().path;
    r.model = model;
    r.status = status;
    r.latencyMs = ex->elapsedMs();
    r.ttftMs = ttftMs;
    r.promptTokens = usage.promptTokens;
    r.completionTokens = usage.completionTokens;
    if (status == 200 && (usage.promptTokens > 0 || usage.completionTokens > 0)) {
        if (const std::optional<ModelInfo> info = m_engine->catalog().find(model))
            r.neurons = info->estimateNeurons(
                usage.promptTokens, usage.completionTokens, qMax<qint64>(0, usage.cachedTokens));
    }
    r.error = error;
    r.note = note;
    for (const HttpRequest::Header& h : ex->request().headers)
        r.headers.append({h.name, h.value}); // redacted by the log before anyone sees them
    m_recorder(r);
}

} // namespace flarechat
