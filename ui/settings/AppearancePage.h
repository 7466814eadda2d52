#pragma once

#include <QWidget>

class QComboBox;

namespace flarechat {

class Settings;
class StartupBox;

class TextSizeBox;

// The settings window's Appearance page: the theme (the system's, light or dark), the language
// (applied at once), the text size (TextSizeBox) and starting at login (StartupBox).
class AppearancePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppearancePage)

public:
    explicit AppearancePage(Settings* settings, QWidget* parent = nullptr);
    ~AppearancePage() override;

    void load(); // the fields from the settings
    void save(); // the fields to the settings, unsynced

private:
    Settings* m_settings;
    QComboBox* m_theme;
    QComboBox* m_language;
    StartupBox* m_startup;
    TextSizeBox* m_textSize;
};

} // namespace flarechat
