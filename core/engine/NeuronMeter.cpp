#include "NeuronMeter.h"

#include "workersai/UpstreamError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>

#include <cerrno>
#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif
#include <cstdio>
#include <cstring>

namespace flarechat {

namespace {

constexpr qint64 kMaxFileBytes = 1024 * 1024;

#ifdef Q_OS_UNIX
// The lock between FlareChat processes: flock() on a lock file, which the system drops with the
// process (no stale locks) and which, unlike QLockFile, does not fdatasync on every take.
class FileLock
{
public:
    explicit FileLock(const QString& path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600))
    {
    }
    ~FileLock()
    {
        if (m_fd >= 0)
            ::close(m_fd); // releases the lock
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool tryLock(int timeoutMs)
    {
        if (m_fd < 0)
            return false;
        for (int waited = 0;; waited += 10) {
            if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0)
                return true;
            if (errno != EWOULDBLOCK || waited >= timeoutMs)
                return false;
            ::usleep(10 * 1000);
        }
    }

private:
    int m_fd;
};
#else
class FileLock
{
public:
    explicit FileLock(const QString& path)
        : m_lock(path)
    {
        m_lock.setStaleLockTime(10000);
    }
    bool tryLock(int timeoutMs) { return m_lock.tryLock(timeoutMs); }

private:
    QLockFile m_lock;
};
#endif

void add(NeuronMeter::Day* into, const NeuronMeter::Day& from)
{
    for (auto it = from.models.cbegin(); it != from.models.cend(); ++it) {
        NeuronMeter::ModelUsage& u = into->models[it.key()];
        u.neurons += it->neurons;
        u.requests += it->requests;
        u.promptTokens += it->promptTokens;
        u.completionTokens += it->completionTokens;
    }
}

QJsonObject toJson(const NeuronMeter::Day& day)
{
    QJsonObject models;
    for (auto it = day.models.cbegin(); it != day.models.cend(); ++it) {
        models.insert(it.key(),
            QJsonObject {{QStringLiteral("neurons"), it->neurons}, {QStringLiteral("requests"), it->requests},
                {QStringLiteral("prompt_tokens"), it->promptTokens},
                {QStringLiteral("completion_tokens"), it->completionTokens}});
    }
    return {{QStringLiteral("version"), 1}, {QStringLiteral("day"), day.date.toString(Qt::ISODate)},
        {QStringLiteral("models"), models}};
}

NeuronMeter::Day fromJson(const QJsonObject& o)
{
    NeuronMeter::Day day;
    day.date = QDate::fromString(o.value(QStringLiteral("day")).toString(), Qt::ISODate);
    const QJsonObject models = o.value(QStringLiteral("models")).toObject();
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        const QJsonObject m = it->toObject();
        NeuronMeter::ModelUsage u;
        u.neurons = qMax(0.0, m.value(QStringLiteral("neurons")).toDouble());
        u.requests = qMax<qint64>(0, m.value(QStringLiteral("requests")).toInteger());
        u.promptTokens = qMax<qint64>(0, m.value(QStringLiteral("prompt_tokens")).toInteger());
        u.completionTokens = qMax<qint64>(0, m.value(QStringLiteral("completion_tokens")).toInteger());
        day.models.insert(it.key(), u);
    }
    return day;
}

} // namespace

double NeuronMeter::Day::neurons() const
{
    double sum = 0;
    for (const ModelUsage& u : models)
        sum += u.neurons;
    return sum;
}

qint64 NeuronMeter::Day::requests() const
{
    qint64 sum = 0;
    for (const ModelUsage& u : models)
        sum += u.requests;
    return sum;
}

NeuronMeter::NeuronMeter(const QString& filePath, QObject* parent)
    : QObject(parent)
    , m_path(filePath)
{
}

NeuronMeter::~NeuronMeter() = default;

void NeuronMeter::setClock(Clock clock)
{
    QMutexLocker lock(&m_mutex);
    m_clock = std::move(clock);
}

QDateTime NeuronMeter::now() const
{
    QMutexLocker lock(&m_mutex);
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QDate NeuronMeter::todayLocked() const
{
    return (m_clock ? m_clock() : QDateTime::currentDateTimeUtc()).toUTC().date();
}

QDateTime NeuronMeter::resetAt() const
{
    return UpstreamError::quotaResetAt(now());
}

QString NeuronMeter::problem() const
{
    QMutexLocker lock(&m_mutex);
    return m_problem;
}

NeuronMeter::Day NeuronMeter::readFileLocked() const
{
    Day day;
    QFile file(m_path);
    m_readModified = QFileInfo(m_path).lastModified();
    if (!file.exists())
        return day;
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxFileBytes) {
        m_problem
            = file.size() > kMaxFileBytes ? tr("%1 is too large to be a usage file.").arg(m_path) : file.errorString();
        return day;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject()) {
        m_problem = tr("%1 could not be read: %2").arg(m_path, error.errorString());
        return day;
    }
    return fromJson(document.object());
}

bool NeuronMeter::writeFileLocked(const Day& day) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QByteArray json = QJsonDocument(toJson(day)).toJson();
#ifdef Q_OS_UNIX
    // Written beside and renamed over: atomic, like QSaveFile, but without its fdatasync, which
    // the server thread would wait for at the end of every reply. An estimate may lose its last
    // reply to a power cut; it must not slow the streams.
    const QString temporary = m_path + QStringLiteral(".tmp");
    QFile file(temporary);
    const bool written
        = file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(json) == json.size() && file.flush();
    const QString error = file.errorString();
    file.close();
    if (!written || std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_path).constData()) != 0) {
        QFile::remove(temporary);
        m_problem = tr("Today's usage could not be saved to %1: %2")
                        .arg(m_path, written ? QString::fromLocal8Bit(std::strerror(errno)) : error);
        return false;
    }
#else
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) < 0 || !file.commit()) {
        m_problem = tr("Today's usage could not be saved to %1: %2").arg(m_path, file.errorString());
        return false;
    }
#endif
    m_readModified = QFileInfo(m_path).lastModified();
    m_problem.clear();
    return true;
}

void NeuronMeter::record(const QString& model, const Usage& usage, double neurons)
{
    {
        QMutexLocker lock(&m_mutex);
        const QDate date = todayLocked();
        if (m_pending.date != date)
            m_pending = Day {date, {}};
        ModelUsage& u = m_pending.models[model];
        u.neurons += qMax(0.0, neurons);
        u.requests += 1;
        u.promptTokens += qMax<qint64>(0, usage.promptTokens);
        u.completionTokens += qMax<qint64>(0, usage.completionTokens);
        if (!m_path.isEmpty()) {
            QDir().mkpath(QFileInfo(m_path).absolutePath());
            FileLock fileLock(m_path + QStringLiteral(".lock"));
            if (fileLock.tryLock(1000)) {
                Day inFile = readFileLocked();
                if (inFile.date != date)
                    inFile = Day {date, {}};
                Day merged = inFile;
                add(&merged, m_pending);
                if (writeFileLocked(merged)) {
                    m_day = merged;
                    m_pending = Day {date, {}};
                } else {
                    m_day = inFile; // today() adds what is still pending
                }
            } else {
                m_problem = tr("%1 is locked by another FlareChat; today's usage is counted here until it is free.")
                                .arg(m_path + QStringLiteral(".lock"));
            }
        }
    }
    Q_EMIT changed();
}

NeuronMeter::Day NeuronMeter::today() const
{
    QMutexLocker lock(&m_mutex);
    const QDate date = todayLocked();
    if (!m_path.isEmpty() && QFileInfo(m_path).lastModified() != m_readModified) {
        const Day inFile = readFileLocked();
        m_day = inFile;
    }
    Day out {date, {}};
    if (m_day.date == date)
        out = m_day;
    if (m_pending.date == date)
        add(&out, m_pending);
    return out;
}

} // namespace flarechat
