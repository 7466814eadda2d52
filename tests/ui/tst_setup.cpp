// The first run end to end: a main window with nothing configured shows the setup page in the chat's
// place; its hints, Test connection against the fake Workers AI over real sockets, the real keychain
// (main() re-runs this test in a private D-Bus session with a throwaway gnome-keyring), and the first
// chat with its example prompts. The plain-text question runs in a child process whose D-Bus address
// points nowhere, so no keychain answers there. Every id and token is a made-up test value.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "KeychainWait.h"
#include "MainWindow.h"
#include "Theme.h"
#include "Translations.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ExamplePrompts.h"
#include "chat/ModelPicker.h"
#include "config/Credentials.h"
#include "engine/Engine.h"
#include "settings/CredentialsLoader.h"
#include "setup/FirstModelChoices.h"
#include "setup/SetupPage.h"
#include "storage/ConversationStore.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

namespace {

constexpr char kNoKeychainArg[] = "--no-keychain-child";
// 40 characters of [A-Za-z0-9_-], shaped like a token and plainly not one.
const QString kToken = QStringLiteral("test-token-") + QString(29, QLatin1Char('x'));
const QString kWrongToken = QStringLiteral("test-wrong-token-") + QString(23, QLatin1Char('y'));
const QString kGemma = QStringLiteral("@cf/google/gemma-4-26b-a4b-it");

// What every case sets up: a settings file pointing at the fake (custom base, no proxy), a
// database, and the window, which loads credentials as main() does, from an empty environment.
struct Fixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<FakeWorkersAi> fake;
    std::unique_ptr<ConversationStore> store;
    std::unique_ptr<MainWindow> window;

    bool start()
    {
        dir = std::make_unique<QTemporaryDir>();
        settings = std::make_unique<Settings>(dir->filePath(QStringLiteral("flarechat.ini")));
        fake = std::make_unique<FakeWorkersAi>();
        fake->setApiToken(kToken.toLatin1());
        if (!dir->isValid() || !fake->listen())
            return false;
        settings->setValue(Settings::Key::EndpointKind, QStringLiteral("custom"));
        settings->setValue(Settings::Key::ApiBase, fake->baseUrl().toString());
        settings->setValue(Settings::Key::ProxyMode, QStringLiteral("none"));
        return openWindow();
    }

    bool openWindow()
    {
        store = std::make_unique<ConversationStore>(dir->filePath(QStringLiteral("conversations.sqlite")));
        if (!store->open())
            return false;
        window = std::make_unique<MainWindow>(settings.get(), store.get());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        window->loadCredentials({}, QProcessEnvironment()); // never the developer's own environment
        return QTest::qWaitFor([this] { return !window->credentialsLoader()->isLoading(); }, 30000);
    }

    void closeWindow()
    {
        window.reset();
        store.reset();
    }

    SetupPage* page() const { return window ? window->setupPage() : nullptr; }

    QByteArray iniText()
    {
        settings->sync();
        QFile ini(settings->path());
        return ini.open(QIODevice::ReadOnly) ? ini.readAll() : QByteArray();
    }
};

// As a user pastes: the clipboard, then Ctrl+V over whatever the field holds (textEdited fires).
void paste(QLineEdit* field, const QString& text)
{
    QGuiApplication::clipboard()->setText(text);
    field->setFocus();
    field->selectAll();
    QTest::keySequence(field, QKeySequence::Paste);
}

void typeInto(QLineEdit* field, const QString& text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

// Test connection; the result TokenCheck reported.
TokenCheck::Result runTest(SetupPage* page)
{
    QSignalSpy tested(page, &SetupPage::connectionTested);
    page->testButton()->click();
    if (tested.isEmpty() && !tested.wait(20000))
        return {};
    return tested.first().first().value<TokenCheck::Result>();
}

// The window-modal question the page opens, once it is up (nullptr if none came).
QMessageBox* waitForQuestion()
{
    QMessageBox* box = nullptr;
    const bool asked = QTest::qWaitFor(
        [&box] {
            box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            return box != nullptr;
        },
        20000);
    return asked ? box : nullptr;
}

QList<QCommandLinkButton*> visibleExamples(ChatPane* pane)
{
    QList<QCommandLinkButton*> shown;
    for (QCommandLinkButton* b : pane->findChildren<QCommandLinkButton*>(QStringLiteral("examplePrompt"))) {
        if (b->isVisible())
            shown << b;
    }
    return shown;
}

} // namespace

class TestSetup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void shownInsteadOfTheChat();
    void hintsForPastedMistakes();
    void wrongTokenShowsTokenCheckMessage();
    void malformedAccountIdIsNotSent();
    void successStoresTokenPicksModelAndOpensChat();
    void recommendedModelsAreFree();
    void darkChineseAndScreenshots();
    void noKeychainAsksBeforePlainText();

private:
    void clearKeychain();
    Fixture f;
};

void TestSetup::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "main() should have started a private bus");
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<TokenCheck::Result>();
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
}

void TestSetup::init()
{
    clearKeychain();
    QVERIFY(f.start());
    QTRY_VERIFY(f.page() && f.page()->isVisible());
}

void TestSetup::cleanup()
{
    f.closeWindow();
    f = Fixture();
    QVERIFY(Translations::install(QStringLiteral("en")));
}

void TestSetup::clearKeychain()
{
    SecretStore store;
    const SecretResult r = flarechat::test::waitForSecret(store.remove(Credentials::apiTokenSecret()));
    QVERIFY2(r.ok() || r.status == SecretResult::Status::NotFound, qPrintable(r.message));
}

void TestSetup::shownInsteadOfTheChat()
{
    SetupPage* page = f.page();
    QVERIFY(!f.window->chatPane()->isVisible());
    QVERIFY(!f.window->engine()->endpoint().hasCredentials());
    // Where to find both, and the token's two permissions (reference §9), with the dashboard link.
    auto* where = page->findChild<QLabel*>(QStringLiteral("setupWhereToFind"));
    QVERIFY(where && where->isVisible());
    QVERIFY(where->text().contains(QLatin1String("href=\"https://dash.cloudflare.com/profile/api-tokens\"")));
    QVERIFY(where->text().contains(QStringLiteral("Workers AI – Read")));
    QVERIFY(where->text().contains(QStringLiteral("Workers AI – Edit")));
    QVERIFY(where->text().contains(QLatin1String("account id")));
    // The token is masked until asked.
    QCOMPARE(page->apiTokenField()->echoMode(), QLineEdit::Password);
    page->findChild<QToolButton*>(QStringLiteral("setupShowToken"))->click();
    QCOMPARE(page->apiTokenField()->echoMode(), QLineEdit::Normal);
    // Nothing to start before a test passed; a default first model is chosen.
    QVERIFY(!page->startButton()->isEnabled());
    QCOMPARE(page->chosenModel(), f.settings->value(Settings::Key::DefaultModel).toString());
    // Every control has a name for a screen reader.
    int named = 0;
    for (QWidget* w : page->findChildren<QWidget*>()) {
        if (!qobject_cast<QAbstractButton*>(w) && !qobject_cast<QLineEdit*>(w) && !qobject_cast<QComboBox*>(w))
            continue;
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        ++named;
    }
    QVERIFY(named >= 10);
    QVERIFY(page->findChildren<QRadioButton*>().size() >= 6);
}

void TestSetup::hintsForPastedMistakes()
{
    SetupPage* page = f.page();
    QLineEdit* id = page->accountIdField();
    QLineEdit* token = page->apiTokenField();

    paste(id, kToken); // the token in the account id field
    QVERIFY2(
        page->accountIdHint().contains(QLatin1String("looks like an API token")), qPrintable(page->accountIdHint()));
    QCOMPARE(id->text(), kToken); // a hint, not a change

    typeInto(id, QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}")); // the unexpanded variable, typed
    QVERIFY2(page->accountIdHint().contains(QStringLiteral("“${CLOUDFLARE_ACCOUNT_ID}” is the name of an environment "
                                                           "variable")),
        qPrintable(page->accountIdHint()));

    paste(id, QStringLiteral("  ") + f.fake->accountId() + QStringLiteral("\n")); // spaces and a new line: removed
    QCOMPARE(id->text(), f.fake->accountId());
    QVERIFY2(page->accountIdHint().contains(QLatin1String("were removed")), qPrintable(page->accountIdHint()));

    // A dashboard address: the account id in it is offered, and "Use it" takes it.
    paste(id, QStringLiteral("https://dash.cloudflare.com/%1/ai/workers-ai").arg(f.fake->accountId()));
    QVERIFY2(page->accountIdHint().contains(f.fake->accountId()), qPrintable(page->accountIdHint()));
    auto* idHint = page->findChild<QLabel*>(QStringLiteral("setupAccountIdHint"));
    QVERIFY(idHint->text().contains(QLatin1String("<a href")));
    Q_EMIT idHint->linkActivated(QStringLiteral("#use"));
    QCOMPARE(id->text(), f.fake->accountId());
    QVERIFY(page->accountIdHint().isEmpty());

    paste(token, f.fake->accountId()); // the id in the token field
    QVERIFY2(
        page->apiTokenHint().contains(QLatin1String("looks like an account id")), qPrintable(page->apiTokenHint()));
    paste(token, QStringLiteral("Bearer ") + kToken); // an Authorization header's value
    QCOMPARE(token->text(), kToken);
    QVERIFY2(page->apiTokenHint().contains(QLatin1String("Bearer")), qPrintable(page->apiTokenHint()));
    typeInto(token, QStringLiteral("$CLOUDFLARE_API_TOKEN"));
    QVERIFY2(page->apiTokenHint().contains(QLatin1String("environment variable")), qPrintable(page->apiTokenHint()));
    paste(token, kToken);
    QVERIFY(page->apiTokenHint().isEmpty());
    QVERIFY(f.fake->requests().isEmpty()); // hints never ask Cloudflare
}

void TestSetup::wrongTokenShowsTokenCheckMessage()
{
    SetupPage* page = f.page();
    paste(page->accountIdField(), f.fake->accountId());
    paste(page->apiTokenField(), kWrongToken);
    const TokenCheck::Result result = runTest(page);
    QCOMPARE(result.outcome, TokenCheck::Outcome::TokenInvalid);
    // TokenCheck's own words, not the page's.
    QVERIFY2(page->testResult().startsWith(QStringLiteral("✗ ") + result.message), qPrintable(page->testResult()));
    QVERIFY(result.message.contains(QLatin1String("does not recognise this API token")));
    QVERIFY(!page->testResult().contains(kWrongToken));
    QVERIFY(!page->startButton()->isEnabled());
    QVERIFY(f.page()->isVisible()); // still the setup page
}

void TestSetup::malformedAccountIdIsNotSent()
{
    SetupPage* page = f.page();
    paste(page->accountIdField(), QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}"));
    paste(page->apiTokenField(), kToken);
    page->testButton()->click();
    QVERIFY2(
        page->testResult().contains(QLatin1String("Correct the account id first")), qPrintable(page->testResult()));
    QTest::qWait(50);
    QVERIFY(f.fake->requests().isEmpty());
    QVERIFY(!page->startButton()->isEnabled());
}

void TestSetup::successStoresTokenPicksModelAndOpensChat()
{
    SetupPage* page = f.page();
    paste(page->accountIdField(), f.fake->accountId());
    paste(page->apiTokenField(), kToken);
    TokenCheck::Result result = runTest(page);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY2(page->testResult().startsWith(QStringLiteral("✓ ")), qPrintable(page->testResult()));
    QVERIFY(page->startButton()->isEnabled());
    // Any change after the test makes it stale.
    QTest::keyClick(page->apiTokenField(), Qt::Key_Z);
    QVERIFY(!page->startButton()->isEnabled());
    QTest::keyClick(page->apiTokenField(), Qt::Key_Backspace);
    QVERIFY(!page->startButton()->isEnabled());
    result = runTest(page);
    QVERIFY(result.ok());

    auto* gemma = page->findChild<QRadioButton*>(QStringLiteral("setupModel:") + kGemma);
    QVERIFY(gemma);
    QVERIFY(!gemma->accessibleDescription().isEmpty()); // its sentence
    gemma->click();
    QCOMPARE(page->chosenModel(), QStringLiteral("gemma-4"));
    QSignalSpy completed(page, &SetupPage::completed);
    page->startButton()->click();
    QVERIFY(completed.wait(20000));
    QVERIFY(completed.first().first().value<SetupPage::Outcome>().tokenStored);

    // The chat in the page's place, on the chosen model, with the token in use.
    QTRY_VERIFY(!f.window->setupPage());
    QTRY_VERIFY(f.window->chatPane()->isVisible());
    ChatPane* chat = f.window->chatPane();
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);
    QCOMPARE(f.settings->value(Settings::Key::DefaultModel).toString(), QStringLiteral("gemma-4"));
    QCOMPARE(chat->controller()->defaultModel(), QStringLiteral("gemma-4"));
    QCOMPARE(chat->controller()->conversation().model, QStringLiteral("gemma-4"));
    QCOMPARE(chat->modelPicker()->currentModel(), QStringLiteral("gemma-4"));
    QCOMPARE(chat->transcript()->rowCount(), 0);

    // The token in the keychain (read back by a SecretStore of its own), the id in the settings,
    // and no token in the settings file.
    SecretStore store;
    const SecretResult stored = flarechat::test::waitForSecret(store.read(Credentials::apiTokenSecret()));
    QVERIFY2(stored.ok(), qPrintable(stored.message));
    QCOMPARE(stored.value, kToken);
    QVERIFY(!stored.insecure);
    QCOMPARE(f.settings->value(Settings::Key::CloudflareAccountId).toString(), f.fake->accountId());
    const QByteArray ini = f.iniText();
    QVERIFY2(!ini.contains(kToken.toLatin1()), ini.constData());
    QVERIFY(!ini.contains("InsecureSecrets"));
    QVERIFY(!f.settings->value(Settings::Key::SecretsInSettingsFile).toBool());
    // The window read the keychain again and keeps the same token.
    QTRY_VERIFY(!f.window->credentialsLoader()->isLoading());
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);

    // Example prompts in the empty chat; a click puts one in the composer, and it goes to the model.
    const QList<QCommandLinkButton*> examples = visibleExamples(chat);
    QCOMPARE(examples.size(), ExamplePrompts::firstChat().size());
    QVERIFY(examples.size() >= 3);
    QCOMPARE(examples.at(1)->description(), ExamplePrompts::firstChat().at(1).text);
    examples.at(1)->click();
    QCOMPARE(chat->composer()->text(), ExamplePrompts::firstChat().at(1).text);
    f.fake->clearRequests();
    QTest::keyClick(chat->composer()->edit(), Qt::Key_Return);
    QTRY_VERIFY(!chat->controller()->isBusy() && chat->transcript()->rowCount() == 2);
    QCOMPARE(f.fake->lastInference().model, kGemma);
    QVERIFY(visibleExamples(chat).isEmpty()); // the transcript replaced the empty page

    // The next start finds everything: no setup page.
    f.closeWindow();
    QVERIFY(f.openWindow());
    QVERIFY(!f.window->setupPage());
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);
}

void TestSetup::recommendedModelsAreFree()
{
    // The table's models are in FlareChat's catalog, on the Free plan and current: a catalog change
    // that drops or retires one fails here rather than hiding a sentence.
    const ModelCatalog catalog = ModelCatalog::builtIn();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QStringList ids = FirstModelChoices::recommendedIds();
    QVERIFY(ids.size() >= 5);
    for (const QString& id : ids) {
        const std::optional<ModelInfo> m = catalog.find(id);
        QVERIFY2(m, qPrintable(id));
        QVERIFY2(!m->paidOnly && !m->deprecated && !m->isRetired(today) && !m->isEmbedding(), qPrintable(id));
        QVERIFY(!FirstModelChoices::goodAt(id).isEmpty());
    }
    const QList<FirstModelChoices::Choice> choices = FirstModelChoices::forCatalog(catalog, today);
    QVERIFY(choices.size() > ids.size()); // the others, by name
    for (int i = 0; i < choices.size(); ++i) {
        const ModelInfo m = *catalog.find(choices.at(i).id);
        QVERIFY2(!m.paidOnly && !m.isEmbedding() && !m.isRetired(today), qPrintable(m.id));
        QCOMPARE(choices.at(i).goodAt.isEmpty(), i >= ids.size());
    }
    QCOMPARE(choices.first().name, Settings::defaultValue(Settings::Key::DefaultModel).toString());
}

void TestSetup::darkChineseAndScreenshots()
{
    const QString out = qEnvironmentVariable("FLARECHAT_SCREENSHOT_DIR");
    auto shoot = [this, &out](const QString& name) {
        if (out.isEmpty())
            return;
        f.window->resize(1100, 1040);
        QTest::qWait(50);
        QVERIFY(f.window->grab().save(QDir(out).filePath(name)));
    };
    // A hint on show, in the light and the dark palette; its colour follows the palette.
    paste(f.page()->accountIdField(), QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}"));
    auto* hint = f.page()->findChild<QLabel*>(QStringLiteral("setupAccountIdHint"));
    QVERIFY(hint->isVisible());
    const QString lightStyle = hint->styleSheet();
    shoot(QStringLiteral("setup-en.png"));
    Theme::apply(QStringLiteral("dark"));
    QTRY_VERIFY(hint->styleSheet() != lightStyle);
    QVERIFY(!hint->styleSheet().isEmpty());
    shoot(QStringLiteral("setup-dark.png"));
    Theme::apply(QStringLiteral("system"));
    QTRY_COMPARE(hint->styleSheet(), lightStyle);

    // Strings are read when the page is made: a Chinese start makes a Chinese page and first chat.
    f.closeWindow();
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QVERIFY(f.openWindow());
    QTRY_VERIFY(f.page());
    SetupPage* page = f.page();
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("setupTitle"))->text(), QStringLiteral("欢迎使用 FlareChat"));
    QCOMPARE(page->startButton()->text(), QStringLiteral("开始聊天(&S)"));
    paste(page->accountIdField(), QStringLiteral("${CLOUDFLARE_ACCOUNT_ID}"));
    QVERIFY2(page->accountIdHint().contains(QStringLiteral("环境变量")), qPrintable(page->accountIdHint()));
    paste(page->accountIdField(), f.fake->accountId());
    const QString gemmaSentence
        = page->findChild<QRadioButton*>(QStringLiteral("setupModel:") + kGemma)->accessibleDescription();
    QVERIFY2(gemmaSentence.contains(QStringLiteral("图片")), qPrintable(gemmaSentence));
    shoot(QStringLiteral("setup-zh.png"));

    paste(page->apiTokenField(), kToken);
    QVERIFY(runTest(page).ok());
    page->startButton()->click();
    QTRY_VERIFY(f.window->chatPane()->isVisible());
    const QList<QCommandLinkButton*> examples = visibleExamples(f.window->chatPane());
    QVERIFY(!examples.isEmpty());
    shoot(QStringLiteral("first-chat-zh.png"));
    for (QCommandLinkButton* b : examples) // Chinese prompts: CJK characters in every one
        QVERIFY2(b->description().contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))),
            qPrintable(b->description()));
}

void TestSetup::noKeychainAsksBeforePlainText()
{
    // The child runs TestSetupNoKeychain (below) with the D-Bus address pointing nowhere.
    QTemporaryDir dir;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
        QStringLiteral("unix:path=%1").arg(dir.filePath(QStringLiteral("no-such-bus"))));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kNoKeychainArg)});
    QVERIFY(child.waitForStarted());
    QVERIFY(QTest::qWaitFor([&child] { return child.state() == QProcess::NotRunning; }, 240000));
    const QString output = QString::fromUtf8(child.readAll());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("PASS   : TestSetupNoKeychain::yesKeepsTheTokenInTheSettingsFile()")),
        qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("PASS   : TestSetupNoKeychain::noStoresNothing()")), qPrintable(output));
}

// Without any keychain: the question, and what each answer leaves behind.
class TestSetupNoKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void yesKeepsTheTokenInTheSettingsFile();
    void noStoresNothing();

private:
    // Fills the page, tests, starts; returns the question it asked (nullptr if none).
    QMessageBox* startAndWaitForQuestion();
    Fixture f;
};

void TestSetupNoKeychain::init()
{
    QVERIFY(f.start());
    QTRY_VERIFY(f.page() && f.page()->isVisible());
}

void TestSetupNoKeychain::cleanup()
{
    f.closeWindow();
    f = Fixture();
}

QMessageBox* TestSetupNoKeychain::startAndWaitForQuestion()
{
    SetupPage* page = f.page();
    paste(page->accountIdField(), f.fake->accountId());
    paste(page->apiTokenField(), kToken);
    if (!runTest(page).ok())
        return nullptr;
    page->startButton()->click();
    return waitForQuestion();
}

void TestSetupNoKeychain::yesKeepsTheTokenInTheSettingsFile()
{
    QMessageBox* box = startAndWaitForQuestion();
    QVERIFY(box);
    QCOMPARE(box->objectName(), QStringLiteral("plainTextQuestion"));
    // Plain words: unencrypted, and where.
    QVERIFY2(box->text().contains(QLatin1String("encrypted")), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(QDir::toNativeSeparators(f.settings->path())),
        qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(QLatin1String("unencrypted")));
    // Nothing is in the file before the answer.
    QVERIFY(!f.iniText().contains(kToken.toLatin1()));
    auto* keep = box->findChild<QPushButton*>(QStringLiteral("keepInSettingsFile"));
    QVERIFY(keep);
    keep->click();

    QTRY_VERIFY(!f.window->setupPage());
    QTRY_VERIFY(f.window->chatPane()->isVisible());
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);
    QVERIFY(f.settings->value(Settings::Key::SecretsInSettingsFile).toBool());
    QSettings ini(f.settings->path(), QSettings::IniFormat);
    QCOMPARE(ini.value(QStringLiteral("InsecureSecrets/FlareChat/cloudflare.api_token")).toString(), kToken);

    // The next start reads it from there: the chat, no setup page, no question.
    f.closeWindow();
    QVERIFY(f.openWindow());
    QVERIFY(!f.window->setupPage());
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);
    QVERIFY(!QApplication::activeModalWidget());
}

void TestSetupNoKeychain::noStoresNothing()
{
    QMessageBox* box = startAndWaitForQuestion();
    QVERIFY(box);
    auto* dont = box->findChild<QPushButton*>(QStringLiteral("dontSave"));
    QVERIFY(dont);
    dont->click();

    // The chat works for this session, on the token nobody stored.
    QTRY_VERIFY(f.window->chatPane()->isVisible());
    QTRY_VERIFY(!f.window->credentialsLoader()->isLoading());
    QCOMPARE(f.window->engine()->endpoint().apiToken, kToken);
    ChatPane* chat = f.window->chatPane();
    chat->composer()->setText(QStringLiteral("hello"));
    QTest::keyClick(chat->composer()->edit(), Qt::Key_Return);
    QTRY_VERIFY(!chat->controller()->isBusy() && chat->transcript()->rowCount() == 2);
    QCOMPARE(chat->transcript()->at(1).content, QStringLiteral("You said: hello"));
    const QByteArray ini = f.iniText();
    QVERIFY2(!ini.contains(kToken.toLatin1()), ini.constData());
    QVERIFY(!ini.contains("InsecureSecrets"));
    QVERIFY(!f.settings->value(Settings::Key::SecretsInSettingsFile).toBool());

    // The next start asks again.
    f.closeWindow();
    QVERIFY(f.openWindow());
    QTRY_VERIFY(f.page() && f.page()->isVisible());
}

int main(int argc, char** argv)
{
    if (argc >= 2 && qstrcmp(argv[1], kNoKeychainArg) == 0) {
        QApplication app(argc, argv);
        TestSetupNoKeychain test;
        return QTest::qExec(&test, QStringList {QString::fromLatin1(argv[0])});
    }
    if (flarechat::test::reexecUnderPrivateKeyring(argv))
        return 1; // a failure, never a skip: the keychain path must be tested
    QApplication app(argc, argv);
    TestSetup test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_setup.moc"
