#include "LanguageChange.h"

#include <QCoreApplication>
#include <QEvent>
#include <QList>
#include <QPointer>

#include <utility>

namespace flarechat {

namespace {

// QCoreApplication::installTranslator() and removeTranslator() send the application object a
// LanguageChange event (QApplication then passes one to every widget): watched for there, once.
class LanguageWatch final : public QObject
{
public:
    static LanguageWatch* instance()
    {
        static QPointer<LanguageWatch> watch;
        if (!watch && QCoreApplication::instance())
            watch = new LanguageWatch(QCoreApplication::instance()); // ends with the application
        return watch;
    }

    void add(QObject* owner, std::function<void()> retranslate) { m_entries.append({owner, std::move(retranslate)}); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance())
            run();
        return false;
    }

private:
    struct Entry
    {
        QPointer<QObject> owner;
        std::function<void()> retranslate;
    };

    explicit LanguageWatch(QObject* application)
        : QObject(application)
    {
        application->installEventFilter(this);
    }

    void run()
    {
        m_entries.removeIf([](const Entry& e) { return e.owner.isNull(); });
        // By index: a function may register more (a page built while retranslating).
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            if (m_entries.at(i).owner) {
                const std::function<void()> retranslate = m_entries.at(i).retranslate; // the list may grow
                retranslate();
            }
        }
    }

    QList<Entry> m_entries;
};

} // namespace

void onLanguageChange(QObject* owner, std::function<void()> retranslate)
{
    if (LanguageWatch* watch = LanguageWatch::instance())
        watch->add(owner, std::move(retranslate));
}

void retranslated(QObject* owner, std::function<void()> apply)
{
    apply();
    onLanguageChange(owner, std::move(apply));
}

} // namespace flarechat
