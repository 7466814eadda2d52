// The chat window end to end against the fake Workers AI server over real sockets: typing and
// Enter streams a reply into the transcript, Stop and Esc cancel the upstream request, DeepSeek's
// reasoning lands in the Thinking block, upstream errors show with Retry and give the text back.
#include "ConversationSidebar.h"
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "WindowFixture.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ConversationOptions.h"
#include "chat/ModelPicker.h"
#include "chat/ReplyRequest.h"
#include "engine/Engine.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleHints>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestChatWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void enterSendsAndReplyStreams();
    void shiftEnterAddsNewline();
    void historyReachesTheModel();
    void stopCancelsUpstream_data();
    void stopCancelsUpstream();
    void deepSeekShowsThinking();
    void errorShowsRetryAndRestoresDraft();
    void modelPickerListsAliases();
    void optionsReachTheRequest();
    void optionWidgetsReachTheRequest();
    void conversationsKeepTheirMessages();
    void retiredModelIsAnsweredByItsReplacement();
    void eachConversationKeepsItsPromptCache();
    void idleCaretStopsBlinking();

private:
    void send(const QString& text, int replyRow);
    void type(const QString& text);
    TranscriptModel* transcript() const { return m_f.window->chatPane()->transcript(); }

    flarechat::test::WindowFixture m_f;
};

void TestChatWindow::init()
{
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
    new QAbstractItemModelTester(
        transcript(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_f.window.get());
}

void TestChatWindow::cleanup()
{
    m_f.stop();
}

void TestChatWindow::type(const QString& text)
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

void TestChatWindow::send(const QString& text, int replyRow)
{
    type(text);
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(replyRow).state, TranscriptMessage::State::Complete);
}

void TestChatWindow::enterSendsAndReplyStreams()
{
    type(QStringLiteral("hello there"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QCOMPARE(m_f.window->chatPane()->composer()->text(), QString()); // sent: the box is empty
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(0).content, QStringLiteral("hello there"));
    QVERIFY(m_f.window->chatPane()->composer()->isBusy());
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: hello there"));
    QVERIFY(transcript()->at(1).usage.valid);
    QVERIFY(!m_f.window->chatPane()->composer()->isBusy());
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    QVERIFY(m_f.fake->lastRequest().json.value(QStringLiteral("stream")).toBool());
    const QString meta = transcript()->data(transcript()->index(1), TranscriptModel::MetaRole).toString();
    QVERIFY2(meta.contains(QStringLiteral("tokens")), qPrintable(meta));
}

void TestChatWindow::shiftEnterAddsNewline()
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    type(QStringLiteral("line one"));
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(edit, QStringLiteral("line two"));
    QCOMPARE(edit->toPlainText(), QStringLiteral("line one\nline two"));
    QCOMPARE(transcript()->rowCount(), 0);
}

void TestChatWindow::historyReachesTheModel()
{
    type(QStringLiteral("first"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    type(QStringLiteral("second"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(3).state, TranscriptMessage::State::Complete);
    const QJsonArray messages = m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0)[QStringLiteral("role")].toString(), QStringLiteral("user"));
    QCOMPARE(messages.at(1)[QStringLiteral("role")].toString(), QStringLiteral("assistant"));
    QCOMPARE(messages.at(1)[QStringLiteral("content")].toString(), QStringLiteral("You said: first"));
    QCOMPARE(messages.at(2)[QStringLiteral("content")].toString(), QStringLiteral("second"));
}

void TestChatWindow::stopCancelsUpstream_data()
{
    QTest::addColumn<bool>("useEscape");
    QTest::newRow("stop button") << false;
    QTest::newRow("escape") << true;
}

void TestChatWindow::stopCancelsUpstream()
{
    QFETCH(bool, useEscape);
    m_f.fake->setTokenDelayMs(100);
    type(QStringLiteral("tell me a long story about the sea and the wind"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_VERIFY(!transcript()->at(1).content.isEmpty());
    QVERIFY(m_f.window->chatPane()->composer()->stopButton()->isVisible());
    if (useEscape)
        QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Escape);
    else
        QTest::mouseClick(m_f.window->chatPane()->composer()->stopButton(), Qt::LeftButton);
    // At once: the reply is marked stopped and the box is ready for the next message.
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Interrupted);
    QVERIFY(!m_f.window->chatPane()->composer()->isBusy());
    const QString partial = transcript()->at(1).content;
    const QString whole = QStringLiteral("You said: tell me a long story about the sea and the wind");
    QVERIFY2(whole.startsWith(partial) && partial.size() < whole.size(), qPrintable(partial));
    QTRY_COMPARE(m_f.fake->abortedByClient(), 1); // the fake saw the connection close: nothing more comes over it

    // Nothing arrives after Stop: not what was still queued in the event loop, nor what would
    // wait for the transcript's next flush...
    bool drained = false;
    QMetaObject::invokeMethod(
        m_f.window.get(), [&drained] { drained = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(drained);
    transcript()->flush();
    QCOMPARE(transcript()->at(1).content, partial);
    // ...nor in what the store kept of the reply: the next message reloads the transcript from
    // the store, and its reply completing means the window has run everything queued before.
    m_f.fake->setTokenDelayMs(0);
    type(QStringLiteral("and then?"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->rowCount(), 4);
    QTRY_COMPARE(transcript()->at(3).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(3).content, QStringLiteral("You said: and then?"));
    QCOMPARE(transcript()->at(1).content, partial);
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Interrupted);
}

void TestChatWindow::deepSeekShowsThinking()
{
    m_f.window->chatPane()->modelPicker()->setCurrentModel(QStringLiteral("deepseek-r1"));
    Q_EMIT m_f.window->chatPane()->modelPicker()->activated(m_f.window->chatPane()->modelPicker()->currentIndex());
    type(QStringLiteral("what is 2+2"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const TranscriptMessage& reply = transcript()->at(1);
    QVERIFY2(!reply.reasoning.isEmpty(), "reasoning goes to the Thinking block");
    QVERIFY(!reply.content.isEmpty());
    QVERIFY2(!reply.content.contains(QStringLiteral("</think>")), qPrintable(reply.content));
    QVERIFY(!reply.reasoning.contains(QStringLiteral("</think>")));
    QVERIFY(!reply.thinkingExpanded()); // collapsed once the answer is there
    QVERIFY(reply.reasoningMs >= 0);
    QCOMPARE(reply.model, QStringLiteral("deepseek-r1"));
    QVERIFY(
        m_f.window->chatPane()->transcriptView()->actionRect(1, TranscriptDelegate::Action::ToggleThinking).isValid());
}

void TestChatWindow::errorShowsRetryAndRestoresDraft()
{
    // An error the job does not retry and that holds nothing back: a spent daily allocation (429)
    // would rightly hold the retry too (QuotaState), until the next minute's probe.
    m_f.fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::PaidOnly));
    type(QStringLiteral("are you there?"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Error);
    const QString error = transcript()->at(1).error;
    QVERIFY2(error.contains(QStringLiteral("403")), qPrintable(error));
    QVERIFY2(error.size() > 20, qPrintable(error));
    // Nothing typed is lost.
    QCOMPARE(m_f.window->chatPane()->composer()->text(), QStringLiteral("are you there?"));

    TranscriptView* view = m_f.window->chatPane()->transcriptView();
    QRect retry;
    QTRY_VERIFY((retry = view->actionRect(1, TranscriptDelegate::Action::Retry)).isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, retry.center());
    QTRY_COMPARE(transcript()->rowCount(), 2);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: are you there?"));
    QCOMPARE(m_f.window->chatPane()->composer()->text(), QString()); // asked again: no leftover draft
}

void TestChatWindow::modelPickerListsAliases()
{
    ModelPicker* picker = m_f.window->chatPane()->modelPicker();
    QStringList names;
    for (int i = 0; i < picker->count(); ++i)
        names << picker->itemData(i, ModelPicker::NameRole).toString();
    // The seed's names first; gemma-3 was retired on 2026-05-30 and is no longer offered (requests
    // for it run on Gemma 4, which the picker lists).
    const QStringList aliases {QStringLiteral("deepseek-r1"), QStringLiteral("gpt-oss-120b"),
        QStringLiteral("gpt-oss-20b"), QStringLiteral("llama-4-scout"), QStringLiteral("qwen2.5-coder")};
    QCOMPARE(names.mid(0, 5), aliases);
    QVERIFY(!names.contains(QStringLiteral("gemma-3")));
    QVERIFY(names.contains(QStringLiteral("gemma-4")));
    const int kimi = picker->findData(QStringLiteral("kimi-k2.6"), ModelPicker::NameRole);
    QVERIFY(picker->itemText(kimi).contains(QStringLiteral("Workers Paid")));
    QVERIFY(!picker->itemText(kimi).contains(QStringLiteral("free")));
    // Free models say so, with a rough price of a reply from the catalog's prices.
    const int llama = picker->findData(QStringLiteral("llama-3.3-70b"), ModelPicker::NameRole);
    QVERIFY(llama >= 0);
    QVERIFY2(picker->itemText(llama).contains(QStringLiteral(" · free · ~")), qPrintable(picker->itemText(llama)));
    const ModelInfo llamaInfo = *m_f.window->engine()->catalog().find(QStringLiteral("llama-3.3-70b"));
    const double perReply
        = llamaInfo.estimateNeurons(ModelPicker::TypicalPromptTokens, ModelPicker::TypicalReplyTokens);
    QVERIFY(perReply > 0);
    QVERIFY2(picker->itemText(llama).contains(
                 QStringLiteral("~%1 neurons a reply").arg(QLocale().toString(qRound64(perReply)))),
        qPrintable(picker->itemText(llama)));
    QVERIFY(picker->itemData(llama, Qt::ToolTipRole).toString().contains(QStringLiteral("such replies")));
    QVERIFY(names.size() > 10);
    const int deepseek = picker->findData(QStringLiteral("deepseek-r1"), ModelPicker::NameRole);
    QVERIFY(picker->itemText(deepseek).contains(QStringLiteral("reasoning")));
    QVERIFY(picker->itemText(deepseek).contains(QStringLiteral("context")));
    const int scout = picker->findData(QStringLiteral("llama-4-scout"), ModelPicker::NameRole);
    QVERIFY(picker->itemText(scout).contains(QStringLiteral("vision")));
    QVERIFY(picker->itemText(scout).contains(QStringLiteral("tools")));
}

void TestChatWindow::optionsReachTheRequest()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    controller->setSystemPrompt(QStringLiteral("Answer briefly."));
    controller->setParameters(QJsonObject {{QStringLiteral("temperature"), 0.3}, {QStringLiteral("max_tokens"), 50}});
    type(QStringLiteral("hi"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const QJsonObject body = m_f.fake->lastRequest().json;
    QCOMPARE(body.value(QStringLiteral("messages")).toArray().at(0)[QStringLiteral("role")].toString(),
        QStringLiteral("system"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.3);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 50);
}

void TestChatWindow::optionWidgetsReachTheRequest()
{
    ChatPane* pane = m_f.window->chatPane();
    pane->modelPicker()->setCurrentModel(QStringLiteral("gpt-oss-120b"));
    Q_EMIT pane->modelPicker()->activated(pane->modelPicker()->currentIndex());
    auto* optionsButton = pane->findChild<QToolButton*>(QStringLiteral("optionsButton"));
    QVERIFY(optionsButton);
    QTest::mouseClick(optionsButton, Qt::LeftButton);
    QTRY_VERIFY(pane->options()->isVisible());
    pane->options()->temperatureBox()->setValue(0.5);
    QComboBox* effort = pane->options()->reasoningEffortBox();
    effort->setCurrentIndex(effort->findData(QStringLiteral("high")));
    type(QStringLiteral("think hard"));
    QTest::keyClick(pane->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const QJsonObject body = m_f.fake->lastRequest().json;
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.5);
    // gpt-oss takes the effort as reasoning.effort (Responses form) or reasoning_effort.
    const QString effortSent
        = body.value(QStringLiteral("reasoning")).toObject().value(QStringLiteral("effort")).toString()
        + body.value(QStringLiteral("reasoning_effort")).toString();
    QCOMPARE(effortSent, QStringLiteral("high"));
    // Stored with the conversation: reopening shows the same choices.
    const qint64 id = pane->controller()->currentConversation();
    pane->controller()->newConversation();
    QCOMPARE(effort->currentIndex(), 0);
    pane->controller()->openConversation(id);
    QCOMPARE(effort->currentData().toString(), QStringLiteral("high"));
    QCOMPARE(pane->options()->temperatureBox()->value(), 0.5);
}

void TestChatWindow::conversationsKeepTheirMessages()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    type(QStringLiteral("in the first"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const qint64 first = controller->currentConversation();
    const qint64 second = controller->newConversation();
    QVERIFY(second != first);
    QCOMPARE(transcript()->rowCount(), 0);
    type(QStringLiteral("draft for later"));
    controller->openConversation(first);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(controller->conversationList()->index(1, 0).data().toString(), QStringLiteral("in the first"));
    controller->openConversation(second);
    QCOMPARE(m_f.window->chatPane()->composer()->text(), QStringLiteral("draft for later"));
}

// A conversation kept on a model Cloudflare has retired (from before 2026-05-30) goes on with
// the replacement, and the window says so.
void TestChatWindow::retiredModelIsAnsweredByItsReplacement()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    controller->setModel(QStringLiteral("gemma-3"));
    type(QStringLiteral("still there?"));
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(m_f.fake->lastRequest().model, QStringLiteral("@cf/google/gemma-4-26b-a4b-it"));
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: still there?"));
    const QString status = m_f.window->statusText();
    QVERIFY2(status.contains(QStringLiteral("Gemma 3 12B")) && status.contains(QStringLiteral("Gemma 4 26B A4B"))
            && status.contains(QStringLiteral("2026-05-30")),
        qPrintable(status));
    // A conversation kept on the retired model shows, in the picker, the model that answers it now.
    ModelPicker* picker = m_f.window->chatPane()->modelPicker();
    picker->setCurrentModel(QStringLiteral("gemma-3"));
    QCOMPARE(picker->currentModel(), QStringLiteral("gemma-4"));
    picker->setCurrentModel(QStringLiteral("@cf/google/gemma-3-12b-it"));
    QCOMPARE(picker->currentModel(), QStringLiteral("gemma-4"));
}

// Every conversation sends its own x-session-affinity, stable across restarts, so Workers AI keeps
// its turns on one prompt cache: the second turn is billed as cached input.
void TestChatWindow::eachConversationKeepsItsPromptCache()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    controller->setModel(QStringLiteral("glm-4.7-flash"));
    send(QStringLiteral("a first question with a few words"), 1);
    const qint64 first = controller->currentConversation();
    const QByteArray affinity = m_f.fake->lastInference().sessionAffinity;
    QCOMPARE(QString::fromLatin1(affinity), ReplyRequest::sessionAffinity(m_f.dbPath(), first));
    QVERIFY(!affinity.contains(m_f.dir->path().toUtf8())); // it says nothing of the path
    QCOMPARE(m_f.fake->lastInference().usage.cachedTokens, 0);

    send(QStringLiteral("and a second"), 3);
    QCOMPARE(m_f.fake->lastInference().sessionAffinity, affinity);
    QVERIFY2(m_f.fake->lastInference().usage.cachedTokens > 0, "the first turn was read from the cache");

    controller->newConversation();
    controller->setModel(QStringLiteral("glm-4.7-flash"));
    send(QStringLiteral("another conversation"), 1);
    QVERIFY(!m_f.fake->lastInference().sessionAffinity.isEmpty());
    QVERIFY(m_f.fake->lastInference().sessionAffinity != affinity);

    // After a restart the first conversation goes on in the same cache.
    m_f.closeWindow();
    QVERIFY2(m_f.openWindow(), qPrintable(m_f.error));
    m_f.window->chatPane()->controller()->openConversation(first);
    send(QStringLiteral("a third"), 5);
    QCOMPARE(m_f.fake->lastInference().sessionAffinity, affinity);
    QVERIFY(m_f.fake->lastInference().usage.cachedTokens > 0);
}

// An idle window must not wake up twice a second for the caret: after a while without input it
// stops blinking (a flash time of 0), and the next key makes it blink again.
void TestChatWindow::idleCaretStopsBlinking()
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    const int platform = QGuiApplication::styleHints()->cursorFlashTime();
    QVERIFY(platform > 0);
    edit->setCaretRestMs(50);
    m_f.window->activateWindow();
    edit->setFocus();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClick(edit, Qt::Key_A);
    QVERIFY(!edit->caretResting());
    QTRY_VERIFY(edit->caretResting());
    QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), 0);
    QTest::keyClick(edit, Qt::Key_B);
    QVERIFY(!edit->caretResting());
    QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), platform);
    QCOMPARE(edit->toPlainText(), QStringLiteral("ab"));
    // Resting, then the focus goes elsewhere: the platform's blink is back for every other field.
    QTRY_VERIFY(edit->caretResting());
    m_f.window->sidebar()->setFocus();
    QTRY_VERIFY(!edit->hasFocus());
    QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), platform);
}

QTEST_MAIN(TestChatWindow)
#include "tst_chatwindow.moc"
