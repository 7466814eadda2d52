#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QString>

class QMimeData;

namespace flarechat {

// One file or image turned into what ChatController::send() takes, or the reason it was refused.
struct Attachment
{
    // {"type":"image","name":"x.png","url":"data:image/jpeg;base64,..."} or
    // {"type":"file","name":"notes.txt","text":"..."}; empty when refused.
    QJsonObject json;
    QString error; // a sentence for the user ("report.pdf is not a text file..."); empty when accepted
    QImage thumbnail; // images: a small preview for the composer's chip
    QString summary; // "1568 × 1176 JPEG, 240 KB" or "3 KB of text", for a tooltip

    bool ok() const { return error.isEmpty(); }
    QString name() const { return json.value(QLatin1String("name")).toString(); }
    bool isImage() const { return json.value(QLatin1String("type")).toString() == QLatin1String("image"); }
};

// Turns files, pasted images and dropped URLs into attachments. Images are decoded with their
// EXIF orientation applied, downscaled so the longest side is at most kMaxImageSide pixels
// (never upscaled) and sent as a data URI: JPEG, or PNG when the image is really transparent.
// Text files must be UTF-8 (or plain ASCII) without NUL bytes; they are sent inline with their
// names. No I/O except reading the given file.
class Attachments final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::Attachments)

public:
    static constexpr qint64 kMaxFileBytes = 20 * 1024 * 1024; // any file
    static constexpr qint64 kMaxTextBytes = 512 * 1024; // a text file, inlined in the question
    static constexpr int kMaxImageSide = 1568; // what vision models look at anyway
    static constexpr int kJpegQuality = 85;
    static constexpr int kThumbnailSide = 48;

    // A file: an image if its content or name says so, else a text file.
    static Attachment fromFile(const QString& path);
    // An image already decoded (pasted). `name` gets the suffix of the encoding (.jpg or .png)
    // when it has none.
    static Attachment fromImage(const QImage& image, const QString& name);
    // Bytes that should be text (a file's content).
    static Attachment fromText(const QByteArray& bytes, const QString& name);

    // An attachment as stored with a sent message (ChatController's form), back into the composer
    // (a failed question returns there): the thumbnail and summary are made again.
    static Attachment fromJson(const QJsonObject& json);
    // Whether the data is something to attach rather than text to insert: local files, or image
    // data without plain text (copying a spreadsheet range offers both: its text wins).
    static bool canAttach(const QMimeData* data);
    // One attachment per local file, or one for the image (named `imageName`); empty when
    // canAttach() is false.
    static QList<Attachment> fromMimeData(const QMimeData* data, const QString& imageName);

    // `image` scaled down so its longest side is at most `maxSide`, aspect kept, sides at least
    // 1 px; the image itself when it is small enough already.
    static QImage fitted(const QImage& image, int maxSide = kMaxImageSide);
    // Whether any pixel is not fully opaque (an alpha channel alone is not enough).
    static bool hasTransparency(const QImage& image);
    // "240 KB", "1.5 MB"
    static QString formatBytes(qint64 bytes);
};

} // namespace flarechat
