#pragma once

#include "server/RequestLog.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSortFilterProxyModel>

namespace flarechat {

// The local API server's requests as the window's log shows them, newest first: a capped table
// (the oldest rows go once it is full), filled from ApiServer::requestLogged.
class RequestLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogModel)

public:
    enum Column { Time, Client, Request, Model, Status, Latency, FirstToken, Tokens, Neurons, ColumnCount };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int: the HTTP status
        ModelRole, // QString: the model as the client named it
    };
    static constexpr int DefaultCapacity = 1000;

    explicit RequestLogModel(int capacity = DefaultCapacity, QObject* parent = nullptr);
    ~RequestLogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int capacity() const { return m_capacity; }
    void append(const flarechat::RequestLogRecord& record);
    void clear();
    const RequestLogRecord& record(int row) const { return m_records.at(row); }
    QStringList models() const; // every model named so far, sorted

    // A request as the details pane shows it: the line, status, timings, tokens, the error and
    // note, and the (already redacted) headers. HTML.
    static QString details(const RequestLogRecord& record);

Q_SIGNALS:
    void modelsChanged();

private:
    int m_capacity;
    QList<RequestLogRecord> m_records; // newest first
    QStringList m_models;
};

// The log's filter: by status (all, successful, failed) and by model.
class RequestLogFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogFilter)

public:
    enum class Status { All, Successful, Failed };

    explicit RequestLogFilter(QObject* parent = nullptr);
    ~RequestLogFilter() override;

    void setStatus(Status status);
    void setModel(const QString& model); // empty: every model

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Status m_status = Status::All;
    QString m_model;
};

} // namespace flarechat
