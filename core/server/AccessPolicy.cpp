#include "AccessPolicy.h"

#include "http/HttpRequest.h"

#include <QJsonDocument>
#include <QUrl>

namespace flarechat {

namespace {

// A Host value split into a lower-cased name (IPv6 without brackets) and whether it was an IP
// literal; `ok` is false for anything RFC 9110 §7.2 would not accept as uri-host[:port].
struct ParsedHost
{
    bool ok = false;
    QString name;
    QHostAddress address; // null unless the name is an IP literal
};

bool isRegNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_';
}

bool validPort(QByteArrayView port)
{
    if (port.isEmpty() || port.size() > 5)
        return false;
    for (char c : port) {
        if (c < '0' || c > '9')
            return false;
    }
    return port.toInt() <= 65535;
}

ParsedHost parseHost(QByteArrayView value)
{
    ParsedHost out;
    if (value.isEmpty())
        return out;
    QByteArrayView name;
    if (value.startsWith('[')) {
        const qsizetype close = value.indexOf(']');
        if (close < 0)
            return out;
        const QByteArrayView rest = value.sliced(close + 1);
        if (!rest.isEmpty() && (!rest.startsWith(':') || !validPort(rest.sliced(1))))
            return out;
        QHostAddress address;
        if (!address.setAddress(QString::fromLatin1(value.sliced(1, close - 1)))
            || address.protocol() != QAbstractSocket::IPv6Protocol)
            return out;
        out.ok = true;
        out.address = address;
        out.name = address.toString();
        return out;
    }
    const qsizetype colon = value.indexOf(':');
    if (colon >= 0) {
        if (value.lastIndexOf(':') != colon || !validPort(value.sliced(colon + 1)))
            return out; // an IPv6 literal without brackets, or a bad port
        name = value.first(colon);
    } else {
        name = value;
    }
    if (name.isEmpty())
        return out;
    for (char c : name) {
        if (!isRegNameChar(c))
            return out;
    }
    QString lower = QString::fromLatin1(name).toLower();
    if (lower.endsWith(QLatin1Char('.')))
        lower.chop(1); // "localhost." is the same name written as a fully qualified one
    if (lower.isEmpty())
        return out;
    QHostAddress address;
    // Only dotted-quad IPv4 counts as a literal: QHostAddress would also take "2130706433".
    if (lower.count(QLatin1Char('.')) == 3 && address.setAddress(lower)
        && address.protocol() == QAbstractSocket::IPv4Protocol)
        out.address = address;
    out.ok = true;
    out.name = lower;
    return out;
}

// The user's allowed-host entries may carry a port or brackets; only the name matters.
QString normalisedHostEntry(const QString& entry)
{
    const QString trimmed = entry.trimmed();
    if (trimmed == QLatin1String("*") || trimmed.startsWith(QLatin1String("*.")))
        return trimmed.toLower();
    const ParsedHost parsed = parseHost(trimmed.toLatin1());
    return parsed.ok ? parsed.name : QString();
}

bool isTokenChar(char c)
{
    static constexpr QByteArrayView specials("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || specials.contains(c);
}

// Access-Control-Request-Headers echoed back, limited to well-formed field names so nothing
// odd can be reflected into our response; Authorization and Content-Type are always allowed.
QByteArray allowedRequestHeaders(const HttpRequest& request)
{
    static constexpr int maxNames = 64;
    static constexpr int maxNameLength = 64;
    QList<QByteArray> names {QByteArrayLiteral("authorization"), QByteArrayLiteral("content-type")};
    for (const QByteArray& value : request.headerValues("access-control-request-headers")) {
        for (const QByteArray& item : value.split(',')) {
            const QByteArray name = item.trimmed().toLower();
            if (name.isEmpty() || name.size() > maxNameLength || names.size() >= maxNames || names.contains(name))
                continue;
            if (std::all_of(name.cbegin(), name.cend(), isTokenChar))
                names.append(name);
        }
    }
    return names.join(", ");
}

QString normalisedOrigin(const QString& origin)
{
    QString o = origin.trimmed().toLower();
    while (o.endsWith(QLatin1Char('/')))
        o.chop(1);
    return o;
}

bool isLoopbackOrigin(const QString& origin)
{
    const QUrl url(origin, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return false;
    const QString host = url.host();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && AccessPolicy::isLoopback(address);
}

ApiError accessError(int status, const QString& type, const QString& code, const QString& message)
{
    ApiError e;
    e.httpStatus = status;
    e.type = type;
    e.code = code;
    e.message = message;
    return e;
}

QString shown(const QByteArray& untrusted)
{
    static constexpr int maxShown = 100;
    QString s = QString::fromLatin1(untrusted.left(maxShown));
    if (untrusted.size() > maxShown)
        s += QChar(0x2026);
    return s;
}

} // namespace

QByteArray AccessPolicy::Decision::errorBody() const
{
    return error.isValid() ? QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact) : QByteArray();
}

QByteArray AccessPolicy::Decision::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

AccessPolicy::AccessPolicy(Config config, ApiKeyVerifier keys)
    : m_config(std::move(config))
    , m_keys(std::move(keys))
{
    for (const QString& origin : std::as_const(m_config.corsOrigins)) {
        const QString o = normalisedOrigin(origin);
        if (!o.isEmpty() && !m_origins.contains(o))
            m_origins.append(o);
    }
}

bool AccessPolicy::isLoopback(const QHostAddress& address)
{
    if (address.isLoopback())
        return true;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped); // ::ffff:127.0.0.1 from a dual-stack socket
    return mapped && QHostAddress(v4).isLoopback();
}

AccessPolicy::BindVerdict AccessPolicy::checkBind(const QHostAddress& bind, bool haveKeys, bool requireKey)
{
    if (bind.isNull())
        return BindVerdict::NotAnAddress;
    if (isLoopback(bind))
        return requireKey && !haveKeys ? BindVerdict::RequiredKeyMissing : BindVerdict::Ok;
    if (!requireKey)
        return BindVerdict::KeyWaivedOffLoopback;
    return haveKeys ? BindVerdict::Ok : BindVerdict::NoKeyOffLoopback;
}

QString AccessPolicy::validateBind(const QHostAddress& bind, bool haveKeys, bool requireKey)
{
    const QString where = bind.toString();
    switch (checkBind(bind, haveKeys, requireKey)) {
    case BindVerdict::Ok:
        return {};
    case BindVerdict::NotAnAddress:
        return QStringLiteral("The bind address is not a valid IP address.");
    case BindVerdict::RequiredKeyMissing:
        return QStringLiteral(
            "An API key is required but none is configured. Generate one in Settings → Local API, set "
            "FLARECHAT_API_KEYS or pass --api-key, or waive the key with --no-auth (loopback only).");
    case BindVerdict::KeyWaivedOffLoopback:
        return QStringLiteral("Refusing to serve on %1 without API keys: anyone on the network could use your "
                              "Cloudflare account. The key may only be waived on 127.0.0.1 or ::1.")
            .arg(where);
    case BindVerdict::NoKeyOffLoopback:
        return QStringLiteral("Serving on %1 (reachable from the network) needs at least one API key. Generate one "
                              "in Settings → Local API, set FLARECHAT_API_KEYS or pass --api-key.")
            .arg(where);
    }
    return {};
}

bool AccessPolicy::isPreflight(const HttpRequest& request)
{
    return request.method == "OPTIONS" && request.hasHeader("access-control-request-method");
}

bool AccessPolicy::isKeyExempt(const HttpRequest& request)
{
    // /health and the root say only that the server is there (Claude Code sends HEAD / first).
    return (request.method == "GET" || request.method == "HEAD")
        && (request.path == QLatin1String("/health") || request.path == QLatin1String("/"));
}

bool AccessPolicy::keyWaived(const QHostAddress& peer) const
{
    return !m_config.requireKey && isLoopback(peer);
}

bool AccessPolicy::keyRequired(const HttpRequest& request, const QHostAddress& peer) const
{
    return !isPreflight(request) && !isKeyExempt(request) && !keyWaived(peer);
}

bool AccessPolicy::hostAllowed(const QByteArray& hostHeader) const
{
    const ParsedHost host = parseHost(hostHeader);
    if (!host.ok)
        return false;
    if (host.name == QLatin1String("localhost"))
        return true;
    if (!host.address.isNull()) {
        if (host.address.isLoopback() || host.address.isEqual(m_config.bind, QHostAddress::TolerantConversion))
            return true;
        // Bound to every interface: an IP literal cannot be a DNS-rebinding vector.
        if (m_config.bind == QHostAddress::Any || m_config.bind == QHostAddress::AnyIPv4
            || m_config.bind == QHostAddress::AnyIPv6)
            return true;
    }
    for (const QString& entry : m_config.allowedHosts) {
        const QString allowed = normalisedHostEntry(entry);
        if (allowed.isEmpty())
            continue;
        if (allowed == QLatin1String("*") || allowed == host.name)
            return true;
        if (allowed.startsWith(QLatin1String("*.")) && host.name.endsWith(allowed.mid(1)))
            return true;
    }
    return false;
}

AccessPolicy::HostVerdict AccessPolicy::checkHost(const HttpRequest& request) const
{
    const QList<QByteArray> hosts = request.headerValues("host");
    if (hosts.size() > 1)
        return HostVerdict::Malformed;
    if (request.authority.isEmpty() && hosts.isEmpty())
        return request.versionMinor >= 1 ? HostVerdict::Missing : HostVerdict::Allowed;
    const QByteArray host = request.host();
    if (!parseHost(host).ok)
        return HostVerdict::Malformed;
    return hostAllowed(host) ? HostVerdict::Allowed : HostVerdict::NotAllowed;
}

bool AccessPolicy::originAllowed(const QByteArray& origin, const QHostAddress& peer) const
{
    const QString o = normalisedOrigin(QString::fromUtf8(origin));
    if (o.isEmpty())
        return false;
    if (m_origins.contains(o))
        return true;
    if (!m_origins.contains(QLatin1String("*")))
        return false;
    // "*" is safe only because every call needs a key; without one, web pages from other
    // sites must not be able to drive the server from the user's browser.
    return !keyWaived(peer) || isLoopbackOrigin(o);
}

AccessPolicy::Headers AccessPolicy::corsHeaders(const HttpRequest& request) const
{
    Headers headers;
    const QByteArray origin = request.header("origin");
    if (origin.isNull())
        return headers;
    const bool listed = m_origins.contains(normalisedOrigin(QString::fromUtf8(origin)));
    headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), listed ? origin : QByteArrayLiteral("*")});
    headers.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    return headers;
}

AccessPolicy::Decision AccessPolicy::preflight(const HttpRequest& request) const
{
    Decision d;
    d.allowed = false;
    d.preflight = true;
    d.status = 204;
    d.headers = corsHeaders(request); // empty without an Origin (curl, or a non-browser client)
    d.headers.append({QByteArrayLiteral("Access-Control-Allow-Methods"), QByteArrayLiteral("GET, POST, OPTIONS")});
    d.headers.append({QByteArrayLiteral("Access-Control-Allow-Headers"), allowedRequestHeaders(request)});
    d.headers.append({QByteArrayLiteral("Access-Control-Max-Age"), QByteArray::number(m_config.corsMaxAge)});
    // Private Network Access: a public page asking for a loopback/LAN server must be told yes.
    if (request.header("access-control-request-private-network").compare("true", Qt::CaseInsensitive) == 0)
        d.headers.append({QByteArrayLiteral("Access-Control-Allow-Private-Network"), QByteArrayLiteral("true")});
    return d;
}

AccessPolicy::Decision AccessPolicy::check(const HttpRequest& request, const QHostAddress& peer) const
{
    Decision d;
    switch (checkHost(request)) {
    case HostVerdict::Allowed:
        break;
    case HostVerdict::Missing:
        d.status = 400;
        d.error = accessError(400, ErrorType::InvalidRequest, ErrorCode::MissingHost,
            QStringLiteral("HTTP/1.1 requests must carry a Host header."));
        return d;
    case HostVerdict::Malformed:
        d.status = 400;
        d.error = accessError(400, ErrorType::InvalidRequest, ErrorCode::InvalidHost,
            QStringLiteral("The Host header is malformed or sent more than once."));
        return d;
    case HostVerdict::NotAllowed:
        d.status = 403;
        d.error = accessError(403, ErrorType::Permission, ErrorCode::HostNotAllowed,
            QStringLiteral("Host '%1' is not allowed (protection against DNS rebinding). Call the server as "
                           "localhost or 127.0.0.1, or add the name in Settings → Local API → Allowed host names.")
                .arg(shown(request.host())));
        return d;
    }

    const QByteArray origin = request.header("origin");
    if (!origin.isNull() && !originAllowed(origin, peer)) {
        d.status = 403;
        d.error = accessError(403, ErrorType::Permission, ErrorCode::OriginNotAllowed,
            QStringLiteral("Origin '%1' may not call this server. Add it to Settings → Local API "
                           "→ CORS origins.")
                .arg(shown(origin)));
        return d;
    }

    if (isPreflight(request))
        return preflight(request);

    d.headers = corsHeaders(request);
    if (!d.headers.isEmpty()) {
        // Let browser code read what the OpenAI SDKs look at when they decide to retry.
        d.headers.append({QByteArrayLiteral("Access-Control-Expose-Headers"),
            QByteArrayLiteral("Retry-After, X-Request-Id, X-Should-Retry")});
    }

    if (keyRequired(request, peer)) {
        const ApiKeyVerifier::Presented presented = ApiKeyVerifier::extract(request);
        QString message;
        switch (presented.kind) {
        case ApiKeyVerifier::Presented::Kind::None:
            message = QStringLiteral("You didn't provide an API key. Pass a FlareChat local API key in an "
                                     "Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY), "
                                     "or in an x-api-key header.");
            break;
        case ApiKeyVerifier::Presented::Kind::NotBearer:
            message = QStringLiteral("Incorrect API key provided: the Authorization header must use Bearer auth "
                                     "(Authorization: Bearer YOUR_KEY).");
            break;
        case ApiKeyVerifier::Presented::Kind::Key:
            if (m_keys.matches(presented.key)) {
                d.allowed = true;
                return d;
            }
            message = QStringLiteral("Incorrect API key provided. Use a FlareChat local API key (sk-flarechat-…) "
                                     "from Settings → Local API, FLARECHAT_API_KEYS or --api-key.");
            break;
        }
        d.status = 401;
        d.error = accessError(401, ErrorType::InvalidRequest, ErrorCode::InvalidApiKey, message);
        d.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return d;
    }

    d.allowed = true;
    return d;
}

} // namespace flarechat
