#include "http/HttpRequestParser.h"

#include <QtTest>

using namespace flarechat;
using Status = HttpRequestParser::Status;
using Limits = HttpRequestParser::Limits;

class TestHttpRequestParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void keepAlive_data();
    void keepAlive();
    void pipelinedRequestsComeOutInOrder();
    void largeBodyInSocketSizedReads();
    void everySplitGivesSameResult_data();
    void everySplitGivesSameResult();
    void errors_data();
    void errors();
    void limitsAtAndOverBoundary_data();
    void limitsAtAndOverBoundary();
    void partialLineOverLimitFailsBeforeItEnds_data();
    void partialLineOverLimitFailsBeforeItEnds();
    void expectContinue();
    void expectContinueIgnoredForHttp10();
    void oversizedBodyRefusedBeforeContinue();
    void queryParsing();
    void headerLookup();
    void errorIsSticky();
    void idleOnlyBetweenRequests();
};

namespace {

// Everything a run of the parser produced: the requests in order, then where it stopped.
struct Outcome
{
    QList<HttpRequest> requests;
    Status status = Status::Incomplete;
    int errorStatus = 0;
    QByteArray reason;
    bool operator==(const Outcome& o) const
    {
        return requests == o.requests && status == o.status && errorStatus == o.errorStatus && reason == o.reason;
    }
};

void drain(HttpRequestParser& p, Status s, Outcome& out)
{
    while (s == Status::Complete) {
        out.requests.append(p.takeRequest());
        s = p.status();
    }
}

Outcome finish(const HttpRequestParser& p, Outcome out)
{
    out.status = p.status();
    out.errorStatus = p.errorStatus();
    out.reason = p.errorReason();
    return out;
}

Outcome parseWhole(const QByteArray& in, const Limits& limits = Limits {})
{
    HttpRequestParser p(limits);
    Outcome out;
    drain(p, p.feed(in), out);
    return finish(p, out);
}

Outcome parseSplit(const QByteArray& in, qsizetype cut, const Limits& limits = Limits {})
{
    HttpRequestParser p(limits);
    Outcome out;
    drain(p, p.feed(in.left(cut)), out);
    drain(p, p.feed(in.mid(cut)), out);
    return finish(p, out);
}

Outcome parseBytewise(const QByteArray& in, const Limits& limits = Limits {})
{
    HttpRequestParser p(limits);
    Outcome out;
    for (char c : in)
        drain(p, p.feed(QByteArray(1, c)), out);
    return finish(p, out);
}

QByteArray statusName(Status s)
{
    switch (s) {
    case Status::Incomplete:
        return "Incomplete";
    case Status::Complete:
        return "Complete";
    case Status::Error:
        return "Error";
    }
    return {};
}

// Small limits so boundary rows stay readable.
Limits smallLimits()
{
    Limits l;
    l.maxRequestLine = 32;
    l.maxHeaderBytes = 64;
    l.maxHeaders = 4;
    l.maxBodyBytes = 16;
    l.maxChunkLine = 16;
    l.maxChunkExtensions = 24;
    return l;
}

} // namespace

void TestHttpRequestParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("versionMinor");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("simple GET") << QByteArray("GET /v1/models HTTP/1.1\r\nHost: localhost:8787\r\n\r\n")
                                << QByteArray("GET") << QStringLiteral("/v1/models") << 1 << QByteArray();
    QTest::newRow("POST with Content-Length")
        << QByteArray("POST /v1/chat/completions HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                      "Content-Length: 13\r\n\r\n{\"model\":\"x\"}")
        << QByteArray("POST") << QStringLiteral("/v1/chat/completions") << 1 << QByteArray("{\"model\":\"x\"}");
    QTest::newRow("Content-Length 0") << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
                                      << QByteArray("POST") << QStringLiteral("/x") << 1 << QByteArray();
    QTest::newRow("equal repeated Content-Length")
        << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc")
        << QByteArray("POST") << QStringLiteral("/x") << 1 << QByteArray("abc");
    QTest::newRow("chunked with extensions and trailers")
        << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n6 ; a=\"q;x\"\r\n world\r\n0;last\r\nX-Checksum: abc\r\n"
                      "X-Other: 1\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/x") << 1 << QByteArray("hello world");
    QTest::newRow("chunked upper-case hex and coding name")
        << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                      "A\r\n0123456789\r\n0\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/x") << 1 << QByteArray("0123456789");
    QTest::newRow("HTTP/1.0 without Host") << QByteArray("GET /health HTTP/1.0\r\n\r\n") << QByteArray("GET")
                                           << QStringLiteral("/health") << 0 << QByteArray();
    QTest::newRow("HTTP/1.2 served as 1.1") << QByteArray("GET / HTTP/1.2\r\nHost: h\r\n\r\n") << QByteArray("GET")
                                            << QStringLiteral("/") << 1 << QByteArray();
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://127.0.0.1:8787/v1/models?x=1 HTTP/1.1\r\nHost: ignored\r\n\r\n") << QByteArray("GET")
        << QStringLiteral("/v1/models") << 1 << QByteArray();
    QTest::newRow("absolute-form without path") << QByteArray("GET HTTPS://example.com HTTP/1.1\r\nHost: h\r\n\r\n")
                                                << QByteArray("GET") << QStringLiteral("/") << 1 << QByteArray();
    QTest::newRow("OPTIONS asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n") << QByteArray("OPTIONS")
                                      << QStringLiteral("*") << 1 << QByteArray();
    QTest::newRow("percent-decoded UTF-8 path")
        << QByteArray("GET /v1/models/%40cf%2Fmeta/%E4%BD%A0%E5%A5%BD%20x HTTP/1.1\r\nHost: h\r\n\r\n")
        << QByteArray("GET") << QStringLiteral("/v1/models/@cf/meta/你好 x") << 1 << QByteArray();
    QTest::newRow("dot segments kept") << QByteArray("GET /v1/../health HTTP/1.1\r\nHost: h\r\n\r\n")
                                       << QByteArray("GET") << QStringLiteral("/v1/../health") << 1 << QByteArray();
    QTest::newRow("leading empty lines ignored") << QByteArray("\r\n\r\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")
                                                 << QByteArray("GET") << QStringLiteral("/") << 1 << QByteArray();
    QTest::newRow("bare LF line endings") << QByteArray("POST /lf HTTP/1.1\nHost: h\nContent-Length: 2\n\nok")
                                          << QByteArray("POST") << QStringLiteral("/lf") << 1 << QByteArray("ok");
    QTest::newRow("extension method token") << QByteArray("M-SEARCH~ / HTTP/1.1\r\nHost: h\r\n\r\n")
                                            << QByteArray("M-SEARCH~") << QStringLiteral("/") << 1 << QByteArray();
    QTest::newRow("body bytes that look like a request")
        << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 18\r\n\r\nGET / HTTP/1.1\r\n\r\n")
        << QByteArray("POST") << QStringLiteral("/x") << 1 << QByteArray("GET / HTTP/1.1\r\n\r\n");
}

void TestHttpRequestParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, versionMinor);
    QFETCH(QByteArray, body);

    const Outcome out = parseWhole(input);
    QCOMPARE(statusName(out.status), QByteArray("Incomplete"));
    QCOMPARE(out.errorStatus, 0);
    QCOMPARE(out.requests.size(), 1);
    const HttpRequest& r = out.requests.first();
    QCOMPARE(r.method, method);
    QCOMPARE(r.path, path);
    QCOMPARE(r.versionMinor, versionMinor);
    QCOMPARE(r.body, body);
}

void TestHttpRequestParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n") << false;
    QTest::newRow("1.1 Close in a list") << QByteArray(
        "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, CLOSE\r\n\r\n")
                                         << false;
    QTest::newRow("1.1 explicit keep-alive")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n") << true;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 Keep-Alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    QTest::newRow("1.0 keep-alive and close")
        << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n") << false;
}

void TestHttpRequestParser::keepAlive()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    const Outcome out = parseWhole(input);
    QCOMPARE(out.requests.size(), 1);
    QCOMPARE(out.requests.first().keepAlive(), keepAlive);
}

void TestHttpRequestParser::pipelinedRequestsComeOutInOrder()
{
    const QByteArray in("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                        "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
                        "GET /d");
    HttpRequestParser p;
    QCOMPARE(statusName(p.feed(in)), QByteArray("Complete"));
    QCOMPARE(p.takeRequest().path, QStringLiteral("/a"));
    QCOMPARE(statusName(p.status()), QByteArray("Complete"));
    HttpRequest b = p.takeRequest();
    QCOMPARE(b.path, QStringLiteral("/b"));
    QCOMPARE(b.body, QByteArray("abc"));
    // While a request waits to be taken, new bytes are only buffered.
    QCOMPARE(statusName(p.feed(" HTTP/1.1\r\nHost: h\r\n\r\n")), QByteArray("Complete"));
    HttpRequest c = p.takeRequest();
    QCOMPARE(c.path, QStringLiteral("/c"));
    QCOMPARE(c.body, QByteArray("xy"));
    QCOMPARE(statusName(p.status()), QByteArray("Complete"));
    QCOMPARE(p.takeRequest().path, QStringLiteral("/d"));
    QCOMPARE(statusName(p.status()), QByteArray("Incomplete"));
    QVERIFY(p.isIdle());
    QCOMPARE(p.bufferedBytes(), 0);
}

void TestHttpRequestParser::largeBodyInSocketSizedReads()
{
    QByteArray body(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char('a' + i % 23);
    const QByteArray in("POST /v1/embeddings HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
    HttpRequestParser p;
    Outcome out;
    for (qsizetype i = 0; i < in.size(); i += 65536)
        drain(p, p.feed(QByteArrayView(in).sliced(i, qMin<qsizetype>(65536, in.size() - i))), out);
    QCOMPARE(out.requests.size(), 2);
    QVERIFY(out.requests.at(0).body == body);
    QCOMPARE(out.requests.at(1).path, QStringLiteral("/next"));
}

void TestHttpRequestParser::everySplitGivesSameResult_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("errorStatus");

    QTest::newRow("three pipelined") << QByteArray(
        "\r\nGET /v1/models?a=1 HTTP/1.1\r\nHost: h\r\nAccept: */*\r\n\r\n"
        "POST /v1/chat/completions HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\r\n"
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4;x=y\r\nabcd\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n")
                                     << 3 << 0;
    QTest::newRow("mixed line endings") << QByteArray("GET / HTTP/1.1\nHost: h\r\nX: y\n\r\nGET /2 HTTP/1.0\n\n") << 2
                                        << 0;
    QTest::newRow("request then bad header")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost : h\r\n\r\n") << 1 << 400;
    QTest::newRow("request then smuggling attempt")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\nPOST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 1 << 400;
    QTest::newRow("chunk overrun") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                 "3\r\nabcd\r\n0\r\n\r\n")
                                   << 0 << 400;
    QTest::newRow("unfinished body") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc") << 0
                                     << 0;
}

// The same bytes cut at every point, and fed one byte at a time, give the same requests and the
// same error as feeding them whole.
void TestHttpRequestParser::everySplitGivesSameResult()
{
    QFETCH(QByteArray, input);
    QFETCH(int, requests);
    QFETCH(int, errorStatus);

    const Outcome whole = parseWhole(input);
    QCOMPARE(whole.requests.size(), requests);
    QCOMPARE(whole.errorStatus, errorStatus);
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        const Outcome split = parseSplit(input, cut);
        if (!(split == whole))
            QFAIL(qPrintable(QStringLiteral("different result when cut at %1").arg(cut)));
    }
    QVERIFY(parseBytewise(input) == whole);
}

void TestHttpRequestParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");

    const QByteArray host("Host: h\r\n");
    QTest::newRow("invalid method token") << QByteArray("GE(T / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("empty method") << QByteArray(" / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("missing target") << QByteArray("GET HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n" + host + "\r\n") << 400;
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("malformed version") << QByteArray("GET / HTTP/1.10\r\n" + host + "\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n" + host + "\r\n") << 505;
    QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n" + host + "\r\n") << 505;
    QTest::newRow("bare CR in request line") << QByteArray("GET /a\rb HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET v1/models HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("asterisk for GET") << QByteArray("GET * HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("authority-form") << QByteArray("CONNECT h:443 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("ftp absolute-form") << QByteArray("GET ftp://h/x HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("userinfo in absolute-form") << QByteArray("GET http://u@h/x HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("empty authority") << QByteArray("GET http:///x HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("fragment in target") << QByteArray("GET /a#b HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("non-ASCII in target") << QByteArray("GET /\xC3\xA9 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("bad percent escape") << QByteArray("GET /a%zz HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("truncated percent escape") << QByteArray("GET /a%2 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("bad percent escape in query") << QByteArray("GET /a?b=%x1 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("NUL in decoded path") << QByteArray("GET /a%00b HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("invalid UTF-8 path") << QByteArray("GET /%FF%FE HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("whitespace before colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: 1\r\n  2\r\n\r\n") << 400;
    QTest::newRow("whitespace before first header") << QByteArray("GET / HTTP/1.1\r\n " + host + "\r\n") << 400;
    QTest::newRow("empty header name") << QByteArray("GET / HTTP/1.1\r\n" + host + ": x\r\n\r\n") << 400;
    QTest::newRow("missing colon") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A\r\n\r\n") << 400;
    QTest::newRow("non-token header name") << QByteArray("GET / HTTP/1.1\r\n" + host + "X[A]: 1\r\n\r\n") << 400;
    QTest::newRow("control character in value")
        << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: a\x01z\r\n\r\n") << 400;
    QTest::newRow("NUL in value") << QByteArray("GET / HTTP/1.1\r\n" + host + QByteArray("X-A: a\0z\r\n\r\n", 12))
                                  << 400;
    QTest::newRow("DEL in value") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: a\x7Fz\r\n\r\n") << 400;
    QTest::newRow("bare CR in value") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: a\rb\r\n\r\n") << 400;
    QTest::newRow("missing Host on 1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Host headers") << QByteArray("GET / HTTP/1.1\r\n" + host + host + "\r\n") << 400;
    QTest::newRow("Content-Length and Transfer-Encoding")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("differing Content-Length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n") << 400;
    QTest::newRow("differing Content-Length list")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 5, 6\r\n\r\n") << 400;
    QTest::newRow("negative Content-Length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
    QTest::newRow("signed Content-Length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: +1\r\n\r\n") << 400;
    QTest::newRow("non-numeric Content-Length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 12abc\r\n\r\n") << 400;
    QTest::newRow("empty Content-Length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length:\r\n\r\n") << 400;
    QTest::newRow("Transfer-Encoding gzip only")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n") << 400;
    QTest::newRow("Transfer-Encoding gzip, chunked")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n") << 501;
    QTest::newRow("Transfer-Encoding chunked twice")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")
        << 400;
    QTest::newRow("Transfer-Encoding on HTTP/1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
    const QByteArray chunkedHead("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n");
    QTest::newRow("non-hex chunk size") << QByteArray(chunkedHead + "zz\r\n") << 400;
    QTest::newRow("empty chunk size") << QByteArray(chunkedHead + ";x\r\n") << 400;
    QTest::newRow("negative chunk size") << QByteArray(chunkedHead + "-5\r\n") << 400;
    QTest::newRow("junk after chunk size") << QByteArray(chunkedHead + "5x\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("control character in chunk extension") << QByteArray(chunkedHead + "5;\x01\r\n") << 400;
    QTest::newRow("chunk data longer than size") << QByteArray(chunkedHead + "3\r\nabcd\r\n0\r\n\r\n") << 400;
    QTest::newRow("malformed trailer") << QByteArray(chunkedHead + "0\r\nBad Trailer: x\r\n\r\n") << 400;
    QTest::newRow("request line too long")
        << QByteArray("GET /" + QByteArray(8 * 1024, 'a') + " HTTP/1.1\r\n" + host + "\r\n") << 414;
    QTest::newRow("headers too large") << QByteArray(
        "GET / HTTP/1.1\r\n" + host + "X-Big: " + QByteArray(64 * 1024, 'b') + "\r\n\r\n")
                                       << 431;
    QByteArray many("GET / HTTP/1.1\r\n" + host);
    for (int i = 0; i < 100; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << QByteArray(many + "\r\n") << 431;
    // Only the head: the verdict must come before the client sends a body byte.
    QTest::newRow("Content-Length over limit")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 33554433\r\n\r\n") << 413;
    QTest::newRow("huge Content-Length") << QByteArray(
        "POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999999999999\r\n\r\n")
                                         << 413;
    QTest::newRow("chunk over limit") << QByteArray(chunkedHead + "2000001\r\n") << 413;
    QTest::newRow("huge chunk size") << QByteArray(chunkedHead + "ffffffffffffffffffffffff\r\n") << 413;
}

void TestHttpRequestParser::errors()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);

    const Outcome whole = parseWhole(input);
    QCOMPARE(statusName(whole.status), QByteArray("Error"));
    QCOMPARE(whole.errorStatus, status);
    QVERIFY(!whole.reason.isEmpty());
    QVERIFY(whole.requests.isEmpty());
    // Fed byte by byte the verdict is the same.
    const Outcome bytewise = parseBytewise(input);
    QCOMPARE(bytewise.errorStatus, status);
    QCOMPARE(bytewise.reason, whole.reason);
}

void TestHttpRequestParser::limitsAtAndOverBoundary_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status"); // 0: parsed

    // smallLimits(): request line 32, header bytes 64, 4 headers, body 16, chunk line 16, extensions 24.
    const QByteArray host("Host: h\r\n"); // 7 bytes of header content
    auto requestLine = [](int length) {
        const QByteArray fixed("GET / HTTP/1.1");
        return QByteArray("GET /" + QByteArray(length - fixed.size(), 'a') + " HTTP/1.1\r\n");
    };
    QTest::newRow("request line at limit") << QByteArray(requestLine(32) + host + "\r\n") << 0;
    QTest::newRow("request line one over") << QByteArray(requestLine(33) + host + "\r\n") << 414;

    auto headerBytes = [&](int total) { // Host plus one field padded so all content sums to total
        return QByteArray("GET / HTTP/1.1\r\n" + host + "X: " + QByteArray(total - 7 - 3, 'x') + "\r\n\r\n");
    };
    QTest::newRow("header bytes at limit") << headerBytes(64) << 0;
    QTest::newRow("header bytes one over") << headerBytes(65) << 431;

    auto headerCount = [&](int count) {
        QByteArray r("GET / HTTP/1.1\r\n" + host);
        for (int i = 1; i < count; ++i)
            r += "A: 1\r\n";
        return r + "\r\n";
    };
    QTest::newRow("header count at limit") << headerCount(4) << 0;
    QTest::newRow("header count one over") << headerCount(5) << 431;

    auto lengthBody = [&](int n) {
        return QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: " + QByteArray::number(n) + "\r\n\r\n"
            + QByteArray(n, 'b'));
    };
    QTest::newRow("Content-Length body at limit") << lengthBody(16) << 0;
    QTest::newRow("Content-Length body one over") << lengthBody(17) << 413;

    const QByteArray chunked("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n");
    QTest::newRow("chunked body at limit") << QByteArray(chunked + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n") << 0;
    QTest::newRow("chunked body one over")
        << QByteArray(chunked + "8\r\n12345678\r\n9\r\n123456789\r\n0\r\n\r\n") << 413;
    QTest::newRow("chunk line at limit") << QByteArray(chunked + "1;" + QByteArray(14, 'e') + "\r\nx\r\n0\r\n\r\n")
                                         << 0;
    QTest::newRow("chunk line one over") << QByteArray(chunked + "1;" + QByteArray(15, 'e') + "\r\nx\r\n0\r\n\r\n")
                                         << 400;
    QTest::newRow("chunk extensions at limit")
        << QByteArray(chunked + "1;" + QByteArray(11, 'e') + "\r\nx\r\n0;" + QByteArray(11, 'e') + "\r\n\r\n") << 0;
    QTest::newRow("chunk extensions one over")
        << QByteArray(chunked + "1;" + QByteArray(11, 'e') + "\r\nx\r\n0;" + QByteArray(12, 'e') + "\r\n\r\n") << 400;
    QTest::newRow("trailer bytes at limit") << QByteArray(chunked + "0\r\nT: " + QByteArray(61, 't') + "\r\n\r\n") << 0;
    QTest::newRow("trailer bytes one over")
        << QByteArray(chunked + "0\r\nT: " + QByteArray(62, 't') + "\r\n\r\n") << 431;
    QTest::newRow("trailer count at limit") << QByteArray(chunked + "0\r\nT: 1\r\nT: 2\r\nT: 3\r\nT: 4\r\n\r\n") << 0;
    QTest::newRow("trailer count one over")
        << QByteArray(chunked + "0\r\nT: 1\r\nT: 2\r\nT: 3\r\nT: 4\r\nT: 5\r\n\r\n") << 431;
}

void TestHttpRequestParser::limitsAtAndOverBoundary()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);

    const Outcome whole = parseWhole(input, smallLimits());
    QCOMPARE(whole.errorStatus, status);
    QCOMPARE(whole.requests.size(), status == 0 ? 1 : 0);
    QVERIFY(parseBytewise(input, smallLimits()) == whole);
}

void TestHttpRequestParser::partialLineOverLimitFailsBeforeItEnds_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");

    const QByteArray host("Host: h\r\n");
    QTest::newRow("request line") << QByteArray("GET /" + QByteArray(40, 'a')) << 414;
    QTest::newRow("header line") << QByteArray("GET / HTTP/1.1\r\n" + host + "X: " + QByteArray(60, 'x')) << 431;
    QTest::newRow("chunk line") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n1;"
        + QByteArray(20, 'e')) << 400;
    QTest::newRow("no line end after chunk data")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n1\r\nxy") << 400;
}

// A client that never ends a line cannot make the parser buffer past the limit.
void TestHttpRequestParser::partialLineOverLimitFailsBeforeItEnds()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);

    const Outcome whole = parseWhole(input, smallLimits());
    QCOMPARE(statusName(whole.status), QByteArray("Error"));
    QCOMPARE(whole.errorStatus, status);

    // Exactly at the limit with a CR that may still end the line, it waits.
    HttpRequestParser p(smallLimits());
    QCOMPARE(statusName(p.feed("GET /" + QByteArray(18, 'a') + " HTTP/1.1\r")), QByteArray("Incomplete"));
    QCOMPARE(statusName(p.feed("\n")), QByteArray("Incomplete"));
}

void TestHttpRequestParser::expectContinue()
{
    HttpRequestParser p;
    QVERIFY(!p.headersComplete());
    QCOMPARE(statusName(p.feed("POST /v1/chat/completions HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\n"
                               "Content-Length: 4\r\n\r\n")),
        QByteArray("Incomplete"));
    QVERIFY(p.headersComplete());
    QVERIFY(p.needsContinue());
    QCOMPARE(p.request().path, QStringLiteral("/v1/chat/completions"));
    p.acknowledgeContinue();
    QVERIFY(!p.needsContinue());
    QCOMPARE(statusName(p.feed("ab")), QByteArray("Incomplete"));
    QVERIFY(p.headersComplete());
    QCOMPARE(statusName(p.feed("cd")), QByteArray("Complete"));
    QVERIFY(!p.headersComplete());
    QCOMPARE(p.takeRequest().body, QByteArray("abcd"));

    // A client that sends the body without waiting needs no 100 Continue.
    QCOMPARE(statusName(p.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n")),
        QByteArray("Incomplete"));
    QVERIFY(p.needsContinue());
    QCOMPARE(statusName(p.feed("2")), QByteArray("Incomplete"));
    QVERIFY(!p.needsContinue());
    QCOMPARE(statusName(p.feed("\r\nab\r\n0\r\n\r\n")), QByteArray("Complete"));
    QCOMPARE(p.takeRequest().body, QByteArray("ab"));

    // Nothing to wait for without a body.
    QCOMPARE(statusName(p.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n")),
        QByteArray("Complete"));
    QVERIFY(!p.needsContinue());
}

void TestHttpRequestParser::expectContinueIgnoredForHttp10()
{
    HttpRequestParser p;
    QCOMPARE(statusName(p.feed("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")),
        QByteArray("Incomplete"));
    QVERIFY(p.headersComplete());
    QVERIFY(!p.needsContinue());
}

void TestHttpRequestParser::oversizedBodyRefusedBeforeContinue()
{
    Limits limits;
    limits.maxBodyBytes = 1000;
    HttpRequestParser p(limits);
    QCOMPARE(statusName(p.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1001\r\n\r\n")),
        QByteArray("Error"));
    QCOMPARE(p.errorStatus(), 413);
    QVERIFY(!p.needsContinue());
}

void TestHttpRequestParser::queryParsing()
{
    const Outcome out = parseWhole("GET /v1/models?a=1&b=%20x&c=%E4%BD%A0&empty= HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(out.requests.size(), 1);
    const HttpRequest& r = out.requests.first();
    QCOMPARE(r.path, QStringLiteral("/v1/models"));
    QCOMPARE(r.target, QByteArray("/v1/models?a=1&b=%20x&c=%E4%BD%A0&empty="));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("a")), QStringLiteral("1"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("b"), QUrl::FullyDecoded), QStringLiteral(" x"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("c"), QUrl::FullyDecoded), QStringLiteral("你"));
    QVERIFY(r.query.hasQueryItem(QStringLiteral("empty")));
    QVERIFY(!r.query.hasQueryItem(QStringLiteral("d")));

    const Outcome absolute = parseWhole("GET http://localhost:8787/x?y=2 HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    QCOMPARE(absolute.requests.size(), 1);
    QCOMPARE(absolute.requests.first().query.queryItemValue(QStringLiteral("y")), QStringLiteral("2"));
    QCOMPARE(absolute.requests.first().authority, QByteArray("localhost:8787"));
    QCOMPARE(absolute.requests.first().host(), QByteArray("localhost:8787"));
}

void TestHttpRequestParser::headerLookup()
{
    const Outcome out = parseWhole("GET / HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nX-Tag: one\r\n"
                                   "AUTHORIZATION:\tBearer sk-1  \r\nx-tag: two\r\nX-Empty:\r\n\r\n");
    QCOMPARE(out.requests.size(), 1);
    const HttpRequest& r = out.requests.first();
    QCOMPARE(r.header("authorization"), QByteArray("Bearer sk-1"));
    QCOMPARE(r.header("Authorization"), QByteArray("Bearer sk-1"));
    QCOMPARE(r.header("X-TAG"), QByteArray("one"));
    QCOMPARE(r.headerValues("x-Tag"), (QList<QByteArray> {"one", "two"}));
    QCOMPARE(r.host(), QByteArray("127.0.0.1:8787"));
    QVERIFY(r.hasHeader("x-empty"));
    QVERIFY(r.header("x-empty").isEmpty());
    QVERIFY(!r.hasHeader("x-missing"));
    QVERIFY(r.header("x-missing").isNull());
    QVERIFY(r.headerValues("x-missing").isEmpty());
    QCOMPARE(r.headers.size(), 5);
    QCOMPARE(r.headers.at(2).name, QByteArray("authorization"));
}

void TestHttpRequestParser::errorIsSticky()
{
    HttpRequestParser p;
    QCOMPARE(statusName(p.feed("BAD\r\n")), QByteArray("Error"));
    QCOMPARE(p.errorStatus(), 400);
    QCOMPARE(statusName(p.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n")), QByteArray("Error"));
    QCOMPARE(p.errorStatus(), 400);
    QCOMPARE(p.bufferedBytes(), 0);
    QCOMPARE(p.takeRequest(), HttpRequest {});
}

void TestHttpRequestParser::idleOnlyBetweenRequests()
{
    HttpRequestParser p;
    QVERIFY(p.isIdle());
    p.feed("\r\n");
    QVERIFY(p.isIdle()); // empty lines before a request are not a request yet
    p.feed("G");
    QVERIFY(!p.isIdle());
    p.feed("ET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(!p.isIdle()); // a request waits to be taken
    p.takeRequest();
    QVERIFY(p.isIdle());
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
