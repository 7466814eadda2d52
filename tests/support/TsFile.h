#pragma once

// A Qt Linguist .ts file as the translation tests read it (header-only: Qt Core's XML reader).

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace flarechat::test {

struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation
    bool numerus = false;
    QString type; // the translation's: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or one per numerus form
};

// Every message of a .ts file; an error text instead when it cannot be read.
inline QList<TsMessage> readTs(const QString& path, QString* error)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QXmlStreamReader xml(&file);
    QString context;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("TS"))
            continue; // descend
        if (xml.name() != QLatin1String("context")) {
            xml.skipCurrentElement();
            continue;
        }
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                TsMessage m;
                m.context = context;
                m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("source")) {
                        m.source = xml.readElementText();
                    } else if (xml.name() == QLatin1String("comment")) {
                        m.comment = xml.readElementText();
                    } else if (xml.name() == QLatin1String("translation")) {
                        m.type = xml.attributes().value(QLatin1String("type")).toString();
                        if (m.numerus) {
                            while (xml.readNextStartElement()) {
                                if (xml.name() == QLatin1String("numerusform"))
                                    m.translations << xml.readElementText();
                                else
                                    xml.skipCurrentElement();
                            }
                        } else {
                            m.translations << xml.readElementText();
                        }
                    } else {
                        xml.skipCurrentElement();
                    }
                }
                messages << m;
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

inline bool isLive(const TsMessage& m)
{
    return m.type != QLatin1String("vanished") && m.type != QLatin1String("obsolete");
}

} // namespace flarechat::test
