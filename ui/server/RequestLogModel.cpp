#include "RequestLogModel.h"

#include "LanguageChange.h"

#include <QColor>
#include <QLocale>

namespace flarechat {

RequestLogModel::RequestLogModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{
    // The headings and the "ms" of the cells are words of the UI language.
    onLanguageChange(this, [this] {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_records.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    });
}

RequestLogModel::~RequestLogModel() = default;

int RequestLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RequestLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Client:
        return tr("Client");
    case Request:
        return tr("Request");
    case Model:
        return tr("Model");
    case Status:
        return tr("Status");
    case Latency:
        return tr("Latency");
    case FirstToken:
        return tr("First token");
    case Tokens:
        return tr("Tokens in / out");
    case Neurons:
        return tr("Neurons");
    default:
        return {};
    }
}

QVariant RequestLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestLogRecord& r = m_records.at(index.row());
    if (role == StatusRole)
        return r.status;
    if (role == ModelRole)
        return r.model;
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() >= Status;
        return QVariant::fromValue(Qt::Alignment((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    if (role == Qt::ForegroundRole && index.column() == Status && r.status >= 400)
        return QColor(0xcf, 0x22, 0x2e);
    if (role == Qt::ToolTipRole && !r.error.isEmpty())
        return r.error;
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Time:
        return locale.toString(r.time.toLocalTime().time(), QStringLiteral("HH:mm:ss"));
    case Client:
        return r.client;
    case Request:
        return QStringLiteral("%1 %2").arg(QString::fromLatin1(r.method), r.path);
    case Model:
        return r.model;
    case Status:
        return r.status;
    case Latency:
        return tr("%1 ms").arg(locale.toString(r.latencyMs));
    case FirstToken:
        return r.ttftMs >= 0 ? tr("%1 ms").arg(locale.toString(r.ttftMs)) : QString();
    case Tokens:
        return r.promptTokens || r.completionTokens
            ? QStringLiteral("%1 / %2").arg(locale.toString(r.promptTokens), locale.toString(r.completionTokens))
            : QString();
    case Neurons:
        return r.neurons >= 0 ? locale.toString(r.neurons, 'f', r.neurons < 10 ? 2 : 0) : QString();
    default:
        return {};
    }
}

void RequestLogModel::append(const RequestLogRecord& record)
{
    if (m_records.size() >= m_capacity) {
        const int last = int(m_records.size()) - 1;
        beginRemoveRows({}, m_capacity - 1, last);
        m_records.resize(m_capacity - 1);
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    m_records.prepend(record);
    endInsertRows();
    if (!record.model.isEmpty() && !m_models.contains(record.model)) {
        m_models.append(record.model);
        m_models.sort(Qt::CaseInsensitive);
        Q_EMIT modelsChanged();
    }
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_records.clear();
    endResetModel();
    if (!m_models.isEmpty()) {
        m_models.clear();
        Q_EMIT modelsChanged();
    }
}

QStringList RequestLogModel::models() const
{
    return m_models;
}

QString RequestLogModel::details(const RequestLogRecord& r)
{
    const QLocale locale;
    QString html = QStringLiteral("<p><b>%1 %2</b> → %3</p>")
                       .arg(QString::fromLatin1(r.method).toHtmlEscaped(), r.path.toHtmlEscaped())
                       .arg(r.status);
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("%1 from %2; %3 ms in all")
                         .arg(locale.toString(r.time.toLocalTime(), QLocale::LongFormat), r.client.toHtmlEscaped(),
                             locale.toString(r.latencyMs)));
    if (!r.model.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Model: %1").arg(r.model.toHtmlEscaped()));
    if (r.ttftMs >= 0)
        html += QStringLiteral("<p>%1</p>").arg(tr("First token after %1 ms").arg(locale.toString(r.ttftMs)));
    if (r.promptTokens || r.completionTokens) {
        QString usage
            = tr("Tokens: %1 in, %2 out").arg(locale.toString(r.promptTokens), locale.toString(r.completionTokens));
        if (r.neurons >= 0)
            usage += QStringLiteral("; ") + tr("about %1 neurons").arg(locale.toString(r.neurons, 'f', 2));
        html += QStringLiteral("<p>%1</p>").arg(usage);
    }
    if (!r.error.isEmpty())
        html += QStringLiteral("<p style=\"color:#cf222e\">%1</p>").arg(tr("Error: %1").arg(r.error.toHtmlEscaped()));
    if (!r.note.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(r.note.toHtmlEscaped());
    if (!r.headers.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><pre>").arg(tr("Request headers"));
        for (const auto& [name, value] : r.headers)
            html += QString::fromUtf8(name + ": " + value).toHtmlEscaped() + QLatin1Char('\n');
        html += QStringLiteral("</pre>");
    }
    return html;
}

RequestLogFilter::RequestLogFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

RequestLogFilter::~RequestLogFilter() = default;

void RequestLogFilter::setStatus(Status status)
{
    m_status = status;
    invalidateFilter();
}

void RequestLogFilter::setModel(const QString& model)
{
    m_model = model;
    invalidateFilter();
}

bool RequestLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const int status = index.data(RequestLogModel::StatusRole).toInt();
    if (m_status == Status::Successful && status >= 400)
        return false;
    if (m_status == Status::Failed && status < 400)
        return false;
    return m_model.isEmpty() || index.data(RequestLogModel::ModelRole).toString() == m_model;
}

} // namespace flarechat
