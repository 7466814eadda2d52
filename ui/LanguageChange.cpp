#include "LanguageChange.h"

#include <QCoreApplication>
#include <QEvent>

namespace flarechat {

namespace {

// QCoreApplication::installTranslator() and removeTranslator() send the application object a
// LanguageChange event (QApplication then passes one to every widget): watch for it there.
class LanguageWatch final : public QObject
{
public:
    LanguageWatch(QObject* owner, std::function<void()> retranslate)
        : QObject(owner)
        , m_retranslate(std::move(retranslate))
    {
        QCoreApplication::instance()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange)
            m_retranslate();
        return false;
    }

private:
    std::function<void()> m_retranslate;
};

} // namespace

void onLanguageChange(QObject* owner, std::function<void()> retranslate)
{
    if (QCoreApplication::instance())
        new LanguageWatch(owner, std::move(retranslate));
}

} // namespace flarechat
