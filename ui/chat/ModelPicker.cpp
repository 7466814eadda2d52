#include "ModelPicker.h"

#include <QDateTime>
#include <QEvent>
#include <QLocale>
#include <QStandardItemModel>

namespace flarechat {

namespace {

QString contextText(int tokens)
{
    if (tokens >= 1000)
        return ModelPicker::tr("%1K context").arg(tokens / 1000);
    return ModelPicker::tr("%1 context").arg(tokens);
}

} // namespace

ModelPicker::ModelPicker(QWidget* parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("modelPicker"));
    setAccessibleName(tr("Model"));
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    setMaxVisibleItems(20);
    connect(this, &QComboBox::activated, this, [this](int) { Q_EMIT modelChosen(currentModel()); });
}

ModelPicker::~ModelPicker() = default;

void ModelPicker::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Model"));
        setCatalog(m_catalog); // the badges and tool tips are words
    }
    QComboBox::changeEvent(event);
}

QString ModelPicker::describe(const ModelInfo& m)
{
    QStringList parts;
    if (m.reasoning != ModelInfo::ReasoningStyle::None)
        parts << tr("reasoning");
    if (m.vision)
        parts << tr("vision");
    if (m.tools)
        parts << tr("tools");
    if (m.contextWindow > 0)
        parts << contextText(m.contextWindow);
    parts << (m.paidOnly ? tr("Workers Paid") : tr("free"));
    if (const double neurons = typicalReplyNeurons(m); neurons > 0)
        parts << tr("~%1 neurons a reply")
                     .arg(neurons < 10 ? QLocale().toString(neurons, 'f', 1) : QLocale().toString(qRound64(neurons)));
    if (m.deprecated)
        parts << tr("deprecated");
    return parts.join(QStringLiteral(" · "));
}

double ModelPicker::typicalReplyNeurons(const ModelInfo& m)
{
    return m.estimateNeurons(TypicalPromptTokens, TypicalReplyTokens);
}

void ModelPicker::setCatalog(const ModelCatalog& catalog)
{
    const QString current = currentModel();
    m_catalog = catalog;
    blockSignals(true);
    clear();
    bool inAliases = true;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    for (const ModelInfo& m : catalog.textModels()) {
        if (m.isRetired(today))
            continue; // Cloudflare no longer serves it; its requests go to the replacement
        if (inAliases && m.alias.isEmpty()) {
            inAliases = false;
            if (count() > 0)
                insertSeparator(count());
        }
        const QString name = m.alias.isEmpty() ? m.id : m.alias;
        const QString title = m.alias.isEmpty() ? m.id : QStringLiteral("%1 — %2").arg(m.alias, m.displayName);
        const QString badges = describe(m);
        addItem(badges.isEmpty() ? title : QStringLiteral("%1   (%2)").arg(title, badges));
        const int row = count() - 1;
        setItemData(row, name, NameRole);
        setItemData(row, m.id, IdRole);
        QString tip = QStringLiteral("<b>%1</b><br>%2").arg(m.displayName.toHtmlEscaped(), m.id.toHtmlEscaped());
        if (!m.description.isEmpty())
            tip += QStringLiteral("<p>%1</p>").arg(m.description.toHtmlEscaped());
        if (const double neurons = typicalReplyNeurons(m); neurons > 0) {
            tip += QStringLiteral("<p>%1</p>")
                       .arg(tr("About %1 neurons for a reply of %2 tokens to %3 tokens of conversation: the free "
                               "10,000 neurons a day are about %4 such replies.")
                                .arg(QLocale().toString(neurons, 'f', neurons < 10 ? 1 : 0))
                                .arg(TypicalReplyTokens)
                                .arg(TypicalPromptTokens)
                                .arg(QLocale().toString(qFloor(10000 / neurons))));
        }
        if (m.paidOnly)
            tip += QStringLiteral("<p>%1</p>")
                       .arg(tr("Needs the Workers Paid plan: on the Free plan Workers AI refuses it."));
        if (m.deprecated) {
            tip += QStringLiteral("<p>")
                + (m.replacement.isEmpty() ? tr("Deprecated by Cloudflare.")
                                           : tr("Deprecated by Cloudflare; use %1 instead.").arg(m.replacement))
                + QStringLiteral("</p>");
            setItemData(row, palette().color(QPalette::Disabled, QPalette::Text), Qt::ForegroundRole);
        }
        setItemData(row, tip, Qt::ToolTipRole);
    }
    blockSignals(false);
    if (!current.isEmpty())
        setCurrentModel(current);
}

QString ModelPicker::currentModel() const
{
    return currentData(NameRole).toString();
}

void ModelPicker::setCurrentModel(const QString& name)
{
    if (name.isEmpty())
        return;
    int row = findData(name, NameRole, Qt::MatchFixedString);
    if (row < 0 && m_catalog.find(name)) {
        // A retired model (a conversation from before) shows as the one that answers it now.
        const ModelInfo runs = m_catalog.resolveForRequest(name, QDateTime::currentDateTimeUtc().date()).model;
        row = findData(runs.id, IdRole);
    }
    if (row < 0) {
        addItem(name);
        row = count() - 1;
        setItemData(row, name, NameRole);
        setItemData(row, name, IdRole);
    }
    setCurrentIndex(row);
}

} // namespace flarechat
