#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flarechat {

// Serialises the delta chunks of one chat stream: the envelope around the delta (id, object,
// created, model, the choice's other fields) is the same for every chunk, so it is written once
// and each chunk only adds its delta. Gives byte for byte
// QJsonDocument(ChatCompletionWire::chunk(...)).toJson(Compact).
class ChunkWriter final
{
public:
    ChunkWriter() = default;
    ChunkWriter(const QString& id, qint64 created, const QString& model, bool withUsageField);
    QByteArray write(const QJsonObject& delta) const; // a chunk with finish_reason null

private:
    QString m_id;
    qint64 m_created = 0;
    QString m_model;
    bool m_withUsageField = false;
    QByteArray m_head; // up to and including "delta":
    QByteArray m_tail; // after the delta
};

} // namespace flarechat
