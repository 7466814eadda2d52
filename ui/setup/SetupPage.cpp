#include "SetupPage.h"

#include "FirstModelChoices.h"
#include "LanguageChange.h"
#include "PlainTextFallback.h"
#include "config/Credentials.h"
#include "storage/Settings.h"
#include "workersai/WorkersAiClient.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace flarechat {

namespace {

constexpr int kColumnWidth = 560;
const char* const kToneProperty = "flarechatTone";
const char* const kModelProperty = "flarechatModel";

QLabel* wrapped(const QString& text, const QString& objectName = {})
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    if (!objectName.isEmpty())
        label->setObjectName(objectName);
    return label;
}

// A line under a field or a button for what the page says about it: plain text, selectable.
// `accessibleName` gives the name in the UI language (again after a language change).
QLabel* messageLine(const QString& objectName, std::function<QString()> accessibleName)
{
    QLabel* label = wrapped(QString(), objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    retranslated(label, [label, accessibleName] { label->setAccessibleName(accessibleName()); });
    label->hide();
    return label;
}

// A wrapped label whose text `text` gives in the UI language.
QLabel* wrappedWords(std::function<QString()> text, const QString& objectName = {})
{
    QLabel* label = wrapped(QString(), objectName);
    retranslated(label, [label, text] { label->setText(text()); });
    return label;
}

QFont scaled(const QFont& base, qreal factor, QFont::Weight weight)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setWeight(weight);
    return font;
}

} // namespace

SetupPage::SetupPage(Settings* settings, SecretStore* secrets, const ModelCatalog& catalog, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_client(new WorkersAiClient(this))
{
    qRegisterMetaType<TokenCheck::Result>();
    qRegisterMetaType<Outcome>();
    setObjectName(QStringLiteral("setupPage"));
    retranslated(this, [this] { setAccessibleName(tr("Set up FlareChat")); });

    auto* column = new QWidget;
    column->setMaximumWidth(kColumnWidth);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 32, 0, 32);
    layout->setSpacing(14);

    auto* title = new QLabel;
    title->setObjectName(QStringLiteral("setupTitle"));
    retranslated(title, [title] {
        title->setText(tr("Welcome to FlareChat"));
        title->setAccessibleName(title->text());
    });
    m_headings << title;
    layout->addWidget(title);
    layout->addWidget(wrappedWords([] {
        return tr("Chat with the models of Cloudflare Workers AI on your own Cloudflare account, free up to 10,000 "
                  "neurons a day.");
    }));
    layout->addWidget(buildConnectSection());
    layout->addWidget(buildModelSection(catalog));

    m_start = new QPushButton;
    m_start->setObjectName(QStringLiteral("setupStart"));
    retranslated(m_start, [this] {
        m_start->setText(tr("&Start Chatting"));
        m_start->setAccessibleName(tr("Start chatting"));
        m_start->setToolTip(tr("Test the connection first: this button works once the test passed."));
        m_start->setMinimumWidth(0);
        m_start->setMinimumWidth(m_start->sizeHint().width() + 48);
    });
    m_start->setEnabled(false);
    m_start->setDefault(true);
    connect(m_start, &QPushButton::clicked, this, &SetupPage::start);
    auto* startRow = new QHBoxLayout;
    startRow->addStretch(1);
    startRow->addWidget(m_start);
    layout->addLayout(startRow);
    m_saveStatus = messageLine(QStringLiteral("setupSaveStatus"), [] { return tr("Save status"); });
    layout->addWidget(m_saveStatus);

    QLabel* more = wrappedWords(
        [] {
            return tr("Behind a proxy, or using an AI Gateway? Set that up in <a "
                      "href=\"flarechat:settings\">the settings</a> first.");
        },
        QStringLiteral("setupMoreSettings"));
    more->setOpenExternalLinks(true); // flarechat: links go to the main window (QDesktopServices)
    retranslated(more, [more] { more->setAccessibleName(tr("Other settings")); });
    m_linkLabels << more;
    layout->addWidget(more);
    layout->addStretch(1);

    auto* content = new QWidget;
    auto* centred = new QHBoxLayout(content);
    centred->setContentsMargins(24, 0, 24, 0);
    centred->addStretch(1);
    centred->addWidget(column, 100);
    centred->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // not a stop of its own: Tab goes to what it holds
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    setFocusProxy(m_accountId);
    applyColors();
}

SetupPage::~SetupPage()
{
    if (m_check)
        m_check->cancel();
}

QWidget* SetupPage::buildConnectSection()
{
    auto* section = new QWidget;
    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(6);
    auto* heading = new QLabel;
    retranslated(heading, [heading] { heading->setText(tr("1. Connect your Cloudflare account")); });
    m_headings << heading;
    layout->addWidget(heading);

    QLabel* where = wrappedWords(
        [] {
            return tr("<p>Create an API token at <a href=\"https://dash.cloudflare.com/profile/api-tokens\">"
                      "dash.cloudflare.com/profile/api-tokens</a> (<i>Create Token</i>) with two permissions: "
                      "<b>Workers AI – Read</b> and <b>Workers AI – Edit</b>. The dashboard's <i>Workers AI → Use REST "
                      "API → Create a Workers AI API Token</i> makes one with both.</p>"
                      "<p>Your account id is the 32-character code in the dashboard's address "
                      "(dash.cloudflare.com/<i>account id</i>/…), and on that same <i>Use REST API</i> page.</p>");
        },
        QStringLiteral("setupWhereToFind"));
    where->setTextFormat(Qt::RichText);
    where->setOpenExternalLinks(true);
    where->setTextInteractionFlags(Qt::TextBrowserInteraction);
    retranslated(where, [where] { where->setAccessibleName(tr("Where to find the account id and the API token")); });
    m_linkLabels << where;
    layout->addWidget(where);
    layout->addSpacing(4);

    m_accountId = new QLineEdit;
    m_accountId->setObjectName(QStringLiteral("setupAccountId"));
    auto* accountLabel = new QLabel;
    retranslated(accountLabel, [this, accountLabel] {
        m_accountId->setAccessibleName(tr("Account id"));
        m_accountId->setPlaceholderText(tr("32 characters, 0–9 and a–f"));
        accountLabel->setText(tr("&Account id"));
    });
    accountLabel->setBuddy(m_accountId);
    m_accountIdHint = messageLine(QStringLiteral("setupAccountIdHint"), [] { return tr("About the account id"); });
    m_accountIdHint->setTextFormat(Qt::RichText); // for the "Use it" link
    m_accountIdHint->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_accountIdHint, &QLabel::linkActivated, this, [this] { useSuggestion(m_accountId); });
    layout->addWidget(accountLabel);
    layout->addWidget(m_accountId);
    layout->addWidget(m_accountIdHint);

    m_apiToken = new QLineEdit;
    m_apiToken->setObjectName(QStringLiteral("setupApiToken"));
    m_apiToken->setEchoMode(QLineEdit::Password);
    m_showToken = new QToolButton;
    m_showToken->setObjectName(QStringLiteral("setupShowToken"));
    m_showToken->setCheckable(true);
    auto* tokenLabel = new QLabel;
    retranslated(tokenLabel, [this, tokenLabel] {
        m_apiToken->setAccessibleName(tr("API token"));
        m_apiToken->setPlaceholderText(tr("Shown once by the dashboard when you create it"));
        m_showToken->setText(m_showToken->isChecked() ? tr("Hide") : tr("Show"));
        m_showToken->setAccessibleName(tr("Show the token"));
        m_showToken->setToolTip(tr("Show the token"));
        tokenLabel->setText(tr("API &token"));
    });
    connect(m_showToken, &QToolButton::toggled, this, [this](bool on) {
        m_apiToken->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        m_showToken->setText(on ? tr("Hide") : tr("Show"));
    });
    tokenLabel->setBuddy(m_apiToken);
    auto* tokenRow = new QHBoxLayout;
    tokenRow->setSpacing(4);
    tokenRow->addWidget(m_apiToken, 1);
    tokenRow->addWidget(m_showToken);
    m_apiTokenHint = messageLine(QStringLiteral("setupApiTokenHint"), [] { return tr("About the API token"); });
    layout->addSpacing(4);
    layout->addWidget(tokenLabel);
    layout->addLayout(tokenRow);
    layout->addWidget(m_apiTokenHint);

    for (QLineEdit* field : {m_accountId, m_apiToken}) {
        // textEdited: what the user typed or pasted, which may be cleaned; textChanged: any change,
        // which makes an earlier test stale.
        connect(field, &QLineEdit::textEdited, this, [this, field] { fieldEdited(field); });
        connect(field, &QLineEdit::textChanged, this, &SetupPage::invalidateTest);
        connect(field, &QLineEdit::returnPressed, this, [this] {
            if (m_start->isEnabled())
                start();
            else if (!m_check)
                testConnection();
        });
    }

    m_test = new QPushButton;
    m_test->setObjectName(QStringLiteral("setupTest"));
    retranslated(m_test, [this] {
        m_test->setText(m_check ? tr("&Cancel Test") : tr("Test &Connection"));
        m_test->setAccessibleName(tr("Test connection"));
    });
    connect(m_test, &QPushButton::clicked, this, &SetupPage::testConnection);
    m_testResult = messageLine(QStringLiteral("setupTestResult"), [] { return tr("Connection test result"); });
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignLeft | Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    layout->addSpacing(4);
    layout->addLayout(testRow);
    return section;
}

QWidget* SetupPage::buildModelSection(const ModelCatalog& catalog)
{
    auto* section = new QWidget;
    auto* layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(4);
    auto* heading = new QLabel;
    retranslated(heading, [heading] { heading->setText(tr("2. Choose a first model")); });
    m_headings << heading;
    layout->addWidget(heading);
    layout->addWidget(wrappedWords(
        [] { return tr("Each of these runs on the Free plan. Every chat can use another model later."); }));
    layout->addSpacing(4);

    m_models = new QButtonGroup(this);
    const QString preferred = m_settings->value(Settings::Key::DefaultModel).toString();
    QRadioButton* first = nullptr;
    QRadioButton* preferredButton = nullptr;
    const QList<FirstModelChoices::Choice> choices
        = FirstModelChoices::forCatalog(catalog, QDateTime::currentDateTimeUtc().date());
    for (const FirstModelChoices::Choice& choice : choices) {
        const bool preferredChoice = preferred.compare(choice.name, Qt::CaseInsensitive) == 0 || preferred == choice.id;
        if (choice.goodAt.isEmpty()) {
            if (!m_otherModels) {
                m_otherChoice = new QRadioButton;
                m_otherChoice->setObjectName(QStringLiteral("setupOtherModelChoice"));
                m_otherModels = new QComboBox;
                m_otherModels->setObjectName(QStringLiteral("setupOtherModel"));
                retranslated(m_otherChoice, [this] {
                    m_otherChoice->setText(tr("Another free model:"));
                    m_otherChoice->setAccessibleName(tr("Choose another free model"));
                    m_otherModels->setAccessibleName(tr("Another free model"));
                });
                connect(
                    m_otherModels, &QComboBox::activated, m_otherChoice, [this] { m_otherChoice->setChecked(true); });
                m_models->addButton(m_otherChoice);
                auto* row = new QHBoxLayout;
                row->addWidget(m_otherChoice);
                row->addWidget(m_otherModels, 1);
                layout->addSpacing(4);
                layout->addLayout(row);
            }
            m_otherModels->addItem(choice.displayName, choice.name);
            m_otherModels->setItemData(m_otherModels->count() - 1, choice.id, Qt::ToolTipRole);
            if (preferredChoice && !preferredButton) {
                m_otherModels->setCurrentIndex(m_otherModels->count() - 1);
                preferredButton = m_otherChoice;
            }
            continue;
        }
        auto* button = new QRadioButton(choice.displayName);
        button->setObjectName(QStringLiteral("setupModel:") + choice.id);
        button->setProperty(kModelProperty, choice.name);
        button->setAccessibleName(choice.displayName);
        button->setToolTip(choice.id);
        m_models->addButton(button);
        QLabel* goodAt = wrapped(QString());
        retranslated(goodAt, [button, goodAt, id = choice.id] {
            goodAt->setText(FirstModelChoices::goodAt(id));
            button->setAccessibleDescription(goodAt->text());
        });
        goodAt->setForegroundRole(QPalette::PlaceholderText);
        goodAt->setIndent(button->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, button) + 8);
        layout->addWidget(button);
        layout->addWidget(goodAt);
        first = first ? first : button;
        if (preferredChoice && !preferredButton)
            preferredButton = button;
    }
    if (QAbstractButton* checked = preferredButton ? preferredButton : (first ? first : m_otherChoice))
        checked->setChecked(true);
    return section;
}

void SetupPage::setBaseEndpoint(const Endpoint& base)
{
    m_base = base;
    if (m_accountId->text().isEmpty() && !base.accountId.isEmpty()) {
        m_accountId->setText(base.accountId);
        showHint(m_accountId, CredentialHints::checkAccountId(base.accountId));
    }
    if (m_apiToken->text().isEmpty() && !base.apiToken.isEmpty()) {
        m_apiToken->setText(base.apiToken);
        showHint(m_apiToken, CredentialHints::checkApiToken(base.apiToken));
    }
}

Endpoint SetupPage::endpoint() const
{
    Endpoint e = m_base;
    e.accountId = m_accountId->text().trimmed();
    e.apiToken = m_apiToken->text().trimmed();
    return e;
}

QString SetupPage::chosenModel() const
{
    QAbstractButton* checked = m_models->checkedButton();
    if (checked && checked == m_otherChoice)
        return m_otherModels->currentData().toString();
    return checked ? checked->property(kModelProperty).toString() : QString();
}

QString SetupPage::accountIdHint() const
{
    return m_accountIdHint->isVisibleTo(this) ? m_accountIdHint->text() : QString();
}

QString SetupPage::apiTokenHint() const
{
    return m_apiTokenHint->isVisibleTo(this) ? m_apiTokenHint->text() : QString();
}

QString SetupPage::testResult() const
{
    return m_testResult->text();
}

QString SetupPage::saveStatus() const
{
    return m_saveStatus->text();
}

void SetupPage::fieldEdited(QLineEdit* field)
{
    const QString text = field->text();
    const CredentialHints::Result r
        = field == m_accountId ? CredentialHints::checkAccountId(text) : CredentialHints::checkApiToken(text);
    // What is certainly not part of the value (spaces, quotes, "Bearer ") goes at once; the hint
    // says what was removed.
    if (r.changed(text))
        field->setText(r.value);
    showHint(field, r);
}

void SetupPage::showHint(QLineEdit* field, const CredentialHints::Result& result)
{
    QLabel* label = field == m_accountId ? m_accountIdHint : m_apiTokenHint;
    if (field == m_accountId) {
        m_accountIdSuggestion = result.suggestion;
        QString html = result.hint.toHtmlEscaped();
        if (!result.suggestion.isEmpty())
            html += QStringLiteral(" <a href=\"#use\">%1</a>").arg(tr("Use it").toHtmlEscaped());
        setText(label, html, result.wellFormed ? Tone::Plain : Tone::Hint);
    } else {
        setText(label, result.hint, result.wellFormed ? Tone::Plain : Tone::Hint);
    }
    label->setAccessibleDescription(result.hint);
}

void SetupPage::useSuggestion(QLineEdit* field)
{
    if (field != m_accountId || m_accountIdSuggestion.isEmpty())
        return;
    field->setText(m_accountIdSuggestion);
    showHint(field, CredentialHints::checkAccountId(field->text()));
    field->setFocus();
}

void SetupPage::invalidateTest()
{
    if (m_saving)
        return;
    if (m_check) {
        m_check->cancel();
        m_check->deleteLater();
        m_check = nullptr;
        m_test->setText(tr("Test &Connection"));
    }
    if (m_tested || !m_testResult->text().isEmpty())
        setText(m_testResult, QString(), Tone::Plain);
    m_tested = false;
    m_start->setEnabled(false);
}

void SetupPage::testConnection()
{
    if (m_check) { // the button is Cancel while a test runs
        invalidateTest();
        setText(m_testResult, tr("Cancelled."), Tone::Plain);
        return;
    }
    const Endpoint e = endpoint();
    // Cloudflare's answer to a malformed account id says little (7003, "Could not route"): say
    // what is wrong with it before asking (reference §3, §9).
    const CredentialHints::Result id = CredentialHints::checkAccountId(e.accountId);
    if (!e.accountId.isEmpty() && !id.wellFormed) {
        setText(m_testResult, QStringLiteral("✗ ") + tr("Correct the account id first: %1").arg(id.hint), Tone::Bad);
        return;
    }
    m_client->setEndpoint(e);
    m_check = new TokenCheck(m_client, QStringLiteral("@cf/meta/llama-3.1-8b-instruct-fast"), this);
    connect(m_check, &TokenCheck::progress, this, [this](TokenCheck::Step step) {
        if (step == TokenCheck::Step::UserVerify || step == TokenCheck::Step::AccountVerify)
            setText(m_testResult, tr("Checking the token with Cloudflare…"), Tone::Plain);
        else if (step == TokenCheck::Step::Inference)
            setText(m_testResult, tr("Checking the account with a one-token request to Workers AI…"), Tone::Plain);
    });
    connect(m_check, &TokenCheck::finished, this, &SetupPage::onTestFinished);
    m_test->setText(tr("&Cancel Test"));
    setText(m_testResult, tr("Connecting…"), Tone::Plain);
    m_check->start();
}

void SetupPage::onTestFinished(const TokenCheck::Result& result)
{
    if (m_check) {
        m_check->deleteLater();
        m_check = nullptr;
    }
    m_test->setText(tr("Test &Connection"));
    // TokenCheck's own words: what is wrong and what to do, then Cloudflare's.
    QString text = (result.ok() ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + result.message;
    if (!result.ok() && !result.detail.isEmpty())
        text += QLatin1Char('\n') + tr("Cloudflare said: %1").arg(result.detail);
    setText(m_testResult, text, result.ok() ? Tone::Good : Tone::Bad);
    m_tested = result.ok();
    m_start->setEnabled(m_tested && !chosenModel().isEmpty());
    if (m_tested)
        m_start->setFocus();
    Q_EMIT connectionTested(result);
}

void SetupPage::start()
{
    if (!m_tested || m_saving)
        return;
    m_saving = true;
    m_start->setEnabled(false);
    m_accountId->setReadOnly(true);
    m_apiToken->setReadOnly(true);
    setText(m_saveStatus, tr("Saving…"), Tone::Plain);
    // As the settings' Cloudflare page: the account id in the settings file, the token in the keychain.
    m_settings->setValue(Settings::Key::CloudflareAccountId, endpoint().accountId);
    m_settings->sync();
    storeToken();
}

void SetupPage::storeToken()
{
    connect(m_secrets->write(Credentials::apiTokenSecret(), endpoint().apiToken), &SecretJob::finished, this,
        &SetupPage::onTokenStored);
}

void SetupPage::onTokenStored(const SecretResult& result)
{
    if (result.ok()) {
        finish(true);
        return;
    }
    const bool noKeychain
        = result.status == SecretResult::Status::Unavailable || result.status == SecretResult::Status::TimedOut;
    if (noKeychain && !m_secrets->allowsInsecureFallback()) {
        askAboutPlainText(result);
        return;
    }
    // Refused (a locked keyring the user would not open) or not even the settings file: say so and
    // let the user try again.
    m_saving = false;
    m_accountId->setReadOnly(false);
    m_apiToken->setReadOnly(false);
    m_start->setEnabled(true);
    setText(m_saveStatus, tr("The token could not be stored: %1").arg(result.message), Tone::Bad);
}

void SetupPage::askAboutPlainText(const SecretResult& result)
{
    setText(m_saveStatus, tr("No keychain answered."), Tone::Plain);
    QMessageBox* box = PlainTextFallback::question(this, m_settings->path(), result.message);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (PlainTextFallback::agreed(box)) {
            PlainTextFallback::enable(m_secrets, m_settings);
            storeToken();
        } else {
            finish(false);
        }
    });
    box->open();
}

void SetupPage::finish(bool tokenStored)
{
    setText(m_saveStatus, tokenStored ? tr("Saved.") : tr("Not saved: the token works until you quit FlareChat."),
        Tone::Plain);
    Q_EMIT completed({endpoint(), chosenModel(), tokenStored});
}

void SetupPage::setText(QLabel* label, const QString& text, Tone tone)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    label->setProperty(kToneProperty, int(tone));
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QString color;
    switch (tone) {
    case Tone::Plain:
        break;
    case Tone::Good:
        color = dark ? QStringLiteral("#81c995") : QStringLiteral("#188038");
        break;
    case Tone::Bad:
        color = dark ? QStringLiteral("#f28b82") : QStringLiteral("#c5221f");
        break;
    case Tone::Hint:
        color = dark ? QStringLiteral("#fdd663") : QStringLiteral("#a15c00");
        break;
    }
    label->setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(color));
}

void SetupPage::applyColors()
{
    if (m_headings.isEmpty())
        return;
    m_headings.first()->setFont(scaled(font(), 1.8, QFont::DemiBold));
    for (int i = 1; i < m_headings.size(); ++i)
        m_headings.at(i)->setFont(scaled(font(), 1.2, QFont::DemiBold));
    // A label takes the palette's link colour when its text is set: set each one's again.
    for (QLabel* label : {m_accountIdHint, m_apiTokenHint, m_testResult, m_saveStatus}) {
        const QString text = label->text();
        label->clear();
        setText(label, text, Tone(label->property(kToneProperty).toInt()));
    }
    for (QLabel* label : std::as_const(m_linkLabels)) {
        const QString text = label->text();
        label->clear();
        label->setText(text);
    }
}

void SetupPage::changeEvent(QEvent* event)
{
    // The theme can change while the page is shown (Settings → Appearance).
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyColors();
    // The fixed words follow by retranslated(); the hints are said again for what the fields hold.
    // A test's result stays as it was said until the next test.
    if (event->type() == QEvent::LanguageChange) {
        if (!m_accountId->text().isEmpty())
            showHint(m_accountId, CredentialHints::checkAccountId(m_accountId->text()));
        if (!m_apiToken->text().isEmpty())
            showHint(m_apiToken, CredentialHints::checkApiToken(m_apiToken->text()));
    }
    QWidget::changeEvent(event);
}

} // namespace flarechat
