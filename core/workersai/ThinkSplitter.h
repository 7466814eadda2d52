#pragma once

#include <QString>

namespace flarechat {

// Splits a model's text into reasoning and answer where the model writes its reasoning
// inline as "<think>...</think>answer" (DeepSeek-R1 distills). Incremental: the text may
// arrive in pieces with a tag cut anywhere, and the opening "<think>" may be missing
// altogether (Workers AI's DeepSeek output starts inside the reasoning), so text before the
// first "</think>" counts as reasoning when the splitter starts in reasoning mode.
class ThinkSplitter final
{
public:
    struct Piece
    {
        QString reasoning;
        QString content;
    };

    // startInReasoning: true for models known to open with reasoning even without a tag.
    explicit ThinkSplitter(bool startInReasoning = true);

    Piece feed(const QString& text);
    // End of text: releases anything held back while waiting to see whether it was a tag.
    Piece finish();

    bool sawCloseTag() const { return m_sawClose; }
    bool inReasoning() const { return m_state == State::Reasoning; }

private:
    enum class State { Start, Reasoning, Answer };
    void emitText(Piece& out, const QString& text) const;

    State m_state;
    bool m_startInReasoning;
    bool m_sawClose = false;
    bool m_answerStarted = false; // leading whitespace after </think> is dropped
    QString m_held; // a suffix that may be the start of a tag
};

} // namespace flarechat
