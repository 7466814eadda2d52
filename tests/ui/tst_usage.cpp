// Today's neurons in the window, against the fake Workers AI over real sockets: the status bar's
// meter counts a reply and shows its breakdown; a 3036 reply (the free allocation used up) holds
// the message instead of failing it, the next one is held without reaching Cloudflare, and the
// held message goes out by itself once Workers AI answers again.
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "WindowFixture.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "config/EngineConfig.h"
#include "engine/Engine.h"
#include "engine/NeuronMeter.h"
#include "engine/QuotaState.h"
#include "transcript/TranscriptModel.h"
#include "usage/UsageBreakdown.h"
#include "usage/UsageMeter.h"
#include "workersai/UpstreamError.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QtTest>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestUsage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void meterCountsAReply();
    void usedUpHoldsTheMessageAndSendsItLater();
    void heldQuestionGoesOutAfterARestart();
    void warnsFromEightyPercent();
    void resetTimeIsLocalAndUtc();

private:
    void send(const QString& text);
    TranscriptModel* transcript() const { return m_f.window->chatPane()->transcript(); }
    UsageMeter* meter() const { return m_f.window->usageMeter(); }

    flarechat::test::WindowFixture m_f;
    QDateTime m_now;
};

void TestUsage::initTestCase()
{
    // Today's file from an earlier run of this test (XDG_DATA_HOME is the test's own folder).
    QFile::remove(EngineConfig::meter()->filePath());
    QCOMPARE(EngineConfig::meter()->usedToday(), 0.0);
}

void TestUsage::init()
{
    EngineConfig::quota()->clear();
    m_now = QDateTime::currentDateTimeUtc();
    EngineConfig::quota()->setClock([this] { return m_now; });
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
    m_f.fake->setFreePlan(true);
}

void TestUsage::cleanup()
{
    m_f.stop();
    EngineConfig::quota()->setClock({});
    EngineConfig::quota()->clear();
}

void TestUsage::send(const QString& text)
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestUsage::meterCountsAReply()
{
    const double before = EngineConfig::meter()->usedToday();
    QCOMPARE(meter()->level(), UsageMeter::Level::Normal);
    send(QStringLiteral("count me"));
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const TranscriptMessage& reply = transcript()->at(1);
    QVERIFY(reply.usage.valid);
    const std::optional<ModelInfo> model = m_f.window->engine()->catalog().find(reply.model);
    QVERIFY2(model, qPrintable(reply.model));
    const double expected = model->estimateNeurons(reply.usage.promptTokens, reply.usage.completionTokens);
    QVERIFY(expected > 0);
    QTRY_COMPARE(meter()->usedToday(), before + expected);
    // The fake bills from the same published prices: the estimate is Cloudflare's count.
    QVERIFY2(qAbs(m_f.fake->neuronsUsedToday() - expected) <= expected * 0.01,
        qPrintable(QStringLiteral("fake %1, estimate %2").arg(m_f.fake->neuronsUsedToday()).arg(expected)));
    QVERIFY2(meter()->text().contains(QLocale().toString(qRound64(before + expected))), qPrintable(meter()->text()));

    // The breakdown: the model's row and the day's sum.
    QTest::mouseClick(meter(), Qt::LeftButton);
    QTRY_VERIFY(meter()->breakdown() && meter()->breakdown()->isVisible());
    UsageBreakdown* breakdown = meter()->breakdown();
    bool found = false;
    for (int i = 0; i < breakdown->table()->topLevelItemCount(); ++i)
        found = found || breakdown->table()->topLevelItem(i)->toolTip(0) == model->id;
    QVERIFY(found);
    QVERIFY2(
        breakdown->summaryText().contains(QLocale().toString(qint64(10000))), qPrintable(breakdown->summaryText()));
    QVERIFY2(breakdown->resetLine().contains(QStringLiteral("UTC")), qPrintable(breakdown->resetLine()));
    breakdown->hide();
}

void TestUsage::usedUpHoldsTheMessageAndSendsItLater()
{
    ChatPane* pane = m_f.window->chatPane();
    ChatController* controller = pane->controller();
    m_f.fake->setNeuronsUsedToday(m_f.fake->dailyFreeNeurons()); // the next reply is a 429 / 3036
    send(QStringLiteral("first question"));
    QTRY_VERIFY(controller->isHeld());
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    // No error: the question stays, alone, and the window says why and until when.
    QCOMPARE(transcript()->rowCount(), 1);
    QVERIFY(pane->holdBar()->isVisible());
    const QString hold = pane->holdBar()->findChild<QLabel*>(QStringLiteral("holdText"))->text();
    QVERIFY2(hold.contains(QStringLiteral("used up until")), qPrintable(hold));
    QVERIFY(pane->composer()->isBusy());
    QTRY_COMPARE(meter()->level(), UsageMeter::Level::Exhausted);
    QVERIFY2(meter()->text().contains(QStringLiteral("used up until")), qPrintable(meter()->text()));
    QCOMPARE(meter()->exhaustedUntil(), UpstreamError::quotaResetAt(m_now));

    // Given up, then another question: held at once, without a request to Cloudflare.
    QTest::mouseClick(pane->holdBar()->findChild<QPushButton*>(QStringLiteral("holdCancel")), Qt::LeftButton);
    QVERIFY(!controller->isHeld());
    QVERIFY(!pane->holdBar()->isVisible());
    QVERIFY(!pane->composer()->isBusy());
    send(QStringLiteral("second question"));
    QTRY_VERIFY(controller->isHeld());
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    QCOMPARE(transcript()->rowCount(), 2);
    // Trying again before the quota state's next probe: still no request.
    controller->tryHeldNow();
    QVERIFY(controller->isHeld());
    QCOMPARE(m_f.fake->runRequests().size(), 1);

    // The account is upgraded; a minute on, the try is the probe, Workers AI answers, and the
    // held message is answered: the meter and the composer are back to normal.
    m_f.fake->setNeuronsUsedToday(0);
    m_now = m_now.addSecs(QuotaState::ProbeIntervalSeconds + 1);
    QTest::mouseClick(pane->holdBar()->findChild<QPushButton*>(QStringLiteral("holdTryNow")), Qt::LeftButton);
    QTRY_COMPARE(transcript()->rowCount(), 3);
    QTRY_COMPARE(transcript()->at(2).state, TranscriptMessage::State::Complete);
    QCOMPARE(m_f.fake->runRequests().size(), 2);
    QVERIFY(transcript()->at(2).content.contains(QStringLiteral("second question")));
    QVERIFY(!controller->isHeld());
    QVERIFY(!pane->holdBar()->isVisible());
    QTRY_COMPARE(meter()->level(), UsageMeter::Level::Normal);
    QVERIFY(!pane->composer()->isBusy());
}

// Quit while a question waits; started again after the reset (a new process: no quota state),
// the window asks it by itself, in its own conversation, and the answer is stored there.
void TestUsage::heldQuestionGoesOutAfterARestart()
{
    m_f.fake->setNeuronsUsedToday(m_f.fake->dailyFreeNeurons());
    send(QStringLiteral("waiting question"));
    ChatController* controller = m_f.window->chatPane()->controller();
    QTRY_VERIFY(controller->isHeld());
    const qint64 conversation = controller->currentConversation();
    QVERIFY(!m_f.settings->value(Settings::Key::HeldQuestion).toString().isEmpty());
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    m_f.closeWindow();

    m_f.fake->setNeuronsUsedToday(0); // the next day
    EngineConfig::quota()->clear();
    QVERIFY(m_f.openWindow());
    QTRY_COMPARE(m_f.fake->runRequests().size(), 2);
    ConversationStore* store = m_f.store.get();
    QTRY_VERIFY(store->activePath(conversation).size() == 2
        && store->activePath(conversation).constLast().content.contains(QStringLiteral("waiting question")));
    QTRY_VERIFY(m_f.settings->value(Settings::Key::HeldQuestion).toString().isEmpty());

    // Asked once: a later start has nothing to send.
    m_f.closeWindow();
    QVERIFY(m_f.openWindow());
    QTest::qWait(200);
    QCOMPARE(m_f.fake->runRequests().size(), 2);
}

void TestUsage::warnsFromEightyPercent()
{
    const double used = EngineConfig::meter()->usedToday();
    const double toWarning = NeuronMeter::FreeDailyNeurons * NeuronMeter::WarningFraction - used;
    if (toWarning > 0.5)
        EngineConfig::meter()->record(
            QStringLiteral("@cf/meta/llama-4-scout-17b-16e-instruct"), Usage {}, toWarning - 0.5);
    QTRY_COMPARE(meter()->level(), UsageMeter::Level::Normal);
    EngineConfig::meter()->record(QStringLiteral("@cf/meta/llama-4-scout-17b-16e-instruct"), Usage {}, 1);
    QTRY_COMPARE(meter()->level(), UsageMeter::Level::Warning);
    QCOMPARE(meter()->property("level").toString(), QStringLiteral("warning"));
}

void TestUsage::resetTimeIsLocalAndUtc()
{
    const QDateTime reset = QDateTime::fromString(QStringLiteral("2026-12-03T00:00:00Z"), Qt::ISODate);
    const QString text = UsageMeter::resetText(reset);
    QVERIFY2(text.contains(QStringLiteral("UTC")), qPrintable(text));
    QVERIFY2(text.contains(reset.toLocalTime().time().toString(QStringLiteral("HH:mm"))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("00:00 UTC")), qPrintable(text));
    QCOMPARE(UsageBreakdown::countdown(30), QStringLiteral("less than a minute"));
    QCOMPARE(UsageBreakdown::countdown(5 * 60 + 20), QStringLiteral("5 min"));
    QCOMPARE(UsageBreakdown::countdown(5 * 3600 + 12 * 60 + 7), QStringLiteral("5 h 12 min"));
}

QTEST_MAIN(TestUsage)
#include "tst_usage.moc"
