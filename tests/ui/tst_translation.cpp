// FlareChat in Simplified Chinese: the embedded translation loaded exactly as main() loads it turns
// the window's menus, buttons and placeholders Chinese, and Qt's own buttons too. The .ts is
// complete (nothing unfinished or empty; placeholders, tags and shortcuts kept), the embedded .qm
// answers every one of its messages, and lupdate over today's sources finds nothing untranslated.
#include "ConversationSidebar.h"
#include "MainWindow.h"
#include "Translations.h"
#include "TsFile.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ErrorText.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "workersai/Endpoint.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <memory>

#ifndef FLARECHAT_SOURCE_DIR
#error "FLARECHAT_SOURCE_DIR must name the source tree"
#endif

using namespace flarechat;
using flarechat::test::isLive;
using flarechat::test::readTs;
using flarechat::test::TsMessage;

namespace {

const QString kTsPath = QStringLiteral(FLARECHAT_SOURCE_DIR "/resources/translations/flarechat_zh_CN.ts");

QString describe(const TsMessage& m)
{
    return QStringLiteral("%1 \"%2\"").arg(m.context, m.source.left(60));
}

// The sorted matches of `pattern`'s first group (or whole match) in `text`.
QStringList matches(const QString& text, const QRegularExpression& pattern)
{
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        found << match.captured(pattern.captureCount() > 0 ? 1 : 0);
    }
    found.sort();
    return found;
}

} // namespace

class TestTranslation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void choose_data();
    void choose();
    void windowSpeaksChinese();
    void qtButtonsSpeakChinese();
    void workersAiErrorsLeadInChinese();
    void commandLineGetsCoreAndQtWords();
    void tsFileIsComplete();
    void qmAnswersEveryMessage();
    void sourcesHaveNoUntranslatedStrings();
    void installedTranslationsComeFirst();

private:
    QList<TsMessage> m_messages;
};

void TestTranslation::initTestCase()
{
    QVERIFY(QFile::exists(Translations::resourcePath(QStringLiteral("zh_CN"))));
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QString error;
    m_messages = readTs(kTsPath, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_messages.size() > 100);
}

void TestTranslation::cleanupTestCase()
{
    QVERIFY(Translations::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("flarechat::Composer", "Send"), QStringLiteral("Send"));
}

void TestTranslation::choose_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    // clang-format off
    QTest::newRow("system zh_CN") << "system" << "" << "zh_CN" << "zh_CN";
    QTest::newRow("system zh_SG") << "system" << "" << "zh_SG" << "zh_CN";
    QTest::newRow("system en_US") << "system" << "" << "en_US" << "en";
    QTest::newRow("system de_DE") << "system" << "" << "de_DE" << "en";
    QTest::newRow("system zh_TW (traditional)") << "system" << "" << "zh_TW" << "en";
    QTest::newRow("setting beats system") << "en" << "" << "zh_CN" << "en";
    QTest::newRow("setting zh_CN") << "zh_CN" << "" << "en_US" << "zh_CN";
    QTest::newRow("setting spelled zh-cn") << "zh-cn" << "" << "en_US" << "zh_CN";
    QTest::newRow("unknown setting") << "klingon" << "" << "zh_CN" << "zh_CN";
    QTest::newRow("environment beats setting") << "en" << "zh_CN" << "en_US" << "zh_CN";
    QTest::newRow("environment en") << "zh_CN" << "en" << "zh_CN" << "en";
    QTest::newRow("unknown environment") << "zh_CN" << "fr" << "en_US" << "zh_CN";
    // clang-format on
}

void TestTranslation::choose()
{
    QFETCH(QString, setting);
    QFETCH(QString, environment);
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(Translations::choose(setting, environment, QLocale(system)), expected);
}

void TestTranslation::windowSpeaksChinese()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("flarechat.ini")));
    QCOMPARE(settings.value(Settings::Key::Language).toString(), QStringLiteral("system"));
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(store.open(), qPrintable(store.lastError()));
    auto window = std::make_unique<MainWindow>(&settings, &store);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    QStringList menus;
    for (const QAction* action : window->menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus,
        (QStringList {QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"), QStringLiteral("聊天(&C)"),
            QStringLiteral("视图(&V)"), QStringLiteral("帮助(&H)")}));

    QCOMPARE(
        window->sidebar()->findChild<QPushButton*>(QStringLiteral("newChatButton"))->text(), QStringLiteral("新对话"));
    QCOMPARE(window->sidebar()->searchField()->placeholderText(), QStringLiteral("搜索消息"));
    QCOMPARE(window->chatPane()->findChild<Composer*>()->sendButton()->text(), QStringLiteral("发送"));
    // A picture to look at, like tst_screenshots': $FLARECHAT_SCREENSHOT_DIR/window-zh_CN.png.
    if (const QString out = qEnvironmentVariable("FLARECHAT_SCREENSHOT_DIR"); !out.isEmpty()) {
        window->resize(1100, 720);
        QTest::qWait(50);
        QVERIFY(window->grab().save(QDir(out).filePath(QStringLiteral("window-zh_CN.png"))));
    }
    window.reset();
}

void TestTranslation::workersAiErrorsLeadInChinese()
{
    // A question sent to an address where nothing listens: the reply fails with Workers AI's
    // English words, led by the window's own sentence in Chinese.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Settings settings(dir.filePath(QStringLiteral("flarechat.ini")));
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(store.open(), qPrintable(store.lastError()));
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        deadPort = probe.serverPort();
    }
    Endpoint endpoint;
    endpoint.kind = Endpoint::Kind::Custom;
    endpoint.accountId = QStringLiteral("0123456789abcdef0123456789abcdef");
    endpoint.apiToken = QStringLiteral("made-up-test-token");
    endpoint.customBase = QUrl(QStringLiteral("http://127.0.0.1:%1/client/v4").arg(deadPort));
    endpoint.proxyMode = Endpoint::ProxyMode::None;
    auto window = std::make_unique<MainWindow>(&settings, &store);
    window->setEndpoint(endpoint);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    Composer* composer = window->chatPane()->findChild<Composer*>();
    composer->setText(QStringLiteral("你好"));
    QTest::keyClick(composer->edit(), Qt::Key_Return);
    TranscriptModel* transcript = window->chatPane()->transcript();
    QTRY_VERIFY_WITH_TIMEOUT(
        transcript->rowCount() == 2 && transcript->at(1).state == TranscriptMessage::State::Error, 20000);
    const QString error = transcript->at(1).error;
    QVERIFY2(error.startsWith(
                 QStringLiteral("无法连接 Workers AI。请检查网络连接和代理设置。 (Could not reach Workers AI:")),
        qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("连接被拒绝")), qPrintable(error)); // Qt's own words, translated too
    window.reset();

    // In English the message stands alone: no sentence saying the same twice.
    QVERIFY(Translations::install(QStringLiteral("en")));
    ApiError e = ApiError::upstream(502, QStringLiteral("api_error"),
        QStringLiteral("Could not reach Workers AI: Connection refused"), QStringLiteral("upstream_unreachable"));
    QCOMPARE(ErrorText::describe(e), QStringLiteral("Could not reach Workers AI: Connection refused (HTTP 502)"));
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QCOMPARE(ErrorText::describe(e),
        QStringLiteral("无法连接 Workers AI。请检查网络连接和代理设置。 (Could not reach Workers AI: Connection "
                       "refused) (HTTP 502)"));
}

void TestTranslation::qtButtonsSpeakChinese()
{
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Ok)->text(), QStringLiteral("确定"));
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
}

// The headless commands get core's messages and Qt's --help words (tests/integration/tst_clilanguage
// runs the binary); English again removes both.
void TestTranslation::commandLineGetsCoreAndQtWords()
{
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    ConversationStore store(QStringLiteral("/proc/flarechat-nonexistent/conversations.sqlite"));
    QVERIFY(!store.open());
    QVERIFY2(store.lastError().startsWith(QStringLiteral("打开对话数据库失败：")), qPrintable(store.lastError()));
    QCOMPARE(QCoreApplication::translate("QCommandLineParser", "Usage: %1"), QStringLiteral("用法：%1"));
    QVERIFY(Translations::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("QCommandLineParser", "Usage: %1"), QStringLiteral("Usage: %1"));
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
}

void TestTranslation::tsFileIsComplete()
{
    static const QRegularExpression placeholder(QStringLiteral("(%L?(?:n|\\d{1,2}))"));
    static const QRegularExpression tag(QStringLiteral("<(/?[A-Za-z][A-Za-z0-9]*)"));
    static const QRegularExpression mnemonic(QStringLiteral("(?<!&)&(?!&)\\S"));
    int unfinished = 0;
    int empty = 0;
    QStringList problems;
    for (const TsMessage& m : std::as_const(m_messages)) {
        if (!isLive(m))
            continue;
        if (m.type == QLatin1String("unfinished")) {
            ++unfinished;
            problems << QStringLiteral("unfinished: ") + describe(m);
        }
        if (m.translations.isEmpty()
            || std::any_of(m.translations.cbegin(), m.translations.cend(),
                [](const QString& t) { return t.trimmed().isEmpty(); })) {
            ++empty;
            problems << QStringLiteral("empty: ") + describe(m);
            continue;
        }
        if (m.numerus && m.translations.size() != 1) // Chinese has one form
            problems << QStringLiteral("%1 numerus forms: ").arg(m.translations.size()) + describe(m);
        for (const QString& t : m.translations) {
            if (matches(t, placeholder) != matches(m.source, placeholder))
                problems << QStringLiteral("placeholders differ: ") + describe(m);
            if (matches(t, tag) != matches(m.source, tag))
                problems << QStringLiteral("HTML tags differ: ") + describe(m);
            if (matches(t, mnemonic).size() != matches(m.source, mnemonic).size())
                problems << QStringLiteral("& shortcut lost or added: ") + describe(m);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QCOMPARE(unfinished, 0);
    QCOMPARE(empty, 0);
}

void TestTranslation::qmAnswersEveryMessage()
{
    // The translator main() installed knows each message of the .ts (lrelease left none out).
    int checked = 0;
    QStringList problems;
    for (const TsMessage& m : std::as_const(m_messages)) {
        if (!isLive(m) || m.translations.isEmpty())
            continue;
        const QByteArray context = m.context.toUtf8();
        const QByteArray source = m.source.toUtf8();
        const QByteArray comment = m.comment.toUtf8();
        const char* disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
        if (m.numerus) {
            for (int n : {1, 7}) {
                const QString expected
                    = QString(m.translations.first()).replace(QLatin1String("%n"), QString::number(n));
                if (QCoreApplication::translate(context.constData(), source.constData(), disambiguation, n) != expected)
                    problems << describe(m);
            }
        } else if (QCoreApplication::translate(context.constData(), source.constData(), disambiguation)
            != m.translations.first()) {
            problems << describe(m);
        }
        ++checked;
    }
    QVERIFY2(problems.isEmpty(),
        qPrintable(QStringLiteral("not in the .qm as in the .ts:\n") + problems.join(QLatin1Char('\n'))));
    QVERIFY(checked > 100);
    qInfo("%d messages translated", checked);
}

void TestTranslation::sourcesHaveNoUntranslatedStrings()
{
#ifndef FLARECHAT_LUPDATE
    // Never a skip: scripts/install-deps.sh installs lupdate and tests/CMakeLists.txt passes it.
    QFAIL("built without FLARECHAT_LUPDATE (the path of lupdate, see tests/CMakeLists.txt)");
#else
    // What `cmake --build BUILD --target update_translations` would do, on a copy.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("flarechat_zh_CN.ts"));
    QVERIFY(QFile::copy(kTsPath, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(FLARECHAT_LUPDATE),
        {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
            QStringLiteral(FLARECHAT_SOURCE_DIR "/core"), QStringLiteral(FLARECHAT_SOURCE_DIR "/ui"),
            QStringLiteral(FLARECHAT_SOURCE_DIR "/app"), QStringLiteral("-ts"), copy});
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, lupdate.readAll().constData());

    QString error;
    const QList<TsMessage> updated = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList untranslated;
    for (const TsMessage& m : updated) {
        if (m.type == QLatin1String("unfinished"))
            untranslated << describe(m);
    }
    QVERIFY2(untranslated.isEmpty(),
        qPrintable(QStringLiteral("strings in the sources without a Chinese translation (build the target "
                                  "update_translations, then translate them in %1):\n%2")
                       .arg(kTsPath, untranslated.join(QLatin1Char('\n')))));
    if (updated.size() != m_messages.size()) {
        qWarning("the .ts holds %lld messages the sources no longer have; update_translations drops them",
            static_cast<long long>(m_messages.size() - updated.size()));
    }
#endif
}

// A package installs the .qm files to share/flarechat/translations beside bin/: they are loaded
// from there first (found relative to the binary), the embedded copy only when there is none.
void TestTranslation::installedTranslationsComeFirst()
{
    const QString dir = Translations::installedDirectory();
    QVERIFY2(dir.endsWith(QLatin1String("/share/flarechat/translations")), qPrintable(dir));
    QVERIFY(QDir::cleanPath(dir).startsWith(
        QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/.."))));
    const QString file = dir + QStringLiteral("/flarechat_zh_CN.qm");
    QVERIFY2(!QFile::exists(file), "a build tree has no installed translations");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::copy(Translations::resourcePath(QStringLiteral("zh_CN")), file));
    const auto removeCopy = qScopeGuard([&] {
        QFile::remove(file);
        QDir().rmpath(dir);
    });
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QCOMPARE(Translations::loadedFrom(), file);
    QVERIFY(QCoreApplication::translate("flarechat::Composer", "Send") != QStringLiteral("Send"));
    QFile::remove(file);
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QCOMPARE(Translations::loadedFrom(), Translations::resourcePath(QStringLiteral("zh_CN")));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
