#include "http/HttpResponseParser.h"

#include <QtTest>

using namespace flarechat;
using Limits = HttpResponseParser::Limits;

class TestHttpResponseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void keepAlive_data();
    void keepAlive();
    void errors_data();
    void errors();
    void limitsAtAndOverBoundary_data();
    void limitsAtAndOverBoundary();
    void partialLineOverLimitFailsBeforeItEnds();
    void chunkSizeDigits();
    void finishAtEof_data();
    void finishAtEof();
    void progress();
    void interimResponsesAreSkipped();
    void untilCloseBody();
    void leftoverAfterCompleteResponse();
    void headerLookup();
    void obsFold();
    void errorIsSticky();
    void resetReusesParser();
    void largeBodiesInSocketSizedReads();
};

namespace {

// Everything observable about a run of the parser, before and after the connection closes.
struct Outcome
{
    bool fedOk = true; // every feed() returned true
    bool consistent = true; // feed() returned false exactly when hasError() was true after it
    bool error = false;
    QString errorString;
    bool started = false;
    bool headComplete = false;
    bool complete = false;
    int status = 0;
    int minor = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray leftover;
    bool keepAlive = false;
    QByteArray framing;
    qint64 contentLength = -1;
    // finishAtEof() afterwards
    bool eofOk = false;
    bool completeAfterEof = false;
    bool errorAfterEof = false;
    QString errorStringAfterEof;
};

QByteArray framingName(const HttpResponseParser& p)
{
    if (p.isChunked())
        return "chunked";
    if (p.readsUntilClose())
        return "close";
    if (p.contentLength() >= 0)
        return "length";
    return "none";
}

// The name of the first field that differs, or an empty string.
QString difference(const Outcome& a, const Outcome& b)
{
#define FC_CHECK(field)                                                                                                \
    if (!(a.field == b.field))                                                                                         \
        return QStringLiteral(#field);
    FC_CHECK(fedOk)
    FC_CHECK(consistent)
    FC_CHECK(error)
    FC_CHECK(errorString)
    FC_CHECK(started)
    FC_CHECK(headComplete)
    FC_CHECK(complete)
    FC_CHECK(status)
    FC_CHECK(minor)
    FC_CHECK(reason)
    FC_CHECK(headers)
    FC_CHECK(body)
    FC_CHECK(leftover)
    FC_CHECK(keepAlive)
    FC_CHECK(framing)
    FC_CHECK(contentLength)
    FC_CHECK(eofOk)
    FC_CHECK(completeAfterEof)
    FC_CHECK(errorAfterEof)
    FC_CHECK(errorStringAfterEof)
#undef FC_CHECK
    return {};
}

// Feeds the pieces of in between the cut points, then closes the connection.
Outcome run(const QByteArray& in, const QList<qsizetype>& cuts, bool head = false, const Limits& limits = Limits {})
{
    HttpResponseParser p(limits);
    p.reset(head);
    Outcome out;
    auto feed = [&](QByteArrayView piece) {
        const bool ok = p.feed(piece, &out.body);
        out.fedOk = out.fedOk && ok;
        if (ok == p.hasError())
            out.consistent = false;
    };
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        feed(QByteArrayView(in).sliced(from, cut - from));
        from = cut;
    }
    feed(QByteArrayView(in).sliced(from));
    out.error = p.hasError();
    out.errorString = p.errorString();
    out.started = p.started();
    out.headComplete = p.headComplete();
    out.complete = p.isComplete();
    out.status = p.status();
    out.minor = p.httpMinorVersion();
    out.reason = p.reason();
    out.headers = p.headers();
    out.leftover = p.leftover();
    out.keepAlive = p.keepAlive();
    out.framing = framingName(p);
    out.contentLength = p.contentLength();
    out.eofOk = p.finishAtEof();
    out.completeAfterEof = p.isComplete();
    out.errorAfterEof = p.hasError();
    out.errorStringAfterEof = p.errorString();
    return out;
}

Outcome parseWhole(const QByteArray& in, bool head = false, const Limits& limits = Limits {})
{
    return run(in, {}, head, limits);
}

Outcome parseBytewise(const QByteArray& in, bool head = false, const Limits& limits = Limits {})
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < in.size(); ++i)
        cuts.append(i);
    return run(in, cuts, head, limits);
}

// One feed, one byte at a time, and cut in two at every point: all must agree. Returns an
// empty string or what differed where.
QString everySplitAgrees(const QByteArray& in, bool head = false, const Limits& limits = Limits {})
{
    const Outcome whole = parseWhole(in, head, limits);
    if (!whole.consistent)
        return QStringLiteral("feed() result and hasError() disagree");
    QString d = difference(whole, parseBytewise(in, head, limits));
    if (!d.isEmpty())
        return QStringLiteral("fed byte by byte: %1 differs").arg(d);
    for (qsizetype cut = 0; cut <= in.size(); ++cut) {
        d = difference(whole, run(in, {cut}, head, limits));
        if (!d.isEmpty())
            return QStringLiteral("cut at %1: %2 differs").arg(cut).arg(d);
    }
    return {};
}

// Small limits so boundary rows stay readable.
Limits smallLimits()
{
    Limits l;
    l.maxHeadBytes = 64;
    l.maxHeaders = 3;
    l.maxChunkLine = 8;
    return l;
}

const QByteArray chunkedHead("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");

} // namespace

void TestHttpResponseParser::parses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("head"); // the request was HEAD
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("framing");
    QTest::addColumn<bool>("complete"); // before EOF; otherwise EOF completes it
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QByteArray>("leftover");

    // Content-Length
    QTest::newRow("Content-Length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                  "Content-Length: 13\r\n\r\n{\"result\":{}}")
                                    << false << 200 << QByteArray("{\"result\":{}}") << QByteArray("length") << true
                                    << true << QByteArray();
    QTest::newRow("Content-Length 0") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << false << 200
                                      << QByteArray() << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("equal repeated Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc") << false << 200
        << QByteArray("abc") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("Content-Length list of equal values")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3,3 , 3\r\nContent-Length: 3\r\n\r\nabc") << false << 200
        << QByteArray("abc") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("Content-Length with leading zeros")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 003\r\nContent-Length: 3\r\n\r\nabc") << false << 200
        << QByteArray("abc") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("body that looks like a response")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\nHTTP/1.1 200 OK\r\n\r\n") << false << 200
        << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("bare LF line endings") << QByteArray("HTTP/1.1 201 Created\nContent-Length: 2\n\nok") << false << 201
                                          << QByteArray("ok") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("mixed line endings") << QByteArray("HTTP/1.1 200 OK\nA: 1\r\nContent-Length: 2\n\r\nok") << false
                                        << 200 << QByteArray("ok") << QByteArray("length") << true << true
                                        << QByteArray();
    QTest::newRow("empty line before status line")
        << QByteArray("\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << 200 << QByteArray("ok")
        << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("status line without reason")
        << QByteArray("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx") << false << 200 << QByteArray("x")
        << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("unknown status code 599")
        << QByteArray("HTTP/1.1 599 Whatever\r\nContent-Length: 1\r\n\r\nx") << false << 599 << QByteArray("x")
        << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("error status with body")
        << QByteArray("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 7\r\n\r\nslow do") << false << 429
        << QByteArray("slow do") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("HTTP/1.0 keep-alive with Content-Length")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok") << false << 200
        << QByteArray("ok") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("leftover after Content-Length body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\n") << false << 200
        << QByteArray("ok") << QByteArray("length") << true << true << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");

    // chunked
    QTest::newRow("chunked") << QByteArray(chunkedHead + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n") << false << 200
                             << QByteArray("hello world") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked with extensions")
        << QByteArray(chunkedHead + "5;name=value\r\nhello\r\n6 ; a=\"q;x\" ;b\r\n world\r\n0;last\r\n\r\n") << false
        << 200 << QByteArray("hello world") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked with trailers")
        << QByteArray(chunkedHead + "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n") << false << 200
        << QByteArray("hello") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked upper-case hex")
        << QByteArray(chunkedHead + "A\r\n0123456789\r\n1F\r\n" + QByteArray(31, 'u') + "\r\n0\r\n\r\n") << false << 200
        << QByteArray("0123456789" + QByteArray(31, 'u')) << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked lower-case hex")
        << QByteArray(chunkedHead + "a\r\n0123456789\r\n1f\r\n" + QByteArray(31, 'l') + "\r\n0\r\n\r\n") << false << 200
        << QByteArray("0123456789" + QByteArray(31, 'l')) << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked mixed-case hex and leading zeros")
        << QByteArray(chunkedHead + "0000aB\r\n" + QByteArray(0xab, 'm') + "\r\n000\r\n\r\n") << false << 200
        << QByteArray(0xab, 'm') << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked with bare LF")
        << QByteArray("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
                      "2\nab\n0\n\n")
        << false << 200 << QByteArray("ab") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked data holding CRLF and chunk syntax")
        << QByteArray(chunkedHead + "7\r\n0\r\n\r\n\r\n\r\n0\r\n\r\n") << false << 200 << QByteArray("0\r\n\r\n\r\n")
        << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked coding name case-insensitive")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: ChUnKeD\r\n\r\n1\r\nx\r\n0\r\n\r\n") << false << 200
        << QByteArray("x") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked wins over Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n")
        << false << 200 << QByteArray("abc") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("chunked wins over a smaller Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n")
        << false << 200 << QByteArray("abc") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("gzip, chunked: chunked is last")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n") << false
        << 200 << QByteArray("abc") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("gzip then chunked in two fields")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n")
        << false << 200 << QByteArray("abc") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("leftover after chunked body")
        << QByteArray(chunkedHead + "1\r\nx\r\n0\r\nT: 1\r\n\r\nextra\r\n") << false << 200 << QByteArray("x")
        << QByteArray("chunked") << true << true << QByteArray("extra\r\n");

    // read until the connection closes
    QTest::newRow("no framing headers") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it")
                                        << false << 200 << QByteArray("all of it") << QByteArray("close") << false
                                        << false << QByteArray();
    QTest::newRow("no framing headers, empty body")
        << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << false << 200 << QByteArray() << QByteArray("close") << false
        << false << QByteArray();
    QTest::newRow("HTTP/1.0 until close")
        << QByteArray("HTTP/1.0 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n\r\n") << false << 200
        << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << QByteArray("close") << false << false << QByteArray();
    QTest::newRow("gzip only is read until close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\n\x1f\x8b\x08raw") << false
        << 200 << QByteArray("\x1f\x8b\x08raw") << QByteArray("close") << false << false << QByteArray();
    QTest::newRow("chunked, gzip is read until close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc\r\n0\r\n\r\n") << false
        << 200 << QByteArray("3\r\nabc\r\n0\r\n\r\n") << QByteArray("close") << false << false << QByteArray();
    QTest::newRow("chunked then gzip in two fields is read until close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n")
        << false << 200 << QByteArray("3\r\nabc\r\n0\r\n\r\n") << QByteArray("close") << false << false << QByteArray();

    // no body
    QTest::newRow("204 ignores Content-Length")
        << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n") << false << 204 << QByteArray()
        << QByteArray("none") << true << true << QByteArray();
    QTest::newRow("204 then more bytes") << QByteArray("HTTP/1.1 204 No Content\r\n\r\nhello") << false << 204
                                         << QByteArray() << QByteArray("none") << true << true << QByteArray("hello");
    QTest::newRow("304 with Content-Length")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n") << false << 304 << QByteArray()
        << QByteArray("none") << true << true << QByteArray();
    QTest::newRow("304 with chunked") << QByteArray("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n")
                                      << false << 304 << QByteArray() << QByteArray("none") << true << true
                                      << QByteArray();
    QTest::newRow("HEAD with Content-Length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n") << true << 200 << QByteArray()
        << QByteArray("none") << true << true << QByteArray();
    QTest::newRow("HEAD with chunked") << QByteArray(chunkedHead) << true << 200 << QByteArray() << QByteArray("none")
                                       << true << true << QByteArray();
    QTest::newRow("HEAD without framing") << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << true << 200 << QByteArray()
                                          << QByteArray("none") << true << true << QByteArray();
    QTest::newRow("HEAD with bytes after the head")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc") << true << 200 << QByteArray()
        << QByteArray("none") << true << true << QByteArray("abc");

    // interim responses
    QTest::newRow("100 Continue before 200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false << 200
        << QByteArray("ok") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("103 Early Hints before 200")
        << QByteArray("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << false << 200 << QByteArray("ok") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("100, 103 and 102 before a chunked 200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                      "HTTP/1.1 102 Processing\r\n\r\n"
               + chunkedHead + "2\r\nok\r\n0\r\n\r\n")
        << false << 200 << QByteArray("ok") << QByteArray("chunked") << true << true << QByteArray();
    QTest::newRow("interim with framing headers")
        << QByteArray("HTTP/1.1 100 Continue\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << false << 200 << QByteArray("ok") << QByteArray("length") << true << true << QByteArray();
    QTest::newRow("100 Continue before HEAD response")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n") << true << 200
        << QByteArray() << QByteArray("none") << true << true << QByteArray();
    QTest::newRow("100 Continue before until-close 1.0")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 500 Oops\r\n\r\nbroken") << false << 500
        << QByteArray("broken") << QByteArray("close") << false << false << QByteArray();

    // headers
    QTest::newRow("obs-fold in an unrelated header")
        << QByteArray("HTTP/1.1 200 OK\r\nX-Long: a\r\n b\r\n\tc\r\nContent-Length: 1\r\n\r\nz") << false << 200
        << QByteArray("z") << QByteArray("length") << true << true << QByteArray();
    QByteArray many("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 199; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("200 header fields") << QByteArray(many + "Content-Length: 1\r\n\r\n!") << false << 200
                                       << QByteArray("!") << QByteArray("length") << true << true << QByteArray();
}

void TestHttpResponseParser::parses()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, head);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, framing);
    QFETCH(bool, complete);
    QFETCH(bool, keepAlive);
    QFETCH(QByteArray, leftover);

    const Outcome out = parseWhole(input, head);
    QVERIFY2(!out.error, qPrintable(out.errorString));
    QVERIFY(out.fedOk);
    QVERIFY(out.consistent);
    QVERIFY(out.errorString.isEmpty());
    QVERIFY(out.started);
    QVERIFY(out.headComplete);
    QCOMPARE(out.status, status);
    QCOMPARE(out.body, body);
    QCOMPARE(out.framing, framing);
    QCOMPARE(out.complete, complete);
    QCOMPARE(out.keepAlive, keepAlive);
    QCOMPARE(out.leftover, leftover);
    if (framing == "length")
        QCOMPARE(out.contentLength, qint64(body.size()));
    else
        QCOMPARE(out.contentLength, qint64(-1));
    // EOF ends every one of them properly: the complete ones stay complete, the until-close ones end.
    QVERIFY(out.eofOk);
    QVERIFY(out.completeAfterEof);
    QVERIFY(!out.errorAfterEof);

    const QString split = everySplitAgrees(input, head);
    QVERIFY2(split.isEmpty(), qPrintable(split));
}

void TestHttpResponseParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");

    const QByteArray len("Content-Length: 2\r\n\r\nok");
    QTest::newRow("1.1 default") << QByteArray("HTTP/1.1 200 OK\r\n" + len) << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n" + len) << false;
    QTest::newRow("1.1 Close upper-case") << QByteArray("HTTP/1.1 200 OK\r\nConnection: CLOSE\r\n" + len) << false;
    QTest::newRow("1.1 close in a list") << QByteArray("HTTP/1.1 200 OK\r\nConnection: Upgrade ,close\r\n" + len)
                                         << false;
    QTest::newRow("1.1 close in a second field")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\n" + len) << false;
    QTest::newRow("1.1 closed is not close") << QByteArray("HTTP/1.1 200 OK\r\nConnection: closed\r\n" + len) << true;
    QTest::newRow("1.1 explicit keep-alive")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n" + len) << true;
    QTest::newRow("1.1 chunked") << QByteArray(chunkedHead + "0\r\n\r\n") << true;
    QTest::newRow("1.1 chunked with close")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << false;
    QTest::newRow("1.1 204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << true;
    QTest::newRow("1.1 until close") << QByteArray("HTTP/1.1 200 OK\r\n\r\nbody") << false;
    QTest::newRow("1.1 until close with keep-alive")
        << QByteArray("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nbody") << false;
    QTest::newRow("1.1 gzip coding until close")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nz") << false;
    QTest::newRow("1.0 default") << QByteArray("HTTP/1.0 200 OK\r\n" + len) << false;
    QTest::newRow("1.0 204 default") << QByteArray("HTTP/1.0 204 No Content\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n" + len) << true;
    QTest::newRow("1.0 Keep-Alive in a list")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: foo, Keep-Alive\r\n" + len) << true;
    QTest::newRow("1.0 keep-alive and close")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n" + len) << false;
    QTest::newRow("1.0 keep-alive until close")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nbody") << false;
    QTest::newRow("1.0 keep-alive after 100 Continue")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nConnection: keep-alive\r\n" + len) << true;
    QTest::newRow("1.1 final after 1.0 interim")
        << QByteArray("HTTP/1.0 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n" + len) << true;
    QTest::newRow("error") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << false;
}

void TestHttpResponseParser::keepAlive()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);

    HttpResponseParser p;
    QByteArray body;
    p.feed(input, &body);
    QVERIFY(p.headComplete() || p.hasError());
    QCOMPARE(p.keepAlive(), keepAlive);
    // A body read until close never leaves the connection usable, not even once it has ended.
    p.finishAtEof();
    QCOMPARE(p.keepAlive(), keepAlive);
}

void TestHttpResponseParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");

    const QByteArray ok("HTTP/1.1 200 OK\r\n");
    // status line
    QTest::newRow("garbage") << QByteArray("hello world\r\n\r\n");
    QTest::newRow("HTML instead of a response") << QByteArray("<html><body>hi</body></html>\n");
    QTest::newRow("lower-case protocol") << QByteArray("http/1.1 200 OK\r\n\r\n");
    QTest::newRow("HTTP/2") << QByteArray("HTTP/2 200 OK\r\n\r\n");
    QTest::newRow("HTTP/2.0") << QByteArray("HTTP/2.0 200 OK\r\n\r\n");
    QTest::newRow("HTTP/1.x") << QByteArray("HTTP/1.x 200 OK\r\n\r\n");
    QTest::newRow("HTTP/1.10") << QByteArray("HTTP/1.10 200 OK\r\n\r\n");
    QTest::newRow("ICY") << QByteArray("ICY 200 OK\r\n\r\n");
    QTest::newRow("version only") << QByteArray("HTTP/1.1\r\n\r\n");
    QTest::newRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n");
    QTest::newRow("four-digit status") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n");
    QTest::newRow("status with letters") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("status below 100") << QByteArray("HTTP/1.1 099 Low\r\n\r\n");
    QTest::newRow("status 000") << QByteArray("HTTP/1.1 000 Zero\r\n\r\n");
    QTest::newRow("two spaces before status") << QByteArray("HTTP/1.1  200 OK\r\n\r\n");
    QTest::newRow("tab before status") << QByteArray("HTTP/1.1\t200 OK\r\n\r\n");
    QTest::newRow("no space after status") << QByteArray("HTTP/1.1 200OK\r\n\r\n");
    QTest::newRow("leading space") << QByteArray(" HTTP/1.1 200 OK\r\n\r\n");
    QTest::newRow("three empty lines before status") << QByteArray("\r\n\r\n\r\nHTTP/1.1 200 OK\r\n\r\n");
    QTest::newRow("101 Switching Protocols")
        << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    QTest::newRow("101 after 100") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 101 Switching\r\n\r\n");
    QTest::newRow("bad status line after 100") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/9.9 200 OK\r\n\r\n");

    // header lines
    QTest::newRow("missing colon") << QByteArray(ok + "X-A\r\n\r\n");
    QTest::newRow("missing colon with value") << QByteArray(ok + "Content-Length 0\r\n\r\n");
    QTest::newRow("empty header name") << QByteArray(ok + ": x\r\n\r\n");
    QTest::newRow("whitespace before colon") << QByteArray(ok + "Content-Length : 0\r\n\r\n");
    QTest::newRow("space in header name") << QByteArray(ok + "X A: 1\r\n\r\n");
    QTest::newRow("brackets in header name") << QByteArray(ok + "X[A]: 1\r\n\r\n");
    QTest::newRow("slash in header name") << QByteArray(ok + "X/A: 1\r\n\r\n");
    QTest::newRow("NUL in header name") << QByteArray(ok + QByteArray("X\0A: 1\r\n\r\n", 10));
    QTest::newRow("non-ASCII header name") << QByteArray(ok + "X-\xC3\xA9: 1\r\n\r\n");
    QTest::newRow("obs-fold before first header") << QByteArray(ok + " X-A: 1\r\n\r\n");
    QTest::newRow("tab fold before first header") << QByteArray(ok + "\tX-A: 1\r\n\r\n");

    // framing
    QTest::newRow("conflicting Content-Length") << QByteArray(ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n");
    QTest::newRow("conflicting Content-Length list") << QByteArray(ok + "Content-Length: 5, 6\r\n\r\n");
    QTest::newRow("conflicting Content-Length after equal ones")
        << QByteArray(ok + "Content-Length: 5,5\r\nContent-Length: 5, 4\r\n\r\n");
    QTest::newRow("conflicting Content-Length on a 204")
        << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nContent-Length: 1\r\n\r\n");
    QTest::newRow("negative Content-Length") << QByteArray(ok + "Content-Length: -1\r\n\r\n");
    QTest::newRow("signed Content-Length") << QByteArray(ok + "Content-Length: +1\r\n\r\n");
    QTest::newRow("non-numeric Content-Length") << QByteArray(ok + "Content-Length: 12abc\r\n\r\n");
    QTest::newRow("hex Content-Length") << QByteArray(ok + "Content-Length: 0x10\r\n\r\n");
    QTest::newRow("Content-Length with inner space") << QByteArray(ok + "Content-Length: 1 2\r\n\r\n");
    QTest::newRow("empty Content-Length") << QByteArray(ok + "Content-Length:\r\n\r\n");
    QTest::newRow("empty element in Content-Length list") << QByteArray(ok + "Content-Length: 5,,5\r\n\r\n");
    QTest::newRow("huge Content-Length") << QByteArray(ok + "Content-Length: 99999999999999999999999999\r\n\r\n");

    // chunked
    QTest::newRow("non-hex chunk size") << QByteArray(chunkedHead + "zz\r\n");
    QTest::newRow("0x prefix") << QByteArray(chunkedHead + "0x5\r\nhello\r\n0\r\n\r\n");
    QTest::newRow("empty chunk size") << QByteArray(chunkedHead + ";x\r\n");
    QTest::newRow("empty chunk-size line") << QByteArray(chunkedHead + "\r\n");
    QTest::newRow("negative chunk size") << QByteArray(chunkedHead + "-5\r\n");
    QTest::newRow("space before chunk size") << QByteArray(chunkedHead + " 5\r\nhello\r\n0\r\n\r\n");
    QTest::newRow("junk after chunk size") << QByteArray(chunkedHead + "5x\r\nhello\r\n0\r\n\r\n");
    QTest::newRow("space inside chunk size") << QByteArray(chunkedHead + "1 0\r\n");
    QTest::newRow("chunk data longer than size") << QByteArray(chunkedHead + "3\r\nabcd\r\n0\r\n\r\n");
    QTest::newRow("chunk data without line end") << QByteArray(chunkedHead + "3\r\nabc0\r\n\r\n");
    QTest::newRow("chunk data with CR only") << QByteArray(chunkedHead + "3\r\nabc\r0\r\n\r\n");
    QTest::newRow("too many hex digits") << QByteArray(chunkedHead + "10000000000000000\r\n");
    QTest::newRow("huge chunk size") << QByteArray(chunkedHead + "ffffffffffffffffffffffff\r\n");
    QTest::newRow("16 digits with leading zeros") << QByteArray(chunkedHead + "0000000000000001\r\nx\r\n0\r\n\r\n");

    // limits with the defaults
    QTest::newRow("head over 64 KiB") << QByteArray(ok + "X-Big: " + QByteArray(64 * 1024, 'b') + "\r\n\r\n");
    QTest::newRow("status line over 64 KiB") << QByteArray("HTTP/1.1 200 " + QByteArray(64 * 1024, 'r') + "\r\n\r\n");
    QByteArray many(ok);
    for (int i = 0; i < 201; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("201 header fields") << QByteArray(many + "\r\n");
    QTest::newRow("chunk-size line over 4 KiB") << QByteArray(chunkedHead + "1;" + QByteArray(4 * 1024, 'e') + "\r\n");
    QByteArray trailers(chunkedHead + "0\r\n");
    for (int i = 0; i < 201; ++i)
        trailers += "T: v\r\n";
    QTest::newRow("201 trailer fields") << QByteArray(trailers + "\r\n");
}

void TestHttpResponseParser::errors()
{
    QFETCH(QByteArray, input);

    const Outcome whole = parseWhole(input);
    QVERIFY(whole.error);
    QVERIFY(!whole.fedOk);
    QVERIFY(whole.consistent);
    QVERIFY(!whole.errorString.isEmpty());
    QVERIFY(!whole.complete);
    QVERIFY(!whole.headComplete);
    QVERIFY(!whole.keepAlive);
    QVERIFY(whole.leftover.isEmpty());
    // The connection closing afterwards changes nothing.
    QVERIFY(!whole.eofOk);
    QVERIFY(whole.errorAfterEof);
    QVERIFY(!whole.completeAfterEof);
    QCOMPARE(whole.errorStringAfterEof, whole.errorString);

    if (input.size() <= 4096) {
        const QString split = everySplitAgrees(input);
        QVERIFY2(split.isEmpty(), qPrintable(split));
    } else {
        // Socket-sized pieces for the big ones (byte by byte re-copies a partial line each time).
        for (qsizetype step : {777, 1000, 4096, 65536}) {
            QList<qsizetype> cuts;
            for (qsizetype i = step; i < input.size(); i += step)
                cuts.append(i);
            const QString d = difference(whole, run(input, cuts));
            QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("pieces of %1: %2 differs").arg(step).arg(d)));
        }
    }
}

void TestHttpResponseParser::limitsAtAndOverBoundary_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("ok");

    // smallLimits(): head 64 bytes with line endings, 3 header fields, chunk-size line 8 bytes.
    auto headOfSize = [](qsizetype total, const QByteArray& eol) {
        const QByteArray prefix("HTTP/1.1 200 OK" + eol + "Content-Length: 1" + eol + "X: ");
        const QByteArray suffix(eol + eol);
        const QByteArray h(prefix + QByteArray(total - prefix.size() - suffix.size(), 'x') + suffix);
        Q_ASSERT(h.size() == total);
        return QByteArray(h + "!");
    };
    QTest::newRow("head at limit") << headOfSize(64, "\r\n") << true;
    QTest::newRow("head one over") << headOfSize(65, "\r\n") << false;
    QTest::newRow("LF head at limit") << headOfSize(64, "\n") << true;
    QTest::newRow("LF head one over") << headOfSize(65, "\n") << false;
    auto statusLineOfSize = [](qsizetype total) { // status line alone, then the empty line
        const QByteArray prefix("HTTP/1.1 204 ");
        return QByteArray(prefix + QByteArray(total - prefix.size() - 4, 'r') + "\r\n\r\n");
    };
    QTest::newRow("status line filling the head") << statusLineOfSize(64) << true;
    QTest::newRow("status line one over") << statusLineOfSize(65) << false;
    QTest::newRow("each interim response has its own budget")
        << QByteArray("HTTP/1.1 100 " + QByteArray(60 - 17, 'c') + "\r\n\r\n" + headOfSize(64, "\r\n")) << true;

    auto headerCount = [](int count) {
        QByteArray r("HTTP/1.1 204 No Content\r\n");
        for (int i = 0; i < count; ++i)
            r += "A: 1\r\n";
        return r + "\r\n";
    };
    QTest::newRow("header count at limit") << headerCount(3) << true;
    QTest::newRow("header count one over") << headerCount(4) << false;
    QTest::newRow("folded lines are not fields") << QByteArray("HTTP/1.1 204 No Content\r\nA: 1\r\n 2\r\n 3\r\n 4\r\n"
                                                               "B: 1\r\nC: 1\r\n\r\n")
                                                 << true;

    QTest::newRow("chunk-size line at limit") << QByteArray(chunkedHead + "1;eeee\r\nx\r\n0\r\n\r\n") << true;
    QTest::newRow("chunk-size line one over") << QByteArray(chunkedHead + "1;eeeee\r\nx\r\n0\r\n\r\n") << false;
    QTest::newRow("LF chunk-size line at limit") << QByteArray(chunkedHead + "1;eeeee\nx\r\n0\r\n\r\n") << true;
    QTest::newRow("last-chunk line at limit") << QByteArray(chunkedHead + "0;eeee\r\n\r\n") << true;
    QTest::newRow("last-chunk line one over") << QByteArray(chunkedHead + "0;eeeee\r\n\r\n") << false;

    QTest::newRow("trailer count at limit") << QByteArray(chunkedHead + "0\r\nT: 1\r\nT: 2\r\nT: 3\r\n\r\n") << true;
    QTest::newRow("trailer count one over")
        << QByteArray(chunkedHead + "0\r\nT: 1\r\nT: 2\r\nT: 3\r\nT: 4\r\n\r\n") << false;
    // Trailers get a head budget of their own.
    QTest::newRow("trailer bytes at limit")
        << QByteArray(chunkedHead + "0\r\nT: " + QByteArray(57, 't') + "\r\n\r\n") << true;
    QTest::newRow("trailer bytes one over")
        << QByteArray(chunkedHead + "0\r\nT: " + QByteArray(58, 't') + "\r\n\r\n") << false;
    // The body itself is not limited.
    QTest::newRow("body over every limit")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 200\r\n\r\n" + QByteArray(200, 'b')) << true;
}

void TestHttpResponseParser::limitsAtAndOverBoundary()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);

    const Outcome whole = parseWhole(input, false, smallLimits());
    QCOMPARE(whole.error, !ok);
    QCOMPARE(whole.complete, ok);
    if (!ok)
        QVERIFY(!whole.errorString.isEmpty());
    const QString split = everySplitAgrees(input, false, smallLimits());
    QVERIFY2(split.isEmpty(), qPrintable(split));
}

// A server that never ends a line cannot make the parser buffer past the limit.
void TestHttpResponseParser::partialLineOverLimitFailsBeforeItEnds()
{
    QByteArray body;
    {
        HttpResponseParser p(smallLimits());
        QVERIFY(!p.feed("HTTP/1.1 200 " + QByteArray(64 - 13, 'r'), &body));
        QVERIFY(p.hasError());
    }
    {
        HttpResponseParser p(smallLimits());
        QVERIFY(p.feed("HTTP/1.1 200 OK\r\nX: ", &body));
        QVERIFY(!p.feed(QByteArray(64, 'x'), &body));
        QVERIFY(p.hasError());
    }
    {
        HttpResponseParser p(smallLimits());
        QVERIFY(p.feed(chunkedHead, &body));
        QVERIFY(p.feed("1;eee", &body));
        QVERIFY(p.feed("ee", &body)); // 7 bytes: a LF may still end it within 8
        QVERIFY(!p.hasError());
        QVERIFY(!p.feed("e", &body)); // 8 bytes and no line end: cannot fit any more
        QVERIFY(p.hasError());
    }
    {
        // Chunk data followed by more data instead of its line end.
        HttpResponseParser p(smallLimits());
        QVERIFY(p.feed(chunkedHead + "1\r\nx", &body));
        QVERIFY(!p.feed(QByteArray(16, 'y'), &body));
        QVERIFY(p.hasError());
    }
    {
        // Just fitting, with the line end still to come, it waits.
        HttpResponseParser p(smallLimits());
        const QByteArray status("HTTP/1.1 200 " + QByteArray(64 - 13 - 4, 'r'));
        QVERIFY(p.feed(status, &body));
        QVERIFY(p.feed("\r", &body));
        QVERIFY(p.feed("\n", &body));
        QVERIFY(!p.headComplete());
        QVERIFY(p.feed("\r", &body));
        QVERIFY(p.feed("\n", &body));
        QVERIFY(p.headComplete());
        QVERIFY(!p.hasError());
    }
    {
        HttpResponseParser p(smallLimits());
        QVERIFY(p.feed(chunkedHead + "1;eeee", &body));
        QVERIFY(p.feed("\r", &body));
        QVERIFY(p.feed("\nx\r\n0\r\n\r\n", &body));
        QVERIFY(p.isComplete());
    }
}

void TestHttpResponseParser::chunkSizeDigits()
{
    // Fifteen hex digits are accepted (leading zeros count); sixteen are too many.
    {
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(p.feed(chunkedHead + "00000000000000A\r\n0123456789\r\n000000000000000\r\n\r\n", &body));
        QVERIFY(p.isComplete());
        QCOMPARE(body, QByteArray("0123456789"));
    }
    {
        // The largest size: the parser only counts it down, and EOF cuts it short.
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(p.feed(chunkedHead + "fffffffffffffff\r\nsome", &body));
        QVERIFY(!p.hasError());
        QCOMPARE(body, QByteArray("some"));
        QVERIFY(!p.finishAtEof());
    }
    {
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(!p.feed(chunkedHead + "000000000000000A\r\n0123456789\r\n0\r\n\r\n", &body));
        QVERIFY(p.hasError());
        QVERIFY(body.isEmpty());
    }
    {
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(!p.feed(chunkedHead + "8000000000000000\r\n", &body));
        QVERIFY(p.hasError());
    }
}

void TestHttpResponseParser::finishAtEof_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("nothing") << QByteArray() << false << QByteArray();
    QTest::newRow("an empty line") << QByteArray("\r\n") << false << QByteArray();
    QTest::newRow("in the status line") << QByteArray("HTTP/1.1 20") << false << QByteArray();
    QTest::newRow("after the status line") << QByteArray("HTTP/1.1 200 OK\r\n") << false << QByteArray();
    QTest::newRow("in a header line") << QByteArray("HTTP/1.1 200 OK\r\nContent-Len") << false << QByteArray();
    QTest::newRow("before the empty line")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n") << false << QByteArray();
    QTest::newRow("before the LF of the empty line")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r") << false << QByteArray();
    QTest::newRow("after 100 Continue") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n") << false << QByteArray();
    QTest::newRow("Content-Length body cut short")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc") << false << QByteArray("abc");
    QTest::newRow("Content-Length body not begun")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n") << false << QByteArray();
    QTest::newRow("in a chunk-size line") << QByteArray(chunkedHead + "5") << false << QByteArray();
    QTest::newRow("in chunk data") << QByteArray(chunkedHead + "5\r\nhel") << false << QByteArray("hel");
    QTest::newRow("before the chunk's line end")
        << QByteArray(chunkedHead + "5\r\nhello") << false << QByteArray("hello");
    QTest::newRow("before the next chunk")
        << QByteArray(chunkedHead + "5\r\nhello\r\n") << false << QByteArray("hello");
    QTest::newRow("after the last chunk")
        << QByteArray(chunkedHead + "5\r\nhello\r\n0\r\n") << false << QByteArray("hello");
    QTest::newRow("in the trailers") << QByteArray(chunkedHead + "0\r\nT: 1\r\n") << false << QByteArray();
    QTest::newRow("chunked complete") << QByteArray(chunkedHead + "5\r\nhello\r\n0\r\n\r\n") << true
                                      << QByteArray("hello");
    QTest::newRow("Content-Length complete")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << true << QByteArray("ok");
    QTest::newRow("until close") << QByteArray("HTTP/1.1 200 OK\r\n\r\npartial") << true << QByteArray("partial");
    QTest::newRow("until close, no body") << QByteArray("HTTP/1.0 503 Busy\r\n\r\n") << true << QByteArray();
    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << true << QByteArray();
}

void TestHttpResponseParser::finishAtEof()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, ok);
    QFETCH(QByteArray, body);

    HttpResponseParser p;
    QByteArray got;
    QVERIFY(p.feed(input, &got));
    QCOMPARE(got, body);
    QCOMPARE(p.started(), !input.isEmpty());
    QCOMPARE(p.finishAtEof(), ok);
    QCOMPARE(p.isComplete(), ok);
    QCOMPARE(p.hasError(), !ok);
    QCOMPARE(p.errorString().isEmpty(), ok);
    // Whatever comes later (it cannot, the connection is gone) changes nothing.
    QCOMPARE(p.finishAtEof(), ok);
    QCOMPARE(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", &got), ok);
    QCOMPARE(got, body);
    if (!ok) {
        QVERIFY(!p.headComplete());
        QVERIFY(!p.keepAlive());
    }

    // The same when the input came one byte at a time.
    HttpResponseParser q;
    QByteArray bytewise;
    for (char c : input)
        QVERIFY(q.feed(QByteArrayView(&c, 1), &bytewise));
    QCOMPARE(bytewise, body);
    QCOMPARE(q.finishAtEof(), ok);
    QCOMPARE(q.errorString(), p.errorString());
}

void TestHttpResponseParser::progress()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(!p.started());
    QVERIFY(!p.headComplete());
    QVERIFY(!p.isComplete());
    QVERIFY(!p.hasError());
    QCOMPARE(p.status(), 0);
    QVERIFY(p.feed(QByteArrayView(), &body));
    QVERIFY(!p.started()); // no byte yet
    QVERIFY(p.feed("H", &body));
    QVERIFY(p.started());
    QVERIFY(!p.headComplete());
    QVERIFY(p.feed("TTP/1.0 404 Not Found\r\nContent-Length: 4\r\n", &body));
    QCOMPARE(p.status(), 404);
    QCOMPARE(p.reason(), QByteArray("Not Found"));
    QCOMPARE(p.httpMinorVersion(), 0);
    QVERIFY(!p.headComplete()); // the headers may still go on
    QVERIFY(p.feed("\r\n", &body));
    QVERIFY(p.headComplete());
    QVERIFY(!p.isComplete());
    QCOMPARE(p.contentLength(), qint64(4));
    QVERIFY(!p.isChunked());
    QVERIFY(!p.readsUntilClose());
    QVERIFY(p.feed("no", &body));
    QCOMPARE(body, QByteArray("no"));
    QVERIFY(!p.isComplete());
    QVERIFY(p.feed("pe", &body));
    QVERIFY(p.isComplete());
    QVERIFY(p.headComplete());
    QCOMPARE(body, QByteArray("nope"));
    QVERIFY(!p.keepAlive()); // HTTP/1.0 without keep-alive

    // The body is appended to what the caller already holds.
    HttpResponseParser q;
    QByteArray kept("earlier:");
    QVERIFY(q.feed("HTTP/1.1 200 Fine and dandy\r\nContent-Length: 3\r\n\r\nnew", &kept));
    QCOMPARE(kept, QByteArray("earlier:new"));
    QCOMPARE(q.reason(), QByteArray("Fine and dandy"));
    QCOMPARE(q.httpMinorVersion(), 1);

    HttpResponseParser r;
    QVERIFY(r.feed("HTTP/1.1 200 \r\n\r\n", &body));
    QVERIFY(r.reason().isEmpty());
    QVERIFY(r.feed("HTTP/1.9 200", &body)); // body bytes now
    HttpResponseParser s;
    QVERIFY(s.feed("HTTP/1.9 200\r\n\r\n", &body));
    QCOMPARE(s.httpMinorVersion(), 9);
    QVERIFY(s.reason().isEmpty());
}

void TestHttpResponseParser::interimResponsesAreSkipped()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed("HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n", &body));
    // Not the response yet: the head of the real one is still to come.
    QVERIFY(p.started());
    QVERIFY(!p.headComplete());
    QVERIFY(!p.isComplete());
    QVERIFY(p.feed("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n", &body));
    QVERIFY(!p.headComplete());
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: 1\n\n", &body));
    QVERIFY(p.headComplete());
    QCOMPARE(p.status(), 200);
    QCOMPARE(p.reason(), QByteArray("OK"));
    // Only the final response's fields are kept.
    QCOMPARE(p.headers().size(), 1);
    QVERIFY(p.header("x-interim").isNull());
    QVERIFY(p.header("link").isNull());
    QCOMPARE(p.header("content-type"), QByteArray("text/event-stream"));
    QCOMPARE(body, QByteArray("data: 1\n\n"));
    QVERIFY(p.readsUntilClose());

    HttpResponseParser q;
    QVERIFY(!q.feed("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", &body));
    QVERIFY(q.hasError());
    QVERIFY(q.errorString().contains(QStringLiteral("101")));
    QVERIFY(!q.headComplete());

    // A server cannot keep the client reading interim responses for ever: 16 are skipped, the
    // 17th is an error.
    HttpResponseParser r;
    for (int i = 0; i < 16; ++i)
        QVERIFY(r.feed("HTTP/1.1 103 Early Hints\r\n\r\n", &body));
    QVERIFY(!r.hasError());
    QVERIFY(!r.feed("HTTP/1.1 103 Early Hints\r\n\r\n", &body));
    QVERIFY2(r.errorString().contains(QStringLiteral("interim")), qPrintable(r.errorString()));
    r.reset();
    for (int i = 0; i < 16; ++i)
        QVERIFY(r.feed("HTTP/1.1 100 Continue\r\n\r\n", &body));
    QVERIFY(r.feed("HTTP/1.1 204 No Content\r\n\r\n", &body));
    QVERIFY(r.isComplete());
    QCOMPARE(r.status(), 204);
}

void TestHttpResponseParser::untilCloseBody()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", &body));
    QVERIFY(p.headComplete());
    QVERIFY(p.readsUntilClose());
    QVERIFY(!p.isChunked());
    QCOMPARE(p.contentLength(), qint64(-1));
    QVERIFY(!p.keepAlive());
    QVERIFY(body.isEmpty());
    // Everything is body, even what looks like another response or chunk syntax.
    QVERIFY(p.feed("first\r\n", &body));
    QVERIFY(p.feed("0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n", &body));
    QVERIFY(!p.isComplete());
    QCOMPARE(body, QByteArray("first\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"));
    QVERIFY(p.leftover().isEmpty());
    QVERIFY(p.finishAtEof());
    QVERIFY(p.isComplete());
    QVERIFY(!p.hasError());
    QVERIFY(!p.keepAlive());
    QCOMPARE(body, QByteArray("first\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"));
}

void TestHttpResponseParser::leftoverAfterCompleteResponse()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 ", &body));
    QVERIFY(p.isComplete());
    QCOMPARE(body, QByteArray("ok"));
    QCOMPARE(p.leftover(), QByteArray("HTTP/1.1 "));
    // Later bytes are kept too, never added to the body.
    QVERIFY(p.feed("201 Created\r\nContent-Length: 3\r\n\r\nnew", &body));
    QCOMPARE(body, QByteArray("ok"));
    QVERIFY(p.isComplete());
    QCOMPARE(p.status(), 200);
    QCOMPARE(p.leftover(), QByteArray("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew"));
    QVERIFY(p.finishAtEof());

    // Before the response is complete there is no leftover, not even a partial line held back.
    {
        HttpResponseParser q;
        QByteArray partial;
        QVERIFY(q.feed("HTTP/1.1 200 OK\r\nContent-Le", &partial));
        QVERIFY(q.leftover().isEmpty());
        QVERIFY(q.feed("ngth: 1\r\n\r\n", &partial));
        QVERIFY(q.leftover().isEmpty());
        QVERIFY(q.feed("x", &partial));
        QVERIFY(q.isComplete());
        QVERIFY(q.leftover().isEmpty());
        HttpResponseParser c;
        QVERIFY(c.feed(chunkedHead + "1\r\nx\r\n0\r\nT: 1", &partial));
        QVERIFY(c.leftover().isEmpty());
        QVERIFY(c.feed("\r\n\r\nafter", &partial));
        QCOMPARE(c.leftover(), QByteArray("after"));
    }

    // The leftover parses as the next response once the parser is reset.
    const QByteArray next = p.leftover();
    p.reset();
    QVERIFY(p.leftover().isEmpty());
    QByteArray body2;
    QVERIFY(p.feed(next, &body2));
    QVERIFY(p.isComplete());
    QCOMPARE(p.status(), 201);
    QCOMPARE(body2, QByteArray("new"));
    QVERIFY(p.leftover().isEmpty());
}

void TestHttpResponseParser::headerLookup()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Type:application/json\r\nX-Tag: one\r\n"
                   "CF-RAY:\t 8a1b2c-SJC \t\r\nx-tag: two\r\nX-Empty:\r\nX-Spaces:   \r\n"
                   "Content-Length: 0\r\n\r\n",
        &body));
    QVERIFY(p.isComplete());
    QCOMPARE(p.header("content-type"), QByteArray("application/json"));
    QCOMPARE(p.header("cf-ray"), QByteArray("8a1b2c-SJC"));
    QCOMPARE(p.header("x-tag"), QByteArray("one")); // the first value
    QVERIFY(!p.header("x-empty").isNull());
    QVERIFY(p.header("x-empty").isEmpty());
    QVERIFY(!p.header("x-spaces").isNull());
    QVERIFY(p.header("x-spaces").isEmpty());
    QVERIFY(p.header("x-missing").isNull());
    // Names are stored lower case, and looked up by the lower-case name.
    QVERIFY(p.header("Content-Type").isNull());
    QCOMPARE(p.headers().size(), 7);
    const QList<QByteArray> names {"content-type", "x-tag", "cf-ray", "x-tag", "x-empty", "x-spaces", "content-length"};
    for (int i = 0; i < names.size(); ++i)
        QCOMPARE(p.headers().at(i).first, names.at(i));
    QCOMPARE(p.headers().at(3).second, QByteArray("two"));
    // Values keep their case and inner whitespace.
    HttpResponseParser q;
    QVERIFY(q.feed("HTTP/1.1 204 No Content\r\nWWW-Authenticate: Bearer  realm=\"A B\"\r\n\r\n", &body));
    QCOMPARE(q.header("www-authenticate"), QByteArray("Bearer  realm=\"A B\""));
    QCOMPARE(q.headers().first().first, QByteArray("www-authenticate"));
}

void TestHttpResponseParser::obsFold()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nX-Folded: one\r\n   two  \r\n\tthree\r\nX-Next: n\r\n"
                   "Content-Length: 0\r\n\r\n",
        &body));
    QVERIFY(p.isComplete());
    QCOMPARE(p.header("x-folded"), QByteArray("one two three"));
    QCOMPARE(p.header("x-next"), QByteArray("n"));
    QCOMPARE(p.headers().size(), 3);

    // A folded framing header still frames the body.
    HttpResponseParser q;
    QVERIFY(q.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip,\r\n chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n", &body));
    QVERIFY(q.isChunked());
    QVERIFY(q.isComplete());

    // A fold right after the status line has nothing to continue.
    HttpResponseParser r;
    QVERIFY(!r.feed("HTTP/1.1 200 OK\r\n folded\r\n\r\n", &body));
    QVERIFY(r.hasError());
}

void TestHttpResponseParser::errorIsSticky()
{
    HttpResponseParser q;
    QByteArray body;
    QVERIFY(!q.feed("BAD\r\n", &body));
    QVERIFY(q.hasError());
    const QString error = q.errorString();
    QVERIFY(!error.isEmpty());
    QByteArray after;
    QVERIFY(!q.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", &after));
    QVERIFY(!q.feed(QByteArrayView(), &after));
    QVERIFY(after.isEmpty());
    QVERIFY(q.hasError());
    QCOMPARE(q.errorString(), error);
    QCOMPARE(q.status(), 0);
    QVERIFY(!q.headComplete());
    QVERIFY(!q.isComplete());
    QVERIFY(q.leftover().isEmpty());
    QVERIFY(!q.finishAtEof());
    QCOMPARE(q.errorString(), error);

    // An error in the body keeps what was decoded before it and stops there.
    HttpResponseParser r;
    QByteArray decoded;
    QVERIFY(!r.feed(chunkedHead + "2\r\nab\r\nzz\r\n2\r\ncd\r\n0\r\n\r\n", &decoded));
    QCOMPARE(decoded, QByteArray("ab"));
    QVERIFY(!r.feed("2\r\ncd\r\n", &decoded));
    QCOMPARE(decoded, QByteArray("ab"));
    QVERIFY(r.status() == 200);
    QVERIFY(!r.headComplete());
    QVERIFY(!r.keepAlive());
}

void TestHttpResponseParser::resetReusesParser()
{
    HttpResponseParser p;
    QByteArray body;
    QVERIFY(p.feed(
        "HTTP/1.1 200 OK\r\nX-First: 1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: x\r\n\r\n", &body));
    QVERIFY(p.isComplete());
    QVERIFY(p.keepAlive());

    // A HEAD request on the same connection.
    p.reset(true);
    QVERIFY(!p.started());
    QVERIFY(!p.headComplete());
    QVERIFY(!p.isComplete());
    QCOMPARE(p.status(), 0);
    QVERIFY(p.headers().isEmpty());
    QVERIFY(!p.isChunked());
    QByteArray headBody;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", &headBody));
    QVERIFY(p.isComplete());
    QVERIFY(headBody.isEmpty());
    QVERIFY(p.header("x-first").isNull());

    // HEAD does not stick: the next GET has its body.
    p.reset();
    QByteArray getBody;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n123456789", &getBody));
    QVERIFY(p.isComplete());
    QCOMPARE(getBody, QByteArray("123456789"));
    QCOMPARE(p.contentLength(), qint64(9));

    // After an error too.
    p.reset();
    QVERIFY(!p.feed("junk\r\n", &getBody));
    QVERIFY(p.hasError());
    p.reset();
    QVERIFY(!p.hasError());
    QVERIFY(p.errorString().isEmpty());
    QByteArray third;
    QVERIFY(p.feed("HTTP/1.0 200 OK\r\n\r\nrest", &third));
    QVERIFY(p.finishAtEof());
    QCOMPARE(third, QByteArray("rest"));
    QCOMPARE(p.httpMinorVersion(), 0);

    // And after a response cut in the middle of its head: nothing of it survives.
    p.reset();
    QVERIFY(p.feed("HTTP/1.1 500 Internal\r\nX-Half: 1\r\nConte", &third));
    p.reset();
    QByteArray fourth;
    QVERIFY(p.feed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz", &fourth));
    QVERIFY(p.isComplete());
    QCOMPARE(p.status(), 200);
    QCOMPARE(p.headers().size(), 1);
    QCOMPARE(fourth, QByteArray("z"));
    QCOMPARE(p.httpMinorVersion(), 1);
}

void TestHttpResponseParser::largeBodiesInSocketSizedReads()
{
    QByteArray payload(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char('a' + i % 23);

    auto feedInPieces = [](HttpResponseParser& p, const QByteArray& in, qsizetype piece, QByteArray* body) {
        for (qsizetype i = 0; i < in.size(); i += piece) {
            if (!p.feed(QByteArrayView(in).sliced(i, qMin(piece, in.size() - i)), body))
                return false;
        }
        return true;
    };

    {
        const QByteArray in("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n\r\n"
            + payload + "HTTP/1.1");
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(feedInPieces(p, in, 65536, &body));
        QVERIFY(p.isComplete());
        QVERIFY(body == payload);
        QCOMPARE(p.leftover(), QByteArray("HTTP/1.1"));
    }
    {
        QByteArray in(chunkedHead);
        for (qsizetype i = 0, size = 1; i < payload.size(); i += size, size = size * 3 + 1) {
            const qsizetype n = qMin(size, payload.size() - i);
            in += QByteArray::number(n, 16) + "\r\n" + payload.mid(i, n) + "\r\n";
        }
        in += "0\r\n\r\n";
        for (qsizetype piece : {1000, 4096, 65536}) {
            HttpResponseParser p;
            QByteArray body;
            QVERIFY(feedInPieces(p, in, piece, &body));
            QVERIFY(p.isComplete());
            QVERIFY(body == payload);
        }
    }
    {
        HttpResponseParser p;
        QByteArray body;
        QVERIFY(feedInPieces(p, "HTTP/1.1 200 OK\r\n\r\n" + payload, 16384, &body));
        QVERIFY(!p.isComplete());
        QVERIFY(p.finishAtEof());
        QVERIFY(body == payload);
    }
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
