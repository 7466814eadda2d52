#include "ReplyRequest.h"

#include "storage/ConversationExport.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonObject>

namespace flarechat::ReplyRequest {

ChatMessage message(const StoredMessage& s)
{
    ChatMessage m = ConversationExport::toChatMessage(s); // images as image parts
    m.reasoning.clear(); // reasoning models are told not to receive their reasoning back
    // Text files go in front of the question, each under its name.
    QString files;
    for (const QJsonValue& v : s.attachments) {
        const QJsonObject a = v.toObject();
        if (a.contains(QStringLiteral("text"))) {
            files += QStringLiteral("%1:\n```\n%2\n```\n\n")
                         .arg(a.value(QStringLiteral("name")).toString(), a.value(QStringLiteral("text")).toString());
        }
    }
    if (files.isEmpty())
        return m;
    if (m.contentKind == ChatMessage::ContentKind::Parts) {
        if (!m.parts.isEmpty() && m.parts.first().kind == ContentPart::Kind::Text)
            m.parts.first().text.prepend(files);
        else
            m.parts.prepend(ContentPart::makeText(files.trimmed()));
    } else {
        m.contentKind = ChatMessage::ContentKind::Text;
        m.text = files + m.text;
    }
    return m;
}

QString sessionAffinity(const QString& databasePath, qint64 conversationId)
{
    const QByteArray seed
        = QFileInfo(databasePath).absoluteFilePath().toUtf8() + '#' + QByteArray::number(conversationId);
    return QStringLiteral("flarechat-")
        + QString::fromLatin1(QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex().left(24));
}

} // namespace flarechat::ReplyRequest
