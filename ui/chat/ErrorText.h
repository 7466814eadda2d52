#pragma once

#include <QLatin1String>
#include <QList>
#include <QString>

namespace flarechat {

struct ApiError;

// How the window words an error: for the codes it knows (openai/ErrorCodes.h), a sentence in the
// window's language leads and the original message follows; then "try again in n seconds" and
// the HTTP status. (Translation context flarechat::ChatController, where these strings were born.)
namespace ErrorText {

QString describe(const ApiError& error);
// The codes describe() has a sentence of its own for.
QList<QLatin1String> translatedCodes();

} // namespace ErrorText
} // namespace flarechat
