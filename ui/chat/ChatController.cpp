#include "ChatController.h"

#include "engine/Engine.h"
#include "transcript/TranscriptModel.h"
#include "workersai/CompletionJob.h"

#include <QStandardItemModel>

namespace flarechat {

namespace {

QString titleFrom(const QString& text)
{
    // The first non-empty line, cut on a word boundary.
    constexpr int kMax = 48;
    QString line;
    for (const QString& l : text.split(QLatin1Char('\n'))) {
        if (!l.trimmed().isEmpty()) {
            line = l.simplified();
            break;
        }
    }
    if (line.size() <= kMax)
        return line;
    int cut = line.lastIndexOf(QLatin1Char(' '), kMax);
    if (cut < kMax / 2)
        cut = kMax;
    return line.left(cut) + QStringLiteral("…");
}

} // namespace

ChatController::ChatController(Engine* engine, TranscriptModel* transcript, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_transcript(transcript)
    , m_list(new QStandardItemModel(this))
{
}

ChatController::~ChatController()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
    }
}

QAbstractItemModel* ChatController::conversationList() const
{
    return m_list;
}

QString ChatController::describeError(const ApiError& error)
{
    QString text = error.message.isEmpty() ? tr("The request failed.") : error.message;
    if (error.retryAfterSeconds > 0)
        text += QLatin1Char(' ') + tr("Try again in %n second(s).", nullptr, error.retryAfterSeconds);
    if (error.httpStatus > 0)
        text += QStringLiteral(" (HTTP %1)").arg(error.httpStatus);
    return text;
}

ChatController::Thread& ChatController::current()
{
    if (!m_current || !m_threads.contains(m_current))
        newConversation();
    return m_threads[m_current];
}

Conversation ChatController::conversation() const
{
    return m_threads.value(m_current).meta;
}

void ChatController::saveCurrent()
{
    if (!m_current || !m_threads.contains(m_current))
        return;
    m_transcript->flush();
    m_threads[m_current].messages = m_transcript->messages();
}

qint64 ChatController::newConversation()
{
    // An untouched conversation is reused instead of piling up empty ones.
    if (m_current && m_threads.contains(m_current) && m_transcript->rowCount() == 0) {
        emit conversationOpened(m_current);
        return m_current;
    }
    Thread t;
    t.meta.id = m_nextConversationId++;
    t.meta.created = t.meta.updated = QDateTime::currentDateTimeUtc();
    t.meta.model = m_defaultModel;
    m_threads.insert(t.meta.id, t);
    auto* item = new QStandardItem(tr("New chat"));
    item->setData(t.meta.id, IdRole);
    item->setEditable(false);
    m_list->insertRow(0, item);
    openConversation(t.meta.id);
    return t.meta.id;
}

void ChatController::openConversation(qint64 id)
{
    if (!m_threads.contains(id) || id == m_current)
        return;
    saveCurrent();
    cancelEdit();
    m_current = id;
    m_transcript->setMessages(m_threads.value(id).messages);
    emit conversationOpened(id);
}

void ChatController::setModel(const QString& model)
{
    current().meta.model = model;
}

void ChatController::setSystemPrompt(const QString& systemPrompt)
{
    current().meta.systemPrompt = systemPrompt;
}

void ChatController::setParameters(const QJsonObject& parameters)
{
    current().meta.parameters = parameters;
}

void ChatController::setDraft(const QString& draft)
{
    if (m_current && m_threads.contains(m_current))
        m_threads[m_current].meta.draft = draft;
}

void ChatController::updateListRow(qint64 id)
{
    for (int row = 0; row < m_list->rowCount(); ++row) {
        QStandardItem* item = m_list->item(row);
        if (item->data(IdRole).toLongLong() != id)
            continue;
        const Thread& t = m_threads[id];
        item->setText(t.meta.title.isEmpty() ? tr("New chat") : t.meta.title);
        item->setToolTip(t.meta.title);
        return;
    }
}

bool ChatController::send(const QString& text)
{
    if (isBusy() || text.trimmed().isEmpty())
        return false;
    Thread& t = current();
    if (m_editStoreId) {
        const int row = m_transcript->rowOfStoreId(m_editStoreId);
        m_editStoreId = 0;
        while (row >= 0 && m_transcript->rowCount() > row)
            m_transcript->removeAt(m_transcript->rowCount() - 1);
    } else {
        // A failed exchange at the end was given back to the composer; sending again replaces it.
        const int n = m_transcript->rowCount();
        if (n >= 2 && m_transcript->at(n - 1).state == TranscriptMessage::State::Error && m_transcript->at(n - 2).isUser()) {
            m_transcript->removeAt(n - 1);
            m_transcript->removeAt(n - 2);
        }
    }
    TranscriptMessage user;
    user.role = QStringLiteral("user");
    user.content = text;
    user.created = QDateTime::currentDateTimeUtc();
    user.storeId = m_nextMessageId++;
    m_transcript->append(user);
    if (t.meta.title.isEmpty())
        t.meta.title = titleFrom(text);
    t.meta.updated = user.created;
    t.meta.draft.clear();
    updateListRow(t.meta.id);
    startReply(text);
    return true;
}

void ChatController::startReply(const QString& restoreOnError)
{
    Thread& t = current();
    ChatRequest request;
    request.model = t.meta.model.isEmpty() ? m_defaultModel : t.meta.model;
    request.stream = true;
    request.includeUsage = true;
    if (!t.meta.systemPrompt.trimmed().isEmpty())
        request.messages << ChatMessage::system(t.meta.systemPrompt);
    for (const TranscriptMessage& m : m_transcript->messages()) {
        if (m.isUser()) {
            request.messages << ChatMessage::user(m.content);
        } else if (m.isAssistant() && m.state != TranscriptMessage::State::Error && !m.content.isEmpty()) {
            // Reasoning is not sent back: reasoning models are told not to receive it.
            request.messages << ChatMessage::assistant(m.content);
        }
    }
    const QJsonObject& p = t.meta.parameters;
    if (p.contains(QStringLiteral("temperature")))
        request.temperature = p.value(QStringLiteral("temperature")).toDouble();
    if (p.contains(QStringLiteral("max_tokens")))
        request.maxTokens = p.value(QStringLiteral("max_tokens")).toInt();

    TranscriptMessage reply;
    reply.role = QStringLiteral("assistant");
    reply.model = request.model;
    reply.created = QDateTime::currentDateTimeUtc();
    reply.state = TranscriptMessage::State::Streaming;
    reply.storeId = m_nextMessageId++;
    const quint64 uid = m_transcript->append(reply);

    ApiError error;
    CompletionJob* job = m_engine->chat(request, &error);
    if (!job) {
        m_transcript->fail(uid, describeError(error));
        if (!restoreOnError.isEmpty())
            emit draftRestored(restoreOnError);
        return;
    }
    m_job = job;
    m_jobConversation = t.meta.id;
    m_jobMessageId = reply.storeId;
    m_jobRestore = restoreOnError;

    connect(job, &CompletionJob::delta, this, [this](const ChatDelta& d) {
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->appendDelta(m_transcript->at(row).uid, d.content, d.reasoning);
        } else if (TranscriptMessage* m = offscreenMessage()) {
            m->content += d.content;
            m->reasoning += d.reasoning;
        }
    });
    connect(job, &CompletionJob::finished, this, [this](const ChatResult& result) {
        const qint64 duration = m_job ? m_job->elapsedMs() : -1;
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->finish(m_transcript->at(row).uid, result, duration);
        } else if (TranscriptMessage* m = offscreenMessage()) {
            m->content = result.content.isEmpty() ? m->content : result.content;
            m->reasoning = result.reasoning.isEmpty() ? m->reasoning : result.reasoning;
            m->usage = result.usage;
            m->durationMs = duration;
            m->state = TranscriptMessage::State::Complete;
        }
        finishJob();
    });
    connect(job, &CompletionJob::failed, this, [this](const ApiError& e) {
        const QString text = describeError(e);
        if (m_jobConversation == m_current) {
            const int row = m_transcript->rowOfStoreId(m_jobMessageId);
            if (row >= 0)
                m_transcript->fail(m_transcript->at(row).uid, text);
            if (!m_jobRestore.isEmpty())
                emit draftRestored(m_jobRestore);
        } else if (TranscriptMessage* m = offscreenMessage()) {
            m->error = text;
            m->state = TranscriptMessage::State::Error;
            Thread& owner = m_threads[m_jobConversation];
            if (owner.meta.draft.isEmpty())
                owner.meta.draft = m_jobRestore;
        }
        finishJob();
    });
    emit busyChanged(true);
}

TranscriptMessage* ChatController::offscreenMessage()
{
    auto it = m_threads.find(m_jobConversation);
    if (it == m_threads.end())
        return nullptr;
    for (TranscriptMessage& m : it->messages) {
        if (m.storeId == m_jobMessageId)
            return &m;
    }
    return nullptr;
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
    emit busyChanged(false);
    emit replyFinished(conversation);
}

void ChatController::stop()
{
    if (!m_job)
        return;
    disconnect(m_job, nullptr, this, nullptr);
    m_job->cancel(); // aborts the upstream request now
    if (m_jobConversation == m_current) {
        const int row = m_transcript->rowOfStoreId(m_jobMessageId);
        if (row >= 0)
            m_transcript->interrupt(m_transcript->at(row).uid);
    } else if (TranscriptMessage* m = offscreenMessage()) {
        m->state = TranscriptMessage::State::Interrupted;
    }
    finishJob();
}

void ChatController::retry(int row)
{
    if (isBusy() || row < 0 || row >= m_transcript->rowCount())
        return;
    while (m_transcript->rowCount() > row)
        m_transcript->removeAt(m_transcript->rowCount() - 1);
    startReply({});
}

void ChatController::regenerate(int row)
{
    if (isBusy() || row < 0 || row >= m_transcript->rowCount() || !m_transcript->at(row).isAssistant())
        return;
    retry(row);
}

void ChatController::removeMessage(int row)
{
    if (row < 0 || row >= m_transcript->rowCount())
        return;
    if (m_job && m_jobConversation == m_current && m_transcript->at(row).storeId == m_jobMessageId)
        stop();
    if (m_editStoreId == m_transcript->at(row).storeId)
        cancelEdit();
    m_transcript->removeAt(row);
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
