#pragma once

#include <QString>

namespace flarechat {

// The look of the application: "system" (the platform's style and colours), "light" or "dark"
// (Fusion with a fixed palette, the same on every desktop). Applied to the whole application.
namespace Theme {

void apply(const QString& name);
bool isDark(); // the palette in effect has a dark window background

} // namespace Theme
} // namespace flarechat
