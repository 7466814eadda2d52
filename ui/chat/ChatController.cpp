#include "ChatController.h"

#include "chat/ErrorText.h"
#include "chat/QuotaHold.h"
#include "chat/ReplyRequest.h"

#include "engine/Engine.h"
#include "storage/ConversationExport.h"
#include "storage/ConversationListModel.h"
#include "storage/ConversationStore.h"
#include "transcript/TranscriptModel.h"
#include "workersai/CompletionJob.h"
#include "workersai/UpstreamError.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonObject>

namespace flarechat {

namespace {

constexpr int kDraftSaveDelayMs = 600;

} // namespace

const int ChatController::IdRole = ConversationListModel::IdRole;

ChatController::ChatController(Engine* engine, TranscriptModel* transcript, ConversationStore* store, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_transcript(transcript)
    , m_store(store)
    , m_list(new ConversationListModel(store, this))
{
    m_hold = new QuotaHold(this);
    connect(m_hold, &QuotaHold::due, this, &ChatController::tryHeldNow);
    connect(m_hold, &QuotaHold::changed, this, [this](bool held, const QDateTime& until) {
        Q_EMIT holdChanged(held, until);
        if (!held && !m_job)
            Q_EMIT busyChanged(false);
    });
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(kDraftSaveDelayMs);
    connect(&m_draftTimer, &QTimer::timeout, this, &ChatController::saveDraft);
    connect(m_store, &ConversationStore::writeFailed, this, &ChatController::storeError);
}

ChatController::~ChatController()
{
    saveDraft();
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
        // What arrived stays; the next start offers Continue.
        m_store->interruptMessage(m_jobMessageId);
    }
}

QAbstractItemModel* ChatController::conversationList() const
{
    return m_list;
}

void ChatController::reportStoreError()
{
    Q_EMIT storeError(m_store->lastError());
}

void ChatController::reloadTranscript()
{
    m_transcript->flush();
    m_store->flush(); // a reply streaming here shows everything that arrived
    const QList<StoredMessage> path = m_store->activePath(m_current);
    const QHash<qint64, QList<qint64>> children = m_store->childrenByParent(m_current);
    QList<TranscriptMessage> messages;
    messages.reserve(path.size());
    for (const StoredMessage& s : path) {
        if (s.role != QLatin1String("user") && s.role != QLatin1String("assistant"))
            continue; // system and tool messages of an imported conversation: sent, not shown
        TranscriptMessage m = TranscriptMessage::fromStored(s);
        const QList<qint64> versions = children.value(s.parentId);
        m.branchCount = qMax(1, int(versions.size()));
        m.branchIndex = qMax(1, int(versions.indexOf(s.id)) + 1);
        if (m_job && s.id == m_jobMessageId)
            m.state = TranscriptMessage::State::Streaming;
        messages << m;
    }
    m_transcript->setMessages(std::move(messages));
}

QList<StoredMessage> ChatController::activePath() const
{
    return m_current ? m_store->activePath(m_current) : QList<StoredMessage>();
}

qint64 ChatController::lastStoreId() const
{
    const int n = m_transcript->rowCount();
    return n > 0 ? m_transcript->at(n - 1).storeId : 0;
}

bool ChatController::isCurrentJobRow(int row) const
{
    return m_job && m_jobConversation == m_current && m_transcript->at(row).storeId == m_jobMessageId;
}

qint64 ChatController::newConversation()
{
    // An untouched conversation is reused instead of piling up empty ones.
    if (m_current && m_transcript->rowCount() == 0 && !(m_job && m_jobConversation == m_current)) {
        Q_EMIT conversationOpened(m_current);
        return m_current;
    }
    for (const ConversationSummary& s : m_store->conversations()) {
        if (s.preview.isEmpty() && s.id != m_current && !(m_job && m_jobConversation == s.id)
            && m_store->activePath(s.id).isEmpty()) {
            openConversation(s.id);
            return s.id;
        }
    }
    Conversation init;
    init.model = m_defaultModel;
    const std::optional<qint64> id = m_store->createConversation(init);
    if (!id) {
        reportStoreError();
        return m_current;
    }
    openConversation(*id);
    return *id;
}

void ChatController::openConversation(qint64 id)
{
    if (id == m_current)
        return;
    const std::optional<Conversation> meta = m_store->conversation(id);
    if (!meta) {
        reportStoreError();
        return;
    }
    saveDraft();
    cancelEdit();
    m_current = id;
    m_meta = *meta;
    if (m_meta.model.isEmpty())
        m_meta.model = m_defaultModel;
    reloadTranscript();
    Q_EMIT conversationOpened(id);
}

void ChatController::applySettings()
{
    if (m_current && !m_store->setConversationSettings(m_current, m_meta.model, m_meta.systemPrompt, m_meta.parameters))
        reportStoreError();
}

void ChatController::setModel(const QString& model)
{
    if (m_meta.model == model)
        return;
    m_meta.model = model;
    applySettings();
}

void ChatController::setSystemPrompt(const QString& systemPrompt)
{
    if (m_meta.systemPrompt == systemPrompt)
        return;
    m_meta.systemPrompt = systemPrompt;
    applySettings();
}

void ChatController::setParameters(const QJsonObject& parameters)
{
    if (m_meta.parameters == parameters)
        return;
    m_meta.parameters = parameters;
    applySettings();
}

void ChatController::setDraft(const QString& draft)
{
    if (!m_current || m_meta.draft == draft)
        return;
    m_meta.draft = draft;
    m_draftTimer.start();
}

void ChatController::setDraftAttachments(const QJsonArray& attachments)
{
    if (!m_current || m_meta.draftAttachments == attachments)
        return;
    m_meta.draftAttachments = attachments;
    if (!m_store->setDraftAttachments(m_current, attachments))
        reportStoreError();
}

void ChatController::saveDraft()
{
    if (!m_draftTimer.isActive())
        return;
    m_draftTimer.stop();
    if (m_current && !m_store->setDraft(m_current, m_meta.draft))
        reportStoreError();
}

bool ChatController::send(const QString& text, const QJsonArray& attachments)
{
    if (isBusy() || (text.trimmed().isEmpty() && attachments.isEmpty()))
        return false;
    if (!m_current && !newConversation())
        return false;
    std::optional<qint64> userId;
    if (m_editStoreId) {
        // A new version beside the old one; the old one and its replies stay one click away.
        userId = m_store->editUserMessage(m_editStoreId, text, attachments);
    } else {
        qint64 parent = lastStoreId();
        // A failed exchange at the end went back to the composer; sending again replaces it.
        const int n = m_transcript->rowCount();
        if (n >= 2 && m_transcript->at(n - 1).state == TranscriptMessage::State::Error
            && m_transcript->at(n - 2).isUser()) {
            const TranscriptMessage& failedQuestion = m_transcript->at(n - 2);
            const std::optional<StoredMessage> old = m_store->message(failedQuestion.storeId);
            // Only when nothing of it would be lost: its attachments are being sent again (or it had none).
            if (old && (old->attachments.isEmpty() || old->attachments == attachments)) {
                parent = n >= 3 ? m_transcript->at(n - 3).storeId : 0;
                if (failedQuestion.branchCount == 1 && !m_store->deleteMessage(failedQuestion.storeId)) {
                    reportStoreError();
                    return false;
                }
            }
        }
        userId = m_store->addUserMessage(m_current, parent, text, attachments);
    }
    if (!userId) {
        reportStoreError();
        return false;
    }
    m_editStoreId = 0;
    m_draftTimer.stop();
    m_meta.draft.clear();
    m_store->setDraft(m_current, {});
    if (!m_meta.draftAttachments.isEmpty()) {
        m_meta.draftAttachments = QJsonArray();
        m_store->setDraftAttachments(m_current, {});
    }
    reloadTranscript();
    startReply(m_meta, *userId, text, attachments);
    return true;
}

void ChatController::startReply(const Conversation& conversation, qint64 parentId, const QString& restoreOnError,
    const QJsonArray& restoreAttachments, qint64 continueId)
{
    ChatRequest request;
    request.model = conversation.model.isEmpty() ? m_defaultModel : conversation.model;
    request.stream = true;
    request.includeUsage = true;
    request.sessionAffinity = ReplyRequest::sessionAffinity(m_store->path(), conversation.id);
    if (!conversation.systemPrompt.trimmed().isEmpty())
        request.messages << ChatMessage::system(conversation.systemPrompt);
    const QList<StoredMessage> path = m_store->activePath(conversation.id);
    for (const StoredMessage& m : path) {
        if (m.id == continueId)
            break;
        // Failed and empty replies are not part of the exchange.
        const bool emptyReply = m.role == QLatin1String("assistant")
            && (m.state == MessageState::Error || (m.content.isEmpty() && m.toolCalls.isEmpty()));
        if (!emptyReply)
            request.messages << ReplyRequest::message(m);
        if (m.id == parentId)
            break;
    }
    const QJsonObject& p = conversation.parameters;
    if (p.contains(QStringLiteral("temperature")))
        request.temperature = p.value(QStringLiteral("temperature")).toDouble();
    if (p.contains(QStringLiteral("max_tokens")))
        request.maxTokens = p.value(QStringLiteral("max_tokens")).toInt();
    if (p.contains(QStringLiteral("reasoning_effort")))
        request.reasoningEffort = p.value(QStringLiteral("reasoning_effort")).toString();

    m_jobPrefixContent.clear();
    m_jobPrefixReasoning.clear();
    qint64 replyId = 0;
    std::optional<StoredMessage> partial;
    if (continueId) {
        partial = m_store->message(continueId);
        if (!partial || !m_store->resumeMessage(continueId)) {
            reportStoreError();
            return;
        }
        // The model goes on from its own words: they are the last (assistant) message.
        m_jobPrefixContent = partial->content;
        m_jobPrefixReasoning = partial->reasoning;
        request.messages << ChatMessage::assistant(partial->content);
        replyId = continueId;
    }

    // Asked before the reply is saved: a reply held for the allocation leaves no empty row behind.
    // (The job reports nothing before the event loop runs again.)
    ApiError error;
    CompletionJob* job = m_engine->chat(request, &error);
    if (!job && !continueId && UpstreamError::isDailyQuota(error)) {
        holdReply(conversation.id, parentId, error);
        return;
    }
    if (!continueId) {
        const std::optional<qint64> id = m_store->beginAssistantMessage(conversation.id, parentId, request.model, p);
        if (!id) {
            if (job) {
                job->cancel();
                job->deleteLater();
            }
            reportStoreError();
            if (!restoreOnError.isEmpty() || !restoreAttachments.isEmpty())
                Q_EMIT draftRestored(restoreOnError, restoreAttachments);
            return;
        }
        replyId = *id;
    }
    if (!job) {
        m_store->failMessage(replyId, ErrorText::describe(error));
        reloadTranscript();
        if (!restoreOnError.isEmpty() || !restoreAttachments.isEmpty())
            Q_EMIT draftRestored(restoreOnError, restoreAttachments);
        return;
    }
    if (!job->replacedFrom().isEmpty()) {
        const std::optional<ModelInfo> retired = m_engine->catalog().find(job->replacedFrom());
        const QString from = retired && !retired->displayName.isEmpty() ? retired->displayName : job->replacedFrom();
        const QString to = job->model().displayName.isEmpty() ? job->model().id : job->model().displayName;
        Q_EMIT notice(tr("Cloudflare retired %1 on %2; %3 answers instead.")
                          .arg(from, retired ? retired->deprecationDate : QString(), to));
    }
    m_job = job;
    m_jobConversation = conversation.id;
    m_jobMessageId = replyId;
    m_jobRestore = restoreOnError;
    m_jobRestoreAttachments = restoreAttachments;
    m_jobClock.start();
    m_jobTtftMs = -1;
    reloadTranscript(); // shows the new reply (and its place among its versions)

    connect(job, &CompletionJob::delta, this, [this](const ChatDelta& d) {
        if (m_jobTtftMs < 0)
            m_jobTtftMs = m_jobClock.elapsed();
        m_store->appendToStreaming(m_jobMessageId, d.content, d.reasoning);
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->appendDelta(m_transcript->at(row).uid, d.content, d.reasoning);
        }
    });
    connect(job, &CompletionJob::finished, this, [this](const ChatResult& r) {
        ChatResult result = r;
        if (!m_jobPrefixContent.isEmpty() || !m_jobPrefixReasoning.isEmpty()) {
            result.content = m_jobPrefixContent + result.content;
            result.reasoning = m_jobPrefixReasoning + result.reasoning;
        }
        MessageTimings timings;
        timings.durationMs = m_jobClock.elapsed();
        timings.ttftMs = m_jobTtftMs;
        if (result.usage.valid && result.usage.completionTokens > 0 && timings.durationMs > 0)
            timings.tokensPerSecond = double(result.usage.completionTokens) * 1000.0 / double(timings.durationMs);
        if (!m_store->finishMessage(m_jobMessageId, result, timings))
            reportStoreError();
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->finish(m_transcript->at(row).uid, result, timings.durationMs);
        }
        finishJob();
    });
    connect(job, &CompletionJob::failed, this, [this, continueId, parentId](const ApiError& e) {
        // The allocation ran out with this very request, before it wrote anything: it waits.
        if (!continueId && m_jobTtftMs < 0 && UpstreamError::isDailyQuota(e)) {
            const qint64 conversation = m_jobConversation;
            if (!m_store->deleteMessage(m_jobMessageId))
                reportStoreError();
            finishJob();
            reloadTranscript();
            holdReply(conversation, parentId, e);
            return;
        }
        const QString text = ErrorText::describe(e);
        if (!m_store->failMessage(m_jobMessageId, text))
            reportStoreError();
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->fail(m_transcript->at(row).uid, text);
            if (!m_jobRestore.isEmpty() || !m_jobRestoreAttachments.isEmpty())
                Q_EMIT draftRestored(m_jobRestore, m_jobRestoreAttachments);
        } else if (!m_jobRestore.isEmpty()) {
            const std::optional<Conversation> owner = m_store->conversation(m_jobConversation);
            if (owner && owner->draft.isEmpty())
                m_store->setDraft(m_jobConversation, m_jobRestore);
        }
        finishJob();
    });
    Q_EMIT busyChanged(true);
}

void ChatController::finishJob()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->deleteLater();
    }
    m_job = nullptr;
    const qint64 conversation = m_jobConversation;
    m_jobConversation = 0;
    m_jobMessageId = 0;
    m_jobRestore.clear();
    m_jobRestoreAttachments = {};
    m_jobPrefixContent.clear();
    m_jobPrefixReasoning.clear();
    Q_EMIT busyChanged(false);
    Q_EMIT replyFinished(conversation);
}

bool ChatController::isHeld() const
{
    return m_hold->isActive();
}

QDateTime ChatController::heldUntil() const
{
    return m_hold->until();
}

void ChatController::holdReply(qint64 conversation, qint64 parentId, const ApiError& error)
{
    QDateTime until = m_engine->quota() ? m_engine->quota()->resetAt(m_engine->endpoint().accountId) : QDateTime();
    if (!until.isValid())
        until = UpstreamError::quotaResetAt(m_engine->quota() ? m_engine->quota()->now() : m_engine->now());
    Q_UNUSED(error)
    const bool wasBusy = isBusy();
    m_hold->hold({conversation, parentId}, until);
    if (!wasBusy)
        Q_EMIT busyChanged(true);
}

void ChatController::tryHeldNow()
{
    if (!m_hold->isActive() || m_job)
        return;
    const QuotaHold::Held held = m_hold->take();
    std::optional<Conversation> conversation = held.conversation == m_current
        ? std::optional<Conversation>(m_meta)
        : m_store->conversation(held.conversation);
    const std::optional<StoredMessage> question = m_store->message(held.parentId);
    if (conversation && question && !conversation->deleted.isValid())
        startReply(*conversation, held.parentId, {});
    m_hold->settle();
}

std::optional<QuotaHold::Held> ChatController::heldQuestion() const
{
    if (!m_hold->isActive())
        return std::nullopt;
    return m_hold->held();
}

bool ChatController::resumeHeld(const QuotaHold::Held& held)
{
    if (m_job || m_hold->isActive())
        return false;
    const std::optional<Conversation> conversation = held.conversation == m_current
        ? std::optional<Conversation>(m_meta)
        : m_store->conversation(held.conversation);
    const std::optional<StoredMessage> question = m_store->message(held.parentId);
    if (!conversation || conversation->deleted.isValid() || !question || question->role != QLatin1String("user")
        || question->conversationId != held.conversation)
        return false;
    if (!m_store->childrenByParent(held.conversation).value(held.parentId).isEmpty())
        return false; // answered (or given up and asked again) since
    startReply(*conversation, held.parentId, {});
    return true;
}

void ChatController::stop()
{
    if (m_hold->isActive()) {
        m_hold->cancel(); // the question stays, unanswered: Regenerate or send again
        return;
    }
    if (!m_job)
        return;
    disconnect(m_job, nullptr, this, nullptr);
    m_job->cancel(); // aborts the upstream request now
    if (!m_store->interruptMessage(m_jobMessageId))
        reportStoreError();
    if (m_jobConversation == m_current) {
        const int row = m_transcript->rowOfStoreId(m_jobMessageId);
        if (row >= 0)
            m_transcript->interrupt(m_transcript->at(row).uid);
    }
    finishJob();
}

void ChatController::retry(int row)
{
    if (isBusy() || row < 0 || row >= m_transcript->rowCount())
        return;
    const TranscriptMessage& m = m_transcript->at(row);
    if (m.isUser()) { // a question whose reply was deleted: answer it
        startReply(m_meta, m.storeId, {});
        return;
    }
    const std::optional<StoredMessage> stored = m_store->message(m.storeId);
    if (!stored) {
        reportStoreError();
        return;
    }
    // A failed reply has nothing worth keeping as a version: it is replaced.
    if (m.state == TranscriptMessage::State::Error && !m_store->deleteMessage(m.storeId)) {
        reportStoreError();
        return;
    }
    startReply(m_meta, stored->parentId, {});
}

void ChatController::regenerate(int row)
{
    if (isBusy() || row < 0 || row >= m_transcript->rowCount() || !m_transcript->at(row).isAssistant())
        return;
    retry(row);
}

void ChatController::continueReply(int row)
{
    if (isBusy() || row < 0 || row >= m_transcript->rowCount())
        return;
    const TranscriptMessage& m = m_transcript->at(row);
    if (!m.isAssistant() || m.state != TranscriptMessage::State::Interrupted)
        return;
    const std::optional<StoredMessage> stored = m_store->message(m.storeId);
    if (!stored) {
        reportStoreError();
        return;
    }
    if (stored->content.isEmpty()) { // nothing to go on from: ask again
        startReply(m_meta, stored->parentId, {});
        return;
    }
    startReply(m_meta, stored->parentId, {}, {}, stored->id);
}

void ChatController::switchBranch(int row, int step)
{
    if (row < 0 || row >= m_transcript->rowCount() || isCurrentJobRow(row))
        return;
    const QList<qint64> versions = m_store->siblings(m_transcript->at(row).storeId);
    const int at = int(versions.indexOf(m_transcript->at(row).storeId));
    const int to = at + step;
    if (at < 0 || to < 0 || to >= versions.size())
        return;
    cancelEdit();
    if (!m_store->selectSibling(versions.at(to))) {
        reportStoreError();
        return;
    }
    reloadTranscript();
}

void ChatController::removeMessage(int row)
{
    if (row < 0 || row >= m_transcript->rowCount())
        return;
    const qint64 id = m_transcript->at(row).storeId;
    if (m_job && m_jobConversation == m_current) {
        // The reply being written goes too if it is this message or below it.
        for (int r = row; r < m_transcript->rowCount(); ++r) {
            if (m_transcript->at(r).storeId == m_jobMessageId) {
                stop();
                break;
            }
        }
    }
    if (m_editStoreId == id)
        cancelEdit();
    ConversationStore::DeletedMessages removed;
    if (!m_store->deleteMessage(id, &removed)) {
        reportStoreError();
        return;
    }
    m_removed = std::move(removed);
    reloadTranscript();
    Q_EMIT messagesDeleted(static_cast<int>(m_removed.rows.size()));
}

bool ChatController::undoRemoveMessage()
{
    const ConversationStore::DeletedMessages removed = std::exchange(m_removed, {});
    if (removed.isEmpty())
        return false;
    if (!m_store->restoreMessages(removed)) {
        reportStoreError();
        return false;
    }
    return revealMessage(removed.conversationId, removed.rootId);
}

QString ChatController::messageText(int row) const
{
    if (row < 0 || row >= m_transcript->rowCount())
        return {};
    return m_transcript->at(row).content;
}

QString ChatController::beginEdit(int row)
{
    if (row < 0 || row >= m_transcript->rowCount() || !m_transcript->at(row).isUser())
        return {};
    m_editStoreId = m_transcript->at(row).storeId;
    return m_transcript->at(row).content;
}

void ChatController::cancelEdit()
{
    m_editStoreId = 0;
}

} // namespace flarechat
