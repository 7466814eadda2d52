#pragma once

namespace flarechat {

// Timeouts, retries and defaults of the Workers AI client. Every timeout is always on.
struct ClientOptions
{
    int connectTimeoutMs = 15000; // until the request is sent (TCP + TLS + proxy)
    int firstByteTimeoutMs = 180000; // until the first byte of the reply (a whole reply when not streaming)
    int idleTimeoutMs = 90000; // between two stream events
    int maxRetries = 2; // extra attempts, only before anything reached the caller
    int retryBaseDelayMs = 500; // doubled per attempt
    int maxRetryDelayMs = 20000; // a Retry-After longer than this fails instead of waiting
    int defaultMaxTokens = 2048; // max_tokens when the request has none (Cloudflare's default is 256)
    qint64 maxReplyBytes = 64 * 1024 * 1024;
};

} // namespace flarechat
