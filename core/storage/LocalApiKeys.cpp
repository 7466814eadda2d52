#include "LocalApiKeys.h"

#include "storage/Settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace flarechat {

namespace {

QJsonObject toJson(const ApiKeyRecord& r)
{
    return QJsonObject {
        {QStringLiteral("name"), r.name},
        {QStringLiteral("prefix"), r.prefix},
        {QStringLiteral("created"), r.created.toUTC().toString(Qt::ISODate)},
    };
}

bool belongsTo(const QString& key, const QString& prefix)
{
    return !prefix.isEmpty() && key.startsWith(prefix);
}

// "sk-flarechat-AbCd…" or "sk-flarechat-AbCd..." as copied from `key list`: the prefix itself.
QString withoutEllipsis(const QString& text)
{
    QString t = text.trimmed();
    if (t.endsWith(QChar(0x2026)))
        t.chop(1);
    else if (t.endsWith(QLatin1String("...")))
        t.chop(3);
    return t;
}

} // namespace

QString LocalApiKeys::generate()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static constexpr int alphabetSize = 62;
    // Rejection sampling: bytes at or above 248 (= 4 * 62) are dropped so every character is
    // equally likely; a plain "% 62" would favour the first eight.
    static constexpr quint32 limit = 4 * alphabetSize;

    QString key = keyPrefix();
    key.reserve(key.size() + RandomLength);
    QRandomGenerator* rng = QRandomGenerator::system();
    while (key.size() < keyPrefix().size() + RandomLength) {
        quint32 word = rng->generate();
        for (int i = 0; i < 4 && key.size() < keyPrefix().size() + RandomLength; ++i, word >>= 8) {
            const quint32 byte = word & 0xffu;
            if (byte < limit)
                key.append(QLatin1Char(alphabet[byte % alphabetSize]));
        }
    }
    return key;
}

QStringList LocalApiKeys::parseList(const QString& commaSeparated)
{
    QStringList keys;
    const QStringList parts = commaSeparated.split(QLatin1Char(','));
    for (const QString& part : parts) {
        const QString key = part.trimmed();
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    return keys;
}

QString LocalApiKeys::redacted(const QString& key)
{
    static constexpr int shown = 4;
    const QString tail = key.size() > keyPrefix().size() + shown ? key.right(shown) : QString();
    const QString head = key.startsWith(keyPrefix()) ? keyPrefix() : QString();
    return head + QChar(0x2026) + tail;
}

QString LocalApiKeys::prefixOf(const QString& key)
{
    if (key.startsWith(keyPrefix()) && key.size() > keyPrefix().size() + ShownRandomChars)
        return key.left(keyPrefix().size() + ShownRandomChars);
    return key.left(qMin(ShownRandomChars, int(key.size() / 3)));
}

QString LocalApiKeys::checkName(const QString& name)
{
    if (name.isEmpty())
        return QStringLiteral("A key name must not be empty.");
    if (name.size() > MaxNameLength)
        return QStringLiteral("A key name has at most %1 characters.").arg(MaxNameLength);
    if (name.trimmed() != name)
        return QStringLiteral("A key name must not begin or end with a space.");
    for (const QChar c : name) {
        if (!c.isPrint())
            return QStringLiteral("A key name must not hold control characters.");
    }
    if (name.startsWith(QLatin1String("sk-"), Qt::CaseInsensitive))
        return QStringLiteral("A key name must not begin with \"sk-\", like a key does.");
    return {};
}

LocalApiKeys::LocalApiKeys(const QList<ApiKeyRecord>& records, const QStringList& keychainKeys)
    : m_records(records)
    , m_keys(keychainKeys)
{
}

QList<ApiKeyRecord> LocalApiKeys::readRecords(const Settings& settings)
{
    QList<ApiKeyRecord> records;
    const QStringList stored = settings.value(Settings::Key::ServerKeyRecords).toStringList();
    for (const QString& text : stored) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        ApiKeyRecord r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.prefix = o.value(QStringLiteral("prefix")).toString();
        r.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODate).toUTC();
        if (r.name.isEmpty() || r.prefix.isEmpty())
            continue; // hand-edited beyond use
        records.append(r);
    }
    return records;
}

void LocalApiKeys::writeRecords(Settings& settings, const QList<ApiKeyRecord>& records)
{
    QStringList stored;
    for (const ApiKeyRecord& r : records)
        stored.append(QString::fromUtf8(QJsonDocument(toJson(r)).toJson(QJsonDocument::Compact)));
    if (stored.isEmpty())
        settings.reset(Settings::Key::ServerKeyRecords);
    else
        settings.setValue(Settings::Key::ServerKeyRecords, stored);
}

QList<LocalApiKeys::Entry> LocalApiKeys::entries() const
{
    QList<Entry> out;
    QStringList unclaimed = m_keys;
    for (const ApiKeyRecord& r : m_records) {
        Entry e;
        e.name = r.name;
        e.prefix = r.prefix;
        e.created = r.created;
        e.hasRecord = true;
        for (const QString& key : m_keys) {
            if (belongsTo(key, r.prefix)) {
                e.keys.append(key);
                unclaimed.removeAll(key);
            }
        }
        out.append(e);
    }
    for (const QString& key : std::as_const(unclaimed)) {
        Entry e;
        e.prefix = prefixOf(key);
        e.keys.append(key);
        out.append(e);
    }
    return out;
}

bool LocalApiKeys::hasName(const QString& name) const
{
    for (const ApiKeyRecord& r : m_records) {
        if (r.name == name)
            return true;
    }
    return false;
}

QString LocalApiKeys::defaultName() const
{
    for (int i = 1;; ++i) {
        const QString name = QStringLiteral("key-%1").arg(i);
        if (!hasName(name))
            return name;
    }
}

void LocalApiKeys::add(const QString& key, const QString& name, const QDateTime& created)
{
    ApiKeyRecord r;
    r.name = name;
    r.prefix = prefixOf(key);
    r.created = created.toUTC();
    r.created.setTime(QTime(r.created.time().hour(), r.created.time().minute(), r.created.time().second()));
    m_records.append(r);
    if (!m_keys.contains(key))
        m_keys.append(key);
}

QList<LocalApiKeys::Entry> LocalApiKeys::find(const QString& nameOrPrefix, QString* error) const
{
    const QList<Entry> all = entries();
    for (const Entry& e : all) {
        if (e.hasRecord && e.name == nameOrPrefix)
            return {e};
    }
    const QString text = withoutEllipsis(nameOrPrefix);
    const int minimum = (text.startsWith(keyPrefix()) ? int(keyPrefix().size()) : 0) + MinMatchChars;
    QList<Entry> found;
    if (text.size() >= minimum) {
        for (const Entry& e : all) {
            // A prefix of the entry's prefix, or a whole key pasted in.
            if (e.prefix.startsWith(text) || (text.size() > e.prefix.size() && text.startsWith(e.prefix)))
                found.append(e);
        }
    }
    if (found.isEmpty() && error) {
        *error = text.size() < minimum && text.startsWith(QLatin1String("sk-"))
            ? QStringLiteral("No key is named \"%1\", and a prefix needs at least %2 characters after \"%3\".")
                  .arg(nameOrPrefix)
                  .arg(MinMatchChars)
                  .arg(keyPrefix())
            : QStringLiteral("No key is named \"%1\" or has a prefix starting with it.").arg(nameOrPrefix);
    }
    return found;
}

void LocalApiKeys::remove(const Entry& entry)
{
    if (entry.hasRecord) {
        for (qsizetype i = 0; i < m_records.size(); ++i) {
            if (m_records.at(i).name == entry.name) {
                m_records.removeAt(i);
                break;
            }
        }
    }
    for (const QString& key : entry.keys)
        m_keys.removeAll(key);
}

} // namespace flarechat
