#include "UpstreamError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

namespace flarechat::UpstreamError {

namespace {

struct Parsed
{
    int code = 0;
    QString message;
};

bool isQuotaCode(int code)
{
    return code == 3036 || code == 4006; // REST, and the binding's (same text; reference §6)
}

// Reference §6: match the text as well as the code. A binding-style message may carry the code only
// in its text, an OpenAI-shaped /ai/v1 error or a code-less envelope neither.
bool saysDailyQuota(int code, const QString& message)
{
    return isQuotaCode(code) || message.contains(QLatin1String("daily free allocation"), Qt::CaseInsensitive);
}

Parsed parseBody(const QByteArray& body)
{
    Parsed p;
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
        if (!errors.isEmpty()) {
            // Several errors may come at once (§3): the first, unless a later one says the daily
            // allocation is spent, which decides what the client should do.
            QJsonObject e = errors.first().toObject();
            for (const QJsonValue& v : errors) {
                const QJsonObject other = v.toObject();
                if (saysDailyQuota(other.value(QStringLiteral("code")).toInt(),
                        other.value(QStringLiteral("message")).toString())) {
                    e = other;
                    break;
                }
            }
            p.code = e.value(QStringLiteral("code")).toInt();
            p.message = e.value(QStringLiteral("message")).toString();
        } else if (o.value(QStringLiteral("error")).isObject()) {
            const QJsonObject e = o.value(QStringLiteral("error")).toObject();
            p.message = e.value(QStringLiteral("message")).toString();
            const QJsonValue c = e.value(QStringLiteral("code"));
            p.code = c.isDouble() ? c.toInt() : c.toString().toInt();
        } else if (o.value(QStringLiteral("error")).isString()) {
            p.message = o.value(QStringLiteral("error")).toString();
        }
    } else {
        p.message = QString::fromUtf8(body.left(1000)).trimmed();
    }
    // Binding-style messages carry the code in front: "3040: Capacity temporarily exceeded".
    if (p.code == 0) {
        static const QRegularExpression lead(QStringLiteral("^\\s*(\\d{4,5}):\\s*"));
        const QRegularExpressionMatch m = lead.match(p.message);
        if (m.hasMatch())
            p.code = m.captured(1).toInt();
    }
    return p;
}

QString describe(const Parsed& p, int status)
{
    QString upstream = p.message.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : p.message;
    if (p.code)
        upstream += QStringLiteral(" (code %1)").arg(p.code);
    return upstream;
}

int parseRetryAfter(const QByteArray& header, const QDateTime& now)
{
    const QByteArray v = header.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const int secs = v.toInt(&ok);
    if (ok)
        return qMax(0, secs);
    // An HTTP-date (IMF-fixdate), always in GMT.
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (when.isValid()) {
        when = QDateTime(when.date(), when.time(), QTimeZone::utc());
        return static_cast<int>(qMax<qint64>(0, now.secsTo(when)));
    }
    when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (when.isValid())
        return static_cast<int>(qMax<qint64>(0, now.secsTo(when)));
    return -1;
}

ApiError make(int status, QLatin1String type, const QString& message, QLatin1String code, const Parsed& p)
{
    ApiError e = ApiError::upstream(status, type, message, code);
    e.upstreamCode = p.code;
    e.upstreamMessage = p.message;
    return e;
}

} // namespace

QDateTime quotaResetAt(const QDateTime& now)
{
    // From toUTC(), so that it is in UTC itself and prints as "...T00:00:00Z" (a QDateTime made with
    // QTimeZone::utc() prints "+00:00" in Qt 6.4).
    QDateTime next = now.toUTC();
    next.setDate(next.date().addDays(1));
    next.setTime(QTime(0, 0));
    return next;
}

qint64 secondsUntilQuotaReset(const QDateTime& now)
{
    // Whole seconds, rounded up: 23:59:59.250 is 1 s before the reset, not 0 (a client retrying
    // at once would only fail again).
    const qint64 ms = now.msecsTo(quotaResetAt(now));
    return (ms + 999) / 1000;
}

ApiError dailyQuota(const QDateTime& now, const QString& detail, int upstreamCode)
{
    // The reset instant itself, not now + a truncated number of seconds (which printed 23:59:59Z).
    const QString at = quotaResetAt(now).toString(Qt::ISODate);
    QString message = QStringLiteral("The free daily Workers AI allocation (10,000 neurons) is used up; it resets "
                                     "at %1 (00:00 UTC).")
                          .arg(at);
    if (!detail.isEmpty())
        message += QLatin1Char(' ') + detail;
    ApiError e = ApiError::upstream(429, ErrorType::InsufficientQuota, message, ErrorCode::InsufficientQuota);
    e.upstreamCode = upstreamCode;
    e.retryAfterSeconds = static_cast<int>(secondsUntilQuotaReset(now));
    return e;
}

bool isDailyQuota(const ApiError& e)
{
    return e.type == ErrorType::InsufficientQuota || isQuotaCode(e.upstreamCode);
}

ApiError fromReply(int status, const QByteArray& body, const QByteArray& retryAfterHeader, const QDateTime& now)
{
    const Parsed p = parseBody(body);
    const QString up = describe(p, status);
    const int retryAfter = parseRetryAfter(retryAfterHeader, now);

    // Before the codes: the text wins over any code it comes with, and the header's Retry-After
    // (seconds, for a short rate limit) would only fail again before 00:00 UTC.
    if (saysDailyQuota(p.code, p.message))
        return dailyQuota(now, up, p.code);

    switch (p.code) {
    case 10000:
        return make(401, ErrorType::Authentication,
            QStringLiteral("Cloudflare rejected the API token or account id: %1. Check the Cloudflare "
                           "account id and API token (it needs Workers AI Read and Edit).")
                .arg(up),
            ErrorCode::UpstreamAuthenticationFailed, p);
    case 5035:
        return make(403, ErrorType::Permission, QStringLiteral("This model needs the Workers Paid plan: %1").arg(up),
            ErrorCode::ModelRequiresPaidPlan, p);
    case 5016:
        return make(403, ErrorType::Permission,
            QStringLiteral("You must accept this model's licence first (send the prompt \"agree\" to it "
                           "once): %1")
                .arg(up),
            ErrorCode::ModelAgreementRequired, p);
    case 5018:
    case 3041:
    case 3023:
        return make(403, ErrorType::Permission, QStringLiteral("Workers AI refused access: %1").arg(up),
            ErrorCode::PermissionDenied, p);
    case 5007:
    case 3042:
    case 7000:
        return make(404, ErrorType::InvalidRequest, QStringLiteral("Workers AI does not know this model: %1").arg(up),
            ErrorCode::ModelNotFound, p);
    case 7003:
        return make(404, ErrorType::InvalidRequest,
            QStringLiteral("Workers AI could not route the request; the Cloudflare account id is probably "
                           "wrong: %1")
                .arg(up),
            ErrorCode::AccountNotFound, p);
    case 3006:
        return make(413, ErrorType::InvalidRequest,
            QStringLiteral("The request is too large for Workers AI: %1").arg(up), ErrorCode::RequestTooLarge, p);
    case 3040: {
        ApiError e = make(429, ErrorType::RateLimit,
            QStringLiteral("Workers AI is out of capacity for this model right now; try again shortly: %1").arg(up),
            ErrorCode::RateLimitExceeded, p);
        e.retryAfterSeconds = retryAfter >= 0 ? retryAfter : 1;
        return e;
    }
    case 3007:
    case 3008:
        return make(
            408, ErrorType::Timeout, QStringLiteral("Workers AI timed out: %1").arg(up), ErrorCode::UpstreamTimeout, p);
    default:
        break;
    }

    if (status == 401)
        return make(401, ErrorType::Authentication, QStringLiteral("Cloudflare rejected the API token: %1").arg(up),
            ErrorCode::UpstreamAuthenticationFailed, p);
    if (status == 403)
        return make(403, ErrorType::Permission, QStringLiteral("Workers AI refused access: %1").arg(up),
            ErrorCode::PermissionDenied, p);
    if (status == 404)
        return make(404, ErrorType::InvalidRequest, QStringLiteral("Workers AI: %1").arg(up), ErrorCode::NotFound, p);
    if (status == 413)
        return make(413, ErrorType::InvalidRequest,
            QStringLiteral("The request is too large for Workers AI: %1").arg(up), ErrorCode::RequestTooLarge, p);
    if (status == 429) {
        ApiError e = make(429, ErrorType::RateLimit, QStringLiteral("Workers AI rate limit: %1").arg(up),
            ErrorCode::RateLimitExceeded, p);
        e.retryAfterSeconds = retryAfter;
        return e;
    }
    if (status == 408)
        return make(
            408, ErrorType::Timeout, QStringLiteral("Workers AI timed out: %1").arg(up), ErrorCode::UpstreamTimeout, p);
    if (status == 504)
        return make(
            504, ErrorType::Timeout, QStringLiteral("Workers AI timed out: %1").arg(up), ErrorCode::UpstreamTimeout, p);
    if (status >= 400 && status < 500)
        return make(400, ErrorType::InvalidRequest, QStringLiteral("Workers AI rejected the request: %1").arg(up),
            ErrorCode::UpstreamBadRequest, p);
    ApiError e
        = make(502, ErrorType::Api, QStringLiteral("Workers AI failed: %1").arg(up), ErrorCode::UpstreamError, p);
    e.retryAfterSeconds = retryAfter;
    return e;
}

ApiError network(const QString& what)
{
    return ApiError::upstream(502, ErrorType::Api, QStringLiteral("Could not reach Workers AI: %1").arg(what),
        ErrorCode::UpstreamUnreachable);
}

ApiError timeout(const QString& what)
{
    return ApiError::upstream(504, ErrorType::Timeout,
        QStringLiteral("Workers AI did not answer in time: %1").arg(what), ErrorCode::UpstreamTimeout);
}

ApiError proxy(const QString& proxy, const QString& what, bool authentication, bool hadCredentials)
{
    if (authentication) {
        const QString message = hadCredentials
            ? QStringLiteral("The %1 refused FlareChat's proxy user name or password (%2). Check them in the "
                             "proxy settings.")
            : QStringLiteral("The %1 asks for a user name and password (%2). Enter them in the proxy settings.");
        return ApiError::upstream(502, ErrorType::Api, message.arg(proxy, what), ErrorCode::ProxyAuthenticationFailed);
    }
    return ApiError::upstream(502, ErrorType::Api,
        QStringLiteral("Could not reach the %1 (%2). Check that it is running and the proxy "
                       "settings are right.")
            .arg(proxy, what),
        ErrorCode::ProxyUnreachable);
}

bool isProxyFailure(QNetworkReply::NetworkError error, const Endpoint& endpoint)
{
    if (endpoint.proxyLabel().isEmpty())
        return false; // no proxy of ours: a system proxy's errors are still Qt's own words below
    switch (error) {
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
    // Qt's HTTP client reports a socket's proxy errors (e.g. "Connection to proxy refused") as this.
    case QNetworkReply::UnknownNetworkError:
        return true;
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        // Plain-HTTP requests through an HTTP proxy are sent to the proxy over a direct
        // connection, so its failures come as these. (Through SOCKS5 they mean the target.)
        return endpoint.proxyMode == Endpoint::ProxyMode::Http;
    default:
        return false;
    }
}

ApiError fromNetworkError(QNetworkReply::NetworkError error, const QString& what, const Endpoint& endpoint)
{
    QString text = what;
    if (!endpoint.proxyPassword.isEmpty())
        text.replace(endpoint.proxyPassword, QStringLiteral("****"));
    if (!isProxyFailure(error, endpoint))
        return network(text);
    return proxy(endpoint.proxyLabel(), text, error == QNetworkReply::ProxyAuthenticationRequiredError,
        !endpoint.proxyUser.isEmpty());
}

bool isRetryable(const ApiError& e)
{
    if (isDailyQuota(e))
        return false; // spent until 00:00 UTC: a retry only spends a request
    if (e.code == ErrorCode::ProxyAuthenticationFailed)
        return false; // the same credentials fail again
    if (e.code == ErrorCode::UpstreamUnreachable || e.code == ErrorCode::UpstreamTimeout)
        return true;
    if (e.upstreamCode == 3040)
        return true;
    return e.httpStatus == 408 || e.httpStatus == 409 || e.httpStatus == 429 || e.httpStatus >= 500;
}

ApiError forModel(const ApiError& error, const ModelInfo& model, const QString& requestedName)
{
    // A paid-only model on the Free plan: 5035, or (kimi-k2.7-code, reference §6) a bare 403.
    const bool paidPlan = error.code == ErrorCode::ModelRequiresPaidPlan
        || (error.httpStatus == 403 && error.upstreamCode == 0 && model.paidOnly);
    if (!paidPlan)
        return error;
    ApiError e = error;
    e.httpStatus = 403;
    e.type = ErrorType::Permission;
    e.code = ErrorCode::ModelRequiresPaidPlan;
    e.param = QStringLiteral("model");
    const QString name = requestedName.isEmpty() ? model.id : requestedName;
    e.message = QStringLiteral("The model '%1' needs the Workers Paid plan, and this Cloudflare account is on the Free "
                               "plan.")
                    .arg(name);
    if (!model.freeAlternative.isEmpty())
        e.message += QStringLiteral(" A free model for the same job: %1.").arg(model.freeAlternative);
    if (!error.upstreamMessage.isEmpty())
        e.message += QStringLiteral(" (Workers AI: %1)").arg(error.upstreamMessage);
    return e;
}

} // namespace flarechat::UpstreamError
