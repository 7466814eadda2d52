#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;

namespace flarechat::test {

class FakeProxyConnection;

// A local proxy for client tests, on QTcpServer in the test's own thread (no threads, no sleeps:
// drive it with QSignalSpy / QTRY_*). It records what each client asked of it and relays bytes
// to the real target (usually FakeWorkersAi) in both directions.
//
//  * Http: an HTTP/1.1 proxy. Absolute-form requests ("POST http://host:port/path HTTP/1.1") are
//    forwarded in origin-form without the Proxy-* headers, bodies framed by Content-Length (a
//    chunked request body gets 501); CONNECT host:port opens a tunnel. With setCredentials() it
//    answers 407 + Proxy-Authenticate: Basic until a request carries the right Basic credentials.
//  * Socks5: RFC 1928 — greeting, username/password sub-negotiation (RFC 1929) when credentials
//    are set (method 0x02, else 0x00), CONNECT to an IPv4, IPv6 or domain-name target.
//  * Forward: a plain TCP forwarder to setForwardTarget(), no protocol at all; useful to put a
//    loopback-only server on another address.
//
// setSilent(true) makes it accept connections and read, but never answer or connect anywhere:
// a proxy that hangs. Host names are resolved by the proxy (remote DNS, as real proxies do);
// addHost() maps made-up names so tests can prove the client did not resolve them itself.
class FakeProxy : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Http, Socks5, Forward };

    // One request to the proxy: an HTTP request head (each one, 407-challenged or not) or a SOCKS5
    // connection's handshake. Forward connections record the target only.
    struct Request
    {
        // HTTP
        QByteArray requestLine; // "POST http://127.0.0.1:1234/client/v4/... HTTP/1.1", "CONNECT h:p HTTP/1.1"
        QByteArray method; // "POST", "CONNECT"; "CONNECT" for SOCKS5 too
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray proxyAuthorization; // the Proxy-Authorization header as sent, empty if none
        // SOCKS5
        QByteArray offeredMethods; // authentication methods of the greeting (0x00 none, 0x02 user/password)
        int chosenMethod = -1; // what the proxy answered, 0xff = none acceptable
        int addressType = 0; // of the CONNECT request: 1 IPv4, 3 domain name, 4 IPv6
        // Both
        QString user; // credentials presented: HTTP Basic, decoded, or RFC 1929
        QString password;
        bool authorized = false; // no credentials required, or the right ones presented
        QString host; // the target as the client named it
        quint16 port = 0;
        bool connected = false; // the proxy reached the target
        QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
    };

    explicit FakeProxy(Kind kind, QObject* parent = nullptr);
    ~FakeProxy() override;

    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0); // 0 = a free port
    quint16 port() const; // 0 before listen()
    QHostAddress address() const;
    Kind kind() const { return m_kind; }

    // Credentials the proxy requires from now on; empty user = none.
    void setCredentials(const QString& user, const QString& password);
    void setSilent(bool silent); // accept and read, never answer (for connections accepted from now on)
    void setForwardTarget(const QHostAddress& address, quint16 port); // Kind::Forward
    void addHost(const QString& name, const QHostAddress& address); // resolve `name` to `address`

    QList<Request> requests() const { return m_requests; }
    Request lastRequest() const { return m_requests.isEmpty() ? Request() : m_requests.last(); }
    void clearRequests();
    int acceptedConnections() const { return m_accepted; } // client connections so far
    int openConnections() const; // client connections open now
    int closedByClient() const { return m_closedByClient; } // client connections the client closed
    qint64 bytesFromClients() const { return m_bytesIn; } // everything clients sent, handshakes included

Q_SIGNALS:
    void requestSeen(const flarechat::test::FakeProxy::Request& request);

private:
    friend class FakeProxyConnection;
    void onNewConnection();
    int record(const Request& request); // a number for update(), which clearRequests() does not reuse
    void update(int number, const Request& request);
    void connectionGone(FakeProxyConnection* connection, bool byClient);

    Kind m_kind;
    QTcpServer* m_server = nullptr;
    QList<FakeProxyConnection*> m_connections;
    QString m_user;
    QString m_password;
    bool m_silent = false;
    QHostAddress m_forwardAddress;
    quint16 m_forwardPort = 0;
    QHash<QString, QHostAddress> m_hosts;
    QList<Request> m_requests;
    int m_cleared = 0; // requests dropped by clearRequests()
    int m_accepted = 0;
    int m_closedByClient = 0;
    qint64 m_bytesIn = 0;
};

} // namespace flarechat::test

Q_DECLARE_METATYPE(flarechat::test::FakeProxy::Request)
