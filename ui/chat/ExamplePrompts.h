#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace flarechat {

// Example questions an empty conversation can offer (the first chat after setup), in the UI
// language: a short title for the button and the prompt it puts into the composer.
class ExamplePrompts final
{
    Q_DECLARE_TR_FUNCTIONS(flarechat::ExamplePrompts)

public:
    struct Prompt
    {
        QString title;
        QString text;
    };

    static QList<Prompt> firstChat();
};

} // namespace flarechat
