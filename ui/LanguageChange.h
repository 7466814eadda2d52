#pragma once

#include <QObject>

#include <functional>

namespace flarechat {

// Runs `retranslate` each time the application's language changes (Translations::install), for the
// objects that are not widgets and so get no LanguageChange event of their own: item models whose
// headings and cells are words, a tray icon, a status text set once. Stops with `owner`.
// Widgets override changeEvent() instead.
void onLanguageChange(QObject* owner, std::function<void()> retranslate);

} // namespace flarechat
