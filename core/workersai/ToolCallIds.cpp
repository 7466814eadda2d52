#include "ToolCallIds.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace flarechat::ToolCallIds {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int kAlphabetSize = 62;

QString fromBytes(const QByteArray& bytes)
{
    QString out;
    out.reserve(9);
    for (int i = 0; i < 9; ++i)
        out.append(QLatin1Char(kAlphabet[static_cast<unsigned char>(bytes.at(i)) % kAlphabetSize]));
    return out;
}
} // namespace

bool isStrict(const QString& id)
{
    if (id.size() != 9)
        return false;
    for (QChar c : id) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!ok)
            return false;
    }
    return true;
}

QString toStrict(const QString& id)
{
    if (isStrict(id))
        return id;
    return fromBytes(QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256));
}

QString generate()
{
    QByteArray bytes(9, Qt::Uninitialized);
    for (char& b : bytes)
        b = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return fromBytes(bytes);
}

QString forReply(const QString& seed, int index)
{
    return fromBytes(QCryptographicHash::hash(
        (seed + QLatin1Char('#') + QString::number(index)).toUtf8(), QCryptographicHash::Sha256));
}

} // namespace flarechat::ToolCallIds
