#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace flarechat {

class Settings;

// The languages FlareChat speaks and how it picks and loads one. Its own translations come from the
// installed folder (share/flarechat/translations beside the binary's bin/, where packages put them,
// so a package can update them alone), else from the copy embedded at build time
// (":/i18n/flarechat_<language>.qm", from resources/translations/); Qt's for standard dialogs and
// buttons come from Qt's translations folder, or the copy embedded at build time.
class Translations final
{
public:
    Translations() = delete;

    // "en" (the source language) and "zh_CN".
    static QStringList languages();

    // The language to speak: `environment` ($FLARECHAT_LANG) when it names one of languages(),
    // else `setting` (Settings::Key::Language) when it does, else ("system" or anything unknown)
    // the first of the system's UI languages FlareChat has: Simplified Chinese for zh-CN, zh-SG
    // and zh-Hans, English for English or when nothing matches.
    static QString choose(const QString& setting, const QString& environment, const QLocale& system);
    // The same for the application: $FLARECHAT_LANG, the settings' Language, QLocale::system().
    static QString choose(const Settings& settings);

    // Installs the translators for `language` on the application (translators installed earlier
    // by this function are removed first): FlareChat's own and Qt's (OK, Cancel, file dialogs, and
    // --help's "Usage:" and "Options:" for the headless commands); "en" leaves everything in
    // English. Open windows follow at once: Qt sends every widget a LanguageChange event. False
    // when FlareChat's own translation could not be loaded.
    static bool install(const QString& language);

    // The .qm resource install() falls back to for `language`.
    static QString resourcePath(const QString& language);
    // The installed translations folder: relative to the running binary (no build path is
    // compiled in), e.g. /usr/bin/../share/flarechat/translations. May not exist (a build tree).
    static QString installedDirectory();
    // Where install() loaded FlareChat's own translation from last: a file path or a resource path.
    static QString loadedFrom();
};

} // namespace flarechat
