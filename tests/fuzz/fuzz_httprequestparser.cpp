// Fuzzes the HTTP request parser: any bytes, cut at two points the input chooses, must give the
// same requests and the same error as the uncut input, never crash, and never exceed the limits.
// Input layout: 2 bytes split seed, 1 byte options (bit 0: tiny limits, so limits get hit), then
// the bytes a client would send.
#include "http/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>

namespace {

using flarechat::HttpRequest;
using flarechat::HttpRequestParser;
using Status = HttpRequestParser::Status;

struct Outcome
{
    QList<HttpRequest> requests;
    Status status = Status::Incomplete;
    int errorStatus = 0;
    QByteArray reason;
};

void drain(HttpRequestParser& p, Status s, Outcome& out)
{
    while (s == Status::Complete) {
        out.requests.append(p.takeRequest());
        s = p.status();
    }
}

Outcome run(const QByteArray& in, const QList<qsizetype>& cuts, const HttpRequestParser::Limits& limits)
{
    HttpRequestParser p(limits);
    Outcome out;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        drain(p, p.feed(QByteArrayView(in).sliced(from, cut - from)), out);
        from = cut;
    }
    drain(p, p.feed(QByteArrayView(in).sliced(from)), out);
    out.status = p.status();
    out.errorStatus = p.errorStatus();
    out.reason = p.errorReason();
    // Invariants that hold whatever the input.
    if ((out.status == Status::Error) != (out.errorStatus != 0))
        abort();
    if (out.status == Status::Error && out.errorStatus != 400 && out.errorStatus != 413 && out.errorStatus != 414
        && out.errorStatus != 431 && out.errorStatus != 501 && out.errorStatus != 505)
        abort();
    for (const HttpRequest& r : out.requests) {
        if (r.body.size() > limits.maxBodyBytes || r.headers.size() > limits.maxHeaders || r.method.isEmpty()
            || r.path.contains(QChar(0)))
            abort();
    }
    if (p.bufferedBytes() > in.size())
        abort();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 3)
        return 0;
    const QByteArray in(reinterpret_cast<const char*>(data + 3), qsizetype(size - 3));
    HttpRequestParser::Limits limits;
    if (data[2] & 1) {
        limits.maxRequestLine = 48;
        limits.maxHeaderBytes = 96;
        limits.maxHeaders = 4;
        limits.maxBodyBytes = 32;
        limits.maxChunkLine = 16;
        limits.maxChunkExtensions = 24;
    }
    const qsizetype n = in.size();
    const qsizetype seed = qsizetype(data[0]) << 8 | data[1];
    const qsizetype a = n ? seed % (n + 1) : 0;
    const qsizetype b = n ? (seed * 7 + 13) % (n + 1) : 0;

    const Outcome whole = run(in, {}, limits);
    const Outcome split = run(in, {qMin(a, b), qMax(a, b)}, limits);
    if (whole.status != split.status || whole.errorStatus != split.errorStatus || whole.reason != split.reason)
        abort();
    if (whole.requests != split.requests)
        abort();
    return 0;
}
