#include "ApiKeyVerifier.h"

#include "http/HttpRequest.h"

#include <QCryptographicHash>

namespace flarechat {

namespace {

QByteArray digest(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// Both digests are 32 bytes; the loop always runs to the end and only ORs differences together.
bool sameDigest(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false; // cannot happen for two SHA-256 digests; sizes are public anyway
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

bool isSpaceOrTab(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

ApiKeyVerifier::Presented ApiKeyVerifier::extract(const HttpRequest& request)
{
    Presented out;
    if (request.hasHeader("authorization")) {
        out.kind = Presented::Kind::NotBearer;
        const QByteArray value = request.header("authorization");
        static constexpr QByteArrayView scheme("bearer");
        // RFC 9110 §11.1: the scheme is case-insensitive and followed by at least one space.
        if (value.size() <= scheme.size()
            || QByteArrayView(value).first(scheme.size()).compare(scheme, Qt::CaseInsensitive) != 0
            || !isSpaceOrTab(value.at(scheme.size())))
            return out;
        const QByteArray token = value.mid(scheme.size()).trimmed();
        if (token.isEmpty())
            return out;
        out.kind = Presented::Kind::Key;
        out.key = token;
        return out;
    }
    const QByteArray xApiKey = request.header("x-api-key");
    if (!xApiKey.isEmpty()) {
        out.kind = Presented::Kind::Key;
        out.key = xApiKey;
    }
    return out;
}

ApiKeyVerifier::ApiKeyVerifier(const QStringList& keys)
{
    add(keys);
}

void ApiKeyVerifier::add(const QString& key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return;
    const QByteArray d = digest(trimmed.toUtf8());
    if (!m_digests.contains(d))
        m_digests.append(d);
}

void ApiKeyVerifier::add(const QStringList& keys)
{
    for (const QString& key : keys)
        add(key);
}

bool ApiKeyVerifier::matches(const QByteArray& presented) const
{
    // Hashing first turns "compare strings of different lengths" into "compare two 32-byte
    // values", so the length of the right key leaks nothing either.
    const QByteArray d = digest(presented);
    bool found = false;
    for (const QByteArray& key : m_digests)
        found |= sameDigest(d, key);
    return found && !presented.isEmpty();
}

} // namespace flarechat
