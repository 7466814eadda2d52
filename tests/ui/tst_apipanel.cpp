// The local API's panel in the window, with a real keychain and real HTTP: the request log model
// (QAbstractItemModelTester, cap, filters), the panel's switch starting a server that answers, a
// key made there working at once and revoked refused at once, the log filled by those requests
// with their details (credentials redacted), snippets with the real port and key, and a port in
// use reported with what holds it.
#include "CliProcess.h"
#include "FakeWorkersAi.h"
#include "KeychainWait.h"
#include "MainWindow.h"
#include "ServerController.h"
#include "config/Credentials.h"
#include "server/ApiPanel.h"
#include "server/ApiSnippets.h"
#include "server/RequestLogModel.h"
#include "settings/ApiKeysBox.h"
#include "settings/CredentialsLoader.h"
#include "storage/ConversationStore.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace flarechat;
using flarechat::test::FakeWorkersAi;

namespace {

RequestLogRecord record(int status, const QString& model, int i = 0)
{
    RequestLogRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.client = QStringLiteral("127.0.0.1:%1").arg(40000 + i);
    r.method = "POST";
    r.path = QStringLiteral("/v1/chat/completions");
    r.model = model;
    r.status = status;
    r.latencyMs = 10 + i;
    return r;
}

} // namespace

class TestApiPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void logModelIsAModel();
    void panelServesLogsAndKeys();
    void portInUseSaysWhat();

private:
    void openWindow();
    int get(quint16 port, const QString& path, const QString& key = {});
    static quint16 freePort();
    template <typename T>
    T* child(const char* name) const
    {
        return m_window->apiPanel()->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<FakeWorkersAi> m_fake;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<MainWindow> m_window;
};

void TestApiPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString keyringError;
    QVERIFY2(flarechat::test::waitUntilKeyringWritable(20000, &keyringError), qPrintable(keyringError));
}

void TestApiPanel::init()
{
    SecretStore secrets;
    secrets.setTimeout(20000);
    flarechat::test::waitForSecret(secrets.remove(Credentials::apiKeysSecret()));
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("flarechat.ini")));
    m_fake = std::make_unique<FakeWorkersAi>();
    QVERIFY(m_fake->listen());
}

void TestApiPanel::cleanup()
{
    m_window.reset();
    m_store.reset();
    m_fake.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestApiPanel::openWindow()
{
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY(m_store->open());
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_store.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QProcessEnvironment env;
    env.insert(Credentials::apiTokenVariable(), QString::fromLatin1(m_fake->apiToken()));
    env.insert(Credentials::accountIdVariable(), m_fake->accountId());
    env.insert(Credentials::apiBaseVariable(), m_fake->endpoint().customBase.toString());
    m_window->loadCredentials({}, env);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->credentialsLoader()->isLoading(), 20000);
}

quint16 TestApiPanel::freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

int TestApiPanel::get(quint16 port, const QString& path, const QString& key)
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
    reply->deleteLater();
    return status;
}

void TestApiPanel::logModelIsAModel()
{
    RequestLogModel model(5);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    RequestLogFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 12; ++i)
        model.append(record(i % 3 == 0 ? 500 : 200, i % 2 ? QStringLiteral("a") : QStringLiteral("b"), i));
    QCOMPARE(model.rowCount(), 5); // capped: the oldest went
    QCOMPARE(model.record(0).latencyMs, 21); // newest first
    QCOMPARE(model.record(4).latencyMs, 17);
    QCOMPARE(model.models(), (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
    filter.setStatus(RequestLogFilter::Status::Failed);
    for (int r = 0; r < filter.rowCount(); ++r)
        QVERIFY(filter.index(r, 0).data(RequestLogModel::StatusRole).toInt() >= 400);
    QCOMPARE(filter.rowCount(), 1); // of the last five (7 to 11), 9 failed
    filter.setStatus(RequestLogFilter::Status::All);
    filter.setModel(QStringLiteral("a"));
    QCOMPARE(filter.rowCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(filter.rowCount(), 0);
}

void TestApiPanel::panelServesLogsAndKeys()
{
    const quint16 port = freePort();
    QVERIFY(port);
    m_settings->setValue(Settings::Key::ServerPort, port);
    openWindow();
    // From the status bar's indicator.
    auto* indicator = m_window->findChild<QToolButton*>(QStringLiteral("serverStatus"));
    QVERIFY(indicator);
    QTest::mouseClick(indicator, Qt::LeftButton);
    QVERIFY(m_window->apiPanel() && m_window->apiPanel()->isVisible());
    QVERIFY(m_window->apiPanel()->stateText().startsWith(QLatin1String("Off")));

    // On, with a key required and none yet: it says so.
    child<QCheckBox>("apiServe")->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->serverController()->state(), ServerController::State::Failed, 20000);
    QVERIFY2(m_window->apiPanel()->stateText().contains(QLatin1String("key")),
        qPrintable(m_window->apiPanel()->stateText()));

    // A key made in the panel: shown once, and the server takes it at once.
    ApiKeysBox* keys = m_window->apiPanel()->keysBox();
    keys->findChild<QLineEdit*>(QStringLiteral("newKeyName"))->setText(QStringLiteral("panel-test"));
    QSignalSpy created(keys, &ApiKeysBox::keyCreated);
    QTest::mouseClick(keys->findChild<QPushButton*>(QStringLiteral("generateKey")), Qt::LeftButton);
    QVERIFY(created.wait(20000));
    const QString key = created.at(0).at(0).toString();
    QVERIFY(key.startsWith(QLatin1String("sk-flarechat-")));
    const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->serverController()->state(), ServerController::State::Running, 20000);
    QCOMPARE(child<QLabel>("apiBaseUrl")->text(), url);
    QVERIFY(m_window->apiPanel()->stateText().contains(QLatin1String("this computer only")));
    QCOMPARE(get(port, QStringLiteral("/v1/models"), key), 200);
    QCOMPARE(get(port, QStringLiteral("/v1/models"), QStringLiteral("sk-flarechat-wrongwrongwrong")), 401);

    // The snippets carry the real address and the new key.
    const QString curl = m_window->apiPanel()->snippet(int(ApiSnippets::Kind::Curl));
    QVERIFY2(curl.contains(url + QStringLiteral("/chat/completions")), qPrintable(curl));
    QVERIFY(curl.contains(key));
    QVERIFY(m_window->apiPanel()
                ->snippet(int(ApiSnippets::Kind::Environment))
                .contains(QStringLiteral("OPENAI_BASE_URL=\"%1\"").arg(url)));
    QVERIFY(m_window->apiPanel()
                ->snippet(int(ApiSnippets::Kind::Python))
                .contains(QStringLiteral("base_url=\"%1\"").arg(url)));
    // Claude Code's: the server's root (Anthropic's clients add /v1/messages) and the key, which
    // the server takes as a bearer token on its Anthropic face too (integration.apianthropic).
    const QString claude = m_window->apiPanel()->snippet(int(ApiSnippets::Kind::ClaudeCode));
    const QRegularExpression base(QStringLiteral("export ANTHROPIC_BASE_URL=(\\S+)\n"));
    const QString root = base.match(claude).captured(1);
    QVERIFY2(!root.isEmpty() && url == root + QStringLiteral("/v1"), qPrintable(claude));
    QVERIFY2(claude.contains(QStringLiteral("export ANTHROPIC_AUTH_TOKEN=%1\n").arg(key)), qPrintable(claude));
    QCOMPARE(QUrl(root).port(), int(port));
    // Codex's and opencode's: /v1 on the same server, the key in FLARECHAT_API_KEY, as launch sets them.
    const QString codex = m_window->apiPanel()->snippet(int(ApiSnippets::Kind::Codex));
    QVERIFY2(codex.contains(QStringLiteral("model_providers.flarechat.base_url=\"%1\"").arg(url)), qPrintable(codex));
    QVERIFY2(codex.contains(QStringLiteral("export FLARECHAT_API_KEY=%1\n").arg(key)), qPrintable(codex));
    const QString opencode = m_window->apiPanel()->snippet(int(ApiSnippets::Kind::OpenCode));
    QVERIFY2(opencode.contains(QStringLiteral("\"baseURL\": \"%1\"").arg(url)), qPrintable(opencode));

    // The log: both requests, newest first; the details show the headers, the key redacted.
    RequestLogModel* log = m_window->requestLog();
    QTRY_COMPARE(log->rowCount(), 2);
    QCOMPARE(log->record(0).status, 401);
    QCOMPARE(log->record(1).status, 200);
    QTableView* view = m_window->apiPanel()->logView();
    view->selectRow(1);
    const QString details = m_window->apiPanel()->details()->toPlainText();
    QVERIFY2(details.contains(QLatin1String("authorization: Bearer [redacted]")), qPrintable(details));
    QVERIFY(!details.contains(key));
    child<QComboBox>("apiLogStatus")->setCurrentIndex(2); // failed only
    QCOMPARE(m_window->apiPanel()->logFilter()->rowCount(), 1);
    QTest::mouseClick(child<QPushButton>("apiLogClear"), Qt::LeftButton);
    QCOMPARE(log->rowCount(), 0);

    // Revoked in the panel: refused at once.
    auto* list = keys->findChild<QTreeWidget*>(QStringLiteral("serverKeys"));
    QTRY_COMPARE(list->topLevelItemCount(), 1);
    list->setCurrentItem(list->topLevelItem(0));
    QSignalSpy changed(keys, &ApiKeysBox::keysChanged);
    QTest::mouseClick(keys->findChild<QPushButton*>(QStringLiteral("revokeKey")), Qt::LeftButton);
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY((confirm = m_window->findChild<QMessageBox*>(QStringLiteral("revokeConfirm"))));
    for (QAbstractButton* b : confirm->buttons()) {
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
            b->click();
    }
    QVERIFY(changed.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/v1/models"), key) != 200, 20000);

    // Off from the panel.
    child<QCheckBox>("apiServe")->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->serverController()->state(), ServerController::State::Off, 20000);
}

void TestApiPanel::portInUseSaysWhat()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    m_settings->setValue(Settings::Key::ServerPort, squatter.serverPort());
    m_settings->setValue(Settings::Key::ServerRequireKey, false);
    openWindow();
    m_window->showApiPanel();
    child<QCheckBox>("apiServe")->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->serverController()->state(), ServerController::State::Failed, 20000);
    const QString state = m_window->apiPanel()->stateText();
    QVERIFY2(state.contains(QString::number(squatter.serverPort())), qPrintable(state));
    QVERIFY2(state.contains(QLatin1String("Choose another port")), qPrintable(state));
#ifdef Q_OS_LINUX
    // This very process holds the port: /proc says so.
    QVERIFY2(state.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())), qPrintable(state));
#endif
}

QTEST_MAIN(TestApiPanel)
#include "tst_apipanel.moc"
