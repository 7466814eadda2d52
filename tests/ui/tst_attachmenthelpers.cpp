// The attachment helpers without a window: images decoded with their EXIF orientation, fitted
// to 1568 px without upscaling, JPEG unless really transparent; text files UTF-8 (or UTF-16/32
// with a byte order mark) without NUL bytes and within their size limit; what pasted or dropped
// data counts as an attachment.
#include "TestImages.h"
#include "chat/Attachments.h"

#include <QBuffer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonObject>
#include <QMimeData>
#include <QPainter>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include <memory>

using namespace flarechat;

namespace {

using flarechat::test::decodeDataUri;
using flarechat::test::gradient;

// `jpeg` with an EXIF APP1 segment holding only an Orientation tag (1..8) right after SOI.
QByteArray withExifOrientation(const QByteArray& jpeg, quint16 orientation)
{
    QByteArray tiff("MM\0*\0\0\0\x08", 8); // big-endian TIFF header, IFD0 at offset 8
    auto be16 = [](quint16 v) { return QByteArray(1, char(v >> 8)) + QByteArray(1, char(v & 0xff)); };
    auto be32 = [&](quint32 v) { return be16(quint16(v >> 16)) + be16(quint16(v & 0xffff)); };
    tiff += be16(1); // one entry
    tiff += be16(0x0112) + be16(3) + be32(1) + be16(orientation) + be16(0); // Orientation, SHORT, 1 value
    tiff += be32(0); // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    const QByteArray app1 = QByteArray("\xff\xe1", 2) + be16(quint16(payload.size() + 2)) + payload;
    return jpeg.left(2) + app1 + jpeg.mid(2);
}

QByteArray encode(const QImage& image, const char* format, int quality = 95)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestAttachmentHelpers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void fittedNeverUpscalesAndKeepsAspect_data();
    void fittedNeverUpscalesAndKeepsAspect();
    void transparencyNeedsRealAlpha();
    void opaqueImagesBecomeJpegTransparentOnesPng();
    void exifOrientationIsApplied();
    void largeRotatedJpegIsDecodedSmall();
    void textMustBeUtf8WithoutNul();
    void filesAreRefusedWithReasons();
    void mimeDataPrefersFilesThenTextOverImages();
    void bytesAreReadable();

private:
    QString path(const QString& name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAttachmentHelpers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAttachmentHelpers::fittedNeverUpscalesAndKeepsAspect_data()
{
    QTest::addColumn<QSize>("in");
    QTest::addColumn<QSize>("out");
    QTest::newRow("landscape") << QSize(4000, 3000) << QSize(1568, 1176);
    QTest::newRow("portrait") << QSize(3000, 4000) << QSize(1176, 1568);
    QTest::newRow("exactly the limit") << QSize(1568, 1568) << QSize(1568, 1568);
    QTest::newRow("one over") << QSize(1569, 10) << QSize(1568, 10);
    QTest::newRow("small: not upscaled") << QSize(640, 480) << QSize(640, 480);
    QTest::newRow("thin strip keeps 1 px") << QSize(10000, 2) << QSize(1568, 1);
    QTest::newRow("tall strip keeps 1 px") << QSize(3, 20000) << QSize(1, 1568);
}

void TestAttachmentHelpers::fittedNeverUpscalesAndKeepsAspect()
{
    QFETCH(QSize, in);
    QFETCH(QSize, out);
    QImage image(in, QImage::Format_RGB32);
    image.fill(Qt::gray);
    QCOMPARE(Attachments::fitted(image).size(), out);
}

void TestAttachmentHelpers::transparencyNeedsRealAlpha()
{
    QImage opaque(8, 8, QImage::Format_ARGB32);
    opaque.fill(Qt::red);
    QVERIFY(opaque.hasAlphaChannel());
    QVERIFY(!Attachments::hasTransparency(opaque)); // an alpha channel that is all 255
    QImage hole = opaque;
    hole.setPixel(7, 7, qRgba(255, 0, 0, 128));
    QVERIFY(Attachments::hasTransparency(hole));
    QImage rgb(8, 8, QImage::Format_RGB32);
    rgb.fill(Qt::blue);
    QVERIFY(!Attachments::hasTransparency(rgb));
    QVERIFY(!Attachments::hasTransparency(QImage()));
}

void TestAttachmentHelpers::opaqueImagesBecomeJpegTransparentOnesPng()
{
    QImage opaque = gradient(64, 32, QImage::Format_ARGB32); // alpha channel, all opaque
    const Attachment jpeg = Attachments::fromImage(opaque, QStringLiteral("shot"));
    QVERIFY2(jpeg.ok(), qPrintable(jpeg.error));
    QVERIFY(jpeg.isImage());
    QCOMPARE(jpeg.name(), QStringLiteral("shot.jpg"));
    const QString jpegUrl = jpeg.json.value(QStringLiteral("url")).toString();
    QVERIFY(jpegUrl.startsWith(QLatin1String("data:image/jpeg;base64,")));
    QByteArray format;
    QCOMPARE(decodeDataUri(jpegUrl, &format).size(), QSize(64, 32));
    QCOMPARE(format, QByteArray("jpeg"));
    QVERIFY(!jpeg.thumbnail.isNull());
    QVERIFY(qMax(jpeg.thumbnail.width(), jpeg.thumbnail.height()) <= Attachments::kThumbnailSide);
    QVERIFY2(jpeg.summary.contains(QStringLiteral("64 × 32")), qPrintable(jpeg.summary));

    QImage transparent(3000, 100, QImage::Format_ARGB32);
    transparent.fill(Qt::transparent);
    QPainter(&transparent).fillRect(0, 0, 1500, 100, Qt::green);
    const Attachment png = Attachments::fromImage(transparent, QStringLiteral("logo.webp"));
    QVERIFY2(png.ok(), qPrintable(png.error));
    QCOMPARE(png.name(), QStringLiteral("logo.webp")); // the user's name stays
    const QString pngUrl = png.json.value(QStringLiteral("url")).toString();
    QVERIFY(pngUrl.startsWith(QLatin1String("data:image/png;base64,")));
    const QImage decoded = decodeDataUri(pngUrl, &format);
    QCOMPARE(format, QByteArray("png"));
    QCOMPARE(decoded.size(), QSize(1568, 52)); // downscaled too
    QVERIFY(decoded.hasAlphaChannel());
    QCOMPARE(qAlpha(decoded.pixel(1500, 26)), 0);
    QCOMPARE(qAlpha(decoded.pixel(10, 26)), 255);

    QVERIFY(!Attachments::fromImage(QImage(), QStringLiteral("nothing")).ok());
}

void TestAttachmentHelpers::exifOrientationIsApplied()
{
    // Stored 40×20, left half red, right half blue; Orientation 6 = turn 90° clockwise to view.
    QImage stored(40, 20, QImage::Format_RGB32);
    stored.fill(Qt::blue);
    QPainter(&stored).fillRect(0, 0, 20, 20, Qt::red);
    const QString file = path(QStringLiteral("phone.jpg"));
    QVERIFY(writeFile(file, withExifOrientation(encode(stored, "jpeg"), 6)));

    const Attachment a = Attachments::fromFile(file);
    QVERIFY2(a.ok(), qPrintable(a.error));
    QCOMPARE(a.name(), QStringLiteral("phone.jpg"));
    const QImage shown = decodeDataUri(a.json.value(QStringLiteral("url")).toString());
    QCOMPARE(shown.size(), QSize(20, 40)); // standing up
    // After a clockwise turn the left (red) half is on top.
    const QColor top = shown.pixelColor(10, 5);
    const QColor bottom = shown.pixelColor(10, 35);
    QVERIFY2(top.red() > 200 && top.blue() < 60, qPrintable(top.name()));
    QVERIFY2(bottom.blue() > 200 && bottom.red() < 60, qPrintable(bottom.name()));
}

void TestAttachmentHelpers::largeRotatedJpegIsDecodedSmall()
{
    const QString file = path(QStringLiteral("camera.jpg"));
    QVERIFY(writeFile(file, withExifOrientation(encode(gradient(3000, 2000), "jpeg", 80), 6)));
    const Attachment a = Attachments::fromFile(file);
    QVERIFY2(a.ok(), qPrintable(a.error));
    const QImage shown = decodeDataUri(a.json.value(QStringLiteral("url")).toString());
    QCOMPARE(shown.size(), QSize(1045, 1568)); // fitted and turned upright
}

void TestAttachmentHelpers::textMustBeUtf8WithoutNul()
{
    const QString text = QStringLiteral("héllo ✓ — 你好\n");
    const Attachment utf8 = Attachments::fromText(text.toUtf8(), QStringLiteral("hello.md"));
    QVERIFY2(utf8.ok(), qPrintable(utf8.error));
    QCOMPARE(utf8.json.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
    QCOMPARE(utf8.json.value(QStringLiteral("name")).toString(), QStringLiteral("hello.md"));
    QCOMPARE(utf8.json.value(QStringLiteral("text")).toString(), text);

    // A UTF-8 byte order mark is dropped; UTF-16 with one (Notepad) is read.
    QCOMPARE(Attachments::fromText(QByteArray("\xef\xbb\xbfplain", 8), QStringLiteral("a.txt"))
                 .json.value(QStringLiteral("text"))
                 .toString(),
        QStringLiteral("plain"));
    QCOMPARE(Attachments::fromText(QByteArray("\xff\xfeh\0i\0", 6), QStringLiteral("w.txt"))
                 .json.value(QStringLiteral("text"))
                 .toString(),
        QStringLiteral("hi"));

    const Attachment nul = Attachments::fromText(QByteArray("abc\0def", 7), QStringLiteral("x.dat"));
    QVERIFY(!nul.ok());
    QVERIFY2(nul.error.contains(QLatin1String("x.dat is not a text file")), qPrintable(nul.error));
    QVERIFY(nul.json.isEmpty());
    const Attachment latin1 = Attachments::fromText(QByteArray("caf\xe9 au lait"), QStringLiteral("menu.txt"));
    QVERIFY2(latin1.error.contains(QLatin1String("not a text file")), qPrintable(latin1.error));

    const Attachment big
        = Attachments::fromText(QByteArray(Attachments::kMaxTextBytes + 1, 'a'), QStringLiteral("big.txt"));
    QVERIFY2(big.error.contains(QLatin1String("too long")), qPrintable(big.error));
    QVERIFY2(big.error.contains(QStringLiteral("512.0 KB; the limit is 512 KB")), qPrintable(big.error));
    QVERIFY(Attachments::fromText(QByteArray(Attachments::kMaxTextBytes, 'a'), QStringLiteral("ok.txt")).ok());
    QVERIFY(Attachments::fromText(QByteArray(), QStringLiteral("empty.txt")).ok());
}

void TestAttachmentHelpers::filesAreRefusedWithReasons()
{
    const Attachment missing = Attachments::fromFile(path(QStringLiteral("nope.txt")));
    QVERIFY2(missing.error.contains(QLatin1String("does not exist")), qPrintable(missing.error));

    const Attachment folder = Attachments::fromFile(m_dir->path());
    QVERIFY2(folder.error.contains(QLatin1String("folder")), qPrintable(folder.error));

    const QString broken = path(QStringLiteral("broken.png"));
    QVERIFY(writeFile(broken, QByteArray("\x89PNG\r\n\x1a\n this is not really a png", 34)));
    const Attachment undecodable = Attachments::fromFile(broken);
    QVERIFY2(undecodable.error.contains(QLatin1String("broken.png could not be read as an image")),
        qPrintable(undecodable.error));

    QFile giant(path(QStringLiteral("giant.png")));
    QVERIFY(giant.open(QIODevice::WriteOnly));
    QVERIFY(giant.resize(Attachments::kMaxFileBytes + 1)); // sparse: nothing is written
    giant.close();
    const Attachment tooBig = Attachments::fromFile(giant.fileName());
    QVERIFY2(tooBig.error.contains(QLatin1String("giant.png is larger than 20 MB")), qPrintable(tooBig.error));

    // SVG is XML text: it goes in as text.
    const QString svg = path(QStringLiteral("icon.svg"));
    QVERIFY(writeFile(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n"));
    const Attachment svgText = Attachments::fromFile(svg);
    QVERIFY2(svgText.ok(), qPrintable(svgText.error));
    QVERIFY(!svgText.isImage());
    QVERIFY(svgText.json.value(QStringLiteral("text")).toString().startsWith(QLatin1String("<svg")));

    // An image without the usual name is still an image.
    const QString noSuffix = path(QStringLiteral("scan"));
    QVERIFY(writeFile(noSuffix, encode(gradient(30, 20), "png")));
    const Attachment scan = Attachments::fromFile(noSuffix);
    QVERIFY2(scan.ok(), qPrintable(scan.error));
    QVERIFY(scan.isImage());
}

void TestAttachmentHelpers::mimeDataPrefersFilesThenTextOverImages()
{
    QMimeData text;
    text.setText(QStringLiteral("just words"));
    QVERIFY(!Attachments::canAttach(&text));
    QVERIFY(!Attachments::canAttach(nullptr));

    QMimeData image;
    image.setImageData(gradient(10, 10));
    QVERIFY(Attachments::canAttach(&image));
    const QList<Attachment> fromImage = Attachments::fromMimeData(&image, QStringLiteral("Pasted image"));
    QCOMPARE(fromImage.size(), 1);
    QCOMPARE(fromImage.first().name(), QStringLiteral("Pasted image.jpg"));

    QMimeData spreadsheet; // a copied range: text and a picture of it; the text is what is meant
    spreadsheet.setText(QStringLiteral("1\t2\t3"));
    spreadsheet.setImageData(gradient(10, 10));
    QVERIFY(!Attachments::canAttach(&spreadsheet));

    const QString notes = path(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(notes, "some notes\n"));
    QMimeData files;
    files.setUrls({QUrl::fromLocalFile(notes), QUrl(QStringLiteral("https://example.com/a.png"))});
    QVERIFY(Attachments::canAttach(&files));
    const QList<Attachment> fromFiles = Attachments::fromMimeData(&files, QString());
    QCOMPARE(fromFiles.size(), 1); // only the local file
    QCOMPARE(fromFiles.first().name(), QStringLiteral("notes.txt"));

    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.com/a.png"))});
    QVERIFY(!Attachments::canAttach(&web));
}

void TestAttachmentHelpers::bytesAreReadable()
{
    QCOMPARE(Attachments::formatBytes(12), QStringLiteral("12 bytes"));
    QCOMPARE(Attachments::formatBytes(2048), QStringLiteral("2 KB"));
    QCOMPARE(Attachments::formatBytes(1536), QStringLiteral("1.5 KB"));
    QCOMPARE(Attachments::formatBytes(Attachments::kMaxTextBytes), QStringLiteral("512 KB"));
    QCOMPARE(Attachments::formatBytes(Attachments::kMaxTextBytes + 1), QStringLiteral("512.0 KB"));
    QCOMPARE(Attachments::formatBytes(Attachments::kMaxFileBytes), QStringLiteral("20 MB"));
    QCOMPARE(Attachments::formatBytes(qint64(3) << 30), QStringLiteral("3 GB"));
}

QTEST_MAIN(TestAttachmentHelpers)
#include "tst_attachmenthelpers.moc"
