// Token verify (reference §9): GET /user/tokens/verify and /accounts/{id}/tokens/verify.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiWire.h"

#include <QCryptographicHash>

namespace flarechat::test {

using namespace wire;

QString FakeWorkersAi::tokenId(const QByteArray& token) const
{
    // Stable per token, 32 hex digits like Cloudflare's token ids.
    return QString::fromLatin1(QCryptographicHash::hash("token:" + token, QCryptographicHash::Md5).toHex());
}

FakeWorkersAi::Script FakeWorkersAi::handleVerify(const ReceivedRequest& request, TokenKind endpoint)
{
    const QByteArray auth = request.header("authorization");
    const QByteArray token = auth.startsWith("Bearer ") ? auth.mid(7).trimmed() : QByteArray();
    const auto it = m_tokens.constFind(token);
    // An account-owned token is unknown to the user endpoint and the other way round.
    if (token.isEmpty() || it == m_tokens.constEnd() || it->kind != endpoint)
        return errorEnvelope(401, 1000, QStringLiteral("Invalid API Token"));
    QList<Field> result {{"id", str(it->id.isEmpty() ? tokenId(token) : it->id)}};
    QByteArray messages = "[]";
    switch (it->status) {
    case TokenStatus::Active:
        result.append(Field {"status", "\"active\""});
        messages = arr({obj({{"code", "10000"}, {"message", str(QStringLiteral("This API Token is valid and active"))},
            {"type", "null"}})});
        break;
    case TokenStatus::Disabled:
        result.append(Field {"status", "\"disabled\""});
        break;
    case TokenStatus::Expired:
        result.append(Field {"status", "\"expired\""});
        result.append(Field {"not_before", "\"2025-01-01T00:00:00Z\""});
        result.append(Field {"expires_on", "\"2025-06-30T23:59:59Z\""});
        break;
    }
    return json(200, obj({{"result", obj(result)}, {"success", "true"}, {"errors", "[]"}, {"messages", messages}}));
}

} // namespace flarechat::test
