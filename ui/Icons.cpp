#include "Icons.h"

#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

#include <memory>

namespace flarechat::Icons {

namespace {

// Renders one SVG per request. QIcon asks for the device pixel size (size × ratio), so the
// strokes stay sharp on any screen; renderings are kept per size and colour.
class SvgIconEngine final : public QIconEngine
{
public:
    SvgIconEngine(std::shared_ptr<QSvgRenderer> renderer, bool tinted)
        : m_renderer(std::move(renderer))
        , m_tinted(tinted)
    {
    }

    QIconEngine* clone() const override { return new SvgIconEngine(m_renderer, m_tinted); }
    QString key() const override { return QStringLiteral("flarechat-svg"); }
    bool isNull() override { return !m_renderer->isValid(); }
    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        QPixmap p = pixmap(rect.size() * ratio, mode, state);
        p.setDevicePixelRatio(ratio);
        painter->drawPixmap(rect, p);
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State) override
    {
        if (size.isEmpty() || !m_renderer->isValid())
            return {};
        const QColor color = m_tinted ? tint(mode) : QColor();
        const QString cacheKey = QStringLiteral("%1x%2 %3")
                                     .arg(size.width())
                                     .arg(size.height())
                                     .arg(color.isValid() ? color.name(QColor::HexArgb) : QStringLiteral("-"));
        if (const auto it = m_cache.constFind(cacheKey); it != m_cache.cend())
            return *it;
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            // Square icons centred in a non-square request.
            const int side = qMin(size.width(), size.height());
            const QRectF target((size.width() - side) / 2.0, (size.height() - side) / 2.0, side, side);
            m_renderer->render(&p, target);
            if (m_tinted) {
                p.setCompositionMode(QPainter::CompositionMode_SourceIn);
                p.fillRect(image.rect(), color);
            }
        }
        const QPixmap result = QPixmap::fromImage(image);
        if (m_cache.size() > 64)
            m_cache.clear(); // sizes × colours: a handful in practice
        m_cache.insert(cacheKey, result);
        return result;
    }

private:
    std::shared_ptr<QSvgRenderer> m_renderer;
    bool m_tinted;
    QHash<QString, QPixmap> m_cache;
};

QIcon fromSvg(const QString& path, bool tinted)
{
    auto renderer = std::make_shared<QSvgRenderer>(path);
    if (!renderer->isValid())
        return {};
    return QIcon(new SvgIconEngine(std::move(renderer), tinted));
}

} // namespace

QColor tint(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::ButtonText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::Active, QPalette::ButtonText);
}

QIcon themed(const QString& name)
{
    return fromSvg(QStringLiteral(":/icons/%1.svg").arg(name), true);
}

QIcon application()
{
    return fromSvg(QStringLiteral(":/icons/flarechat.svg"), false);
}

} // namespace flarechat::Icons
