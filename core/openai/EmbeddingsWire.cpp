#include "EmbeddingsWire.h"

#include <QJsonArray>
#include <QtEndian>

namespace flarechat::EmbeddingsWire {

namespace {

QByteArray floatsToBase64(const QVector<float>& v)
{
    QByteArray bytes(v.size() * 4, Qt::Uninitialized);
    for (int i = 0; i < v.size(); ++i)
        qToLittleEndian(v.at(i), bytes.data() + i * 4);
    return bytes.toBase64();
}

std::optional<Request> refuse(ApiError* error, const QString& message, const QString& param)
{
    if (error)
        *error = ApiError::invalidRequest(message, param);
    return std::nullopt;
}

} // namespace

std::optional<Request> readRequest(const QJsonObject& body, ApiError* error)
{
    Request r;
    const QJsonValue model = body.value(QStringLiteral("model"));
    if (!model.isString() || model.toString().isEmpty())
        return refuse(error, QStringLiteral("model: required, e.g. \"bge-m3\"."), QStringLiteral("model"));
    r.model = model.toString();
    const QJsonValue input = body.value(QStringLiteral("input"));
    if (input.isString()) {
        r.texts << input.toString();
    } else if (input.isArray() && !input.toArray().isEmpty()) {
        const QJsonArray arr = input.toArray();
        for (int i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString()) {
                const QString param = QStringLiteral("input[%1]").arg(i);
                return refuse(
                    error, QStringLiteral("%1: expected a string (token arrays are not supported).").arg(param), param);
            }
            r.texts << arr.at(i).toString();
        }
    } else {
        return refuse(error, QStringLiteral("input: expected a string or a non-empty array of strings."),
            QStringLiteral("input"));
    }
    for (int i = 0; i < r.texts.size(); ++i) {
        if (r.texts.at(i).isEmpty()) {
            const QString param = input.isString() ? QStringLiteral("input") : QStringLiteral("input[%1]").arg(i);
            return refuse(error, QStringLiteral("%1: must not be empty.").arg(param), param);
        }
    }
    const QString format = body.value(QStringLiteral("encoding_format")).toString(QStringLiteral("float"));
    if (format != QLatin1String("float") && format != QLatin1String("base64"))
        return refuse(error, QStringLiteral("encoding_format: expected \"float\" or \"base64\"."),
            QStringLiteral("encoding_format"));
    r.base64 = format == QLatin1String("base64");
    if (body.contains(QStringLiteral("dimensions")) && !body.value(QStringLiteral("dimensions")).isNull())
        return refuse(error,
            QStringLiteral("dimensions: Workers AI embedding models have a fixed size; leave dimensions out."),
            QStringLiteral("dimensions"));
    return r;
}

QJsonObject response(const QString& model, const QList<QVector<float>>& vectors, bool base64, qint64 promptTokens)
{
    QJsonArray data;
    for (int i = 0; i < vectors.size(); ++i) {
        QJsonValue embedding;
        if (base64) {
            embedding = QString::fromLatin1(floatsToBase64(vectors.at(i)));
        } else {
            QJsonArray values;
            for (float f : vectors.at(i))
                values.append(static_cast<double>(f));
            embedding = values;
        }
        data.append(QJsonObject {{QStringLiteral("object"), QStringLiteral("embedding")}, {QStringLiteral("index"), i},
            {QStringLiteral("embedding"), embedding}});
    }
    const qint64 tokens = qMax<qint64>(0, promptTokens);
    return QJsonObject {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data},
        {QStringLiteral("model"), model},
        {QStringLiteral("usage"),
            QJsonObject {{QStringLiteral("prompt_tokens"), tokens}, {QStringLiteral("total_tokens"), tokens}}}};
}

} // namespace flarechat::EmbeddingsWire
