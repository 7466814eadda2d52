#include "Composer.h"

#include "ComposerEdit.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace flarechat {

Composer::Composer(QWidget* parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_editBar(new QWidget(this))
    , m_editLabel(new QLabel(tr("Editing a message: sending replaces it and the replies after it."), m_editBar))
    , m_cancelEdit(new QToolButton(m_editBar))
{
    m_edit->setObjectName(QStringLiteral("composerEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_send->setDefault(false);
    m_send->setAutoDefault(false);
    m_stop->setAutoDefault(false);
    m_send->setToolTip(tr("Send (Enter)"));
    m_stop->setToolTip(tr("Stop the reply (Esc)"));
    m_stop->hide();

    m_cancelEdit->setText(tr("Cancel"));
    m_cancelEdit->setAutoRaise(true);
    auto* editLayout = new QHBoxLayout(m_editBar);
    editLayout->setContentsMargins(4, 0, 4, 0);
    editLayout->addWidget(m_editLabel, 1);
    editLayout->addWidget(m_cancelEdit);
    m_editBar->hide();

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    auto* buttons = new QVBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    row->addLayout(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 12);
    layout->setSpacing(4);
    layout->addWidget(m_editBar);
    layout->addLayout(row);

    connect(m_edit, &ComposerEdit::sendRequested, this, &Composer::requestSend);
    connect(m_send, &QPushButton::clicked, this, &Composer::requestSend);
    connect(m_stop, &QPushButton::clicked, this, &Composer::stopRequested);
    connect(m_edit, &ComposerEdit::escapePressed, this, [this] {
        if (m_busy)
            emit stopRequested();
        else if (m_editing)
            emit editCancelled();
    });
    connect(m_cancelEdit, &QToolButton::clicked, this, &Composer::editCancelled);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::textChanged);
    setFocusProxy(m_edit);
}

Composer::~Composer() = default;

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString& text)
{
    m_edit->setPlainText(text);
    m_edit->moveCursor(QTextCursor::End);
}

void Composer::clear()
{
    m_edit->clear();
}

void Composer::setBusy(bool busy)
{
    m_busy = busy;
    m_send->setVisible(!busy);
    m_stop->setVisible(busy);
}

void Composer::setEditing(bool editing)
{
    m_editing = editing;
    m_editBar->setVisible(editing);
}

void Composer::setSendOnEnter(bool sendOnEnter)
{
    m_edit->setSendOnEnter(sendOnEnter);
    m_send->setToolTip(sendOnEnter ? tr("Send (Enter)") : tr("Send (Ctrl+Enter)"));
    m_edit->setPlaceholderText(sendOnEnter ? tr("Message… (Enter to send, Shift+Enter for a new line)")
                                           : tr("Message… (Ctrl+Enter to send)"));
}

void Composer::requestSend()
{
    // While a reply is written the text stays in the box: nothing typed is dropped.
    if (m_busy || text().trimmed().isEmpty())
        return;
    emit sendRequested(text());
}

} // namespace flarechat
