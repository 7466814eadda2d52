// The settings window end to end: real widgets, the real keychain (main() re-runs this test in a
// private D-Bus session with a throwaway gnome-keyring, see tests/support/CliProcess.h), the fake
// Workers AI and a fake proxy over real sockets, and the window's own local API server answering
// real HTTP requests. Every secret here is a made-up test string.
#include "CliProcess.h"
#include "FakeProxy.h"
#include "FakeWorkersAi.h"
#include "HttpRawClient.h"
#include "KeychainWait.h"
#include "MainWindow.h"
#include "ServerController.h"
#include "Theme.h"
#include "Translations.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ModelPicker.h"
#include "config/Credentials.h"
#include "engine/Engine.h"
#include "settings/CredentialsLoader.h"
#include "settings/SettingsDialog.h"
#include "setup/SetupPage.h"
#include "storage/ConversationStore.h"
#include "storage/LocalApiKeys.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptModel.h"
#include "workersai/WorkersAiClient.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace flarechat;
using flarechat::test::FakeProxy;
using flarechat::test::FakeWorkersAi;

class TestSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void openedFromMenuAndSetupPage();
    void tokenGoesToKeychainNotIni();
    void startupReadsTheKeychain();
    void environmentTokenWins();
    void testConnectionRightAndWrongToken();
    void chatUsesTheAppliedEndpoint();
    void proxySettingsReachTheEndpoint();
    void invalidInputIsShownAndNothingSaved();
    void chatPageSettings();
    void serverStartsWithGeneratedKey();
    void serverKeepsStreamingThroughApply();
    void portInUseIsShown();
    void lanBindWithoutKeyIsRefused();
    void themeChangeApplies();
    void languageIsChosen();

private:
    void openWindow(const QProcessEnvironment& env = QProcessEnvironment());
    SettingsDialog* openDialog();
    template <typename T>
    T* field(const char* name) const
    {
        T* w = m_dialog ? m_dialog->findChild<T*>(QLatin1String(name)) : nullptr;
        if (!w)
            qWarning("no widget %s", name);
        return w;
    }
    void type(const char* name, const QString& text); // as a user types: textEdited fires
    void choose(const char* combo, const QString& data);
    void fillCloudflare(const QByteArray& token);
    bool applyAndWait();
    QString secret(const QString& name);
    void clearKeychain();
    QString serverStatus() const;
    int get(quint16 port, const QString& path, const QString& key = {});
    static quint16 freePort();
    // On the Local API page: the server switched on, on a free port (returned; 0 if none).
    quint16 enableServerOnFreePort();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SettingsDialog> m_dialog;
};

void TestSettings::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "main() should have started a private bus");
    QStandardPaths::setTestModeEnabled(true); // the server's request log and the catalog cache
    qRegisterMetaType<TokenCheck::Result>();
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
}

void TestSettings::init()
{
    clearKeychain();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
}

void TestSettings::cleanup()
{
    if (m_dialog)
        delete m_dialog.data();
    m_window.reset();
    m_store.reset();
    m_fake.reset();
    m_settings.reset();
    m_dir.reset();
    Theme::apply(QStringLiteral("light"));
}

void TestSettings::openWindow(const QProcessEnvironment& env)
{
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(m_store->open(), qPrintable(m_store->lastError()));
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_store.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->loadCredentials({}, env); // never the developer's own environment
}

SettingsDialog* TestSettings::openDialog()
{
    m_dialog = m_window->openSettings();
    if (!m_dialog)
        return nullptr;
    QSignalSpy loaded(m_dialog.data(), &SettingsDialog::secretsLoaded);
    if (!loaded.wait(20000))
        qWarning("the dialog did not read the keychain");
    auto* generate = field<QPushButton>("generateKey");
    if (!QTest::qWaitFor([generate] { return generate->isEnabled(); }, 20000))
        qWarning("the key list was not read");
    return m_dialog;
}

void TestSettings::type(const char* name, const QString& text)
{
    auto* edit = field<QLineEdit>(name);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TestSettings::choose(const char* combo, const QString& data)
{
    auto* box = field<QComboBox>(combo);
    QVERIFY(box);
    const int row = box->findData(data);
    QVERIFY2(row >= 0, combo);
    box->setCurrentIndex(row);
}

void TestSettings::fillCloudflare(const QByteArray& token)
{
    type("accountId", m_fake->accountId());
    type("apiToken", QString::fromLatin1(token));
    choose("endpointKind", QStringLiteral("custom"));
    type("apiBase", m_fake->baseUrl().toString());
}

bool TestSettings::applyAndWait()
{
    QSignalSpy applied(m_dialog.data(), &SettingsDialog::applied);
    QTest::mouseClick(field<QDialogButtonBox>("buttons")->button(QDialogButtonBox::Apply), Qt::LeftButton);
    if (applied.isEmpty() && !applied.wait(20000))
        return false;
    // Apply has the window read the keychain again; the server takes the result (and may restart
    // for it) when that read ends, so wait for it before talking to the server.
    if (m_window && !QTest::qWaitFor([this] { return !m_window->credentialsLoader()->isLoading(); }, 20000))
        return false;
    return m_dialog->errors().isEmpty();
}

QString TestSettings::secret(const QString& name)
{
    SecretStore store;
    store.setTimeout(20000);
    const SecretResult r = flarechat::test::waitForSecret(store.read(name));
    return r.ok() ? r.value : QString();
}

void TestSettings::clearKeychain()
{
    SecretStore store;
    store.setTimeout(20000);
    for (const QString& name : {Credentials::apiTokenSecret(), Credentials::apiKeysSecret(),
             Credentials::gatewayTokenSecret(), Credentials::proxyPasswordSecret()}) {
        const SecretResult r = flarechat::test::waitForSecret(store.remove(name));
        QVERIFY2(r.ok() || r.status == SecretResult::Status::NotFound, qPrintable(r.message));
    }
}

QString TestSettings::serverStatus() const
{
    auto* label = m_window->statusBar()->findChild<QToolButton*>(QStringLiteral("serverStatus"));
    return label ? label->text() : QStringLiteral("(no serverStatus)");
}

int TestSettings::get(quint16 port, const QString& path, const QString& key)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    QNetworkReply* reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        qWarning() << "GET" << path << "failed:" << reply->errorString();
    reply->deleteLater();
    return status;
}

quint16 TestSettings::enableServerOnFreePort()
{
    m_dialog->showPage(SettingsDialog::Page::LocalApi);
    const quint16 port = freePort();
    if (port) {
        field<QCheckBox>("serverEnabled")->setChecked(true);
        field<QSpinBox>("serverPort")->setValue(port);
    }
    return port;
}

quint16 TestSettings::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

void TestSettings::openedFromMenuAndSetupPage()
{
    openWindow();
    auto notice = [this](const QString& text) -> QLabel* {
        const QList<QLabel*> labels = m_window->chatPane()->findChildren<QLabel*>();
        for (QLabel* l : labels) {
            if (l->isVisible() && l->text().contains(text))
                return l;
        }
        return nullptr;
    };
    // While the keychain is read the notice says so; with nothing stored, the setup page asks for
    // credentials in the chat's place (tests/ui/tst_setup.cpp tests the page itself).
    QVERIFY(m_window->credentialsLoader()->isLoading());
    QVERIFY(notice(QStringLiteral("Connecting")));
    QTRY_VERIFY(m_window->setupPage() && m_window->setupPage()->isVisible());
    QVERIFY(!m_window->chatPane()->isVisible());
    QVERIFY(!m_window->engine()->endpoint().hasCredentials());
    // Its "the settings" (for a proxy or an AI Gateway) is a link that opens the dialog.
    auto* label = m_window->setupPage()->findChild<QLabel*>(QStringLiteral("setupMoreSettings"));
    QVERIFY(label && label->isVisible());
    QVERIFY(label->text().contains(QLatin1String("href=\"flarechat:settings\"")));
    QVERIFY(!m_window->settingsDialog());
    QVERIFY(QDesktopServices::openUrl(QUrl(QStringLiteral("flarechat:settings"))));
    QTRY_VERIFY(m_window->settingsDialog());
    QVERIFY(m_window->settingsDialog()->isVisible());
    m_window->settingsDialog()->reject();
    QTRY_VERIFY(!m_window->settingsDialog()); // deleted on close

    // The menu item, with the platform's Preferences shortcut or Ctrl+,.
    QAction* action = m_window->findChild<QAction*>(QStringLiteral("settingsAction"));
    QVERIFY(action);
    QVERIFY(!action->shortcut().isEmpty());
    QCOMPARE(action->menuRole(), QAction::PreferencesRole);
    action->trigger();
    QTRY_VERIFY(m_window->settingsDialog() && m_window->settingsDialog()->isVisible());
}

void TestSettings::tokenGoesToKeychainNotIni()
{
    openWindow();
    QVERIFY(openDialog());
    const QString token = QStringLiteral("test-token-only-in-the-keychain-123");
    type("accountId", m_fake->accountId());
    type("apiToken", token);
    // The token field hides what is typed until asked.
    QCOMPARE(field<QLineEdit>("apiToken")->echoMode(), QLineEdit::Password);
    field<QAbstractButton>("showToken")->click();
    QCOMPARE(field<QLineEdit>("apiToken")->echoMode(), QLineEdit::Normal);
    QVERIFY(applyAndWait());

    QCOMPARE(secret(Credentials::apiTokenSecret()), token);
    m_settings->sync();
    QFile ini(m_settings->path());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    QVERIFY(text.contains(m_fake->accountId().toLatin1()));
    QVERIFY2(!text.contains(token.toLatin1()), text.constData());
    QVERIFY(!text.contains("InsecureSecrets"));

    // The window re-read the keychain and uses the new token.
    QTRY_COMPARE(m_window->engine()->endpoint().apiToken, token);
    QCOMPARE(m_window->engine()->endpoint().accountId, m_fake->accountId());

    // Emptying the field removes the token from the keychain.
    type("apiToken", QString());
    QVERIFY(applyAndWait());
    QCOMPARE(secret(Credentials::apiTokenSecret()), QString());
    QTRY_VERIFY(!m_window->engine()->endpoint().hasCredentials());
}

void TestSettings::startupReadsTheKeychain()
{
    {
        SecretStore store;
        QVERIFY(flarechat::test::waitForSecret(
            store.write(Credentials::apiTokenSecret(), QString::fromLatin1(m_fake->apiToken())))
                    .ok());
    }
    m_settings->setValue(Settings::Key::CloudflareAccountId, m_fake->accountId());
    m_settings->setValue(Settings::Key::EndpointKind, QStringLiteral("custom"));
    m_settings->setValue(Settings::Key::ApiBase, m_fake->baseUrl().toString());
    openWindow();
    // Until the keychain answers the notice says so; then the chat works with the stored token.
    QTRY_COMPARE(m_window->engine()->endpoint().apiToken, QString::fromLatin1(m_fake->apiToken()));
    QCOMPARE(m_window->engine()->endpoint().customBase, m_fake->baseUrl());

    ComposerEdit* edit = m_window->chatPane()->composer()->edit();
    QTest::keyClicks(edit, QStringLiteral("hello"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!m_window->chatPane()->controller()->isBusy() && m_window->chatPane()->transcript()->rowCount() == 2);
    QCOMPARE(m_window->chatPane()->transcript()->at(1).content, QStringLiteral("You said: hello"));
}

void TestSettings::environmentTokenWins()
{
    {
        SecretStore store;
        QVERIFY(flarechat::test::waitForSecret(
            store.write(Credentials::apiTokenSecret(), QStringLiteral("test-stored-token")))
                    .ok());
    }
    QProcessEnvironment env;
    env.insert(Credentials::apiTokenVariable(), QString::fromLatin1(m_fake->apiToken()));
    env.insert(Credentials::accountIdVariable(), m_fake->accountId());
    openWindow(env);
    // Usable at once, before any keychain answer; the keychain's token never replaces it.
    QCOMPARE(m_window->engine()->endpoint().apiToken, QString::fromLatin1(m_fake->apiToken()));
    QVERIFY(m_window->credentialsLoader()->isLoading());
    QSignalSpy loaded(m_window->credentialsLoader(), &CredentialsLoader::loaded);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(m_window->engine()->endpoint().apiToken, QString::fromLatin1(m_fake->apiToken()));
    QVERIFY(openDialog());
    auto* note = field<QLabel>("overrideNote");
    QVERIFY(note);
    QVERIFY(note->text().contains(Credentials::apiTokenVariable()));
}

void TestSettings::testConnectionRightAndWrongToken()
{
    openWindow();
    QVERIFY(openDialog());
    fillCloudflare(m_fake->apiToken());
    QSignalSpy tested(m_dialog.data(), &SettingsDialog::connectionTested);
    QTest::mouseClick(field<QPushButton>("testConnection"), Qt::LeftButton);
    // Never blocking: the dialog answers events while the check runs.
    QVERIFY(tested.isEmpty());
    QVERIFY(tested.wait(20000));
    auto result = tested.takeFirst().at(0).value<TokenCheck::Result>();
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QString success = field<QLabel>("testResult")->text();
    QVERIFY2(success.startsWith(QStringLiteral("✓")), qPrintable(success));
    QVERIFY(success.contains(m_fake->accountId()));
    QVERIFY(success.contains(QLatin1String("token")));

    type("apiToken", QStringLiteral("test-wrong-token"));
    QTest::mouseClick(field<QPushButton>("testConnection"), Qt::LeftButton);
    QVERIFY(tested.wait(20000));
    result = tested.takeFirst().at(0).value<TokenCheck::Result>();
    QCOMPARE(result.outcome, TokenCheck::Outcome::TokenInvalid);
    const QString failure = field<QLabel>("testResult")->text();
    QVERIFY2(failure.startsWith(QStringLiteral("✗")), qPrintable(failure));
    QVERIFY2(failure.contains(QLatin1String("does not recognise this API token")), qPrintable(failure));
    QVERIFY(!failure.contains(QLatin1String("test-wrong-token")));
}

void TestSettings::chatUsesTheAppliedEndpoint()
{
    openWindow();
    QTRY_VERIFY(!m_window->engine()->endpoint().hasCredentials());
    QVERIFY(openDialog());
    fillCloudflare(m_fake->apiToken());
    QTest::mouseClick(field<QDialogButtonBox>("buttons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_dialog); // OK closes once the token is stored
    QTRY_COMPARE(m_window->engine()->endpoint().customBase, m_fake->baseUrl());
    QCOMPARE(m_window->engine()->endpoint().kind, Endpoint::Kind::Custom);

    ComposerEdit* edit = m_window->chatPane()->composer()->edit();
    QTest::keyClicks(edit, QStringLiteral("through the dialog"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!m_window->chatPane()->controller()->isBusy() && m_window->chatPane()->transcript()->rowCount() == 2);
    QCOMPARE(m_window->chatPane()->transcript()->at(1).content, QStringLiteral("You said: through the dialog"));
    const FakeWorkersAi::ReceivedRequest request = m_fake->lastRequest();
    QVERIFY(request.path.startsWith(QStringLiteral("/client/v4/accounts/%1/ai/").arg(m_fake->accountId())));
    QCOMPARE(request.header("authorization"), QByteArray("Bearer ") + m_fake->apiToken());
}

void TestSettings::proxySettingsReachTheEndpoint()
{
    FakeProxy proxy(FakeProxy::Kind::Http);
    QVERIFY(proxy.listen());
    proxy.setCredentials(QStringLiteral("test-user"), QStringLiteral("test-proxy-password"));
    openWindow();
    QVERIFY(openDialog());
    fillCloudflare(m_fake->apiToken());
    m_dialog->showPage(SettingsDialog::Page::Network);
    choose("proxyMode", QStringLiteral("http"));
    type("proxyHost", QStringLiteral("127.0.0.1"));
    field<QSpinBox>("proxyPort")->setValue(proxy.port());
    type("proxyUser", QStringLiteral("test-user"));
    type("proxyPassword", QStringLiteral("test-proxy-password"));
    QVERIFY(applyAndWait());
    QCOMPARE(secret(Credentials::proxyPasswordSecret()), QStringLiteral("test-proxy-password"));
    m_settings->sync();
    QFile ini(m_settings->path());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    QVERIFY(text.contains("test-user"));
    QVERIFY(!text.contains("test-proxy-password"));

    QTRY_COMPARE(m_window->engine()->endpoint().proxyPassword, QStringLiteral("test-proxy-password"));
    const Endpoint e = m_window->engine()->endpoint();
    QCOMPARE(e.proxyMode, Endpoint::ProxyMode::Http);
    QCOMPARE(e.proxyHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(e.proxyPort, proxy.port());
    QCOMPARE(e.proxyUser, QStringLiteral("test-user"));

    // And the chat really goes through it, authenticated.
    ComposerEdit* edit = m_window->chatPane()->composer()->edit();
    QTest::keyClicks(edit, QStringLiteral("via proxy"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!m_window->chatPane()->controller()->isBusy() && m_window->chatPane()->transcript()->rowCount() == 2);
    QCOMPARE(m_window->chatPane()->transcript()->at(1).content, QStringLiteral("You said: via proxy"));
    QVERIFY(!proxy.requests().isEmpty());
    QVERIFY(proxy.lastRequest().authorized);
    QCOMPARE(proxy.lastRequest().user, QStringLiteral("test-user"));
}

void TestSettings::invalidInputIsShownAndNothingSaved()
{
    openWindow();
    QVERIFY(openDialog());
    type("accountId", QStringLiteral("not-an-account"));
    choose("endpointKind", QStringLiteral("custom"));
    type("apiBase", QStringLiteral("ftp://example.com"));
    type("apiToken", QStringLiteral("test-token-never-saved"));
    m_dialog->showPage(SettingsDialog::Page::Appearance);
    QVERIFY(!m_dialog->apply());
    QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Cloudflare); // where the error is
    auto* error = field<QLabel>("cloudflareError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QLatin1String("32 hexadecimal")));
    QVERIFY(error->text().contains(QLatin1String("http://")));
    QVERIFY(!m_settings->isSet(Settings::Key::CloudflareAccountId));
    QCOMPARE(secret(Credentials::apiTokenSecret()), QString());

    // OK keeps the dialog open while something is wrong.
    QTest::mouseClick(field<QDialogButtonBox>("buttons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(m_dialog && m_dialog->isVisible());

    // A proxy without a host or port is refused on its page.
    type("accountId", m_fake->accountId());
    type("apiBase", m_fake->baseUrl().toString());
    choose("proxyMode", QStringLiteral("socks5"));
    QVERIFY(!m_dialog->apply());
    QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Network);
    QVERIFY(field<QLabel>("networkError")->text().contains(QLatin1String("port")));
    QVERIFY(!field<QLabel>("cloudflareError")->isVisible());
}

void TestSettings::chatPageSettings()
{
    openWindow();
    QVERIFY(openDialog());
    field<QSpinBox>("defaultMaxTokens")->setValue(777);
    field<QComboBox>("sendKey")->setCurrentIndex(1); // Ctrl+Enter sends
    field<QCheckBox>("reasoningInline")->setChecked(true);
    auto* model = field<QComboBox>("defaultModel");
    const int row = model->findData(QStringLiteral("deepseek-r1"), ModelPicker::NameRole);
    QVERIFY(row >= 0);
    model->setCurrentIndex(row);
    QVERIFY(applyAndWait());
    QCOMPARE(m_settings->value(Settings::Key::DefaultMaxTokens).toInt(), 777);
    QCOMPARE(m_settings->value(Settings::Key::SendOnEnter).toBool(), false);
    QCOMPARE(m_settings->value(Settings::Key::ReasoningInline).toBool(), true);
    QCOMPARE(m_settings->value(Settings::Key::DefaultModel).toString(), QStringLiteral("deepseek-r1"));
    QCOMPARE(m_window->engine()->client()->options().defaultMaxTokens, 777);
    QCOMPARE(m_window->chatPane()->controller()->defaultModel(), QStringLiteral("deepseek-r1"));
}

void TestSettings::serverStartsWithGeneratedKey()
{
    openWindow();
    QTRY_COMPARE(serverStatus(), QStringLiteral("API: off"));
    QVERIFY(openDialog());
    fillCloudflare(m_fake->apiToken());
    const quint16 port = enableServerOnFreePort();
    QVERIFY(port);
    QCOMPARE(field<QLabel>("serverUrl")->text(), QStringLiteral("http://127.0.0.1:%1/v1").arg(port));

    // A key is required and there is none yet: refused, and said so.
    QVERIFY(!m_dialog->apply());
    QVERIFY(field<QLabel>("serverError")->text().contains(QLatin1String("generate one")));
    QVERIFY(!m_settings->value(Settings::Key::ServerEnabled).toBool());

    type("newKeyName", QStringLiteral("test-editor"));
    QSignalSpy keysChanged(m_dialog.data(), &SettingsDialog::keysChanged);
    QTest::mouseClick(field<QPushButton>("generateKey"), Qt::LeftButton);
    QVERIFY(keysChanged.wait(20000));
    const QString key = field<QLineEdit>("newKey")->text();
    QVERIFY(key.startsWith(QLatin1String("sk-flarechat-")));
    QVERIFY(field<QLineEdit>("newKey")->isVisible());
    QTest::mouseClick(field<QPushButton>("copyKey"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), key);
    // Listed by name and prefix, never whole; stored in the keychain, recorded in the settings.
    auto* list = field<QTreeWidget>("serverKeys");
    QTRY_COMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("test-editor"));
    QVERIFY(key.startsWith(list->topLevelItem(0)->text(1).chopped(1)));
    QVERIFY(list->topLevelItem(0)->text(1).size() < key.size());
    QCOMPARE(Credentials::splitStoredKeys(secret(Credentials::apiKeysSecret())), QStringList {key});
    QCOMPARE(LocalApiKeys::readRecords(*m_settings).size(), 1);

    QVERIFY(applyAndWait());
    const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: ") + url, 20000);
    QCOMPARE(m_window->serverController()->baseUrl(), url);
    QCOMPARE(get(port, QStringLiteral("/v1/models"), key), 200);
    QCOMPARE(get(port, QStringLiteral("/v1/models")), 401);
    QCOMPARE(get(port, QStringLiteral("/v1/models"), QStringLiteral("sk-flarechat-wrongwrongwrong")), 401);

    // Revoked, the key no longer opens the server (which then has no key left, and stops).
    list->setCurrentItem(list->topLevelItem(0));
    QTest::mouseClick(field<QPushButton>("revokeKey"), Qt::LeftButton);
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = m_dialog->findChild<QMessageBox*>(QStringLiteral("revokeConfirm"))));
    QAbstractButton* revoke = nullptr;
    for (QAbstractButton* b : confirm->buttons()) {
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
            revoke = b;
    }
    QVERIFY(revoke);
    revoke->click();
    QVERIFY(keysChanged.wait(20000));
    QTRY_COMPARE(list->topLevelItemCount(), 0);
    QCOMPARE(secret(Credentials::apiKeysSecret()), QString());
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: needs a key"), 20000);
    QCOMPARE(m_window->serverController()->state(), ServerController::State::Failed);
    QVERIFY(get(port, QStringLiteral("/v1/models"), key) != 200);

    // Waived on loopback: it runs without a key; switched off, it stops.
    field<QCheckBox>("serverRequireKey")->setChecked(false);
    QVERIFY(applyAndWait());
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: ") + url, 20000);
    QCOMPARE(get(port, QStringLiteral("/v1/models")), 200);
    field<QCheckBox>("serverEnabled")->setChecked(false);
    QVERIFY(applyAndWait());
    QTRY_COMPARE(serverStatus(), QStringLiteral("API: off"));
    QCOMPARE(get(port, QStringLiteral("/v1/models")), 0); // connection refused
}

void TestSettings::serverKeepsStreamingThroughApply()
{
    // A client streams through the window's server while the user applies a new token: the
    // server takes it in place, the stream runs to its end, and the next request uses the
    // new token.
    const QByteArray secondToken = "another-made-up-test-token";
    m_fake->addToken(secondToken, FakeWorkersAi::TokenKind::User);
    openWindow();
    QVERIFY(openDialog());
    fillCloudflare(m_fake->apiToken());
    const quint16 port = enableServerOnFreePort();
    QVERIFY(port);
    field<QCheckBox>("serverRequireKey")->setChecked(false); // loopback only
    QVERIFY(applyAndWait());
    const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: ") + url, 20000);

    m_fake->setTokenDelayMs(40);
    const QByteArray body = R"({"model":"gemma-3","stream":true,"messages":[{"role":"user","content":")"
                            "one two three four five six seven eight nine ten eleven twelve\"}]}";
    test::HttpRawClient stream(port);
    stream.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTRY_VERIFY_WITH_TIMEOUT(stream.received().contains("\"content\":\""), 10000);

    type("apiToken", QString::fromLatin1(secondToken));
    QVERIFY(applyAndWait());
    QTRY_VERIFY_WITH_TIMEOUT(!stream.responses().isEmpty() && stream.responses().first().complete, 20000);
    const test::HttpRawResponse r = stream.responses().first();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.events().last(), QByteArray("[DONE]"));
    QVERIFY2(!r.body.contains("\"error\""), r.body.constData());
    QCOMPARE(serverStatus(), QStringLiteral("API: ") + url);

    m_fake->setTokenDelayMs(0);
    QCOMPARE(get(port, QStringLiteral("/v1/models")), 200);
    test::HttpRawClient next(port);
    const QByteArray small = R"({"model":"gemma-3","messages":[{"role":"user","content":"hi"}]})";
    next.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              "Content-Length: "
        + QByteArray::number(small.size()) + "\r\n\r\n" + small);
    QTRY_VERIFY_WITH_TIMEOUT(!next.responses().isEmpty() && next.responses().first().complete, 20000);
    QCOMPARE(next.responses().first().status, 200);
    QCOMPARE(m_fake->lastRequest().header("authorization"), QByteArray("Bearer ") + secondToken);
}

void TestSettings::portInUseIsShown()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    openWindow();
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::LocalApi);
    field<QCheckBox>("serverEnabled")->setChecked(true);
    field<QCheckBox>("serverRequireKey")->setChecked(false); // allowed on 127.0.0.1
    field<QSpinBox>("serverPort")->setValue(squatter.serverPort());
    QVERIFY(applyAndWait());
    QTRY_COMPARE_WITH_TIMEOUT(
        serverStatus(), QStringLiteral("API: port %1 is in use").arg(squatter.serverPort()), 20000);
    auto* label = m_window->statusBar()->findChild<QToolButton*>(QStringLiteral("serverStatus"));
    // The tooltip says what holds the port (this test's own process) and what to do.
    QVERIFY2(label->toolTip().contains(QLatin1String("Choose another port")), qPrintable(label->toolTip()));
#ifdef Q_OS_LINUX
    QVERIFY2(label->toolTip().contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())),
        qPrintable(label->toolTip()));
#else
    QVERIFY(label->toolTip().contains(QLatin1String("another program")));
#endif

    // Freed and applied again with another port: it runs.
    const quint16 port = freePort();
    field<QSpinBox>("serverPort")->setValue(port);
    QVERIFY(applyAndWait());
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: http://127.0.0.1:%1/v1").arg(port), 20000);
    QCOMPARE(get(port, QStringLiteral("/health")), 200);
}

void TestSettings::lanBindWithoutKeyIsRefused()
{
    openWindow();
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::Appearance);
    field<QCheckBox>("serverEnabled")->setChecked(true);
    field<QComboBox>("serverBind")->setCurrentText(QStringLiteral("0.0.0.0"));
    field<QCheckBox>("serverRequireKey")->setChecked(false);
    QVERIFY(!m_dialog->apply());
    QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::LocalApi);
    QVERIFY(field<QLabel>("serverError")->isVisible());
    QVERIFY(field<QLabel>("serverError")->text().contains(QLatin1String("0.0.0.0")));
    QVERIFY(field<QLabel>("serverError")->text().contains(QLatin1String("key")));

    // Requiring a key is not enough while there is none.
    field<QCheckBox>("serverRequireKey")->setChecked(true);
    QVERIFY(!m_dialog->apply());
    QVERIFY(field<QLabel>("serverError")->text().contains(QLatin1String("generate one")));

    // Nothing was saved: the server stays off, on loopback.
    QVERIFY(!m_settings->value(Settings::Key::ServerEnabled).toBool());
    QCOMPARE(m_settings->value(Settings::Key::ServerBind).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(serverStatus(), QStringLiteral("API: off"));

    // Not an address at all.
    field<QComboBox>("serverBind")->setCurrentText(QStringLiteral("my laptop"));
    QVERIFY(!m_dialog->apply());
    QVERIFY(field<QLabel>("serverError")->text().contains(QLatin1String("not an IP address")));
}

void TestSettings::themeChangeApplies()
{
    Theme::apply(QStringLiteral("light"));
    QVERIFY(!Theme::isDark());
    openWindow();
    QVERIFY(openDialog());
    choose("theme", QStringLiteral("dark"));
    QVERIFY(applyAndWait());
    QCOMPARE(m_settings->value(Settings::Key::Theme).toString(), QStringLiteral("dark"));
    QVERIFY(Theme::isDark());
    choose("theme", QStringLiteral("light"));
    QVERIFY(applyAndWait());
    QVERIFY(!Theme::isDark());
}

void TestSettings::languageIsChosen()
{
    openWindow();
    QVERIFY(openDialog());
    QCOMPARE(field<QComboBox>("language")->currentData().toString(), QStringLiteral("system"));
    choose("language", QStringLiteral("zh_CN"));
    QVERIFY(applyAndWait());
    QCOMPARE(m_settings->value(Settings::Key::Language).toString(), QStringLiteral("zh_CN"));
    // What the next start will speak (the environment variable, when set, still wins).
    QCOMPARE(
        Translations::choose(QStringLiteral("zh_CN"), QString(), QLocale(QLocale::English)), QStringLiteral("zh_CN"));
    delete m_dialog.data();
    QVERIFY(openDialog());
    QCOMPARE(field<QComboBox>("language")->currentText(), QStringLiteral("简体中文"));
}

int main(int argc, char** argv)
{
    if (flarechat::test::reexecUnderPrivateKeyring(argv))
        return 1; // a failure, never a skip: the keychain path must be tested
    QApplication app(argc, argv);
    TestSettings test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settings.moc"
