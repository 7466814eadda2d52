#pragma once

#include "http/HttpRoute.h"

#include <QHash>
#include <QNetworkProxy>
#include <QString>
#include <QUrl>

namespace flarechat {

// HttpClient's route and proxy decision: for each request URL, whether its connection goes
// directly, to a plain-HTTP proxy that gets the request in absolute form (with preemptive Basic
// credentials), through an HTTP proxy's CONNECT tunnel, or through SOCKS5; and the pool key
// under which such connections are interchangeable. No I/O but Qt's proxy factory.
//
// DefaultProxy ("System") asks QNetworkProxyFactory (the application's proxy or the system's
// settings) once per origin and keeps the answer until the next setProxy(); of the proxies it
// lists, the first this client can use (HTTP, HTTP caching, SOCKS5, or none) is taken.
class HttpRoutePlanner final
{
public:
    // NoProxy, HttpProxy (or HttpCachingProxy), Socks5Proxy, or DefaultProxy.
    void setProxy(const QNetworkProxy& proxy);
    QNetworkProxy proxy() const { return m_proxy; }

    HttpRoute routeFor(const QUrl& url);

private:
    QNetworkProxy proxyFor(const QUrl& url);

    QNetworkProxy m_proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    QHash<QString, QNetworkProxy> m_proxyForOrigin; // DefaultProxy answers, per scheme://host:port
};

} // namespace flarechat
