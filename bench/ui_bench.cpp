// The window's speed and memory against issue 4's targets, in one run:
//   ui_bench --flarechat build/bench/app/flarechat --fake build/bench/tests/fake-workers-ai [--runs 10]
// 1. cold start: a new `flarechat` process until its window's first frame (FLARECHAT_STARTUP_PROBE),
//    with an empty database and with one holding 200 conversations;
// 2. idle RSS of that process 3 s after its first frame;
// 3. opening a 2,000-message conversation: openConversation() until the transcript is painted;
// 4. CPU use while a reply streams at 200 tokens/s (fake Workers AI in its own process);
// 5. RSS over 500 streamed replies (sampled every 50);
// 6. the cost of one streamed token when the reply is 3,000 and 30,000 characters long (the view
//    alone: a repaint per 13 tokens, as the model's throttle gives at 200 tokens/s).
// Prints Markdown tables; run under QT_QPA_PLATFORM=offscreen or Xvfb.
#include "MainWindow.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/ComposerEdit.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptDelegate.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace flarechat;

namespace {

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
}

double maxOf(const QList<double>& v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

qint64 statusKiB(qint64 pid, const QByteArray& field)
{
    QFile f(pid ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QString paragraph(int i)
{
    static const QStringList words = QStringLiteral(
        "the model streams tokens while the window keeps every message on disk and paints only what is "
        "visible so a long conversation opens quickly and scrolls without stalls")
                                         .split(QLatin1Char(' '));
    QString text;
    for (int w = 0; w < 50; ++w)
        text += words.at((i * 7 + w) % words.size()) + QLatin1Char(' ');
    return text;
}

QString assistantText(int i)
{
    QString text = QStringLiteral("## Answer %1\n\n").arg(i) + paragraph(i) + QStringLiteral("\n\n");
    if (i % 3 == 0)
        text += QStringLiteral("```cpp\nint add(int a, int b)\n{\n    return a + b; // %1\n}\n```\n\n").arg(i);
    if (i % 5 == 0)
        text += QStringLiteral("| a | b |\n|---|---|\n| %1 | %2 |\n\n").arg(i).arg(i * 2);
    return text + QStringLiteral("- one\n- two **bold** and `code`\n");
}

// Fills `store` with one conversation of `messages` messages; returns its id.
qint64 fillConversation(ConversationStore& store, int messages)
{
    const qint64 id = *store.createConversation();
    qint64 parent = 0;
    for (int i = 0; i < messages; ++i) {
        StoredMessage m;
        m.conversationId = id;
        m.parentId = parent;
        m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
        m.content = i % 2 ? assistantText(i) : paragraph(i).left(160);
        m.model = QStringLiteral("llama-4-scout");
        parent = *store.addMessage(m);
    }
    return id;
}

struct Fake
{
    QProcess process;
    QString port;
    QString account;
    QString token;

    bool start(const QString& program, int tokenDelayMs)
    {
        process.start(program, {QStringLiteral("--token-delay-ms"), QString::number(tokenDelayMs)});
        if (!process.waitForStarted(10000))
            return false;
        QByteArray out;
        while (!out.contains("TOKEN ") || !out.endsWith('\n')) {
            if (!process.waitForReadyRead(10000))
                return false;
            out += process.readAllStandardOutput();
        }
        for (const QByteArray& line : out.split('\n')) {
            const QString l = QString::fromUtf8(line);
            if (l.startsWith(QLatin1String("PORT ")))
                port = l.mid(5);
            else if (l.startsWith(QLatin1String("ACCOUNT ")))
                account = l.mid(8);
            else if (l.startsWith(QLatin1String("TOKEN ")))
                token = l.mid(6);
        }
        return !port.isEmpty();
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1/client/v4").arg(port); }
    ~Fake()
    {
        process.kill();
        process.waitForFinished();
    }
};

// One cold start; returns ms to the first frame (and idle RSS in KiB when `rssKiB` is set), -1 on failure.
double coldStart(const QString& flarechat, const QTemporaryDir& dir, const Fake& fake, const QString& db,
    qint64* rssKiB, double* wakeupsPerSecond = nullptr)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FLARECHAT_STARTUP_PROBE"), rssKiB ? QStringLiteral("print") : QStringLiteral("exit"));
    env.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), fake.token);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer clock;
    clock.start();
    p.start(flarechat,
        {QStringLiteral("--database"), db, QStringLiteral("--settings"), dir.filePath(QStringLiteral("flarechat.ini")),
            QStringLiteral("--api-base"), fake.base(), QStringLiteral("--account-id"), fake.account});
    QByteArray out;
    double ms = -1;
    while (p.waitForReadyRead(20000)) {
        out += p.readAllStandardOutput();
        if (out.contains("FLARECHAT_FIRST_FRAME")) {
            ms = double(clock.nsecsElapsed()) / 1e6;
            break;
        }
    }
    if (rssKiB && ms >= 0) {
        QTest::qWait(3000);
        *rssKiB = statusKiB(p.processId(), "VmRSS:");
        if (wakeupsPerSecond) {
            // Idle: every context switch of the process's threads is a wake-up (timers, sockets).
            const auto switches = [&] {
                qint64 n = 0;
                for (const QString& task : QDir(QStringLiteral("/proc/%1/task").arg(p.processId()))
                                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                    QFile f(QStringLiteral("/proc/%1/task/%2/status").arg(p.processId()).arg(task));
                    if (!f.open(QIODevice::ReadOnly))
                        continue;
                    for (const QByteArray& line : f.readAll().split('\n')) {
                        if (line.startsWith("voluntary_ctxt_switches:")
                            || line.startsWith("nonvoluntary_ctxt_switches:"))
                            n += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
                    }
                }
                return n;
            };
            QTest::qWait(ComposerEdit::CaretRestMs); // the caret stops blinking 10 s after the last input
            const qint64 before = switches();
            QTest::qWait(10000);
            *wakeupsPerSecond = double(switches() - before) / 10.0;
        }
        p.terminate();
    }
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
    }
    return ms;
}

// Runs the event loop (sleeping while idle, so CPU use is the application's own) until `done`.
void pumpUntil(const std::function<bool()>& done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (done())
        return;
    poll.start();
    loop.exec();
}

// A long reply as a model writes one: headings, paragraphs, lists, code, a table now and then.
QString longReply(int chars)
{
    QString text;
    for (int i = 0; text.size() < chars; ++i)
        text += assistantText(i) + QStringLiteral("\n");
    return text.left(chars);
}

// CPU microseconds per token while the reply in a view grows from `from` to `from + span`
// characters: 4 characters a token, 13 tokens between repaints.
double microsecondsPerToken(const QString& reply, int from, int span)
{
    TranscriptModel model;
    TranscriptMessage question;
    question.role = QStringLiteral("user");
    question.content = QStringLiteral("Write a long answer.");
    model.append(question);
    TranscriptMessage answer;
    answer.role = QStringLiteral("assistant");
    answer.state = TranscriptMessage::State::Streaming;
    const quint64 uid = model.append(answer);
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(900, 700);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return -1;
    model.appendDelta(uid, reply.left(from), {});
    model.flush();
    view.viewport()->repaint();
    QCoreApplication::processEvents();
    constexpr int charsPerToken = 4;
    constexpr int tokensPerRepaint = 13;
    const double cpu0 = cpuSeconds();
    int tokens = 0;
    for (int at = from; at < from + span; at += charsPerToken * tokensPerRepaint) {
        for (int t = 0; t < tokensPerRepaint; ++t)
            model.appendDelta(uid, reply.mid(at + t * charsPerToken, charsPerToken), {});
        tokens += tokensPerRepaint;
        model.flush();
        QCoreApplication::processEvents(); // the view's delayed layout
        view.viewport()->repaint();
    }
    return (cpuSeconds() - cpu0) * 1e6 / tokens;
}
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption flarechatOption(
        QStringLiteral("flarechat"), QStringLiteral("The flarechat binary."), QStringLiteral("path"));
    const QCommandLineOption fakeOption(
        QStringLiteral("fake"), QStringLiteral("The fake-workers-ai binary."), QStringLiteral("path"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Repetitions of timed steps."),
        QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption repliesOption(QStringLiteral("replies"), QStringLiteral("Replies for the memory run."),
        QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption tokensOnlyOption(QStringLiteral("tokens-only"),
        QStringLiteral("Only step 6 (the cost per streamed token), e.g. under a profiler."));
    parser.addOptions({flarechatOption, fakeOption, runsOption, repliesOption, tokensOnlyOption});
    parser.process(app);
    if (parser.isSet(tokensOnlyOption)) {
        const QString reply = longReply(31000);
        const int runs = qMax(1, parser.value(runsOption).toInt());
        for (int i = 0; i < runs; ++i) {
            std::printf("per token: %.0f µs at 3,000 chars, %.0f µs at 30,000 chars\n",
                microsecondsPerToken(reply, 2500, 1000), microsecondsPerToken(reply, 29500, 1000));
        }
        return 0;
    }
    if (!parser.isSet(flarechatOption) || !parser.isSet(fakeOption)) {
        std::fprintf(stderr, "ui_bench: --flarechat and --fake are required\n");
        return 2;
    }
    const int runs = qMax(1, parser.value(runsOption).toInt());
    const int replies = qMax(50, parser.value(repliesOption).toInt());

    QTemporaryDir dir;
    Fake fastFake;
    if (!fastFake.start(parser.value(fakeOption), 0)) {
        std::fprintf(stderr, "ui_bench: the fake did not start\n");
        return 1;
    }

    // 1 + 2: cold start and idle memory of the real binary.
    const QString emptyDb = dir.filePath(QStringLiteral("empty.sqlite"));
    const QString fullDb = dir.filePath(QStringLiteral("full.sqlite"));
    {
        ConversationStore full(fullDb);
        if (!full.open())
            return 1;
        for (int c = 0; c < 200; ++c)
            fillConversation(full, 20);
    }
    QList<double> startEmpty;
    QList<double> startFull;
    coldStart(parser.value(flarechatOption), dir, fastFake, emptyDb, nullptr); // warms the page cache
    for (int i = 0; i < runs; ++i) {
        startEmpty << coldStart(parser.value(flarechatOption), dir, fastFake, emptyDb, nullptr);
        startFull << coldStart(parser.value(flarechatOption), dir, fastFake, fullDb, nullptr);
    }
    QList<double> idleRss;
    QList<double> idleWakeups;
    for (int i = 0; i < 3; ++i) {
        qint64 rss = -1;
        double wakeups = -1;
        coldStart(parser.value(flarechatOption), dir, fastFake, fullDb, &rss, &wakeups);
        idleRss << double(rss) / 1024.0;
        idleWakeups << wakeups;
    }

    // 3: opening a 2,000-message conversation in this process's window.
    Settings settings(dir.filePath(QStringLiteral("bench.ini")));
    ConversationStore store(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!store.open())
        return 1;
    const qint64 longId = fillConversation(store, 2000);
    const qint64 shortId = fillConversation(store, 2);
    MainWindow window(&settings, &store);
    Endpoint endpoint;
    endpoint.kind = Endpoint::Kind::Custom;
    endpoint.customBase = QUrl(fastFake.base());
    endpoint.accountId = fastFake.account;
    endpoint.apiToken = fastFake.token;
    window.setEndpoint(endpoint);
    window.resize(1100, 760);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    ChatController* controller = window.chatPane()->controller();
    TranscriptView* view = window.chatPane()->transcriptView();
    QList<double> openMs;
    for (int i = 0; i < runs; ++i) {
        controller->openConversation(shortId);
        view->viewport()->repaint();
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        controller->openConversation(longId);
        view->viewport()->repaint(); // synchronous: layout of the visible rows and their painting
        openMs << double(clock.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
    }
    // Scrolling through it: a page down at a time, each repainted at once.
    QList<double> scrollMs;
    view->verticalScrollBar()->setValue(0);
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer clock;
        clock.start();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->value() + view->viewport()->height());
        view->viewport()->repaint();
        scrollMs << double(clock.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents();
    }

    // 4: CPU while a 2,000-token reply streams at 200 tokens/s.
    Fake slowFake;
    if (!slowFake.start(parser.value(fakeOption), 5))
        return 1;
    endpoint.customBase = QUrl(slowFake.base());
    endpoint.accountId = slowFake.account;
    endpoint.apiToken = slowFake.token;
    window.setEndpoint(endpoint);
    // The fake echoes the question: once one 6,700-character paragraph (the old row, a worst case:
    // the open block is the whole reply), once a Markdown reply of the same length as models write
    // them (headings, paragraphs, lists, code).
    TranscriptModel* transcript = window.chatPane()->transcript();
    const auto streamCpu = [&](const QString& question, int* chars) {
        controller->newConversation();
        controller->send(question);
        pumpUntil([&] { return transcript->rowCount() == 2 && !transcript->at(1).content.isEmpty(); }, 20000);
        const double cpu0 = cpuSeconds();
        QElapsedTimer streamClock;
        streamClock.start();
        pumpUntil([&] { return !controller->isBusy(); }, 120000);
        const double wall = double(streamClock.nsecsElapsed()) / 1e9;
        *chars = int(transcript->at(1).content.size());
        return 100.0 * (cpuSeconds() - cpu0) / qMax(1e-9, wall);
    };
    QString oneParagraph;
    for (int w = 0; w < 1000; ++w)
        oneParagraph += QStringLiteral("word%1 ").arg(w % 37);
    int streamedChars = 0;
    const double paragraphCpu = streamCpu(oneParagraph, &streamedChars);
    int markdownChars = 0;
    const double markdownCpu = streamCpu(longReply(6700), &markdownChars);

    // 5: memory over many replies (fast fake), sampled every 50.
    endpoint.customBase = QUrl(fastFake.base());
    endpoint.accountId = fastFake.account;
    endpoint.apiToken = fastFake.token;
    window.setEndpoint(endpoint);
    controller->newConversation();
    QList<QPair<int, double>> rssSamples;
    rssSamples << qMakePair(0, double(statusKiB(0, "VmRSS:")) / 1024.0);
    for (int i = 1; i <= replies; ++i) {
        if (i % 25 == 1)
            controller->newConversation(); // conversations of 25 exchanges, like real use
        controller->send(QStringLiteral("question %1: %2").arg(i).arg(paragraph(i)));
        pumpUntil([&] { return !controller->isBusy(); }, 30000);
        if (i % 50 == 0)
            rssSamples << qMakePair(i, double(statusKiB(0, "VmRSS:")) / 1024.0);
    }

    // 6: one token's cost at 3,000 and at 30,000 characters (median of the runs).
    const QString reply = longReply(31000);
    QList<double> shortReply;
    QList<double> longReplyCost;
    for (int i = 0; i < runs; ++i) {
        shortReply << microsecondsPerToken(reply, 2500, 1000);
        longReplyCost << microsecondsPerToken(reply, 29500, 1000);
    }

    std::printf("## Window (ui_bench, %d runs)\n\n", runs);
    std::printf("| measure | median | max | target |\n|---|---|---|---|\n");
    std::printf("| cold start to first frame, empty database | %.0f ms | %.0f ms | < 300 ms |\n", median(startEmpty),
        maxOf(startEmpty));
    std::printf("| cold start to first frame, 200 conversations | %.0f ms | %.0f ms | < 300 ms |\n", median(startFull),
        maxOf(startFull));
    std::printf(
        "| idle RSS 3 s after the first frame | %.1f MiB | %.1f MiB | < 80 MB |\n", median(idleRss), maxOf(idleRss));
    std::printf(
        "| wake-ups while idle (10 s from 13 s after the first frame, nothing changing) | %.1f /s | %.1f /s | 0 |\n",
        median(idleWakeups), maxOf(idleWakeups));
    std::printf("| open a 2,000-message conversation (to painted) | %.1f ms | %.1f ms | < 300 ms |\n", median(openMs),
        maxOf(openMs));
    std::printf("| scroll one page in it (to painted) | %.2f ms | %.2f ms | no stall (< 16 ms) |\n", median(scrollMs),
        maxOf(scrollMs));
    std::printf("| CPU while streaming 200 tokens/s, one %d-char paragraph | %.1f %% of a core | | < 25 %% |\n",
        streamedChars, paragraphCpu);
    std::printf("| CPU while streaming 200 tokens/s, a %d-char Markdown reply | %.1f %% of a core | | ≤ 8 %% |\n",
        markdownChars, markdownCpu);
    std::printf("| CPU per streamed token, reply at 3,000 chars | %.0f µs | %.0f µs | |\n", median(shortReply),
        maxOf(shortReply));
    std::printf("| CPU per streamed token, reply at 30,000 chars | %.0f µs (%.2f × the 3,000) | %.0f µs | ≤ 1.5 × |\n",
        median(longReplyCost), median(longReplyCost) / qMax(1e-9, median(shortReply)), maxOf(longReplyCost));
    std::printf("\nRSS over %d streamed replies (MiB):\n\n| replies |", replies);
    for (const auto& s : rssSamples)
        std::printf(" %d |", s.first);
    std::printf("\n|---|");
    for (qsizetype i = 0; i < rssSamples.size(); ++i)
        std::printf("---|");
    std::printf("\n| RSS |");
    for (const auto& s : rssSamples)
        std::printf(" %.1f |", s.second);
    std::printf("\n");
    return 0;
}
