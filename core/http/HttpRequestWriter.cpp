#include "HttpRequestWriter.h"

#include <QList>
#include <QUrl>

namespace flarechat {

namespace {

QString hostForUrl(const QString& host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

} // namespace

bool HttpRequestWriter::isValidHeaderName(const QByteArray& name)
{
    if (name.isEmpty())
        return false;
    static constexpr QByteArrayView kSpecials = "!#$%&'*+-.^_`|~";
    for (char c : name) {
        const bool ok
            = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || kSpecials.contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool HttpRequestWriter::isValidHeaderValue(const QByteArray& value)
{
    return !value.contains('\r') && !value.contains('\n') && !value.contains('\0');
}

QByteArray HttpRequestWriter::write(
    const QByteArray& method, const QNetworkRequest& request, const QByteArray& body, const HttpRoute& route)
{
    const QUrl url = request.url();
    QByteArray target;
    if (route.absoluteForm) {
        target = url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    } else {
        target = url.path(QUrl::FullyEncoded).toUtf8();
        if (target.isEmpty())
            target = "/";
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    }
    QByteArray out;
    out.reserve(512 + body.size());
    out += method + ' ' + target + " HTTP/1.1\r\nHost: " + hostForUrl(url.host()).toUtf8();
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        out += ':' + QByteArray::number(url.port());
    out += "\r\n";
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray& name : names) {
        const QByteArray lower = name.toLower();
        if (lower == "host" || lower == "content-length" || lower == "connection" || lower == "transfer-encoding"
            || lower == "proxy-authorization")
            continue;
        const QByteArray value = request.rawHeader(name);
        if (!isValidHeaderName(name) || !isValidHeaderValue(value))
            return {};
        out += name + ": " + value + "\r\n";
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!isValidHeaderValue(route.proxyAuthorization))
        return {};
    if (!route.proxyAuthorization.isEmpty())
        out += "Proxy-Authorization: " + route.proxyAuthorization + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace flarechat
