// Input checks of the fake, as Cloudflare's JSON Schemas and vLLM make them: message content,
// tool-call ids and their pairing (reference §11), reasoning switches (§4.8) and context windows.

#include "FakeWorkersAi.h"
#include "FakeWorkersAiInternal.h"

#include <QRegularExpression>
#include <QSet>

namespace flarechat::test::detail {

using E = FakeWorkersAi::Error;

namespace {

bool fail(FakeWorkersAi::Script* error, E kind, const QString& detail = {})
{
    *error = FakeWorkersAi::error(kind, detail);
    return false;
}

} // namespace

bool checkMessages(const QJsonArray& messages, const ModelProfile& t, bool openAiCompat, FakeWorkersAi::Script* error)
{
    if (messages.isEmpty())
        return fail(error, E::BadInput);
    for (const QJsonValue& v : messages) {
        if (!v.isObject())
            return fail(error, E::BadInput);
        const QJsonObject m = v.toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        const QJsonValue content = m.value(QLatin1String("content"));
        if (role.isEmpty())
            return fail(error, E::BadInput);
        // The binding rejects content null or missing (reference §1); the OpenAI layer allows
        // it on an assistant turn that only calls tools.
        const bool toolTurn = role == QLatin1String("assistant") && m.contains(QLatin1String("tool_calls"));
        if (content.isNull() || content.isUndefined()) {
            if (!(openAiCompat && toolTurn))
                return fail(error, E::BadInput);
        } else if (content.isArray()) {
            if (t.stringOnly)
                return fail(error, E::BadInput);
            for (const QJsonValue& pv : content.toArray()) {
                const QJsonObject part = pv.toObject();
                const QString type = part.value(QLatin1String("type")).toString();
                if (type == QLatin1String("text") && part.value(QLatin1String("text")).isString())
                    continue;
                if (type == QLatin1String("image_url") && t.vision) {
                    // Only data: URIs; "HTTP URL will not be accepted" (reference §1).
                    const QString url
                        = part.value(QLatin1String("image_url")).toObject().value(QLatin1String("url")).toString();
                    if (url.startsWith(QLatin1String("data:image/")))
                        continue;
                }
                return fail(error, E::BadInput);
            }
        } else if (!content.isString()) {
            return fail(error, E::BadInput);
        }
    }
    return true;
}

bool checkToolCallIds(const QJsonArray& messages, FakeWorkersAi::Script* error)
{
    // Every model: ids must be 9 alphanumerics (what Workers AI answered a chatcmpl-tool-... id
    // with), and a tool result must answer a call an earlier assistant turn made.
    static const QRegularExpression nineAlnum(QStringLiteral("^[a-zA-Z0-9]{9}$"));
    QSet<QString> calls;
    for (const QJsonValue& v : messages) {
        const QJsonObject m = v.toObject();
        for (const QJsonValue& c : m.value(QLatin1String("tool_calls")).toArray()) {
            const QJsonObject call = c.toObject();
            const QJsonValue id = call.value(QLatin1String("id"));
            // Native calls {name, arguments} carry no id; OpenAI calls {id, type, function} must.
            if (id.isUndefined() && !call.contains(QLatin1String("function")))
                continue;
            if (!id.isString() || !nineAlnum.match(id.toString()).hasMatch())
                return fail(error, E::BadToolCallId);
            calls.insert(id.toString());
        }
        const QJsonValue answered = m.value(QLatin1String("tool_call_id"));
        if (answered.isUndefined())
            continue;
        if (!answered.isString() || !nineAlnum.match(answered.toString()).hasMatch())
            return fail(error, E::BadToolCallId);
        if (!calls.contains(answered.toString()))
            return fail(error, E::UnpairedToolCallId, answered.toString());
    }
    return true;
}

bool decideReasoning(const QJsonObject& body, const FakeWorkersAi::ReasoningControl& c, bool responsesForm,
    ReasoningDecision* decision, FakeWorkersAi::Script* error)
{
    decision->on = c.reasons && (c.defaultOn || c.mandatory);
    decision->effort.clear();
    if (!c.reasons)
        return true; // a model without reasoning ignores the knobs
    QString effort;
    QJsonValue sent = body.value(QLatin1String("reasoning_effort"));
    if (responsesForm && body.value(QLatin1String("reasoning")).isObject())
        sent = body.value(QLatin1String("reasoning")).toObject().value(QLatin1String("effort"));
    const bool effortsKnown = !c.efforts.isEmpty() || !c.offEfforts.isEmpty() || !c.normalizedEfforts.isEmpty();
    if (!sent.isUndefined() && effortsKnown) {
        if (sent.isNull()) {
            if (!c.normalizeTo.isEmpty())
                effort = c.normalizeTo;
            else if (!c.offEfforts.isEmpty() && !c.mandatory)
                decision->on = false;
        } else if (!sent.isString()) {
            return fail(error, E::InvalidInput);
        } else if (c.normalizedEfforts.contains(sent.toString())) {
            effort = c.normalizeTo;
        } else if (c.offEfforts.contains(sent.toString())) {
            decision->on = false;
        } else if (c.efforts.contains(sent.toString())) {
            decision->on = true;
            effort = sent.toString();
        } else {
            return fail(error, E::InvalidInput); // outside the model's supported efforts
        }
    }
    const QJsonValue kwargs = body.value(QLatin1String("chat_template_kwargs"));
    if (kwargs.isObject() && c.toggle != FakeWorkersAi::ThinkingSwitch::None) {
        const QLatin1String key(c.toggle == FakeWorkersAi::ThinkingSwitch::Thinking ? "thinking" : "enable_thinking");
        const QJsonValue toggle = kwargs.toObject().value(key);
        if (!toggle.isUndefined()) {
            if (!toggle.isBool() || (c.toggleOnlyTrue && !toggle.toBool()))
                return fail(error, E::InvalidInput);
            decision->on = toggle.toBool(); // the explicit switch wins over the effort
        }
    }
    if (c.mandatory)
        decision->on = true;
    if (decision->on && effort.isEmpty())
        effort = c.defaultEffort;
    decision->effort = decision->on ? effort : QString();
    return true;
}

int requestedCompletionTokens(const QJsonObject& body)
{
    for (const char* key : {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
        if (body.value(QLatin1String(key)).isDouble())
            return body.value(QLatin1String(key)).toInt();
    }
    return -1;
}

bool checkContextWindow(const QJsonObject& body, int promptTokens, int contextWindow, FakeWorkersAi::Script* error)
{
    if (contextWindow <= 0)
        return true;
    const int completion = qMax(0, requestedCompletionTokens(body));
    const qint64 requested = qint64(promptTokens) + completion;
    if (requested <= contextWindow)
        return true;
    return fail(error, E::ContextLength,
        QStringLiteral("This model's maximum context length is %1 tokens. However, you requested %2 tokens (%3 in "
                       "the messages, %4 in the completion). Please reduce the length of the messages or completion.")
            .arg(contextWindow)
            .arg(requested)
            .arg(promptTokens)
            .arg(completion));
}

} // namespace flarechat::test::detail
