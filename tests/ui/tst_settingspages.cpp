// The settings window as a loop over SettingsPage: every tab a page, the rules' reasons coming from
// core (AccessPolicy, Endpoint, ModelCatalog) and worded by the page in the language in use, the
// local API keys changed by the one job both the window and `flarechat key` run, and the Models
// page's own names reaching the window's catalog and the local API server. Real widgets, the real
// keychain (main() re-runs this test in a private D-Bus session with a throwaway gnome-keyring),
// the `flarechat` binary, real HTTP. Every secret here is a made-up test string.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "KeychainWait.h"
#include "MainWindow.h"
#include "ServerController.h"
#include "Translations.h"
#include "config/Credentials.h"
#include "engine/Engine.h"
#include "server/AccessPolicy.h"
#include "settings/ApiKeysBox.h"
#include "settings/CredentialsLoader.h"
#include "settings/SettingsDialog.h"
#include "settings/SettingsPage.h"
#include "storage/ConversationStore.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"
#include "storage/UserAliases.h"
#include "workersai/Endpoint.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace flarechat;
using flarechat::test::CliResult;
using flarechat::test::FakeWorkersAi;

namespace {

bool hasChinese(const QString& text)
{
    return std::any_of(
        text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

const QString kCoder = QStringLiteral("@cf/qwen/qwen2.5-coder-32b-instruct");

} // namespace

class TestSettingsPages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyTabIsAPage();
    void bindReasonsComeFromAccessPolicy_data();
    void bindReasonsComeFromAccessPolicy();
    void endpointReasonsComeFromEndpoint_data();
    void endpointReasonsComeFromEndpoint();
    void reasonsFollowTheLanguage();
    void keysSharedWithTheCommandLine();
    void aliasesReachCatalogAndServer();
    void wordsFollowTheLanguageAtOnce();

private:
    SettingsDialog* openDialog();
    template <typename T>
    T* field(const char* name) const
    {
        T* w = m_dialog ? m_dialog->findChild<T*>(QLatin1String(name)) : nullptr;
        if (!w)
            qWarning("no widget %s", name);
        return w;
    }
    CliResult key(const QStringList& args) const;
    QStringList listedKeyNames() const; // the names in the window's key list
    bool refreshKeys(); // the window's key list read again
    bool applyAndWait();
    QString serverStatus() const;
    static quint16 freePort();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SettingsDialog> m_dialog;
};

void TestSettingsPages::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "main() should have started a private bus");
    if (flarechat::test::flarechatBinary().isEmpty())
        QFAIL("built without FLARECHAT_BINARY (the path of flarechat, see tests/CMakeLists.txt)");
    QStandardPaths::setTestModeEnabled(true);
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
}

void TestSettingsPages::init()
{
    SecretStore store;
    store.setTimeout(20000);
    const SecretResult r = flarechat::test::waitForSecret(store.remove(Credentials::apiKeysSecret()));
    QVERIFY2(r.ok() || r.status == SecretResult::Status::NotFound, qPrintable(r.message));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY2(m_store->open(), qPrintable(m_store->lastError()));
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_store.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QProcessEnvironment env;
    env.insert(QStringLiteral("CLOUDFLARE_ACCOUNT_ID"), m_fake->accountId());
    env.insert(QStringLiteral("CLOUDFLARE_API_TOKEN"), QString::fromLatin1(m_fake->apiToken()));
    env.insert(QStringLiteral("FLARECHAT_API_BASE"), m_fake->baseUrl().toString());
    m_window->loadCredentials({}, env); // never the developer's own environment
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->credentialsLoader()->isLoading(), 20000);
}

void TestSettingsPages::cleanup()
{
    Translations::install(QStringLiteral("en"));
    if (m_dialog)
        delete m_dialog.data();
    m_window.reset();
    m_store.reset();
    m_fake.reset();
    m_settings.reset();
    m_dir.reset();
}

SettingsDialog* TestSettingsPages::openDialog()
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

CliResult TestSettingsPages::key(const QStringList& args) const
{
    return flarechat::test::runCli(flarechat::test::flarechatBinary(),
        QStringList {QStringLiteral("key")} + args + QStringList {QStringLiteral("--settings"), m_settings->path()},
        flarechat::test::cliEnvironment(m_dir->path()));
}

QStringList TestSettingsPages::listedKeyNames() const
{
    QStringList names;
    auto* list = field<QTreeWidget>("serverKeys");
    for (int i = 0; list && i < list->topLevelItemCount(); ++i)
        names << list->topLevelItem(i)->text(0);
    return names;
}

bool TestSettingsPages::refreshKeys()
{
    auto* box = m_dialog->findChild<ApiKeysBox*>();
    if (!box)
        return false;
    box->refresh();
    return QTest::qWaitFor([box] { return !box->isBusy(); }, 20000);
}

bool TestSettingsPages::applyAndWait()
{
    QSignalSpy applied(m_dialog.data(), &SettingsDialog::applied);
    QTest::mouseClick(field<QDialogButtonBox>("buttons")->button(QDialogButtonBox::Apply), Qt::LeftButton);
    if (applied.isEmpty() && !applied.wait(20000))
        return false;
    if (!QTest::qWaitFor([this] { return !m_window->credentialsLoader()->isLoading(); }, 20000))
        return false;
    return m_dialog->errors().isEmpty();
}

QString TestSettingsPages::serverStatus() const
{
    auto* label = m_window->statusBar()->findChild<QToolButton*>(QStringLiteral("serverStatus"));
    return label ? label->text() : QStringLiteral("(no serverStatus)");
}

quint16 TestSettingsPages::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

void TestSettingsPages::everyTabIsAPage()
{
    QVERIFY(openDialog());
    auto* tabs = field<QTabWidget>("pages");
    QVERIFY(tabs);
    const QList<SettingsDialog::Page> order {SettingsDialog::Page::Cloudflare, SettingsDialog::Page::Network,
        SettingsDialog::Page::Chat, SettingsDialog::Page::Models, SettingsDialog::Page::LocalApi,
        SettingsDialog::Page::Appearance};
    QCOMPARE(tabs->count(), order.size());
    for (const SettingsDialog::Page p : order) {
        SettingsPage* page = m_dialog->page(p);
        QVERIFY(page);
        QCOMPARE(tabs->widget(int(p)), page->widget());
        QCOMPARE(tabs->tabText(int(p)), page->title());
        m_dialog->showPage(p);
        QCOMPARE(m_dialog->currentPage(), p);
    }
    QCOMPARE(tabs->tabText(int(SettingsDialog::Page::Models)), QStringLiteral("Models"));

    // One check over every page: each shows its own errors, the first of them comes to the front,
    // errors() has them all, and nothing is saved.
    m_dialog->showPage(SettingsDialog::Page::Appearance);
    auto* account = field<QLineEdit>("accountId");
    account->setText(QStringLiteral("not-an-account"));
    m_dialog->showPage(SettingsDialog::Page::Models);
    QTest::mouseClick(field<QPushButton>("addAlias"), Qt::LeftButton); // a row without a name
    m_dialog->showPage(SettingsDialog::Page::Appearance);
    QVERIFY(!m_dialog->apply());
    QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Cloudflare);
    QCOMPARE(m_dialog->errors().size(), 2);
    QVERIFY(field<QLabel>("cloudflareError")->text().contains(QLatin1String("32 hexadecimal")));
    QVERIFY(field<QLabel>("modelsError")->text().contains(QLatin1String("no name")));
    QVERIFY(!m_settings->isSet(Settings::Key::CloudflareAccountId));

    // The Cloudflare page put right, the Models page is the first one left.
    account->setText(m_fake->accountId());
    QVERIFY(!m_dialog->apply());
    QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Models);
    QCOMPARE(m_dialog->errors().size(), 1);
    QVERIFY(!field<QLabel>("cloudflareError")->isVisible());
    // Removed, nothing is wrong any more.
    auto* table = field<QTableWidget>("modelAliases");
    table->setCurrentCell(0, 0);
    QTest::mouseClick(field<QPushButton>("removeAlias"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(applyAndWait());
    QCOMPARE(m_settings->value(Settings::Key::CloudflareAccountId).toString(), m_fake->accountId());
}

void TestSettingsPages::bindReasonsComeFromAccessPolicy_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addColumn<bool>("requireKey");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("words"); // a fragment of the page's sentence; empty: no error

    using V = AccessPolicy::BindVerdict;
    QTest::newRow("lan without a key required")
        << "0.0.0.0" << false << int(V::KeyWaivedOffLoopback) << "must require a key";
    QTest::newRow("lan without a key made")
        << "192.168.1.20" << true << int(V::NoKeyOffLoopback) << "generate one below first";
    QTest::newRow("loopback, key required, none made")
        << "127.0.0.1" << true << int(V::RequiredKeyMissing) << "there is none";
    QTest::newRow("loopback, key waived") << "127.0.0.1" << false << int(V::Ok) << QString();
}

void TestSettingsPages::bindReasonsComeFromAccessPolicy()
{
    QFETCH(QString, bind);
    QFETCH(bool, requireKey);
    QFETCH(int, verdict);
    QFETCH(QString, words);

    // The rule's decision is the server's own...
    QCOMPARE(int(AccessPolicy::checkBind(QHostAddress(bind), false, requireKey)), verdict);
    QCOMPARE(AccessPolicy::validateBind(QHostAddress(bind), false, requireKey).isEmpty(), words.isEmpty());
    // ...and the page words it.
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::LocalApi);
    field<QCheckBox>("serverEnabled")->setChecked(true);
    field<QComboBox>("serverBind")->setCurrentText(bind);
    field<QCheckBox>("serverRequireKey")->setChecked(requireKey);
    field<QSpinBox>("serverPort")->setValue(freePort());
    m_dialog->showPage(SettingsDialog::Page::Chat);
    const bool applied = m_dialog->apply();
    QCOMPARE(applied, words.isEmpty());
    auto* error = field<QLabel>("serverError");
    if (words.isEmpty()) {
        QVERIFY2(!error->isVisible(), qPrintable(error->text()));
        QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Chat);
    } else {
        QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::LocalApi);
        QVERIFY2(error->text().contains(words), qPrintable(error->text()));
        QVERIFY(!m_settings->value(Settings::Key::ServerEnabled).toBool());
    }
}

void TestSettingsPages::endpointReasonsComeFromEndpoint_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("value"); // the base URL or the gateway id
    QTest::addColumn<int>("problem");
    QTest::addColumn<QString>("words");

    using P = Endpoint::Problem;
    QTest::newRow("not http") << "custom"
                              << "ftp://example.com" << int(P::BaseUrlNotHttp) << "http:// or https://";
    QTest::newRow("no host") << "custom"
                             << "https://" << int(P::BaseUrlNotHttp) << "http:// or https://";
    QTest::newRow("a password in it") << "custom"
                                      << "https://me:secret@example.com/client/v4" << int(P::BaseUrlHasUserInfo)
                                      << "user name or password";
    QTest::newRow("gateway without an id") << "gateway"
                                           << "  " << int(P::GatewayIdMissing) << "Gateway's id";
    QTest::newRow("fine") << "custom"
                          << "http://127.0.0.1:9/client/v4" << int(P::None) << QString();
}

void TestSettingsPages::endpointReasonsComeFromEndpoint()
{
    QFETCH(QString, kind);
    QFETCH(QString, value);
    QFETCH(int, problem);
    QFETCH(QString, words);

    QCOMPARE(int(kind == QLatin1String("gateway") ? Endpoint::checkGatewayId(value) : Endpoint::checkBaseUrl(value)),
        problem);
    QVERIFY(openDialog());
    auto* endpointKind = field<QComboBox>("endpointKind");
    endpointKind->setCurrentIndex(endpointKind->findData(kind));
    field<QLineEdit>(kind == QLatin1String("gateway") ? "gatewayId" : "apiBase")->setText(value);
    m_dialog->showPage(SettingsDialog::Page::Appearance);
    QCOMPARE(m_dialog->apply(), words.isEmpty());
    auto* error = field<QLabel>("cloudflareError");
    if (words.isEmpty()) {
        QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    } else {
        QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Cloudflare);
        QVERIFY2(error->text().contains(words), qPrintable(error->text()));
    }
}

void TestSettingsPages::reasonsFollowTheLanguage()
{
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::LocalApi);
    field<QCheckBox>("serverEnabled")->setChecked(true);
    field<QComboBox>("serverBind")->setCurrentText(QStringLiteral("0.0.0.0"));
    field<QCheckBox>("serverRequireKey")->setChecked(false);
    QVERIFY(!m_dialog->apply());
    auto* error = field<QLabel>("serverError");
    const QString english = error->text();
    QVERIFY(english.contains(QLatin1String("0.0.0.0")));
    auto* status = field<QLabel>("statusLine");
    const QString englishStatus = status->text();

    // Switched while shown, the reason and the status line are said again in Chinese at once.
    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    QVERIFY2(error->text() != english && hasChinese(error->text()), qPrintable(error->text()));
    QVERIFY(error->text().contains(QLatin1String("0.0.0.0")));
    QVERIFY2(status->text() != englishStatus && hasChinese(status->text()), qPrintable(status->text()));
    QVERIFY(Translations::install(QStringLiteral("en")));
    QCOMPARE(error->text(), english);
}

void TestSettingsPages::keysSharedWithTheCommandLine()
{
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::LocalApi);

    // Made in the window: `flarechat key list` knows it, by name.
    field<QLineEdit>("newKeyName")->setText(QStringLiteral("from-window"));
    QSignalSpy keysChanged(m_dialog.data(), &SettingsDialog::keysChanged);
    QTest::mouseClick(field<QPushButton>("generateKey"), Qt::LeftButton);
    QVERIFY(keysChanged.wait(20000));
    const QString windowKey = field<QLineEdit>("newKey")->text();
    QVERIFY(windowKey.startsWith(QLatin1String("sk-flarechat-")));
    CliResult r = key({QStringLiteral("list")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("from-window"), r.out.constData());
    QVERIFY(!r.out.contains(windowKey.toLatin1()));
    QVERIFY(!r.out.contains("missing from the keychain"));

    // The same name from the command line is refused by the same rule.
    r = key({QStringLiteral("new"), QStringLiteral("--name"), QStringLiteral("from-window")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("already"), r.err.constData());

    // Made on the command line: the window lists it beside its own when it reads the keys again...
    r = key({QStringLiteral("new"), QStringLiteral("--name"), QStringLiteral("from-cli")});
    QCOMPARE(r.exitCode, 0);
    const QString cliKey = QString::fromUtf8(r.out).trimmed();
    QVERIFY(refreshKeys());
    QCOMPARE(listedKeyNames(), (QStringList {QStringLiteral("from-window"), QStringLiteral("from-cli")}));
    // ...and the same name from the window is refused with the window's words.
    field<QLineEdit>("newKeyName")->setText(QStringLiteral("from-cli"));
    QTest::mouseClick(field<QPushButton>("generateKey"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(field<QLabel>("serverError")->text().contains(QLatin1String("already")), 20000);

    // Revoked in the window: gone for the command line, the other key untouched.
    auto* list = field<QTreeWidget>("serverKeys");
    list->setCurrentItem(list->topLevelItem(1));
    QTest::mouseClick(field<QPushButton>("revokeKey"), Qt::LeftButton);
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = m_dialog->findChild<QMessageBox*>(QStringLiteral("revokeConfirm"))));
    for (QAbstractButton* b : confirm->buttons()) {
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
            b->click();
    }
    QVERIFY(keysChanged.wait(20000));
    QCOMPARE(listedKeyNames(), QStringList {QStringLiteral("from-window")});
    r = key({QStringLiteral("list")});
    QVERIFY2(!r.out.contains("from-cli"), r.out.constData());
    QVERIFY(r.out.contains("from-window"));
    SecretStore store;
    store.setTimeout(20000);
    const SecretResult stored = flarechat::test::waitForSecret(store.read(Credentials::apiKeysSecret()));
    QCOMPARE(Credentials::splitStoredKeys(stored.value), QStringList {windowKey});
    QVERIFY(!stored.value.contains(cliKey));

    // Revoked on the command line: the window's list is empty once read again.
    r = key({QStringLiteral("revoke"), QStringLiteral("from-window")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(refreshKeys());
    QCOMPARE(listedKeyNames(), QStringList());
}

void TestSettingsPages::aliasesReachCatalogAndServer()
{
    QVERIFY(openDialog());
    m_dialog->showPage(SettingsDialog::Page::Models);
    auto* table = field<QTableWidget>("modelAliases");
    QCOMPARE(table->rowCount(), 0);
    QTest::mouseClick(field<QPushButton>("addAlias"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 1);
    auto* target = qobject_cast<QComboBox*>(table->cellWidget(0, 1));
    QVERIFY(target);
    QVERIFY(target->findData(kCoder) >= 0); // the targets are the catalog's models
    target->setCurrentIndex(target->findData(kCoder));
    auto* error = field<QLabel>("modelsError");

    // The catalog's rules, in the page's words.
    const QList<QPair<QString, QString>> refused {
        {QStringLiteral("gemma-3"), QStringLiteral("already gives")}, // a built-in alias: fixed meaning
        {QStringLiteral("my coder"), QStringLiteral("space")},
        {QStringLiteral("@mine"), QStringLiteral("starts with @")},
    };
    for (const auto& [alias, words] : refused) {
        table->item(0, 0)->setText(alias);
        QVERIFY(m_dialog->page(SettingsDialog::Page::Models)->problems().size() == 1);
        m_dialog->showPage(SettingsDialog::Page::Chat);
        QVERIFY(!m_dialog->apply());
        QCOMPARE(m_dialog->currentPage(), SettingsDialog::Page::Models);
        QVERIFY2(error->text().contains(words), qPrintable(error->text()));
    }
    QVERIFY(!m_settings->isSet(Settings::Key::ModelAliases));
    table->item(0, 0)->setText(QStringLiteral("my-coder"));
    QTest::mouseClick(field<QPushButton>("addAlias"), Qt::LeftButton);
    table->item(1, 0)->setText(QStringLiteral("My-Coder"));
    QVERIFY(!m_dialog->apply());
    QVERIFY2(error->text().contains(QLatin1String("twice")), qPrintable(error->text()));
    // The second row names the same model by its built-in alias, under another name.
    table->item(1, 0)->setText(QStringLiteral("fast"));
    auto* second = qobject_cast<QComboBox*>(table->cellWidget(1, 1));
    second->setCurrentIndex(second->findData(QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast")));
    QVERIFY(second->currentIndex() >= 0);

    // Saved together with a keyless server on loopback.
    const quint16 port = freePort();
    QVERIFY(port);
    m_dialog->showPage(SettingsDialog::Page::LocalApi);
    field<QCheckBox>("serverEnabled")->setChecked(true);
    field<QSpinBox>("serverPort")->setValue(port);
    field<QCheckBox>("serverRequireKey")->setChecked(false);
    QVERIFY(applyAndWait());
    QCOMPARE(m_settings->value(Settings::Key::ModelAliases).toStringList(),
        (QStringList {
            QStringLiteral("my-coder=") + kCoder, QStringLiteral("fast=@cf/meta/llama-3.1-8b-instruct-fast")}));

    // The window's catalog resolves them at once...
    const std::optional<ModelInfo> found = m_window->engine()->catalog().find(QStringLiteral("MY-CODER"));
    QVERIFY(found);
    QCOMPARE(found->id, kCoder);
    // ...and so does the local API server: listed, and a request for the name runs the model.
    const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(serverStatus(), QStringLiteral("API: ") + url, 20000);
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply* models = nam.get(QNetworkRequest(QUrl(url + QStringLiteral("/models"))));
    QSignalSpy listed(models, &QNetworkReply::finished);
    QVERIFY(listed.wait(15000));
    const QByteArray list = models->readAll();
    QCOMPARE(models->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY2(list.contains("\"my-coder\""), list.constData());
    models->deleteLater();
    QNetworkRequest post(QUrl(url + QStringLiteral("/chat/completions")));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* chat = nam.post(post, R"({"model":"my-coder","messages":[{"role":"user","content":"hi"}]})");
    QSignalSpy answered(chat, &QNetworkReply::finished);
    QVERIFY(answered.wait(15000));
    const QByteArray body = chat->readAll();
    QVERIFY2(chat->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200, body.constData());
    const QList<FakeWorkersAi::ReceivedRequest> received = m_fake->requests();
    QVERIFY(std::any_of(
        received.cbegin(), received.cend(), [](const FakeWorkersAi::ReceivedRequest& r) { return r.model == kCoder; }));
    chat->deleteLater();

    // Opened again, the page shows what was saved; removed, the name is gone everywhere.
    delete m_dialog.data();
    QVERIFY(openDialog());
    table = field<QTableWidget>("modelAliases");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("my-coder"));
    QCOMPARE(qobject_cast<QComboBox*>(table->cellWidget(0, 1))->currentData().toString(), kCoder);
    m_dialog->showPage(SettingsDialog::Page::Models);
    table->setCurrentCell(0, 0);
    QTest::mouseClick(field<QPushButton>("removeAlias"), Qt::LeftButton);
    QVERIFY(applyAndWait());
    QVERIFY(!m_window->engine()->catalog().find(QStringLiteral("my-coder")));
    QCOMPARE(UserAliases::read(*m_settings).size(), 1);
}

void TestSettingsPages::wordsFollowTheLanguageAtOnce()
{
    QVERIFY(openDialog());
    auto* tabs = field<QTabWidget>("pages");
    QStringList english;
    for (int i = 0; i < tabs->count(); ++i)
        english << tabs->tabText(i);
    const QString generate = field<QPushButton>("generateKey")->text();
    const QString add = field<QPushButton>("addAlias")->text();
    const QString title = m_dialog->windowTitle();
    // The language applies at once now: no page says it waits for a restart.
    for (const QLabel* label : m_dialog->findChildren<QLabel*>())
        QVERIFY2(!label->text().contains(QLatin1String("next time")), qPrintable(label->text()));
    QVERIFY(!field<QComboBox>("language")->toolTip().contains(QLatin1String("next time")));

    QVERIFY(Translations::install(QStringLiteral("zh_CN")));
    for (int i = 0; i < tabs->count(); ++i) {
        QCOMPARE(tabs->tabText(i), m_dialog->page(SettingsDialog::Page(i))->title());
        if (SettingsDialog::Page(i) != SettingsDialog::Page::Cloudflare) // a name in both languages
            QVERIFY2(hasChinese(tabs->tabText(i)), qPrintable(tabs->tabText(i)));
    }
    QVERIFY(hasChinese(field<QPushButton>("generateKey")->text()));
    QVERIFY(hasChinese(field<QPushButton>("addAlias")->text()));
    QVERIFY(hasChinese(m_dialog->windowTitle()));
    QVERIFY(hasChinese(field<QTableWidget>("modelAliases")->horizontalHeaderItem(0)->text()));
    QVERIFY(hasChinese(field<QComboBox>("proxyMode")->itemText(0)));
    QVERIFY(hasChinese(field<QCheckBox>("serverEnabled")->text()));
    QVERIFY(hasChinese(field<QComboBox>("language")->toolTip()));

    QVERIFY(Translations::install(QStringLiteral("en")));
    for (int i = 0; i < tabs->count(); ++i)
        QCOMPARE(tabs->tabText(i), english.at(i));
    QCOMPARE(field<QPushButton>("generateKey")->text(), generate);
    QCOMPARE(field<QPushButton>("addAlias")->text(), add);
    QCOMPARE(m_dialog->windowTitle(), title);
}

int main(int argc, char** argv)
{
    if (flarechat::test::reexecUnderPrivateKeyring(argv))
        return 1; // a failure, never a skip: the keychain path must be tested
    QApplication app(argc, argv);
    TestSettingsPages test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingspages.moc"
