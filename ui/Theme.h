#pragma once

#include <QString>

class QWidget;

namespace flarechat {

// The look of the application: "system" (the platform's style and colours), "light" or "dark"
// (Fusion with a fixed palette, the same on every desktop). Applied to the whole application.
namespace Theme {

void apply(const QString& name);
bool isDark(); // the palette in effect has a dark window background
// The text size setting (Settings::Key::TextSize) on one widget: `points`, or the font the widget
// inherits when 0. Views re-measure their rows on the FontChange this sends.
void setTextSize(QWidget* widget, int points);

} // namespace Theme
} // namespace flarechat
