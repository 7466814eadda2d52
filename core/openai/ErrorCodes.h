#pragma once

#include <QLatin1String>
#include <QList>

namespace flarechat {

// The error types and codes FlareChat reports (ApiError::type and ApiError::code), named once
// here and used everywhere: core sets them, the local API writes them, the window translates
// them into sentences (ChatController). An error's code is part of the API: clients and the
// window match on it, so it never changes once released.

// OpenAI's error types (the "type" of {"error":{...}}).
namespace ErrorType {
inline constexpr QLatin1String InvalidRequest("invalid_request_error");
inline constexpr QLatin1String Authentication("authentication_error");
inline constexpr QLatin1String Permission("permission_error");
inline constexpr QLatin1String NotFound("not_found_error");
inline constexpr QLatin1String RateLimit("rate_limit_error");
inline constexpr QLatin1String InsufficientQuota("insufficient_quota");
inline constexpr QLatin1String Server("server_error");
inline constexpr QLatin1String Timeout("timeout_error");
inline constexpr QLatin1String Api("api_error");
} // namespace ErrorType

namespace ErrorCode {
// Configuration
inline constexpr QLatin1String MissingCredentials("missing_cloudflare_credentials"); // no account id or token set
// The request (the local API's own checks)
inline constexpr QLatin1String InvalidJson("invalid_json");
inline constexpr QLatin1String UnknownUrl("unknown_url");
inline constexpr QLatin1String MethodNotAllowed("method_not_allowed");
inline constexpr QLatin1String ModelNotFound("model_not_found");
inline constexpr QLatin1String ModelNotSupported("model_not_supported"); // e.g. chat with an embedding model
inline constexpr QLatin1String ModelNotVisionCapable("model_not_vision_capable");
inline constexpr QLatin1String InvalidImageUrl("invalid_image_url");
// HTTP and access (the local server)
inline constexpr QLatin1String BadRequest("bad_request");
inline constexpr QLatin1String RequestTooLarge("request_too_large");
inline constexpr QLatin1String RequestTimeout("request_timeout");
inline constexpr QLatin1String RequestLineTooLong("request_line_too_long");
inline constexpr QLatin1String HeadersTooLarge("headers_too_large");
inline constexpr QLatin1String HttpVersionNotSupported("http_version_not_supported");
inline constexpr QLatin1String NotImplemented("not_implemented");
inline constexpr QLatin1String MissingHost("missing_host");
inline constexpr QLatin1String InvalidHost("invalid_host");
inline constexpr QLatin1String HostNotAllowed("host_not_allowed");
inline constexpr QLatin1String OriginNotAllowed("origin_not_allowed");
inline constexpr QLatin1String InvalidApiKey("invalid_api_key");
inline constexpr QLatin1String ServerBusy("server_busy");
inline constexpr QLatin1String ServerNotReady("server_not_ready");
inline constexpr QLatin1String ServerShuttingDown("server_shutting_down");
inline constexpr QLatin1String NotFound("not_found");
// Workers AI's answers (UpstreamError)
inline constexpr QLatin1String UpstreamAuthenticationFailed("upstream_authentication_failed");
inline constexpr QLatin1String PermissionDenied("permission_denied");
inline constexpr QLatin1String ModelRequiresPaidPlan("model_requires_paid_plan");
inline constexpr QLatin1String ModelAgreementRequired("model_agreement_required");
inline constexpr QLatin1String AccountNotFound("account_not_found");
inline constexpr QLatin1String InsufficientQuota("insufficient_quota"); // the free daily allocation is used up
inline constexpr QLatin1String RateLimitExceeded("rate_limit_exceeded");
inline constexpr QLatin1String UpstreamBadRequest("upstream_bad_request");
inline constexpr QLatin1String UpstreamError("upstream_error");
inline constexpr QLatin1String UpstreamTimeout("upstream_timeout");
inline constexpr QLatin1String UpstreamUnreachable("upstream_unreachable");
inline constexpr QLatin1String ProxyUnreachable("proxy_unreachable");
inline constexpr QLatin1String ProxyAuthenticationFailed("proxy_authentication_failed");
inline constexpr QLatin1String UpstreamReplyTooLarge("upstream_reply_too_large");
inline constexpr QLatin1String BadUpstreamResponse("bad_upstream_response");
inline constexpr QLatin1String UpstreamStreamError("upstream_stream_error");
inline constexpr QLatin1String UpstreamStreamTruncated("upstream_stream_truncated");

// Every code above, for tests that check a code is one FlareChat can produce.
inline QList<QLatin1String> all()
{
    return {MissingCredentials, InvalidJson, UnknownUrl, MethodNotAllowed, ModelNotFound, ModelNotSupported,
        ModelNotVisionCapable, InvalidImageUrl, BadRequest, RequestTooLarge, RequestTimeout, RequestLineTooLong,
        HeadersTooLarge, HttpVersionNotSupported, NotImplemented, MissingHost, InvalidHost, HostNotAllowed,
        OriginNotAllowed, InvalidApiKey, ServerBusy, ServerNotReady, ServerShuttingDown, NotFound,
        UpstreamAuthenticationFailed, PermissionDenied, ModelRequiresPaidPlan, ModelAgreementRequired, AccountNotFound,
        InsufficientQuota, RateLimitExceeded, UpstreamBadRequest, UpstreamError, UpstreamTimeout, UpstreamUnreachable,
        ProxyUnreachable, ProxyAuthenticationFailed, UpstreamReplyTooLarge, BadUpstreamResponse, UpstreamStreamError,
        UpstreamStreamTruncated};
}
} // namespace ErrorCode

} // namespace flarechat
