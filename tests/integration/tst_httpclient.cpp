// HttpClient, the HTTP/1.1 client of the chat completions, over real sockets against a scripted
// server: framing (Content-Length, chunked in pieces, until close), keep-alive reuse and its
// limits, a kept-alive connection the server closed, interim responses, redirects, malformed
// and cut-off responses, abort, idle timeout, backpressure, and TLS (a real handshake with a
// certificate made for the test, and a server that does not speak TLS).
#include "http/HttpClient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace flarechat;

namespace {

// A server that reads whole requests (head and Content-Length body) and answers each with
// what the test's handler writes.
class ScriptServer final : public QObject
{
public:
    struct Request
    {
        QByteArray head; // request line and headers
        QByteArray body;
        int connection = 0; // which accepted connection, from 1
        int indexOnConnection = 0; // from 1
        QByteArray header(const QByteArray& lowerName) const
        {
            for (const QByteArray& line : head.split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == lowerName)
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
        QByteArray requestLine() const { return head.left(head.indexOf("\r\n")); }
    };
    using Handler = std::function<void(QTcpSocket*, const Request&)>;

    explicit ScriptServer(QTcpServer* server = nullptr)
        : m_server(server ? server : new QTcpServer(this))
    {
        m_server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* s = m_server->nextPendingConnection())
                adopt(s);
        });
    }
    bool listen() { return m_server->listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server->serverPort(); }
    QUrl url(const QString& path, const QString& scheme = QStringLiteral("http")) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(scheme).arg(port()).arg(path));
    }

    Handler handler;
    QList<Request> requests;
    int accepted = 0;
    int closedByPeer = 0;
    QList<QPointer<QTcpSocket>> sockets;

private:
    void adopt(QTcpSocket* s)
    {
        s->setParent(this);
        const int id = ++accepted;
        sockets.append(s);
        auto buffer = std::make_shared<QByteArray>();
        auto count = std::make_shared<int>(0);
        connect(s, &QTcpSocket::disconnected, this, [this] { ++closedByPeer; });
        connect(s, &QTcpSocket::readyRead, this, [this, s, id, buffer, count] {
            *buffer += s->readAll();
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request r;
                r.head = buffer->left(end + 2);
                const qint64 length = r.header("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                r.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                r.connection = id;
                r.indexOnConnection = ++*count;
                requests.append(r);
                if (handler)
                    handler(s, r);
            }
        });
    }

    QTcpServer* m_server;
};

QByteArray okResponse(const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
        + extraHeaders + "\r\n" + body;
}

// What a reply delivered.
struct Outcome
{
    explicit Outcome(HttpClientReply* reply)
    {
        QObject::connect(reply, &HttpClientReply::readyRead, reply, [this, reply] {
            ++readyReads;
            body += reply->readAll();
        });
        QObject::connect(reply, &HttpClientReply::requestSent, reply, [this] { ++sent; });
        QObject::connect(reply, &HttpClientReply::finished, reply, [this, reply] {
            body += reply->readAll();
            status = reply->status();
            error = reply->error();
            errorString = reply->errorString();
            ++finished;
        });
    }
    QByteArray body;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    int readyReads = 0;
    int sent = 0;
    int finished = 0;
};

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void contentLengthAndKeepAlive();
    void chunkedInPieces();
    void bodyUntilClose();
    void connectionCloseIsNotReused();
    void keptAliveConnectionClosedByServer();
    void interimResponsesAreSkipped();
    void redirectsOnTheSameHost();
    void redirectToAnotherHostIsNotFollowed();
    void redirectToAnotherPortIsNotFollowed();
    void headerWithALineBreakIsNeverSent();
    void redirectWithALargeBody();
    void redirectWithoutLocationIsNotFollowed();
    void earlyAnswerBeforeTheBodyIsSentIsNotReused();
    void lateCloseOfAReusedConnectionIsNotResent();
    void malformedResponse();
    void cutOffBody();
    void abortClosesTheConnection();
    void deletingARunningReplyClosesTheConnection();
    void idleConnectionsTimeOut();
    void serverClosingAnIdleConnectionIsForgotten();
    void backpressureStopsReading();
    void refusedConnection();
    void unknownScheme();
    void tlsHandshakeWithAServerThatSpeaksPlainHttp();
    void tlsRequest();

private:
    bool laterRequestAnswered();

    std::unique_ptr<ScriptServer> m_server;
    std::unique_ptr<HttpClient> m_client;
};

void TestHttpClient::init()
{
    m_server = std::make_unique<ScriptServer>();
    QVERIFY(m_server->listen());
    m_client = std::make_unique<HttpClient>();
}

void TestHttpClient::cleanup()
{
    m_client.reset();
    m_server.reset();
}

// Sends GET /later through the same client and waits for its answer (the server answers it from
// now on). By then the client has handled every event queued before it: what an earlier reply
// could still have done (finish again, send again) it has had its chance to do.
bool TestHttpClient::laterRequestAnswered()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->write(okResponse("later")); };
    std::unique_ptr<HttpClientReply> later(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/later")))));
    Outcome o(later.get());
    return QTest::qWaitFor([&o] { return o.finished > 0; }, 10000) && o.finished == 1
        && o.error == QNetworkReply::NoError && o.body == "later";
}

void TestHttpClient::contentLengthAndKeepAlive()
{
    m_server->handler
        = [](QTcpSocket* s, const ScriptServer::Request& r) { s->write(okResponse("you said " + r.body)); };
    QNetworkRequest req(m_server->url(QStringLiteral("/client/v4/run?x=1%202")));
    req.setRawHeader("Authorization", "Bearer test-token");
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));

    for (int i = 0; i < 3; ++i) {
        std::unique_ptr<HttpClientReply> reply(m_client->post(req, "hello " + QByteArray::number(i)));
        Outcome o(reply.get());
        QTRY_COMPARE(o.finished, 1);
        QCOMPARE(o.error, QNetworkReply::NoError);
        QCOMPARE(o.status, 200);
        QCOMPARE(o.body, "you said hello " + QByteArray::number(i));
        QCOMPARE(o.sent, 1);
        QCOMPARE(reply->rawHeader("CONTENT-type"), QByteArray("text/plain"));
        QVERIFY(!reply->isRunning());
    }
    QCOMPARE(m_server->accepted, 1); // one connection, kept alive
    QCOMPARE(m_client->connectionsOpened(), 1);
    QCOMPARE(m_client->idleConnections(), 1);
    QCOMPARE(m_client->inFlight(), 0);

    const ScriptServer::Request& seen = m_server->requests.first();
    QCOMPARE(seen.requestLine(), QByteArray("POST /client/v4/run?x=1%202 HTTP/1.1"));
    QCOMPARE(seen.header("host"), QStringLiteral("127.0.0.1:%1").arg(m_server->port()).toUtf8());
    QCOMPARE(seen.header("content-length"), QByteArray("7"));
    QCOMPARE(seen.header("authorization"), QByteArray("Bearer test-token"));
    QCOMPARE(seen.header("content-type"), QByteArray("application/json"));
    QCOMPARE(m_server->requests.at(2).indexOnConnection, 3);
}

void TestHttpClient::chunkedInPieces()
{
    // A chunked body written in pieces with pauses, split inside sizes and line endings.
    const QByteArray wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
                            "5;ext=1\r\nhello\r\n1";
    const QList<QByteArray> pieces = {wire, "0\r\n, world, how are\r\n5\r\n yo", "u?\r", "\n0\r\nX-Trailer: 1\r\n\r\n"};
    m_server->handler = [pieces](QTcpSocket* s, const ScriptServer::Request&) {
        QPointer<QTcpSocket> socket(s);
        for (int i = 0; i < pieces.size(); ++i) {
            QTimer::singleShot(30 * i, s, [socket, piece = pieces.at(i)] {
                if (socket) {
                    socket->write(piece);
                    socket->flush();
                }
            });
        }
    };
    std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/s")))));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(o.body, QByteArray("hello, world, how are you?"));
    QVERIFY2(o.readyReads >= 3, "the body arrives as it is written");
    QCOMPARE(m_client->idleConnections(), 1); // a chunked body ends without closing

    // The connection carries the next request.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->write(okResponse("again")); };
    std::unique_ptr<HttpClientReply> next(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/s")))));
    Outcome o2(next.get());
    QTRY_COMPARE(o2.finished, 1);
    QCOMPARE(o2.body, QByteArray("again"));
    QCOMPARE(m_server->accepted, 1);
}

void TestHttpClient::bodyUntilClose()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":");
        QPointer<QTcpSocket> socket(s);
        QTimer::singleShot(30, s, [socket] {
            if (socket) {
                socket->write("1}");
                socket->disconnectFromHost();
            }
        });
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/x"))), "{}"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(o.body, QByteArray("{\"a\":1}"));
    QCOMPARE(m_client->openConnections(), 0);
}

void TestHttpClient::connectionCloseIsNotReused()
{
    m_server->handler
        = [](QTcpSocket* s, const ScriptServer::Request&) { s->write(okResponse("bye", "Connection: close\r\n")); };
    for (int i = 0; i < 2; ++i) {
        std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/")))));
        Outcome o(reply.get());
        QTRY_COMPARE(o.finished, 1);
        QCOMPARE(o.body, QByteArray("bye"));
        QCOMPARE(m_client->openConnections(), 0);
    }
    QCOMPARE(m_server->accepted, 2);
}

void TestHttpClient::keptAliveConnectionClosedByServer()
{
    // The server answers the first request on a connection and closes the connection when the
    // second arrives, without a byte: the race of a keep-alive timeout. The client sends the
    // request again on a new connection, and nobody notices.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request& r) {
        if (r.indexOnConnection == 1)
            s->write(okResponse("first on connection " + QByteArray::number(r.connection)));
        else
            s->abort();
    };
    QNetworkRequest req(m_server->url(QStringLiteral("/")));
    std::unique_ptr<HttpClientReply> first(m_client->post(req, "a"));
    Outcome o1(first.get());
    QTRY_COMPARE(o1.finished, 1);
    QCOMPARE(o1.body, QByteArray("first on connection 1"));

    std::unique_ptr<HttpClientReply> second(m_client->post(req, "b"));
    Outcome o2(second.get());
    QTRY_COMPARE(o2.finished, 1);
    QCOMPARE(o2.error, QNetworkReply::NoError);
    QCOMPARE(o2.body, QByteArray("first on connection 2"));
    QCOMPARE(m_server->accepted, 2);
    QCOMPARE(m_server->requests.size(), 3); // b was sent twice, answered once
    QCOMPARE(m_server->requests.at(2).body, QByteArray("b"));

    // A fresh connection that closes is not retried: that is an error.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->abort(); };
    m_client->closeIdleConnections();
    std::unique_ptr<HttpClientReply> third(m_client->post(req, "c"));
    Outcome o3(third.get());
    QTRY_COMPARE(o3.finished, 1);
    QCOMPARE(o3.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(o3.status, 0);
    QCOMPARE(m_server->requests.size(), 4);
}

void TestHttpClient::interimResponsesAreSkipped()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
            + okResponse("final"));
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.body, QByteArray("final"));
    QVERIFY(reply->rawHeader("link").isNull());
}

void TestHttpClient::redirectsOnTheSameHost()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request& r) {
        if (r.requestLine().startsWith("POST /old "))
            s->write("HTTP/1.1 307 Temporary Redirect\r\nLocation: /new?k=v\r\nContent-Length: 5\r\n\r\nmoved");
        else
            s->write(okResponse(r.requestLine() + " " + r.body));
    };
    std::unique_ptr<HttpClientReply> reply(
        m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/old"))), "the body"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.body, QByteArray("POST /new?k=v HTTP/1.1 the body"));
    QCOMPARE(reply->url(), m_server->url(QStringLiteral("/new?k=v")));
    QCOMPARE(m_server->accepted, 1);
}

void TestHttpClient::redirectToAnotherHostIsNotFollowed()
{
    // The request carries the Workers AI token: it must not go to another host.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/steal\r\nContent-Length: 0\r\n\r\n");
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 302);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(m_server->requests.size(), 1);
}

void TestHttpClient::redirectToAnotherPortIsNotFollowed()
{
    // Another port of the same host is another service: the token must not go there either.
    ScriptServer other;
    QVERIFY(other.listen());
    other.handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->write(okResponse("stolen")); };
    const QByteArray location = "http://127.0.0.1:" + QByteArray::number(other.port()) + "/steal";
    m_server->handler = [location](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    };
    QNetworkRequest req(m_server->url(QStringLiteral("/")));
    req.setRawHeader("Authorization", "Bearer test-token-not-real");
    std::unique_ptr<HttpClientReply> reply(m_client->post(req, "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 307);
    QCOMPARE(other.requests.size(), 0);
}

void TestHttpClient::headerWithALineBreakIsNeverSent()
{
    // A token pasted with a line break in it would end the header and start one of its own.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request& r) { s->write(okResponse(r.body)); };
    QNetworkRequest req(m_server->url(QStringLiteral("/")));
    req.setRawHeader("Authorization", "Bearer test-token\r\nX-Injected: 1");
    std::unique_ptr<HttpClientReply> reply(m_client->post(req, "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::ProtocolInvalidOperationError);
    QVERIFY(!reply->errorString().contains(QLatin1String("test-token"))); // never the value
    QCOMPARE(m_server->requests.size(), 0);
    QCOMPARE(m_server->accepted, 0);
    // The client goes on working.
    std::unique_ptr<HttpClientReply> next(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "y"));
    Outcome o2(next.get());
    QTRY_COMPARE(o2.finished, 1);
    QCOMPARE(o2.error, QNetworkReply::NoError);
}

void TestHttpClient::redirectWithALargeBody()
{
    // The redirect's own body is larger than the read buffer: it is read and dropped, not held
    // (held, it would fill the buffer and stop the reading with nobody told to read).
    HttpClient::Options options;
    options.readBufferBytes = 16 * 1024;
    m_client->setOptions(options);
    const QByteArray filler(200 * 1024, 'r');
    m_server->handler = [filler](QTcpSocket* s, const ScriptServer::Request& r) {
        if (r.requestLine().startsWith("POST /old "))
            s->write("HTTP/1.1 308 Permanent Redirect\r\nLocation: /new\r\nContent-Length: "
                + QByteArray::number(filler.size()) + "\r\n\r\n" + filler);
        else
            s->write(okResponse("arrived " + r.body));
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/old"))), "b"));
    Outcome o(reply.get());
    QTRY_COMPARE_WITH_TIMEOUT(o.finished, 1, 10000);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.body, QByteArray("arrived b"));
}

void TestHttpClient::redirectWithoutLocationIsNotFollowed()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 307 Temporary Redirect\r\nContent-Length: 4\r\n\r\nnope");
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 307);
    QCOMPARE(o.body, QByteArray("nope"));
    QVERIFY(laterRequestAnswered());
    // Sent once, not again to the same URL: the next request the server saw was the later one.
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->requests.at(1).requestLine(), QByteArray("GET /later HTTP/1.1"));
}

void TestHttpClient::earlyAnswerBeforeTheBodyIsSentIsNotReused()
{
    // The server refuses a large upload as soon as it has read the head (as a 413 would), with
    // keep-alive, while most of the body is still unsent: the connection must not carry the
    // next request (it would follow the rest of the old body).
    QTcpServer early;
    QVERIFY(early.listen(QHostAddress::LocalHost));
    int accepted = 0;
    connect(&early, &QTcpServer::pendingConnectionAvailable, &early, [&] {
        while (QTcpSocket* s = early.nextPendingConnection()) {
            ++accepted;
            auto answered = std::make_shared<bool>(false);
            connect(s, &QTcpSocket::readyRead, s, [s, answered] {
                if (*answered) {
                    s->readAll(); // the rest of the body, or a next request: never answered
                    return;
                }
                if (!s->peek(1 << 20).contains("\r\n\r\n"))
                    return;
                *answered = true;
                s->setReadBufferSize(1); // and stop reading, as a server refusing the upload would
                s->write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\n\r\nbig");
            });
        }
    });
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/upload").arg(early.serverPort()));
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(url), QByteArray(32 * 1024 * 1024, 'u')));
    Outcome o(reply.get());
    QTRY_COMPARE_WITH_TIMEOUT(o.finished, 1, 10000);
    QCOMPARE(o.status, 413);
    QCOMPARE(o.body, QByteArray("big"));
    QCOMPARE(o.sent, 0);
    QCOMPARE(m_client->idleConnections(), 0);
    QCOMPARE(m_client->openConnections(), 0);
    QCOMPARE(accepted, 1);
}

void TestHttpClient::lateCloseOfAReusedConnectionIsNotResent()
{
    // The second request on a kept-alive connection is taken, and the connection dies long
    // after, without an answer (a proxy giving up on a slow request): it may have been served,
    // so it is an error, not sent again.
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request& r) {
        if (r.indexOnConnection == 1) {
            s->write(okResponse("first"));
            return;
        }
        QPointer<QTcpSocket> socket(s);
        QTimer::singleShot(1500, s, [socket] {
            if (socket)
                socket->abort();
        });
    };
    QNetworkRequest req(m_server->url(QStringLiteral("/")));
    std::unique_ptr<HttpClientReply> first(m_client->post(req, "a"));
    Outcome o1(first.get());
    QTRY_COMPARE(o1.finished, 1);
    std::unique_ptr<HttpClientReply> second(m_client->post(req, "b"));
    Outcome o2(second.get());
    QTRY_COMPARE_WITH_TIMEOUT(o2.finished, 1, 10000);
    QCOMPARE(o2.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(m_server->requests.size(), 2);
    QCOMPARE(m_server->accepted, 1);
}

void TestHttpClient::malformedResponse()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->write("HTTP/1.1 2OO OK\r\n\r\n"); };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::ProtocolFailure);
    QVERIFY2(o.errorString.contains(QStringLiteral("status")), qPrintable(o.errorString));
    QTRY_COMPARE(m_server->closedByPeer, 1);
    QCOMPARE(m_client->openConnections(), 0);
    QVERIFY(laterRequestAnswered());
    QCOMPARE(o.finished, 1); // the close that followed did not finish it again
}

void TestHttpClient::cutOffBody()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
        s->disconnectFromHost();
    };
    std::unique_ptr<HttpClientReply> reply(m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.body, QByteArray("only this"));
    QCOMPARE(o.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY2(
        o.errorString.contains(QStringLiteral("before the response body was complete")), qPrintable(o.errorString));
    QCOMPARE(m_client->openConnections(), 0);
}

void TestHttpClient::abortClosesTheConnection()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    };
    HttpClientReply* reply = m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x");
    Outcome o(reply);
    QTRY_COMPARE(o.body, QByteArray("abc"));
    reply->abort();
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(!reply->isRunning());
    QCOMPARE(m_client->openConnections(), 0);
    QTRY_COMPARE(m_server->closedByPeer, 1);
    QVERIFY(laterRequestAnswered());
    QCOMPARE(o.finished, 0); // nothing after abort
    QCOMPARE(o.body, QByteArray("abc"));
    delete reply;
}

void TestHttpClient::deletingARunningReplyClosesTheConnection()
{
    m_server->handler = [](QTcpSocket*, const ScriptServer::Request&) {}; // never answers
    HttpClientReply* reply = m_client->post(QNetworkRequest(m_server->url(QStringLiteral("/"))), "x");
    QSignalSpy sent(reply, &HttpClientReply::requestSent);
    QTRY_COMPARE(m_server->requests.size(), 1);
    QTRY_COMPARE(sent.count(), 1);
    QVERIFY(reply->requestWasSent());
    QCOMPARE(m_client->inFlight(), 1);
    delete reply;
    QCOMPARE(m_client->inFlight(), 0);
    QTRY_COMPARE(m_server->closedByPeer, 1);
}

void TestHttpClient::idleConnectionsTimeOut()
{
    HttpClient::Options options;
    options.idleTimeoutMs = 100;
    m_client->setOptions(options);
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) { s->write(okResponse("ok")); };
    std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/")))));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(m_client->idleConnections(), 1);
    QTRY_COMPARE(m_client->openConnections(), 0);
    QTRY_COMPARE(m_server->closedByPeer, 1);
}

void TestHttpClient::serverClosingAnIdleConnectionIsForgotten()
{
    m_server->handler = [](QTcpSocket* s, const ScriptServer::Request&) {
        s->write(okResponse("ok"));
        s->disconnectFromHost(); // after the response, without saying "Connection: close"
    };
    std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/")))));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QTRY_COMPARE(m_client->openConnections(), 0);
}

void TestHttpClient::backpressureStopsReading()
{
    // 64 MiB offered, nothing read by the caller: the client holds at most its read buffer and
    // the rest waits in the server's socket (TCP pushes back). Then it is read to the end.
    HttpClient::Options options;
    options.readBufferBytes = 64 * 1024;
    m_client->setOptions(options);
    constexpr qint64 kTotal = 64 * 1024 * 1024;
    const QByteArray block(1024 * 1024, 'x');
    QPointer<QTcpSocket> serverSocket;
    m_server->handler = [&](QTcpSocket* s, const ScriptServer::Request&) {
        serverSocket = s;
        s->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(kTotal) + "\r\n\r\n");
        for (qint64 i = 0; i < kTotal / block.size(); ++i)
            s->write(block);
    };
    std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(m_server->url(QStringLiteral("/big")))));
    QSignalSpy finished(reply.get(), &HttpClientReply::finished);
    QTRY_VERIFY(reply->headReceived());
    QTest::qWait(500);
    QVERIFY2(reply->bytesAvailable() <= 2 * options.readBufferBytes,
        QByteArray::number(reply->bytesAvailable()).constData());
    QVERIFY(serverSocket);
    QVERIFY2(serverSocket->bytesToWrite() > kTotal / 2,
        qPrintable(QStringLiteral("the server could write %1 bytes").arg(kTotal - serverSocket->bytesToWrite())));
    QCOMPARE(finished.count(), 0);

    qint64 received = 0;
    QElapsedTimer clock;
    clock.start();
    while (finished.isEmpty() && clock.elapsed() < 60000) {
        received += reply->readAll().size();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    received += reply->readAll().size();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(received, kTotal);
}

void TestHttpClient::refusedConnection()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    std::unique_ptr<HttpClientReply> reply(
        m_client->get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
    Outcome o(reply.get());
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(o.sent, 0);
    QCOMPARE(m_client->openConnections(), 0);
}

void TestHttpClient::unknownScheme()
{
    std::unique_ptr<HttpClientReply> reply(m_client->get(QNetworkRequest(QUrl(QStringLiteral("ftp://127.0.0.1/")))));
    Outcome o(reply.get());
    QCOMPARE(o.finished, 0); // reported from the event loop, after the caller connected
    QTRY_COMPARE(o.finished, 1);
    QCOMPARE(o.error, QNetworkReply::ProtocolUnknownError);
}

void TestHttpClient::tlsHandshakeWithAServerThatSpeaksPlainHttp()
{
    // Cloudflare is HTTPS only: a machine without Qt's TLS backend cannot run FlareChat at all.
    QVERIFY2(QSslSocket::supportsSsl(), "no TLS backend (Qt's OpenSSL plugin) could be loaded");
    // It answers the TLS ClientHello as it would any bad request.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost));
    connect(&plain, &QTcpServer::pendingConnectionAvailable, &plain, [&plain] {
        while (QTcpSocket* s = plain.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, s, [s] {
                s->readAll();
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                s->disconnectFromHost();
            });
        }
    });
    std::unique_ptr<HttpClientReply> reply(
        m_client->post(QNetworkRequest(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(plain.serverPort()))), "x"));
    Outcome o(reply.get());
    QTRY_COMPARE_WITH_TIMEOUT(o.finished, 1, 10000);
    QVERIFY2(o.error == QNetworkReply::SslHandshakeFailedError || o.error == QNetworkReply::RemoteHostClosedError,
        qPrintable(o.errorString));
    QCOMPARE(o.sent, 0);
    QCOMPARE(m_client->openConnections(), 0);
}

void TestHttpClient::tlsRequest()
{
    // Cloudflare is HTTPS only: a machine without Qt's TLS backend cannot run FlareChat at all.
    QVERIFY2(QSslSocket::supportsSsl(), "no TLS backend (Qt's OpenSSL plugin) could be loaded");
    // A certificate for 127.0.0.1, made now, trusted by this process only.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
            QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath});
    QVERIFY2(openssl.waitForFinished(30000) && openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate cert(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    QVERIFY(!cert.isNull() && !key.isNull());

    auto* sslServer = new QSslServer;
    QSslConfiguration serverConfig = QSslConfiguration::defaultConfiguration();
    serverConfig.setLocalCertificate(cert);
    serverConfig.setPrivateKey(key);
    serverConfig.setPeerVerifyMode(QSslSocket::VerifyNone);
    sslServer->setSslConfiguration(serverConfig);
    ScriptServer tls(sslServer);
    QVERIFY(tls.listen());
    tls.handler = [](QTcpSocket* s, const ScriptServer::Request& r) { s->write(okResponse("secret " + r.body)); };

    // Not trusted yet: the handshake fails on the certificate.
    {
        std::unique_ptr<HttpClientReply> reply(
            m_client->post(QNetworkRequest(tls.url(QStringLiteral("/"), QStringLiteral("https"))), "x"));
        Outcome o(reply.get());
        QTRY_COMPARE_WITH_TIMEOUT(o.finished, 1, 10000);
        QCOMPARE(o.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(tls.requests.size(), 0);
    }

    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.addCaCertificate(cert);
    QSslConfiguration::setDefaultConfiguration(trusting);
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(original); });
    for (int i = 0; i < 2; ++i) {
        std::unique_ptr<HttpClientReply> reply(
            m_client->post(QNetworkRequest(tls.url(QStringLiteral("/"), QStringLiteral("https"))), "over tls"));
        Outcome o(reply.get());
        QTRY_COMPARE_WITH_TIMEOUT(o.finished, 1, 10000);
        QCOMPARE(o.error, QNetworkReply::NoError);
        QCOMPARE(o.body, QByteArray("secret over tls"));
    }
    QCOMPARE(tls.accepted, 1); // one kept alive for both (the refused handshake never became a connection)
    const ScriptServer::Request& seen = tls.requests.first();
    QCOMPARE(seen.header("host"), QStringLiteral("127.0.0.1:%1").arg(tls.port()).toUtf8());
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
