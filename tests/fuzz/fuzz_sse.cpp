// Fuzzes the SSE decoder: any bytes, split at a point the input chooses, must decode to the
// same events as the unsplit input and never crash.
#include "http/SseParser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using flarechat::SseParser;
    if (size < 1)
        return 0;
    const size_t split = data[0] % (size);
    const QByteArray all(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    SseParser whole(4096);
    QList<SseParser::Event> a = whole.feed(all);
    a += whole.finish();

    SseParser parts(4096);
    const qsizetype cut = qMin<qsizetype>(qsizetype(split), all.size());
    QList<SseParser::Event> b = parts.feed(all.left(cut));
    b += parts.feed(all.mid(cut));
    b += parts.finish();
    if (whole.hasError() != parts.hasError())
        abort();
    if (!whole.hasError() && a != b)
        abort();
    return 0;
}
