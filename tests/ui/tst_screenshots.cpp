// The window in the light and the dark theme with a short conversation (a code block, a
// DeepSeek reply with its Thinking block) against the fake Workers AI server. Checks that each
// theme paints what it should, and saves the pictures to $FLARECHAT_SCREENSHOT_DIR when set
// (run under Xvfb for docs/screenshots/): then the free allocation used up, and all of it again in
// Chinese, the language switched at once.
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "ServerController.h"
#include "Shortcuts.h"
#include "ShortcutsDialog.h"
#include "Theme.h"
#include "Translations.h"
#include "WindowActions.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ModelPicker.h"
#include "config/Credentials.h"
#include "config/EngineConfig.h"
#include "engine/Engine.h"
#include "engine/QuotaState.h"
#include "server/ApiPanel.h"
#include "server/RequestLogModel.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"
#include "usage/UsageBreakdown.h"
#include "usage/UsageMeter.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestScreenshots final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void theme_data();
    void theme();
};

namespace {

double meanLightness(const QImage& image, const QRect& area)
{
    double sum = 0;
    int n = 0;
    for (int y = area.top(); y < area.bottom(); y += 7) {
        for (int x = area.left(); x < area.right(); x += 7) {
            sum += QColor(image.pixel(x, y)).lightnessF();
            ++n;
        }
    }
    return n ? sum / n : 0;
}

void send(MainWindow& window, const QString& text)
{
    ComposerEdit* edit = window.chatPane()->composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

} // namespace

void TestScreenshots::theme_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << QStringLiteral("light");
    QTest::newRow("dark") << QStringLiteral("dark");
}

void TestScreenshots::init()
{
    EngineConfig::quota()->clear(); // each theme starts with the free allocation left
}

void TestScreenshots::cleanup()
{
    EngineConfig::quota()->clear();
    Translations::install(QStringLiteral("en"));
}

void TestScreenshots::theme()
{
    QFETCH(QString, theme);
    Theme::apply(theme);
    QCOMPARE(Theme::isDark(), theme == QLatin1String("dark"));

    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("flarechat.ini")));
    FakeWorkersAi fake;
    QVERIFY(fake.listen());
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(store.open(), qPrintable(store.lastError()));
    // Some history in the sidebar, as a user would have it: one pinned, the others by date.
    const QStringList earlier {QStringLiteral("Plan a weekend in Hangzhou"), QStringLiteral("解释一下 Rust 的所有权"),
        QStringLiteral("Regex for ISO dates"), QStringLiteral("Summarise this meeting transcript")};
    for (const QString& title : earlier) {
        const std::optional<qint64> id = store.createConversation();
        QVERIFY(id && store.addUserMessage(*id, 0, title));
    }
    QVERIFY(store.setPinned(store.conversations().constLast().id, true));
    MainWindow window(&settings, &store);
    window.setEndpoint(fake.endpoint());
    window.resize(1100, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QString chosen = window.engine()->catalog().resolve(window.chatPane()->modelPicker()->currentModel()).id;
    QVERIFY(!chosen.isEmpty());
    FakeWorkersAi::Usage usage;
    usage.promptTokens = 24;
    usage.completionTokens = 38;
    // Delays as a real model has them, so the speed under the reply is a believable one.
    fake.enqueueFor(chosen,
        FakeWorkersAi::withDelays(
            FakeWorkersAi::legacyStream(
                {QStringLiteral("Here is a small function that adds two numbers:\n\n"),
                    QStringLiteral("```cpp\nint add(int a, int b)\n{\n    return a + b;\n}\n```\n\n"),
                    QStringLiteral("Call it as `add(2, 3)`; it returns **5**.")},
                usage),
            250, 200));
    send(window, QStringLiteral("Write a C++ function that adds two numbers."));
    TranscriptModel* transcript = window.chatPane()->transcript();
    QTRY_COMPARE(transcript->rowCount(), 2);
    QTRY_COMPARE(transcript->at(1).state, TranscriptMessage::State::Complete);

    window.chatPane()->modelPicker()->setCurrentModel(QStringLiteral("deepseek-r1"));
    Q_EMIT window.chatPane()->modelPicker()->activated(window.chatPane()->modelPicker()->currentIndex());
    const QString deepseek = window.engine()->catalog().find(QStringLiteral("deepseek-r1"))->id;
    fake.enqueueFor(deepseek,
        FakeWorkersAi::withDelays(FakeWorkersAi::legacyStream(
                                      {QStringLiteral("The user wants to know whether "),
                                          QStringLiteral("the function overflows. Two ints can exceed INT_MAX, "),
                                          QStringLiteral("so the sum may overflow."), QStringLiteral("\n</think>\n\n"),
                                          QStringLiteral("Yes: if `a + b` exceeds `INT_MAX` the result overflows, "),
                                          QStringLiteral("which is undefined behaviour for signed integers. "),
                                          QStringLiteral("Use `long long` or check first.")},
                                      usage),
            0, 120));
    send(window, QStringLiteral("Can it overflow?"));
    QTRY_COMPARE(transcript->rowCount(), 4);
    QTRY_COMPARE(transcript->at(3).state, TranscriptMessage::State::Complete);
    QVERIFY(!transcript->at(3).reasoning.isEmpty());
    // Show the reasoning open, as a user who clicked it would see it.
    transcript->toggleThinking(3);
    window.chatPane()->composer()->setText(QStringLiteral("And in Rust?"));
    QTest::qWait(200);

    const QImage shot = window.grab().toImage();
    QVERIFY(!shot.isNull());
    const QRect transcriptArea(
        window.chatPane()->transcriptView()->mapTo(&window, QPoint(0, 0)), window.chatPane()->transcriptView()->size());
    const double lightness = meanLightness(shot, transcriptArea);
    if (theme == QLatin1String("dark"))
        QVERIFY2(lightness < 0.35, qPrintable(QString::number(lightness)));
    else
        QVERIFY2(lightness > 0.75, qPrintable(QString::number(lightness)));

    const QString out = qEnvironmentVariable("FLARECHAT_SCREENSHOT_DIR");
    if (!out.isEmpty())
        QVERIFY(shot.save(QDir(out).filePath(QStringLiteral("chat-%1.png").arg(theme))));

    // Help → Keyboard Shortcuts.
    ShortcutsDialog* keys = window.windowActions()->showShortcuts();
    QVERIFY(QTest::qWaitForWindowExposed(keys));
    QCOMPARE(keys->list()->topLevelItemCount(), Shortcuts::groups().size());
    const QImage keysShot = keys->grab().toImage();
    if (!out.isEmpty())
        QVERIFY(keysShot.save(QDir(out).filePath(QStringLiteral("shortcuts-%1.png").arg(theme))));
    keys->close();

    // The Local API panel with its log of real requests: a chat, the models, an unknown model.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    settings.setValue(Settings::Key::ServerPort, port);
    settings.setValue(Settings::Key::ServerRequireKey, false); // allowed on 127.0.0.1
    settings.setValue(Settings::Key::ServerEnabled, true);
    QProcessEnvironment env;
    env.insert(Credentials::apiTokenVariable(), QString::fromLatin1(fake.apiToken()));
    env.insert(Credentials::accountIdVariable(), fake.accountId());
    env.insert(Credentials::apiBaseVariable(), fake.endpoint().customBase.toString());
    window.loadCredentials({}, env);
    QTRY_COMPARE_WITH_TIMEOUT(window.serverController()->state(), ServerController::State::Running, 20000);
    ApiPanel* panel = window.showApiPanel();
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    const auto call = [&](const QString& path, const QJsonObject& body) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("User-Agent", "OpenAI/Python 1.99.0");
        QNetworkReply* reply
            = body.isEmpty() ? nam.get(request) : nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(20000));
        reply->deleteLater();
    };
    call(QStringLiteral("/v1/chat/completions"),
        QJsonObject {{QStringLiteral("model"), QStringLiteral("llama-3.3-70b")},
            {QStringLiteral("messages"),
                QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"), QStringLiteral("Hello from a script")}}}}});
    call(QStringLiteral("/v1/models"), {});
    call(QStringLiteral("/v1/models/gpt-5"), {});
    QTRY_COMPARE(window.requestLog()->rowCount(), 3);
    auto* tabs = qobject_cast<QTabWidget*>(panel->widget());
    QVERIFY(tabs);
    tabs->setCurrentIndex(2);
    panel->logView()->selectRow(2);
    QVERIFY(!panel->details()->toPlainText().isEmpty());
    QTest::qWait(100);
    const QImage panelShot = window.grab().toImage();
    QVERIFY(!panelShot.isNull());
    if (!out.isEmpty())
        QVERIFY(panelShot.save(QDir(out).filePath(QStringLiteral("api-panel-%1.png").arg(theme))));

    // Today's neurons: the meter counted the replies above; its breakdown.
    QTRY_VERIFY(window.usageMeter()->usedToday() > 0);
    window.usageMeter()->showBreakdown();
    QTRY_VERIFY(window.usageMeter()->breakdown() && window.usageMeter()->breakdown()->isVisible());
    QVERIFY(window.usageMeter()->breakdown()->table()->topLevelItemCount() >= 2);
    const QImage usageShot = window.usageMeter()->breakdown()->grab().toImage();
    if (!out.isEmpty())
        QVERIFY(usageShot.save(QDir(out).filePath(QStringLiteral("usage-%1.png").arg(theme))));
    window.usageMeter()->breakdown()->hide();

    // The free allocation used up: the meter says so and the next question waits (the hold bar).
    tabs->setCurrentIndex(0);
    panel->hide();
    fake.setFreePlan(true);
    fake.setNeuronsUsedToday(fake.dailyFreeNeurons()); // the next reply is a 429 / 3036
    window.chatPane()->composer()->clear();
    send(window, QStringLiteral("Now in Python, please."));
    QTRY_VERIFY2(window.chatPane()->controller()->isHeld(),
        qPrintable(QStringLiteral("%1 rows; last: %2 / %3")
                       .arg(transcript->rowCount())
                       .arg(transcript->at(transcript->rowCount() - 1).content,
                           transcript->at(transcript->rowCount() - 1).error)));
    QTRY_COMPARE(window.usageMeter()->level(), UsageMeter::Level::Exhausted);
    QTest::qWait(100);
    const QImage exhaustedShot = window.grab().toImage();
    if (!out.isEmpty())
        QVERIFY(exhaustedShot.save(QDir(out).filePath(QStringLiteral("exhausted-%1.png").arg(theme))));

    // The same window in Chinese, switched at once, as the settings do it.
    settings.setValue(Settings::Key::Language, QStringLiteral("zh_CN"));
    const auto holdText
        = [&window] { return window.chatPane()->holdBar()->findChild<QLabel*>(QStringLiteral("holdText"))->text(); };
    QVERIFY2(holdText().contains(QStringLiteral("免费额度")), qPrintable(holdText()));
    QTest::qWait(100);
    const QImage exhaustedZh = window.grab().toImage();
    window.chatPane()->controller()->stop(); // the question stays, unanswered
    window.chatPane()->composer()->setText(QStringLiteral("用 Rust 怎么写？"));
    QTest::qWait(100);
    const QImage chatZh = window.grab().toImage();
    window.showApiPanel();
    tabs->setCurrentIndex(2);
    QTest::qWait(100);
    const QImage panelZh = window.grab().toImage();
    panel->hide();
    window.usageMeter()->showBreakdown();
    QTRY_VERIFY(window.usageMeter()->breakdown()->isVisible());
    QTest::qWait(50);
    const QImage usageZh = window.usageMeter()->breakdown()->grab().toImage();
    window.usageMeter()->breakdown()->hide();
    settings.setValue(Settings::Key::Language, QStringLiteral("en"));
    if (!out.isEmpty()) {
        QVERIFY(exhaustedZh.save(QDir(out).filePath(QStringLiteral("exhausted-%1-zh_CN.png").arg(theme))));
        QVERIFY(chatZh.save(QDir(out).filePath(QStringLiteral("chat-%1-zh_CN.png").arg(theme))));
        QVERIFY(panelZh.save(QDir(out).filePath(QStringLiteral("api-panel-%1-zh_CN.png").arg(theme))));
        QVERIFY(usageZh.save(QDir(out).filePath(QStringLiteral("usage-%1-zh_CN.png").arg(theme))));
    }
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
