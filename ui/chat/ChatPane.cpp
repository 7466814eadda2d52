#include "ChatPane.h"

#include "ChatController.h"
#include "Composer.h"
#include "ComposerEdit.h"
#include "ConversationOptions.h"
#include "LanguageChange.h"
#include "ModelPicker.h"
#include "Shortcuts.h"
#include "transcript/TranscriptModel.h"
#include "transcript/TranscriptView.h"
#include "usage/UsageMeter.h"

#include <QClipboard>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace flarechat {

ChatPane::ChatPane(Engine* engine, ConversationStore* store, QWidget* parent)
    : QWidget(parent)
    , m_transcript(new TranscriptModel(this))
    , m_controller(new ChatController(engine, m_transcript, store, this))
    , m_picker(new ModelPicker(this))
    , m_optionsButton(new QToolButton(this))
    , m_options(new ConversationOptions(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_examples(new QWidget(this))
    , m_view(new TranscriptView(this))
    , m_composer(new Composer(this))
{
    m_view->setObjectName(QStringLiteral("transcript"));
    m_view->setTranscript(m_transcript);
    m_optionsButton->setObjectName(QStringLiteral("optionsButton"));
    m_optionsButton->setCheckable(true);
    m_optionsButton->setAutoRaise(true);
    m_options->hide();

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setOpenExternalLinks(true);
    m_empty->setMargin(32);
    m_examples->setObjectName(QStringLiteral("examplePrompts"));
    m_examples->setMaximumWidth(560);
    auto* examples = new QVBoxLayout(m_examples);
    examples->setContentsMargins(0, 0, 0, 0);
    examples->setSpacing(4);
    m_examples->hide();
    auto* emptyPage = new QWidget(this);
    auto* emptyLayout = new QVBoxLayout(emptyPage);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_empty);
    auto* examplesRow = new QHBoxLayout; // centred, as wide as it may be
    examplesRow->addStretch(1);
    examplesRow->addWidget(m_examples, 100);
    examplesRow->addStretch(1);
    emptyLayout->addLayout(examplesRow);
    emptyLayout->addStretch(2);
    m_stack->addWidget(emptyPage);
    m_stack->addWidget(m_view);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(12, 8, 12, 4);
    auto* modelLabel = new QLabel(this);
    modelLabel->setBuddy(m_picker);
    bar->addWidget(modelLabel);
    bar->addWidget(m_picker, 1);
    bar->addWidget(m_optionsButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_options);
    layout->addWidget(m_stack, 1);
    layout->addWidget(createHoldBar());
    layout->addWidget(m_composer);
    setFocusProxy(m_composer);

    connect(m_optionsButton, &QToolButton::toggled, m_options, &QWidget::setVisible);
    connect(m_composer, &Composer::sendRequested, this, [this](const QString& text, const QJsonArray& attachments) {
        // Refused here, with everything left in the composer, rather than failing upstream.
        if (const QString refusal = attachmentRefusal(attachments); !refusal.isEmpty()) {
            m_composer->showNotice(refusal);
            return;
        }
        if (m_controller->send(text, attachments)) {
            m_composer->clear();
            m_composer->setEditing(false);
            m_view->scrollToEnd();
        }
    });
    connect(m_composer, &Composer::stopRequested, m_controller, &ChatController::stop);
    connect(m_composer, &Composer::editCancelled, this, &ChatPane::cancelEdit);
    connect(m_composer, &Composer::textChanged, this, [this] { m_controller->setDraft(m_composer->text()); });
    connect(m_composer, &Composer::attachmentsChanged, this, [this] {
        // An edit's attachments belong to the message being edited, not to the draft.
        if (!m_composer->isEditing() && m_shownConversation == m_controller->currentConversation())
            m_controller->setDraftAttachments(m_composer->attachments());
    });
    // Esc cancels an edit from anywhere in the chat. While a reply is written the same key stops it
    // (the window's Stop action, ChatActions): this one steps aside, or neither would fire.
    auto* cancel = new QShortcut(this);
    cancel->setKeys(Shortcuts::keys(Shortcuts::Id::CancelEdit));
    cancel->setContext(Qt::WidgetWithChildrenShortcut);
    connect(cancel, &QShortcut::activated, this, [this] {
        if (m_composer->isEditing())
            cancelEdit();
    });
    connect(m_controller, &ChatController::busyChanged, cancel, [cancel](bool busy) { cancel->setEnabled(!busy); });

    connect(m_controller, &ChatController::busyChanged, m_composer, &Composer::setBusy);
    connect(m_controller, &ChatController::holdChanged, this, &ChatPane::showHold);
    connect(
        m_controller, &ChatController::draftRestored, this, [this](const QString& text, const QJsonArray& attachments) {
            // Never overwrite something typed since: the restored question only fills an empty box.
            if (!m_composer->text().trimmed().isEmpty() || m_composer->attachmentCount() > 0)
                return;
            m_composer->setText(text);
            QList<Attachment> restored;
            for (const QJsonValue& a : attachments)
                restored << Attachments::fromJson(a.toObject());
            m_composer->setPendingAttachments(restored);
        });
    connect(m_controller, &ChatController::conversationOpened, this, &ChatPane::loadConversation);
    connect(m_picker, &ModelPicker::modelChosen, m_controller, &ChatController::setModel);
    connect(m_picker, &ModelPicker::modelChosen, m_composer, &Composer::clearNotice);
    connect(m_options, &ConversationOptions::changed, this, [this] {
        m_controller->setSystemPrompt(m_options->systemPrompt());
        m_controller->setParameters(m_options->parameters());
    });

    connect(m_view, &TranscriptView::copyRequested, this, &ChatPane::copyMessage);
    connect(m_view, &TranscriptView::editRequested, this, &ChatPane::editMessage);
    connect(m_view, &TranscriptView::retryRequested, this, &ChatPane::retry);
    connect(m_view, &TranscriptView::regenerateRequested, m_controller, &ChatController::regenerate);
    connect(m_view, &TranscriptView::deleteRequested, m_controller, &ChatController::removeMessage);
    connect(m_view, &TranscriptView::continueRequested, m_controller, &ChatController::continueReply);
    connect(m_view, &TranscriptView::versionRequested, m_controller, &ChatController::switchBranch);
    connect(m_controller, &ChatController::messageRevealed, this, [this](int row) { m_view->revealRow(row); });

    retranslated(this, [this, modelLabel] {
        modelLabel->setText(tr("&Model:"));
        m_optionsButton->setText(tr("Options"));
        m_optionsButton->setToolTip(tr("System prompt, temperature and max tokens of this conversation"));
        if (m_holdBar->isVisibleTo(this))
            showHold(true, m_heldUntil);
        if (!m_examples->findChildren<QCommandLinkButton*>(QString(), Qt::FindDirectChildrenOnly).isEmpty())
            setExamplePrompts(ExamplePrompts::firstChat()); // the examples are in the UI's language
        updateEmptyState();
    });

    connect(m_transcript, &QAbstractItemModel::rowsInserted, this, &ChatPane::updateEmptyState);
    connect(m_transcript, &QAbstractItemModel::rowsRemoved, this, &ChatPane::updateEmptyState);
    connect(m_transcript, &QAbstractItemModel::modelReset, this, &ChatPane::updateEmptyState);
    updateEmptyState();
}

ChatPane::~ChatPane() = default;

QWidget* ChatPane::createHoldBar()
{
    m_holdBar = new QFrame(this);
    m_holdBar->setObjectName(QStringLiteral("holdBar"));
    m_holdBar->setFrameShape(QFrame::StyledPanel);
    m_holdText = new QLabel(m_holdBar);
    m_holdText->setObjectName(QStringLiteral("holdText"));
    m_holdText->setWordWrap(true);
    auto* tryNow = new QPushButton(m_holdBar);
    tryNow->setObjectName(QStringLiteral("holdTryNow"));
    auto* cancel = new QPushButton(m_holdBar);
    cancel->setObjectName(QStringLiteral("holdCancel"));
    retranslated(m_holdBar, [tryNow, cancel] {
        tryNow->setText(tr("Try now"));
        tryNow->setToolTip(tr("Ask Workers AI now, e.g. after upgrading to Workers Paid"));
        cancel->setText(tr("Don't send"));
        cancel->setToolTip(tr("Keep the question without an answer; send it again later"));
    });
    auto* row = new QHBoxLayout(m_holdBar);
    row->setContentsMargins(12, 6, 12, 6);
    row->addWidget(m_holdText, 1);
    row->addWidget(tryNow);
    row->addWidget(cancel);
    connect(tryNow, &QPushButton::clicked, m_controller, &ChatController::tryHeldNow);
    connect(cancel, &QPushButton::clicked, m_controller, &ChatController::stop);
    m_holdBar->hide();
    return m_holdBar;
}

QList<QWidget*> ChatPane::focusOrder() const
{
    QList<QWidget*> order {m_picker, m_optionsButton};
    order << m_options->systemPromptEdit() << m_options->temperatureBox() << m_options->maxTokensBox()
          << m_options->reasoningEffortBox() << m_view;
    const QList<QCommandLinkButton*> examples
        = m_examples->findChildren<QCommandLinkButton*>(QString(), Qt::FindDirectChildrenOnly);
    for (QCommandLinkButton* b : examples)
        order << b;
    const QList<QPushButton*> hold = m_holdBar->findChildren<QPushButton*>();
    for (QPushButton* b : hold)
        order << b;
    return order << m_composer->focusOrder();
}

void ChatPane::showHold(bool held, const QDateTime& until)
{
    m_holdBar->setVisible(held);
    m_heldUntil = until;
    if (!held)
        return;
    m_holdText->setText(until.isValid()
            ? tr("Free allocation used up until %1. Your message waits and goes out by itself then, or as soon "
                 "as Workers AI answers again.")
                  .arg(UsageMeter::resetText(until))
            : tr("Free allocation used up. Your message waits and goes out as soon as Workers AI answers again."));
    m_holdBar->setAccessibleDescription(m_holdText->text());
}

void ChatPane::setCatalog(const ModelCatalog& catalog)
{
    m_catalog = catalog;
    m_picker->setCatalog(catalog);
    loadConversation();
}

QString ChatPane::attachmentRefusal(const QJsonArray& attachments) const
{
    int images = 0;
    for (const QJsonValue& a : attachments) {
        if (a.toObject().value(QLatin1String("type")).toString() == QLatin1String("image"))
            ++images;
    }
    if (images == 0)
        return {};
    const QString name = m_controller->conversation().model.isEmpty() ? m_controller->defaultModel()
                                                                      : m_controller->conversation().model;
    const ModelInfo model = m_catalog.resolve(name);
    if (model.id.isEmpty() || model.vision)
        return {}; // a name nobody knows fails in the request, with its own message
    QString suggestion;
    const QList<ModelInfo> models = m_catalog.textModels();
    for (const ModelInfo& m : models) {
        if (m.vision && !m.deprecated) {
            suggestion = m.alias.isEmpty() ? m.id : m.alias;
            break;
        }
    }
    const QString shown = model.alias.isEmpty() ? name : model.alias;
    if (suggestion.isEmpty()) {
        return images == 1 ? tr("%1 cannot see images. Choose a model with vision, or remove the image.").arg(shown)
                           : tr("%1 cannot see images. Choose a model with vision, or remove the images.").arg(shown);
    }
    return images == 1 ? tr("%1 cannot see images. Choose a model with vision, such as %2, or remove the image.")
                             .arg(shown, suggestion)
                       : tr("%1 cannot see images. Choose a model with vision, such as %2, or remove the images.")
                             .arg(shown, suggestion);
}

void ChatPane::setSendOnEnter(bool sendOnEnter)
{
    m_composer->setSendOnEnter(sendOnEnter);
}

void ChatPane::setNotice(const QString& richText)
{
    m_notice = richText;
    updateEmptyState();
}

void ChatPane::setExamplePrompts(const QList<ExamplePrompts::Prompt>& prompts)
{
    qDeleteAll(m_examples->findChildren<QCommandLinkButton*>(QString(), Qt::FindDirectChildrenOnly));
    QWidget* previous = m_view; // in the transcript's place, so next in the tab order
    for (const ExamplePrompts::Prompt& prompt : prompts) {
        auto* button = new QCommandLinkButton(prompt.title, prompt.text, m_examples);
        QWidget::setTabOrder(previous, button);
        previous = button;
        button->setObjectName(QStringLiteral("examplePrompt"));
        button->setAccessibleName(prompt.title);
        button->setAccessibleDescription(prompt.text);
        connect(button, &QCommandLinkButton::clicked, this, [this, text = prompt.text] {
            m_composer->setText(text);
            m_composer->edit()->setFocus();
        });
        m_examples->layout()->addWidget(button);
    }
    updateEmptyState();
}

void ChatPane::loadConversation()
{
    // Attachments chosen in the conversation being left wait there, as its draft does.
    if (m_shownConversation && m_shownConversation != m_controller->currentConversation()) {
        const QList<Attachment> pending = m_composer->pendingAttachments();
        if (pending.isEmpty())
            m_pendingAttachments.remove(m_shownConversation);
        else
            m_pendingAttachments.insert(m_shownConversation, pending);
    }
    const bool switched = m_shownConversation != m_controller->currentConversation();
    m_shownConversation = m_controller->currentConversation();
    const Conversation c = m_controller->conversation();
    m_picker->setCurrentModel(c.model.isEmpty() ? m_controller->defaultModel() : c.model);
    m_options->setValues(c.systemPrompt, c.parameters);
    m_composer->setEditing(false);
    m_composer->setText(c.draft);
    if (switched) {
        // Those left here this session, else those saved with the draft (after a restart).
        QList<Attachment> pending = m_pendingAttachments.take(m_shownConversation);
        if (pending.isEmpty()) {
            for (const QJsonValue& a : c.draftAttachments)
                pending << Attachments::fromJson(a.toObject());
        }
        m_composer->setPendingAttachments(pending);
    }
    updateEmptyState();
}

void ChatPane::updateEmptyState()
{
    const bool empty = m_transcript->rowCount() == 0;
    if (empty) {
        m_empty->setText(m_notice.isEmpty()
                ? tr("<h2>FlareChat</h2><p>Ask anything. Replies stream from Cloudflare Workers AI.</p>")
                : m_notice);
    }
    m_examples->setVisible(empty && m_notice.isEmpty() && !m_examples->findChildren<QCommandLinkButton*>().isEmpty());
    m_stack->setCurrentIndex(empty ? 0 : 1);
}

void ChatPane::copyMessage(int row)
{
    QGuiApplication::clipboard()->setText(m_controller->messageText(row));
}

void ChatPane::editMessage(int row)
{
    const QString text = m_controller->beginEdit(row);
    if (text.isEmpty())
        return;
    m_draftBeforeEdit = m_composer->text();
    m_composer->setText(text);
    m_composer->setEditing(true);
    m_composer->setFocus();
}

void ChatPane::cancelEdit()
{
    m_controller->cancelEdit();
    m_composer->setEditing(false);
    m_composer->setText(m_draftBeforeEdit);
}

void ChatPane::retry(int row)
{
    // The failed question went back into the composer; retrying asks it again, so take it out.
    if (row > 0 && m_composer->text() == m_controller->messageText(row - 1))
        m_composer->clear();
    m_controller->retry(row);
}

} // namespace flarechat
