// The window's conversations end to end: real widgets, a real SQLite file, the fake Workers AI
// over real sockets. Replies are stored as they stream and come back after a restart; a reply
// left streaming by a killed process shows as interrupted with Continue; regenerate and edit make
// versions that ◀ ▶ switch between; search opens a conversation at the hit; export and import
// round-trip; delete has Undo.
#include "ConversationSidebar.h"
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "WindowFixture.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "storage/ConversationListModel.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

class TestConversations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void repliesAreStoredAndSurviveRestart();
    void streamingReplyIsSavedAsItGrows();
    void killedMidStreamShowsInterruptedAndContinues();
    void stopThenContinue();
    void regenerateMakesVersions();
    void editMakesVersions();
    void deleteMessageRemovesItsReplies();
    void searchOpensTheHit();
    void exportImportRoundTrip();
    void deleteConversationWithUndo();
    void renamePinDuplicate();
    void attachmentsReachTheModel();
    void storeFailureKeepsTheText();

private:
    void openWindow();
    void addModelTesters();
    void closeWindow();
    void sendText(const QString& text);
    void waitIdle();
    void clickAction(int row, TranscriptDelegate::Action action);
    ChatController* controller() const { return m_f.window->chatPane()->controller(); }
    TranscriptModel* transcript() const { return m_f.window->chatPane()->transcript(); }
    QString dbPath() const { return m_f.dbPath(); }

    flarechat::test::WindowFixture m_f;
};

void TestConversations::init()
{
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
    addModelTesters();
}

void TestConversations::cleanup()
{
    m_f.stop();
}

void TestConversations::openWindow()
{
    QVERIFY2(m_f.openWindow(), qPrintable(m_f.error));
    addModelTesters();
}

void TestConversations::addModelTesters()
{
    new QAbstractItemModelTester(
        transcript(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_f.window.get());
    new QAbstractItemModelTester(
        controller()->conversationList(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_f.window.get());
}

void TestConversations::closeWindow()
{
    m_f.closeWindow();
}

void TestConversations::sendText(const QString& text)
{
    ComposerEdit* edit = m_f.window->chatPane()->composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestConversations::waitIdle()
{
    QTRY_VERIFY(!controller()->isBusy());
}

void TestConversations::clickAction(int row, TranscriptDelegate::Action action)
{
    TranscriptView* view = m_f.window->chatPane()->transcriptView();
    view->revealRow(row);
    QRect rect;
    // Hover actions are painted only under the pointer, but their places are always known.
    QTRY_VERIFY((rect = view->actionRect(row, action)).isValid());
    QTest::mouseMove(view->viewport(), rect.center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
}

void TestConversations::repliesAreStoredAndSurviveRestart()
{
    sendText(QStringLiteral("remember this"));
    waitIdle();
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: remember this"));
    const qint64 id = controller()->currentConversation();
    const QList<StoredMessage> stored = m_f.store->activePath(id);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).content, QStringLiteral("remember this"));
    QCOMPARE(stored.at(1).content, QStringLiteral("You said: remember this"));
    QCOMPARE(stored.at(1).state, MessageState::Complete);
    QVERIFY(stored.at(1).usage.valid);
    QVERIFY(stored.at(1).timings.durationMs >= 0);
    QVERIFY(stored.at(1).timings.ttftMs >= 0);
    QCOMPARE(m_f.store->summary(id)->title, QStringLiteral("remember this"));

    closeWindow();
    openWindow();
    // A restart opens an empty conversation; the old one is in the list and opens with its messages.
    auto* list = qobject_cast<ConversationListModel*>(controller()->conversationList());
    QVERIFY(list);
    const int row = list->rowOf(id);
    QVERIFY(row >= 0);
    QCOMPARE(list->index(row).data().toString(), QStringLiteral("remember this"));
    QListView* view = m_f.window->sidebar()->list();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(list->index(row)).center());
    QCOMPARE(controller()->currentConversation(), id);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: remember this"));
    QVERIFY(transcript()->at(1).usage.valid);

    // And the conversation goes on with its history.
    sendText(QStringLiteral("and this"));
    waitIdle();
    QCOMPARE(m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray().size(), 3);
}

void TestConversations::streamingReplyIsSavedAsItGrows()
{
    m_f.store->setFlushInterval(50);
    m_f.fake->setTokenDelayMs(60);
    sendText(QStringLiteral("one two three four five six seven eight"));
    const qint64 id = controller()->currentConversation();
    // Before the reply ends, another connection to the file already sees part of it.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reader"));
    db.setDatabaseName(dbPath());
    QVERIFY(db.open());
    QString state;
    QString content;
    const auto read = [&] {
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("SELECT state, content FROM messages WHERE conversation_id = ? AND role = 'assistant'"));
        q.addBindValue(id);
        if (q.exec() && q.next()) {
            state = q.value(0).toString();
            content = q.value(1).toString();
        }
        return !content.isEmpty();
    };
    QTRY_VERIFY(read());
    QCOMPARE(state, QStringLiteral("streaming"));
    QVERIFY2(
        QStringLiteral("You said: one two three four five six seven eight").startsWith(content), qPrintable(content));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("reader"));
    QVERIFY(controller()->isBusy());
    waitIdle();
}

void TestConversations::killedMidStreamShowsInterruptedAndContinues()
{
    // What a process killed mid-reply leaves behind: a reply row still in state streaming.
    const qint64 id = *m_f.store->createConversation();
    const qint64 question = *m_f.store->addUserMessage(id, 0, QStringLiteral("count to ten"));
    closeWindow();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("killer"));
        db.setDatabaseName(dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content, model, state, "
                                 "created_at) VALUES (?, ?, 'assistant', 'one two three', 'llama-4-scout', "
                                 "'streaming', 0)"));
        q.addBindValue(id);
        q.addBindValue(question);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("killer"));
    openWindow();
    controller()->openConversation(id);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Interrupted);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("one two three"));
    QVERIFY(TranscriptModel::metaText(transcript()->at(1)).contains(QStringLiteral("stopped")));

    m_f.fake->enqueue(FakeWorkersAi::legacyStream({QStringLiteral(" four"), QStringLiteral(" five")}));
    clickAction(1, TranscriptDelegate::Action::Continue);
    waitIdle();
    // The model was given its own words to go on from, and the reply is one message again.
    const QJsonArray sent = m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.last()[QStringLiteral("role")].toString(), QStringLiteral("assistant"));
    QCOMPARE(sent.last()[QStringLiteral("content")].toString(), QStringLiteral("one two three"));
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("one two three four five"));
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(m_f.store->activePath(id).last().content, QStringLiteral("one two three four five"));
    QCOMPARE(m_f.store->activePath(id).last().state, MessageState::Complete);
}

void TestConversations::stopThenContinue()
{
    m_f.fake->setTokenDelayMs(80);
    sendText(QStringLiteral("tell me a long story about the sea and the wind"));
    QTRY_VERIFY(!transcript()->at(1).content.isEmpty());
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Escape);
    QCOMPARE(transcript()->at(1).state, TranscriptMessage::State::Interrupted);
    const QString partial = transcript()->at(1).content;
    const qint64 id = controller()->currentConversation();
    QCOMPARE(m_f.store->activePath(id).last().state, MessageState::Interrupted);
    QCOMPARE(m_f.store->activePath(id).last().content, partial);

    m_f.fake->setTokenDelayMs(0);
    m_f.fake->enqueue(FakeWorkersAi::legacyStream({QStringLiteral(" THE END")}));
    clickAction(1, TranscriptDelegate::Action::Continue);
    waitIdle();
    QCOMPARE(transcript()->at(1).content, partial + QStringLiteral(" THE END"));
}

void TestConversations::regenerateMakesVersions()
{
    m_f.fake->enqueue(FakeWorkersAi::legacyStream({QStringLiteral("first answer")}));
    sendText(QStringLiteral("name a colour"));
    waitIdle();
    QCOMPARE(transcript()->at(1).content, QStringLiteral("first answer"));
    QCOMPARE(transcript()->at(1).branchCount, 1);

    m_f.fake->enqueue(FakeWorkersAi::legacyStream({QStringLiteral("second answer")}));
    clickAction(1, TranscriptDelegate::Action::Regenerate);
    QTRY_COMPARE(transcript()->at(1).branchCount, 2);
    waitIdle();
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("second answer"));
    QCOMPARE(transcript()->at(1).branchIndex, 2);
    // The regenerated request did not carry the first answer.
    QCOMPARE(m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray().size(), 1);

    clickAction(1, TranscriptDelegate::Action::PreviousVersion);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("first answer"));
    QCOMPARE(transcript()->at(1).branchIndex, 1);
    QVERIFY(!m_f.window->chatPane()
                 ->transcriptView()
                 ->actionRect(1, TranscriptDelegate::Action::PreviousVersion)
                 .isEmpty());

    // The choice is stored: a restart shows the same version.
    const qint64 id = controller()->currentConversation();
    closeWindow();
    openWindow();
    controller()->openConversation(id);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("first answer"));
    clickAction(1, TranscriptDelegate::Action::NextVersion);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("second answer"));

    // Follow-ups go under the version shown.
    sendText(QStringLiteral("why?"));
    waitIdle();
    const QJsonArray sent = m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent.at(1)[QStringLiteral("content")].toString(), QStringLiteral("second answer"));
}

void TestConversations::editMakesVersions()
{
    sendText(QStringLiteral("what is 2+2"));
    waitIdle();
    sendText(QStringLiteral("and 3+3"));
    waitIdle();
    QCOMPARE(transcript()->rowCount(), 4);

    clickAction(0, TranscriptDelegate::Action::Edit);
    Composer* composer = m_f.window->chatPane()->composer();
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->text(), QStringLiteral("what is 2+2"));
    composer->setText(QStringLiteral("what is 5+5"));
    QTest::keyClick(composer->edit(), Qt::Key_Return);
    waitIdle();
    // The edited question starts a new line of the conversation; the old one is kept.
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(0).content, QStringLiteral("what is 5+5"));
    QCOMPARE(transcript()->at(0).branchIndex, 2);
    QCOMPARE(transcript()->at(0).branchCount, 2);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: what is 5+5"));

    clickAction(0, TranscriptDelegate::Action::PreviousVersion);
    QCOMPARE(transcript()->rowCount(), 4);
    QCOMPARE(transcript()->at(0).content, QStringLiteral("what is 2+2"));
    QCOMPARE(transcript()->at(3).content, QStringLiteral("You said: and 3+3"));
}

void TestConversations::deleteMessageRemovesItsReplies()
{
    sendText(QStringLiteral("first"));
    waitIdle();
    sendText(QStringLiteral("second"));
    waitIdle();
    clickAction(2, TranscriptDelegate::Action::Delete);
    QCOMPARE(transcript()->rowCount(), 2);
    const qint64 conversation = controller()->currentConversation();
    QCOMPARE(m_f.store->activePath(conversation).size(), 2);

    // Undo in the status bar puts both back, as they were, even from another conversation.
    QCOMPARE(m_f.window->statusText(), QStringLiteral("Message and its reply deleted."));
    QVERIFY(m_f.window->undoButton()->isVisible());
    controller()->newConversation();
    QTest::mouseClick(m_f.window->undoButton(), Qt::LeftButton);
    QVERIFY(!m_f.window->undoButton()->isVisible());
    QCOMPARE(controller()->currentConversation(), conversation);
    QCOMPARE(transcript()->rowCount(), 4);
    QCOMPARE(transcript()->at(2).content, QStringLiteral("second"));
    QCOMPARE(transcript()->at(3).content, QStringLiteral("You said: second"));
    QCOMPARE(m_f.store->activePath(conversation).size(), 4);

    // A lone reply: "Message deleted.", and undone too.
    clickAction(3, TranscriptDelegate::Action::Delete);
    QCOMPARE(transcript()->rowCount(), 3);
    QCOMPARE(m_f.window->statusText(), QStringLiteral("Message deleted."));
    QTest::mouseClick(m_f.window->undoButton(), Qt::LeftButton);
    QCOMPARE(transcript()->rowCount(), 4);
}

void TestConversations::searchOpensTheHit()
{
    sendText(QStringLiteral("the capital of France"));
    waitIdle();
    for (int i = 0; i < 6; ++i) {
        sendText(QStringLiteral("filler message %1").arg(i));
        waitIdle();
    }
    const qint64 first = controller()->currentConversation();
    controller()->newConversation();
    sendText(QStringLiteral("something else entirely"));
    waitIdle();
    QVERIFY(controller()->currentConversation() != first);

    ConversationSidebar* sidebar = m_f.window->sidebar();
    QTest::keyClick(m_f.window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(sidebar->searchField()->hasFocus());
    QTest::keyClicks(sidebar->searchField(), QStringLiteral("capital"));
    QListWidget* results = sidebar->searchResults();
    QTRY_VERIFY(results->isVisible() && results->count() >= 1);
    QListWidgetItem* hit = results->item(0);
    QVERIFY(hit->flags() & Qt::ItemIsEnabled);
    QVERIFY(hit->data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("capital of France")));
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualItemRect(hit).center());
    QCOMPARE(controller()->currentConversation(), first);
    QCOMPARE(transcript()->at(0).content, QStringLiteral("the capital of France"));

    // Nothing found says so; Esc brings the list back.
    sidebar->searchField()->setFocus();
    sidebar->searchField()->selectAll();
    QTest::keyClicks(sidebar->searchField(), QStringLiteral("zebra crossing"));
    QTRY_COMPARE(results->count(), 1);
    QVERIFY(!(results->item(0)->flags() & Qt::ItemIsEnabled));
    QTest::keyClick(sidebar->searchField(), Qt::Key_Escape);
    QVERIFY(sidebar->list()->isVisible());
}

void TestConversations::exportImportRoundTrip()
{
    controller()->setSystemPrompt(QStringLiteral("Be brief."));
    sendText(QStringLiteral("export me"));
    waitIdle();
    const qint64 id = controller()->currentConversation();
    const QString json = m_f.dir->filePath(QStringLiteral("out.json"));
    const QString md = m_f.dir->filePath(QStringLiteral("out.md"));
    QVERIFY(m_f.window->exportConversation(id, json));
    QVERIFY(m_f.window->exportConversation(id, md));
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(mdFile.readAll());
    QVERIFY2(markdown.contains(QStringLiteral("export me")) && markdown.contains(QStringLiteral("You said: export me")),
        qPrintable(markdown));

    const std::optional<qint64> imported = m_f.window->importConversation(json);
    QVERIFY(imported);
    QVERIFY(*imported != id);
    QCOMPARE(controller()->currentConversation(), *imported);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(1).content, QStringLiteral("You said: export me"));
    QCOMPARE(controller()->conversation().systemPrompt, QStringLiteral("Be brief."));

    // A file that is not a conversation is refused with a reason, and nothing is added.
    const QString bad = m_f.dir->filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("{not json");
    badFile.close();
    const int before = controller()->conversationList()->rowCount();
    QVERIFY(!m_f.window->importConversation(bad));
    QVERIFY2(m_f.window->statusText().contains(QStringLiteral("bad.json")), qPrintable(m_f.window->statusText()));
    QCOMPARE(controller()->conversationList()->rowCount(), before);
    QVERIFY(!m_f.window->exportConversation(id, m_f.dir->filePath(QStringLiteral("no/such/dir/x.md"))));

    m_f.window->copyConversation();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("export me")));
}

void TestConversations::deleteConversationWithUndo()
{
    sendText(QStringLiteral("delete me"));
    waitIdle();
    const qint64 id = controller()->currentConversation();
    auto* list = qobject_cast<ConversationListModel*>(controller()->conversationList());
    QVERIFY(list->rowOf(id) >= 0);
    QVERIFY(controller()->deleteConversation(id));
    QCOMPARE(list->rowOf(id), -1);
    QVERIFY(controller()->currentConversation() != id);
    QVERIFY(m_f.window->undoButton()->isVisible());
    QVERIFY(m_f.window->statusText().contains(QStringLiteral("delete me")));
    QTest::mouseClick(m_f.window->undoButton(), Qt::LeftButton);
    QVERIFY(list->rowOf(id) >= 0);
    QCOMPARE(controller()->currentConversation(), id);
    QCOMPARE(transcript()->rowCount(), 2);
}

void TestConversations::renamePinDuplicate()
{
    sendText(QStringLiteral("older"));
    waitIdle();
    const qint64 older = controller()->currentConversation();
    controller()->newConversation();
    sendText(QStringLiteral("newer"));
    waitIdle();
    auto* list = qobject_cast<ConversationListModel*>(controller()->conversationList());
    QCOMPARE(list->idAt(0), controller()->currentConversation());
    QVERIFY(controller()->setPinned(older, true));
    QCOMPARE(list->idAt(0), older);
    QVERIFY(controller()->renameConversation(older, QStringLiteral("  Renamed   one ")));
    QCOMPARE(list->index(0).data().toString(), QStringLiteral("Renamed one"));
    const std::optional<qint64> copy = controller()->duplicateConversation(older);
    QVERIFY(copy);
    QCOMPARE(controller()->currentConversation(), *copy);
    QCOMPARE(transcript()->rowCount(), 2);
    QCOMPARE(transcript()->at(0).content, QStringLiteral("older"));
}

void TestConversations::attachmentsReachTheModel()
{
    controller()->setModel(QStringLiteral("llama-4-scout"));
    const QString png = QStringLiteral("data:image/png;base64,iVBORw0KGgo=");
    const QJsonArray attachments {
        QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
            {QStringLiteral("name"), QStringLiteral("dot.png")}, {QStringLiteral("url"), png}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("file")},
            {QStringLiteral("name"), QStringLiteral("notes.txt")},
            {QStringLiteral("text"), QStringLiteral("buy milk")}},
    };
    QVERIFY(controller()->send(QStringLiteral("what is in these?"), attachments));
    waitIdle();
    const QJsonArray messages = m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray();
    const QJsonArray parts = messages.last()[QStringLiteral("content")].toArray();
    QVERIFY2(!parts.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(messages).toJson())));
    QString text;
    QString image;
    for (const QJsonValue& p : parts) {
        if (p[QStringLiteral("type")].toString() == QLatin1String("text"))
            text += p[QStringLiteral("text")].toString();
        else if (p[QStringLiteral("type")].toString() == QLatin1String("image_url"))
            image = p[QStringLiteral("image_url")][QStringLiteral("url")].toString();
    }
    QCOMPARE(image, png);
    QVERIFY2(text.contains(QStringLiteral("notes.txt")) && text.contains(QStringLiteral("buy milk"))
            && text.contains(QStringLiteral("what is in these?")),
        qPrintable(text));
    QCOMPARE(transcript()->at(0).attachments, (QStringList {QStringLiteral("dot.png"), QStringLiteral("notes.txt")}));
    QVERIFY(TranscriptModel::metaText(transcript()->at(0)).contains(QStringLiteral("dot.png")));
}

void TestConversations::storeFailureKeepsTheText()
{
    sendText(QStringLiteral("works"));
    waitIdle();
    // Another program holds the database's write lock: the message cannot be saved.
    m_f.store->setBusyTimeout(50);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
    db.setDatabaseName(dbPath());
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
        const int requests = int(m_f.fake->runRequests().size());
        sendText(QStringLiteral("this must not be lost"));
        QCOMPARE(m_f.window->chatPane()->composer()->text(), QStringLiteral("this must not be lost"));
        QVERIFY2(!m_f.window->statusText().isEmpty(), "the failure is explained");
        QCOMPARE(int(m_f.fake->runRequests().size()), requests);
        QCOMPARE(transcript()->rowCount(), 2);
        QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    // Once the lock is gone, Enter sends it.
    QTest::keyClick(m_f.window->chatPane()->composer()->edit(), Qt::Key_Return);
    waitIdle();
    QCOMPARE(transcript()->at(3).content, QStringLiteral("You said: this must not be lost"));
}

QTEST_MAIN(TestConversations)
#include "tst_conversations.moc"
