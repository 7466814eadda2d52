// The fake Workers AI server as a program, for end-to-end tests that start real processes
// (`flarechat serve`, the official OpenAI SDKs, curl). Prints "PORT <n>" once listening and
// serves until terminated.
//   fake-workers-ai [--port N] [--token-delay-ms N] [--first-byte-delay-ms N]
#include "FakeWorkersAi.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    QCommandLineOption port(
        QStringLiteral("port"), QStringLiteral("Port (0 = any free one)."), QStringLiteral("n"), QStringLiteral("0"));
    QCommandLineOption tokenDelay(QStringLiteral("token-delay-ms"), QStringLiteral("Delay between stream events."),
        QStringLiteral("ms"), QStringLiteral("0"));
    QCommandLineOption firstByte(QStringLiteral("first-byte-delay-ms"), QStringLiteral("Delay before each reply."),
        QStringLiteral("ms"), QStringLiteral("0"));
    p.addOptions({port, tokenDelay, firstByte});
    p.process(app);

    flarechat::test::FakeWorkersAi fake;
    fake.setTokenDelayMs(p.value(tokenDelay).toInt());
    fake.setFirstByteDelayMs(p.value(firstByte).toInt());
    if (!fake.listen(static_cast<quint16>(p.value(port).toUInt()))) {
        std::fprintf(stderr, "fake-workers-ai: could not listen\n");
        return 1;
    }
    std::printf(
        "PORT %u\nACCOUNT %s\nTOKEN %s\n", fake.port(), qPrintable(fake.accountId()), fake.apiToken().constData());
    std::fflush(stdout);
    return app.exec();
}
