#include "AppearancePage.h"

#include "LanguageChange.h"
#include "SettingsForm.h"
#include "StartupBox.h"
#include "TextSizeBox.h"
#include "storage/Settings.h"
#include "tray/Autostart.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace flarechat {

namespace {
using K = Settings::Key;
}

AppearancePage::AppearancePage(Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(QString(), QStringLiteral("system"));
    m_theme->addItem(QString(), QStringLiteral("light"));
    m_theme->addItem(QString(), QStringLiteral("dark"));
    m_themeLabel = SettingsForm::addRow(form, m_theme);
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(QString(), QStringLiteral("system"));
    // Each language in its own words, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_languageLabel = SettingsForm::addRow(form, m_language);
    m_textSize = new TextSizeBox;
    form->addRow(m_textSize->label(), m_textSize);
    layout->addLayout(form);
    m_startup = new StartupBox(Autostart::defaultLocation(), this);
    layout->addWidget(m_startup);
    layout->addStretch(1);
    retranslated(this, [this] { retranslate(); });
}

AppearancePage::~AppearancePage() = default;

QString AppearancePage::title() const
{
    return SettingsForm::tr("Appearance");
}

void AppearancePage::retranslate()
{
    m_themeLabel->setText(SettingsForm::tr("&Theme:"));
    m_theme->setItemText(0, SettingsForm::tr("System"));
    m_theme->setItemText(1, SettingsForm::tr("Light"));
    m_theme->setItemText(2, SettingsForm::tr("Dark"));
    m_languageLabel->setText(SettingsForm::tr("&Language:"));
    m_language->setItemText(0, SettingsForm::tr("System"));
    m_language->setToolTip(SettingsForm::tr("Applies as soon as the settings are saved, to every window."));
}

void AppearancePage::load()
{
    SettingsForm::setComboData(m_theme, m_settings->value(K::Theme).toString().trimmed().toLower());
    SettingsForm::setComboData(m_language, m_settings->value(K::Language).toString().trimmed());
    m_startup->load();
    m_textSize->setPoints(m_settings->value(K::TextSize).toInt());
}

void AppearancePage::save()
{
    SettingsForm::put(m_settings, K::Theme, m_theme->currentData().toString());
    SettingsForm::put(m_settings, K::Language, m_language->currentData().toString());
    m_startup->save();
    SettingsForm::put(m_settings, K::TextSize, m_textSize->points());
}

} // namespace flarechat
