// ApiRouter's routes of OpenAI's Responses API: POST /v1/responses, GET and DELETE
// /v1/responses/{id}. The rest of the router is in ApiRouter.cpp.
#include "ApiRouter.h"

#include "engine/Engine.h"
#include "responses/ResponsesRequestReader.h"
#include "server/ResponsesSession.h"
#include "workersai/CompletionJob.h"
#include "workersai/RequestTranslator.h"

#include <QDateTime>
#include <QJsonArray>

namespace flarechat {

namespace {

ApiError responseNotFound(const QString& id, const QString& param = {})
{
    ApiError e = ApiError::notFound(QStringLiteral("No response with id '%1' is stored on this server. Responses "
                                                   "are kept in memory until the server restarts, and only those "
                                                   "created with store left true.")
                                        .arg(id));
    e.param = param;
    return e;
}

} // namespace

void ApiRouter::routeResponses(HttpExchange* ex)
{
    QJsonObject body;
    if (!parseBody(ex, &body))
        return;
    ApiError error;
    const std::optional<ResponsesRequest> read = ResponsesRequestReader::read(body, &error);
    if (!read)
        return fail(ex, error, body.value(QStringLiteral("model")).toString());
    QList<ChatMessage> history;
    if (!read->previousResponseId.isEmpty()) {
        const ResponseStore::Entry* previous = m_responses.find(read->previousResponseId);
        if (!previous)
            return fail(ex, responseNotFound(read->previousResponseId, QStringLiteral("previous_response_id")),
                read->chat.model);
        history = previous->conversation;
    }
    ChatRequest request = read->compose(history);
    if (request.messages.isEmpty()) {
        return fail(ex,
            ApiError::invalidRequest(
                QStringLiteral("input: must contain at least one message"), QStringLiteral("input")),
            request.model);
    }
    const QString affinity = sessionAffinity(ex->request());
    if (!affinity.isEmpty())
        request.sessionAffinity = affinity; // the header wins over prompt_cache_key
    CompletionJob* job = m_engine->chat(request, &error);
    if (!job)
        return fail(ex, error, request.model);

    ResponsesSession::Options o;
    o.shell.id = ResponsesWire::newResponseId();
    o.shell.model = read->chat.model;
    o.shell.createdAt = QDateTime::currentSecsSinceEpoch();
    o.shell.instructions = read->instructions;
    o.shell.previousResponseId = read->previousResponseId;
    o.shell.store = read->store;
    o.shell.echo = read->echo;
    o.customTools = read->customTools;
    o.stream = request.stream;
    o.estimatedInputTokens = RequestTranslator::estimatePromptTokens(request, job->model());
    o.keepAliveMs = m_options.keepAliveMs;
    auto* session = new ResponsesSession(ex, job, o, this);
    if (read->store) {
        QList<ChatMessage> conversation = history + read->chat.messages;
        const QString id = o.shell.id;
        connect(session, &ResponsesSession::responded, this, [this, id, conversation](const QJsonObject& response) {
            QList<ChatMessage> whole = conversation;
            whole.append(ResponsesWire::assistantMessage(response.value(QStringLiteral("output")).toArray()));
            m_responses.put(id, response, whole);
        });
    }
    QStringList notes;
    if (!read->droppedTools.isEmpty()) {
        QStringList types = read->droppedTools;
        types.removeDuplicates();
        notes.append(QStringLiteral("hosted tools left out (Workers AI cannot run them): %1")
                         .arg(types.join(QStringLiteral(", "))));
    }
    startSession(ex, job, session, request.model, {}, notes);
}

void ApiRouter::routeStoredResponse(HttpExchange* ex, const QString& id)
{
    const QByteArray& method = ex->request().method;
    if (method == "DELETE") {
        if (!m_responses.remove(id))
            return fail(ex, responseNotFound(id));
        ex->respondJson(200,
            QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("object"), QStringLiteral("response")},
                {QStringLiteral("deleted"), true}});
        record(ex, 200, {});
        return;
    }
    const ResponseStore::Entry* entry = m_responses.find(id);
    if (!entry)
        return fail(ex, responseNotFound(id));
    ex->respondJson(200, entry->response);
    record(ex, 200, entry->response.value(QStringLiteral("model")).toString());
}

} // namespace flarechat
