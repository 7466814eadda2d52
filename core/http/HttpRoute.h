#pragma once

#include <QByteArray>
#include <QNetworkProxy>
#include <QString>

namespace flarechat {

// Where one of HttpClient's requests goes and how: what the socket connects to, whether it
// speaks TLS, which proxy (if any) tunnels it, and how the request must be written for that.
// HttpRoutePlanner makes one per request; a plain value, no I/O.
//
// proxyAuthorization holds the proxy's credentials (Basic, base64 of user:password): it goes
// into the request to a plain-HTTP proxy and nowhere else, never into a log line.
struct HttpRoute
{
    QString key; // connections with the same key are interchangeable
    QString host; // what the socket connects to (through socketProxy, if any)
    quint16 port = 0;
    bool tls = false;
    QNetworkProxy socketProxy = QNetworkProxy(QNetworkProxy::NoProxy); // SOCKS5, or HTTP CONNECT
    bool absoluteForm = false; // plain HTTP through an HTTP proxy: the proxy gets the full URL
    QByteArray proxyAuthorization; // with absoluteForm, for the proxy
    bool viaHttpProxy = false; // a 407 is the proxy's, not the server's
};

} // namespace flarechat
