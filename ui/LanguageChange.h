#pragma once

#include <QObject>

#include <functional>

namespace flarechat {

// Words that follow the UI language. Translations::install() makes Qt send a LanguageChange
// event; these run a function on each, for as long as `owner` lives:
// * onLanguageChange(): for objects that are not widgets and get no such event of their own —
//   item models whose headings and cells are words, a tray icon, a status text set once;
// * retranslated(): runs `apply` now and again on each change, so a widget's words are written in
//   one place where the widget is built (a changeEvent() override does the same for a class).
// One filter on the application object serves them all, so the cost per event stays one call.
void onLanguageChange(QObject* owner, std::function<void()> retranslate);
void retranslated(QObject* owner, std::function<void()> apply);

} // namespace flarechat
