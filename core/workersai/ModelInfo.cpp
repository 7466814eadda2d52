#include "ModelInfo.h"

namespace flarechat {

ModelInfo ModelInfo::unknown(const QString& id)
{
    ModelInfo m;
    m.id = id;
    // "@cf/vendor/some-model" -> "some-model": the best label we have without catalog data.
    const int slash = id.lastIndexOf(QLatin1Char('/'));
    m.displayName = slash >= 0 ? id.mid(slash + 1) : id;
    m.contentForm = ContentForm::StringOnly; // every text model accepts string content
    m.replyShape = ReplyShape::Legacy; // the reader accepts either shape; Legacy is the commonest
    m.streams = true; // try it; a JSON answer to stream:true is handled like gpt-oss
    // Cloudflare's most common input ranges (resources/models.json "defaults"); a catalog may
    // overwrite them with its own defaults.
    m.temperature = {0, 5};
    m.topP = {0.001, 1};
    m.topK = {1, 50};
    m.frequencyPenalty = {-2, 2};
    m.presencePenalty = {-2, 2};
    m.repetitionPenalty = {0, 2};
    m.seed = {1, 9999999999.0};
    m.defaultMaxTokens = 256;
    return m;
}

bool ModelInfo::isRetired(const QDate& today) const
{
    if (!deprecated || deprecationDate.isEmpty())
        return false; // deprecated without a date: still served
    const QDate date = QDate::fromString(deprecationDate, Qt::ISODate);
    return date.isValid() && today >= date;
}

} // namespace flarechat
