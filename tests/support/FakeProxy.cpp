#include "FakeProxy.h"

#include <QNetworkProxy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <utility>

namespace flarechat::test {

namespace {
constexpr qsizetype kMaxHttpHead = 64 * 1024;

QByteArray httpReply(const QByteArray& statusLine, const QByteArray& extraHeaders = {})
{
    return "HTTP/1.1 " + statusLine + "\r\n" + extraHeaders + "Content-Length: 0\r\n\r\n";
}

// "host:port", "[v6]:port" or "host" (then `defaultPort`).
bool splitHostPort(const QByteArray& text, quint16 defaultPort, QString* host, quint16* port)
{
    QByteArray h = text;
    QByteArray p;
    if (h.startsWith('[')) {
        const qsizetype close = h.indexOf(']');
        if (close < 0)
            return false;
        p = h.mid(close + 1);
        h = h.mid(1, close - 1);
        if (!p.isEmpty() && !p.startsWith(':'))
            return false;
        p = p.mid(1);
    } else if (const qsizetype colon = h.lastIndexOf(':'); colon >= 0) {
        p = h.mid(colon + 1);
        h = h.left(colon);
    }
    if (h.isEmpty())
        return false;
    bool ok = true;
    const uint n = p.isEmpty() ? defaultPort : p.toUInt(&ok);
    if (!ok || n == 0 || n > 65535)
        return false;
    *host = QString::fromLatin1(h);
    *port = static_cast<quint16>(n);
    return true;
}
} // namespace

// ---------------------------------------------------------------------------------------------
// One client connection: the proxy handshake of its kind, then a byte relay to the target.
class FakeProxyConnection : public QObject
{
public:
    FakeProxyConnection(FakeProxy* proxy, QTcpSocket* client)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_client(client)
    {
        client->setParent(this);
        QObject::connect(client, &QTcpSocket::readyRead, this, [this] { onClientData(); });
        QObject::connect(client, &QTcpSocket::disconnected, this, [this] { onClientGone(); });
        if (proxy->m_silent)
            m_state = State::Silent;
        else if (proxy->m_kind == FakeProxy::Kind::Http)
            m_state = State::HttpHead;
        else if (proxy->m_kind == FakeProxy::Kind::Socks5)
            m_state = State::SocksGreeting;
        else
            m_state = State::Relay;
    }

    void start()
    {
        if (m_state == State::Relay) { // Kind::Forward
            FakeProxy::Request r;
            r.authorized = true;
            r.host = m_proxy->m_forwardAddress.toString();
            r.port = m_proxy->m_forwardPort;
            m_index = m_proxy->record(r);
            m_request = r;
            connectUpstream(r.host, r.port);
        }
        onClientData();
    }

    // Closes without reporting anything: the proxy is going away.
    void shutdown()
    {
        m_gone = true;
        m_client->disconnect(this);
        m_client->abort();
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
        }
    }

private:
    enum class State {
        Silent,
        HttpHead,
        HttpSkipBody, // the body of a request answered by the proxy itself (407)
        HttpForwardBody,
        HttpConnecting, // CONNECT sent, waiting for the target
        SocksGreeting,
        SocksAuth,
        SocksRequest,
        SocksConnecting,
        Relay,
        Closing,
    };

    void onClientData()
    {
        if (m_gone)
            return;
        const QByteArray bytes = m_client->readAll();
        m_proxy->m_bytesIn += bytes.size();
        if (m_state == State::Silent || m_state == State::Closing)
            return;
        m_in += bytes;
        process();
    }

    void process()
    {
        while (!m_gone) {
            switch (m_state) {
            case State::Silent:
            case State::Closing:
            case State::HttpConnecting:
            case State::SocksConnecting:
                return; // bytes wait in m_in until the target answers
            case State::Relay:
                if (!m_in.isEmpty() && m_upstream)
                    m_upstream->write(std::exchange(m_in, {}));
                return;
            case State::HttpSkipBody:
            case State::HttpForwardBody: {
                const qsizetype n = qMin<qsizetype>(m_bodyLeft, m_in.size());
                if (m_state == State::HttpForwardBody && n > 0)
                    m_upstream->write(m_in.left(n));
                m_in.remove(0, n);
                m_bodyLeft -= n;
                if (m_bodyLeft > 0)
                    return;
                m_state = State::HttpHead;
                break;
            }
            case State::HttpHead:
                if (!httpHead())
                    return;
                break;
            case State::SocksGreeting:
                if (!socksGreeting())
                    return;
                break;
            case State::SocksAuth:
                if (!socksAuth())
                    return;
                break;
            case State::SocksRequest:
                if (!socksRequest())
                    return;
                break;
            }
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------

    // Reads one request head; false when it needs more bytes (or closed the connection).
    bool httpHead()
    {
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > kMaxHttpHead)
                closeWith(httpReply("431 Request Header Fields Too Large"));
            return false;
        }
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        m_in.remove(0, end + 4);

        FakeProxy::Request r;
        r.requestLine = lines.first().trimmed();
        const QList<QByteArray> parts = r.requestLine.split(' ');
        QByteArrayList forwardedHeaders;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            r.headers.insert(name, line.mid(colon + 1).trimmed());
            if (name != "proxy-authorization" && name != "proxy-connection")
                forwardedHeaders.append(line);
        }
        r.method = parts.value(0);
        r.proxyAuthorization = r.header("proxy-authorization");
        if (r.proxyAuthorization.startsWith("Basic ")) {
            const QByteArray plain = QByteArray::fromBase64(r.proxyAuthorization.mid(6).trimmed());
            const qsizetype colon = plain.indexOf(':');
            r.user = QString::fromUtf8(plain.left(colon));
            r.password = colon >= 0 ? QString::fromUtf8(plain.mid(colon + 1)) : QString();
        }
        r.authorized = m_proxy->m_user.isEmpty() || (r.user == m_proxy->m_user && r.password == m_proxy->m_password);

        bool lengthOk = true;
        const QByteArray lengthHeader = r.header("content-length");
        m_bodyLeft = lengthHeader.isEmpty() ? 0 : lengthHeader.toLongLong(&lengthOk);
        const bool chunked = r.header("transfer-encoding").toLower().contains("chunked");

        const QByteArray target = parts.value(1);
        const bool isConnect = r.method == "CONNECT";
        QByteArray origin;
        bool targetOk = false;
        if (isConnect) {
            targetOk = splitHostPort(target, 0, &r.host, &r.port);
        } else if (target.toLower().startsWith("http://")) {
            const qsizetype hostEnd = target.indexOf('/', 7);
            targetOk = splitHostPort(target.mid(7, hostEnd < 0 ? -1 : hostEnd - 7), 80, &r.host, &r.port);
            origin = hostEnd < 0 ? QByteArray("/") : target.mid(hostEnd);
        }
        m_index = m_proxy->record(r);
        m_request = r;

        if (parts.size() != 3 || !targetOk || !lengthOk || m_bodyLeft < 0) {
            closeWith(httpReply("400 Bad Request", "Connection: close\r\n"));
            return false;
        }
        if (chunked) {
            closeWith(httpReply("501 Not Implemented", "Connection: close\r\n"));
            return false;
        }
        if (!r.authorized) {
            m_client->write(
                httpReply("407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"FakeProxy\"\r\n"));
            m_state = State::HttpSkipBody;
            return true;
        }
        if (isConnect) {
            m_state = State::HttpConnecting;
            connectUpstream(r.host, r.port);
            return false;
        }
        // Absolute-form: forward in origin-form over one upstream connection per target.
        if (!m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState || m_upstreamHost != r.host
            || m_upstreamPort != r.port) {
            connectUpstream(r.host, r.port);
        } else if (m_upstream->state() == QAbstractSocket::ConnectedState) {
            m_request.connected = true;
            m_proxy->update(m_index, m_request);
        }
        QByteArray head = r.method + ' ' + origin + ' ' + parts.at(2) + "\r\n";
        for (const QByteArray& h : std::as_const(forwardedHeaders))
            head += h + "\r\n";
        head += "\r\n";
        m_upstream->write(head); // buffered by Qt until the connection is up
        m_state = State::HttpForwardBody;
        return true;
    }

    // --- SOCKS5 -------------------------------------------------------------------------------

    bool socksGreeting()
    {
        if (m_in.size() < 2)
            return false;
        const int count = static_cast<quint8>(m_in.at(1));
        if (m_in.size() < 2 + count)
            return false;
        FakeProxy::Request r;
        r.method = "CONNECT";
        r.offeredMethods = m_in.mid(2, count);
        const bool versionOk = m_in.at(0) == 5;
        m_in.remove(0, 2 + count);
        const bool needAuth = !m_proxy->m_user.isEmpty();
        if (!versionOk)
            r.chosenMethod = 0xff;
        else if (needAuth)
            r.chosenMethod = r.offeredMethods.contains('\x02') ? 0x02 : 0xff;
        else
            r.chosenMethod = r.offeredMethods.contains('\x00') ? 0x00 : r.offeredMethods.contains('\x02') ? 0x02 : 0xff;
        r.authorized = !needAuth;
        m_index = m_proxy->record(r);
        m_request = r;
        if (!versionOk) {
            close();
            return false;
        }
        const char reply[2] = {5, static_cast<char>(r.chosenMethod)};
        if (r.chosenMethod == 0xff) {
            closeWith(QByteArray(reply, 2));
            return false;
        }
        m_client->write(reply, 2);
        m_state = r.chosenMethod == 0x02 ? State::SocksAuth : State::SocksRequest;
        return true;
    }

    bool socksAuth()
    {
        if (m_in.size() < 2)
            return false;
        const int userLength = static_cast<quint8>(m_in.at(1));
        if (m_in.size() < 3 + userLength)
            return false;
        const int passwordLength = static_cast<quint8>(m_in.at(2 + userLength));
        if (m_in.size() < 3 + userLength + passwordLength)
            return false;
        const bool versionOk = m_in.at(0) == 1;
        m_request.user = QString::fromUtf8(m_in.mid(2, userLength));
        m_request.password = QString::fromUtf8(m_in.mid(3 + userLength, passwordLength));
        m_in.remove(0, 3 + userLength + passwordLength);
        m_request.authorized = versionOk
            && (m_proxy->m_user.isEmpty()
                || (m_request.user == m_proxy->m_user && m_request.password == m_proxy->m_password));
        m_proxy->update(m_index, m_request);
        const char reply[2] = {1, static_cast<char>(m_request.authorized ? 0 : 1)};
        if (!m_request.authorized) {
            closeWith(QByteArray(reply, 2));
            return false;
        }
        m_client->write(reply, 2);
        m_state = State::SocksRequest;
        return true;
    }

    bool socksRequest()
    {
        if (m_in.size() < 5)
            return false;
        const int command = m_in.at(1);
        const int type = m_in.at(3);
        qsizetype addressLength = 0;
        if (type == 1)
            addressLength = 4;
        else if (type == 4)
            addressLength = 16;
        else if (type == 3)
            addressLength = 1 + static_cast<quint8>(m_in.at(4));
        const qsizetype total = 4 + addressLength + 2;
        if (addressLength == 0 || m_in.at(0) != 5) {
            closeWith(socksReply(0x08)); // address type not supported
            return false;
        }
        if (m_in.size() < total)
            return false;
        const QByteArray address = m_in.mid(4, addressLength);
        const quint16 port = static_cast<quint16>(
            (static_cast<quint8>(m_in.at(total - 2)) << 8) | static_cast<quint8>(m_in.at(total - 1)));
        m_in.remove(0, total);
        m_request.addressType = type;
        m_request.port = port;
        if (type == 1) {
            m_request.host = QHostAddress(qFromBigEndian<quint32>(address.constData())).toString();
        } else if (type == 4) {
            m_request.host = QHostAddress(reinterpret_cast<const quint8*>(address.constData())).toString();
        } else {
            m_request.host = QString::fromLatin1(address.mid(1));
        }
        m_proxy->update(m_index, m_request);
        if (command != 1) {
            closeWith(socksReply(0x07)); // command not supported
            return false;
        }
        m_state = State::SocksConnecting;
        connectUpstream(m_request.host, m_request.port);
        return false;
    }

    QByteArray socksReply(char status) const
    {
        QByteArray reply("\x05", 1);
        reply += status;
        reply += QByteArray("\x00\x01", 2);
        quint32 ip = 0;
        quint16 port = 0;
        if (status == 0 && m_upstream && m_upstream->localAddress().protocol() == QAbstractSocket::IPv4Protocol) {
            ip = m_upstream->localAddress().toIPv4Address();
            port = m_upstream->localPort();
        }
        for (int shift = 24; shift >= 0; shift -= 8)
            reply += static_cast<char>((ip >> shift) & 0xff);
        reply += static_cast<char>(port >> 8);
        reply += static_cast<char>(port & 0xff);
        return reply;
    }

    // --- the target ---------------------------------------------------------------------------

    void connectUpstream(const QString& host, quint16 port)
    {
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
            m_upstream->deleteLater();
        }
        m_upstream = new QTcpSocket(this);
        m_upstream->setProxy(QNetworkProxy::NoProxy); // never through an application proxy a test set
        m_upstreamHost = host;
        m_upstreamPort = port;
        QObject::connect(m_upstream, &QTcpSocket::connected, this, [this] { onUpstreamConnected(); });
        QObject::connect(m_upstream, &QTcpSocket::readyRead, this, [this] {
            if (!m_gone)
                m_client->write(m_upstream->readAll());
        });
        QObject::connect(m_upstream, &QTcpSocket::disconnected, this, [this] {
            if (m_gone)
                return;
            m_client->write(m_upstream->readAll());
            close();
        });
        QObject::connect(m_upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_gone || m_upstream->state() == QAbstractSocket::ConnectedState)
                return; // a close after connecting: disconnected() handles it
            if (m_request.connected) {
                m_client->write(m_upstream->readAll());
                close();
                return;
            }
            if (m_state == State::SocksConnecting)
                closeWith(socksReply(0x05)); // connection refused
            else if (m_proxy->m_kind == FakeProxy::Kind::Http)
                closeWith(httpReply("502 Bad Gateway", "Connection: close\r\n"));
            else
                close();
        });
        const auto alias = m_proxy->m_hosts.constFind(host.toLower());
        if (alias != m_proxy->m_hosts.constEnd())
            m_upstream->connectToHost(alias.value(), port);
        else
            m_upstream->connectToHost(host, port);
    }

    void onUpstreamConnected()
    {
        if (m_gone)
            return;
        m_request.connected = true;
        m_proxy->update(m_index, m_request);
        if (m_state == State::HttpConnecting) {
            m_client->write("HTTP/1.1 200 Connection established\r\n\r\n");
            m_state = State::Relay;
        } else if (m_state == State::SocksConnecting) {
            m_client->write(socksReply(0));
            m_state = State::Relay;
        }
        process();
    }

    // --- closing ------------------------------------------------------------------------------

    void closeWith(const QByteArray& bytes)
    {
        m_client->write(bytes);
        close();
    }

    void close()
    {
        if (m_state == State::Closing)
            return;
        m_state = State::Closing;
        m_closedByUs = true;
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
        }
        m_client->disconnectFromHost(); // after what is buffered is written
        if (m_client->state() == QAbstractSocket::UnconnectedState)
            onClientGone();
    }

    void onClientGone()
    {
        if (m_gone)
            return;
        m_gone = true;
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
        }
        m_proxy->connectionGone(this, !m_closedByUs);
    }

    FakeProxy* m_proxy;
    QTcpSocket* m_client;
    QTcpSocket* m_upstream = nullptr;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    State m_state = State::Silent;
    QByteArray m_in;
    qint64 m_bodyLeft = 0;
    FakeProxy::Request m_request; // the latest one, mirrored into the proxy's list at m_index
    int m_index = -1;
    bool m_closedByUs = false;
    bool m_gone = false;
};

// ---------------------------------------------------------------------------------------------

FakeProxy::FakeProxy(Kind kind, QObject* parent)
    : QObject(parent)
    , m_kind(kind)
    , m_server(new QTcpServer(this))
{
    qRegisterMetaType<FakeProxy::Request>();
    m_server->setProxy(QNetworkProxy::NoProxy);
    connect(m_server, &QTcpServer::newConnection, this, &FakeProxy::onNewConnection);
}

FakeProxy::~FakeProxy()
{
    const QList<FakeProxyConnection*> connections = std::exchange(m_connections, {});
    for (FakeProxyConnection* c : connections) {
        c->shutdown();
        delete c;
    }
}

bool FakeProxy::listen(const QHostAddress& address, quint16 port)
{
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    return m_server->listen(address, port);
}

quint16 FakeProxy::port() const
{
    return m_server->isListening() ? m_server->serverPort() : 0;
}

QHostAddress FakeProxy::address() const
{
    return m_server->serverAddress();
}

void FakeProxy::setCredentials(const QString& user, const QString& password)
{
    m_user = user;
    m_password = password;
}

void FakeProxy::setSilent(bool silent)
{
    m_silent = silent;
}

void FakeProxy::setForwardTarget(const QHostAddress& address, quint16 port)
{
    m_forwardAddress = address;
    m_forwardPort = port;
}

void FakeProxy::addHost(const QString& name, const QHostAddress& address)
{
    m_hosts.insert(name.toLower(), address);
}

int FakeProxy::openConnections() const
{
    return static_cast<int>(m_connections.size());
}

void FakeProxy::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        ++m_accepted;
        auto* c = new FakeProxyConnection(this, socket);
        m_connections.append(c);
        c->start();
    }
}

int FakeProxy::record(const Request& request)
{
    m_requests.append(request);
    Q_EMIT requestSeen(request);
    return m_cleared + static_cast<int>(m_requests.size() - 1);
}

void FakeProxy::update(int number, const Request& request)
{
    const int index = number - m_cleared;
    if (index >= 0 && index < m_requests.size())
        m_requests[index] = request;
}

void FakeProxy::clearRequests()
{
    m_cleared += static_cast<int>(m_requests.size());
    m_requests.clear();
}

void FakeProxy::connectionGone(FakeProxyConnection* connection, bool byClient)
{
    if (!m_connections.removeOne(connection))
        return;
    if (byClient)
        ++m_closedByClient;
    connection->deleteLater();
}

} // namespace flarechat::test
