#include "MainWindow.h"

#include "ConversationSidebar.h"
#include "LanguageChange.h"
#include "MainToolBar.h"
#include "ServerController.h"
#include "Shortcuts.h"
#include "Theme.h"
#include "Translations.h"
#include "WindowActions.h"
#include "chat/ChatActions.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "chat/Composer.h"
#include "chat/ComposerEdit.h"
#include "chat/ExamplePrompts.h"
#include "chat/ModelPicker.h"
#include "config/EngineConfig.h"
#include "engine/Engine.h"
#include "server/ApiPanel.h"
#include "server/ApiServer.h"
#include "server/RequestLogModel.h"
#include "settings/CredentialsLoader.h"
#include "settings/SettingsDialog.h"
#include "setup/PlainTextFallback.h"
#include "setup/SetupPage.h"
#include "storage/ConversationExport.h"
#include "storage/ConversationListModel.h"
#include "storage/ConversationStore.h"
#include "storage/SecretStore.h"
#include "storage/Settings.h"
#include "transcript/TranscriptView.h"
#include "tray/TrayIcon.h"
#include "usage/UsageMeter.h"
#include "workersai/WorkersAiClient.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

namespace flarechat {

namespace {
constexpr qint64 kMaxImportBytes = 64 * 1024 * 1024;
}

MainWindow::MainWindow(Settings* settings, ConversationStore* store, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_store(store)
    , m_engine(new Engine(this))
    , m_chat(new ChatPane(m_engine, store, this))
    , m_sidebar(new ConversationSidebar(m_chat->controller()->conversationList(), ChatController::IdRole,
          ConversationListModel::PinnedRole, store, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_central(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_undo(new QPushButton(this))
    , m_statusTimer(new QTimer(this))
    , m_secrets(new SecretStore(SecretStore::defaultService(), this))
    , m_credentials(new CredentialsLoader(settings, m_secrets, this))
    , m_server(new ServerController(settings, this))
    , m_serverStatus(new QToolButton(this))
    , m_requestLog(new RequestLogModel(RequestLogModel::DefaultCapacity, this))
{
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_chat);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 760});
    m_splitter->setChildrenCollapsible(false);
    m_central->addWidget(m_splitter);
    setCentralWidget(m_central);
    // Where the user agreed earlier to keep secrets in the settings file, they are read from there.
    PlainTextFallback::restore(m_secrets, m_settings);

    m_status->setObjectName(QStringLiteral("statusText"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    m_undo->setFlat(true);
    m_undo->hide();
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_undo);
    m_usage = new UsageMeter(EngineConfig::meter(), EngineConfig::quota(), this);
    statusBar()->addPermanentWidget(m_usage);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));
    m_serverStatus->setAutoRaise(true);
    connect(m_serverStatus, &QToolButton::clicked, this, [this] { showApiPanel(); });
    statusBar()->addPermanentWidget(m_serverStatus);
    const auto showServerState = [this] {
        m_serverStatus->setText(m_server->statusText());
        m_serverStatus->setToolTip(
            m_server->errorText().isEmpty() ? tr("The local API server; click for its panel") : m_server->errorText());
    };
    retranslated(this, [this, showServerState] {
        setWindowTitle(tr("FlareChat"));
        m_undo->setText(tr("Undo"));
        m_serverStatus->setAccessibleName(tr("Local API"));
        showServerState();
    });
    onLanguageChange(this, [this] { updateNotice(); }); // a notice is in the language it was set in
    // The request log fills from the start; the panel that shows it is made when first opened.
    connect(m_server->server(), &ApiServer::requestLogged, m_requestLog, &RequestLogModel::append);
    connect(m_server, &ServerController::stateChanged, this, showServerState);
    connect(m_credentials, &CredentialsLoader::loaded, this, &MainWindow::credentialsLoaded);
    QDesktopServices::setUrlHandler(QStringLiteral("flarechat"), this, "openAppUrl");
    statusBar()->setSizeGripEnabled(false);
    m_statusTimer->setSingleShot(true);
    connect(m_statusTimer, &QTimer::timeout, this, [this] {
        m_status->clear();
        m_undo->hide();
        m_undoAction = nullptr;
    });
    connect(m_undo, &QPushButton::clicked, this, [this] {
        const std::function<void()> undo = std::exchange(m_undoAction, nullptr);
        m_statusTimer->stop();
        m_status->clear();
        m_undo->hide();
        if (undo)
            undo();
    });

    ChatController* controller = m_chat->controller();
    controller->setDefaultModel(m_settings->value(Settings::Key::DefaultModel).toString());
    m_chat->setSendOnEnter(m_settings->value(Settings::Key::SendOnEnter).toBool());
    m_engine->configure(EngineConfig::build(*m_settings, Endpoint()));
    m_chat->setCatalog(m_engine->catalog());
    m_usage->setCatalog(m_engine->catalog());
    connect(m_sidebar, &ConversationSidebar::newRequested, controller, [this] {
        m_chat->controller()->newConversation();
        m_chat->setFocus();
    });
    connect(m_sidebar, &ConversationSidebar::conversationActivated, controller, &ChatController::openConversation);
    connect(m_sidebar, &ConversationSidebar::searchHitActivated, controller, &ChatController::revealMessage);
    connect(m_sidebar, &ConversationSidebar::renameRequested, this, &MainWindow::renameConversation);
    connect(m_sidebar, &ConversationSidebar::pinRequested, controller, &ChatController::setPinned);
    connect(m_sidebar, &ConversationSidebar::duplicateRequested, controller, &ChatController::duplicateConversation);
    connect(m_sidebar, &ConversationSidebar::exportRequested, this, &MainWindow::exportWithDialog);
    connect(m_sidebar, &ConversationSidebar::deleteRequested, controller, &ChatController::deleteConversation);
    connect(controller, &ChatController::conversationOpened, m_sidebar, &ConversationSidebar::setCurrent);
    connect(controller, &ChatController::storeError, this, &MainWindow::showError);
    connect(controller, &ChatController::notice, this, [this](const QString& text) { showStatus(text, 15000); });
    connect(controller, &ChatController::conversationDeleted, this, [this](qint64 id, const QString& title) {
        showStatus(title.isEmpty() ? tr("Conversation deleted.") : tr("Deleted “%1”.").arg(title), 10000);
        offerUndo([this, id] { m_chat->controller()->undoDelete(id); });
    });
    connect(controller, &ChatController::messagesDeleted, this, [this](int count) {
        const QString text = count <= 1 ? tr("Message deleted.")
            : count == 2                ? tr("Message and its reply deleted.")
                                        : tr("Message and %1 replies deleted.").arg(count - 1);
        showStatus(text, 10000);
        offerUndo([this] { m_chat->controller()->undoRemoveMessage(); });
    });
    // A question waiting for the allocation is kept, so that it goes out after a restart too.
    connect(controller, &ChatController::holdChanged, this, [this](bool held) {
        const std::optional<QuotaHold::Held> question = m_chat->controller()->heldQuestion();
        m_settings->setValue(Settings::Key::HeldQuestion,
            held && question ? QStringLiteral("%1:%2").arg(question->conversation).arg(question->parentId) : QString());
        m_settings->sync();
    });
    // A reply that moved its conversation to the top keeps the open one selected in the list.
    connect(controller->conversationList(), &QAbstractItemModel::rowsMoved, this,
        [this] { m_sidebar->setCurrent(m_chat->controller()->currentConversation()); });
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::SendOnEnter)
            m_chat->setSendOnEnter(m_settings->value(key).toBool());
        else if (key == Settings::Key::DefaultModel)
            m_chat->controller()->setDefaultModel(m_settings->value(key).toString());
        else if (key == Settings::Key::Theme)
            Theme::apply(m_settings->value(key).toString());
        else if (key == Settings::Key::Language)
            Translations::install(Translations::choose(*m_settings)); // every widget gets a LanguageChange
        else if (key == Settings::Key::DefaultMaxTokens)
            m_engine->configure(EngineConfig::build(*m_settings, m_engine->endpoint()));
        else if (key == Settings::Key::ModelAliases) {
            m_engine->configure(EngineConfig::build(*m_settings, m_engine->endpoint()));
            m_chat->setCatalog(m_engine->catalog()); // the picker offers the new names
            m_usage->setCatalog(m_engine->catalog());
        } else if (key == Settings::Key::TextSize)
            applyTextSize();
    });
    controller->newConversation();

    if (TrayIcon::available()) {
        m_tray = new TrayIcon(this, m_server, m_settings, this);
        connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quit);
        m_tray->show();
    }

    m_chatActions = new ChatActions(m_chat, this);
    m_windowActions = new WindowActions(this);
    createMenus();
    arrangeTabOrder();
    applyTextSize();
    updateNotice();
    restoreLayout();
    m_chat->setFocus();
}

MainWindow::~MainWindow()
{
    saveLayout();
    QDesktopServices::unsetUrlHandler(QStringLiteral("flarechat"));
}

void MainWindow::restoreLayout()
{
    resize(1100, 720); // the first start's
    restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray());
    restoreState(m_settings->value(Settings::Key::WindowState).toByteArray());
    if (const int sidebar = m_settings->value(Settings::Key::SidebarWidth).toInt(); sidebar > 0)
        m_splitter->setSizes({sidebar, qMax(width() - sidebar, 1)});
    m_windowActions->toggleSidebar()->setChecked(m_settings->value(Settings::Key::SidebarShown).toBool());
}

void MainWindow::saveLayout()
{
    m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
    // While the first-run page shows, the toolbar is away for it, not by the user's choice.
    if (!m_setup)
        m_settings->setValue(Settings::Key::WindowState, saveState());
    const bool sidebar = m_windowActions->toggleSidebar()->isChecked();
    m_settings->setValue(Settings::Key::SidebarShown, sidebar);
    if (sidebar && m_sidebar->width() > 0)
        m_settings->setValue(Settings::Key::SidebarWidth, m_splitter->sizes().value(0));
    m_settings->sync();
}

void MainWindow::applyTextSize()
{
    const int points = m_settings->value(Settings::Key::TextSize).toInt();
    const QList<QWidget*> text {
        m_chat->transcriptView(), m_chat->composer()->edit(), m_sidebar->list(), m_sidebar->searchResults()};
    for (QWidget* w : text)
        Theme::setTextSize(w, points);
}

void MainWindow::arrangeTabOrder()
{
    QList<QWidget*> order = m_sidebar->focusOrder() + m_chat->focusOrder();
    order << m_undo << m_usage << m_serverStatus;
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

void MainWindow::setEndpoint(const Endpoint& endpoint)
{
    m_engine->setEndpoint(endpoint);
    m_usage->setAccount(endpoint.accountId);
    updateNotice();
    if (endpoint.hasCredentials())
        resumeHeldQuestion();
}

void MainWindow::resumeHeldQuestion()
{
    if (std::exchange(m_heldResumed, true))
        return; // once, with the first credentials
    const QStringList parts = m_settings->value(Settings::Key::HeldQuestion).toString().split(QLatin1Char(':'));
    bool conversationOk = false, messageOk = false;
    const QuotaHold::Held held {parts.value(0).toLongLong(&conversationOk), parts.value(1).toLongLong(&messageOk)};
    if (parts.size() == 2 && conversationOk && messageOk)
        m_chat->controller()->resumeHeld(held);
    // Asked (or gone): a used-up allocation that refuses it again holds it, and writes it again.
    if (m_settings->isSet(Settings::Key::HeldQuestion) && !m_chat->controller()->isHeld()) {
        m_settings->reset(Settings::Key::HeldQuestion);
        m_settings->sync();
    }
}

void MainWindow::loadCredentials(const Credentials::Overrides& overrides, const QProcessEnvironment& environment)
{
    m_credentials->setSources(overrides, environment);
    // What the command line and environment give is usable before the keychain answers.
    if (m_credentials->credentials().endpoint().hasCredentials()) {
        m_engine->setEndpoint(m_credentials->credentials().endpoint());
        m_usage->setAccount(m_credentials->credentials().endpoint().accountId);
    }
    m_credentials->load();
    updateNotice();
}

void MainWindow::credentialsLoaded()
{
    if (!m_credentials->keychainProblem().isEmpty())
        showError(tr("The keychain could not be read: %1").arg(m_credentials->keychainProblem()));
    setEndpoint(m_credentials->credentials().endpoint());
    m_server->setCredentials(m_credentials->credentials());
}

SettingsDialog* MainWindow::openSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog
            = new SettingsDialog(m_settings, m_secrets, m_credentials->credentials(), m_engine->catalog(), this);
        connect(m_settingsDialog, &QDialog::finished, m_settingsDialog, &QObject::deleteLater);
        // Read the keychain again: it holds what Apply stored, and the keys made meanwhile.
        connect(m_settingsDialog, &SettingsDialog::applied, m_credentials, &CredentialsLoader::load);
        connect(m_settingsDialog, &SettingsDialog::keysChanged, m_credentials, &CredentialsLoader::load);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
    return m_settingsDialog;
}

ApiPanel* MainWindow::showApiPanel()
{
    if (!m_apiPanel) {
        m_apiPanel = new ApiPanel(
            m_settings, m_secrets, m_server, m_requestLog, m_credentials->credentials(), m_engine->catalog(), this);
        m_apiPanel->setOpenSettings([this] { openSettings()->showPage(SettingsDialog::Page::LocalApi); });
        // The keychain holds the new keys: read it again, so the server takes them at once.
        connect(m_apiPanel, &ApiPanel::keysChanged, m_credentials, &CredentialsLoader::load);
        // Where the user last had it (restoreState() kept its place), else on the right.
        if (!restoreDockWidget(m_apiPanel)) {
            addDockWidget(Qt::RightDockWidgetArea, m_apiPanel);
            resizeDocks({m_apiPanel}, {460}, Qt::Horizontal);
        }
    }
    m_apiPanel->show();
    m_apiPanel->raise();
    return m_apiPanel;
}

SettingsDialog* MainWindow::settingsDialog() const
{
    return m_settingsDialog;
}

void MainWindow::openAppUrl(const QUrl& url)
{
    if (url.path() == QLatin1String("settings"))
        openSettings();
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::showStatus(const QString& text, int timeoutMs)
{
    m_undo->hide();
    m_undoAction = nullptr;
    m_status->setText(text);
    m_statusTimer->start(timeoutMs);
}

void MainWindow::offerUndo(std::function<void()> undo)
{
    m_undoAction = std::move(undo);
    m_undo->show();
}

void MainWindow::showError(const QString& text)
{
    showStatus(text.isEmpty() ? tr("Saving failed.") : text, 20000);
}

void MainWindow::updateNotice()
{
    if (m_engine->endpoint().hasCredentials()) {
        m_chat->setNotice({});
        showSetup(false);
        return;
    }
    if (m_credentials->isLoading()) {
        // A setup page already shown stays while the keychain is read again (after an Apply).
        m_chat->setNotice(tr("<h2>Connecting…</h2><p>Reading your Cloudflare credentials from the keychain.</p>"));
        return;
    }
    if (m_credentials->hasLoaded()) {
        m_chat->setNotice({}); // behind the setup page, and the chat has its own words after it
        showSetup(true); // nothing in the command line, the environment, the settings or the keychain
        return;
    }
    m_chat->setNotice(tr("<h2>Connect to Cloudflare</h2>"
                         "<p>FlareChat needs your Cloudflare account id and an API token with Workers AI "
                         "permission.</p><p>Set <code>CLOUDFLARE_ACCOUNT_ID</code> and "
                         "<code>CLOUDFLARE_API_TOKEN</code>, or <a href=\"flarechat:settings\">enter them in the "
                         "settings</a>.</p>"));
}

void MainWindow::showSetup(bool show)
{
    if (!show) {
        if (m_setup) {
            m_toolBar->show(); // back with the chat it acts on
            m_central->setCurrentWidget(m_splitter);
            m_central->removeWidget(m_setup);
            m_setup->deleteLater();
            m_setup = nullptr;
        }
        return;
    }
    if (!m_setup) {
        m_setup = new SetupPage(m_settings, m_secrets, m_engine->catalog(), m_central);
        connect(m_setup, &SetupPage::completed, this, [this](const SetupPage::Outcome& outcome) {
            setupCompleted(outcome.endpoint, outcome.model, outcome.tokenStored);
        });
        m_central->addWidget(m_setup);
        m_toolBar->hide(); // its new chat and conversation list belong to the chat, not to this page
    }
    m_setup->setBaseEndpoint(m_credentials->credentials().endpoint());
    m_central->setCurrentWidget(m_setup);
    m_setup->setFocus();
}

SetupPage* MainWindow::setupPage() const
{
    return m_setup;
}

void MainWindow::setupCompleted(const Endpoint& endpoint, const QString& model, bool tokenStored)
{
    if (!tokenStored)
        m_credentials->setSessionApiToken(endpoint.apiToken);
    // The first model becomes the default and the first chat's; its empty page offers examples.
    m_settings->setValue(Settings::Key::DefaultModel, model);
    m_settings->sync();
    setEndpoint(endpoint);
    ChatController* controller = m_chat->controller();
    controller->newConversation();
    controller->setModel(model);
    m_chat->modelPicker()->setCurrentModel(model);
    m_chat->setExamplePrompts(ExamplePrompts::firstChat());
    m_chat->setFocus();
    // Read again, so the local API server and every later load have the token just stored.
    m_credentials->load();
}

bool MainWindow::closesToTray() const
{
    if (!m_tray || !m_tray->isVisible())
        return false;
    const ServerController::State state = m_server->state();
    return state == ServerController::State::Running || state == ServerController::State::Waiting;
}

void MainWindow::quit()
{
    m_quitting = true;
    // Closed now (it accepts, tray or not), then the event loop ends; main() then destroys the
    // window, which saves drafts and a streaming reply, and stops the server.
    close();
    QCoreApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_quitting || !closesToTray()) {
        QMainWindow::closeEvent(event);
        return;
    }
    event->ignore();
    hide();
    // Said once: afterwards the user knows where FlareChat went.
    if (!m_settings->value(Settings::Key::TrayNoticeShown).toBool()) {
        m_settings->setValue(Settings::Key::TrayNoticeShown, true);
        m_settings->sync();
        m_tray->notify(tr("FlareChat is still running"),
            tr("The local API server keeps answering in the background. To end both, choose “Quit FlareChat” in "
               "this icon's menu."));
    }
}

void MainWindow::renameConversation(qint64 id)
{
    const auto summary = m_store->summary(id);
    if (!summary)
        return;
    bool ok = false;
    const QString title
        = QInputDialog::getText(this, tr("Rename Conversation"), tr("Title:"), QLineEdit::Normal, summary->title, &ok);
    if (ok && !title.trimmed().isEmpty())
        m_chat->controller()->renameConversation(id, title);
}

bool MainWindow::exportConversation(qint64 id, const QString& path)
{
    const bool json = QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    const QByteArray data
        = json ? ConversationExport::toJsonText(*m_store, id) : ConversationExport::toMarkdown(*m_store, id).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        showError(tr("Could not export to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    showStatus(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

std::optional<qint64> MainWindow::importConversation(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return std::nullopt;
    }
    if (file.size() > kMaxImportBytes) {
        showError(tr("%1 is too large to be a conversation (more than 64 MB).").arg(QDir::toNativeSeparators(path)));
        return std::nullopt;
    }
    QString error;
    const std::optional<qint64> id = ConversationExport::importJson(*m_store, file.readAll(), &error);
    if (!id) {
        showError(tr("Could not import %1: %2").arg(QDir::toNativeSeparators(path), error));
        return std::nullopt;
    }
    m_chat->controller()->openConversation(*id);
    showStatus(tr("Imported %1.").arg(QFileInfo(path).fileName()));
    return id;
}

void MainWindow::copyConversation()
{
    const qint64 id = m_chat->controller()->currentConversation();
    if (!id)
        return;
    QApplication::clipboard()->setText(ConversationExport::toMarkdown(*m_store, id));
    showStatus(tr("Conversation copied as Markdown."));
}

void MainWindow::exportWithDialog(qint64 id)
{
    const auto summary = m_store->summary(id);
    QString name = summary && !summary->title.isEmpty() ? summary->title : tr("Conversation");
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Conversation"),
        dir + QLatin1Char('/') + name + QStringLiteral(".md"), tr("Markdown (*.md);;JSON, OpenAI messages (*.json)"),
        &filter);
    if (path.isEmpty())
        return;
    exportConversation(id, path);
}

void MainWindow::importWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Conversation"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), tr("JSON (*.json);;All files (*)"));
    if (!path.isEmpty())
        importConversation(path);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(QString());
    QAction* newChat = file->addAction(QString(), m_chat->controller(), [this] {
        m_chat->controller()->newConversation();
        m_chat->setFocus();
    });
    newChat->setObjectName(QStringLiteral("newChatAction"));
    Shortcuts::assign(newChat, Shortcuts::Id::NewChat);
    file->addSeparator();
    QAction* import = file->addAction(QString(), this, &MainWindow::importWithDialog);
    QAction* exportAction
        = file->addAction(QString(), this, [this] { exportWithDialog(m_chat->controller()->currentConversation()); });
    file->addSeparator();
    QAction* quit = file->addAction(QString(), this, &MainWindow::quit);
    quit->setObjectName(QStringLiteral("quitAction"));
    Shortcuts::assign(quit, Shortcuts::Id::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(QString());
    QAction* copy = edit->addAction(QString(), this, &MainWindow::copyConversation);
    Shortcuts::assign(copy, Shortcuts::Id::CopyConversation);
    QAction* find = edit->addAction(QString(), m_sidebar, &ConversationSidebar::focusSearch);
    find->setObjectName(QStringLiteral("searchAction"));
    Shortcuts::assign(find, Shortcuts::Id::Search);
    edit->addSeparator();
    QAction* preferences = edit->addAction(QString(), this, [this] { openSettings(); });
    preferences->setObjectName(QStringLiteral("settingsAction"));
    preferences->setMenuRole(QAction::PreferencesRole);
    Shortcuts::assign(preferences, Shortcuts::Id::Settings);

    menuBar()->addMenu(m_chatActions->menu());

    QMenu* view = menuBar()->addMenu(QString());
    view->addAction(m_windowActions->toggleSidebar());
    QAction* api = view->addAction(QString(), this, [this] {
        if (m_apiPanel && m_apiPanel->isVisible())
            m_apiPanel->hide();
        else
            showApiPanel();
    });
    api->setObjectName(QStringLiteral("apiPanelAction"));
    Shortcuts::assign(api, Shortcuts::Id::ApiPanel);
    createToolBar(newChat, api, preferences);
    view->addAction(m_toolBar->toggleViewAction());
    view->addSeparator();
    view->addAction(m_chatActions->previousConversation());
    view->addAction(m_chatActions->nextConversation());

    QMenu* help = menuBar()->addMenu(QString());
    help->addAction(m_windowActions->keyboardShortcuts());
    help->addSeparator();
    QAction* about = help->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About FlareChat"),
            tr("<h3>FlareChat %1</h3><p>A desktop client for Cloudflare Workers AI.</p>")
                .arg(QApplication::applicationVersion()));
    });
    about->setMenuRole(QAction::AboutRole);

    retranslated(this, [=] {
        file->setTitle(tr("&File"));
        newChat->setText(tr("&New Chat"));
        newChat->setIconText(tr("New chat"));
        import->setText(tr("&Import Conversation…"));
        exportAction->setText(tr("&Export Conversation…"));
        quit->setText(tr("&Quit"));
        edit->setTitle(tr("&Edit"));
        copy->setText(tr("Copy Conversation as &Markdown"));
        find->setText(tr("&Search Messages"));
        preferences->setText(tr("Se&ttings…"));
        view->setTitle(tr("&View"));
        api->setText(tr("&Local API"));
        help->setTitle(tr("&Help"));
        about->setText(tr("&About FlareChat"));
    });
}

void MainWindow::createToolBar(QAction* newChat, QAction* apiPanel, QAction* settings)
{
    m_toolBar = new MainToolBar(this);
    addToolBar(Qt::TopToolBarArea, m_toolBar);
    m_toolBar->addIconAction(newChat, QStringLiteral("new-chat"));
    m_toolBar->addIconAction(m_windowActions->toggleSidebar(), QStringLiteral("sidebar"));
    m_toolBar->addSeparator();
    m_toolBar->addIconAction(apiPanel, QStringLiteral("local-api"));
    m_toolBar->addIconAction(settings, QStringLiteral("settings"));
}

} // namespace flarechat
