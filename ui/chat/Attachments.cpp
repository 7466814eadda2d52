#include "Attachments.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QStringDecoder>
#include <QUrl>

namespace flarechat {

namespace {

Attachment refused(const QString& reason)
{
    Attachment a;
    a.error = reason;
    return a;
}

// The size QImageReader should decode to, in the file's own orientation: rotating by 90° does
// not change which side is the longest.
QSize fittedSize(const QSize& size, int maxSide)
{
    const int longest = qMax(size.width(), size.height());
    if (longest <= maxSide)
        return size;
    const auto scale = [&](int side) { return qMax(1, int((qint64(side) * maxSide + longest / 2) / longest)); };
    return {scale(size.width()), scale(size.height())};
}

bool isImageType(const QMimeType& mime)
{
    // SVG is XML: it goes in as text, which a model can read.
    return mime.name().startsWith(QLatin1String("image/")) && !mime.inherits(QStringLiteral("text/plain"));
}

} // namespace

Attachment Attachments::fromFile(const QString& path)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists())
        return refused(tr("%1 does not exist.").arg(path));
    if (info.isDir())
        return refused(tr("%1 is a folder. Attach the files in it instead.").arg(name));
    if (info.size() > kMaxFileBytes) {
        return refused(
            tr("%1 is larger than %2 (%3).").arg(name, formatBytes(kMaxFileBytes), formatBytes(info.size())));
    }

    if (isImageType(QMimeDatabase().mimeTypeForFile(info))) {
        QImageReader reader(path);
        reader.setAutoTransform(true); // photos stand the way the camera held them
        // Decode big images (JPEG can do it cheaply) at the size they are sent at.
        const QSize size = reader.size();
        if (size.isValid() && qMax(size.width(), size.height()) > kMaxImageSide)
            reader.setScaledSize(fittedSize(size, kMaxImageSide));
        const QImage image = reader.read();
        if (image.isNull())
            return refused(tr("%1 could not be read as an image: %2.").arg(name, reader.errorString()));
        return fromImage(image, name);
    }

    if (info.size() > kMaxTextBytes) {
        return refused(tr("%1 is too long to include as text (%2; the limit is %3). Attach a shorter excerpt.")
                           .arg(name, formatBytes(info.size()), formatBytes(kMaxTextBytes)));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refused(tr("%1 could not be opened: %2.").arg(name, file.errorString()));
    return fromText(file.readAll(), name);
}

Attachment Attachments::fromImage(const QImage& source, const QString& name)
{
    if (source.isNull())
        return refused(tr("%1 is not an image that can be read.").arg(name));
    const QImage image = fitted(source);
    const bool alpha = hasTransparency(image);
    // JPEG is far smaller for photos and screenshots; only real transparency needs PNG.
    const QImage encoded = alpha
        ? image.convertToFormat(QImage::Format_ARGB32)
        : (image.format() == QImage::Format_Grayscale8 ? image : image.convertToFormat(QImage::Format_RGB32));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, alpha ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
    if (!alpha)
        writer.setQuality(kJpegQuality);
    if (!writer.write(encoded))
        return refused(tr("%1 could not be converted for sending: %2.").arg(name, writer.errorString()));

    QString fileName = name;
    if (QFileInfo(fileName).suffix().isEmpty())
        fileName += alpha ? QLatin1String(".png") : QLatin1String(".jpg");
    Attachment a;
    a.json = QJsonObject {
        {QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("name"), fileName},
        {QStringLiteral("url"),
            (alpha ? QLatin1String("data:image/png;base64,") : QLatin1String("data:image/jpeg;base64,"))
                + QString::fromLatin1(bytes.toBase64())},
    };
    a.thumbnail = fitted(image, kThumbnailSide);
    a.summary = tr("%1 × %2 %3, %4")
                    .arg(image.width())
                    .arg(image.height())
                    .arg(alpha ? QStringLiteral("PNG") : QStringLiteral("JPEG"), formatBytes(bytes.size()));
    return a;
}

Attachment Attachments::fromJson(const QJsonObject& json)
{
    Attachment a;
    a.json = json;
    if (a.isImage()) {
        const QString url = json.value(QLatin1String("url")).toString();
        const qsizetype comma = url.indexOf(QLatin1Char(','));
        const QByteArray bytes = QByteArray::fromBase64(url.mid(comma + 1).toLatin1());
        const QImage image = QImage::fromData(bytes);
        a.thumbnail = fitted(image, kThumbnailSide);
        a.summary = image.isNull()
            ? formatBytes(bytes.size())
            : tr("%1 × %2, %3").arg(image.width()).arg(image.height()).arg(formatBytes(bytes.size()));
    } else {
        a.summary = tr("%1 of text").arg(formatBytes(json.value(QLatin1String("text")).toString().toUtf8().size()));
    }
    return a;
}

Attachment Attachments::fromText(const QByteArray& bytes, const QString& name)
{
    if (bytes.size() > kMaxTextBytes) {
        return refused(tr("%1 is too long to include as text (%2; the limit is %3). Attach a shorter excerpt.")
                           .arg(name, formatBytes(bytes.size()), formatBytes(kMaxTextBytes)));
    }
    const QString notText = tr("%1 is not a text file. Attach images, or text files in UTF-8.").arg(name);
    // UTF-16 and UTF-32 files (Windows Notepad) say so with a byte order mark; anything else
    // must be UTF-8, and a NUL byte means binary even where it would be valid UTF-8.
    QStringConverter::Encoding encoding = QStringConverter::Utf8;
    if (const std::optional<QStringConverter::Encoding> bom = QStringConverter::encodingForData(bytes))
        encoding = *bom;
    if (encoding == QStringConverter::Utf8 && bytes.contains('\0'))
        return refused(notText);
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError() || text.contains(QChar(0)))
        return refused(notText);

    Attachment a;
    a.json = QJsonObject {
        {QStringLiteral("type"), QStringLiteral("file")},
        {QStringLiteral("name"), name},
        {QStringLiteral("text"), text},
    };
    a.summary = tr("%1 of text").arg(formatBytes(bytes.size()));
    return a;
}

bool Attachments::canAttach(const QMimeData* data)
{
    if (!data)
        return false;
    if (data->hasUrls()) {
        const QList<QUrl> urls = data->urls();
        for (const QUrl& url : urls) {
            if (url.isLocalFile())
                return true;
        }
    }
    return data->hasImage() && data->text().trimmed().isEmpty();
}

QList<Attachment> Attachments::fromMimeData(const QMimeData* data, const QString& imageName)
{
    QList<Attachment> out;
    if (!canAttach(data))
        return out;
    const QList<QUrl> urls = data->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile())
            out << fromFile(url.toLocalFile());
    }
    if (out.isEmpty() && data->hasImage()) {
        const QImage image = qvariant_cast<QImage>(data->imageData());
        out << (image.isNull() ? refused(tr("The pasted image could not be read.")) : fromImage(image, imageName));
    }
    return out;
}

QImage Attachments::fitted(const QImage& image, int maxSide)
{
    const QSize size = fittedSize(image.size(), maxSide);
    if (image.isNull() || size == image.size())
        return image;
    return image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

bool Attachments::hasTransparency(const QImage& image)
{
    if (!image.hasAlphaChannel())
        return false;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(line[x]) != 255)
                return true;
        }
    }
    return false;
}

QString Attachments::formatBytes(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 bytes").arg(bytes);
    const QStringList units {tr("KB"), tr("MB"), tr("GB")};
    qint64 unitBytes = 1024;
    int unit = 0;
    while (bytes >= unitBytes * 1024 && unit < units.size() - 1) {
        unitBytes *= 1024;
        ++unit;
    }
    // Exact units stay whole ("20 MB", "512 KB"); the rest gets one decimal ("1.5 MB", "512.0 KB").
    const bool whole = bytes % unitBytes == 0;
    return QStringLiteral("%1 %2").arg(
        QLocale().toString(double(bytes) / unitBytes, 'f', whole ? 0 : 1), units.at(unit));
}

} // namespace flarechat
