#pragma once

#include <QGroupBox>

class QCheckBox;
class QLabel;

namespace flarechat {

// The settings' "Startup" box: start FlareChat at login (ui/tray/Autostart's entry, read from
// the entry itself, never from the settings file), and where the local API server's own
// start-with-FlareChat switch is.
class StartupBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupBox)

public:
    // `autostartLocation`: the entry's file (tests pass one; the default is Autostart's).
    explicit StartupBox(const QString& autostartLocation, QWidget* parent = nullptr);
    ~StartupBox() override;

    void load(); // the box from the entry
    // Writes or removes the entry when the box changed. False, the reason shown, when it failed.
    bool save();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QString m_location;
    QCheckBox* m_atLogin;
    QLabel* m_hint;
    QLabel* m_error;
};

} // namespace flarechat
