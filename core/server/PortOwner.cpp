#include "PortOwner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace flarechat::PortOwner {

namespace {

// The inodes of the sockets listening on `port` in one of /proc/net/tcp, /proc/net/tcp6.
QSet<QByteArray> listeningInodes(const QString& table, quint16 port)
{
    QSet<QByteArray> inodes;
    QFile file(table);
    if (!file.open(QIODevice::ReadOnly))
        return inodes;
    const QByteArray portHex = QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    file.readLine(); // the header
    while (!file.atEnd()) {
        const QList<QByteArray> f = file.readLine().simplified().split(' ');
        if (f.size() < 10 || f.at(3) != "0A") // 0A: LISTEN
            continue;
        const QByteArray& local = f.at(1);
        if (local.mid(local.lastIndexOf(':') + 1) == portHex)
            inodes.insert(f.at(9));
    }
    return inodes;
}

} // namespace

QString describe(quint16 port)
{
#ifdef Q_OS_LINUX
    QSet<QByteArray> inodes = listeningInodes(QStringLiteral("/proc/net/tcp"), port);
    inodes.unite(listeningInodes(QStringLiteral("/proc/net/tcp6"), port));
    if (inodes.isEmpty())
        return {};
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    int looked = 0;
    for (const QString& pid : pids) {
        if (pid.isEmpty() || !pid.at(0).isDigit() || ++looked > 8192)
            continue;
        const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QString& fd : fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
            const QString target = QFileInfo(fds.filePath(fd)).symLinkTarget();
            const qsizetype open = target.indexOf(QLatin1String("socket:["));
            if (open < 0)
                continue;
            const QByteArray inode = target.mid(open + 8).chopped(1).toLatin1();
            if (!inodes.contains(inode))
                continue;
            QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
            const QString name
                = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll()).trimmed() : QString();
            return name.isEmpty() ? QStringLiteral("pid %1").arg(pid) : QStringLiteral("%1 (pid %2)").arg(name, pid);
        }
    }
#else
    Q_UNUSED(port)
#endif
    return {};
}

} // namespace flarechat::PortOwner
