#pragma once

#include "openai/ApiError.h"
#include "server/ApiKeyVerifier.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace flarechat {

struct HttpRequest;

// Who may call the local API server, decided before any route runs: the Host header check
// against DNS rebinding, CORS (preflights answered here, response headers for the rest) and
// the API key. Pure: a request and the peer address in, a Decision out, no I/O, no logging.
//
// Decisions (see also the README's security section):
// * Host: on loopback only localhost, 127.0.0.1 and [::1] (any port, any case, trailing dot
//   allowed) and the user's names; on a specific LAN address also that address; on 0.0.0.0/::
//   also any IP literal, since a DNS-rebinding attack always arrives with a DNS name. User names
//   match exactly or as "*.example.lan" suffix patterns. HTTP/1.0 requests may omit Host.
// * CORS: "*" admits every origin only while a key is required; when the key is waived a web
//   page must come from a loopback origin or be listed, or any site the user visits could spend
//   their Workers AI allocation. A disallowed Origin is refused (403), not just left without
//   CORS headers, because browsers still deliver "simple" POSTs. No credentials mode: keys are
//   Bearer tokens, never cookies.
// * Keys: Authorization: Bearer, or x-api-key when Authorization is absent. Preflights (browsers
//   never send a key on them) and GET/HEAD /health (status only, no secret) need no key. A
//   waived key applies to loopback peers only.
class AccessPolicy final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Config
    {
        QHostAddress bind = QHostAddress(QHostAddress::LocalHost);
        bool requireKey = true;
        QStringList allowedHosts; // user-added Host names (or IPs)
        QStringList corsOrigins {QStringLiteral("*")}; // as the seed Worker did
        int corsMaxAge = 86400; // seconds
    };

    struct Decision
    {
        bool allowed = false; // true: go on to the route and add `headers` to its response
        bool preflight = false; // a CORS preflight: answer `status` (204) with `headers` and no body
        int status = 0; // when !allowed or preflight: the status to answer with
        ApiError error; // when !allowed: the error to answer with (OpenAI shape)
        Headers headers; // CORS and, for 401, WWW-Authenticate
        QByteArray errorBody() const; // compact JSON of `error`, empty when there is none
        QByteArray header(const QByteArray& name) const; // value in `headers` (case-insensitive)
    };

    AccessPolicy() = default;
    AccessPolicy(Config config, ApiKeyVerifier keys);

    const Config& config() const { return m_config; }
    const ApiKeyVerifier& keys() const { return m_keys; }

    // Whether the server may listen on `bind`: the one rule the server, `flarechat serve` and the
    // settings window all apply. Another address than loopback needs a key (a LAN must never see
    // an open server); a required key needs at least one key to exist, or every request would be
    // refused. Each face words the verdict itself (the window translated, validateBind() for logs
    // and the command line).
    enum class BindVerdict {
        Ok,
        NotAnAddress, // a null address
        KeyWaivedOffLoopback, // reachable from the network, and no key required
        NoKeyOffLoopback, // reachable from the network, a key required, none exists
        RequiredKeyMissing, // loopback, a key required, none exists
    };
    static BindVerdict checkBind(const QHostAddress& bind, bool haveKeys, bool requireKey);
    // checkBind() in English: empty when Ok, else a message for the user.
    static QString validateBind(const QHostAddress& bind, bool haveKeys, bool requireKey);
    QString validate() const { return validateBind(m_config.bind, !m_keys.isEmpty(), m_config.requireKey); }

    // The one entry point: call it first for every request.
    Decision check(const HttpRequest& request, const QHostAddress& peer) const;

    // The pieces of check(), public for the router and tests.
    enum class HostVerdict { Allowed, Missing, Malformed, NotAllowed };
    HostVerdict checkHost(const HttpRequest& request) const;
    bool hostAllowed(const QByteArray& hostHeader) const;
    bool originAllowed(const QByteArray& origin, const QHostAddress& peer) const;
    bool keyRequired(const HttpRequest& request, const QHostAddress& peer) const;
    static bool isPreflight(const HttpRequest& request);
    static bool isKeyExempt(const HttpRequest& request); // GET/HEAD /health and /
    static bool isLoopback(const QHostAddress& address);

private:
    bool keyWaived(const QHostAddress& peer) const;
    Headers corsHeaders(const HttpRequest& request) const;
    Decision preflight(const HttpRequest& request) const;

    Config m_config;
    ApiKeyVerifier m_keys;
    QStringList m_origins; // normalised corsOrigins
};

} // namespace flarechat
