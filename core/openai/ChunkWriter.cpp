#include "ChunkWriter.h"

#include "openai/ChatCompletionWire.h"

#include <QJsonDocument>

namespace flarechat {

using ChatCompletionWire::chunk;

ChunkWriter::ChunkWriter(const QString& id, qint64 created, const QString& model, bool withUsageField)
    : m_id(id)
    , m_created(created)
    , m_model(model)
    , m_withUsageField(withUsageField)
{
    const QByteArray whole = QJsonDocument(chunk(id, created, model, QJsonObject {}, QJsonValue::Null, withUsageField))
                                 .toJson(QJsonDocument::Compact);
    // Keys are written sorted, so "choices" (and its "delta") come before any text of the
    // client's; and a quote inside a string value is escaped, so the match is the delta.
    static constexpr QByteArrayView kEmptyDelta = "\"delta\":{}";
    const qsizetype at = whole.indexOf(kEmptyDelta);
    if (at < 0)
        return; // cannot happen; write() would serialise whole chunks
    m_head = whole.left(at + kEmptyDelta.size() - 2);
    m_tail = whole.mid(at + kEmptyDelta.size());
}

QByteArray ChunkWriter::write(const QJsonObject& delta) const
{
    if (m_head.isEmpty())
        return QJsonDocument(chunk(m_id, m_created, m_model, delta, QJsonValue::Null, m_withUsageField))
            .toJson(QJsonDocument::Compact);
    const QByteArray json = QJsonDocument(delta).toJson(QJsonDocument::Compact);
    QByteArray out;
    out.reserve(m_head.size() + json.size() + m_tail.size());
    out += m_head;
    out += json;
    out += m_tail;
    return out;
}

} // namespace flarechat
