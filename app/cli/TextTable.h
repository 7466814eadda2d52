#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace flarechat::cli {

// How many terminal columns `text` takes: East Asian wide characters (the Chinese headings and
// notes) take two, everything else one.
int terminalColumns(const QString& text);

// Rows as a terminal table: each column but the last padded to its widest cell plus two spaces,
// by terminal columns, so Chinese headings line up; no trailing spaces. The first row is the heading.
QString textTable(const QList<QStringList>& rows);

} // namespace flarechat::cli
