#include "cli/KeyCommand.h"
#include "storage/LocalApiKeys.h"
#include "storage/Settings.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace flarechat;

namespace {

const QString kA = QStringLiteral("sk-flarechat-AAAAbbbbccccDDDDeeeeffffGGGGhhhhiiiiJJJJkkkk");
const QString kB = QStringLiteral("sk-flarechat-AAAAzzzzccccDDDDeeeeffffGGGGhhhhiiiiJJJJkkkk"); // shares "AAAA"
const QString kC = QStringLiteral("sk-flarechat-QQQQrrrrssssTTTTuuuuvvvvWWWWxxxxyyyyZZZZ0000");

QDateTime at(int second)
{
    return QDateTime(QDate(2025, 6, 1), QTime(12, 0, second), QTimeZone::utc());
}

QString ellipsis()
{
    return QString(QChar(0x2026));
}

} // namespace

class TestLocalApiKeys final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateShapeAndUniqueness();
    void generateUsesWholeAlphabet();
    void parseList_data();
    void parseList();
    void redacted_data();
    void redacted();
    void prefix();
    void names_data();
    void names();
    void entriesJoinRecordsAndKeychain();
    void find_data();
    void find();
    void addAndRemove();
    void recordsRoundTripThroughSettings();
    void tableShowsNoKey();
};

void TestLocalApiKeys::prefix()
{
    QCOMPARE(LocalApiKeys::prefixOf(kA), QStringLiteral("sk-flarechat-AAAAbbbbcccc"));
    QCOMPARE(LocalApiKeys::shown(LocalApiKeys::prefixOf(kA)), QStringLiteral("sk-flarechat-AAAAbbbbcccc") + ellipsis());
    const QString generated = LocalApiKeys::generate();
    QCOMPARE(
        LocalApiKeys::prefixOf(generated).size(), LocalApiKeys::keyPrefix().size() + LocalApiKeys::ShownRandomChars);
    QVERIFY(generated.size() - LocalApiKeys::prefixOf(generated).size() >= 28); // most of the key stays secret
    // Other keys show a third of themselves at most.
    QCOMPARE(LocalApiKeys::prefixOf(QStringLiteral("test-d")), QStringLiteral("te"));
    QCOMPARE(
        LocalApiKeys::prefixOf(QStringLiteral("a-long-hand-made-key-of-many-letters")), QStringLiteral("a-long-hand-"));
}

void TestLocalApiKeys::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << "ci" << true;
    QTest::newRow("spaces inside") << "ci runner 2" << true;
    QTest::newRow("unicode") << "笔记本" << true;
    QTest::newRow("64 characters") << QString(64, QLatin1Char('n')) << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("65 characters") << QString(65, QLatin1Char('n')) << false;
    QTest::newRow("leading space") << " ci" << false;
    QTest::newRow("newline") << "ci\nx" << false;
    QTest::newRow("like a key") << "sk-flarechat-ci" << false;
    QTest::newRow("like a key, upper case") << "SK-ci" << false;
}

void TestLocalApiKeys::names()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QCOMPARE(LocalApiKeys::checkName(name).isEmpty(), ok);
}

void TestLocalApiKeys::entriesJoinRecordsAndKeychain()
{
    LocalApiKeys keys;
    keys.add(kA, QStringLiteral("ci"), at(1));
    keys.add(kC, QStringLiteral("gone"), at(2));
    // The keychain has kA and a key without a record; kC's key is missing from it.
    const LocalApiKeys joined(keys.records(), {kA, kB});
    const QList<LocalApiKeys::Entry> entries = joined.entries();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).name, QStringLiteral("ci"));
    QCOMPARE(entries.at(0).keys, QStringList {kA});
    QCOMPARE(entries.at(0).created, at(1));
    QVERIFY(entries.at(0).hasRecord);
    QCOMPARE(entries.at(1).name, QStringLiteral("gone"));
    QVERIFY(entries.at(1).keys.isEmpty());
    QVERIFY(entries.at(2).name.isEmpty());
    QVERIFY(!entries.at(2).hasRecord);
    QCOMPARE(entries.at(2).prefix, LocalApiKeys::prefixOf(kB));
    QVERIFY(!entries.at(2).created.isValid());
}

void TestLocalApiKeys::find_data()
{
    QTest::addColumn<QString>("wanted");
    QTest::addColumn<QStringList>("names"); // of the entries found ("" for the unrecorded key)
    QTest::addColumn<QString>("error");
    QTest::newRow("name") << "ci" << QStringList {QStringLiteral("ci")} << "";
    QTest::newRow("no such name") << "sk-x" << QStringList {} << "No key is named";
    QTest::newRow("shown prefix") << LocalApiKeys::prefixOf(kC) + ellipsis() << QStringList {QStringLiteral("old")}
                                  << "";
    QTest::newRow("prefix with dots") << kC.left(18) + QStringLiteral("...") << QStringList {QStringLiteral("old")}
                                      << "";
    QTest::newRow("whole key") << kA << QStringList {QStringLiteral("ci")} << "";
    QTest::newRow("shared start is ambiguous") << kA.left(17) << QStringList {QStringLiteral("ci"), QString()} << "";
    QTest::newRow("longer prefix tells them apart") << kB.left(18) << QStringList {QString()} << "";
    QTest::newRow("too short") << kA.left(16) << QStringList {} << "at least 4 characters";
    QTest::newRow("bare prefix") << LocalApiKeys::keyPrefix() << QStringList {} << "at least 4 characters";
    QTest::newRow("nothing like it") << "sk-flarechat-9999" << QStringList {} << "No key is named";
}

void TestLocalApiKeys::find()
{
    QFETCH(QString, wanted);
    QFETCH(QStringList, names);
    QFETCH(QString, error);
    LocalApiKeys keys;
    keys.add(kA, QStringLiteral("ci"), at(1));
    keys.add(kC, QStringLiteral("old"), at(2));
    const LocalApiKeys withStray(keys.records(), {kA, kC, kB});
    QString problem;
    const QList<LocalApiKeys::Entry> found = withStray.find(wanted, &problem);
    QStringList foundNames;
    for (const LocalApiKeys::Entry& e : found)
        foundNames.append(e.name);
    QCOMPARE(foundNames, names);
    QVERIFY2(error.isEmpty() ? problem.isEmpty() : problem.contains(error), qPrintable(problem));
}

void TestLocalApiKeys::addAndRemove()
{
    LocalApiKeys keys;
    QCOMPARE(keys.defaultName(), QStringLiteral("key-1"));
    keys.add(kA, keys.defaultName(), QDateTime(QDate(2025, 6, 1), QTime(12, 0, 1, 750), QTimeZone::utc()));
    QCOMPARE(keys.records().first().created, at(1)); // whole seconds
    keys.add(kB, QStringLiteral("key-3"), at(2));
    QCOMPARE(keys.defaultName(), QStringLiteral("key-2"));
    QVERIFY(keys.hasName(QStringLiteral("key-3")));
    QCOMPARE(keys.keychainKeys(), (QStringList {kA, kB}));

    keys.remove(keys.find(QStringLiteral("key-1")).first());
    QCOMPARE(keys.keychainKeys(), QStringList {kB});
    QCOMPARE(keys.records().size(), 1);
    QCOMPARE(keys.records().first().name, QStringLiteral("key-3"));
}

void TestLocalApiKeys::recordsRoundTripThroughSettings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.ini"));
    LocalApiKeys keys;
    keys.add(kA, QStringLiteral("ci, \"quoted\" = yes"), at(1));
    keys.add(kC, QStringLiteral("笔记本"), at(2));
    {
        Settings settings(path);
        LocalApiKeys::writeRecords(settings, keys.records());
    }
    {
        Settings settings(path);
        QCOMPARE(LocalApiKeys::readRecords(settings), keys.records());
        // A record edited beyond use is skipped, the others kept.
        QStringList stored = settings.value(Settings::Key::ServerKeyRecords).toStringList();
        stored.append(QStringLiteral("{not json"));
        stored.append(QStringLiteral("{\"name\":\"no prefix\"}"));
        settings.setValue(Settings::Key::ServerKeyRecords, stored);
        QCOMPARE(LocalApiKeys::readRecords(settings), keys.records());
        LocalApiKeys::writeRecords(settings, {});
        QVERIFY(!settings.isSet(Settings::Key::ServerKeyRecords));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(kA.mid(25).toUtf8()));
}

void TestLocalApiKeys::tableShowsNoKey()
{
    LocalApiKeys keys;
    keys.add(kA, QStringLiteral("ci"), at(1));
    keys.add(kC, QStringLiteral("gone"), at(2));
    const LocalApiKeys joined(keys.records(), {kA, kB});
    const QString table = cli::KeyCommand::table(joined.entries(), true);
    const QStringList lines = table.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(QLatin1String("NAME")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("ci ")));
    QVERIFY(lines.at(1).contains(LocalApiKeys::prefixOf(kA) + ellipsis()));
    QVERIFY(lines.at(1).contains(QLatin1String("2025-06-01 12:00:01")));
    QVERIFY(lines.at(2).contains(QLatin1String("missing from the keychain")));
    QVERIFY(lines.at(3).startsWith(QLatin1String("- ")));
    QVERIFY(lines.at(3).contains(QLatin1String("not made by")));
    for (const QString& k : {kA, kB, kC})
        QVERIFY(!table.contains(k.left(26)));
    // Without the keychain there is nothing to compare against: no notes.
    QVERIFY(
        !cli::KeyCommand::table(LocalApiKeys(keys.records(), {}).entries(), false).contains(QLatin1String("keychain")));
}

void TestLocalApiKeys::generateShapeAndUniqueness()
{
    static const QRegularExpression shape(QStringLiteral("^sk-flarechat-[0-9A-Za-z]{40}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString key = LocalApiKeys::generate();
        QVERIFY2(shape.match(key).hasMatch(), qPrintable(LocalApiKeys::redacted(key)));
        seen.insert(key);
    }
    QCOMPARE(seen.size(), 200);
}

void TestLocalApiKeys::generateUsesWholeAlphabet()
{
    // 500 keys = 20,000 characters; each of the 62 symbols is expected ~322 times. A generator
    // that skipped a symbol, or took "% 62" of a byte, would stand out.
    QHash<QChar, int> counts;
    for (int i = 0; i < 500; ++i) {
        const QString key = LocalApiKeys::generate().mid(LocalApiKeys::keyPrefix().size());
        for (QChar c : key)
            ++counts[c];
    }
    QCOMPARE(counts.size(), 62);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() > 200 && it.value() < 460, qPrintable(QString(it.key())));
}

void TestLocalApiKeys::parseList_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("one") << QStringLiteral("alpha") << QStringList {QStringLiteral("alpha")};
    QTest::newRow("trimmed") << QStringLiteral("  alpha , beta\t")
                             << QStringList {QStringLiteral("alpha"), QStringLiteral("beta")};
    QTest::newRow("empties dropped") << QStringLiteral(",alpha,, ,beta,")
                                     << QStringList {QStringLiteral("alpha"), QStringLiteral("beta")};
    QTest::newRow("duplicates") << QStringLiteral("alpha,alpha") << QStringList {QStringLiteral("alpha")};
    QTest::newRow("only commas") << QStringLiteral(", ,") << QStringList();
}

void TestLocalApiKeys::parseList()
{
    QFETCH(QString, input);
    QFETCH(QStringList, keys);
    QCOMPARE(LocalApiKeys::parseList(input), keys);
}

void TestLocalApiKeys::redacted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown");
    QTest::newRow("local key") << QStringLiteral("sk-flarechat-0000000000000000000000000000000000000abcd")
                               << QStringLiteral("sk-flarechat-…abcd");
    QTest::newRow("other key") << QStringLiteral("test-key-wxyz-and-more") << QStringLiteral("…more");
    QTest::newRow("too short to show a tail") << QStringLiteral("abc") << QStringLiteral("…");
    QTest::newRow("prefix only") << QStringLiteral("sk-flarechat-") << QStringLiteral("sk-flarechat-…");
}

void TestLocalApiKeys::redacted()
{
    QFETCH(QString, key);
    QFETCH(QString, shown);
    QCOMPARE(LocalApiKeys::redacted(key), shown);
}

QTEST_GUILESS_MAIN(TestLocalApiKeys)
#include "tst_localapikeys.moc"
