// Routing of the fake: Cloudflare's and AI Gateway's path layouts, scripts, then Bearer auth
// (401) and the account id (404/7003) before a request reaches its handler.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiWire.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace flarechat::test {

using namespace wire;

bool FakeWorkersAi::takeScript(const QString& model, const QString& path, bool inference, Script* out)
{
    for (int i = 0; i < m_pathQueue.size(); ++i) {
        if (path.contains(m_pathQueue.at(i).first)) {
            *out = m_pathQueue.takeAt(i).second;
            return true;
        }
    }
    if (!inference)
        return false;
    auto it = m_modelQueues.find(model);
    if (it != m_modelQueues.end() && !it.value().empty()) {
        *out = it.value().front();
        it.value().pop_front();
        return true;
    }
    if (!m_queue.empty()) {
        *out = m_queue.front();
        m_queue.pop_front();
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Routing

struct FakeWorkersAi::Routed
{
    enum Kind { None, Run, ChatCompletions, Responses, Embeddings, Search, VerifyUser, VerifyAccount } kind = None;
    QString account; // from the path, empty for /user routes
    QString model;
    bool gateway = false;
};

FakeWorkersAi::Script FakeWorkersAi::handleRaw(
    const HttpRequestReader::Request& raw, bool* isInference, QString* pathOut)
{
    ReceivedRequest req;
    req.method = raw.method;
    req.headers = raw.headers;
    req.body = raw.body;
    const qsizetype q = raw.target.indexOf('?');
    const QByteArray rawPath = q >= 0 ? raw.target.left(q) : raw.target;
    req.path = QUrl::fromPercentEncoding(rawPath);
    if (q >= 0)
        req.query = QUrlQuery(QString::fromUtf8(raw.target.mid(q + 1)));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(raw.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject())
        req.json = doc.object();

    Routed r;
    const bool post = req.method == "POST";
    const bool get = req.method == "GET";
    const QString& path = req.path;
    if (path.startsWith(QLatin1String("/client/v4/"))) {
        const QString rest = path.mid(11);
        if (rest == QLatin1String("user/tokens/verify") && get) {
            r.kind = Routed::VerifyUser;
        } else if (rest.startsWith(QLatin1String("accounts/"))) {
            const qsizetype slash = rest.indexOf(QLatin1Char('/'), 9);
            r.account = rest.mid(9, slash < 0 ? -1 : slash - 9);
            const QString sub = slash < 0 ? QString() : rest.mid(slash + 1);
            if (sub.startsWith(QLatin1String("ai/run/")) && post) {
                r.kind = Routed::Run;
                r.model = sub.mid(7);
            } else if (sub == QLatin1String("ai/v1/chat/completions") && post) {
                r.kind = Routed::ChatCompletions;
            } else if (sub == QLatin1String("ai/v1/responses") && post) {
                r.kind = Routed::Responses;
            } else if (sub == QLatin1String("ai/v1/embeddings") && post) {
                r.kind = Routed::Embeddings;
            } else if (sub == QLatin1String("ai/models/search") && get) {
                r.kind = Routed::Search;
            } else if (sub == QLatin1String("tokens/verify") && get) {
                r.kind = Routed::VerifyAccount;
            }
        }
    } else if (path.startsWith(QLatin1String("/v1/"))) {
        // AI Gateway: /v1/{account}/{gateway}/workers-ai/{run/}{model} or .../workers-ai/v1/chat/completions
        const QStringList parts = path.mid(4).split(QLatin1Char('/'));
        if (parts.size() >= 4 && parts.at(2) == QLatin1String("workers-ai") && post) {
            r.gateway = true;
            r.account = parts.at(0);
            const QString rest = parts.mid(3).join(QLatin1Char('/'));
            if (rest == QLatin1String("v1/chat/completions")) {
                r.kind = Routed::ChatCompletions;
            } else if (rest.startsWith(QLatin1String("run/"))) {
                r.kind = Routed::Run;
                r.model = rest.mid(4);
            } else if (rest.startsWith(QLatin1Char('@'))) {
                r.kind = Routed::Run;
                r.model = rest;
            }
        }
    }
    const bool inference = r.kind == Routed::Run || r.kind == Routed::ChatCompletions || r.kind == Routed::Responses
        || r.kind == Routed::Embeddings;
    if (inference && r.model.isEmpty())
        r.model = req.json.value(QLatin1String("model")).toString();
    req.model = inference ? r.model : QString();

    *isInference = inference;
    *pathOut = req.path;
    m_requests.append(req);
    requestStarted(inference);
    Q_EMIT requestReceived(req);

    Script scripted;
    if (takeScript(r.model, req.path, inference, &scripted))
        return scripted;

    if (r.kind == Routed::None)
        return errorEnvelope(404, 7000, QStringLiteral("No route for that URI"));
    if (r.kind == Routed::VerifyUser)
        return handleVerify(req, TokenKind::User);

    // Bearer auth first (401), then the account id (404/7003), as the brief for Cloudflare says.
    const QByteArray auth = req.header("authorization");
    const QByteArray token = auth.startsWith("Bearer ") ? auth.mid(7).trimmed() : QByteArray();
    if (r.kind == Routed::VerifyAccount) {
        if (r.account != m_accountId)
            return error(Error::BadRoute, path);
        return handleVerify(req, TokenKind::Account);
    }
    const auto tokenIt = m_tokens.constFind(token);
    if (token.isEmpty() || tokenIt == m_tokens.constEnd() || tokenIt->status != TokenStatus::Active)
        return error(Error::Authentication);
    if (r.account != m_accountId)
        return error(Error::BadRoute, path);

    Script reply;
    if (inference) {
        const RunMode mode = r.kind == Routed::Run ? RunMode::Native
            : r.kind == Routed::ChatCompletions    ? RunMode::ChatCompletions
            : r.kind == Routed::Responses          ? RunMode::Responses
                                                   : RunMode::Embeddings;
        Inference record;
        record.model = r.model;
        record.servedModel = r.model;
        record.sessionAffinity = req.header("x-session-affinity");
        reply = handleRun(req, r.model, mode, &record);
        record.status = reply.status;
        if (reply.status >= 400) {
            const QJsonObject body = QJsonDocument::fromJson(reply.body()).object();
            record.code
                = body.value(QLatin1String("errors")).toArray().at(0).toObject().value(QLatin1String("code")).toInt();
        }
        m_inferences.append(record);
    } else if (r.kind == Routed::Search) {
        reply = handleSearch(req);
    } else {
        reply = errorEnvelope(404, 7000, QStringLiteral("No route for that URI"));
    }
    if (r.gateway) {
        // The gateway reports its log entry; the run path also has a run id (reference §8).
        reply.headers.append(qMakePair(QByteArray("cf-aig-log-id"), hex(26).toUpper()));
        reply.headers.append(qMakePair(QByteArray("cf-aig-cache-status"), QByteArray("MISS")));
        if (r.kind == Routed::Run)
            reply.headers.append(qMakePair(QByteArray("cf-aig-run-id"), hex(32)));
    }
    return reply;
}

} // namespace flarechat::test
