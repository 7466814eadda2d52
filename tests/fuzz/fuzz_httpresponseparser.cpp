// Fuzzes the HTTP response parser: any bytes, fed whole and fed in pieces the input chooses, must
// give the same status, headers, body, leftover and error, never crash, keep an error once it has
// one, and never break the invariants below. The leftover of a complete response is parsed again
// after reset(), as HttpClient would for the next response on the connection.
// Input layout: 1 byte split seed (piece sizes, some of them empty), 1 byte options (bit 0: the
// request was HEAD; bit 1: tiny limits, so limits get hit), then the bytes a server would send.
#include "http/HttpResponseParser.h"

#include <cstdint>
#include <cstdlib>

namespace {

using flarechat::HttpResponseParser;

struct Outcome
{
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
    bool chunked = false;
    bool untilClose = false;
    qint64 contentLength = -1;
    bool eofOk = false;
    bool completeAfterEof = false;
    QString errorStringAfterEof;

    bool operator==(const Outcome& o) const
    {
        return error == o.error && errorString == o.errorString && started == o.started
            && headComplete == o.headComplete && complete == o.complete && status == o.status && minor == o.minor
            && reason == o.reason && headers == o.headers && body == o.body && leftover == o.leftover
            && keepAlive == o.keepAlive && chunked == o.chunked && untilClose == o.untilClose
            && contentLength == o.contentLength && eofOk == o.eofOk && completeAfterEof == o.completeAfterEof
            && errorStringAfterEof == o.errorStringAfterEof;
    }
};

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    for (char t : QByteArrayView("!#$%&'*+-.^_`|~"))
        if (c == t)
            return true;
    return false;
}

// Feeds one piece and checks what must hold after any feed.
void feed(HttpResponseParser& p, QByteArrayView piece, QByteArray* body)
{
    const bool wasError = p.hasError();
    const QString wasErrorString = p.errorString();
    const qsizetype bodyBefore = body->size();
    const QByteArray bodyPrefix = *body;
    const bool ok = p.feed(piece, body);
    if (ok == p.hasError())
        abort(); // feed() returns false exactly on an error
    if (wasError && (ok || !p.hasError() || p.errorString() != wasErrorString || body->size() != bodyBefore))
        abort(); // an error sticks and nothing more is decoded
    if (p.hasError() && p.errorString().isEmpty())
        abort();
    if (!body->startsWith(bodyPrefix))
        abort(); // the body is only appended to
    if (body->size() - bodyBefore > piece.size())
        abort();
}

void checkState(const HttpResponseParser& p, const Outcome& o, bool head, const HttpResponseParser::Limits& limits,
    qsizetype inputSize)
{
    if (o.error) {
        if (o.headComplete || o.complete || o.keepAlive || !o.leftover.isEmpty())
            abort();
        return;
    }
    if (!o.errorString.isEmpty())
        abort();
    if (o.complete && !o.headComplete)
        abort();
    if (o.headComplete) {
        if (o.status < 200 || o.status > 999 || o.minor < 0 || o.minor > 9)
            abort();
        if (int(o.chunked) + int(o.untilClose) + int(o.contentLength >= 0) > 1)
            abort(); // one framing at most
        if ((head || o.status == 204 || o.status == 304)
            && (!o.complete || !o.body.isEmpty() || o.chunked || o.untilClose || o.contentLength >= 0))
            abort(); // no body
        if (o.contentLength >= 0
            && (o.body.size() > o.contentLength || o.complete != (o.body.size() == o.contentLength)))
            abort();
        if (o.untilClose && (o.complete || o.keepAlive))
            abort(); // ends only at EOF, and then the connection is gone
        if (o.headers.size() > limits.maxHeaders)
            abort();
        for (const auto& h : o.headers) {
            if (h.first.isEmpty())
                abort();
            for (char c : h.first) {
                if (!isTokenChar(c))
                    abort(); // a token, stored lower case
            }
            if (p.header(h.first).isNull())
                abort();
        }
    } else {
        if (!o.body.isEmpty() || !o.leftover.isEmpty() || o.complete)
            abort();
    }
    if (!o.leftover.isEmpty() && !o.complete)
        abort();
    if (o.body.size() + o.leftover.size() > inputSize)
        abort();
    if (o.started != (inputSize > 0))
        abort();
}

Outcome run(const QByteArray& in, const QList<qsizetype>& pieces, bool head, const HttpResponseParser::Limits& limits)
{
    HttpResponseParser p(limits);
    p.reset(head);
    Outcome o;
    qsizetype from = 0;
    for (qsizetype n : pieces) {
        n = qMin(n, in.size() - from);
        feed(p, QByteArrayView(in).sliced(from, n), &o.body);
        from += n;
    }
    feed(p, QByteArrayView(in).sliced(from), &o.body);
    o.error = p.hasError();
    o.errorString = p.errorString();
    o.started = p.started();
    o.headComplete = p.headComplete();
    o.complete = p.isComplete();
    o.status = p.status();
    o.minor = p.httpMinorVersion();
    o.reason = p.reason();
    o.headers = p.headers();
    o.leftover = p.leftover();
    o.keepAlive = p.keepAlive();
    o.chunked = p.isChunked();
    o.untilClose = p.readsUntilClose();
    o.contentLength = p.contentLength();
    checkState(p, o, head, limits, in.size());
    if (o.complete && !in.endsWith(o.leftover))
        abort();

    o.eofOk = p.finishAtEof();
    o.completeAfterEof = p.isComplete();
    o.errorStringAfterEof = p.errorString();
    if (o.eofOk != o.completeAfterEof || o.eofOk == p.hasError())
        abort(); // EOF either ends the response or is an error
    if (o.complete && !o.eofOk)
        abort();
    if (o.error && o.errorStringAfterEof != o.errorString)
        abort();
    // Nothing after an error revives the parser.
    if (p.hasError()) {
        QByteArray more;
        feed(p, QByteArrayView(in), &more);
        if (!more.isEmpty())
            abort();
    }
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const QByteArray in(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));
    const bool head = data[1] & 1;
    HttpResponseParser::Limits limits;
    if (data[1] & 2) {
        limits.maxHeadBytes = 64;
        limits.maxHeaders = 4;
        limits.maxChunkLine = 8;
    }

    // Piece sizes from the seed: small ones (down to single bytes and empty feeds) most of the time.
    QList<qsizetype> pieces;
    uint32_t state = data[0] * 2654435761u + 1;
    if (state == 0)
        state = 1;
    const uint32_t maxPiece = 1u + (data[0] & 0x3f);
    for (qsizetype total = 0; total < in.size();) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        const qsizetype n = qsizetype(state % (maxPiece + 1));
        pieces.append(n);
        total += n;
    }

    const Outcome whole = run(in, {}, head, limits);
    if (!(run(in, pieces, head, limits) == whole))
        abort();

    // The bytes after a complete response: a fresh parser and a reset one must agree.
    if (whole.complete && !whole.leftover.isEmpty()) {
        HttpResponseParser reused(limits);
        reused.reset(head);
        QByteArray body;
        feed(reused, QByteArrayView(in), &body);
        if (!reused.isComplete())
            abort();
        reused.reset(head);
        if (reused.started() || reused.headComplete() || reused.isComplete() || reused.hasError()
            || !reused.headers().isEmpty() || !reused.leftover().isEmpty() || reused.status() != 0)
            abort();
        QByteArray nextBody;
        feed(reused, QByteArrayView(whole.leftover), &nextBody);
        HttpResponseParser fresh(limits);
        fresh.reset(head);
        QByteArray freshBody;
        feed(fresh, QByteArrayView(whole.leftover), &freshBody);
        if (nextBody != freshBody || reused.hasError() != fresh.hasError()
            || reused.errorString() != fresh.errorString() || reused.isComplete() != fresh.isComplete()
            || reused.status() != fresh.status() || reused.headers() != fresh.headers()
            || reused.leftover() != fresh.leftover() || reused.keepAlive() != fresh.keepAlive()
            || reused.httpMinorVersion() != fresh.httpMinorVersion())
            abort();
    }
    return 0;
}
