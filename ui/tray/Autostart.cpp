#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>

namespace flarechat {

namespace {

// The Desktop Entry Specification's reserved characters: an argument holding one is quoted.
bool needsQuotes(const QString& argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (argument.isEmpty())
        return true;
    for (const QChar c : argument) {
        if (reserved.contains(c))
            return true;
    }
    return false;
}

#ifdef Q_OS_WIN
const QString kRunKey = QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kRunValue = QStringLiteral("FlareChat");

QString windowsCommand()
{
    return QLatin1Char('"') + QDir::toNativeSeparators(Autostart::program()) + QStringLiteral("\" ")
        + Autostart::backgroundOption();
}
#endif

#ifdef Q_OS_MACOS
QString launchAgent(const QString& program)
{
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n<dict>\n"
                          "  <key>Label</key><string>%1</string>\n"
                          "  <key>ProgramArguments</key>\n"
                          "  <array><string>%2</string><string>%3</string></array>\n"
                          "  <key>RunAtLoad</key><true/>\n"
                          "</dict>\n</plist>\n")
        .arg(Autostart::desktopId(), program.toHtmlEscaped(), Autostart::backgroundOption());
}
#endif

} // namespace

QString Autostart::desktopId()
{
    return QStringLiteral("io.github.flarechat.FlareChat");
}

QString Autostart::backgroundOption()
{
    return QStringLiteral("--background");
}

Autostart::Autostart(const QString& location)
    : m_location(location)
{
}

QString Autostart::defaultLocation()
{
#if defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + desktopId() + QStringLiteral(".plist");
#else
    // The specification's own rule (a relative $XDG_CONFIG_HOME is ignored), not QStandardPaths:
    // its test mode would move the entry where no session manager looks.
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || QDir::isRelativePath(config))
        config = QDir::homePath() + QStringLiteral("/.config");
    return config + QStringLiteral("/autostart/") + desktopId() + QStringLiteral(".desktop");
#endif
}

bool Autostart::isEnabled() const
{
#ifdef Q_OS_WIN
    return QSettings(kRunKey, QSettings::NativeFormat).contains(kRunValue);
#else
    return QFileInfo::exists(m_location);
#endif
}

bool Autostart::setEnabled(bool enabled, QString* error) const
{
#ifdef Q_OS_WIN
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(kRunValue, windowsCommand());
    else
        run.remove(kRunValue);
    run.sync();
    if (run.status() != QSettings::NoError) {
        if (error)
            *error = QCoreApplication::translate("Autostart", "The registry could not be changed.");
        return false;
    }
    return true;
#else
    if (!enabled) {
        QFile file(m_location);
        if (file.exists() && !file.remove()) {
            if (error)
                *error = file.errorString();
            return false;
        }
        return true;
    }
#ifdef Q_OS_MACOS
    const QByteArray content = launchAgent(program()).toUtf8();
#else
    const QByteArray content = desktopEntry(program()).toUtf8();
#endif
    QDir().mkpath(QFileInfo(m_location).absolutePath());
    QSaveFile file(m_location);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
#endif
}

QString Autostart::program()
{
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    if (!appImage.isEmpty() && QFileInfo(appImage).isAbsolute())
        return appImage;
    return QFileInfo(QCoreApplication::applicationFilePath()).absoluteFilePath();
}

QString Autostart::execValue(const QStringList& arguments)
{
    QStringList quoted;
    for (const QString& argument : arguments) {
        QString a = argument;
        a.replace(QLatin1Char('%'), QStringLiteral("%%"));
        if (needsQuotes(argument)) {
            QString inner;
            for (const QChar c : std::as_const(a)) {
                if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') || c == QLatin1Char('\\'))
                    inner += QLatin1Char('\\');
                inner += c;
            }
            a = QLatin1Char('"') + inner + QLatin1Char('"');
        }
        quoted.append(a);
    }
    // Then the escapes of every string value, applied before the quoting when read back.
    QString value;
    for (const QChar c : quoted.join(QLatin1Char(' '))) {
        if (c == QLatin1Char('\\'))
            value += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            value += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            value += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            value += QStringLiteral("\\r");
        else
            value += c;
    }
    return value;
}

QString Autostart::desktopEntry(const QString& program)
{
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=FlareChat\n"
                          "Comment=FlareChat in the background, started at login\n"
                          "Exec=%1\n"
                          "Icon=%2\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(execValue({program, backgroundOption()}), desktopId());
}

} // namespace flarechat
