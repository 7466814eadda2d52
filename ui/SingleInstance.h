#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;

namespace flarechat {

// One window per conversation database: a second FlareChat started on the same database would
// mark the first one's streaming reply as interrupted and write beside it. The first instance
// holds a lock file next to the database and listens on a local socket; a second one finds the
// lock taken, asks the first to come to the front, and quits.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString& databasePath, QObject* parent = nullptr);
    ~SingleInstance() override;

    // True if this is the first instance (then activationRequested() may follow). False if another
    // one holds the database; it has then been asked to show itself (`*notified` says whether it
    // answered, so the caller can tell the user when it did not).
    bool acquire(bool* notified = nullptr);
    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    void activationRequested(); // another start on the same database: show the window

private:
    QString m_serverName;
    QLockFile m_lock;
    std::unique_ptr<QLocalServer> m_server;
};

} // namespace flarechat
