// End-to-end benchmark of the local API server: the same fake Workers AI upstream called
// directly and through a real `flarechat serve` process, side by side in one run.
//   proxy_bench --flarechat build/bench/app/flarechat [--requests 400] [--streams 60] [--rounds 7]
// Prints a Markdown table: added latency (median, p99) for non-streaming requests, time to the
// first token of a 200-token stream, 64 concurrent streams vs one, and the server's peak RSS.
// The client is FlareChat's own HttpClient for both sides: like curl and the OpenAI SDKs it
// reads responses in bulk (Qt 6.4's QNetworkAccessManager reads header and chunk-size lines a
// byte per system call, which would count the benchmark's own client against the server).
#include "FakeWorkersAi.h"
#include "http/HttpClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using flarechat::test::FakeWorkersAi;

namespace {

const QByteArray kKey = "sk-flarechat-benchkey0000000000000000000000000000";

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i = qMin<qsizetype>(v.size() - 1, qsizetype(p * (v.size() - 1) + 0.5));
    return v.at(i);
}

struct Target
{
    QUrl url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// Sends one request and waits for the whole reply; returns ms to completion (or to the first
// content byte when firstToken is set), -1 on error. A stream is read to its end even when only
// its first token is timed: cut off, the server would still be sending (and the upstream
// connection would be dropped and reopened) while the next request is measured.
double timeRequest(flarechat::HttpClient& client, const Target& t, bool firstToken)
{
    QNetworkRequest req(t.url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto& h : t.headers)
        req.setRawHeader(h.first, h.second);
    QElapsedTimer clock;
    clock.start();
    flarechat::HttpClientReply* reply = client.post(req, t.body);
    double result = -1;
    QByteArray seen;
    QEventLoop loop;
    QObject::connect(reply, &flarechat::HttpClientReply::readyRead, &loop, [&] {
        if (!firstToken || result >= 0)
            return;
        seen += reply->readAll();
        // The first event that carries text: legacy {"response":"You"}, an OpenAI chat delta, an
        // Anthropic text_delta or a Responses output_text delta.
        if (seen.contains("\"response\":\"Y") || seen.contains("\"content\":\"Y") || seen.contains("\"text\":\"Y")
            || seen.contains("\"delta\":\"Y")) {
            result = clock.nsecsElapsed() / 1e6;
        }
    });
    QObject::connect(reply, &flarechat::HttpClientReply::finished, &loop, [&] {
        const bool ok = reply->error() == QNetworkReply::NoError && reply->status() == 200;
        if (!firstToken)
            result = ok ? clock.nsecsElapsed() / 1e6 : -1;
        else if (!ok)
            result = -1;
        loop.quit();
    });
    loop.exec();
    reply->abort();
    reply->deleteLater();
    return result;
}

struct ConcurrentRun
{
    double wallMs = 0;
    double lastFirstTokenMs = 0; // when the slowest stream got its first token
    int errors = 0;
};

// Runs n streams at once, a connection each.
ConcurrentRun concurrent(flarechat::HttpClient& client, const Target& t, int n)
{
    ConcurrentRun run;
    int done = 0;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    for (int i = 0; i < n; ++i) {
        QNetworkRequest req(t.url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (const auto& h : t.headers)
            req.setRawHeader(h.first, h.second);
        flarechat::HttpClientReply* r = client.post(req, t.body);
        auto body = std::make_shared<QByteArray>();
        QObject::connect(r, &flarechat::HttpClientReply::readyRead, &loop, [&, r, body] {
            const bool first = !body->contains("\"content\":\"") && !body->contains("\"response\":\"");
            *body += r->readAll();
            if (first && (body->contains("\"content\":\"") || body->contains("\"response\":\"")))
                run.lastFirstTokenMs = qMax(run.lastFirstTokenMs, clock.nsecsElapsed() / 1e6);
        });
        QObject::connect(r, &flarechat::HttpClientReply::finished, &loop, [&, r, body] {
            *body += r->readAll();
            if (r->error() != QNetworkReply::NoError || !body->contains("[DONE]"))
                ++run.errors;
            r->deleteLater();
            if (++done == n)
                loop.quit();
        });
    }
    loop.exec();
    run.wallMs = clock.nsecsElapsed() / 1e6;
    return run;
}

QJsonObject chatBody(const QString& text, bool stream, int maxTokens)
{
    return QJsonObject {{QStringLiteral("model"), QStringLiteral("llama-3.3-70b")}, {QStringLiteral("stream"), stream},
        {QStringLiteral("max_tokens"), maxTokens},
        {QStringLiteral("messages"),
            QJsonArray {
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), text}}}}};
}

qint64 peakRssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    QCommandLineOption exe(
        QStringLiteral("flarechat"), QStringLiteral("Path of the flarechat binary."), QStringLiteral("path"));
    QCommandLineOption requests(QStringLiteral("requests"), QStringLiteral("Non-streaming requests per side."),
        QStringLiteral("n"), QStringLiteral("400"));
    QCommandLineOption streams(QStringLiteral("streams"), QStringLiteral("Streams per side for time to first token."),
        QStringLiteral("n"), QStringLiteral("60"));
    QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Rounds of the 1 and 64 concurrent streams."),
        QStringLiteral("n"), QStringLiteral("7"));
    p.addOptions({exe, requests, streams, rounds});
    p.process(app);
    if (!p.isSet(exe)) {
        std::fprintf(stderr, "proxy_bench: --flarechat PATH is required\n");
        return 2;
    }

    FakeWorkersAi fake;
    if (!fake.listen())
        return 1;
    QTemporaryDir home;
    QProcess serve;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), fake.accountId());
    env.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QString::fromLatin1(fake.apiToken()));
    env.insert(QStringLiteral("FLARECHAT_API_KEYS"), QString::fromLatin1(kKey));
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"})
        env.insert(QLatin1String(var), home.path());
    serve.setProcessEnvironment(env);
    serve.start(p.value(exe),
        {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--no-keychain"),
            QStringLiteral("--api-base"), fake.baseUrl().toString(), QStringLiteral("--settings"),
            home.filePath(QStringLiteral("settings.ini"))});
    quint16 port = 0;
    QElapsedTimer wait;
    wait.start();
    QByteArray out;
    while (port == 0 && wait.elapsed() < 10000) {
        serve.waitForReadyRead(100);
        QCoreApplication::processEvents();
        out += serve.readAllStandardOutput();
        const qsizetype at = out.indexOf("127.0.0.1:");
        if (at >= 0)
            port = static_cast<quint16>(out.mid(at + 10, out.indexOf('/', at + 10) - at - 10).toUInt());
    }
    if (port == 0) {
        std::fprintf(
            stderr, "proxy_bench: flarechat serve did not start: %s\n", serve.readAllStandardError().constData());
        return 1;
    }

    const auto run = [&](const QString& text, bool stream, int maxTokens) {
        Target direct {QUrl(fake.baseUrl().toString() + QStringLiteral("/accounts/") + fake.accountId()
                           + QStringLiteral("/ai/run/@cf/meta/llama-3.3-70b-instruct-fp8-fast")),
            QJsonDocument(QJsonObject {{QStringLiteral("messages"),
                                           chatBody(text, stream, maxTokens).value(QStringLiteral("messages"))},
                              {QStringLiteral("max_tokens"), maxTokens}, {QStringLiteral("stream"), stream}})
                .toJson(QJsonDocument::Compact),
            {{"Authorization", "Bearer " + fake.apiToken()}}};
        Target proxied {QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port)),
            QJsonDocument(chatBody(text, stream, maxTokens)).toJson(QJsonDocument::Compact),
            {{"Authorization", "Bearer " + kKey}}};
        return qMakePair(direct, proxied);
    };

    flarechat::HttpClient client; // one client, its connections kept alive (one per side)
    // 1. Non-streaming latency, interleaved so both sides share the machine's noise.
    const auto small = run(QStringLiteral("hello"), false, 16);
    QList<double> d1, p1;
    for (int i = 0; i < 20; ++i) { // warm-up: connections, caches
        timeRequest(client, small.first, false);
        timeRequest(client, small.second, false);
    }
    const int n = p.value(requests).toInt();
    int errors = 0;
    for (int i = 0; i < n; ++i) {
        const double a = timeRequest(client, small.first, false);
        const double b = timeRequest(client, small.second, false);
        if (a < 0 || b < 0) {
            ++errors;
            continue;
        }
        d1 << a;
        p1 << b;
    }
    // 2. Time to first token of a 200-token stream.
    QStringList words;
    for (int i = 0; i < 197; ++i)
        words << QStringLiteral("w%1").arg(i);
    const auto longStream = run(words.join(QLatin1Char(' ')), true, 400);
    // The same stream on the agents' faces, Anthropic Messages and OpenAI Responses, interleaved
    // with the chat endpoint's so all three share the machine's noise.
    const QString longText = words.join(QLatin1Char(' '));
    const QJsonArray userTurn {
        QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), longText}}};
    const Target messages {QUrl(QStringLiteral("http://127.0.0.1:%1/v1/messages").arg(port)),
        QJsonDocument(QJsonObject {{QStringLiteral("model"), QStringLiteral("llama-3.3-70b")},
                          {QStringLiteral("max_tokens"), 400}, {QStringLiteral("stream"), true},
                          {QStringLiteral("messages"), userTurn}})
            .toJson(QJsonDocument::Compact),
        {{"x-api-key", kKey}, {"anthropic-version", "2023-06-01"}}};
    const Target responses {QUrl(QStringLiteral("http://127.0.0.1:%1/v1/responses").arg(port)),
        QJsonDocument(QJsonObject {{QStringLiteral("model"), QStringLiteral("llama-3.3-70b")},
                          {QStringLiteral("max_output_tokens"), 400}, {QStringLiteral("stream"), true},
                          {QStringLiteral("input"), longText}})
            .toJson(QJsonDocument::Compact),
        {{"Authorization", "Bearer " + kKey}}};
    QList<double> d2, p2, m2, r2;
    for (int i = 0; i < p.value(streams).toInt(); ++i) {
        d2 << timeRequest(client, longStream.first, true);
        p2 << timeRequest(client, longStream.second, true);
        m2 << timeRequest(client, messages, true);
        r2 << timeRequest(client, responses, true);
    }
    // 3. 64 concurrent streams against one, with a model that takes ~200 ms per reply.
    fake.setTokenDelayMs(10);
    const auto twenty = run(QStringLiteral("one two three four five six seven eight nine ten eleven twelve thirteen "
                                           "fourteen fifteen sixteen seventeen"),
        true, 64);
    // Interleaved rounds, medians: one round is a single sample of a noisy machine.
    QList<double> oneD, oneP, manyD, manyP, lastD, lastP;
    int manyErrorsD = 0, manyErrorsP = 0;
    for (int round = 0; round < p.value(rounds).toInt(); ++round) {
        oneD << concurrent(client, twenty.first, 1).wallMs;
        oneP << concurrent(client, twenty.second, 1).wallMs;
        const ConcurrentRun d = concurrent(client, twenty.first, 64);
        const ConcurrentRun x = concurrent(client, twenty.second, 64);
        manyD << d.wallMs;
        manyP << x.wallMs;
        lastD << d.lastFirstTokenMs;
        lastP << x.lastFirstTokenMs;
        manyErrorsD += d.errors;
        manyErrorsP += x.errors;
    }
    const qint64 rss = peakRssKiB(serve.processId());

    std::printf("| measure | direct to fake | through flarechat serve | added |\n|---|---|---|---|\n");
    std::printf("| non-stream latency, median (n=%d) | %.3f ms | %.3f ms | %.3f ms |\n", int(d1.size()),
        percentile(d1, 0.5), percentile(p1, 0.5), percentile(p1, 0.5) - percentile(d1, 0.5));
    std::printf("| non-stream latency, p99 | %.3f ms | %.3f ms | %.3f ms |\n", percentile(d1, 0.99),
        percentile(p1, 0.99), percentile(p1, 0.99) - percentile(d1, 0.99));
    std::printf("| time to first token, 200-token stream, median (n=%d) | %.3f ms | %.3f ms | %.3f ms |\n",
        int(d2.size()), percentile(d2, 0.5), percentile(p2, 0.5), percentile(p2, 0.5) - percentile(d2, 0.5));
    std::printf("| time to first token, the same stream on /v1/messages, median | | %.3f ms | %+.3f ms vs chat |\n",
        percentile(m2, 0.5), percentile(m2, 0.5) - percentile(p2, 0.5));
    std::printf("| time to first token, the same stream on /v1/responses, median | | %.3f ms | %+.3f ms vs chat |\n",
        percentile(r2, 0.5), percentile(r2, 0.5) - percentile(p2, 0.5));
    const int nr = int(oneD.size());
    std::printf("| 1 stream of ~17 tokens at 10 ms/token, wall, median (n=%d) | %.1f ms | %.1f ms | ratio: %.3f |\n",
        nr, percentile(oneD, 0.5), percentile(oneP, 0.5), percentile(oneP, 0.5) / percentile(oneD, 0.5));
    std::printf("| 64 concurrent such streams, wall, median (n=%d) | %.1f ms (%d errors) | %.1f ms (%d errors) | "
                "ratio: %.3f |\n",
        nr, percentile(manyD, 0.5), manyErrorsD, percentile(manyP, 0.5), manyErrorsP,
        percentile(manyP, 0.5) / percentile(manyD, 0.5));
    std::printf("| 64 concurrent vs 1 stream, wall ratio | %.2f | %.2f | |\n",
        percentile(manyD, 0.5) / percentile(oneD, 0.5), percentile(manyP, 0.5) / percentile(oneP, 0.5));
    std::printf("| 64 concurrent, last stream's first token, median | %.1f ms | %.1f ms | %.1f ms |\n",
        percentile(lastD, 0.5), percentile(lastP, 0.5), percentile(lastP, 0.5) - percentile(lastD, 0.5));
    std::printf("| 64 concurrent, requests/s | %.0f | %.0f | |\n", 64000.0 / percentile(manyD, 0.5),
        64000.0 / percentile(manyP, 0.5));
    std::printf("| flarechat serve peak RSS | | %.1f MiB | |\n", rss / 1024.0);
    std::printf(
        "\nnon-stream request errors: %d; upstream peak concurrency: %d\n", errors, fake.maxConcurrentRequests());

    serve.terminate();
    serve.waitForFinished(5000);
    return 0;
}
