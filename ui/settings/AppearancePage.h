#pragma once

#include "SettingsPage.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace flarechat {

class Settings;
class StartupBox;
class TextSizeBox;

// The settings window's Appearance page: the theme (the system's, light or dark), the language
// (applied at once), the text size (TextSizeBox) and starting at login (StartupBox).
class AppearancePage final : public QWidget, public SettingsPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppearancePage)

public:
    explicit AppearancePage(Settings* settings, QWidget* parent = nullptr);
    ~AppearancePage() override;

    QString title() const override;
    QWidget* widget() override { return this; }
    void load() override;
    void save() override;

private:
    void retranslate();

    Settings* m_settings;
    QComboBox* m_theme;
    QComboBox* m_language;
    StartupBox* m_startup;
    TextSizeBox* m_textSize;
    QLabel* m_themeLabel;
    QLabel* m_languageLabel;
};

} // namespace flarechat
