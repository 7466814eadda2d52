#include "Endpoint.h"

#include <QUrlQuery>

namespace flarechat {

namespace {
QString trimmedBase(const QUrl& url)
{
    QString s = url.toString(QUrl::FullyEncoded);
    while (s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}
} // namespace

Endpoint::Problem Endpoint::checkBaseUrl(const QString& text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return Problem::BaseUrlNotHttp;
    if (!url.userInfo().isEmpty())
        return Problem::BaseUrlHasUserInfo;
    return Problem::None;
}

Endpoint::Problem Endpoint::checkGatewayId(const QString& text)
{
    return text.trimmed().isEmpty() ? Problem::GatewayIdMissing : Problem::None;
}

QUrl Endpoint::apiBase() const
{
    if (kind == Kind::Custom && customBase.isValid() && !customBase.isEmpty())
        return customBase;
    return defaultApiBase();
}

QUrl Endpoint::runUrl(const QString& model) const
{
    // The model id goes into the path as it is ("@cf/meta/..."): '@' and '/' are valid path characters.
    if (kind == Kind::Gateway) {
        return QUrl(trimmedBase(gatewayBase) + QLatin1Char('/') + accountId + QLatin1Char('/') + gatewayId
                + QStringLiteral("/workers-ai/run/") + model,
            QUrl::StrictMode);
    }
    return QUrl(trimmedBase(apiBase()) + QStringLiteral("/accounts/") + accountId + QStringLiteral("/ai/run/") + model,
        QUrl::StrictMode);
}

QUrl Endpoint::openAiUrl(const QString& path) const
{
    if (kind == Kind::Gateway) {
        return QUrl(trimmedBase(gatewayBase) + QLatin1Char('/') + accountId + QLatin1Char('/') + gatewayId
            + QStringLiteral("/workers-ai/v1/") + path);
    }
    return QUrl(trimmedBase(apiBase()) + QStringLiteral("/accounts/") + accountId + QStringLiteral("/ai/v1/") + path);
}

QUrl Endpoint::modelsSearchUrl(const QString& task, int page, int perPage) const
{
    QUrl url(trimmedBase(apiBase()) + QStringLiteral("/accounts/") + accountId + QStringLiteral("/ai/models/search"));
    QUrlQuery q;
    if (!task.isEmpty())
        q.addQueryItem(QStringLiteral("task"), task);
    q.addQueryItem(QStringLiteral("page"), QString::number(page));
    q.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    url.setQuery(q);
    return url;
}

QUrl Endpoint::userTokenVerifyUrl() const
{
    return QUrl(trimmedBase(apiBase()) + QStringLiteral("/user/tokens/verify"));
}

QUrl Endpoint::accountTokenVerifyUrl() const
{
    return QUrl(trimmedBase(apiBase()) + QStringLiteral("/accounts/") + accountId + QStringLiteral("/tokens/verify"));
}

QNetworkRequest Endpoint::request(const QUrl& url) const
{
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + apiToken.toUtf8());
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("FlareChat/" FLARECHAT_VERSION));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (kind == Kind::Gateway) {
        if (!gatewayToken.isEmpty())
            req.setRawHeader("cf-aig-authorization", "Bearer " + gatewayToken.toUtf8());
        if (gatewaySkipCache)
            req.setRawHeader("cf-aig-skip-cache", "true");
        else if (gatewayCacheTtl > 0)
            req.setRawHeader("cf-aig-cache-ttl", QByteArray::number(gatewayCacheTtl));
    }
    return req;
}

QNetworkProxy Endpoint::proxy() const
{
    switch (proxyMode) {
    case ProxyMode::Http:
        return QNetworkProxy(QNetworkProxy::HttpProxy, proxyHost, proxyPort, proxyUser, proxyPassword);
    case ProxyMode::Socks5:
        return QNetworkProxy(QNetworkProxy::Socks5Proxy, proxyHost, proxyPort, proxyUser, proxyPassword);
    case ProxyMode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxyMode::System:
        break;
    }
    return QNetworkProxy(QNetworkProxy::DefaultProxy);
}

QString Endpoint::proxyLabel() const
{
    // An IPv6 literal in brackets, so that its colons are not read as the port's.
    const QString host = proxyHost.contains(QLatin1Char(':')) && !proxyHost.startsWith(QLatin1Char('['))
        ? QLatin1Char('[') + proxyHost + QLatin1Char(']')
        : proxyHost;
    switch (proxyMode) {
    case ProxyMode::Http:
        return QStringLiteral("HTTP proxy %1:%2").arg(host).arg(proxyPort);
    case ProxyMode::Socks5:
        return QStringLiteral("SOCKS5 proxy %1:%2").arg(host).arg(proxyPort);
    case ProxyMode::None:
    case ProxyMode::System:
        break;
    }
    return {};
}

} // namespace flarechat
