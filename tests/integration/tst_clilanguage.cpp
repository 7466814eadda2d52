// The command line in the user's language, through the real binary: --help (FlareChat's words and
// Qt's "Usage:"/"Options:"), the commands' messages, `models`' table (aligned with wide Chinese
// characters) and serve's address line, chosen by $FLARECHAT_LANG or the settings file's Language,
// and English where neither asks for Chinese.
#include "CliProcess.h"
#include "FakeWorkersAi.h"

#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::CliResult;
using flarechat::test::ServeProcess;

class TestCliLanguage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void helpInChinese_data();
    void helpInChinese();
    void helpInEnglishByDefault();
    void messagesInChinese();
    void languageFromTheSettingsFile();
    void modelsTableAligned();
    void serveAddressLine();

private:
    QProcessEnvironment env(const QString& language) const;
    CliResult cli(const QStringList& args, const QString& language);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliLanguage::initTestCase()
{
    if (flarechat::test::flarechatBinary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
}

void TestCliLanguage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QProcessEnvironment TestCliLanguage::env(const QString& language) const
{
    QProcessEnvironment e = flarechat::test::cliEnvironment(m_dir->path());
    e.remove(QStringLiteral("FLARECHAT_LANG"));
    // The system's language never decides here: C is English.
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    e.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    e.remove(QStringLiteral("LANGUAGE"));
    if (!language.isEmpty())
        e.insert(QStringLiteral("FLARECHAT_LANG"), language);
    return e;
}

CliResult TestCliLanguage::cli(const QStringList& args, const QString& language)
{
    return flarechat::test::runCli(flarechat::test::flarechatBinary(), args, env(language));
}

void TestCliLanguage::helpInChinese_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("usage"); // the usage line's start
    QTest::addColumn<QString>("words"); // a sentence of FlareChat's own
    QTest::newRow("window") << QStringList {QStringLiteral("--help")} << QStringLiteral("用法：flarechat")
                            << QStringLiteral("Cloudflare Workers AI 的桌面客户端。");
    QTest::newRow("serve") << QStringList {QStringLiteral("serve"), QStringLiteral("--help")}
                           << QStringLiteral("用法：flarechat serve") << QStringLiteral("要监听的端口（默认 8787）。");
    QTest::newRow("ask") << QStringList {QStringLiteral("ask"), QStringLiteral("-h")}
                         << QStringLiteral("用法：flarechat ask") << QStringLiteral("系统提示词。");
    QTest::newRow("key new") << QStringList {QStringLiteral("key"), QStringLiteral("new"), QStringLiteral("--help")}
                             << QStringLiteral("用法：flarechat key new")
                             << QStringLiteral("密钥的用途（默认 key-1、key-2……）。");
    QTest::newRow("models") << QStringList {QStringLiteral("models"), QStringLiteral("--help")}
                            << QStringLiteral("用法：flarechat models")
                            << QStringLiteral("先从 Cloudflare 获取最新的模型目录。");
}

void TestCliLanguage::helpInChinese()
{
    QFETCH(QStringList, args);
    QFETCH(QString, usage);
    QFETCH(QString, words);
    const CliResult r = cli(args, QStringLiteral("zh_CN"));
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.startsWith(usage), qPrintable(out));
    QVERIFY2(out.contains(words), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("选项：")), qPrintable(out)); // Qt's "Options:"
    QVERIFY2(!out.contains(QStringLiteral("Usage:")), qPrintable(out));
    if (args.first() == QLatin1String("--help")) // the commands' list
        QVERIFY2(out.contains(QStringLiteral("在终端里问一个问题")), qPrintable(out));
}

void TestCliLanguage::helpInEnglishByDefault()
{
    const CliResult r = cli({QStringLiteral("serve"), QStringLiteral("--help")}, QString());
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.startsWith(QStringLiteral("Usage: flarechat serve")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("Port to listen on (default 8787).")), qPrintable(out));
    QVERIFY2(!out.contains(QStringLiteral("端口")), qPrintable(out));
}

void TestCliLanguage::messagesInChinese()
{
    const CliResult port
        = cli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("x")}, QStringLiteral("zh_CN"));
    QVERIFY(port.finished);
    QCOMPARE(port.exitCode, 2);
    QCOMPARE(QString::fromUtf8(port.err).trimmed(), QStringLiteral("flarechat: --port 必须是 0 到 65535 之间的数字"));

    const CliResult unknown = cli({QStringLiteral("models"), QStringLiteral("--nope")}, QStringLiteral("zh_CN"));
    QVERIFY(unknown.finished);
    QCOMPARE(unknown.exitCode, 2);
    const QString unknownText = QString::fromUtf8(unknown.err);
    QVERIFY2(unknownText.contains(QStringLiteral("参见：flarechat models --help")), qPrintable(unknownText));

    const CliResult key = cli({QStringLiteral("key"), QStringLiteral("bogus")}, QStringLiteral("zh_CN"));
    QVERIFY(key.finished);
    QCOMPARE(key.exitCode, 2);
    const QString keyText = QString::fromUtf8(key.err);
    QVERIFY2(keyText.startsWith(QStringLiteral("flarechat key：未知的子命令“bogus”\n用法：flarechat key new")),
        qPrintable(keyText));
    const CliResult none = cli({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--no-keychain"),
                                   QStringLiteral("--settings"), m_dir->filePath(QStringLiteral("nokeys.ini"))},
        QStringLiteral("zh_CN"));
    QVERIFY(none.finished);
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(QString::fromUtf8(none.out).startsWith(QStringLiteral("没有本地 API 密钥。")), none.out.constData());

    const CliResult empty = cli({QStringLiteral("ask"), QStringLiteral("  ")}, QStringLiteral("zh_CN"));
    QVERIFY(empty.finished);
    QCOMPARE(empty.exitCode, 2);
    const QString emptyText = QString::fromUtf8(empty.err);
    QVERIFY2(emptyText.startsWith(QStringLiteral("flarechat: 没有要问的问题。")), qPrintable(emptyText));
}

void TestCliLanguage::languageFromTheSettingsFile()
{
    const QString path = m_dir->filePath(QStringLiteral("chinese.ini"));
    {
        QSettings file(path, QSettings::IniFormat);
        file.setValue(QStringLiteral("ui/language"), QStringLiteral("zh_CN"));
    }
    for (const QStringList& args :
        {QStringList {QStringLiteral("serve"), QStringLiteral("--settings"), path, QStringLiteral("--help")},
            QStringList {QStringLiteral("serve"), QStringLiteral("--settings=") + path, QStringLiteral("--help")}}) {
        const CliResult r = cli(args, QString());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QString::fromUtf8(r.out).startsWith(QStringLiteral("用法：flarechat serve")), r.out.constData());
    }
    // $FLARECHAT_LANG still comes first.
    const CliResult english = cli(
        {QStringLiteral("serve"), QStringLiteral("--settings"), path, QStringLiteral("--help")}, QStringLiteral("en"));
    QVERIFY(QString::fromUtf8(english.out).startsWith(QStringLiteral("Usage: flarechat serve")));
}

// Every column starts at the same terminal column on every row, counting a Chinese character as two.
void TestCliLanguage::modelsTableAligned()
{
    const CliResult r = cli({QStringLiteral("models")}, QStringLiteral("zh_CN"));
    QVERIFY(r.finished);
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 10);
    QVERIFY2(lines.first().startsWith(QStringLiteral("别名")), qPrintable(lines.first()));
    QVERIFY2(r.out.contains("免费"), r.out.constData());
    auto columnOf = [](const QString& line, qsizetype index) {
        int column = 0;
        for (qsizetype i = 0; i < index; ++i)
            column += line.at(i).unicode() >= 0x2E80 ? 2 : 1;
        return column;
    };
    // The second column (the model id, "@cf/…" on every row) starts where the heading's does.
    const qsizetype headingAt = lines.first().indexOf(QStringLiteral("模型"));
    QVERIFY(headingAt > 0);
    const int expected = columnOf(lines.first(), headingAt);
    for (const QString& line : lines.mid(1)) {
        const qsizetype at = line.indexOf(QLatin1Char('@'));
        QVERIFY2(at > 0, qPrintable(line));
        QCOMPARE(columnOf(line, at), expected);
    }
}

// The address line is in Chinese, and still carries the URL scripts read the port from.
void TestCliLanguage::serveAddressLine()
{
    test::FakeWorkersAi fake;
    QVERIFY(fake.listen());
    QProcessEnvironment e = env(QStringLiteral("zh_CN"));
    e.insert(QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), fake.accountId());
    e.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QString::fromLatin1(fake.apiToken()));
    ServeProcess serve(flarechat::test::flarechatBinary(), e);
    const QStringList args
        = flarechat::test::serveTestArgs(fake.baseUrl().toString(), m_dir->path(), QStringLiteral("sk-test-key"));
    QVERIFY2(serve.start(args), serve.stdErr().constData());
    QVERIFY(serve.port() > 0);
    const QString out = QString::fromUtf8(serve.stdOut());
    QVERIFY2(out.contains(QStringLiteral("FlareChat API 正在监听 http://127.0.0.1:%1/v1").arg(serve.port())),
        qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("需要 API 密钥")), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestCliLanguage)
#include "tst_clilanguage.moc"
