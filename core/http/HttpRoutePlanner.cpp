#include "HttpRoutePlanner.h"

#include <QList>
#include <QNetworkProxyFactory>

namespace flarechat {

void HttpRoutePlanner::setProxy(const QNetworkProxy& proxy)
{
    m_proxy = proxy;
    m_proxyForOrigin.clear();
}

QNetworkProxy HttpRoutePlanner::proxyFor(const QUrl& url)
{
    if (m_proxy.type() != QNetworkProxy::DefaultProxy)
        return m_proxy;
    const QString origin = url.scheme() + QLatin1String("://") + url.host() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    auto it = m_proxyForOrigin.constFind(origin);
    if (it != m_proxyForOrigin.constEnd())
        return it.value();
    const QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
    QNetworkProxy chosen(QNetworkProxy::NoProxy);
    for (const QNetworkProxy& p : proxies) {
        if (p.type() == QNetworkProxy::HttpProxy || p.type() == QNetworkProxy::HttpCachingProxy
            || p.type() == QNetworkProxy::Socks5Proxy || p.type() == QNetworkProxy::NoProxy) {
            chosen = p;
            break;
        }
    }
    m_proxyForOrigin.insert(origin, chosen);
    return chosen;
}

HttpRoute HttpRoutePlanner::routeFor(const QUrl& url)
{
    HttpRoute r;
    r.tls = url.scheme() == QLatin1String("https");
    r.host = url.host();
    r.port = static_cast<quint16>(url.port(r.tls ? 443 : 80));
    const QNetworkProxy proxy = proxyFor(url);
    const bool httpProxy = proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::HttpCachingProxy;
    r.viaHttpProxy = httpProxy;
    if (httpProxy && !r.tls) {
        // Plain HTTP: to the proxy directly, which gets the absolute URL.
        r.absoluteForm = true;
        r.host = proxy.hostName();
        r.port = proxy.port();
        if (!proxy.user().isEmpty())
            r.proxyAuthorization = "Basic " + (proxy.user() + QLatin1Char(':') + proxy.password()).toUtf8().toBase64();
    } else if (httpProxy) {
        QNetworkProxy tunnel = proxy;
        tunnel.setType(QNetworkProxy::HttpProxy); // CONNECT
        r.socketProxy = tunnel;
    } else if (proxy.type() == QNetworkProxy::Socks5Proxy) {
        r.socketProxy = proxy;
    }
    // The key separates every setting that makes a connection different, credentials included.
    r.key = QStringLiteral("%1|%2|%3|%4|%5|%6:%7|%8|%9")
                .arg(url.scheme(), url.host().toLower())
                .arg(url.port(r.tls ? 443 : 80))
                .arg(int(proxy.type()))
                .arg(int(r.absoluteForm))
                .arg(proxy.hostName())
                .arg(proxy.port())
                .arg(proxy.user(), QString::fromLatin1(QByteArray(proxy.password().toUtf8().toBase64())));
    return r;
}

} // namespace flarechat
