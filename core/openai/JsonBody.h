#pragma once

#include "openai/ApiError.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace flarechat {

// The JSON object of a request body, or a 400 "invalid_json" saying what is wrong and where
// (every face's first step; each writes the error in its own API's shape).
std::optional<QJsonObject> readJsonObject(const QByteArray& body, ApiError* error);

} // namespace flarechat
