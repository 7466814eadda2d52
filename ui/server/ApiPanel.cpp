#include "ApiPanel.h"

#include "ApiSnippets.h"
#include "RequestLogModel.h"
#include "ServerController.h"
#include "settings/ApiKeysBox.h"
#include "storage/Settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace flarechat {

namespace {

constexpr ApiSnippets::Kind kSnippetKinds[] = {ApiSnippets::Kind::Curl, ApiSnippets::Kind::Python,
    ApiSnippets::Kind::JavaScript, ApiSnippets::Kind::Environment, ApiSnippets::Kind::ClaudeCode,
    ApiSnippets::Kind::Codex, ApiSnippets::Kind::OpenCode};

} // namespace

QPushButton* ApiPanel::copyButton(QWidget* parent, const std::function<QString()>& text)
{
    auto* button = new QPushButton(parent);
    QObject::connect(button, &QPushButton::clicked, button, [text] { QApplication::clipboard()->setText(text()); });
    m_copyButtons << button;
    return button;
}

ApiPanel::ApiPanel(Settings* settings, SecretStore* secrets, ServerController* server, RequestLogModel* log,
    const Credentials& credentials, const ModelCatalog& catalog, QWidget* parent)
    : QDockWidget(parent)
    , m_settings(settings)
    , m_server(server)
    , m_catalog(catalog)
    , m_log(log)
    , m_filter(new RequestLogFilter(this))
{
    setObjectName(QStringLiteral("apiPanel"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(createServerTab(credentials, secrets), QString());
    m_tabs->addTab(createConnectTab(), QString());
    m_tabs->addTab(createLogTab(), QString());
    setWidget(m_tabs);

    connect(m_server, &ServerController::stateChanged, this, &ApiPanel::updateState);
    connect(m_settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::Key::ServerEnabled) {
            const QSignalBlocker block(m_serve);
            m_serve->setChecked(m_settings->value(key).toBool());
        }
        updateState();
    });
    retranslate(); // and updateState()
}

ApiPanel::~ApiPanel() = default;

void ApiPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void ApiPanel::retranslate()
{
    setWindowTitle(tr("Local API"));
    setAccessibleName(tr("Local API"));
    m_tabs->setTabText(0, tr("Server"));
    m_tabs->setTabText(1, tr("Connect"));
    m_tabs->setTabText(2, tr("Requests"));
    // The switch is also the start-with-FlareChat setting (it is kept): the words say both.
    m_serve->setText(tr("&Serve the local API, now and whenever FlareChat starts"));
    m_serve->setToolTip(tr("OpenAI-compatible API for other programs, on this computer. While it is on, closing the "
                           "window leaves FlareChat in the tray, still serving."));
    m_baseUrlLabel->setText(tr("Base URL:"));
    for (QPushButton* copy : std::as_const(m_copyButtons))
        copy->setText(tr("Copy"));
    m_copyUrl->setAccessibleName(tr("Copy the base URL"));
    m_access->setText(tr("Address, Allowed Origins and Host Names…"));
    m_intro->setText(tr("Paste one of these into a program or a terminal. They use the real address and, once you "
                        "make one, your new key."));
    for (int i = 0; i < m_snippets.size(); ++i) {
        m_snippetTabs->setTabText(i, ApiSnippets::title(kSnippetKinds[i]));
        m_snippets.at(i)->setAccessibleName(ApiSnippets::title(kSnippetKinds[i]));
    }
    m_snippetTabs->setTabText(int(m_snippets.size()), tr("Models"));
    m_models->setAccessibleName(tr("Models the server lists"));
    m_statusFilter->setAccessibleName(tr("Show requests by status"));
    m_statusFilter->setItemText(0, tr("All requests"));
    m_statusFilter->setItemText(1, tr("Successful"));
    m_statusFilter->setItemText(2, tr("Failed"));
    m_modelFilter->setAccessibleName(tr("Show requests for a model"));
    m_modelFilter->setItemText(0, tr("All models"));
    m_clear->setText(tr("Clear"));
    m_logView->setAccessibleName(tr("Requests to the local API"));
    m_details->setAccessibleName(tr("The selected request"));
    m_details->setPlaceholderText(tr("Select a request to see its details."));
    updateState(); // the state in words, and the snippets' comments
    showDetails();
}

QWidget* ApiPanel::createServerTab(const Credentials& credentials, SecretStore* secrets)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_serve = new QCheckBox(page);
    m_serve->setObjectName(QStringLiteral("apiServe"));
    m_serve->setChecked(m_settings->value(Settings::Key::ServerEnabled).toBool());
    connect(m_serve, &QCheckBox::toggled, this, [this](bool on) {
        m_settings->setValue(Settings::Key::ServerEnabled, on);
        m_settings->sync();
    });
    layout->addWidget(m_serve);

    m_state = new QLabel(page);
    m_state->setObjectName(QStringLiteral("apiState"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_state);

    auto* urlRow = new QHBoxLayout;
    m_baseUrl = new QLabel(page);
    m_baseUrl->setObjectName(QStringLiteral("apiBaseUrl"));
    m_baseUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_baseUrl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyUrl = copyButton(page, [this] { return m_baseUrl->text(); });
    m_baseUrlLabel = new QLabel(page);
    urlRow->addWidget(m_baseUrlLabel);
    urlRow->addWidget(m_baseUrl, 1);
    urlRow->addWidget(m_copyUrl);
    layout->addLayout(urlRow);

    m_keys = new ApiKeysBox(m_settings, secrets, credentials, page);
    connect(m_keys, &ApiKeysBox::keysChanged, this, &ApiPanel::keysChanged);
    connect(m_keys, &ApiKeysBox::keyCreated, this, [this](const QString& key) {
        m_newKey = key;
        updateSnippets();
    });
    layout->addWidget(m_keys, 1);

    m_access = new QPushButton(page);
    m_access->setObjectName(QStringLiteral("apiAccessSettings"));
    connect(m_access, &QPushButton::clicked, this, [this] {
        if (m_openSettings)
            m_openSettings();
    });
    layout->addWidget(m_access, 0, Qt::AlignLeft);
    return page;
}

QWidget* ApiPanel::createConnectTab()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_intro = new QLabel(page);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_snippetTabs = new QTabWidget(page);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const ApiSnippets::Kind kind : kSnippetKinds) {
        auto* tab = new QWidget(m_snippetTabs);
        auto* tabLayout = new QVBoxLayout(tab);
        auto* text = new QPlainTextEdit(tab);
        text->setObjectName(QStringLiteral("snippet%1").arg(int(kind)));
        text->setReadOnly(true);
        text->setFont(mono);
        text->setLineWrapMode(QPlainTextEdit::NoWrap);
        tabLayout->addWidget(text, 1);
        tabLayout->addWidget(copyButton(tab, [text] { return text->toPlainText(); }), 0, Qt::AlignRight);
        m_snippets << text;
        m_snippetTabs->addTab(tab, QString());
    }
    auto* modelsTab = new QWidget(m_snippetTabs);
    auto* modelsLayout = new QVBoxLayout(modelsTab);
    m_models = new QPlainTextEdit(modelsTab);
    m_models->setObjectName(QStringLiteral("apiModels"));
    m_models->setReadOnly(true);
    m_models->setFont(mono);
    modelsLayout->addWidget(m_models, 1);
    modelsLayout->addWidget(copyButton(modelsTab, [this] { return m_models->toPlainText(); }), 0, Qt::AlignRight);
    m_snippetTabs->addTab(modelsTab, QString());
    layout->addWidget(m_snippetTabs, 1);
    return page;
}

QWidget* ApiPanel::createLogTab()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* filters = new QHBoxLayout;
    m_statusFilter = new QComboBox(page);
    m_statusFilter->setObjectName(QStringLiteral("apiLogStatus"));
    for (const auto status :
        {RequestLogFilter::Status::All, RequestLogFilter::Status::Successful, RequestLogFilter::Status::Failed})
        m_statusFilter->addItem(QString(), int(status)); // words in retranslate()
    m_modelFilter = new QComboBox(page);
    m_modelFilter->setObjectName(QStringLiteral("apiLogModel"));
    m_modelFilter->addItem(QString(), QString()); // "All models"
    m_clear = new QPushButton(page);
    m_clear->setObjectName(QStringLiteral("apiLogClear"));
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_modelFilter, 1);
    filters->addWidget(m_clear);
    layout->addLayout(filters);

    m_filter->setSourceModel(m_log);
    auto* split = new QSplitter(Qt::Vertical, page);
    m_logView = new QTableView(split);
    m_logView->setObjectName(QStringLiteral("apiLog"));
    m_logView->setModel(m_filter);
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_logView->verticalHeader()->hide();
    m_logView->verticalHeader()->setDefaultSectionSize(m_logView->fontMetrics().height() + 6);
    m_logView->horizontalHeader()->setStretchLastSection(true);
    m_logView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_logView->horizontalHeader()->setSectionResizeMode(RequestLogModel::Time, QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setSectionResizeMode(RequestLogModel::Status, QHeaderView::ResizeToContents);
    m_logView->setColumnWidth(
        RequestLogModel::Client, m_logView->fontMetrics().horizontalAdvance(QStringLiteral("127.0.0.1:00000")));
    m_logView->setColumnWidth(RequestLogModel::Request,
        m_logView->fontMetrics().horizontalAdvance(QStringLiteral("POST /v1/chat/completions ")));
    m_logView->setWordWrap(false);
    m_details = new QTextBrowser(split);
    m_details->setObjectName(QStringLiteral("apiLogDetails"));
    split->addWidget(m_logView);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setStatus(RequestLogFilter::Status(m_statusFilter->currentData().toInt())); });
    connect(m_modelFilter, &QComboBox::currentIndexChanged, this,
        [this] { m_filter->setModel(m_modelFilter->currentData().toString()); });
    connect(m_log, &RequestLogModel::modelsChanged, this, [this] {
        const QString current = m_modelFilter->currentData().toString();
        const QSignalBlocker block(m_modelFilter);
        while (m_modelFilter->count() > 1)
            m_modelFilter->removeItem(1);
        for (const QString& model : m_log->models())
            m_modelFilter->addItem(model, model);
        m_modelFilter->setCurrentIndex(qMax(0, m_modelFilter->findData(current)));
    });
    connect(m_clear, &QPushButton::clicked, m_log, &RequestLogModel::clear);
    connect(m_logView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ApiPanel::showDetails);
    connect(m_log, &QAbstractItemModel::modelReset, m_details, &QTextBrowser::clear);
    return page;
}

void ApiPanel::setCatalog(const ModelCatalog& catalog)
{
    m_catalog = catalog;
    updateSnippets();
}

QString ApiPanel::stateText() const
{
    return m_state->text();
}

QString ApiPanel::snippet(int kind) const
{
    return kind >= 0 && kind < m_snippets.size() ? m_snippets.at(kind)->toPlainText() : QString();
}

void ApiPanel::updateState()
{
    const QString bind = m_settings->value(Settings::Key::ServerBind).toString();
    const bool loopback = bind.isEmpty() || bind == QLatin1String("127.0.0.1") || bind == QLatin1String("::1")
        || bind == QLatin1String("localhost");
    QString text;
    switch (m_server->state()) {
    case ServerController::State::Off:
        text = tr("Off. Turn it on to let other programs use Workers AI through FlareChat.");
        break;
    case ServerController::State::Waiting:
        text = tr("Starting…");
        break;
    case ServerController::State::Running:
        text = loopback ? tr("Running at %1, for programs on this computer only.").arg(m_server->baseUrl())
                        : tr("Running at %1, reachable from other computers on your network (%2); they need a "
                             "key.")
                              .arg(m_server->baseUrl(), bind);
        break;
    case ServerController::State::Failed:
        text = tr("Not running: %1")
                   .arg(m_server->errorText().isEmpty() ? m_server->statusText() : m_server->errorText());
        break;
    }
    m_state->setText(text);
    m_baseUrl->setText(m_server->state() == ServerController::State::Running
            ? m_server->baseUrl()
            : QStringLiteral("http://%1:%2/v1")
                  .arg(loopback ? QStringLiteral("127.0.0.1") : bind)
                  .arg(m_settings->value(Settings::Key::ServerPort).toInt()));
    updateSnippets();
}

void ApiPanel::updateSnippets()
{
    ApiSnippets::Input input;
    input.baseUrl = m_baseUrl->text();
    input.key = m_newKey;
    input.keyRequired = m_settings->value(Settings::Key::ServerRequireKey).toBool();
    input.model = m_settings->value(Settings::Key::DefaultModel).toString();
    for (int i = 0; i < m_snippets.size(); ++i)
        m_snippets.at(i)->setPlainText(ApiSnippets::text(kSnippetKinds[i], input));
    QStringList names;
    for (const ModelCatalog::ListedName& n : m_catalog.listedNames(QDateTime::currentDateTimeUtc().date()))
        names << (n.model.paidOnly ? tr("%1  (Workers Paid)").arg(n.name) : n.name);
    m_models->setPlainText(names.join(QLatin1Char('\n')));
}

void ApiPanel::showDetails()
{
    const QModelIndex current = m_filter->mapToSource(m_logView->currentIndex());
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    m_details->setHtml(RequestLogModel::details(m_log->record(current.row())));
}

} // namespace flarechat
