#include "ThinkSplitter.h"

namespace flarechat {

namespace {
const QString kOpen = QStringLiteral("<think>");
const QString kClose = QStringLiteral("</think>");

// Length of the longest suffix of text that is a proper prefix of tag.
qsizetype partialTagSuffix(const QString& text, const QString& tag)
{
    const qsizetype max = qMin(text.size(), tag.size() - 1);
    for (qsizetype n = max; n > 0; --n) {
        if (QStringView(text).right(n) == QStringView(tag).left(n))
            return n;
    }
    return 0;
}
} // namespace

ThinkSplitter::ThinkSplitter(bool startInReasoning)
    : m_state(State::Start)
    , m_startInReasoning(startInReasoning)
{
}

void ThinkSplitter::emitText(Piece& out, const QString& text) const
{
    if (m_state == State::Answer)
        out.content += text;
    else
        out.reasoning += text;
}

ThinkSplitter::Piece ThinkSplitter::feed(const QString& text)
{
    Piece out;
    QString buf = m_held + text;
    m_held.clear();

    while (!buf.isEmpty()) {
        if (m_state == State::Start) {
            // Skip leading whitespace, then look for an explicit "<think>".
            qsizetype i = 0;
            while (i < buf.size() && buf.at(i).isSpace())
                ++i;
            const QStringView rest = QStringView(buf).mid(i);
            if (rest.isEmpty()) {
                m_held = buf; // only whitespace so far: undecided
                return out;
            }
            if (rest.startsWith(kOpen)) {
                m_state = State::Reasoning;
                buf = buf.mid(i + kOpen.size());
                continue;
            }
            if (kOpen.startsWith(rest)) { // "<thi" — wait for more
                m_held = buf;
                return out;
            }
            m_state = m_startInReasoning ? State::Reasoning : State::Answer;
            if (m_state == State::Answer) {
                m_answerStarted = true;
                out.content += buf;
                return out;
            }
            continue;
        }
        if (m_state == State::Reasoning) {
            const qsizetype close = buf.indexOf(kClose);
            if (close >= 0) {
                out.reasoning += buf.left(close);
                buf = buf.mid(close + kClose.size());
                m_state = State::Answer;
                m_sawClose = true;
                continue;
            }
            const qsizetype keep = partialTagSuffix(buf, kClose);
            out.reasoning += buf.left(buf.size() - keep);
            m_held = buf.right(keep);
            return out;
        }
        // Answer: drop the blank lines the model puts after </think>.
        if (!m_answerStarted) {
            qsizetype i = 0;
            while (i < buf.size() && buf.at(i).isSpace())
                ++i;
            if (i == buf.size())
                return out;
            buf = buf.mid(i);
            m_answerStarted = true;
        }
        out.content += buf;
        return out;
    }
    return out;
}

ThinkSplitter::Piece ThinkSplitter::finish()
{
    Piece out;
    if (m_held.isEmpty())
        return out;
    if (m_state == State::Start) {
        // Only whitespace or an unfinished "<think" arrived: that is answer text.
        if (!m_held.trimmed().isEmpty())
            out.content = m_held;
    } else {
        emitText(out, m_held);
    }
    m_held.clear();
    return out;
}

} // namespace flarechat
