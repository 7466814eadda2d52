#pragma once

// Images for the attachment tests (header-only: only the UI tests, which link QtGui, include it).

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QLinearGradient>
#include <QPainter>
#include <QString>

namespace flarechat::test {

// The image inside a "data:image/...;base64," URI, and its format ("jpeg", "png").
inline QImage decodeDataUri(const QString& uri, QByteArray* format = nullptr)
{
    const int comma = int(uri.indexOf(QLatin1Char(',')));
    if (!uri.startsWith(QLatin1String("data:image/")) || comma < 0)
        return {};
    const QByteArray bytes = QByteArray::fromBase64(uri.mid(comma + 1).toLatin1());
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    if (format)
        *format = reader.format();
    return reader.read();
}

// A picture with some structure (so scaling and encoding do real work).
inline QImage gradient(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    QPainter p(&image);
    QLinearGradient g(0, 0, width, height);
    g.setColorAt(0, Qt::darkBlue);
    g.setColorAt(1, Qt::yellow);
    p.fillRect(image.rect(), g);
    return image;
}

} // namespace flarechat::test
