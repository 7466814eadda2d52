// Micro benchmarks of the core engine: the SSE parser, the whole stream path (SSE → StreamDecoder),
// request and reply translation and the model catalog. Pure code, no I/O beyond the compiled-in
// resource. Inputs are built once, deterministically (fixed seeds), outside the timed loops.
//
// A naive baseline sits next to the stream benchmarks — split the buffer on "\n\n", strip
// "data: ", QJsonDocument-parse each event — so docs/PERFORMANCE.md can state a ratio rather
// than a bare number. Run through scripts/bench.sh (repetitions, medians, JSON results).
#include "http/SseParser.h"
#include "openai/ChatRequestReader.h"
#include "openai/ChatTypes.h"
#include "workersai/ModelCatalog.h"
#include "workersai/ReplyTranslator.h"
#include "workersai/RequestTranslator.h"
#include "workersai/StreamDecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace flarechat;

namespace {

constexpr int kStreamEvents = 2000;
constexpr qsizetype kTcpSegment = 1460;
constexpr qsizetype kBigRead = 16 * 1024;

const char* const kWords[] = {" the", " model", " answer", " is", " a", " stream", " of", " tokens", ",", " and",
    " Cloudflare", " Workers", " AI", " returns", " them", " one", " by", " one", ".", " We", " decode", " each",
    " event", " as", " it", " arrives", " 42", " which"};
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

QByteArray randomPadding(std::mt19937& rng)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::uniform_int_distribution<int> len(10, 60);
    std::uniform_int_distribution<int> pick(0, int(sizeof(alphabet)) - 2);
    QByteArray p;
    const int n = len(rng);
    for (int i = 0; i < n; ++i)
        p.append(alphabet[pick(rng)]);
    return p;
}

QByteArray word(std::mt19937& rng)
{
    return QByteArray(kWords[std::uniform_int_distribution<int>(0, kWordCount - 1)(rng)]);
}

// What the run endpoint sends for a legacy model: {"response", "p"} events with random padding,
// then a usage event and [DONE]. With thinkAt >= 0 the text closes an inline <think> block at
// that event (DeepSeek R1 distill: no opening tag, "</think>\n\n" then the answer).
QByteArray legacyStream(int events, int thinkAt = -1)
{
    std::mt19937 rng(20240601);
    QByteArray s;
    for (int i = 0; i < events; ++i) {
        const QByteArray tok = i == thinkAt ? QByteArray("</think>\\n\\n") : word(rng);
        s += "data: {\"response\":\"" + tok + "\",\"p\":\"" + randomPadding(rng) + "\"}\n\n";
    }
    s += "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":512,\"completion_tokens\":" + QByteArray::number(events)
        + ",\"total_tokens\":" + QByteArray::number(events + 512) + "}}\n\n";
    s += "data: [DONE]\n\n";
    return s;
}

// An OpenAI-shaped model (glm-4.7-flash): chat.completion.chunk events, reasoning_content for the
// first 40% of the tokens, content after, a finish chunk, a usage-only chunk and [DONE].
QByteArray chunkStream(int events)
{
    std::mt19937 rng(20240602);
    const QByteArray head = "data: {\"id\":\"chatcmpl-5f0c6a1e2b8d4c3fa9e7\",\"object\":\"chat.completion.chunk\","
                            "\"created\":1767225600,\"model\":\"@cf/zai-org/glm-4.7-flash\",\"choices\":[{\"index\":0,"
                            "\"delta\":{";
    const QByteArray tail = "},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    QByteArray s;
    for (int i = 0; i < events; ++i) {
        const char* field = i < events * 2 / 5 ? "\"reasoning_content\":\"" : "\"content\":\"";
        s += head + field + word(rng) + "\"" + tail;
    }
    s += "data: {\"id\":\"chatcmpl-5f0c6a1e2b8d4c3fa9e7\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,"
         "\"model\":\"@cf/zai-org/"
         "glm-4.7-flash\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    s += "data: {\"id\":\"chatcmpl-5f0c6a1e2b8d4c3fa9e7\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
         "\"usage\":{\"prompt_tokens\":512,\"completion_tokens\":"
        + QByteArray::number(events) + ",\"total_tokens\":" + QByteArray::number(events + 512) + "}}\n\n";
    s += "data: [DONE]\n\n";
    return s;
}

QList<QByteArray> splitReads(const QByteArray& bytes, qsizetype readSize)
{
    QList<QByteArray> reads;
    for (qsizetype i = 0; i < bytes.size(); i += readSize)
        reads.append(bytes.mid(i, readSize));
    return reads;
}

struct StreamInput
{
    QByteArray bytes;
    QList<QByteArray> reads;
    qsizetype events = 0; // SSE events in the stream, [DONE] included
};

enum class Shape { Legacy, Chunks, DeepSeek };

const StreamInput& streamInput(Shape shape, qsizetype readSize)
{
    static QHash<QPair<int, qsizetype>, StreamInput> cache;
    const QPair<int, qsizetype> key(int(shape), readSize);
    auto it = cache.find(key);
    if (it == cache.end()) {
        StreamInput in;
        switch (shape) {
        case Shape::Legacy:
            in.bytes = legacyStream(kStreamEvents);
            break;
        case Shape::Chunks:
            in.bytes = chunkStream(kStreamEvents);
            break;
        case Shape::DeepSeek:
            in.bytes = legacyStream(kStreamEvents, kStreamEvents * 3 / 5);
            break;
        }
        in.reads = splitReads(in.bytes, readSize);
        in.events = in.bytes.count("\n\n");
        it = cache.insert(key, in);
    }
    return *it;
}

ModelInfo model(const char* name)
{
    ModelInfo m = ModelCatalog::builtIn().resolve(QString::fromLatin1(name));
    if (m.id.isEmpty()) {
        std::fprintf(stderr, "unknown model %s\n", name);
        std::abort();
    }
    return m;
}

void setStreamCounters(benchmark::State& state, const StreamInput& in)
{
    state.SetBytesProcessed(int64_t(state.iterations()) * in.bytes.size());
    state.counters["events/s"] = benchmark::Counter(double(in.events), benchmark::Counter::kIsIterationInvariantRate);
}

// ---- 1. SSE decoding alone -------------------------------------------------------------------

void BM_SseParser(benchmark::State& state, Shape shape, qsizetype readSize)
{
    const StreamInput& in = streamInput(shape, readSize);
    for (auto _ : state) {
        SseParser parser;
        qsizetype events = 0;
        for (const QByteArray& read : in.reads)
            events += parser.feed(read).size();
        events += parser.finish().size();
        benchmark::DoNotOptimize(events);
    }
    setStreamCounters(state, in);
}

// Baseline for the parser alone: what a simple client does to find the events — append each read
// to a buffer, cut at "\n\n", strip "data: " (no CRLF, comments, multi-line data or BOM handling).
void BM_NaiveSplit(benchmark::State& state, Shape shape, qsizetype readSize)
{
    const StreamInput& in = streamInput(shape, readSize);
    for (auto _ : state) {
        QByteArray buffer;
        QList<QByteArray> payloads;
        for (const QByteArray& read : in.reads) {
            buffer.append(read);
            qsizetype cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
                const QByteArray event = buffer.left(cut);
                buffer.remove(0, cut + 2);
                if (event.startsWith("data: "))
                    payloads.append(event.mid(6));
            }
        }
        benchmark::DoNotOptimize(payloads.size());
    }
    setStreamCounters(state, in);
}

// ---- 2. The whole stream path ----------------------------------------------------------------

void BM_StreamPath(benchmark::State& state, Shape shape, const char* modelName, qsizetype readSize)
{
    const StreamInput& in = streamInput(shape, readSize);
    const ModelInfo info = model(modelName);
    RunRequest run;
    run.model = info.id;
    run.upstreamStream = true;
    run.clientStream = true;
    run.maxTokens = 4096;
    const QString seed = QStringLiteral("bench");
    // Check once that the input decodes as intended, so a broken generator fails loudly.
    {
        StreamDecoder dec(info, run, seed);
        SseParser parser;
        for (const QByteArray& read : in.reads) {
            for (const SseParser::Event& e : parser.feed(read))
                dec.feed(e);
        }
        if (!dec.isFinished() || dec.result().content.isEmpty() || dec.malformedEvents() != 0
            || (shape != Shape::Legacy && dec.result().reasoning.isEmpty())) {
            std::fprintf(stderr, "%s: stream did not decode as expected\n", modelName);
            std::abort();
        }
    }
    for (auto _ : state) {
        StreamDecoder dec(info, run, seed);
        SseParser parser;
        qsizetype deltas = 0;
        for (const QByteArray& read : in.reads) {
            for (const SseParser::Event& e : parser.feed(read)) {
                const StreamDecoder::Output out = dec.feed(e);
                deltas += out.delta.isEmpty() ? 0 : 1;
            }
        }
        benchmark::DoNotOptimize(deltas);
        benchmark::DoNotOptimize(dec.result().content.size());
    }
    setStreamCounters(state, in);
}

// Baseline for the whole path on a legacy stream: naive split, then QJsonDocument::fromJson of each
// event and "response" appended to the reply (no think splitting, stops, usage quirks, or errors).
void BM_NaiveSplitJson(benchmark::State& state, Shape shape, qsizetype readSize)
{
    const StreamInput& in = streamInput(shape, readSize);
    for (auto _ : state) {
        QByteArray buffer;
        QString content;
        bool done = false;
        for (const QByteArray& read : in.reads) {
            buffer.append(read);
            qsizetype cut;
            while ((cut = buffer.indexOf("\n\n")) >= 0) {
                const QByteArray event = buffer.left(cut);
                buffer.remove(0, cut + 2);
                if (!event.startsWith("data: "))
                    continue;
                const QByteArray data = event.mid(6);
                if (data == "[DONE]") {
                    done = true;
                    continue;
                }
                const QJsonObject o = QJsonDocument::fromJson(data).object();
                content += o.value(QLatin1String("response")).toString();
            }
        }
        benchmark::DoNotOptimize(done);
        benchmark::DoNotOptimize(content.size());
    }
    setStreamCounters(state, in);
}

// ---- 4. Request translation ------------------------------------------------------------------

QString filler(std::mt19937& rng, int chars)
{
    QString s;
    while (s.size() < chars)
        s += QString::fromLatin1(word(rng));
    s.truncate(chars);
    return s;
}

// A 100-message conversation: a system prompt, user/assistant turns of ~200 characters, and four
// tool round trips (assistant tool_calls + tool result), with two tools defined.
QJsonObject conversationBody(const char* modelName)
{
    std::mt19937 rng(20240603);
    QJsonArray messages;
    messages.append(QJsonObject {
        {QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), filler(rng, 200)}});
    int call = 0;
    while (messages.size() < 100) {
        if (messages.size() % 24 == 21 && messages.size() + 3 <= 100) {
            const QString id = QStringLiteral("call_%1abc").arg(++call);
            messages.append(QJsonObject {
                {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), filler(rng, 200)}});
            messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                {QStringLiteral("content"), QJsonValue::Null},
                {QStringLiteral("tool_calls"),
                    QJsonArray {
                        QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("function")},
                            {QStringLiteral("function"),
                                QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                                    {QStringLiteral("arguments"),
                                        QStringLiteral("{\"city\":\"Paris\",\"unit\":\"c\"}")}}}}}}});
            messages.append(QJsonObject {{QStringLiteral("role"), QStringLiteral("tool")},
                {QStringLiteral("tool_call_id"), id}, {QStringLiteral("content"), filler(rng, 200)}});
            continue;
        }
        const bool user = messages.size() % 2 == 1;
        messages.append(
            QJsonObject {{QStringLiteral("role"), user ? QStringLiteral("user") : QStringLiteral("assistant")},
                {QStringLiteral("content"), filler(rng, 200)}});
    }
    const QJsonObject params {{QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("city"), QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}},
                {QStringLiteral("unit"), QJsonObject {{QStringLiteral("type"), QStringLiteral("string")}}}}},
        {QStringLiteral("required"), QJsonArray {QStringLiteral("city")}}};
    const QJsonArray tools {QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
                                {QStringLiteral("function"),
                                    QJsonObject {{QStringLiteral("name"), QStringLiteral("get_weather")},
                                        {QStringLiteral("description"), QStringLiteral("Current weather")},
                                        {QStringLiteral("parameters"), params}}}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("function")},
            {QStringLiteral("function"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("search")},
                    {QStringLiteral("description"), QStringLiteral("Web search")},
                    {QStringLiteral("parameters"), params}}}}};
    return QJsonObject {{QStringLiteral("model"), QString::fromLatin1(modelName)},
        {QStringLiteral("messages"), messages}, {QStringLiteral("tools"), tools}, {QStringLiteral("stream"), true},
        {QStringLiteral("max_tokens"), 1024}, {QStringLiteral("temperature"), 0.7}};
}

ChatRequest parsedRequest(const QJsonObject& body)
{
    ApiError error;
    std::optional<ChatRequest> r = ChatRequestReader::read(body, &error);
    if (!r || r->messages.size() != 100) {
        std::fprintf(stderr, "request did not parse: %s\n", qPrintable(error.message));
        std::abort();
    }
    return *r;
}

RunRequest translated(const ChatRequest& request, const ModelInfo& info)
{
    ApiError error;
    std::optional<RunRequest> run = RequestTranslator::translate(request, info, TranslateOptions(), &error);
    if (!run) {
        std::fprintf(stderr, "request did not translate: %s\n", qPrintable(error.message));
        std::abort();
    }
    return *run;
}

// The server's first step, for context: the HTTP body bytes → QJsonObject.
void BM_RequestBodyParse(benchmark::State& state, const char* modelName)
{
    const QByteArray bytes = QJsonDocument(conversationBody(modelName)).toJson(QJsonDocument::Compact);
    for (auto _ : state)
        benchmark::DoNotOptimize(QJsonDocument::fromJson(bytes).object().size());
    state.SetBytesProcessed(int64_t(state.iterations()) * bytes.size());
}

void BM_ChatRequestFromJson(benchmark::State& state, const char* modelName)
{
    const QJsonObject body = conversationBody(modelName);
    for (auto _ : state) {
        ApiError error;
        benchmark::DoNotOptimize(ChatRequestReader::read(body, &error));
    }
}

void BM_RequestTranslate(benchmark::State& state, const char* modelName)
{
    const ChatRequest request = parsedRequest(conversationBody(modelName));
    const ModelInfo info = model(modelName);
    for (auto _ : state) {
        ApiError error;
        benchmark::DoNotOptimize(RequestTranslator::translate(request, info, TranslateOptions(), &error));
    }
}

void BM_RequestFromJsonAndTranslate(benchmark::State& state, const char* modelName)
{
    const QJsonObject body = conversationBody(modelName);
    const ModelInfo info = model(modelName);
    for (auto _ : state) {
        ApiError error;
        const std::optional<ChatRequest> request = ChatRequestReader::read(body, &error);
        benchmark::DoNotOptimize(RequestTranslator::translate(*request, info, TranslateOptions(), &error));
    }
}

void BM_RunBodyToJson(benchmark::State& state, const char* modelName)
{
    const RunRequest run = translated(parsedRequest(conversationBody(modelName)), model(modelName));
    qsizetype size = 0;
    for (auto _ : state) {
        const QByteArray json = QJsonDocument(run.body).toJson(QJsonDocument::Compact);
        size = json.size();
        benchmark::DoNotOptimize(json.constData());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * size);
}

// ---- 5. Reply translation --------------------------------------------------------------------

QByteArray legacyReply()
{
    std::mt19937 rng(20240604);
    const QString text = filler(rng, 1500);
    const QJsonObject result {{QStringLiteral("response"), text}, {QStringLiteral("tool_calls"), QJsonArray()},
        {QStringLiteral("usage"),
            QJsonObject {{QStringLiteral("prompt_tokens"), 512}, {QStringLiteral("completion_tokens"), 330},
                {QStringLiteral("total_tokens"), 842}}}};
    return QJsonDocument(QJsonObject {{QStringLiteral("result"), result}, {QStringLiteral("success"), true},
                             {QStringLiteral("errors"), QJsonArray()}, {QStringLiteral("messages"), QJsonArray()}})
        .toJson(QJsonDocument::Compact);
}

QByteArray completionReply()
{
    std::mt19937 rng(20240605);
    const QJsonObject message {{QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), filler(rng, 1500)}, {QStringLiteral("reasoning_content"), filler(rng, 800)},
        {QStringLiteral("tool_calls"), QJsonArray()}};
    const QJsonObject result {{QStringLiteral("id"), QStringLiteral("chatcmpl-5f0c6a1e2b8d4c3fa9e7")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")}, {QStringLiteral("created"), 1767225600},
        {QStringLiteral("model"), QStringLiteral("@cf/zai-org/glm-4.7-flash")},
        {QStringLiteral("choices"),
            QJsonArray {QJsonObject {{QStringLiteral("index"), 0}, {QStringLiteral("message"), message},
                {QStringLiteral("logprobs"), QJsonValue::Null},
                {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
        {QStringLiteral("usage"),
            QJsonObject {{QStringLiteral("prompt_tokens"), 512}, {QStringLiteral("completion_tokens"), 520},
                {QStringLiteral("total_tokens"), 1032},
                {QStringLiteral("prompt_tokens_details"), QJsonObject {{QStringLiteral("cached_tokens"), 0}}}}}};
    return QJsonDocument(QJsonObject {{QStringLiteral("result"), result}, {QStringLiteral("success"), true},
                             {QStringLiteral("errors"), QJsonArray()}, {QStringLiteral("messages"), QJsonArray()}})
        .toJson(QJsonDocument::Compact);
}

const QByteArray& replyBody(bool completion)
{
    static const QByteArray legacy = legacyReply();
    static const QByteArray chat = completionReply();
    return completion ? chat : legacy;
}

void BM_ReplyTranslate(benchmark::State& state, bool completion, const char* modelName)
{
    const QByteArray& body = replyBody(completion);
    const ModelInfo info = model(modelName);
    RunRequest run;
    run.model = info.id;
    run.maxTokens = 2048;
    const QString seed = QStringLiteral("bench");
    ApiError error;
    const std::optional<ChatResult> check = ReplyTranslator::translate(body, info, run, seed, &error);
    if (!check || check->content.isEmpty() || (completion && check->reasoning.isEmpty())) {
        std::fprintf(stderr, "%s: reply did not translate: %s\n", modelName, qPrintable(error.message));
        std::abort();
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(ReplyTranslator::translate(body, info, run, seed, &error));
    state.SetBytesProcessed(int64_t(state.iterations()) * body.size());
}

// Baseline: the JSON parse of the same body alone, the floor any translation pays.
void BM_ReplyJsonParseOnly(benchmark::State& state, bool completion)
{
    const QByteArray& body = replyBody(completion);
    for (auto _ : state)
        benchmark::DoNotOptimize(QJsonDocument::fromJson(body).object().size());
    state.SetBytesProcessed(int64_t(state.iterations()) * body.size());
}

// ---- 6. Model catalog ------------------------------------------------------------------------

// Cold: what ModelCatalog::builtIn() does on its first call — read the resource, parse, index.
void BM_CatalogColdLoad(benchmark::State& state)
{
    for (auto _ : state) {
        QFile file(QStringLiteral(":/flarechat/models.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            state.SkipWithError("models.json resource missing");
            break;
        }
        std::optional<ModelCatalog> catalog = ModelCatalog::fromJson(file.readAll());
        benchmark::DoNotOptimize(catalog->resolve(QStringLiteral("llama-3.3-70b")).id.size());
    }
}

// Cached: every later builtIn() call (a shared copy of the parsed catalog) plus the lookup.
void BM_CatalogBuiltInResolve(benchmark::State& state)
{
    ModelCatalog::builtIn(); // parse outside the loop
    for (auto _ : state)
        benchmark::DoNotOptimize(ModelCatalog::builtIn().resolve(QStringLiteral("llama-3.3-70b")).id.size());
}

// A held catalog: just resolve(), for an alias typed in another case, an exact id and an unknown id.
void BM_CatalogResolve(benchmark::State& state, const char* name)
{
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QString key = QString::fromLatin1(name);
    for (auto _ : state)
        benchmark::DoNotOptimize(catalog.resolve(key).id.size());
}

} // namespace

BENCHMARK_CAPTURE(BM_SseParser, legacy_1460B_reads, Shape::Legacy, kTcpSegment);
BENCHMARK_CAPTURE(BM_NaiveSplit, legacy_1460B_reads, Shape::Legacy, kTcpSegment);
BENCHMARK_CAPTURE(BM_SseParser, legacy_16KiB_reads, Shape::Legacy, kBigRead);
BENCHMARK_CAPTURE(BM_NaiveSplit, legacy_16KiB_reads, Shape::Legacy, kBigRead);

BENCHMARK_CAPTURE(BM_StreamPath, llama_legacy_1460B, Shape::Legacy, "llama-3.3-70b", kTcpSegment);
BENCHMARK_CAPTURE(BM_NaiveSplitJson, legacy_1460B, Shape::Legacy, kTcpSegment);
BENCHMARK_CAPTURE(BM_StreamPath, llama_legacy_16KiB, Shape::Legacy, "llama-3.3-70b", kBigRead);
BENCHMARK_CAPTURE(BM_NaiveSplitJson, legacy_16KiB, Shape::Legacy, kBigRead);
BENCHMARK_CAPTURE(BM_StreamPath, glm_chunks_1460B, Shape::Chunks, "glm-4.7-flash", kTcpSegment);
BENCHMARK_CAPTURE(BM_StreamPath, deepseek_think_1460B, Shape::DeepSeek, "deepseek-r1", kTcpSegment);

BENCHMARK_CAPTURE(BM_RequestBodyParse, llama_100msg, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ChatRequestFromJson, llama_100msg, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RequestTranslate, llama_100msg, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RequestFromJsonAndTranslate, llama_100msg, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RequestFromJsonAndTranslate, mistral_100msg, "mistral-small-3.1")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_RunBodyToJson, llama_100msg, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);

BENCHMARK_CAPTURE(BM_ReplyTranslate, legacy_llama, false, "llama-3.3-70b")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReplyJsonParseOnly, legacy, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReplyTranslate, completion_glm, true, "glm-4.7-flash")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ReplyJsonParseOnly, completion, true)->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_CatalogColdLoad)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CatalogBuiltInResolve);
BENCHMARK_CAPTURE(BM_CatalogResolve, alias_mixed_case, "LLaMA-3.3-70B");
BENCHMARK_CAPTURE(BM_CatalogResolve, exact_id, "@cf/meta/llama-3.3-70b-instruct-fp8-fast");
BENCHMARK_CAPTURE(BM_CatalogResolve, unknown_cf_id, "@cf/example/not-in-catalog");

BENCHMARK_MAIN();
