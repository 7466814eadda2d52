#include "storage/ConversationListModel.h"
#include "storage/ConversationStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;

class TestConversationListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void order_data();
    void order();
    void roles();
    void rowsMoveInsteadOfReset();
    void startsFromExistingData();

private:
    std::optional<qint64> create(const QString& title);
    QStringList titles() const;
    QStringList storeTitles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ConversationListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QHash<QString, qint64> m_ids;
    QDateTime m_now;
};

void TestConversationListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime(QDate(2025, 3, 1), QTime(9, 0), Qt::UTC);
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("c.sqlite")));
    m_store->setClock([this] {
        m_now = m_now.addSecs(1);
        return m_now;
    });
    QVERIFY(m_store->open());
    m_model = std::make_unique<ConversationListModel>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_ids.clear();
}

void TestConversationListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_dir.reset();
}

std::optional<qint64> TestConversationListModel::create(const QString& title)
{
    Conversation c;
    c.title = title;
    const auto id = m_store->createConversation(c);
    if (id)
        m_ids.insert(title, *id);
    return id;
}

QStringList TestConversationListModel::titles() const
{
    QStringList out;
    for (int row = 0; row < m_model->rowCount(); ++row)
        out.append(m_model->index(row).data(ConversationListModel::TitleRole).toString());
    return out;
}

QStringList TestConversationListModel::storeTitles() const
{
    QStringList out;
    for (const ConversationSummary& s : m_store->conversations())
        out.append(s.title);
    return out;
}

void TestConversationListModel::order_data()
{
    // Conversations a, b, c are created in that order, then each step runs; the list must
    // read `expected` (top first) after the last step.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("expected");
    const auto l = [](std::initializer_list<const char*> items) {
        QStringList out;
        for (const char* s : items)
            out.append(QString::fromLatin1(s));
        return out;
    };
    QTest::newRow("newest first") << QStringList() << l({"c", "b", "a"});
    QTest::newRow("pin the oldest") << l({"pin a"}) << l({"a", "c", "b"});
    QTest::newRow("pinned stay on top of newer") << l({"pin a", "message b"}) << l({"a", "b", "c"});
    QTest::newRow("two pinned, newest first") << l({"pin a", "pin b"}) << l({"b", "a", "c"});
    QTest::newRow("message moves up") << l({"message a"}) << l({"a", "c", "b"});
    QTest::newRow("unpin") << l({"pin a", "unpin a"}) << l({"c", "b", "a"});
    QTest::newRow("delete") << l({"delete b"}) << l({"c", "a"});
    QTest::newRow("delete then undo") << l({"delete b", "undo b"}) << l({"c", "b", "a"});
    QTest::newRow("rename keeps place") << l({"rename a z"}) << l({"c", "b", "z"});
    QTest::newRow("duplicate goes on top") << l({"duplicate a"}) << l({"a (copy)", "c", "b", "a"});
    QTest::newRow("new after pin") << l({"pin b", "create d"}) << l({"b", "d", "c", "a"});
    QTest::newRow("draft does not move") << l({"draft a"}) << l({"c", "b", "a"});
    QTest::newRow("purge after delete") << l({"delete a", "purge"}) << l({"c", "b"});
}

void TestConversationListModel::order()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, expected);
    for (const char* name : {"a", "b", "c"})
        QVERIFY(create(QString::fromLatin1(name)));

    for (const QString& step : std::as_const(steps)) {
        const QStringList words = step.split(QLatin1Char(' '));
        const QString& verb = words.at(0);
        const qint64 id = m_ids.value(words.value(1));
        if (verb == QLatin1String("pin")) {
            QVERIFY(m_store->setPinned(id, true));
        } else if (verb == QLatin1String("unpin")) {
            QVERIFY(m_store->setPinned(id, false));
        } else if (verb == QLatin1String("message")) {
            QVERIFY(m_store->addUserMessage(id, 0, QStringLiteral("hello")));
        } else if (verb == QLatin1String("delete")) {
            QVERIFY(m_store->deleteConversation(id));
        } else if (verb == QLatin1String("undo")) {
            QVERIFY(m_store->undoDelete(id));
        } else if (verb == QLatin1String("rename")) {
            QVERIFY(m_store->renameConversation(id, words.at(2)));
        } else if (verb == QLatin1String("duplicate")) {
            QVERIFY(m_store->duplicateConversation(id));
        } else if (verb == QLatin1String("create")) {
            QVERIFY(create(words.at(1)));
        } else if (verb == QLatin1String("draft")) {
            QVERIFY(m_store->setDraft(id, QStringLiteral("unsent")));
        } else if (verb == QLatin1String("purge")) {
            QVERIFY(m_store->purgeDeleted(m_now.addSecs(10)) >= 0);
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown step %1").arg(step)));
        }
        // After every step the model agrees with a fresh read of the store.
        QCOMPARE(titles(), storeTitles());
    }
    QCOMPARE(titles(), expected);
    m_model->reload();
    QCOMPARE(titles(), expected);
}

void TestConversationListModel::roles()
{
    const auto id = m_store->createConversation(Conversation {0, {}, {}, {}, false, QStringLiteral("qwen-coder")});
    QVERIFY(id);
    const QModelIndex untitled = m_model->index(0);
    QCOMPARE(untitled.data(ConversationListModel::TitleRole).toString(), QString());
    QVERIFY(!untitled.data(Qt::DisplayRole).toString().isEmpty()); // a placeholder

    const auto u = m_store->addUserMessage(*id, 0, QStringLiteral("Write a haiku\nabout SQLite"));
    QVERIFY(u);
    const auto a = m_store->beginAssistantMessage(*id, *u, QStringLiteral("qwen-coder"));
    QVERIFY(
        m_store->finishMessage(*a, ChatResult {QStringLiteral("Pages in a B-tree\nwrite-ahead log"), {}, {}, {}, {}}));
    QVERIFY(m_store->setPinned(*id, true));

    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex i = m_model->index(0);
    QCOMPARE(i.data(ConversationListModel::IdRole).toLongLong(), *id);
    QCOMPARE(i.data(ConversationListModel::TitleRole).toString(), QStringLiteral("Write a haiku"));
    QCOMPARE(i.data(Qt::DisplayRole).toString(), QStringLiteral("Write a haiku"));
    QCOMPARE(i.data(ConversationListModel::PinnedRole).toBool(), true);
    QCOMPARE(i.data(ConversationListModel::ModelRole).toString(), QStringLiteral("qwen-coder"));
    QCOMPARE(
        i.data(ConversationListModel::PreviewRole).toString(), QStringLiteral("Pages in a B-tree write-ahead log"));
    QCOMPARE(i.data(ConversationListModel::UpdatedRole).toDateTime(), m_store->conversation(*id)->updated);
    QVERIFY(!i.data(Qt::DecorationRole).isValid());

    const auto names = m_model->roleNames();
    QCOMPARE(names.value(ConversationListModel::IdRole), QByteArray("conversationId"));
    QCOMPARE(names.value(ConversationListModel::PreviewRole), QByteArray("preview"));
    QCOMPARE(m_model->rowOf(*id), 0);
    QCOMPARE(m_model->idAt(0), *id);
    QCOMPARE(m_model->rowOf(*id + 1), -1);
    QCOMPARE(m_model->idAt(5), 0);
}

void TestConversationListModel::rowsMoveInsteadOfReset()
{
    for (const char* name : {"a", "b", "c", "d"})
        QVERIFY(create(QString::fromLatin1(name)));
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    QPersistentModelIndex b = m_model->index(m_model->rowOf(m_ids.value(QStringLiteral("b"))));
    QCOMPARE(b.row(), 2);
    QVERIFY(m_store->addUserMessage(m_ids.value(QStringLiteral("b")), 0, QStringLiteral("bump")));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(b.row(), 0); // a view's selection follows the row
    QVERIFY(m_store->renameConversation(m_ids.value(QStringLiteral("b")), QStringLiteral("bee")));
    QCOMPARE(moved.size(), 1); // already on top: changed in place
    QCOMPARE(b.data(ConversationListModel::TitleRole).toString(), QStringLiteral("bee"));
    QVERIFY(changed.size() >= 2);

    // The oldest moves down past everything: the last row.
    QVERIFY(m_store->setPinned(m_ids.value(QStringLiteral("d")), true));
    QVERIFY(m_store->setPinned(m_ids.value(QStringLiteral("d")), false));
    QCOMPARE(titles(), storeTitles());
    QVERIFY(m_store->deleteConversation(m_ids.value(QStringLiteral("c"))));
    QCOMPARE(removed.size(), 1);
    QVERIFY(m_store->undoDelete(m_ids.value(QStringLiteral("c"))));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(titles(), storeTitles());
}

void TestConversationListModel::startsFromExistingData()
{
    for (const char* name : {"one", "two"})
        QVERIFY(create(QString::fromLatin1(name)));
    ConversationListModel second(m_store.get());
    QAbstractItemModelTester tester(&second, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(second.rowCount(), 2);
    QCOMPARE(second.index(0).data(ConversationListModel::TitleRole).toString(), QStringLiteral("two"));
    ConversationListModel empty(nullptr);
    QCOMPARE(empty.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
