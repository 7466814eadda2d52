#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace flarechat {

struct HttpRequest;

// Checks the key a request presents against the local API keys the server accepts (their format
// is LocalApiKeys'). Only SHA-256 digests of the keys are kept, and a presented key is checked
// against every one of them in constant time, so neither the keys nor which of them matched can
// be learnt from memory dumps or response timing. This class never logs: a key must not reach a
// log line.
class ApiKeyVerifier final
{
public:
    // What a request presented as its key. The Authorization header wins; x-api-key is accepted
    // only when Authorization is absent (tools written for Anthropic-style APIs send it).
    struct Presented
    {
        enum class Kind {
            None, // neither header
            NotBearer, // Authorization present but not "Bearer <token>" (Basic, empty token, ...)
            Key, // a token to check
        };
        Kind kind = Kind::None;
        QByteArray key;
    };
    static Presented extract(const HttpRequest& request);

    ApiKeyVerifier() = default;
    explicit ApiKeyVerifier(const QStringList& keys);

    // Adds keys (trimmed; empty and duplicate keys are ignored).
    void add(const QString& key);
    void add(const QStringList& keys);
    void clear() { m_digests.clear(); }
    bool isEmpty() const { return m_digests.isEmpty(); }
    int count() const { return int(m_digests.size()); }

    // True when the presented key equals one of the keys. Every key is compared, byte by byte
    // without early exit, on fixed-length digests, so the time taken does not depend on the
    // presented key, on how much of it is right, or on which key it matched.
    bool matches(const QByteArray& presented) const;

private:
    QList<QByteArray> m_digests; // SHA-256 of each key
};

} // namespace flarechat
