#pragma once

#include "http/HttpRoute.h"

#include <QByteArray>
#include <QNetworkRequest>

namespace flarechat {

// HttpClient's requests as bytes on the wire: request line, headers and body, ready for
// one write() to the socket. Pure code, no sockets.
//
// Decisions:
// * The target is request.url(): origin-form ("/path?query", "/" for an empty path), or the
//   whole URL without user info and fragment when the route goes to a plain-HTTP proxy
//   (route.absoluteForm). User info never reaches the wire.
// * Host is always written first, from the URL (IPv6 literals in brackets, the port only when
//   it is not the scheme's default). The caller's Host, Content-Length, Connection,
//   Transfer-Encoding and Proxy-Authorization headers are dropped: this client frames the
//   body itself, and proxy credentials come only from the route.
// * Content-Length is written for a non-empty body, and for POST and PUT even when empty.
// * route.proxyAuthorization (preemptive Basic credentials for a plain-HTTP proxy) is written
//   when the route has one; a tunnel's credentials (CONNECT, SOCKS5) are the socket's and never
//   appear here, so they cannot reach the server at the other end.
namespace HttpRequestWriter {

QByteArray write(
    const QByteArray& method, const QNetworkRequest& request, const QByteArray& body, const HttpRoute& route);

} // namespace HttpRequestWriter

} // namespace flarechat
