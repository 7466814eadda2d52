#pragma once

#include <QObject>

class QSocketNotifier;

namespace flarechat::cli {

// Turns SIGINT and SIGTERM into a Qt signal, safely: the POSIX handler only writes a byte to a
// socket pair, and a QSocketNotifier delivers it to the event loop. One instance per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace flarechat::cli
