#pragma once

#include <QIcon>
#include <QString>

namespace flarechat {

// The application's icons, drawn from SVG at whatever size and device pixel ratio they are shown
// at (never a scaled bitmap). The toolbar's and buttons' icons are single-colour strokes on a 24 px
// grid (resources/icons/<name>.svg, embedded as :/icons/<name>.svg), painted in the application
// palette's button text colour, read each time they are drawn: a theme change re-tints them with
// the next repaint. The application icon is packaging's, in its own colours.
namespace Icons {

// e.g. themed("new-chat"); a null icon for a name that is not embedded.
QIcon themed(const QString& name);
QIcon application();
// What themed() paints `mode` in: ButtonText, its Disabled colour, or HighlightedText when selected.
QColor tint(QIcon::Mode mode);

} // namespace Icons
} // namespace flarechat
