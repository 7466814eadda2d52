#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace flarechat {

// One parsed HTTP/1.x request as HttpRequestParser hands it to the server: the request line
// split into its parts, the header fields in arrival order, and the body already de-chunked.
// A plain value type: copyable, comparable, no I/O.
struct HttpRequest
{
    struct Header
    {
        QByteArray name; // lower-cased on parse (names are case-insensitive, RFC 9110 §5.1)
        QByteArray value; // leading and trailing spaces/tabs removed
        bool operator==(const Header& o) const { return name == o.name && value == o.value; }
        bool operator!=(const Header& o) const { return !(*this == o); }
    };

    QByteArray method; // case-sensitive token as sent ("GET", "POST", ...)
    QByteArray target; // raw request-target, still percent-encoded
    QByteArray authority; // host[:port] of an absolute-form target ("http://host/x"), else empty
    QString path; // percent-decoded UTF-8 path without the query; "*" for "OPTIONS *"
    QUrlQuery query; // query part of the target (values via queryItemValue(k, QUrl::FullyDecoded))
    int versionMinor = 1; // 0 for HTTP/1.0, 1 for HTTP/1.1
    QList<Header> headers;
    QByteArray body; // decoded body (chunked framing removed)

    // First value of the named field (case-insensitive), or a null QByteArray when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const Header& h : headers) {
            if (sameName(h.name, name))
                return h.value;
        }
        return {};
    }

    bool hasHeader(QByteArrayView name) const
    {
        for (const Header& h : headers) {
            if (sameName(h.name, name))
                return true;
        }
        return false;
    }

    // Every value of a field that was sent several times, in arrival order.
    QList<QByteArray> headerValues(QByteArrayView name) const
    {
        QList<QByteArray> out;
        for (const Header& h : headers) {
            if (sameName(h.name, name))
                out.append(h.value);
        }
        return out;
    }

    // The host the client addressed: the authority of an absolute-form target wins over the Host
    // field (RFC 9112 §3.2.2), so the server's DNS-rebinding check sees what routing would see.
    QByteArray host() const { return authority.isEmpty() ? header("host") : authority; }

    // Persistent connection after this exchange? HTTP/1.1 unless "Connection: close";
    // HTTP/1.0 only when the client asked for "Connection: keep-alive" (RFC 9112 §9.3).
    bool keepAlive() const
    {
        if (hasListToken("connection", "close"))
            return false;
        return versionMinor >= 1 || hasListToken("connection", "keep-alive");
    }

    // "Expect: 100-continue" on an HTTP/1.1 request; HTTP/1.0 senders cannot mean it and the
    // expectation must be ignored for them (RFC 9110 §10.1.1).
    bool expectsContinue() const { return versionMinor >= 1 && hasListToken("expect", "100-continue"); }

    // True when any value of a comma-separated list field holds the token (case-insensitive).
    bool hasListToken(QByteArrayView name, QByteArrayView token) const
    {
        for (const Header& h : headers) {
            if (!sameName(h.name, name))
                continue;
            for (const QByteArray& item : h.value.split(',')) {
                if (sameName(item.trimmed(), token))
                    return true;
            }
        }
        return false;
    }

    bool operator==(const HttpRequest& o) const
    {
        return method == o.method && target == o.target && authority == o.authority && path == o.path
            && query == o.query && versionMinor == o.versionMinor && headers == o.headers && body == o.body;
    }
    bool operator!=(const HttpRequest& o) const { return !(*this == o); }

private:
    static bool sameName(QByteArrayView a, QByteArrayView b)
    {
        return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
    }
};

} // namespace flarechat
