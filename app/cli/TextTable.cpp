#include "TextTable.h"

namespace flarechat::cli {

int terminalColumns(const QString& text)
{
    int n = 0;
    for (const char32_t c : text.toUcs4()) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
            || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
            || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        n += wide ? 2 : 1;
    }
    return n;
}

QString textTable(const QList<QStringList>& rows)
{
    QList<int> widths;
    for (const QStringList& r : rows) {
        for (qsizetype i = 0; i < r.size(); ++i) {
            if (i >= widths.size())
                widths.append(0);
            widths[i] = qMax(widths.at(i), terminalColumns(r.at(i)));
        }
    }
    QString out;
    for (const QStringList& r : rows) {
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i) {
            line += r.at(i);
            if (i + 1 < r.size())
                line += QString(widths.at(i) + 2 - terminalColumns(r.at(i)), QLatin1Char(' '));
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    }
    return out;
}

} // namespace flarechat::cli
