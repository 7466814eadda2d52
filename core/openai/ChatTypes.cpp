#include "ChatTypes.h"

namespace flarechat {

// ---------------------------------------------------------------------------------------------
// ChatMessage

QString ChatMessage::textContent() const
{
    switch (contentKind) {
    case ContentKind::Null:
        return {};
    case ContentKind::Text:
        return text;
    case ContentKind::Parts:
        break;
    }
    QStringList texts;
    for (const ContentPart& part : parts) {
        if (part.kind == ContentPart::Kind::Text)
            texts.append(part.text);
    }
    return texts.join(QLatin1Char('\n'));
}

bool ChatMessage::hasImages() const
{
    if (contentKind != ContentKind::Parts)
        return false;
    for (const ContentPart& part : parts) {
        if (part.kind == ContentPart::Kind::ImageUrl)
            return true;
    }
    return false;
}

} // namespace flarechat
