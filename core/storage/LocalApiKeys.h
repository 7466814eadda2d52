#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace flarechat {

class Settings;

// What may be shown of one local API key: its name, its prefix and when it was made.
struct ApiKeyRecord
{
    QString name;
    QString prefix; // LocalApiKeys::prefixOf(key)
    QDateTime created; // UTC, whole seconds

    bool operator==(const ApiKeyRecord& other) const
    {
        return name == other.name && prefix == other.prefix && created == other.created;
    }
};

// The local API keys made by `flarechat key new`. The keys are secrets and live in the keychain
// under Credentials::apiKeysSecret(), one per line, which is where `flarechat serve` reads them;
// the settings keep a record of each (Settings::Key::ServerKeyRecords) so that keys can be listed
// and revoked by name or prefix without one ever being shown again. Pure: the caller reads and
// writes the keychain and the settings, this class decides what changes.
class LocalApiKeys final
{
public:
    // The key format -------------------------------------------------------------------------
    static constexpr int RandomLength = 40; // base62 characters after the prefix (~238 bits)
    static QString keyPrefix() { return QStringLiteral("sk-flarechat-"); }
    // A new key: the prefix + 40 base62 characters from the system CSPRNG.
    static QString generate();
    // FLARECHAT_API_KEYS / the seed's VALID_API_KEYS form: comma-separated, trimmed, empties and
    // repeats dropped.
    static QStringList parseList(const QString& commaSeparated);
    // "sk-flarechat-…abcd" (other keys "…abcd"): enough to tell keys apart, never enough to use one.
    static QString redacted(const QString& key);

    // The keys `flarechat key new` made -------------------------------------------------------
    static constexpr int ShownRandomChars = 12;
    static constexpr int MinMatchChars = 4; // of a prefix given to find(), past "sk-flarechat-"
    static constexpr int MaxNameLength = 64;

    // What identifies a key: "sk-flarechat-" and the first 12 of its 40 random characters (about
    // 71 of its 238 bits, leaving 167 secret). Another key: its first third, at most 12 characters.
    static QString prefixOf(const QString& key);
    static QString shown(const QString& prefix) { return prefix + QChar(0x2026); } // "sk-flarechat-AbC…"
    // Empty when `name` is usable, else why not, for the user: 1 to 64 printable characters, no
    // surrounding space, not starting with "sk-" (names and key prefixes must not be confused).
    static QString checkName(const QString& name);

    // One key as `flarechat key list` shows it: a record and the keychain's key with its prefix,
    // or either alone (a key stored without a record, a record whose key is gone).
    struct Entry
    {
        QString name; // empty: a keychain key without a record
        QString prefix;
        QDateTime created; // invalid when unknown
        QStringList keys; // the keychain's keys with this prefix (secret: never shown)
        bool hasRecord = false;
    };

    LocalApiKeys() = default;
    LocalApiKeys(const QList<ApiKeyRecord>& records, const QStringList& keychainKeys);

    static QList<ApiKeyRecord> readRecords(const Settings& settings); // malformed records are skipped
    static void writeRecords(Settings& settings, const QList<ApiKeyRecord>& records);

    const QList<ApiKeyRecord>& records() const { return m_records; }
    const QStringList& keychainKeys() const { return m_keys; }
    // The records in the order they were made, then keychain keys that no record names.
    QList<Entry> entries() const;

    bool hasName(const QString& name) const;
    QString defaultName() const; // "key-1", "key-2"...: the first one free
    // Records a new key and adds it to the keychain's list.
    void add(const QString& key, const QString& name, const QDateTime& created);
    // The entries `nameOrPrefix` designates: the one of that name, else those whose prefix starts
    // with it (a trailing "…" or "..." is ignored; a whole key matches its own entry). Empty with
    // a reason in *error when there is none or the prefix is too short to tell keys apart.
    QList<Entry> find(const QString& nameOrPrefix, QString* error = nullptr) const;
    // Forgets an entry: its record and its keys.
    void remove(const Entry& entry);

private:
    QList<ApiKeyRecord> m_records;
    QStringList m_keys;
};

} // namespace flarechat
