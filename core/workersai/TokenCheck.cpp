#include "TokenCheck.h"

#include "workersai/UpstreamError.h"
#include "workersai/WorkersAiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flarechat {

namespace {
QString cloudflareMessage(const QByteArray& body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
    if (errors.isEmpty())
        return QString::fromUtf8(body.left(300)).trimmed();
    const QJsonObject e = errors.first().toObject();
    return QStringLiteral("%1 (code %2)")
        .arg(e.value(QStringLiteral("message")).toString())
        .arg(e.value(QStringLiteral("code")).toInt());
}
} // namespace

TokenCheck::TokenCheck(WorkersAiClient* client, const QString& probeModel, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_endpoint(client->endpoint())
    , m_probeModel(probeModel)
{
}

TokenCheck::~TokenCheck() = default;

void TokenCheck::start()
{
    if (m_endpoint.accountId.trimmed().isEmpty() || m_endpoint.apiToken.trimmed().isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            finish(Outcome::MissingCredentials, tr("Enter your Cloudflare account id and API token first."));
        });
        return;
    }
    get(m_endpoint.userTokenVerifyUrl(), Step::UserVerify);
}

void TokenCheck::cancel()
{
    m_call.abort();
    m_done = true;
}

void TokenCheck::get(const QUrl& url, Step step)
{
    m_step = step;
    Q_EMIT progress(step);
    QNetworkRequest req = m_endpoint.request(url);
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray body;
    if (step == Step::Inference) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        method = QByteArrayLiteral("POST");
        body = QJsonDocument(QJsonObject {{QStringLiteral("messages"),
                                              QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                                                  {QStringLiteral("content"), QStringLiteral("Hi")}}}},
                                 {QStringLiteral("max_tokens"), 1}})
                   .toJson(QJsonDocument::Compact);
    }
    m_call.start(m_client, method, req, body, m_timeoutMs, [this](const UpstreamCall::Reply& r) { onReply(r); });
}

void TokenCheck::onReply(const UpstreamCall::Reply& reply)
{
    if (m_done)
        return;
    if (reply.timedOut) {
        finish(Outcome::Unreachable,
            tr("Cloudflare did not answer within %1 seconds. Check your internet connection and proxy settings.")
                .arg(m_timeoutMs / 1000));
        return;
    }
    const int status = reply.status;
    const QByteArray& body = reply.body;
    if (UpstreamError::isProxyFailure(reply.error, m_endpoint)) {
        // Before the status: an HTTP proxy's own 407 is no answer of Cloudflare's.
        finish(
            Outcome::Unreachable, UpstreamError::fromNetworkError(reply.error, reply.errorString, m_endpoint).message);
        return;
    }
    if (status == 0) {
        finish(Outcome::Unreachable,
            tr("Could not reach Cloudflare (%1). Check your internet connection and proxy settings.")
                .arg(reply.errorString));
        return;
    }
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const bool success = status >= 200 && status < 300 && root.value(QStringLiteral("success")).toBool(true);

    switch (m_step) {
    case Step::UserVerify:
    case Step::AccountVerify: {
        if (!success) {
            if (m_step == Step::UserVerify) {
                // Not a user token; it may be an account-owned token, which has its own endpoint.
                get(m_endpoint.accountTokenVerifyUrl(), Step::AccountVerify);
                return;
            }
            const ApiError e = UpstreamError::fromReply(status, body, {});
            if (e.upstreamCode == 7003 || status == 404) {
                finish(Outcome::AccountWrong,
                    tr("Cloudflare does not recognise this API token as a user token, and the account id does not "
                       "match any account it could belong to. Check both: the account id is the 32-character id "
                       "on the Workers AI page of the dashboard."),
                    cloudflareMessage(body));
                return;
            }
            finish(Outcome::TokenInvalid,
                tr("Cloudflare does not recognise this API token. Copy it again from the dashboard "
                   "(Workers AI → Use REST API → Create a Workers AI API Token)."),
                cloudflareMessage(body));
            return;
        }
        const QString tokenStatus
            = root.value(QStringLiteral("result")).toObject().value(QStringLiteral("status")).toString();
        if (!tokenStatus.isEmpty() && tokenStatus != QLatin1String("active")) {
            finish(Outcome::TokenInactive,
                tr("This API token is %1. Create a new token in the Cloudflare dashboard.").arg(tokenStatus));
            return;
        }
        m_tokenKind = m_step == Step::UserVerify ? QStringLiteral("user") : QStringLiteral("account");
        get(m_endpoint.runUrl(m_probeModel), Step::Inference);
        return;
    }
    case Step::Inference: {
        if (success) {
            finish(Outcome::Ok, tr("Connected. The token and account id work with Workers AI."));
            return;
        }
        const ApiError e = UpstreamError::fromReply(status, body, reply.retryAfter);
        if (e.type == ErrorType::InsufficientQuota) {
            finish(Outcome::OkQuotaUsedUp,
                tr("Connected, but today's free allocation of 10,000 neurons is used up; it resets at 00:00 UTC."),
                cloudflareMessage(body));
            return;
        }
        if (e.upstreamCode == 7003) {
            finish(Outcome::AccountWrong,
                tr("The token is valid, but the account id is wrong: Cloudflare could not route the request. "
                   "Copy the account id from the Workers AI page of the dashboard."),
                cloudflareMessage(body));
            return;
        }
        if (e.httpStatus == 401 || e.httpStatus == 403) {
            finish(Outcome::NoPermission,
                tr("The token is valid but may not use Workers AI on this account. Give it the permissions "
                   "Workers AI – Read and Workers AI – Edit, and check the account id."),
                cloudflareMessage(body));
            return;
        }
        finish(Outcome::Failed, tr("The token is valid, but a test request failed: %1").arg(e.message),
            cloudflareMessage(body));
        return;
    }
    case Step::Done:
        break;
    }
}

void TokenCheck::finish(Outcome outcome, const QString& message, const QString& detail)
{
    if (m_done)
        return;
    m_done = true;
    Result r;
    r.outcome = outcome;
    r.failedAt = (outcome == Outcome::Ok || outcome == Outcome::OkQuotaUsedUp) ? Step::Done : m_step;
    r.message = message;
    r.detail = detail;
    r.tokenKind = m_tokenKind;
    Q_EMIT finished(r);
}

} // namespace flarechat
