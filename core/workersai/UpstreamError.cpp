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

Parsed parseBody(const QByteArray& body)
{
    Parsed p;
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
        if (!errors.isEmpty()) {
            const QJsonObject e = errors.first().toObject();
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

ApiError make(int status, const char* type, const QString& message, const char* code, const Parsed& p)
{
    ApiError e = ApiError::upstream(status, QLatin1String(type), message, QLatin1String(code));
    e.upstreamCode = p.code;
    return e;
}

} // namespace

qint64 secondsUntilQuotaReset(const QDateTime& now)
{
    const QDateTime utc = now.toUTC();
    const QDateTime next(utc.date().addDays(1), QTime(0, 0), QTimeZone::utc());
    return utc.secsTo(next);
}

ApiError fromReply(int status, const QByteArray& body, const QByteArray& retryAfterHeader, const QDateTime& now)
{
    const Parsed p = parseBody(body);
    const QString up = describe(p, status);
    const int retryAfter = parseRetryAfter(retryAfterHeader, now);

    switch (p.code) {
    case 10000:
        return make(401, "authentication_error",
            QStringLiteral("Cloudflare rejected the API token or account id: %1. Check the Cloudflare "
                           "account id and API token (it needs Workers AI Read and Edit).")
                .arg(up),
            "upstream_authentication_failed", p);
    case 5035:
        return make(403, "permission_error", QStringLiteral("This model needs the Workers Paid plan: %1").arg(up),
            "model_requires_paid_plan", p);
    case 5016:
        return make(403, "permission_error",
            QStringLiteral("You must accept this model's licence first (send the prompt \"agree\" to it "
                           "once): %1")
                .arg(up),
            "model_agreement_required", p);
    case 5018:
    case 3041:
    case 3023:
        return make(
            403, "permission_error", QStringLiteral("Workers AI refused access: %1").arg(up), "permission_denied", p);
    case 5007:
    case 3042:
    case 7000:
        return make(404, "invalid_request_error", QStringLiteral("Workers AI does not know this model: %1").arg(up),
            "model_not_found", p);
    case 7003:
        return make(404, "invalid_request_error",
            QStringLiteral("Workers AI could not route the request; the Cloudflare account id is probably "
                           "wrong: %1")
                .arg(up),
            "account_not_found", p);
    case 3006:
        return make(413, "invalid_request_error", QStringLiteral("The request is too large for Workers AI: %1").arg(up),
            "request_too_large", p);
    case 3036:
    case 4006: {
        const qint64 reset = secondsUntilQuotaReset(now);
        const QDateTime at = now.toUTC().addSecs(reset);
        ApiError e = make(429, "insufficient_quota",
            QStringLiteral("The free daily Workers AI allocation (10,000 neurons) is used up; it resets "
                           "at %1 (00:00 UTC). %2")
                .arg(at.toString(Qt::ISODate), up),
            "insufficient_quota", p);
        e.retryAfterSeconds = static_cast<int>(reset);
        return e;
    }
    case 3040: {
        ApiError e = make(429, "rate_limit_error",
            QStringLiteral("Workers AI is out of capacity for this model right now; try again shortly: %1").arg(up),
            "rate_limit_exceeded", p);
        e.retryAfterSeconds = retryAfter >= 0 ? retryAfter : 1;
        return e;
    }
    case 3007:
    case 3008:
        return make(408, "timeout_error", QStringLiteral("Workers AI timed out: %1").arg(up), "upstream_timeout", p);
    default:
        break;
    }

    if (status == 401)
        return make(401, "authentication_error", QStringLiteral("Cloudflare rejected the API token: %1").arg(up),
            "upstream_authentication_failed", p);
    if (status == 403)
        return make(
            403, "permission_error", QStringLiteral("Workers AI refused access: %1").arg(up), "permission_denied", p);
    if (status == 404)
        return make(404, "invalid_request_error", QStringLiteral("Workers AI: %1").arg(up), "not_found", p);
    if (status == 413)
        return make(413, "invalid_request_error", QStringLiteral("The request is too large for Workers AI: %1").arg(up),
            "request_too_large", p);
    if (status == 429) {
        ApiError e = make(
            429, "rate_limit_error", QStringLiteral("Workers AI rate limit: %1").arg(up), "rate_limit_exceeded", p);
        e.retryAfterSeconds = retryAfter;
        return e;
    }
    if (status == 408)
        return make(408, "timeout_error", QStringLiteral("Workers AI timed out: %1").arg(up), "upstream_timeout", p);
    if (status == 504)
        return make(504, "timeout_error", QStringLiteral("Workers AI timed out: %1").arg(up), "upstream_timeout", p);
    if (status >= 400 && status < 500)
        return make(400, "invalid_request_error", QStringLiteral("Workers AI rejected the request: %1").arg(up),
            "upstream_bad_request", p);
    ApiError e = make(502, "api_error", QStringLiteral("Workers AI failed: %1").arg(up), "upstream_error", p);
    e.retryAfterSeconds = retryAfter;
    return e;
}

ApiError network(const QString& what)
{
    return ApiError::upstream(502, QStringLiteral("api_error"),
        QStringLiteral("Could not reach Workers AI: %1").arg(what), QStringLiteral("upstream_unreachable"));
}

ApiError timeout(const QString& what)
{
    return ApiError::upstream(504, QStringLiteral("timeout_error"),
        QStringLiteral("Workers AI did not answer in time: %1").arg(what), QStringLiteral("upstream_timeout"));
}

ApiError proxy(const QString& proxy, const QString& what, bool authentication, bool hadCredentials)
{
    if (authentication) {
        const QString message = hadCredentials
            ? QStringLiteral("The %1 refused FlareChat's proxy user name or password (%2). Check them in the "
                             "proxy settings.")
            : QStringLiteral("The %1 asks for a user name and password (%2). Enter them in the proxy settings.");
        return ApiError::upstream(
            502, QStringLiteral("api_error"), message.arg(proxy, what), QStringLiteral("proxy_authentication_failed"));
    }
    return ApiError::upstream(502, QStringLiteral("api_error"),
        QStringLiteral("Could not reach the %1 (%2). Check that it is running and the proxy "
                       "settings are right.")
            .arg(proxy, what),
        QStringLiteral("proxy_unreachable"));
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
    if (e.upstreamCode == 3036 || e.upstreamCode == 4006 || e.type == QLatin1String("insufficient_quota"))
        return false;
    if (e.code == QLatin1String("proxy_authentication_failed"))
        return false; // the same credentials fail again
    if (e.code == QLatin1String("upstream_unreachable") || e.code == QLatin1String("upstream_timeout"))
        return true;
    if (e.upstreamCode == 3040)
        return true;
    return e.httpStatus == 408 || e.httpStatus == 409 || e.httpStatus == 429 || e.httpStatus >= 500;
}

} // namespace flarechat::UpstreamError
