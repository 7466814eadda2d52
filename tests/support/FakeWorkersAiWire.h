#pragma once

// Internal to the fake server: tiny helpers that write JSON with a fixed key order, so the
// bytes look like Cloudflare's ({"response":..,"p":..}) rather than QJsonDocument's sorted keys.

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <initializer_list>
#include <utility>

namespace flarechat::test::wire {

using Field = std::pair<const char*, QByteArray>; // key, already-serialized JSON value

QByteArray str(const QString& s); // a JSON string literal, UTF-8, not \u-escaped
QByteArray val(const QJsonValue& v); // any value, compact
QByteArray num(qint64 n);
QByteArray obj(std::initializer_list<Field> fields);
QByteArray obj(const QList<Field>& fields);
QByteArray arr(const QList<QByteArray>& items);
QByteArray envelope(const QByteArray& resultJson); // {"result":..,"success":true,"errors":[],"messages":[]}
QByteArray sseEvent(const QByteArray& data, bool crlf);
QByteArray padding(); // random [A-Za-z0-9], random length, for "p"
QByteArray hex(int length); // random lower-case hex
qint64 now(); // seconds since the epoch

} // namespace flarechat::test::wire
