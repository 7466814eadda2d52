// Attachments in the composer, end to end against the fake Workers AI server: images from the
// file picker or the clipboard reach a vision model downscaled as data URIs, text files reach it
// inlined with their names, refused files say why and send nothing, and an image for a model
// without vision is stopped in the composer with everything kept. The helpers themselves are
// tested in tst_attachmenthelpers.cpp.
#include "FakeWorkersAi.h"
#include "MainWindow.h"
#include "TestImages.h"
#include "WindowFixture.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ModelPicker.h"
#include "storage/ConversationStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"

#include <QBuffer>
#include <QClipboard>
#include <QGuiApplication>
#include <QImageReader>
#include <QJsonArray>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

namespace {

using flarechat::test::decodeDataUri;
using flarechat::test::gradient;

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestAttachments final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void pickedImageReachesModelDownscaled();
    void pastedImageBecomesAttachment();
    void droppedFileBecomesAttachment();
    void textFileReachesRequestWithItsName();
    void refusedFilesSendNothing();
    void imageForModelWithoutVisionIsRefused();
    void removingChipRemovesAttachment();
    void attachmentsStayWithTheirConversation();
    void draftAttachmentsSurviveARestart();
    void failedQuestionComesBackWithItsAttachments();

private:
    Composer* composer() const { return m_f.window->chatPane()->composer(); }
    TranscriptModel* transcript() const { return m_f.window->chatPane()->transcript(); }
    QString path(const QString& name) const { return m_f.dir->filePath(name); }
    QString writeImage(const QString& name, const QImage& image) const;
    QList<QWidget*> visibleChips() const;
    void chooseModel(const QString& name);
    QJsonObject lastUserMessage() const;

    flarechat::test::WindowFixture m_f;
};

void TestAttachments::init()
{
    QVERIFY2(m_f.start(), qPrintable(m_f.error));
}

void TestAttachments::cleanup()
{
    m_f.stop();
}

QString TestAttachments::writeImage(const QString& name, const QImage& image) const
{
    const QString p = path(name);
    if (!image.save(p))
        qWarning("could not write %s", qPrintable(p));
    return p;
}

QList<QWidget*> TestAttachments::visibleChips() const
{
    QList<QWidget*> chips;
    const QList<QWidget*> all = composer()->attachmentStrip()->findChildren<QWidget*>(QStringLiteral("attachmentChip"));
    for (QWidget* chip : all) {
        if (chip->isVisibleTo(composer()->attachmentStrip()))
            chips << chip;
    }
    return chips;
}

void TestAttachments::chooseModel(const QString& name)
{
    ModelPicker* picker = m_f.window->chatPane()->modelPicker();
    picker->setCurrentModel(name);
    Q_EMIT picker->activated(picker->currentIndex());
    QCOMPARE(m_f.window->chatPane()->controller()->conversation().model, name);
}

QJsonObject TestAttachments::lastUserMessage() const
{
    const QJsonArray messages = m_f.fake->lastRequest().json.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        if (messages.at(i)[QStringLiteral("role")].toString() == QLatin1String("user"))
            return messages.at(i).toObject();
    }
    return {};
}

void TestAttachments::pickedImageReachesModelDownscaled()
{
    chooseModel(QStringLiteral("llama-4-scout")); // has vision
    QToolButton* attach = m_f.window->findChild<QToolButton*>(QStringLiteral("attachButton"));
    QVERIFY(attach);
    QVERIFY(attach->isVisible());
    QVERIFY(!attach->icon().isNull());
    QVERIFY(!composer()->attachmentStrip()->isVisible());

    const QString file = writeImage(QStringLiteral("big.png"), gradient(4000, 3000));
    QSignalSpy changed(composer(), &Composer::attachmentsChanged);
    QCOMPARE(composer()->addFiles({file}), 1);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(composer()->attachmentCount(), 1);
    QVERIFY(composer()->attachmentStrip()->isVisible());
    QCOMPARE(visibleChips().size(), 1);
    QCOMPARE(visibleChips().first()->findChild<QLabel*>(QStringLiteral("attachmentName"))->text(),
        QStringLiteral("big.png"));
    QVERIFY(composer()->notice().isEmpty());

    // Attachments alone may be sent: no text needed.
    QVERIFY(composer()->text().isEmpty());
    QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
    QCOMPARE(transcript()->rowCount(), 2);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(0).attachments, QStringList {QStringLiteral("big.png")});

    QCOMPARE(m_f.fake->runRequests().size(), 1);
    const QJsonArray parts = lastUserMessage().value(QStringLiteral("content")).toArray();
    QString url;
    for (const QJsonValue& part : parts) {
        if (part[QStringLiteral("type")].toString() == QLatin1String("image_url"))
            url = part[QStringLiteral("image_url")][QStringLiteral("url")].toString();
    }
    QVERIFY2(url.startsWith(QLatin1String("data:image/jpeg;base64,")), qPrintable(url.left(40)));
    const QImage sent = decodeDataUri(url);
    QVERIFY(!sent.isNull());
    QVERIFY(qMax(sent.width(), sent.height()) <= 1568);
    QCOMPARE(sent.size(), QSize(1568, 1176));

    // Sent: the composer is empty again.
    QCOMPARE(composer()->attachmentCount(), 0);
    QVERIFY(composer()->attachments().isEmpty());
    QVERIFY(!composer()->attachmentStrip()->isVisible());
    QTRY_COMPARE(visibleChips().size(), 0);
}

void TestAttachments::pastedImageBecomesAttachment()
{
    chooseModel(QStringLiteral("llama-4-scout"));
    ComposerEdit* edit = composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("look: "));

    auto* mime = new QMimeData;
    mime->setImageData(gradient(300, 200));
    QGuiApplication::clipboard()->setMimeData(mime); // the clipboard owns it
    QVERIFY(edit->canPaste());
    QTest::keySequence(edit, QKeySequence::Paste);
    QCOMPARE(composer()->attachmentCount(), 1);
    QCOMPARE(composer()->attachments().at(0)[QStringLiteral("name")].toString(), QStringLiteral("Pasted image.jpg"));
    QCOMPARE(composer()->text(), QStringLiteral("look: ")); // nothing inserted as text

    // A second paste gets its own name.
    QTest::keySequence(edit, QKeySequence::Paste);
    QCOMPARE(composer()->attachmentCount(), 2);
    QCOMPARE(composer()->attachments().at(1)[QStringLiteral("name")].toString(), QStringLiteral("Pasted image 2.jpg"));

    // Text still pastes as text.
    QGuiApplication::clipboard()->setText(QStringLiteral("plain words"));
    QTest::keySequence(edit, QKeySequence::Paste);
    QCOMPARE(composer()->text(), QStringLiteral("look: plain words"));
    QCOMPARE(composer()->attachmentCount(), 2);

    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const QJsonArray parts = lastUserMessage().value(QStringLiteral("content")).toArray();
    int images = 0;
    for (const QJsonValue& part : parts)
        images += part[QStringLiteral("type")].toString() == QLatin1String("image_url") ? 1 : 0;
    QCOMPARE(images, 2);
    QCOMPARE(composer()->attachmentCount(), 0);
}

void TestAttachments::droppedFileBecomesAttachment()
{
    const QString file = path(QStringLiteral("dropped.txt"));
    QVERIFY(writeFile(file, "dropped content\n"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(file)});

    // Beside the input (on the composer itself)...
    const QPoint pos = composer()->rect().topLeft() + QPoint(2, 2);
    QMimeData words;
    words.setText(QStringLiteral("just words"));
    QDragEnterEvent enterWords(pos, Qt::CopyAction, &words, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(composer(), &enterWords);
    QVERIFY(!enterWords.isAccepted()); // text is for the input only
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(composer(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(composer(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(composer()->attachmentCount(), 1);

    // ...and on the input, which would otherwise insert the file's URL as text.
    QWidget* viewport = composer()->edit()->viewport();
    const QPoint inside = viewport->rect().center();
    QDragEnterEvent enterEdit(inside, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enterEdit);
    QVERIFY(enterEdit.isAccepted());
    QDropEvent dropEdit(inside, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &dropEdit);
    QCOMPARE(composer()->attachmentCount(), 2);
    QCOMPARE(composer()->text(), QString());
}

void TestAttachments::textFileReachesRequestWithItsName()
{
    const QString file = path(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(file, "The secret word is heliotrope.\n"));
    QCOMPARE(composer()->addFiles({file}), 1);
    ComposerEdit* edit = composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("what is the secret word?"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(0).attachments, QStringList {QStringLiteral("notes.txt")});

    const QString content = lastUserMessage().value(QStringLiteral("content")).toString(); // text only: a string
    QVERIFY2(content.contains(QLatin1String("notes.txt")), qPrintable(content));
    QVERIFY2(content.contains(QLatin1String("The secret word is heliotrope.")), qPrintable(content));
    QVERIFY2(content.endsWith(QLatin1String("what is the secret word?")), qPrintable(content));
    QCOMPARE(composer()->attachmentCount(), 0); // cleared after sending

    // The next message goes without it.
    QTest::keyClicks(edit, QStringLiteral("thanks"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(3).state, TranscriptMessage::State::Complete);
    QCOMPARE(lastUserMessage().value(QStringLiteral("content")).toString(), QStringLiteral("thanks"));
}

void TestAttachments::refusedFilesSendNothing()
{
    const QString binary = path(QStringLiteral("data.bin"));
    QVERIFY(writeFile(binary,
        QByteArray("\x7f"
                   "ELF\x02\x01\x01\0\0\0\0",
            12)));
    const QString tooLong = path(QStringLiteral("huge.log"));
    QVERIFY(writeFile(tooLong, QByteArray(600 * 1024, 'x')));

    QSignalSpy changed(composer(), &Composer::attachmentsChanged);
    QCOMPARE(composer()->addFiles({binary, tooLong}), 0);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(composer()->attachmentCount(), 0);
    QVERIFY(!composer()->attachmentStrip()->isVisible());
    auto* notice = composer()->findChild<QLabel*>(QStringLiteral("composerNotice"));
    QVERIFY(notice);
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QLatin1String("data.bin is not a text file")), qPrintable(notice->text()));
    QVERIFY2(notice->text().contains(QLatin1String("huge.log is too long")), qPrintable(notice->text()));

    // Send with nothing in the composer does nothing.
    QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QCOMPARE(transcript()->rowCount(), 0);
    QCOMPARE(m_f.fake->runRequests().size(), 0);

    // A good file next to a refused one: the good one is attached, the notice names the other.
    const QString good = path(QStringLiteral("good.txt"));
    QVERIFY(writeFile(good, "fine\n"));
    QCOMPARE(composer()->addFiles({good, binary}), 1);
    QCOMPARE(composer()->attachmentCount(), 1);
    QVERIFY2(notice->text().contains(QLatin1String("data.bin")), qPrintable(notice->text()));
    QVERIFY(!notice->text().contains(QLatin1String("huge.log")));
}

void TestAttachments::imageForModelWithoutVisionIsRefused()
{
    chooseModel(QStringLiteral("llama-3.3-70b"));
    QCOMPARE(composer()->addFiles({writeImage(QStringLiteral("cat.png"), gradient(800, 600))}), 1);
    ComposerEdit* edit = composer()->edit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("what is in this picture?"));
    QTest::keyClick(edit, Qt::Key_Return);

    auto* notice = composer()->findChild<QLabel*>(QStringLiteral("composerNotice"));
    QVERIFY(notice);
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->text(),
        QStringLiteral("llama-3.3-70b cannot see images. Choose a model with vision, such as llama-4-scout, or "
                       "remove the image."));
    // Nothing sent, nothing lost.
    QCOMPARE(transcript()->rowCount(), 0);
    QCOMPARE(m_f.fake->runRequests().size(), 0);
    QCOMPARE(composer()->text(), QStringLiteral("what is in this picture?"));
    QCOMPARE(composer()->attachmentCount(), 1);
    QCOMPARE(visibleChips().size(), 1);

    // A text file is fine for the same model; the image still is not.
    const QString notes = path(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(notes, "a note\n"));
    QCOMPARE(composer()->addFiles({notes}), 1);
    QVERIFY(!notice->isVisible()); // the attachments changed
    QTest::mouseClick(composer()->sendButton(), Qt::LeftButton);
    QVERIFY(notice->isVisible());
    QCOMPARE(m_f.fake->runRequests().size(), 0);

    // Choosing a model with vision clears the notice and the same message goes.
    chooseModel(QStringLiteral("llama-4-scout"));
    QVERIFY(!notice->isVisible());
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE(transcript()->rowCount(), 2);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(m_f.fake->runRequests().size(), 1);
    QCOMPARE(composer()->attachmentCount(), 0);
    QCOMPARE(composer()->text(), QString());
}

void TestAttachments::attachmentsStayWithTheirConversation()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    composer()->setText(QStringLiteral("first"));
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const qint64 first = controller->currentConversation();
    const QString file = path(QStringLiteral("for-first.txt"));
    QVERIFY(writeFile(file, "only for the first conversation\n"));
    QCOMPARE(composer()->addFiles({file}), 1);

    controller->newConversation(); // another conversation: its composer starts without them
    QCOMPARE(composer()->attachmentCount(), 0);
    controller->openConversation(first); // back: they are waiting there
    QCOMPARE(composer()->attachmentCount(), 1);
    QCOMPARE(composer()->attachments().at(0)[QStringLiteral("name")].toString(), QStringLiteral("for-first.txt"));
}

void TestAttachments::draftAttachmentsSurviveARestart()
{
    ChatController* controller = m_f.window->chatPane()->controller();
    composer()->setText(QStringLiteral("first"));
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const qint64 conversation = controller->currentConversation();
    const QString file = path(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(file, "kept across a restart\n"));
    const QString image = writeImage(QStringLiteral("photo.png"), gradient(300, 200));
    QCOMPARE(composer()->addFiles({file, image}), 2);
    composer()->setText(QStringLiteral("about these files"));

    m_f.closeWindow(); // as a quit would
    QVERIFY2(m_f.openWindow(), qPrintable(m_f.error));
    QCOMPARE(composer()->attachmentCount(), 0); // a new conversation opens first
    m_f.window->chatPane()->controller()->openConversation(conversation); // as a click in the list
    QCOMPARE(composer()->text(), QStringLiteral("about these files"));
    QCOMPARE(composer()->attachmentCount(), 2);
    QCOMPARE(composer()->attachments().at(0)[QStringLiteral("name")].toString(), QStringLiteral("notes.txt"));
    QCOMPARE(
        composer()->attachments().at(0)[QStringLiteral("text")].toString(), QStringLiteral("kept across a restart\n"));
    QCOMPARE(composer()->attachments().at(1)[QStringLiteral("type")].toString(), QStringLiteral("image"));
    QCOMPARE(visibleChips().size(), 2);

    // Sent (to a model that can see the image), they leave the draft for good.
    chooseModel(QStringLiteral("llama-4-scout"));
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->rowCount(), 4);
    QCOMPARE(composer()->attachmentCount(), 0);
    QVERIFY(m_f.store->conversation(conversation)->draftAttachments.isEmpty());
    QTRY_COMPARE(transcript()->at(3).state, TranscriptMessage::State::Complete);
    m_f.closeWindow();
    QVERIFY2(m_f.openWindow(), qPrintable(m_f.error));
    m_f.window->chatPane()->controller()->openConversation(conversation);
    QCOMPARE(composer()->attachmentCount(), 0);
}

void TestAttachments::failedQuestionComesBackWithItsAttachments()
{
    const QString file = path(QStringLiteral("list.txt"));
    QVERIFY(writeFile(file, "eggs, flour\n"));
    QCOMPARE(composer()->addFiles({file}), 1);
    // Not the daily quota: that would rightly hold the second send too (QuotaState).
    m_f.fake->enqueue(FakeWorkersAi::error(FakeWorkersAi::Error::PaidOnly));
    composer()->setText(QStringLiteral("what can I bake?"));
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Error);
    // Nothing the user gave is lost: the question and its file are back in the composer.
    QCOMPARE(composer()->text(), QStringLiteral("what can I bake?"));
    QCOMPARE(composer()->attachmentCount(), 1);
    QCOMPARE(composer()->attachments().at(0)[QStringLiteral("text")].toString(), QStringLiteral("eggs, flour\n"));
    // Sending again replaces the failed exchange.
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->rowCount(), 2);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    QCOMPARE(transcript()->at(0).attachments, QStringList {QStringLiteral("list.txt")});
    QVERIFY(lastUserMessage().value(QStringLiteral("content")).toString().contains(QLatin1String("eggs, flour")));
}

void TestAttachments::removingChipRemovesAttachment()
{
    const QString first = path(QStringLiteral("first.txt"));
    const QString second = path(QStringLiteral("second.txt"));
    QVERIFY(writeFile(first, "alpha content\n"));
    QVERIFY(writeFile(second, "beta content\n"));
    QCOMPARE(composer()->addFiles({first, second}), 2);
    QCOMPARE(visibleChips().size(), 2);

    QSignalSpy changed(composer(), &Composer::attachmentsChanged);
    auto* remove = visibleChips().first()->findChild<QToolButton*>(QStringLiteral("removeAttachmentButton"));
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(composer()->attachmentCount(), 1);
    QCOMPARE(composer()->attachments().at(0)[QStringLiteral("name")].toString(), QStringLiteral("second.txt"));
    QTRY_COMPARE(visibleChips().size(), 1);
    QTRY_COMPARE(composer()->attachmentStrip()->findChildren<QWidget*>(QStringLiteral("attachmentChip")).size(), 1);

    QTest::keyClicks(composer()->edit(), QStringLiteral("read it"));
    QTest::keyClick(composer()->edit(), Qt::Key_Return);
    QTRY_COMPARE(transcript()->at(1).state, TranscriptMessage::State::Complete);
    const QString content = lastUserMessage().value(QStringLiteral("content")).toString();
    QVERIFY2(content.contains(QLatin1String("beta content")), qPrintable(content));
    QVERIFY2(!content.contains(QLatin1String("alpha content")), qPrintable(content));

    // The last chip's × hides the strip.
    QCOMPARE(composer()->addFiles({first}), 1);
    QVERIFY(composer()->attachmentStrip()->isVisible());
    QTest::mouseClick(
        visibleChips().first()->findChild<QToolButton*>(QStringLiteral("removeAttachmentButton")), Qt::LeftButton);
    QCOMPARE(composer()->attachmentCount(), 0);
    QVERIFY(!composer()->attachmentStrip()->isVisible());
}

QTEST_MAIN(TestAttachments)
#include "tst_attachments.moc"
