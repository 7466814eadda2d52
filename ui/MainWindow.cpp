#include "MainWindow.h"

#include "ConversationSidebar.h"
#include "chat/ChatController.h"
#include "chat/ChatPane.h"
#include "engine/Engine.h"
#include "storage/Settings.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>

namespace flarechat {

MainWindow::MainWindow(Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_engine(new Engine(this))
    , m_chat(new ChatPane(m_engine, this))
    , m_sidebar(new ConversationSidebar(m_chat->controller()->conversationList(), ChatController::IdRole, this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    setWindowTitle(tr("FlareChat"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_chat);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 760});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    ChatController* controller = m_chat->controller();
    controller->setDefaultModel(m_settings->value(Settings::Key::DefaultModel).toString());
    m_chat->setSendOnEnter(m_settings->value(Settings::Key::SendOnEnter).toBool());
    m_chat->setCatalog(m_engine->catalog());
    connect(m_sidebar, &ConversationSidebar::newRequested, controller, [this] {
        m_chat->controller()->newConversation();
        m_chat->setFocus();
    });
    connect(m_sidebar, &ConversationSidebar::conversationActivated, controller, &ChatController::openConversation);
    connect(controller, &ChatController::conversationOpened, m_sidebar, &ConversationSidebar::setCurrent);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::SendOnEnter)
            m_chat->setSendOnEnter(m_settings->value(key).toBool());
        else if (key == Settings::Key::DefaultModel)
            m_chat->controller()->setDefaultModel(m_settings->value(key).toString());
    });
    controller->newConversation();

    createMenus();
    updateNotice();
    resize(1100, 720);
    m_chat->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setEndpoint(const Endpoint& endpoint)
{
    m_engine->setEndpoint(endpoint);
    updateNotice();
}

void MainWindow::updateNotice()
{
    if (m_engine->endpoint().hasCredentials()) {
        m_chat->setNotice({});
        return;
    }
    m_chat->setNotice(tr("<h2>Connect to Cloudflare</h2>"
                         "<p>FlareChat needs your Cloudflare account id and an API token with Workers AI "
                         "permission.</p><p>Set <code>CLOUDFLARE_ACCOUNT_ID</code> and "
                         "<code>CLOUDFLARE_API_TOKEN</code>, or enter them in the settings.</p>"));
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newChat = file->addAction(tr("&New Chat"), m_chat->controller(), [this] {
        m_chat->controller()->newConversation();
        m_chat->setFocus();
    });
    newChat->setShortcut(QKeySequence::New);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About FlareChat"), this, [this] {
        QMessageBox::about(this, tr("About FlareChat"),
            tr("<h3>FlareChat %1</h3><p>A desktop client for Cloudflare Workers AI.</p>")
                .arg(QApplication::applicationVersion()));
    });
    about->setMenuRole(QAction::AboutRole);
}

} // namespace flarechat
