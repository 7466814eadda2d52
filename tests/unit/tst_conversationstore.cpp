#include "openai/ChatJson.h"
#include "storage/ConversationStore.h"
#include "storage/MessageTree.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace flarechat;

namespace {

const char* const kChildArgument = "--stream-child";

// The text the streaming child writes: deterministic, so the parent can check a prefix.
QString childChunk(int i)
{
    return QStringLiteral("chunk%1 ").arg(i, 4, 10, QLatin1Char('0'));
}

QString childText(int chunks)
{
    QString s;
    for (int i = 0; i < chunks; ++i)
        s += childChunk(i);
    return s;
}

// Runs in a child process: streams into a reply until killed, reporting on stdout what is
// known to be written ("flushed <chars>").
int runStreamingChild(const QString& path)
{
    ConversationStore store(path);
    store.setFlushInterval(50);
    if (!store.open())
        return 2;
    const auto conversation = store.createConversation();
    const auto user = store.addUserMessage(*conversation, 0, QStringLiteral("Stream something"));
    const auto reply = store.beginAssistantMessage(*conversation, *user, QStringLiteral("llama"));
    if (!reply)
        return 3;
    QTextStream out(stdout);
    out << "ready " << *reply << Qt::endl;

    int chunks = 0;
    qsizetype appended = 0;
    qsizetype reported = 0;
    QTimer producer;
    QObject::connect(&producer, &QTimer::timeout, &store, [&] {
        const QString chunk = childChunk(chunks++);
        store.appendToStreaming(*reply, chunk);
        appended += chunk.size();
    });
    QTimer watcher;
    QObject::connect(&watcher, &QTimer::timeout, &store, [&] {
        if (!store.hasPendingDeltas() && appended > reported) {
            reported = appended;
            out << "flushed " << reported << Qt::endl;
        }
    });
    producer.start(2);
    watcher.start(1);
    QTimer::singleShot(30000, qApp, &QCoreApplication::quit); // never outlive a lost parent
    return QCoreApplication::exec();
}

QString readTextColumn(const QString& path, const QString& sql)
{
    const QString name = QStringLiteral("raw-%1").arg(QRandomGenerator::global()->generate());
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                result = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

class TestConversationStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void freshDatabase();
    void migratesVersionOne();
    void refusesNewerSchema();
    void openErrors_data();
    void openErrors();

    void conversationFields();
    void titleFromText_data();
    void titleFromText();
    void titleFromFirstUserMessage();
    void softDeleteUndoPurge();
    void duplicateKeepsBranches();

    void branches();
    void editMakesSibling();
    void selectDeepMessage();
    void deleteMessageSubtree();
    void restoreDeletedMessages();

    void streamingIsThrottled();
    void finishStoresEverything();
    void failKeepsPartialText();
    void destroyedMidStream();
    void killedMidStream();
    void resumeAppends();

    void search_data();
    void search();
    void searchSpecialCharacters_data();
    void searchSpecialCharacters();
    void searchSkipsDeletedAndFollowsEdits();

    void writeErrors_data();
    void writeErrors();
    void flushFailureKeepsText();

    void loadLongConversation();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("conversations.sqlite")); }
    std::unique_ptr<ConversationStore> openStore();
    QDateTime tick();

    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now;
};

void TestConversationStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = QDateTime(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC);
}

void TestConversationStore::cleanup()
{
    m_dir.reset();
}

QDateTime TestConversationStore::tick()
{
    m_now = m_now.addSecs(60);
    return m_now;
}

std::unique_ptr<ConversationStore> TestConversationStore::openStore()
{
    auto store = std::make_unique<ConversationStore>(dbPath());
    store->setClock([this] { return tick(); });
    if (!store->open()) {
        qWarning() << store->lastError();
        return nullptr;
    }
    return store;
}

void TestConversationStore::freshDatabase()
{
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), ConversationStore::latestSchemaVersion());
    QVERIFY(store->hasFullTextIndex());
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(),
        ConversationStore::latestSchemaVersion());
    QSqlQuery q(QSqlDatabase::database(store->connectionName()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1); // NORMAL
    QVERIFY(store->conversations().isEmpty());

    // Two stores on one file: distinct connections.
    ConversationStore second(dbPath());
    QVERIFY(second.open());
    QVERIFY(second.connectionName() != store->connectionName());
}

void TestConversationStore::migratesVersionOne()
{
    qint64 reply = 0;
    {
        ConversationStore v1(dbPath(), ConversationStore::builtInMigrations().mid(0, 1));
        QVERIFY2(v1.open(), qPrintable(v1.lastError()));
        QCOMPARE(v1.schemaVersion(), 1);
        QVERIFY(!v1.hasFullTextIndex());
        const auto c = v1.createConversation();
        const auto u = v1.addUserMessage(*c, 0, QStringLiteral("Tell me about the Riemann hypothesis"));
        reply = *v1.beginAssistantMessage(*c, *u, QStringLiteral("llama"));
        QVERIFY(v1.finishMessage(
            reply, ChatResult {QStringLiteral("Zeta zeros lie on the critical line"), {}, {}, {}, {}}));
        // Substring search works before the index exists.
        QCOMPARE(v1.search(QStringLiteral("critical")).size(), 1);
    }
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(), 1);

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), ConversationStore::latestSchemaVersion());
    QVERIFY(store->hasFullTextIndex());
    // Messages written before the index are found through it.
    const QList<SearchHit> hits = store->search(QStringLiteral("critical line"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().messageId, reply);
    QVERIFY(hits.first().rank < 0); // bm25: came from FTS, not the substring path
}

void TestConversationStore::refusesNewerSchema()
{
    QList<ConversationStore::Migration> future = ConversationStore::builtInMigrations();
    const int newer = ConversationStore::latestSchemaVersion() + 1;
    future.append({newer, QStringLiteral("a table from the future"), [](QSqlDatabase& db, QString* error) {
                       QSqlQuery q(db);
                       if (!q.exec(QStringLiteral("CREATE TABLE future_things (id INTEGER PRIMARY KEY)"))) {
                           *error = q.lastError().text();
                           return false;
                       }
                       return true;
                   }});
    {
        ConversationStore later(dbPath(), future);
        QVERIFY2(later.open(), qPrintable(later.lastError()));
        QCOMPARE(later.schemaVersion(), newer);
        const auto c = later.createConversation();
        QVERIFY(later.renameConversation(*c, QStringLiteral("Written by the future")));
    }

    ConversationStore store(dbPath());
    QVERIFY(!store.open());
    QVERIFY(!store.isOpen());
    QVERIFY2(store.lastError().contains(QStringLiteral("newer FlareChat")), qPrintable(store.lastError()));
    QVERIFY2(store.lastError().contains(QString::number(newer)), qPrintable(store.lastError()));
    // Untouched.
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(), newer);
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("SELECT title FROM conversations")),
        QStringLiteral("Written by the future"));
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("SELECT count(*) FROM future_things")), QStringLiteral("0"));
}

void TestConversationStore::openErrors_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a database") << "garbage"
                                    << "not a FlareChat conversation database";
    QTest::newRow("a directory") << "directory"
                                 << "cannot be opened";
}

void TestConversationStore::openErrors()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QString path = dbPath();
    if (kind == QLatin1String("garbage")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    } else {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder")));
        path = m_dir->filePath(QStringLiteral("folder"));
    }
    ConversationStore store(path);
    QVERIFY(!store.open());
    QVERIFY2(store.lastError().contains(expected), qPrintable(store.lastError()));
    // Every call on an unopened store fails cleanly.
    QVERIFY(!store.createConversation());
    QVERIFY(store.conversations().isEmpty());
    QVERIFY(store.search(QStringLiteral("anything")).isEmpty());
}

void TestConversationStore::conversationFields()
{
    auto store = openStore();
    QVERIFY(store);
    QSignalSpy added(store.get(), &ConversationStore::conversationAdded);
    QSignalSpy changed(store.get(), &ConversationStore::conversationChanged);

    Conversation init;
    init.model = QStringLiteral("deepseek-r1");
    init.systemPrompt = QStringLiteral("Be brief.");
    init.parameters = QJsonObject {{QStringLiteral("temperature"), 0.3}, {QStringLiteral("max_tokens"), 512}};
    const auto id = store->createConversation(init);
    QVERIFY(id);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().first().toLongLong(), *id);

    auto c = store->conversation(*id);
    QVERIFY(c);
    QCOMPARE(c->model, init.model);
    QCOMPARE(c->systemPrompt, init.systemPrompt);
    QCOMPARE(c->parameters, init.parameters);
    QVERIFY(c->created.isValid());
    QCOMPARE(c->created.timeSpec(), Qt::UTC);
    QVERIFY(c->title.isEmpty());
    QVERIFY(!c->deleted.isValid());

    QVERIFY(store->renameConversation(*id, QStringLiteral("  Trip plans  ")));
    QVERIFY(store->setPinned(*id, true));
    const QJsonObject params {{QStringLiteral("reasoning_effort"), QStringLiteral("high")}};
    QVERIFY(store->setConversationSettings(*id, QStringLiteral("gpt-oss-120b"), QStringLiteral("Be kind."), params));
    QVERIFY(store->setDraft(*id, QStringLiteral("half a thought\nsecond line")));
    const QJsonArray attachments {QJsonObject {{QStringLiteral("type"), QStringLiteral("file")},
        {QStringLiteral("name"), QStringLiteral("plan.txt")}, {QStringLiteral("text"), QStringLiteral("day 1")}}};
    QVERIFY(store->conversation(*id)->draftAttachments.isEmpty());
    QVERIFY(store->setDraftAttachments(*id, attachments));
    QCOMPARE(changed.size(), 3); // the draft does not move the conversation

    c = store->conversation(*id);
    QCOMPARE(c->title, QStringLiteral("Trip plans"));
    QVERIFY(c->pinned);
    QCOMPARE(c->model, QStringLiteral("gpt-oss-120b"));
    QCOMPARE(c->systemPrompt, QStringLiteral("Be kind."));
    QCOMPARE(c->parameters, params);
    QCOMPARE(c->draft, QStringLiteral("half a thought\nsecond line"));
    QCOMPARE(c->draftAttachments, attachments);

    QVERIFY(!store->renameConversation(*id + 100, QStringLiteral("nobody")));
    QVERIFY(!store->lastError().isEmpty());
    QVERIFY(!store->setDraft(*id + 100, QStringLiteral("lost?")));
    QVERIFY(!store->setDraftAttachments(*id + 100, attachments));
    QVERIFY(!store->conversation(*id + 100));
}

void TestConversationStore::titleFromText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::newRow("short") << "Hello there"
                           << "Hello there";
    QTest::newRow("first line") << "\n\n  What is FTS5?  \nMore detail here"
                                << "What is FTS5?";
    QTest::newRow("whitespace collapsed") << "a\t\tb    c"
                                          << "a b c";
    QTest::newRow("word boundary")
        << "Explain how the SQLite write-ahead log interacts with checkpoints and readers in detail"
        << "Explain how the SQLite write-ahead log interacts with…";
    QTest::newRow("exactly sixty") << QString(60, QLatin1Char('a')) << QString(60, QLatin1Char('a'));
    QTest::newRow("no spaces") << QString(70, QLatin1Char('x')) << QString(60, QLatin1Char('x')) + QStringLiteral("…");
    const QString chinese = QString::fromUtf8("请用中文解释一下什么是全文检索以及三元组分词器是如何处理中文文本的，");
    QTest::newRow("chinese") << chinese.repeated(3) << chinese.repeated(3).left(60) + QStringLiteral("…");
    QTest::newRow("empty") << "   \n  "
                           << "";
}

void TestConversationStore::titleFromText()
{
    QFETCH(QString, text);
    QFETCH(QString, title);
    QCOMPARE(ConversationStore::titleFromText(text), title);
}

void TestConversationStore::titleFromFirstUserMessage()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = store->addUserMessage(c, 0, QStringLiteral("How do tides work?\nI mean in detail."));
    QVERIFY(u);
    QCOMPARE(store->conversation(c)->title, QStringLiteral("How do tides work?"));
    const auto a = store->beginAssistantMessage(c, *u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(*a, ChatResult {QStringLiteral("The moon."), {}, {}, {}, {}}));
    QVERIFY(store->addUserMessage(c, *a, QStringLiteral("And the sun?")));
    QCOMPARE(store->conversation(c)->title, QStringLiteral("How do tides work?"));

    // A name the user chose stays.
    const auto named = *store->createConversation();
    QVERIFY(store->renameConversation(named, QStringLiteral("Mine")));
    QVERIFY(store->addUserMessage(named, 0, QStringLiteral("Something else")));
    QCOMPARE(store->conversation(named)->title, QStringLiteral("Mine"));
}

void TestConversationStore::softDeleteUndoPurge()
{
    auto store = openStore();
    QVERIFY(store);
    const auto keep = *store->createConversation();
    const auto gone = *store->createConversation();
    const auto old = *store->createConversation();
    QVERIFY(store->addUserMessage(gone, 0, QStringLiteral("ephemeral words")));
    QSignalSpy removed(store.get(), &ConversationStore::conversationRemoved);
    QSignalSpy added(store.get(), &ConversationStore::conversationAdded);

    QVERIFY(store->deleteConversation(gone));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(store->conversations().size(), 2);
    QVERIFY(store->conversation(gone)->deleted.isValid());
    QVERIFY(store->search(QStringLiteral("ephemeral")).isEmpty());
    QVERIFY(!store->deleteConversation(gone)); // already deleted

    QVERIFY(store->undoDelete(gone));
    QCOMPARE(added.size(), 1);
    QCOMPARE(store->conversations().size(), 3);
    QCOMPARE(store->search(QStringLiteral("ephemeral")).size(), 1);
    QVERIFY(!store->undoDelete(gone)); // not deleted

    QVERIFY(store->deleteConversation(old));
    const QDateTime cutoff = tick();
    QVERIFY(store->deleteConversation(gone)); // deleted after the cutoff
    QCOMPARE(store->deletedConversations(), (QList<qint64> {gone, old}));
    QCOMPARE(store->purgeDeleted(cutoff), 1);
    QVERIFY(!store->conversation(old));
    QVERIFY(store->conversation(gone));
    QCOMPARE(store->purgeDeleted(tick()), 1);
    QVERIFY(!store->conversation(gone));
    QVERIFY(store->messages(gone).isEmpty());
    QVERIFY(store->conversation(keep));
    QCOMPARE(readTextColumn(dbPath(), QStringLiteral("SELECT count(*) FROM messages")), QStringLiteral("0"));
    QCOMPARE(store->purgeDeleted(tick()), 0);
}

void TestConversationStore::duplicateKeepsBranches()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    QVERIFY(store->renameConversation(c, QStringLiteral("Original")));
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("question"));
    const auto a1 = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a1, ChatResult {QStringLiteral("first answer"), {}, {}, {}, {}}));
    const auto a2 = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a2, ChatResult {QStringLiteral("second answer"), {}, {}, {}, {}}));
    QVERIFY(store->selectSibling(a1));

    const auto copy = store->duplicateConversation(c);
    QVERIFY2(copy, qPrintable(store->lastError()));
    QCOMPARE(store->conversation(*copy)->title, QStringLiteral("Original (copy)"));
    QCOMPARE(store->messages(*copy).size(), 3);
    const auto path = store->activePath(*copy);
    QCOMPARE(path.size(), 2);
    QCOMPARE(path.at(1).content, QStringLiteral("first answer"));
    QCOMPARE(store->siblings(path.at(1).id).size(), 2);
    QVERIFY(path.at(1).id != a1);
    // Independent of the original.
    QVERIFY(store->deleteMessage(path.at(1).id));
    QCOMPARE(store->messages(c).size(), 3);
}

void TestConversationStore::branches()
{
    auto store = openStore();
    QVERIFY(store);
    QSignalSpy messagesChanged(store.get(), &ConversationStore::messagesChanged);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("Name a colour"));
    const auto a1 = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a1, ChatResult {QStringLiteral("red"), {}, {}, {}, {}}));
    const auto u2 = *store->addUserMessage(c, a1, QStringLiteral("Another"));
    // Regenerate: a sibling of a1, selected, hiding a1's replies.
    const auto a2 = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a2, ChatResult {QStringLiteral("blue"), {}, {}, {}, {}}));
    const auto a3 = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a3, ChatResult {QStringLiteral("green"), {}, {}, {}, {}}));
    QVERIFY(messagesChanged.size() >= 6);

    const auto contents = [&] {
        QStringList out;
        for (const StoredMessage& m : store->activePath(c))
            out.append(m.content);
        return out;
    };
    QCOMPARE(store->siblings(a2), (QList<qint64> {a1, a2, a3}));
    QCOMPARE(store->siblings(u), (QList<qint64> {u}));
    QVERIFY(store->siblings(999999).isEmpty());
    QCOMPARE(contents(), (QStringList {QStringLiteral("Name a colour"), QStringLiteral("green")}));

    QVERIFY(store->selectSibling(a1));
    QCOMPARE(
        contents(), (QStringList {QStringLiteral("Name a colour"), QStringLiteral("red"), QStringLiteral("Another")}));
    QCOMPARE(store->activePath(c).last().id, u2);
    QVERIFY(store->selectSibling(a2));
    QCOMPARE(contents(), (QStringList {QStringLiteral("Name a colour"), QStringLiteral("blue")}));
    QVERIFY(!store->selectSibling(999999));
    const QHash<qint64, QList<qint64>> children = store->childrenByParent(c);
    QCOMPARE(children.value(0), (QList<qint64> {u}));
    QCOMPARE(children.value(u), (QList<qint64> {a1, a2, a3}));
    QCOMPARE(children.value(a1), (QList<qint64> {u2}));
    QCOMPARE(children.size(), 3);

    // The choice is stored, not just remembered by this instance.
    store.reset();
    store = openStore();
    QCOMPARE(contents(), (QStringList {QStringLiteral("Name a colour"), QStringLiteral("blue")}));

    // A parent from another conversation is refused.
    const auto other = *store->createConversation();
    QVERIFY(!store->addUserMessage(other, a1, QStringLiteral("cross-linked")));
    QVERIFY(store->lastError().contains(QStringLiteral("not in this conversation")));
}

void TestConversationStore::editMakesSibling()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u1 = *store->addUserMessage(c, 0, QStringLiteral("Frist question"));
    const auto a1 = *store->beginAssistantMessage(c, u1, QStringLiteral("m"));
    QVERIFY(store->finishMessage(a1, ChatResult {QStringLiteral("answer one"), {}, {}, {}, {}}));
    const QJsonArray attachments {QJsonObject {{QStringLiteral("type"), QStringLiteral("file")},
        {QStringLiteral("name"), QStringLiteral("a.txt")}, {QStringLiteral("text"), QStringLiteral("hi")}}};
    const auto edited = store->editUserMessage(u1, QStringLiteral("First question"), attachments);
    QVERIFY(edited);
    QCOMPARE(store->siblings(*edited), (QList<qint64> {u1, *edited}));
    const auto path = store->activePath(c);
    QCOMPARE(path.size(), 1);
    QCOMPARE(path.first().content, QStringLiteral("First question"));
    QCOMPARE(path.first().attachments, attachments);
    QCOMPARE(store->message(u1)->content, QStringLiteral("Frist question")); // nothing erased
    QVERIFY(store->selectSibling(u1));
    QCOMPARE(store->activePath(c).size(), 2);
    QVERIFY(!store->editUserMessage(999999, QStringLiteral("x"), {}));
}

void TestConversationStore::selectDeepMessage()
{
    // Selecting any message (a search hit on a hidden branch) selects its ancestors too.
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("q"));
    const auto a1 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("a1")});
    const auto deep1 = *store->addUserMessage(c, a1, QStringLiteral("deep on branch one"));
    const auto deep2
        = *store->addMessage(StoredMessage {0, c, deep1, QStringLiteral("assistant"), QStringLiteral("r")});
    const auto a2 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("a2")});
    QCOMPARE(store->activePath(c).last().id, a2);
    QVERIFY(store->selectSibling(deep1));
    const auto path = store->activePath(c);
    QCOMPARE(path.size(), 4);
    QCOMPARE(path.at(1).id, a1);
    QCOMPARE(path.at(2).id, deep1);
    QCOMPARE(path.at(3).id, deep2);
}

void TestConversationStore::deleteMessageSubtree()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("root question"));
    const auto a1 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("alpha")});
    const auto u2 = *store->addUserMessage(c, a1, QStringLiteral("follow-up zebra"));
    QVERIFY(store->addMessage(StoredMessage {0, c, u2, QStringLiteral("assistant"), QStringLiteral("zebra answer")}));
    const auto a2 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("beta")});
    QVERIFY(store->selectSibling(a1));
    QCOMPARE(store->search(QStringLiteral("zebra")).size(), 2);

    QVERIFY(store->deleteMessage(a1));
    QCOMPARE(store->messages(c).size(), 2);
    QVERIFY(store->search(QStringLiteral("zebra")).isEmpty()); // the index followed
    // The deleted choice falls back to the remaining sibling.
    QCOMPARE(store->activePath(c).last().id, a2);
    QVERIFY(!store->deleteMessage(a1));
}

void TestConversationStore::restoreDeletedMessages()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("root question"));
    const QJsonArray attachments {QJsonObject {
        {QStringLiteral("type"), QStringLiteral("file")}, {QStringLiteral("name"), QStringLiteral("notes.txt")}}};
    const auto a1 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("alpha")});
    const auto u2 = *store->addUserMessage(c, a1, QStringLiteral("follow-up zebra"), attachments);
    const auto a3
        = *store->addMessage(StoredMessage {0, c, u2, QStringLiteral("assistant"), QStringLiteral("zebra answer")});
    const auto a2 = *store->addMessage(StoredMessage {0, c, u, QStringLiteral("assistant"), QStringLiteral("beta")});
    QVERIFY(store->selectSibling(a3));
    const QList<StoredMessage> before = store->activePath(c);

    ConversationStore::DeletedMessages removed;
    QVERIFY(store->deleteMessage(a1, &removed));
    QCOMPARE(removed.conversationId, c);
    QCOMPARE(removed.rootId, a1);
    QCOMPARE(removed.rows.size(), 3);
    QCOMPARE(store->activePath(c).last().id, a2);
    // Meanwhile a new message: its id is new, never one of the deleted.
    const auto later = *store->addUserMessage(c, a2, QStringLiteral("another question"));
    QVERIFY(later > a3);

    QVERIFY(store->restoreMessages(removed));
    QCOMPARE(store->messages(c).size(), 6);
    const QList<StoredMessage> after = store->activePath(c); // the restored branch is chosen again
    QCOMPARE(after.size(), before.size());
    for (int i = 0; i < after.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id);
        QCOMPARE(after.at(i).content, before.at(i).content);
        QCOMPARE(after.at(i).parentId, before.at(i).parentId);
        QCOMPARE(after.at(i).attachments, before.at(i).attachments);
        QCOMPARE(after.at(i).created, before.at(i).created);
    }
    QCOMPARE(store->search(QStringLiteral("zebra")).size(), 2); // indexed again

    // Not when the message it answered is gone (nor twice: the ids exist again).
    QVERIFY(!store->restoreMessages(removed));
    ConversationStore::DeletedMessages reply;
    QVERIFY(store->deleteMessage(a3, &reply));
    QVERIFY(store->deleteMessage(u2));
    QVERIFY(!store->restoreMessages(reply));
    QVERIFY(store->lastError().contains(QStringLiteral("answered")));
    QVERIFY(!store->message(a3));
}

void TestConversationStore::streamingIsThrottled()
{
    auto store = openStore();
    QVERIFY(store);
    store->setFlushInterval(200);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("Count"));
    const auto a = store->beginAssistantMessage(c, u, QStringLiteral("llama"), {{QStringLiteral("temperature"), 1}});
    QVERIFY(a);
    QCOMPARE(store->message(*a)->state, MessageState::Streaming);
    const QString sql = QStringLiteral("SELECT content FROM messages WHERE id = %1").arg(*a);

    store->appendToStreaming(*a, QStringLiteral("one "), QStringLiteral("thinking "));
    store->appendToStreaming(*a, QStringLiteral("two "));
    store->appendToStreaming(*a, {}, {}); // nothing, no write
    // Buffered: not on disk yet, but visible through the store.
    QVERIFY(store->hasPendingDeltas());
    QCOMPARE(readTextColumn(dbPath(), sql), QString());
    QCOMPARE(store->message(*a)->content, QStringLiteral("one two "));
    QCOMPARE(store->activePath(c).last().reasoning, QStringLiteral("thinking "));

    QTRY_VERIFY_WITH_TIMEOUT(!store->hasPendingDeltas(), 5000);
    QCOMPARE(readTextColumn(dbPath(), sql), QStringLiteral("one two "));
    store->appendToStreaming(*a, QStringLiteral("three"));
    QVERIFY(store->flush());
    QCOMPARE(readTextColumn(dbPath(), sql), QStringLiteral("one two three"));
    QCOMPARE(store->message(*a)->reasoning, QStringLiteral("thinking "));
    QCOMPARE(store->message(*a)->state, MessageState::Streaming);
}

void TestConversationStore::finishStoresEverything()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("Weather?"));
    const QJsonObject params {{QStringLiteral("temperature"), 0.2}};
    const auto a = *store->beginAssistantMessage(c, u, QStringLiteral("@cf/meta/llama-3.3"), params);
    store->appendToStreaming(a, QStringLiteral("partial"), QStringLiteral("hmm"));

    ChatResult result;
    result.content = QStringLiteral("It is sunny.");
    result.reasoning = QStringLiteral("hmm, check the sky");
    result.toolCalls
        = {ToolCall {QStringLiteral("call_1"), QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Oslo\"}")}};
    result.finishReason = QStringLiteral("tool_calls");
    result.usage = ChatJson::readUsage(
        QJsonObject {{QStringLiteral("prompt_tokens"), 12}, {QStringLiteral("completion_tokens"), 34}});
    const MessageTimings timings {150, 2200, 41.5};
    QSignalSpy changed(store.get(), &ConversationStore::conversationChanged);
    QVERIFY(store->finishMessage(a, result, timings));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!store->hasPendingDeltas());

    store.reset();
    store = openStore();
    const auto m = store->message(a);
    QVERIFY(m);
    QCOMPARE(m->state, MessageState::Complete);
    QCOMPARE(m->content, result.content);
    QCOMPARE(m->reasoning, result.reasoning);
    QCOMPARE(m->model, QStringLiteral("@cf/meta/llama-3.3"));
    QCOMPARE(m->parameters, params);
    QVERIFY(m->usage.valid);
    QCOMPARE(m->usage.promptTokens, 12);
    QCOMPARE(m->usage.completionTokens, 34);
    QCOMPARE(m->usage.totalTokens, 46);
    QCOMPARE(m->timings, timings);
    QCOMPARE(m->finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(m->toolCalls.size(), 1);
    QCOMPARE(m->toolCalls.first()[QStringLiteral("function")][QStringLiteral("name")].toString(),
        QStringLiteral("get_weather"));
    QCOMPARE(m->parentId, u);
    QCOMPARE(m->role, QStringLiteral("assistant"));

    // An empty result content keeps what streamed.
    const auto b = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    store->appendToStreaming(b, QStringLiteral("streamed text"));
    QVERIFY(store->finishMessage(b, ChatResult {}));
    QCOMPARE(store->message(b)->content, QStringLiteral("streamed text"));
    QVERIFY(!store->message(b)->usage.valid);
    QVERIFY(store->message(b)->timings.isEmpty());
    QVERIFY(!store->finishMessage(999999, ChatResult {}));
}

void TestConversationStore::failKeepsPartialText()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("Hi"));
    const auto a = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    store->appendToStreaming(a, QStringLiteral("Hello, I"));
    QVERIFY(store->failMessage(a, QStringLiteral("429 Too Many Requests: daily allocation used")));
    const auto m = store->message(a);
    QCOMPARE(m->state, MessageState::Error);
    QCOMPARE(m->content, QStringLiteral("Hello, I"));
    QCOMPARE(m->error, QStringLiteral("429 Too Many Requests: daily allocation used"));
    QVERIFY(!store->failMessage(999999, QStringLiteral("x")));

    // Stopped by the user: what arrived (flushed or not) stays, the reply is interrupted.
    const auto b = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    store->appendToStreaming(b, QStringLiteral("Partial"), QStringLiteral("thinking"));
    QVERIFY(store->interruptMessage(b));
    QVERIFY(!store->hasPendingDeltas());
    const auto stopped = store->message(b);
    QCOMPARE(stopped->state, MessageState::Interrupted);
    QCOMPARE(stopped->content, QStringLiteral("Partial"));
    QCOMPARE(stopped->reasoning, QStringLiteral("thinking"));
    QVERIFY(stopped->error.isEmpty());
    QVERIFY(!store->interruptMessage(999999));
}

void TestConversationStore::destroyedMidStream()
{
    qint64 reply = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        const auto c = *store->createConversation();
        const auto u = *store->addUserMessage(c, 0, QStringLiteral("Tell a story"));
        reply = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
        store->appendToStreaming(reply, QStringLiteral("Once upon"), QStringLiteral("plot"));
        store->appendToStreaming(reply, QStringLiteral(" a time"));
        // Destroyed without finish: the pending delta must reach the file.
    }
    auto store = openStore();
    QVERIFY(store);
    const auto m = store->message(reply);
    QCOMPARE(m->content, QStringLiteral("Once upon a time"));
    QCOMPARE(m->reasoning, QStringLiteral("plot"));
    QCOMPARE(m->state, MessageState::Interrupted);
}

void TestConversationStore::killedMidStream()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kChildArgument), dbPath()});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));

    qint64 reply = 0;
    qint64 flushed = 0;
    int flushes = 0;
    QElapsedTimer timer;
    timer.start();
    while (flushes < 3 && timer.elapsed() < 20000) {
        if (!child.canReadLine() && !child.waitForReadyRead(1000))
            continue;
        while (child.canReadLine()) {
            const QList<QByteArray> words = child.readLine().trimmed().split(' ');
            if (words.value(0) == "ready") {
                reply = words.value(1).toLongLong();
            } else if (words.value(0) == "flushed") {
                flushed = words.value(1).toLongLong();
                ++flushes;
            }
        }
    }
    QVERIFY2(flushes >= 3, "the child did not report its writes");
    child.kill(); // SIGKILL: no destructor, no flush
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    auto store = openStore();
    QVERIFY(store);
    const auto m = store->message(reply);
    QVERIFY(m);
    QCOMPARE(m->state, MessageState::Interrupted);
    // Everything reported as written is there, and only what was sent, in order.
    QVERIFY2(m->content.size() >= flushed, qPrintable(QStringLiteral("%1 < %2").arg(m->content.size()).arg(flushed)));
    QVERIFY(childText(static_cast<int>(m->content.size() / 10 + 2)).startsWith(m->content));
    QVERIFY(store->search(QStringLiteral("chunk0001")).size() == 1);
}

void TestConversationStore::resumeAppends()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("Go"));
    const auto a = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    store->appendToStreaming(a, QStringLiteral("first half, "));
    store.reset();
    store = openStore();
    QCOMPARE(store->message(a)->state, MessageState::Interrupted);
    QVERIFY(store->resumeMessage(a));
    QCOMPARE(store->message(a)->state, MessageState::Streaming);
    store->appendToStreaming(a, QStringLiteral("second half"));
    QVERIFY(store->finishMessage(a, ChatResult {}));
    QCOMPARE(store->message(a)->content, QStringLiteral("first half, second half"));
    QCOMPARE(store->message(a)->state, MessageState::Complete);
}

void TestConversationStore::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expectedContents"); // the hits' message contents, any order
    QTest::addColumn<QString>("marked"); // a part every snippet marks, or empty

    const QString en1 = QStringLiteral("The write-ahead log lets readers continue while a writer appends.");
    const QString en2 = QStringLiteral("Checkpoints move pages from the log back into the database file.");
    const QString zh1 = QString::fromUtf8("我们今天用中文讨论全文检索的实现。");
    const QString zh2 = QString::fromUtf8("三元组分词器可以匹配任意中文子串。");
    QTest::newRow("english word") << "readers" << QStringList {en1} << "readers";
    QTest::newRow("english, case-insensitive") << "CHECKPOINTS" << QStringList {en2} << "Checkpoints";
    QTest::newRow("two words, both required") << "log writer" << QStringList {en1} << "log";
    QTest::newRow("word in both") << "log" << QStringList {en1, en2} << "log";
    QTest::newRow("chinese, three characters")
        << QString::fromUtf8("全文检索") << QStringList {zh1} << QString::fromUtf8("全文检索");
    QTest::newRow("chinese, two characters")
        << QString::fromUtf8("中文") << QStringList {zh1, zh2} << QString::fromUtf8("中文");
    QTest::newRow("chinese, one character") << QString::fromUtf8("串") << QStringList {zh2} << QString::fromUtf8("串");
    // Substring matching with more than one term: each term is bound once and used twice.
    QTest::newRow("two short terms, both required")
        << QString::fromUtf8("中文 子串") << QStringList {zh2} << QString::fromUtf8("子串");
    QTest::newRow("short latin term") << "Qt" << QStringList {QStringLiteral("Qt widgets draw this.")} << "Qt";
    QTest::newRow("in reasoning") << "pondering" << QStringList {QStringLiteral("Final answer.")} << "pondering";
    QTest::newRow("no match") << "kumquat" << QStringList {} << "";
    QTest::newRow("empty query") << "   " << QStringList {} << "";
}

void TestConversationStore::search()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expectedContents);
    QFETCH(QString, marked);

    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    qint64 parent = 0;
    for (const QString& text : {QStringLiteral("The write-ahead log lets readers continue while a writer appends."),
             QStringLiteral("Checkpoints move pages from the log back into the database file."),
             QString::fromUtf8("我们今天用中文讨论全文检索的实现。"),
             QString::fromUtf8("三元组分词器可以匹配任意中文子串。"), QStringLiteral("Qt widgets draw this.")}) {
        parent = *store->addUserMessage(c, parent, text);
    }
    const auto a = *store->beginAssistantMessage(c, parent, QStringLiteral("m"));
    QVERIFY(store->finishMessage(
        a, ChatResult {QStringLiteral("Final answer."), QStringLiteral("Still pondering it"), {}, {}, {}}));

    const QList<SearchHit> hits = store->search(query);
    QStringList contents;
    for (const SearchHit& hit : hits) {
        QCOMPARE(hit.conversationId, c);
        contents.append(store->message(hit.messageId)->content);
        if (!marked.isEmpty()) {
            QVERIFY2(hit.snippet.contains(SearchHit::kMarkStart + marked + SearchHit::kMarkEnd)
                    || hit.snippet.contains(SearchHit::kMarkStart + marked.toLower() + SearchHit::kMarkEnd),
                qPrintable(hit.snippet));
            QVERIFY(hit.snippetHtml().contains(QStringLiteral("<b>")));
        }
    }
    contents.sort();
    expectedContents.sort();
    QCOMPARE(contents, expectedContents);
    QCOMPARE(store->search(query, 1).size(), std::min<qsizetype>(1, expectedContents.size()));
}

void TestConversationStore::searchSpecialCharacters_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("double quote") << "\"hello\"";
    QTest::newRow("unbalanced quote") << "\"hello";
    QTest::newRow("operators") << "AND (c++";
    QTest::newRow("NEAR") << "NEAR(x";
    QTest::newRow("star") << "c++ *";
    QTest::newRow("sql") << "'; DROP TABLE messages; --";
    QTest::newRow("minus and caret") << "-minus ^caret";
    QTest::newRow("like wildcards") << "100% under_score";
    QTest::newRow("backslash") << "back\\slash";
    QTest::newRow("colon column filter") << "content:zz";
    QTest::newRow("html") << "<b>bold</b>";
    // Single characters take the substring path: LIKE's own wildcards must stay literal.
    QTest::newRow("percent alone") << "%";
    QTest::newRow("underscore alone") << "_";
    QTest::newRow("backslash alone") << "\\";
}

void TestConversationStore::searchSpecialCharacters()
{
    QFETCH(QString, query);
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const QString special
        = QStringLiteral("He said \"hello\" AND (c++ * NEAR(x 'x'; DROP TABLE messages; -- -minus ^caret "
                         "100% under_score back\\slash content:zz <b>bold</b>");
    const auto id = *store->addUserMessage(c, 0, special);
    QVERIFY(store->addUserMessage(c, id, QStringLiteral("100 percent under score, plain words")));
    const QList<SearchHit> hits = store->search(query);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().messageId, id);
    QVERIFY(!hits.first().snippetHtml().contains(QStringLiteral("<b>bold</b>"))); // escaped
    QCOMPARE(store->messages(c).size(), 2);
}

void TestConversationStore::searchSkipsDeletedAndFollowsEdits()
{
    auto store = openStore();
    QVERIFY(store);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("hello"));
    const auto a = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    store->appendToStreaming(a, QStringLiteral("streamed platypus "));
    QVERIFY(store->flush());
    // A reply is indexed when it stops streaming, with its final text.
    QVERIFY(store->search(QStringLiteral("platypus")).isEmpty());
    QVERIFY(store->finishMessage(a, ChatResult {QStringLiteral("final wombat"), {}, {}, {}, {}}));
    QVERIFY(store->search(QStringLiteral("platypus")).isEmpty());
    QCOMPARE(store->search(QStringLiteral("wombat")).size(), 1);
    // Continue: out of the index while it streams again, back in with the longer text.
    QVERIFY(store->resumeMessage(a));
    QVERIFY(store->search(QStringLiteral("wombat")).isEmpty());
    store->appendToStreaming(a, QStringLiteral(" and koala"));
    QVERIFY(store->finishMessage(a, ChatResult {}));
    QCOMPARE(store->search(QStringLiteral("wombat koala")).size(), 1);
    QSqlQuery check(QSqlDatabase::database(store->connectionName()));
    QVERIFY2(check.exec(QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")),
        qPrintable(check.lastError().text()));
    QVERIFY(store->deleteConversation(c));
    QVERIFY(store->search(QStringLiteral("wombat")).isEmpty());
}

void TestConversationStore::writeErrors_data()
{
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("expected");
    QTest::newRow("locked") << "locked"
                            << "locked by another program";
    QTest::newRow("read-only") << "readonly"
                               << "read-only";
    QTest::newRow("disk full") << "full"
                               << "disk is full";
}

void TestConversationStore::writeErrors()
{
    QFETCH(QString, cause);
    QFETCH(QString, expected);
    auto store = openStore();
    QVERIFY(store);
    store->setBusyTimeout(50);
    const auto c = *store->createConversation();
    const auto first = *store->addUserMessage(c, 0, QStringLiteral("before the trouble"));

    QSqlDatabase own = QSqlDatabase::database(store->connectionName());
    const QString otherName = QStringLiteral("locker");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), otherName);
        other.setDatabaseName(dbPath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QSqlQuery mine(own);
        if (cause == QLatin1String("locked")) {
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        } else if (cause == QLatin1String("readonly")) {
            QVERIFY(mine.exec(QStringLiteral("PRAGMA query_only = ON")));
        } else {
            // Fill the file to a page cap: the next page SQLite needs is "disk full".
            QVERIFY(mine.exec(QStringLiteral("PRAGMA page_count")) && mine.next());
            const int pages = mine.value(0).toInt();
            mine.finish();
            QVERIFY(mine.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        }

        const QString big = QString(64 * 1024, QLatin1Char('w'));
        QVERIFY(!store->addUserMessage(c, first, big));
        QVERIFY2(store->lastError().contains(expected), qPrintable(store->lastError()));
        QVERIFY2(store->lastError().contains(QStringLiteral("Saving the message")), qPrintable(store->lastError()));
        QVERIFY(!store->renameConversation(c, big));
        QVERIFY(!store->setDraft(c, big));
        QVERIFY(store->lastError().contains(expected));
        // Reading still works, and nothing was half-written.
        QCOMPARE(store->messages(c).size(), 1);
        QCOMPARE(store->conversations().size(), 1);

        if (cause == QLatin1String("locked"))
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        else if (cause == QLatin1String("readonly"))
            QVERIFY(mine.exec(QStringLiteral("PRAGMA query_only = OFF")));
        else
            QVERIFY(mine.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        lock.finish();
        mine.finish();
        other.close();
    }
    QSqlDatabase::removeDatabase(otherName);

    // The cause gone, the same text can be saved.
    QVERIFY2(store->addUserMessage(c, first, QStringLiteral("after the trouble")), qPrintable(store->lastError()));
    QCOMPARE(store->messages(c).size(), 2);
}

void TestConversationStore::flushFailureKeepsText()
{
    auto store = openStore();
    QVERIFY(store);
    store->setBusyTimeout(20);
    store->setFlushInterval(20);
    const auto c = *store->createConversation();
    const auto u = *store->addUserMessage(c, 0, QStringLiteral("q"));
    const auto a = *store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QSignalSpy failed(store.get(), &ConversationStore::writeFailed);
    QSqlQuery mine(QSqlDatabase::database(store->connectionName()));
    QVERIFY(mine.exec(QStringLiteral("PRAGMA query_only = ON")));

    store->appendToStreaming(a, QStringLiteral("kept "));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("read-only")));
    QVERIFY(store->hasPendingDeltas());
    store->appendToStreaming(a, QStringLiteral("in memory"));
    QVERIFY(!store->finishMessage(a, ChatResult {}));
    QCOMPARE(store->message(a)->content, QStringLiteral("kept in memory"));

    QVERIFY(mine.exec(QStringLiteral("PRAGMA query_only = OFF")));
    QVERIFY2(store->finishMessage(a, ChatResult {}), qPrintable(store->lastError()));
    QCOMPARE(store->message(a)->content, QStringLiteral("kept in memory"));
    QCOMPARE(store->message(a)->state, MessageState::Complete);
}

void TestConversationStore::loadLongConversation()
{
    constexpr int kMessages = 2000;
    qint64 id = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        QList<StoredMessage> chain;
        for (int i = 0; i < kMessages; ++i) {
            StoredMessage m;
            m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
            m.content = QStringLiteral("Message %1. ").arg(i)
                + QStringLiteral("Some **Markdown** with `code` and a sentence of ordinary length. ").repeated(8);
            if (i % 2) {
                m.model = QStringLiteral("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
                m.usage = ChatJson::readUsage(
                    QJsonObject {{QStringLiteral("prompt_tokens"), i}, {QStringLiteral("completion_tokens"), 120}});
                m.timings = {300, 4000, 30.5};
            }
            chain.append(m);
        }
        QElapsedTimer write;
        write.start();
        const auto inserted = store->insertConversation(Conversation {}, chain);
        QVERIFY2(inserted, qPrintable(store->lastError()));
        id = *inserted;
        qInfo("wrote %d messages in one transaction: %lld ms", kMessages, static_cast<long long>(write.elapsed()));
    }

    QElapsedTimer timer;
    timer.start();
    auto store = openStore();
    QVERIFY(store);
    const qint64 openMs = timer.elapsed();
    timer.restart();
    const QList<StoredMessage> path = store->activePath(id);
    const qint64 loadMs = timer.elapsed();
    QCOMPARE(path.size(), kMessages);
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(path.at(i).content.startsWith(QStringLiteral("Message %1.").arg(i)));
    QCOMPARE(path.last().usage.completionTokens, 120);
    qInfo("open: %lld ms, activePath of %d messages: %lld ms", static_cast<long long>(openMs), kMessages,
        static_cast<long long>(loadMs));

    // The statement activePath() runs, with its bind value, finds the conversation's rows through
    // messages_by_conversation: no scan of the whole table, and id order comes from the index
    // (rowid order within one key), not from sorting in a temporary b-tree.
    QSqlQuery plan(QSqlDatabase::database(store->connectionName()));
    QVERIFY(plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + MessageTree::activePathSql()));
    MessageTree::bindActivePath(plan, id);
    QVERIFY2(plan.exec(), qPrintable(plan.lastError().text()));
    QStringList steps;
    while (plan.next())
        steps.append(plan.value(3).toString());
    const QString explained = steps.join(QLatin1Char('\n'));
    // SQLite before 3.36 wrote "SEARCH TABLE messages ..."
    static const QRegularExpression indexSearch(
        QStringLiteral("^SEARCH (TABLE )?messages USING INDEX messages_by_conversation \\(conversation_id=\\?\\)$"));
    QVERIFY2(
        std::any_of(steps.cbegin(), steps.cend(), [](const QString& s) { return indexSearch.match(s).hasMatch(); }),
        qPrintable(explained));
    QVERIFY2(!explained.contains(QStringLiteral("SCAN")), qPrintable(explained));
    QVERIFY2(!explained.contains(QStringLiteral("TEMP B-TREE")), qPrintable(explained));
}

int main(int argc, char** argv)
{
    if (argc >= 3 && qstrcmp(argv[1], kChildArgument) == 0) {
        QCoreApplication app(argc, argv);
        return runStreamingChild(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestConversationStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_conversationstore.moc"
