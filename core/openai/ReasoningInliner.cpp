#include "ReasoningInliner.h"

namespace flarechat {

namespace {
const QString kOpen = QStringLiteral("<think>\n");
const QString kClose = QStringLiteral("\n</think>\n\n");
} // namespace

ChatResult ReasoningInliner::apply(const ChatResult& result)
{
    ChatResult r = result;
    if (!r.reasoning.isEmpty()) {
        r.content = kOpen + r.reasoning + kClose + r.content;
        r.reasoning.clear();
    }
    return r;
}

ChatDelta ReasoningInliner::transform(const ChatDelta& delta)
{
    ChatDelta out;
    out.toolCalls = delta.toolCalls;
    if (!delta.reasoning.isEmpty()) {
        if (!m_open) {
            out.content += kOpen;
            m_open = true;
        }
        out.content += delta.reasoning;
    }
    if (!delta.content.isEmpty() || !delta.toolCalls.isEmpty()) {
        if (m_open) {
            out.content += kClose;
            m_open = false;
        }
        out.content += delta.content;
    }
    return out;
}

ChatDelta ReasoningInliner::finish()
{
    ChatDelta out;
    if (m_open) {
        out.content = kClose;
        m_open = false;
    }
    return out;
}

} // namespace flarechat
