#pragma once

#include <QString>
#include <QStringList>

namespace flarechat {

// Starting FlareChat when the user logs in, the platform's way: on Linux and other XDG desktops
// an autostart entry, $XDG_CONFIG_HOME/autostart/<desktop id>.desktop (XDG Autostart
// Specification 0.5); on Windows the HKCU\…\CurrentVersion\Run value; on macOS a per-user
// LaunchAgents plist. Each starts the running binary with --background. The entry is the truth:
// nothing in the settings file mirrors it, so an entry removed by the desktop's own tool reads
// as off.
class Autostart final
{
public:
    // The desktop id of the installed desktop file (packaging/linux/), also the window's
    // QGuiApplication::desktopFileName().
    static QString desktopId();
    // The option the entry starts FlareChat with (app/cli/CommonOptions: WindowOptions).
    static QString backgroundOption();

    // `location`: the entry's file (Linux, macOS); ignored on Windows, where it is the registry.
    explicit Autostart(const QString& location = defaultLocation());

    // Linux: $XDG_CONFIG_HOME/autostart/<desktop id>.desktop ($XDG_CONFIG_HOME absolute, else
    // ~/.config); macOS: ~/Library/LaunchAgents/<desktop id>.plist.
    static QString defaultLocation();
    QString location() const { return m_location; }

    bool isEnabled() const;
    // Writes (atomically) or removes the entry for program(). False, with `error`, when it could not.
    bool setEnabled(bool enabled, QString* error = nullptr) const;

    // What the entry starts: $APPIMAGE when run from an AppImage (the binary itself lives in a
    // mount that is gone at the next login), else the running binary's absolute path.
    static QString program();
    // An Exec= value (Desktop Entry Specification 1.5, "The Exec key"): each argument quoted when
    // it holds a reserved character, `"`, `` ` ``, `$` and `\` escaped inside the quotes, `%`
    // doubled; then the string value's own escaping (`\` as `\\`).
    static QString execValue(const QStringList& arguments);
    // The whole autostart entry for `program`.
    static QString desktopEntry(const QString& program);

private:
    QString m_location;
};

} // namespace flarechat
