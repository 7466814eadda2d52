#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

namespace flarechat {

namespace {
constexpr int kConnectTimeoutMs = 1000;
constexpr QByteArrayView kActivate = "activate\n";
} // namespace

SingleInstance::SingleInstance(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_serverName(QStringLiteral("flarechat-")
          + QString::fromLatin1(
              QCryptographicHash::hash(QFileInfo(databasePath).absoluteFilePath().toUtf8(), QCryptographicHash::Sha256)
                  .toHex()
                  .left(24)))
    , m_lock(QFileInfo(databasePath).absoluteFilePath() + QStringLiteral(".lock"))
{
    m_lock.setStaleLockTime(0); // a lock left by a crashed FlareChat is stale once its pid is gone
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::acquire(bool* notified)
{
    if (notified)
        *notified = false;
    if (m_lock.tryLock(0)) {
        m_server = std::make_unique<QLocalServer>();
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        QLocalServer::removeServer(m_serverName); // a socket file left by a crash
        if (m_server->listen(m_serverName)) {
            connect(m_server.get(), &QLocalServer::newConnection, this, [this] {
                while (QLocalSocket* socket = m_server->nextPendingConnection()) {
                    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                        if (socket->readAll().startsWith(QByteArray(kActivate.data(), kActivate.size())))
                            Q_EMIT activationRequested();
                        socket->disconnectFromServer();
                    });
                    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
        }
        return true;
    }
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (socket.waitForConnected(kConnectTimeoutMs)) {
        socket.write(kActivate.data(), kActivate.size());
        const bool written = socket.waitForBytesWritten(kConnectTimeoutMs);
        socket.disconnectFromServer();
        if (notified)
            *notified = written;
    }
    return false;
}

} // namespace flarechat
