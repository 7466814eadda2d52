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
// * A header whose name is not an RFC 9110 token, or whose value holds CR, LF or NUL, makes the
//   whole request unwritable (an empty result): written as is it would end the header early and
//   inject headers of its own (a pasted API token with a line break in it). The caller fails the
//   request without saying the value.
// * Content-Length is written for a non-empty body, and for POST and PUT even when empty.
// * route.proxyAuthorization (preemptive Basic credentials for a plain-HTTP proxy) is written
//   when the route has one; a tunnel's credentials (CONNECT, SOCKS5) are the socket's and never
//   appear here, so they cannot reach the server at the other end.
namespace HttpRequestWriter {

// The request's bytes, or an empty array when a header cannot be written safely (see above).
QByteArray write(
    const QByteArray& method, const QNetworkRequest& request, const QByteArray& body, const HttpRoute& route);

bool isValidHeaderName(const QByteArray& name); // an RFC 9110 token: no space, colon, control characters
bool isValidHeaderValue(const QByteArray& value); // no CR, LF or NUL

} // namespace HttpRequestWriter

} // namespace flarechat
