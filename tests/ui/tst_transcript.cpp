// The transcript on its own: the message model (checked by QAbstractItemModelTester), throttled
// streaming, the Thinking block, errors with Retry, following the end, and a long conversation
// opening without rendering every message.
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QtTest>

using namespace flarechat;

namespace {
TranscriptMessage message(const QString& role, const QString& content)
{
    TranscriptMessage m;
    m.role = role;
    m.content = content;
    m.created = QDateTime::currentDateTimeUtc();
    if (m.isAssistant())
        m.model = QStringLiteral("llama-4-scout");
    return m;
}

TranscriptMessage streaming()
{
    TranscriptMessage m = message(QStringLiteral("assistant"), {});
    m.state = TranscriptMessage::State::Streaming;
    return m;
}
} // namespace

class TestTranscript final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelPassesTester();
    void streamingIsThrottled();
    void thinkingCollapsesWhenAnswerStarts();
    void finishRecordsUsageAndSpeed();
    void markdownCodeIsMonospace();
    void errorShowsRetry();
    void actionsAreSignals_data();
    void actionsAreSignals();
    void thinkingHeaderToggles();
    void codeBlocksHaveCopy();
    void textCanBeSelected();
    void followsEndUnlessScrolledUp();
    void longConversationOpensLazily();
};

void TestTranscript::modelPassesTester()
{
    TranscriptModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(message(QStringLiteral("user"), QStringLiteral("hello")));
    const quint64 uid = model.append(streaming());
    model.appendDelta(uid, QStringLiteral("Hi"), {});
    model.flush();
    model.finish(uid, ChatResult {QStringLiteral("Hi there"), {}, {}, QStringLiteral("stop"), {}}, 100);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1), TranscriptModel::ContentRole).toString(), QStringLiteral("Hi there"));
    model.removeAt(0);
    QCOMPARE(model.rowCount(), 1);
    model.setMessages({message(QStringLiteral("user"), QStringLiteral("a")),
        message(QStringLiteral("assistant"), QStringLiteral("b"))});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.at(0).uid != model.at(1).uid);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestTranscript::streamingIsThrottled()
{
    TranscriptModel model;
    const quint64 uid = model.append(streaming());
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QElapsedTimer clock;
    clock.start();
    QString expected;
    for (int i = 0; i < 300; ++i) {
        const QString token = QStringLiteral("tok%1 ").arg(i);
        expected += token;
        model.appendDelta(uid, token, {});
        if (i % 30 == 0)
            QTest::qWait(20); // tokens arrive over time, as from the network
    }
    QTRY_COMPARE(model.at(0).content, expected);
    // At most one repaint per flush interval (plus one), never one per token.
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(changes.count() <= elapsed / TranscriptModel::FlushIntervalMs + 2,
        qPrintable(QStringLiteral("%1 changes in %2 ms").arg(changes.count()).arg(elapsed)));
    QVERIFY(changes.count() < 300);
}

void TestTranscript::thinkingCollapsesWhenAnswerStarts()
{
    TranscriptModel model;
    const quint64 uid = model.append(streaming());
    model.appendDelta(uid, {}, QStringLiteral("Let me think"));
    model.flush();
    QVERIFY(model.at(0).thinkingExpanded());
    QCOMPARE(model.at(0).reasoning, QStringLiteral("Let me think"));
    QVERIFY(model.at(0).reasoningMs >= 0);
    QTest::qWait(30);
    model.appendDelta(uid, QStringLiteral("Answer"), {});
    model.flush();
    QVERIFY(!model.at(0).thinkingExpanded());
    QVERIFY(model.at(0).reasoningMs >= 20);
    const qint64 thought = model.at(0).reasoningMs;
    model.appendDelta(uid, QStringLiteral(" more"), {});
    model.flush();
    QCOMPARE(model.at(0).reasoningMs, thought); // the duration stops at the first answer token
    model.toggleThinking(0);
    QVERIFY(model.at(0).thinkingExpanded());
}

void TestTranscript::finishRecordsUsageAndSpeed()
{
    TranscriptModel model;
    const quint64 uid = model.append(streaming());
    ChatResult result;
    result.content = QStringLiteral("Done");
    result.usage.valid = true;
    result.usage.completionTokens = 50;
    model.finish(uid, result, 2000);
    QCOMPARE(model.at(0).state, TranscriptMessage::State::Complete);
    QCOMPARE(model.at(0).tokensPerSecond, 25.0);
    const QString meta = model.data(model.index(0), TranscriptModel::MetaRole).toString();
    QVERIFY2(meta.contains(QStringLiteral("llama-4-scout")), qPrintable(meta));
    QVERIFY2(meta.contains(QStringLiteral("50 tokens")), qPrintable(meta));
    QVERIFY2(meta.contains(QStringLiteral("25.0 tok/s")), qPrintable(meta));
}

void TestTranscript::markdownCodeIsMonospace()
{
    TranscriptModel model;
    model.append(message(QStringLiteral("assistant"), QStringLiteral("Text\n\n```cpp\nint x = 1;\n```\n")));
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.delegate()->cachedDocumentCount() == 1);
    // The Copy action exists and copies through the signal.
    QSignalSpy copy(&view, &TranscriptView::copyRequested);
    view.trigger(0, TranscriptDelegate::Action::Copy);
    QCOMPARE(copy.count(), 1);
}

void TestTranscript::errorShowsRetry()
{
    TranscriptModel model;
    model.append(message(QStringLiteral("user"), QStringLiteral("hello")));
    const quint64 uid = model.append(streaming());
    model.fail(uid, QStringLiteral("Today's free allocation is used up."));
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy retry(&view, &TranscriptView::retryRequested);
    QRect button;
    QTRY_VERIFY((button = view.actionRect(1, TranscriptDelegate::Action::Retry)).isValid());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, button.center());
    QCOMPARE(retry.count(), 1);
    QCOMPARE(retry.at(0).at(0).toInt(), 1);
    QCOMPARE(model.data(model.index(1), TranscriptModel::ErrorRole).toString(),
        QStringLiteral("Today's free allocation is used up."));
}

void TestTranscript::actionsAreSignals_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("action");
    QTest::addColumn<QByteArray>("signal");
    QTest::newRow("copy") << QStringLiteral("assistant") << int(TranscriptDelegate::Action::Copy)
                          << QByteArray(SIGNAL(copyRequested(int)));
    QTest::newRow("regenerate") << QStringLiteral("assistant") << int(TranscriptDelegate::Action::Regenerate)
                                << QByteArray(SIGNAL(regenerateRequested(int)));
    QTest::newRow("edit") << QStringLiteral("user") << int(TranscriptDelegate::Action::Edit)
                          << QByteArray(SIGNAL(editRequested(int)));
    QTest::newRow("delete") << QStringLiteral("user") << int(TranscriptDelegate::Action::Delete)
                            << QByteArray(SIGNAL(deleteRequested(int)));
}

void TestTranscript::actionsAreSignals()
{
    QFETCH(QString, role);
    QFETCH(int, action);
    QFETCH(QByteArray, signal);
    TranscriptModel model;
    model.append(message(role, QStringLiteral("Some text")));
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, signal.constData());
    QRect rect;
    QTRY_VERIFY((rect = view.actionRect(0, TranscriptDelegate::Action(action))).isValid());
    QTest::mouseMove(view.viewport(), rect.center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 0);
}

void TestTranscript::thinkingHeaderToggles()
{
    TranscriptModel model;
    TranscriptMessage m = message(QStringLiteral("assistant"), QStringLiteral("The answer is 4."));
    m.reasoning = QStringLiteral("2 + 2 is 4");
    m.reasoningMs = 1200;
    model.append(m);
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!model.at(0).thinkingExpanded());
    const int collapsedHeight = view.visualRect(model.index(0)).height();
    QRect header;
    QTRY_VERIFY((header = view.actionRect(0, TranscriptDelegate::Action::ToggleThinking)).isValid());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, header.center());
    QVERIFY(model.at(0).thinkingExpanded());
    QTRY_VERIFY(view.visualRect(model.index(0)).height() > collapsedHeight);
}

void TestTranscript::codeBlocksHaveCopy()
{
    TranscriptModel model;
    model.append(message(QStringLiteral("assistant"),
        QStringLiteral("First:\n\n```python\nprint(1)\nprint(2)\n```\n\nthen:\n\n```\nls -la\n```\n\nDone.")));
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy copied(&view, &TranscriptView::codeCopied);
    QRect button;
    QTRY_VERIFY((button = view.actionRect(0, TranscriptDelegate::Action::CopyCode)).isValid());
    QTest::mouseMove(view.viewport(), button.center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, button.center());
    QCOMPARE(copied.count(), 1);
    // The first block's code exactly, without the fence or the prose around it.
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("print(1)\nprint(2)"));

    // Each block has its own button, under the block's top edge.
    auto* delegate = view.delegate();
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.rect = view.visualRect(model.index(0));
    for (int y = 0; y < option.rect.height(); y += 2) {
        for (int x = 0; x < option.rect.width(); x += 4) {
            const auto hit = delegate->hitTest(option, model.index(0), QPoint(x, y));
            if (hit.action == TranscriptDelegate::Action::CopyCode && hit.text == QLatin1String("ls -la")) {
                QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, option.rect.topLeft() + QPoint(x, y));
                QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("ls -la"));
                return;
            }
        }
    }
    QFAIL("the second code block has no Copy button");
}

void TestTranscript::textCanBeSelected()
{
    TranscriptModel model;
    model.append(message(QStringLiteral("assistant"), QStringLiteral("alpha beta gamma delta epsilon")));
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    QTRY_VERIFY(view.visualRect(model.index(0)).height() > 0);
    option.rect = view.visualRect(model.index(0));
    option.font = view.font();
    const TranscriptDelegate::TextArea area = view.delegate()->textArea(option, model.index(0));
    QVERIFY(area.document && area.rect.isValid());
    const QRect text = area.rect.translated(option.rect.topLeft());
    // Drag from the first letter to the end of the line.
    const QPoint from(text.left() + 1, text.center().y());
    const QPoint to(text.right() - 1, text.center().y());
    const auto send = [&](QEvent::Type type, const QPoint& at, Qt::MouseButtons buttons) {
        QMouseEvent e(type, at, view.viewport()->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
        QCoreApplication::sendEvent(view.viewport(), &e);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    QVERIFY(view.selectionOverlay());
    QCOMPARE(view.selectionRow(), 0);
    send(QEvent::MouseMove, to, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
    QTextBrowser* overlay = view.selectionOverlay();
    QVERIFY(overlay);
    const QString selected = overlay->textCursor().selectedText();
    QVERIFY2(selected.startsWith(QStringLiteral("alpha beta")), qPrintable(selected));
    overlay->copy();
    QCOMPARE(QGuiApplication::clipboard()->text(), selected);
    // Esc ends it; the row paints its text again.
    QTest::keyClick(overlay, Qt::Key_Escape);
    QVERIFY(!view.selectionOverlay());
    QCOMPARE(view.selectionRow(), -1);
    // A click on text that is not dragged leaves nothing selected, and a new press replaces the overlay.
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, from, Qt::NoButton);
    QVERIFY(view.selectionOverlay());
    QVERIFY(view.selectionOverlay()->textCursor().selectedText().isEmpty());
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->value()); // no movement: stays
    model.append(message(QStringLiteral("user"), QStringLiteral("more")));
    model.removeAt(1);
    QVERIFY(!view.selectionOverlay()); // a change of rows ends it
}

void TestTranscript::followsEndUnlessScrolledUp()
{
    TranscriptModel model;
    QList<TranscriptMessage> messages;
    for (int i = 0; i < 40; ++i)
        messages << message(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"),
            QStringLiteral("Message %1\n\nwith a second paragraph").arg(i));
    model.setMessages(messages);
    TranscriptView view;
    view.setTranscript(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar* bar = view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    const quint64 uid = model.append(streaming());
    for (int i = 0; i < 20; ++i)
        model.appendDelta(uid, QStringLiteral("line %1\n\n").arg(i), {});
    model.flush();
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowingEnd());

    // The user scrolls up: new text no longer moves what they are reading.
    QTRY_VERIFY(!view.delegate()->isEstimated(model.index(0))); // measured in idle time
    bar->setValue(bar->maximum() / 2);
    QVERIFY(!view.isFollowingEnd());
    const QModelIndex top = view.indexAt(QPoint(10, 10));
    const int topY = view.visualRect(top).top();
    const int maximumBefore = bar->maximum();
    for (int i = 0; i < 20; ++i)
        model.appendDelta(uid, QStringLiteral("more %1\n\n").arg(i), {});
    model.flush();
    // The view has laid out the longer message (the scroll range grew): had it been going to
    // follow the new text, it would have moved by now.
    QTRY_VERIFY(bar->maximum() > maximumBefore);
    QCOMPARE(view.indexAt(QPoint(10, 10)), top);
    QCOMPARE(view.visualRect(top).top(), topY);
    QVERIFY(bar->value() < bar->maximum());

    view.scrollToEnd();
    QVERIFY(view.isFollowingEnd());
    QCOMPARE(bar->value(), bar->maximum());
}

void TestTranscript::longConversationOpensLazily()
{
    QList<TranscriptMessage> messages;
    for (int i = 0; i < 2000; ++i) {
        messages << message(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"),
            QStringLiteral("Message **%1** with `code` and a list:\n\n- one\n- two\n\n```\nblock %1\n```\n").arg(i));
    }
    TranscriptModel model;
    TranscriptView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer clock;
    clock.start();
    model.setMessages(messages);
    view.setTranscript(&model);
    QTRY_VERIFY_WITH_TIMEOUT(view.delegate()->cachedDocumentCount() > 0, 20000); // the first rows were painted
    const qint64 openMs = clock.elapsed();
    qInfo("2,000 messages: first paint after %lld ms, %d documents built", openMs,
        view.delegate()->cachedDocumentCount());
    // Only the rows on screen were rendered to documents.
    QVERIFY2(view.delegate()->cachedDocumentCount() < 50,
        qPrintable(QString::number(view.delegate()->cachedDocumentCount())));
    // The end is shown, and stays shown while heights are refined in the background.
    QTRY_COMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
    QTRY_VERIFY_WITH_TIMEOUT(!view.delegate()->isEstimated(model.index(0)), 20000);
    QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
    QVERIFY(view.delegate()->cachedDocumentCount() <= TranscriptDelegate::MaxCachedDocuments);
    auto lastVisible
        = [&] { return view.indexAt(QPoint(view.viewport()->width() / 2, view.viewport()->height() - 20)).row(); };
    QTRY_VERIFY2(lastVisible() >= 1998, qPrintable(QString::number(lastVisible())));
}

QTEST_MAIN(TestTranscript)
#include "tst_transcript.moc"
