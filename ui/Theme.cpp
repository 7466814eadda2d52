#include "Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

namespace flarechat::Theme {

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x21, 0x24);
    const QColor base(0x18, 0x19, 0x1b);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2c, 0x2d, 0x31));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0xf3, 0x80, 0x20)); // Cloudflare orange
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Mid, QColor(0x3a, 0x3b, 0x40));
    p.setColor(QPalette::Dark, QColor(0x10, 0x10, 0x12));
    p.setColor(QPalette::Light, QColor(0x40, 0x41, 0x46));
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0xf3, 0x80, 0x20));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf5));
    p.setColor(QPalette::Link, QColor(0x0b, 0x62, 0xc4));
    return p;
}

} // namespace

void apply(const QString& name)
{
    if (name == QLatin1String("dark") || name == QLatin1String("light")) {
        if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
            QApplication::setStyle(fusion);
        QApplication::setPalette(name == QLatin1String("dark") ? darkPalette() : lightPalette());
        return;
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

void setTextSize(QWidget* widget, int points)
{
    if (points <= 0) {
        widget->setFont(QFont()); // nothing of its own: it inherits again
        return;
    }
    QFont font; // the size alone, the family and the rest still inherited
    font.setPointSize(points);
    widget->setFont(font);
}

bool isDark()
{
    return QApplication::palette().color(QPalette::Window).lightnessF() < 0.5;
}

} // namespace flarechat::Theme
