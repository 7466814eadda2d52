// One FlareChat per conversation database: a second start on the same database finds it taken,
// has the first come to the front, and is told to quit; another database is independent; the
// lock goes with the instance that held it.
#include "SingleInstance.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flarechat;

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondStartActivatesTheFirst();
    void otherDatabaseIsIndependent();
    void lockGoesWithTheInstance();
};

void TestSingleInstance::secondStartActivatesTheFirst()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    SingleInstance first(db);
    QVERIFY(first.acquire());
    QSignalSpy activated(&first, &SingleInstance::activationRequested);
    SingleInstance second(db);
    bool notified = false;
    QVERIFY(!second.acquire(&notified));
    QVERIFY(notified);
    QVERIFY(activated.wait(5000));
    QCOMPARE(activated.count(), 1);
}

void TestSingleInstance::otherDatabaseIsIndependent()
{
    QTemporaryDir dir;
    SingleInstance a(dir.filePath(QStringLiteral("a.sqlite")));
    SingleInstance b(dir.filePath(QStringLiteral("b.sqlite")));
    QVERIFY(a.acquire());
    QVERIFY(b.acquire());
    QVERIFY(a.serverName() != b.serverName());
}

void TestSingleInstance::lockGoesWithTheInstance()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    {
        SingleInstance first(db);
        QVERIFY(first.acquire());
    }
    SingleInstance next(db);
    QVERIFY(next.acquire());
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
