#pragma once

// Internal to the fake server: one TCP connection of FakeWorkersAi. It reads requests one after
// another (keep-alive, pipelining buffered) and plays one Script per request. Everything is
// driven by socket signals and single-shot timers.

#include "FakeWorkersAi.h"
#include "HttpRequestReader.h"

#include <QElapsedTimer>
#include <QObject>

class QTcpSocket;

namespace flarechat::test {

class FakeConnection : public QObject
{
public:
    FakeConnection(FakeWorkersAi* server, QTcpSocket* socket, qsizetype maxBody);
    // Closes without reporting anything: the server is going away.
    void shutdown();
    void start() { onReadyRead(); }

private:
    void onReadyRead();
    void feed(const QByteArray& bytes);
    void replyToMalformed();
    void play(const FakeWorkersAi::Script& script);
    bool hasCustomHeader(const QByteArray& lowerName) const;
    void writeHead();
    void writeChunks();
    void endReply();
    void closeOurselves();
    void onDisconnected();
    static QByteArray reason(int status);

    FakeWorkersAi* m_server;
    QTcpSocket* m_socket;
    HttpRequestReader m_reader;
    QByteArray m_pending;
    FakeWorkersAi::Script m_script;
    QString m_path;
    int m_next = 0;
    QElapsedTimer m_paceClock; // since the first chunk of the current reply
    bool m_busy = false;
    bool m_inference = false;
    bool m_counted = false; // requestEnded() still owed for the current request
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_gone = false;
    bool m_continueSent = false;
};

} // namespace flarechat::test
