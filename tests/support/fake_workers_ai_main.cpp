// The fake Workers AI server as a program, for end-to-end tests that start real processes
// (`flarechat serve`, the official OpenAI SDKs, curl). Prints "PORT <n>" once listening and
// serves until terminated. Its catalog is compiled in (tests/support/fake_catalog.json).
//   fake-workers-ai [--port N] [--token-delay-ms N] [--first-byte-delay-ms N]
//                   [--free-plan] [--now ISO-8601-UTC] [--neurons-used N] [--daily-free-neurons N]
#include "FakeWorkersAi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

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
    QCommandLineOption freePlan(QStringLiteral("free-plan"),
        QStringLiteral("A Free plan account: paid-only models 403/5035, the daily free allocation enforced."));
    QCommandLineOption now(QStringLiteral("now"),
        QStringLiteral("The fake's clock, fixed (default: the real UTC time)."), QStringLiteral("iso"));
    QCommandLineOption used(QStringLiteral("neurons-used"), QStringLiteral("Neurons already spent today."),
        QStringLiteral("n"), QStringLiteral("0"));
    QCommandLineOption allowance(QStringLiteral("daily-free-neurons"), QStringLiteral("The daily free allocation."),
        QStringLiteral("n"), QStringLiteral("10000"));
    p.addOptions({port, tokenDelay, firstByte, freePlan, now, used, allowance});
    p.process(app);

    flarechat::test::FakeWorkersAi fake;
    fake.setTokenDelayMs(p.value(tokenDelay).toInt());
    fake.setFirstByteDelayMs(p.value(firstByte).toInt());
    fake.setFreePlan(p.isSet(freePlan));
    if (p.isSet(now)) {
        const QDateTime at = QDateTime::fromString(p.value(now), Qt::ISODate);
        if (!at.isValid()) {
            std::fprintf(stderr, "fake-workers-ai: --now needs an ISO 8601 date and time\n");
            return 2;
        }
        fake.setNow(at);
    }
    fake.setDailyFreeNeurons(p.value(allowance).toDouble());
    fake.setNeuronsUsedToday(p.value(used).toDouble());
    if (!fake.listen(static_cast<quint16>(p.value(port).toUInt()))) {
        std::fprintf(stderr, "fake-workers-ai: could not listen\n");
        return 1;
    }
    std::printf(
        "PORT %u\nACCOUNT %s\nTOKEN %s\n", fake.port(), qPrintable(fake.accountId()), fake.apiToken().constData());
    std::fflush(stdout);
    return app.exec();
}
