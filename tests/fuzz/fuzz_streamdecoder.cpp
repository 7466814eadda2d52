// Fuzzes the Workers AI stream path (SSE decoder → StreamDecoder) for every reasoning style:
// arbitrary upstream bytes must never crash it, and the deltas it emits must add up to the
// result it reports.
#include "http/SseParser.h"
#include "workersai/ModelInfo.h"
#include "workersai/StreamDecoder.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace flarechat;
    if (size < 1)
        return 0;
    ModelInfo model = ModelInfo::unknown(QStringLiteral("@cf/fuzz/model"));
    model.reasoning = static_cast<ModelInfo::ReasoningStyle>(data[0] % 3);
    RunRequest run;
    run.maxTokens = 64;
    if (data[0] & 0x10)
        run.localStops = {QStringLiteral("END"), QStringLiteral("\n\n")};
    const QByteArray bytes(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    StreamDecoder decoder(model, run, QStringLiteral("seed"));
    SseParser sse(1 << 16);
    QString content, reasoning;
    auto take = [&](const StreamDecoder::Output& o) {
        content += o.delta.content;
        reasoning += o.delta.reasoning;
    };
    for (const SseParser::Event& e : sse.feed(bytes))
        take(decoder.feed(e));
    for (const SseParser::Event& e : sse.finish())
        take(decoder.feed(e));
    if (!decoder.isFinished())
        take(decoder.finish());
    if (decoder.result().content != content || decoder.result().reasoning != reasoning)
        abort();
    return 0;
}
