#pragma once

#include "openai/ApiError.h"
#include "workersai/Endpoint.h"
#include "workersai/ModelInfo.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QPair>

namespace flarechat {

// Cloudflare's error replies → OpenAI errors with the right HTTP status. Pure code.
// Reads the Cloudflare envelope ({"success":false,"errors":[{code,message}]}), OpenAI-shaped
// errors from the /ai/v1 endpoints, and plain text; keeps the upstream's message.
namespace UpstreamError {

// httpStatus: the upstream's status. retryAfterHeader: its Retry-After value, if any.
// now: the current time (injectable for tests; the daily quota resets at 00:00 UTC).
ApiError fromReply(int httpStatus, const QByteArray& body, const QByteArray& retryAfterHeader,
    const QDateTime& now = QDateTime::currentDateTimeUtc());

// A network failure before any reply (connection refused, DNS, TLS...).
ApiError network(const QString& what);
// No reply, or no event, within the timeout.
ApiError timeout(const QString& what);
// The proxy failed: could not be reached, hung up, or (authentication) refused the credentials.
// `proxy` names it as Endpoint::proxyLabel() does; callers never pass its credentials.
ApiError proxy(const QString& proxy, const QString& what, bool authentication, bool hadCredentials = true);
// A reply that ended without an HTTP answer from Workers AI: proxy() when the endpoint's proxy is
// to blame (Qt's proxy errors, a 407, or an HTTP proxy that could not be connected to), else
// network(). `what` is Qt's text; the proxy password is masked should it ever appear in it.
ApiError fromNetworkError(QNetworkReply::NetworkError error, const QString& what, const Endpoint& endpoint);
// Whether fromNetworkError() blames the proxy for this error.
bool isProxyFailure(QNetworkReply::NetworkError error, const Endpoint& endpoint);

// The next 00:00 UTC after now (now itself when it is exactly midnight is the start of a new
// day: the next reset is a day later), when the free daily allocation resets (reference §7).
QDateTime quotaResetAt(const QDateTime& now);
// Seconds until quotaResetAt(now), rounded up: a Retry-After that never comes before the reset.
qint64 secondsUntilQuotaReset(const QDateTime& now);
// The daily allocation is spent (3036/4006, or the text "daily free allocation"): 429
// insufficient_quota, the reset time in the message (e.g. 2026-12-02T00:00:00Z) and retryAfterSeconds
// = secondsUntilQuotaReset(now). detail follows the message: the upstream's words, or why FlareChat
// answered itself. upstreamCode: Cloudflare's code, 0 when the reply had none.
ApiError dailyQuota(const QDateTime& now, const QString& detail, int upstreamCode = 0);
// Whether an error says the daily allocation is spent (dailyQuota(), or an ApiError carrying its codes).
bool isDailyQuota(const ApiError& e);

// What only the model tells about an error: a paid-only model on the Free plan (5035, or a bare
// 403 from a model the catalog marks paid-only) becomes model_requires_paid_plan naming the model
// as the request did and a free model for the same job (ModelInfo::freeAlternative). Other
// errors come back as they are.
ApiError forModel(const ApiError& error, const ModelInfo& model, const QString& requestedName);

// 408, 409, 429 capacity (3040), 5xx, network — never the daily quota nor refused proxy credentials
bool isRetryable(const ApiError& e);

} // namespace UpstreamError
} // namespace flarechat
