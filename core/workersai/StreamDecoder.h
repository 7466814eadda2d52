#pragma once

#include "http/SseParser.h"
#include "openai/ChatTypes.h"
#include "workersai/ModelInfo.h"
#include "workersai/RequestTranslator.h"
#include "workersai/StopMatcher.h"
#include "workersai/ThinkSplitter.h"

#include <QHash>

namespace flarechat {

// Workers AI stream events → OpenAI deltas, one event at a time. Pure code. Handles both event
// shapes the run endpoint sends — legacy {"response":..., "p":..., "usage":...} events (padding
// ignored, numbers coerced to text) and OpenAI chat.completion.chunk events with
// reasoning_content / reasoning and tool-call deltas (the null finalization chunk skipped) —
// plus inline <think> reasoning, local stop sequences and the usage quirks (the last non-zero
// usage wins). The accumulated reply is available as result().
class StreamDecoder final
{
public:
    struct Output
    {
        ChatDelta delta;
        bool finished = false; // [DONE] seen, or a stop sequence ended the output
        bool stopHit = false; // a local stop sequence matched: the upstream request should be cancelled
        bool failed = false; // an error event, or the stream ended without [DONE]
        ApiError error;
    };

    StreamDecoder(const ModelInfo& model, const RunRequest& run, const QString& idSeed);

    Output feed(const SseParser::Event& event);
    // The upstream connection ended. Without [DONE] that is a truncated stream (failed).
    Output finish();

    const ChatResult& result() const { return m_result; }
    // The stop sequence that ended the reply, when our own matching saw it; empty otherwise.
    const QString& stopSequence() const { return m_stop.matched(); }
    bool isFinished() const { return m_finished; }
    int malformedEvents() const { return m_malformed; }

    // The deltas a stream of this whole reply would have carried (for synthesized streams).
    static QList<ChatDelta> deltasFor(const ChatResult& result);

private:
    void addContent(Output& out, const QString& raw);
    void addReasoning(Output& out, const QString& text);
    void addToolCallDelta(Output& out, const QJsonObject& tc);
    void addNativeToolCalls(Output& out, const QJsonArray& calls);
    void takeUsage(const QJsonValue& usage);
    void complete(Output& out);

    ModelInfo m_model;
    RunRequest m_run;
    QString m_idSeed;
    ThinkSplitter m_think;
    StopMatcher m_stop;
    bool m_splitThink;
    ChatResult m_result;
    QString m_upstreamFinish;
    QHash<int, int> m_toolIndex; // upstream index -> our index in m_result.toolCalls
    bool m_finished = false;
    int m_malformed = 0;
};

} // namespace flarechat
