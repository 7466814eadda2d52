#include "StreamDecoder.h"

#include "openai/ChatJson.h"
#include "workersai/ReplyTranslator.h"
#include "workersai/ToolCallIds.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace flarechat {

StreamDecoder::StreamDecoder(const ModelInfo& model, const RunRequest& run, const QString& idSeed)
    : m_model(model)
    , m_run(run)
    , m_idSeed(idSeed)
    , m_think(true)
    , m_stop(run.localStops)
    , m_splitThink(model.reasoning == ModelInfo::ReasoningStyle::ThinkTags)
{
}

void StreamDecoder::addReasoning(Output& out, const QString& text)
{
    if (text.isEmpty())
        return;
    out.delta.reasoning += text;
    m_result.reasoning += text;
}

void StreamDecoder::addContent(Output& out, const QString& raw)
{
    if (raw.isEmpty())
        return;
    QString content = raw;
    if (m_splitThink) {
        const ThinkSplitter::Piece piece = m_think.feed(raw);
        addReasoning(out, piece.reasoning);
        content = piece.content;
    }
    if (content.isEmpty())
        return;
    const StopMatcher::Result r = m_stop.feed(content);
    out.delta.content += r.text;
    m_result.content += r.text;
    if (r.stopped) {
        out.stopHit = true;
        complete(out);
    }
}

void StreamDecoder::addToolCallDelta(Output& out, const QJsonObject& tc)
{
    const QJsonObject fn = tc.value(QStringLiteral("function")).toObject();
    const QJsonValue idV = tc.value(QStringLiteral("id"));
    const QJsonValue nameV = fn.value(QStringLiteral("name"));
    const QJsonValue argsV = fn.value(QStringLiteral("arguments"));
    const bool nothing = (idV.isNull() || idV.isUndefined()) && (nameV.isNull() || nameV.isUndefined())
        && (argsV.isNull() || argsV.isUndefined() || (argsV.isString() && argsV.toString().isEmpty()));
    if (nothing)
        return; // the null "finalization" chunk some vLLM models send

    const int upstreamIndex = tc.value(QStringLiteral("index")).toInt(m_toolIndex.size());
    ToolCallDelta d;
    auto it = m_toolIndex.constFind(upstreamIndex);
    if (it == m_toolIndex.constEnd()) {
        const int ours = static_cast<int>(m_result.toolCalls.size());
        m_toolIndex.insert(upstreamIndex, ours);
        QString id = m_run.toolIds.original(idV.toString());
        if (id.isEmpty())
            id = ToolCallIds::forReply(m_idSeed, ours);
        m_result.toolCalls.append(ToolCall {id, nameV.toString(), {}});
        d.index = ours;
        d.id = id;
        d.name = nameV.toString();
    } else {
        d.index = it.value();
        ToolCall& call = m_result.toolCalls[d.index];
        if (call.name.isEmpty() && nameV.isString()) {
            call.name = nameV.toString();
            d.name = call.name;
        }
    }
    if (argsV.isString()) {
        d.arguments = argsV.toString();
    } else if (argsV.isObject()) {
        d.arguments = ReplyTranslator::argumentsText(argsV);
    }
    m_result.toolCalls[d.index].arguments += d.arguments;
    out.delta.toolCalls.append(d);
}

void StreamDecoder::addNativeToolCalls(Output& out, const QJsonArray& calls)
{
    for (const QJsonValue& v : calls) {
        const QJsonObject c = v.toObject();
        if (c.contains(QStringLiteral("function")) || c.contains(QStringLiteral("index"))) {
            addToolCallDelta(out, c);
            continue;
        }
        const QString name = c.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            continue;
        const int ours = static_cast<int>(m_result.toolCalls.size());
        QString id = m_run.toolIds.original(c.value(QStringLiteral("id")).toString());
        if (id.isEmpty())
            id = ToolCallIds::forReply(m_idSeed, ours);
        const QString args = ReplyTranslator::argumentsText(c.value(QStringLiteral("arguments")));
        m_result.toolCalls.append(ToolCall {id, name, args});
        out.delta.toolCalls.append(ToolCallDelta {ours, id, name, args});
    }
}

void StreamDecoder::takeUsage(const QJsonValue& usage)
{
    if (!usage.isObject())
        return;
    const Usage u = ChatJson::readUsage(usage.toObject());
    if (u.valid && !u.isZero())
        m_result.usage = u; // some streams end with an all-zero usage frame: keep the real one
}

void StreamDecoder::complete(Output& out)
{
    if (m_finished)
        return;
    if (m_splitThink) {
        const ThinkSplitter::Piece rest = m_think.finish();
        addReasoning(out, rest.reasoning);
        if (!rest.content.isEmpty() && !m_stop.hasStopped()) {
            const StopMatcher::Result r = m_stop.feed(rest.content);
            out.delta.content += r.text;
            m_result.content += r.text;
            out.stopHit = out.stopHit || r.stopped;
        }
    }
    const QString tail = m_stop.finish();
    out.delta.content += tail;
    m_result.content += tail;

    m_finished = true;
    out.finished = true;
    if (out.stopHit) {
        m_result.finishReason = QStringLiteral("stop");
        return;
    }
    m_result.finishReason = m_upstreamFinish;
    ReplyTranslator::finishReasonFor(m_result, m_run);
}

StreamDecoder::Output StreamDecoder::feed(const SseParser::Event& event)
{
    Output out;
    if (m_finished)
        return out;
    const QByteArray data = event.data.trimmed();
    if (data == "[DONE]") {
        complete(out);
        return out;
    }
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        ++m_malformed; // skip it: one bad event must not lose the rest of the reply
        return out;
    }
    const QJsonObject o = doc.object();

    // Errors inside the stream: {"error":...} or a Cloudflare envelope with success:false.
    const QJsonValue errV = o.value(QStringLiteral("error"));
    const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
    if (event.event == "error" || (errV.isObject() || errV.isString())
        || (!errors.isEmpty() && !o.value(QStringLiteral("success")).toBool(true))) {
        QString message;
        int code = 0;
        if (errV.isObject()) {
            message = errV.toObject().value(QStringLiteral("message")).toString();
        } else if (errV.isString()) {
            message = errV.toString();
        } else if (!errors.isEmpty()) {
            message = errors.first().toObject().value(QStringLiteral("message")).toString();
            code = errors.first().toObject().value(QStringLiteral("code")).toInt();
        }
        if (message.isEmpty())
            message = QString::fromUtf8(data.left(500));
        out.failed = true;
        out.error = ApiError::upstream(502, ErrorType::Api,
            QStringLiteral("Workers AI reported an error mid-stream: %1").arg(message), ErrorCode::UpstreamStreamError);
        out.error.upstreamCode = code;
        m_finished = true;
        return out;
    }

    // OpenAI chunk shape.
    const QJsonArray choices = o.value(QStringLiteral("choices")).toArray();
    for (const QJsonValue& cv : choices) {
        const QJsonObject choice = cv.toObject();
        const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
        QString reasoning = delta.value(QStringLiteral("reasoning_content")).toString();
        if (reasoning.isEmpty())
            reasoning = delta.value(QStringLiteral("reasoning")).toString();
        addReasoning(out, reasoning);
        addContent(out, ReplyTranslator::stringify(delta.value(QStringLiteral("content"))));
        if (m_finished)
            return out;
        for (const QJsonValue& tc : delta.value(QStringLiteral("tool_calls")).toArray())
            addToolCallDelta(out, tc.toObject());
        const QString fr = choice.value(QStringLiteral("finish_reason")).toString();
        if (!fr.isEmpty())
            m_upstreamFinish = fr; // may arrive mid-stream with more content after it: keep reading
    }

    // Legacy shape (and the universal terminal frame {"response":"","usage":...}).
    if (o.contains(QStringLiteral("response"))) {
        addContent(out, ReplyTranslator::stringify(o.value(QStringLiteral("response"))));
        if (m_finished)
            return out;
    }
    if (o.contains(QStringLiteral("tool_calls")))
        addNativeToolCalls(out, o.value(QStringLiteral("tool_calls")).toArray());
    const QString topFinish = o.value(QStringLiteral("finish_reason")).toString();
    if (!topFinish.isEmpty())
        m_upstreamFinish = topFinish;
    takeUsage(o.value(QStringLiteral("usage")));
    return out;
}

StreamDecoder::Output StreamDecoder::finish()
{
    Output out;
    if (m_finished)
        return out;
    // Release what was held back, then report the truncation: the caller keeps what arrived.
    if (m_splitThink) {
        const ThinkSplitter::Piece rest = m_think.finish();
        addReasoning(out, rest.reasoning);
        out.delta.content += rest.content;
        m_result.content += rest.content;
    }
    const QString tail = m_stop.finish();
    out.delta.content += tail;
    m_result.content += tail;
    m_finished = true;
    out.failed = true;
    out.error = ApiError::upstream(502, ErrorType::Api,
        QStringLiteral("The Workers AI stream ended before it was complete "
                       "(no [DONE]); the reply is truncated."),
        ErrorCode::UpstreamStreamTruncated);
    return out;
}

QList<ChatDelta> StreamDecoder::deltasFor(const ChatResult& r)
{
    QList<ChatDelta> out;
    if (!r.reasoning.isEmpty()) {
        ChatDelta d;
        d.reasoning = r.reasoning;
        out.append(d);
    }
    if (!r.content.isEmpty()) {
        ChatDelta d;
        d.content = r.content;
        out.append(d);
    }
    if (!r.toolCalls.isEmpty()) {
        ChatDelta d;
        for (int i = 0; i < r.toolCalls.size(); ++i) {
            const ToolCall& c = r.toolCalls.at(i);
            d.toolCalls.append(ToolCallDelta {i, c.id, c.name, c.arguments});
        }
        out.append(d);
    }
    return out;
}

} // namespace flarechat
