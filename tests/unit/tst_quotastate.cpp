// QuotaState on an injected clock: which requests go out once an account's free daily allocation
// is spent (reference §6, §7), and what each outcome teaches.
#include "engine/QuotaState.h"
#include "workersai/UpstreamError.h"

#include <QTimeZone>
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace flarechat;
using Kind = QuotaState::Ticket::Kind;

namespace {

const QString kAccount = QStringLiteral("0123456789abcdef0123456789abcdef");
const QString kOther = QStringLiteral("fedcba9876543210fedcba9876543210");

QDateTime utc(int day, int h, int m, int s = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 12, day), QTime(h, m, s, ms), QTimeZone::utc());
}

ApiError quotaError(int code = 3036)
{
    return UpstreamError::fromReply(429,
        QByteArray(R"({"success":false,"errors":[{"code":)") + QByteArray::number(code)
            + R"(,"message":"You have used up your daily free allocation of 10,000 neurons."}]})",
        {});
}

} // namespace

class TestQuotaState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void admitsAnAccountNotKnownSpent();
    void quotaErrorRefusesUntilMidnight();
    void refusalCountsDownToTheReset();
    void textOnlyQuotaErrorCounts();
    void otherErrorsTeachNothing();
    void oneProbeEverySixtySeconds();
    void onlyOneProbeAtATime();
    void endedProbeWaitsForTheNextMinute();
    void probeSuccessClears();
    void spentAgainAfterAnUpgrade();
    void staleSuccessDoesNotClear();
    void staleFailureDoesNotMarkAgain();
    void resetClearsAtMidnight();
    void quotaErrorFromBeforeMidnightIsOld();
    void accountsAreSeparate();
    void onlyOneProbeAcrossThreads();

private:
    void spend(const QString& account = kAccount);

    QuotaState m_state;
    QDateTime m_now;
};

void TestQuotaState::init()
{
    m_state.clear();
    m_now = utc(1, 12, 0);
    m_state.setClock([this] { return m_now; });
}

void TestQuotaState::spend(const QString& account)
{
    const QuotaState::Ticket t = m_state.admit(account, nullptr);
    QVERIFY(t.isAdmitted());
    m_state.failed(t, quotaError());
    QVERIFY(m_state.isSpent(account));
}

void TestQuotaState::admitsAnAccountNotKnownSpent()
{
    ApiError error;
    const QuotaState::Ticket t = m_state.admit(kAccount, &error);
    QCOMPARE(t.kind, Kind::Admitted);
    QCOMPARE(t.account, kAccount);
    QCOMPARE(t.admittedAt, m_now);
    QVERIFY(!error.isValid());
    m_state.succeeded(t);
    QVERIFY(!m_state.isSpent(kAccount));
    QVERIFY(!m_state.resetAt(kAccount).isValid());
}

void TestQuotaState::quotaErrorRefusesUntilMidnight()
{
    spend();
    QCOMPARE(m_state.resetAt(kAccount), utc(2, 0, 0));
    ApiError error;
    const QuotaState::Ticket t = m_state.admit(kAccount, &error);
    QCOMPARE(t.kind, Kind::Refused);
    QCOMPARE(error.httpStatus, 429);
    QCOMPARE(error.type, QString(ErrorType::InsufficientQuota));
    QCOMPARE(error.code, QString(ErrorCode::InsufficientQuota));
    QCOMPARE(error.upstreamCode, 3036); // what Cloudflare said about this account
    QCOMPARE(error.retryAfterSeconds, 12 * 3600);
    QVERIFY2(error.message.contains(QLatin1String("2026-12-02T00:00:00Z")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("did not send")), qPrintable(error.message));
    QVERIFY(!UpstreamError::isRetryable(error));
    // A refused ticket's "outcome" teaches nothing.
    m_state.succeeded(t);
    QVERIFY(m_state.isSpent(kAccount));
}

void TestQuotaState::refusalCountsDownToTheReset()
{
    spend();
    ApiError error;
    m_now = utc(1, 18, 30, 0, 500); // 5 h 29 min 59.5 s to go: rounded up
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Probe); // a minute has passed: the probe
    m_now = utc(1, 18, 30, 0, 600);
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Refused);
    QCOMPARE(error.retryAfterSeconds, 5 * 3600 + 30 * 60);
    QVERIFY2(error.message.contains(QLatin1String("2026-12-02T00:00:00Z")), qPrintable(error.message));
    m_now = utc(1, 23, 59, 59, 999);
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Refused);
    QCOMPARE(error.retryAfterSeconds, 1);
    QVERIFY2(error.message.contains(QLatin1String("2026-12-02T00:00:00Z")), qPrintable(error.message));
}

void TestQuotaState::textOnlyQuotaErrorCounts()
{
    const QuotaState::Ticket t = m_state.admit(kAccount, nullptr);
    m_state.failed(t,
        UpstreamError::fromReply(
            429, R"({"error":{"message":"You have used up your daily free allocation","code":null}})", {}));
    QVERIFY(m_state.isSpent(kAccount));
    ApiError error;
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Refused);
    QCOMPARE(error.upstreamCode, 0);
    QCOMPARE(error.type, QString(ErrorType::InsufficientQuota));
}

void TestQuotaState::otherErrorsTeachNothing()
{
    for (const QByteArray& body :
        {QByteArray(R"({"errors":[{"code":3040,"message":"Capacity temporarily exceeded"}]})"),
            QByteArray(R"({"errors":[{"code":10000,"message":"Authentication error"}]})")}) {
        const QuotaState::Ticket t = m_state.admit(kAccount, nullptr);
        m_state.failed(t, UpstreamError::fromReply(body.contains("3040") ? 429 : 401, body, {}));
        QVERIFY(!m_state.isSpent(kAccount));
    }
    m_state.failed(m_state.admit(kAccount, nullptr), UpstreamError::network(QStringLiteral("refused")));
    QVERIFY(!m_state.isSpent(kAccount));

    // A probe that fails otherwise (a paid-only model, say) leaves the account spent.
    spend();
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    m_state.failed(probe,
        UpstreamError::fromReply(
            403, R"({"errors":[{"code":5035,"message":"This model requires a Workers Paid plan"}]})", {}));
    QVERIFY(m_state.isSpent(kAccount));
    m_now = m_now.addSecs(59);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
    m_now = m_now.addSecs(1);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Probe);
}

void TestQuotaState::oneProbeEverySixtySeconds()
{
    spend();
    m_now = utc(1, 12, 0, 59, 999);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
    m_now = utc(1, 12, 1);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    m_now = utc(1, 12, 1, 2);
    m_state.failed(probe, quotaError(4006)); // still spent
    QVERIFY(m_state.isSpent(kAccount));
    ApiError error;
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Refused);
    QCOMPARE(error.upstreamCode, 4006);
    m_now = utc(1, 12, 2, 1, 999); // 60 s after the probe's answer, not before
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
    m_now = utc(1, 12, 2, 2);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Probe);
}

void TestQuotaState::onlyOneProbeAtATime()
{
    spend();
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
    m_now = m_now.addSecs(300); // a slow probe: still the only one
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
    m_state.failed(probe, quotaError());
    m_now = m_now.addSecs(60);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Probe);
}

void TestQuotaState::endedProbeWaitsForTheNextMinute()
{
    spend();
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    m_now = m_now.addSecs(1);
    m_state.ended(probe); // cancelled: teaches nothing, the account stays spent
    QVERIFY(m_state.isSpent(kAccount));
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused); // at most one a minute
    m_now = m_now.addSecs(59);
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Probe);
}

void TestQuotaState::probeSuccessClears()
{
    spend();
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    m_state.succeeded(probe); // upgraded to Workers Paid
    QVERIFY(!m_state.isSpent(kAccount));
    QVERIFY(!m_state.resetAt(kAccount).isValid());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Admitted);
    m_state.succeeded(probe); // told twice (first token, then the whole reply): no harm
    QVERIFY(!m_state.isSpent(kAccount));
}

void TestQuotaState::spentAgainAfterAnUpgrade()
{
    // After an upgrade was seen, requests flow and teach again: a quota error marks the account
    // spent anew (its allocation and credits can run out again), and the next probe clears it.
    spend();
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    m_state.succeeded(probe);
    const QuotaState::Ticket later = m_state.admit(kAccount, nullptr);
    QCOMPARE(later.kind, Kind::Admitted);
    m_state.failed(later, quotaError()); // spent again (a free account used the new allocation up)
    QVERIFY(m_state.isSpent(kAccount));
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket again = m_state.admit(kAccount, nullptr);
    QCOMPARE(again.kind, Kind::Probe);
    m_state.succeeded(again);
    QVERIFY(!m_state.isSpent(kAccount));
}

void TestQuotaState::staleSuccessDoesNotClear()
{
    // A long reply admitted before the allocation ran out still finishes; it proves no upgrade.
    const QuotaState::Ticket longReply = m_state.admit(kAccount, nullptr);
    spend();
    m_state.succeeded(longReply);
    QVERIFY(m_state.isSpent(kAccount));
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Refused);
}

void TestQuotaState::staleFailureDoesNotMarkAgain()
{
    const QuotaState::Ticket old = m_state.admit(kAccount, nullptr);
    spend();
    m_now = m_now.addSecs(60);
    m_state.succeeded(m_state.admit(kAccount, nullptr)); // the probe: upgraded
    m_state.failed(old, quotaError()); // sent before the upgrade, answered after it
    QVERIFY(!m_state.isSpent(kAccount));
}

void TestQuotaState::resetClearsAtMidnight()
{
    spend();
    m_now = utc(1, 23, 59, 59, 999);
    QVERIFY(m_state.isSpent(kAccount));
    m_now = utc(2, 0, 0);
    QVERIFY(!m_state.isSpent(kAccount));
    QVERIFY(!m_state.resetAt(kAccount).isValid());
    ApiError error;
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Admitted);
    QCOMPARE(m_state.admit(kAccount, &error).kind, Kind::Admitted);
    QVERIFY(!error.isValid());
    // Spent again on the new day: until the next midnight.
    spend();
    QCOMPARE(m_state.resetAt(kAccount), utc(3, 0, 0));
}

void TestQuotaState::quotaErrorFromBeforeMidnightIsOld()
{
    m_now = utc(1, 23, 59, 50);
    const QuotaState::Ticket t = m_state.admit(kAccount, nullptr);
    m_now = utc(2, 0, 0, 5); // the answer arrives on the new day: that allocation is fresh
    m_state.failed(t, quotaError());
    QVERIFY(!m_state.isSpent(kAccount));
    QCOMPARE(m_state.admit(kAccount, nullptr).kind, Kind::Admitted);
}

void TestQuotaState::accountsAreSeparate()
{
    spend(kAccount);
    QCOMPARE(m_state.admit(kOther, nullptr).kind, Kind::Admitted); // another account, its own allocation
    QVERIFY(!m_state.isSpent(kOther));
    spend(kOther);
    m_now = m_now.addSecs(60);
    const QuotaState::Ticket probe = m_state.admit(kAccount, nullptr);
    QCOMPARE(probe.kind, Kind::Probe);
    QCOMPARE(m_state.admit(kOther, nullptr).kind, Kind::Probe); // each account has its own probe
    m_state.succeeded(probe);
    QVERIFY(!m_state.isSpent(kAccount));
    QVERIFY(m_state.isSpent(kOther));
}

void TestQuotaState::onlyOneProbeAcrossThreads()
{
    // The window's and the server's engines ask from different threads: one probe among them all.
    spend();
    m_now = m_now.addSecs(60);
    std::atomic<int> probes {0};
    std::atomic<int> refused {0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int n = 0; n < 500; ++n) {
                ApiError error;
                const QuotaState::Ticket t = m_state.admit(kAccount, &error);
                if (t.kind == Kind::Probe)
                    ++probes;
                else if (t.kind == Kind::Refused && error.code == ErrorCode::InsufficientQuota)
                    ++refused;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(probes.load(), 1);
    QCOMPARE(refused.load(), 4 * 500 - 1);
}

QTEST_GUILESS_MAIN(TestQuotaState)
#include "tst_quotastate.moc"
