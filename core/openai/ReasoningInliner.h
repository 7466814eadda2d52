#pragma once

#include "openai/ChatTypes.h"

namespace flarechat {

// For clients that want reasoning inside the content, as DeepSeek writes it: moves reasoning
// into "<think>…</think>\n\n" ahead of the answer. By default FlareChat keeps reasoning apart
// (reasoning_content); this is the opt-in alternative. Works on whole results and on streams.
class ReasoningInliner final
{
public:
    static ChatResult apply(const ChatResult& result);

    // Stream form: feed each delta in order, then finish() once.
    ChatDelta transform(const ChatDelta& delta);
    ChatDelta finish();

private:
    bool m_open = false;
};

} // namespace flarechat
