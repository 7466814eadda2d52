#include "ApiRouter.h"

#include "engine/EmbeddingJob.h"
#include "engine/Engine.h"
#include "workersai/CompletionJob.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUuid>
#include <QtEndian>

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

ApiError methodNotAllowed(const QByteArray& method, const QString& path)
{
    ApiError e = ApiError::invalidRequest(
        QStringLiteral("Method %1 is not allowed on %2.").arg(QString::fromLatin1(method), path));
    e.httpStatus = 405;
    e.code = QStringLiteral("method_not_allowed");
    return e;
}

QByteArray floatsToBase64(const QVector<float>& v)
{
    QByteArray bytes(v.size() * 4, Qt::Uninitialized);
    for (int i = 0; i < v.size(); ++i)
        qToLittleEndian(v.at(i), bytes.data() + i * 4);
    return bytes.toBase64();
}

} // namespace

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
        ex->respondJson(d.status, d.error.toJson(), d.headers);
        record(ex, d.status, {}, -1, {}, d.error.message);
        return;
    }
    for (const auto& h : d.headers)
        ex->addResponseHeader(h.first, h.second);
    // OpenAI sends one; the SDKs expose it as _request_id for support and logs.
    ex->addResponseHeader("x-request-id", "req_" + QUuid::createUuid().toString(QUuid::Id128).toLatin1());

    const QString route = routeOf(req.path);
    const QByteArray& m = req.method;
    auto allow = [&](const char* methods) {
        HttpHeaders headers {{"Allow", methods}};
        const ApiError e = methodNotAllowed(m, req.path);
        ex->respondJson(405, e.toJson(), headers);
        record(ex, 405, {}, -1, {}, e.message);
    };

    if (route == QLatin1String("/health")) {
        if (m == "GET" || m == "HEAD")
            return routeHealth(ex);
        return allow("GET, HEAD");
    }
    if (route == QLatin1String("/models")) {
        if (m == "GET")
            return routeModels(ex);
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
    ApiError e = ApiError::notFound(
        QStringLiteral("Unknown request URL: %1 %2. FlareChat serves /v1/chat/completions, /v1/completions, "
                       "/v1/embeddings, /v1/models and /health.")
            .arg(QString::fromLatin1(m), req.path),
        QStringLiteral("unknown_url"));
    fail(ex, e);
}

void ApiRouter::fail(HttpExchange* ex, const ApiError& error, const QString& model)
{
    HttpHeaders headers;
    if (error.retryAfterSeconds >= 0)
        headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
    ex->respondJson(error.httpStatus, error.toJson(), headers);
    record(ex, error.httpStatus, model, -1, {}, error.message);
}

bool ApiRouter::parseBody(HttpExchange* ex, QJsonObject* body)
{
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(ex->request().body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(ex,
            ApiError::invalidRequest(pe.error != QJsonParseError::NoError
                    ? QStringLiteral("We could not parse the JSON body of your request (%1 at offset %2). "
                                     "The API expects a JSON object with Content-Type: application/json.")
                          .arg(pe.errorString())
                          .arg(pe.offset)
                    : QStringLiteral("The request body must be a JSON object."),
                {}, QStringLiteral("invalid_json")));
        return false;
    }
    *body = doc.object();
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

void ApiRouter::routeModels(HttpExchange* ex)
{
    ex->respondJson(200,
        QJsonObject {{QStringLiteral("object"), QStringLiteral("list")},
            {QStringLiteral("data"), m_engine->catalog().openAiModelList(m_started)}});
    record(ex, 200, {});
}

void ApiRouter::routeModel(HttpExchange* ex, const QString& id)
{
    const std::optional<ModelInfo> info = m_engine->catalog().find(id);
    if (!info) {
        ApiError e = ApiError::notFound(
            QStringLiteral("The model '%1' does not exist.").arg(id), QStringLiteral("model_not_found"));
        e.param = QStringLiteral("model");
        return fail(ex, e, id);
    }
    QJsonObject o = ModelCatalog::toOpenAiModel(*info, m_started);
    o.insert(QStringLiteral("id"), id); // as the client asked: alias or @cf id
    ex->respondJson(200, o);
    record(ex, 200, id);
}

void ApiRouter::startSession(HttpExchange* ex, CompletionJob* job, const CompletionSession::Options& options)
{
    auto* session = new CompletionSession(ex, job, options, this);
    ++m_activeSessions;
    m_sessions.removeAll(nullptr);
    m_sessions.append(session);
    QPointer<HttpExchange> guard(ex);
    const QString model = options.model;
    connect(session, &CompletionSession::done, this, [this, guard, model](const CompletionSession::Outcome& o) {
        --m_activeSessions;
        if (guard)
            record(guard, o.status, model, o.ttftMs, o.usage, o.error);
    });
}

void ApiRouter::routeChat(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    ApiError error;
    const std::optional<ChatRequest> request = ChatRequest::fromJson(body, &error);
    if (!request)
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    CompletionJob* job = m_engine->chat(*request, &error);
    if (!job)
        return fail(ex, error, request->model);
    CompletionSession::Options o;
    o.kind = CompletionSession::Kind::Chat;
    o.model = request->model;
    o.stream = request->stream;
    o.includeUsage = request->includeUsage;
    o.inlineReasoning = m_options.inlineReasoning;
    o.keepAliveMs = m_options.keepAliveMs;
    startSession(ex, job, o);
}

void ApiRouter::routeCompletions(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const QJsonValue prompt = body.value(QStringLiteral("prompt"));
    QString text;
    if (prompt.isString()) {
        text = prompt.toString();
    } else if (prompt.isArray() && prompt.toArray().size() == 1 && prompt.toArray().first().isString()) {
        text = prompt.toArray().first().toString();
    } else if (prompt.isArray() && prompt.toArray().size() > 1) {
        return fail(ex,
            ApiError::invalidRequest(
                QStringLiteral("prompt: only one prompt per request is supported."), QStringLiteral("prompt")));
    } else {
        return fail(ex,
            ApiError::invalidRequest(QStringLiteral("prompt: expected a string (token arrays are not "
                                                    "supported)."),
                QStringLiteral("prompt")));
    }
    if (!body.value(QStringLiteral("suffix")).toString().isEmpty())
        return fail(ex,
            ApiError::invalidRequest(
                QStringLiteral("suffix: insertion is not supported by Workers AI."), QStringLiteral("suffix")));
    const QJsonValue logprobs = body.value(QStringLiteral("logprobs"));
    if (!logprobs.isNull() && !logprobs.isUndefined() && logprobs.toInt() != 0)
        return fail(ex,
            ApiError::invalidRequest(
                QStringLiteral("logprobs: log probabilities are not supported."), QStringLiteral("logprobs")));
    const bool echo = body.value(QStringLiteral("echo")).toBool(false);

    // The rest is validated by the chat parser, so parameter errors read the same everywhere.
    QJsonObject chat = body;
    for (const char* key : {"prompt", "suffix", "echo", "logprobs", "best_of"})
        chat.remove(QLatin1String(key));
    chat.insert(QStringLiteral("messages"),
        QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}});
    if (!chat.contains(QStringLiteral("max_tokens")))
        chat.insert(QStringLiteral("max_tokens"), 16); // OpenAI's default for /v1/completions
    ApiError error;
    const std::optional<ChatRequest> request = ChatRequest::fromJson(chat, &error);
    if (!request) {
        if (error.param.startsWith(QLatin1String("messages")))
            error.param = QStringLiteral("prompt");
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    }
    CompletionJob* job = m_engine->chat(*request, &error);
    if (!job)
        return fail(ex, error, request->model);
    CompletionSession::Options o;
    o.kind = CompletionSession::Kind::Text;
    o.model = request->model;
    o.stream = request->stream;
    o.includeUsage = request->includeUsage;
    o.echoPrefix = echo ? text : QString();
    o.keepAliveMs = m_options.keepAliveMs;
    startSession(ex, job, o);
}

void ApiRouter::routeEmbeddings(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    const QJsonValue modelV = body.value(QStringLiteral("model"));
    if (!modelV.isString() || modelV.toString().isEmpty())
        return fail(
            ex, ApiError::invalidRequest(QStringLiteral("model: required, e.g. \"bge-m3\"."), QStringLiteral("model")));
    const QString model = modelV.toString();
    const QJsonValue input = body.value(QStringLiteral("input"));
    QStringList texts;
    if (input.isString()) {
        texts << input.toString();
    } else if (input.isArray() && !input.toArray().isEmpty()) {
        const QJsonArray arr = input.toArray();
        for (int i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString()) {
                const QString param = QStringLiteral("input[%1]").arg(i);
                return fail(ex,
                    ApiError::invalidRequest(
                        QStringLiteral("%1: expected a string (token arrays are not supported).").arg(param), param),
                    model);
            }
            texts << arr.at(i).toString();
        }
    } else {
        return fail(ex,
            ApiError::invalidRequest(
                QStringLiteral("input: expected a string or a non-empty array of strings."), QStringLiteral("input")),
            model);
    }
    for (int i = 0; i < texts.size(); ++i) {
        if (texts.at(i).isEmpty()) {
            const QString param = input.isString() ? QStringLiteral("input") : QStringLiteral("input[%1]").arg(i);
            return fail(
                ex, ApiError::invalidRequest(QStringLiteral("%1: must not be empty.").arg(param), param), model);
        }
    }
    const QString format = body.value(QStringLiteral("encoding_format")).toString(QStringLiteral("float"));
    if (format != QLatin1String("float") && format != QLatin1String("base64"))
        return fail(ex,
            ApiError::invalidRequest(QStringLiteral("encoding_format: expected \"float\" or \"base64\"."),
                QStringLiteral("encoding_format")),
            model);
    if (body.contains(QStringLiteral("dimensions")) && !body.value(QStringLiteral("dimensions")).isNull())
        return fail(ex,
            ApiError::invalidRequest(QStringLiteral("dimensions: Workers AI embedding models have a fixed "
                                                    "size; leave dimensions out."),
                QStringLiteral("dimensions")),
            model);

    ApiError error;
    EmbeddingJob* job = m_engine->embed(model, texts, &error);
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
    connect(job, &EmbeddingJob::finished, this, [this, guard, job, model, format] {
        job->deleteLater();
        if (!guard)
            return;
        QJsonArray data;
        const QList<QVector<float>>& vectors = job->vectors();
        for (int i = 0; i < vectors.size(); ++i) {
            QJsonValue embedding;
            if (format == QLatin1String("base64")) {
                embedding = QString::fromLatin1(floatsToBase64(vectors.at(i)));
            } else {
                QJsonArray values;
                for (float f : vectors.at(i))
                    values.append(static_cast<double>(f));
                embedding = values;
            }
            data.append(QJsonObject {{QStringLiteral("object"), QStringLiteral("embedding")},
                {QStringLiteral("index"), i}, {QStringLiteral("embedding"), embedding}});
        }
        const qint64 tokens = qMax<qint64>(0, job->promptTokens());
        guard->respondJson(200,
            QJsonObject {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data},
                {QStringLiteral("model"), model},
                {QStringLiteral("usage"),
                    QJsonObject {
                        {QStringLiteral("prompt_tokens"), tokens}, {QStringLiteral("total_tokens"), tokens}}}});
        Usage u;
        u.valid = job->promptTokens() >= 0;
        u.promptTokens = tokens;
        record(guard, 200, model, -1, u);
    });
}

void ApiRouter::record(
    HttpExchange* ex, int status, const QString& model, qint64 ttftMs, const Usage& usage, const QString& error)
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
    r.error = error;
    m_recorder(r);
}

} // namespace flarechat
