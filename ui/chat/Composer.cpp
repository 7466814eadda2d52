#include "Composer.h"

#include "ComposerEdit.h"
#include "Icons.h"
#include "LanguageChange.h"
#include "Theme.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace flarechat {

namespace {

// Chips left to right, wrapping onto more lines when they do not fit (the Qt flow layout example,
// reduced): the composer never forces the window wider, and every chip stays reachable.
class FlowLayout final : public QLayout
{
public:
    FlowLayout(QWidget* parent, int spacing)
        : QLayout(parent)
        , m_gap(spacing)
    {
        setContentsMargins(0, 0, 0, 0);
    }
    ~FlowLayout() override
    {
        while (QLayoutItem* item = FlowLayout::takeAt(0))
            delete item;
    }

    void addItem(QLayoutItem* item) override { m_items << item; }
    int count() const override { return int(m_items.size()); }
    QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem* takeAt(int index) override
    {
        return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
    }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    void setGeometry(const QRect& rect) override
    {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }
    QSize sizeHint() const override { return minimumSize(); }
    QSize minimumSize() const override
    {
        QSize size;
        for (const QLayoutItem* item : m_items)
            size = size.expandedTo(item->minimumSize());
        const QMargins m = contentsMargins();
        return size + QSize(m.left() + m.right(), m.top() + m.bottom());
    }

private:
    // Places the items (when `apply`) and returns the height they need in `rect`'s width.
    int arrange(const QRect& rect, bool apply) const
    {
        const QRect area = rect.marginsRemoved(contentsMargins());
        int x = area.x();
        int y = area.y();
        int lineHeight = 0;
        for (QLayoutItem* item : m_items) {
            if (item->isEmpty())
                continue; // a hidden chip
            const QSize hint = item->sizeHint();
            if (x > area.x() && x + hint.width() > area.right() + 1) {
                x = area.x();
                y += lineHeight + m_gap;
                lineHeight = 0;
            }
            if (apply)
                item->setGeometry(QRect(QPoint(x, y), hint));
            x += hint.width() + m_gap;
            lineHeight = qMax(lineHeight, hint.height());
        }
        return y + lineHeight - rect.y() + contentsMargins().bottom();
    }

    QList<QLayoutItem*> m_items;
    int m_gap;
};

QString imageFilePatterns()
{
    QStringList patterns;
    const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    for (const QByteArray& format : formats)
        patterns << QStringLiteral("*.") + QString::fromLatin1(format);
    return patterns.join(QLatin1Char(' '));
}

} // namespace

Composer::Composer(QWidget* parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_send(new QPushButton(this))
    , m_stop(new QPushButton(this))
    , m_editBar(new QWidget(this))
    , m_editLabel(new QLabel(m_editBar))
    , m_cancelEdit(new QToolButton(m_editBar))
    , m_attach(new QToolButton(this))
    , m_strip(new QWidget(this))
    , m_stripLayout(new FlowLayout(m_strip, 6))
    , m_notice(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("composerEdit"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_send->setDefault(false);
    m_send->setAutoDefault(false);
    m_stop->setAutoDefault(false);
    m_stop->hide();

    m_cancelEdit->setAutoRaise(true);
    auto* editLayout = new QHBoxLayout(m_editBar);
    editLayout->setContentsMargins(4, 0, 4, 0);
    editLayout->addWidget(m_editLabel, 1);
    editLayout->addWidget(m_cancelEdit);
    m_editBar->hide();

    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setAutoRaise(true);
    m_attach->setIconSize(QSize(20, 20));
    m_attach->setIcon(Icons::themed(QStringLiteral("attach")));

    m_strip->setObjectName(QStringLiteral("attachmentStrip"));
    m_strip->hide();

    m_notice->setObjectName(QStringLiteral("composerNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    auto* attachColumn = new QVBoxLayout;
    attachColumn->addStretch(1);
    attachColumn->addWidget(m_attach);
    row->addLayout(attachColumn);
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
    layout->addWidget(m_strip);
    layout->addWidget(m_notice);
    layout->addLayout(row);
    setAcceptDrops(true); // files dropped beside the input; the input takes its own drops
    retranslated(this, [this] { retranslate(); });

    connect(m_edit, &ComposerEdit::sendRequested, this, &Composer::requestSend);
    connect(m_send, &QPushButton::clicked, this, &Composer::requestSend);
    connect(m_stop, &QPushButton::clicked, this, &Composer::stopRequested);
    connect(m_edit, &ComposerEdit::escapePressed, this, [this] {
        if (m_busy)
            Q_EMIT stopRequested();
        else if (m_editing)
            Q_EMIT editCancelled();
    });
    connect(m_cancelEdit, &QToolButton::clicked, this, &Composer::editCancelled);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::textChanged);
    connect(m_edit, &ComposerEdit::attachRequested, this, &Composer::addMimeData);
    connect(m_attach, &QToolButton::clicked, this, &Composer::chooseFiles);
    setFocusProxy(m_edit);
}

Composer::~Composer() = default;

QList<QWidget*> Composer::focusOrder() const
{
    // Top to bottom, then left to right: the edit's Cancel, the chips, then the input row.
    QList<QWidget*> order {m_cancelEdit};
    for (QWidget* chip : m_chips)
        order << chip->findChild<QToolButton*>(QStringLiteral("removeAttachmentButton"));
    return order << m_attach << m_edit << m_send << m_stop;
}

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
    clearAttachments();
    clearNotice();
}

QJsonArray Composer::attachments() const
{
    QJsonArray out;
    for (const Attachment& a : m_attachments)
        out.append(a.json);
    return out;
}

int Composer::addFiles(const QStringList& paths)
{
    QList<Attachment> attachments;
    for (const QString& path : paths)
        attachments << Attachments::fromFile(path);
    if (!paths.isEmpty())
        m_lastDir = QFileInfo(paths.last()).absolutePath();
    return addAttachments(attachments);
}

int Composer::addImage(const QImage& image)
{
    QMimeData data;
    data.setImageData(image);
    return addMimeData(&data);
}

int Composer::addMimeData(const QMimeData* data)
{
    int pasted = 0;
    for (const Attachment& a : std::as_const(m_attachments)) {
        if (a.name().startsWith(tr("Pasted image")))
            ++pasted;
    }
    const QString imageName = pasted == 0 ? tr("Pasted image") : tr("Pasted image %1").arg(pasted + 1);
    return addAttachments(Attachments::fromMimeData(data, imageName));
}

int Composer::addAttachments(const QList<Attachment>& attachments)
{
    QStringList errors;
    int added = 0;
    for (const Attachment& a : attachments) {
        if (!a.ok()) {
            errors << a.error;
            continue;
        }
        QWidget* chip = makeChip(a);
        m_stripLayout->addWidget(chip);
        m_attachments << a;
        m_chips << chip;
        ++added;
    }
    if (added > 0) {
        m_strip->show();
        Q_EMIT attachmentsChanged();
    }
    if (errors.isEmpty()) {
        if (added > 0)
            clearNotice();
    } else {
        showNotice(errors.join(QLatin1Char('\n')));
    }
    return added;
}

QWidget* Composer::makeChip(const Attachment& attachment)
{
    auto* chip = new QFrame(m_strip);
    chip->setObjectName(QStringLiteral("attachmentChip"));
    chip->setFrameShape(QFrame::StyledPanel);
    chip->setToolTip(attachment.summary.isEmpty()
            ? attachment.name()
            : QStringLiteral("%1\n%2").arg(attachment.name(), attachment.summary));
    auto* layout = new QHBoxLayout(chip);
    layout->setContentsMargins(4, 2, 2, 2);
    layout->setSpacing(4);
    if (!attachment.thumbnail.isNull()) {
        auto* preview = new QLabel(chip);
        const int side = fontMetrics().height() + 4;
        preview->setPixmap(
            QPixmap::fromImage(attachment.thumbnail.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        layout->addWidget(preview);
    }
    auto* name = new QLabel(chip);
    name->setObjectName(QStringLiteral("attachmentName"));
    name->setText(fontMetrics().elidedText(attachment.name(), Qt::ElideMiddle, fontMetrics().averageCharWidth() * 28));
    layout->addWidget(name);
    auto* remove = new QToolButton(chip);
    remove->setObjectName(QStringLiteral("removeAttachmentButton"));
    remove->setText(QStringLiteral("×"));
    remove->setAutoRaise(true);
    remove->setProperty("attachmentName", attachment.name());
    remove->setToolTip(tr("Remove %1").arg(attachment.name()));
    remove->setAccessibleName(tr("Remove %1").arg(attachment.name()));
    layout->addWidget(remove);
    QWidget* previous = m_chips.isEmpty()
        ? static_cast<QWidget*>(m_cancelEdit)
        : m_chips.constLast()->findChild<QToolButton*>(QStringLiteral("removeAttachmentButton"));
    QWidget::setTabOrder(previous, remove);
    connect(remove, &QToolButton::clicked, this, [this, chip] {
        const int index = int(m_chips.indexOf(chip));
        if (index >= 0)
            removeAttachment(index);
    });
    return chip;
}

void Composer::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    QWidget* chip = m_chips.takeAt(index);
    chip->hide();
    chip->deleteLater(); // it may be the one whose × is being clicked
    m_strip->setVisible(!m_attachments.isEmpty());
    clearNotice();
    Q_EMIT attachmentsChanged();
}

void Composer::clearAttachments()
{
    if (m_attachments.isEmpty())
        return;
    while (!m_attachments.isEmpty())
        removeAttachment(int(m_attachments.size()) - 1);
}

void Composer::setPendingAttachments(const QList<Attachment>& attachments)
{
    clearAttachments();
    addAttachments(attachments);
}

void Composer::showNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setStyleSheet(
        QStringLiteral("color: %1;").arg(Theme::isDark() ? QStringLiteral("#f5b94a") : QStringLiteral("#9a4f00")));
    m_notice->setVisible(!text.isEmpty());
}

void Composer::clearNotice()
{
    m_notice->clear();
    m_notice->hide();
}

QString Composer::notice() const
{
    return m_notice->text();
}

void Composer::chooseFiles()
{
    if (m_lastDir.isEmpty())
        m_lastDir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QStringList filters {
        tr("All files (*)"),
        tr("Images (%1)").arg(imageFilePatterns()),
        tr("Text files (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml)"),
    };
    const QStringList paths
        = QFileDialog::getOpenFileNames(this, tr("Attach files"), m_lastDir, filters.join(QStringLiteral(";;")));
    addFiles(paths);
    m_edit->setFocus();
}

void Composer::dragEnterEvent(QDragEnterEvent* event)
{
    if (Attachments::canAttach(event->mimeData()))
        event->acceptProposedAction();
}

void Composer::dragMoveEvent(QDragMoveEvent* event)
{
    if (Attachments::canAttach(event->mimeData()))
        event->acceptProposedAction();
}

void Composer::dropEvent(QDropEvent* event)
{
    if (!Attachments::canAttach(event->mimeData()))
        return;
    event->acceptProposedAction();
    addMimeData(event->mimeData());
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
    retranslate();
}

void Composer::retranslate()
{
    const bool sendOnEnter = m_edit->sendOnEnter();
    m_send->setText(tr("Send"));
    m_send->setToolTip(sendOnEnter ? tr("Send (Enter)") : tr("Send (Ctrl+Enter)"));
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop the reply (Esc)"));
    m_edit->setPlaceholderText(
        sendOnEnter ? tr("Message… (Enter to send, Shift+Enter for a new line)") : tr("Message… (Ctrl+Enter to send)"));
    m_edit->setAccessibleName(tr("Message"));
    m_editLabel->setText(tr("Editing a message: sending adds it as a new version; the old one stays (◀ ▶)."));
    m_cancelEdit->setText(tr("Cancel"));
    m_attach->setText(tr("Attach"));
    m_attach->setToolTip(tr("Attach images or text files (you can also drop or paste them)"));
    m_attach->setAccessibleName(tr("Attach files"));
    for (QToolButton* remove : m_strip->findChildren<QToolButton*>(QStringLiteral("removeAttachmentButton"))) {
        const QString name = remove->property("attachmentName").toString();
        remove->setToolTip(tr("Remove %1").arg(name));
        remove->setAccessibleName(tr("Remove %1").arg(name));
    }
}

void Composer::requestSend()
{
    // While a reply is written the text stays in the box: nothing typed is dropped.
    if (m_busy || (text().trimmed().isEmpty() && m_attachments.isEmpty()))
        return;
    Q_EMIT sendRequested(text(), attachments());
}

} // namespace flarechat
