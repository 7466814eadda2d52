// The official OpenAI SDK for JavaScript (npm `openai`, pinned in package.json), its Responses
// API, against `flarechat serve` on /v1/responses, which talks to the fake Workers AI server. Run
// by run_e2e.sh, which starts both and passes the server's address and key:
//   FLARECHAT_E2E_BASE_URL=http://127.0.0.1:PORT/v1 FLARECHAT_E2E_API_KEY=sk-... node --test responses_sdk.test.mjs
// The fake's default replies: "You said: <last user text>" cut into word tokens; glm-4.7-flash
// reasons when asked and calls the first tool when the last message is the user's; a tool
// result is answered "Tool result: <content>".
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.FLARECHAT_E2E_BASE_URL;
const apiKey = process.env.FLARECHAT_E2E_API_KEY;
if (!baseURL || !apiKey) {
    throw new Error('FLARECHAT_E2E_BASE_URL and FLARECHAT_E2E_API_KEY must be set (run through run_e2e.sh)');
}

const client = new OpenAI({ baseURL, apiKey, timeout: 20_000, maxRetries: 0 });
const T = { timeout: 30_000 };
const MODEL = 'llama-3.3-70b';
const TOOL_MODEL = 'glm-4.7-flash';
const WEATHER = {
    type: 'function',
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: false,
};

function assertUsage(usage, what) {
    assert.ok(usage, `${what}: usage present`);
    assert.ok(usage.input_tokens > 0, `${what}: input_tokens > 0`);
    assert.ok(usage.output_tokens > 0, `${what}: output_tokens > 0`);
    assert.equal(usage.total_tokens, usage.input_tokens + usage.output_tokens, `${what}: total`);
    assert.equal(typeof usage.output_tokens_details?.reasoning_tokens, 'number', `${what}: reasoning_tokens`);
}

describe('responses.create', () => {
    test('a string input gives a completed response with output_text', T, async () => {
        const r = await client.responses.create({ model: MODEL, input: 'Hello there' });
        assert.match(r.id, /^resp_/);
        assert.equal(r.object, 'response');
        assert.equal(r.status, 'completed');
        assert.equal(r.model, MODEL);
        assert.equal(r.output_text, 'You said: Hello there');
        assert.equal(r.output[0].type, 'message');
        assert.equal(r.output[0].content[0].type, 'output_text');
        assertUsage(r.usage, 'create');
    });

    test('instructions and message items', T, async () => {
        const r = await client.responses.create({
            model: MODEL,
            instructions: 'Answer briefly.',
            input: [
                { role: 'developer', content: 'Be kind.' },
                { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Items work' }] },
            ],
        });
        assert.equal(r.output_text, 'You said: Items work');
        assert.equal(r.instructions, 'Answer briefly.');
    });

    test('reasoning comes as a reasoning item before the message', T, async () => {
        const r = await client.responses.create({ model: TOOL_MODEL, input: 'Why is the sky blue', reasoning: { effort: 'high' } });
        assert.equal(r.output[0].type, 'reasoning');
        assert.ok(r.output[0].content[0].text.length > 0);
        assert.deepEqual(r.output[0].summary, []);
        assert.equal(r.output_text, 'You said: Why is the sky blue');
    });

    test('JSON schema output', T, async () => {
        const r = await client.responses.create({
            model: MODEL,
            input: 'A city as JSON',
            text: { format: { type: 'json_schema', name: 'city', strict: true, schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } } },
        });
        assert.equal(typeof JSON.parse(r.output_text).name, 'string');
    });
});

describe('responses.stream', () => {
    test('events in order, with sequence numbers, and the final response', T, async () => {
        const stream = client.responses.stream({ model: MODEL, input: 'Stream this please' });
        const types = [];
        let text = '';
        let seq = -1;
        for await (const event of stream) {
            types.push(event.type);
            assert.equal(event.sequence_number, seq + 1, 'sequence numbers count up from 0');
            seq = event.sequence_number;
            if (event.type === 'response.output_text.delta') text += event.delta;
        }
        const final = await stream.finalResponse();
        assert.equal(text, 'You said: Stream this please');
        assert.equal(final.output_text, text);
        assert.equal(final.status, 'completed');
        assertUsage(final.usage, 'stream');
        assert.deepEqual(types.slice(0, 4), ['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
        assert.deepEqual(types.slice(-4), ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed']);
    });

    test('create({stream: true}) gives the same events', T, async () => {
        const stream = await client.responses.create({ model: MODEL, input: 'raw stream', stream: true });
        let completed;
        let text = '';
        for await (const event of stream) {
            if (event.type === 'response.output_text.delta') text += event.delta;
            if (event.type === 'response.completed') completed = event.response;
        }
        assert.equal(text, 'You said: raw stream');
        assert.equal(completed.output_text ?? completed.output[0].content[0].text, text);
    });

    test('reasoning_text deltas stream apart from the text', T, async () => {
        const stream = client.responses.stream({ model: TOOL_MODEL, input: 'think first', reasoning: { effort: 'low' } });
        let reasoning = '';
        let text = '';
        for await (const event of stream) {
            if (event.type === 'response.reasoning_text.delta') reasoning += event.delta;
            if (event.type === 'response.output_text.delta') text += event.delta;
        }
        assert.ok(reasoning.length > 0);
        assert.equal(text, 'You said: think first');
    });
});

describe('function calls', () => {
    for (const stream of [false, true]) {
        test(`a round trip across turns${stream ? ' (streamed)' : ''}`, T, async () => {
            const input = [{ role: 'user', content: 'Weather in Paris?' }];
            let first;
            if (stream) {
                const s = client.responses.stream({ model: TOOL_MODEL, input, tools: [WEATHER] });
                let args = '';
                for await (const event of s) {
                    if (event.type === 'response.function_call_arguments.delta') args += event.delta;
                }
                first = await s.finalResponse();
                assert.equal(first.output.find((o) => o.type === 'function_call').arguments, args);
            } else {
                first = await client.responses.create({ model: TOOL_MODEL, input, tools: [WEATHER] });
            }
            const call = first.output.find((o) => o.type === 'function_call');
            assert.ok(call, 'a function_call item');
            assert.equal(call.name, 'get_weather');
            assert.match(call.id, /^fc_/);
            assert.ok(call.call_id.length > 0);
            assert.equal(typeof JSON.parse(call.arguments).city, 'string');
            const second = await client.responses.create({
                model: TOOL_MODEL,
                tools: [WEATHER],
                input: [...input, call, { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21 C' }],
            });
            assert.equal(second.output_text, 'Tool result: Sunny, 21 C');
        });
    }

    test('previous_response_id continues with only the tool output', T, async () => {
        const first = await client.responses.create({ model: TOOL_MODEL, input: 'Weather in Rome?', tools: [WEATHER] });
        const call = first.output.find((o) => o.type === 'function_call');
        const second = await client.responses.create({
            model: TOOL_MODEL,
            previous_response_id: first.id,
            tools: [WEATHER],
            input: [{ type: 'function_call_output', call_id: call.call_id, output: 'Cloudy' }],
        });
        assert.equal(second.previous_response_id, first.id);
        assert.equal(second.output_text, 'Tool result: Cloudy');
    });
});

describe('stored responses and errors', () => {
    test('retrieve and delete', T, async () => {
        const r = await client.responses.create({ model: MODEL, input: 'keep this' });
        const got = await client.responses.retrieve(r.id);
        assert.equal(got.id, r.id);
        assert.equal(got.output_text ?? got.output[0].content[0].text, 'You said: keep this');
        await client.responses.delete(r.id);
        await assert.rejects(client.responses.retrieve(r.id), (e) => e instanceof OpenAI.NotFoundError);
    });

    test('an unknown previous_response_id is a 404', T, async () => {
        await assert.rejects(
            client.responses.create({ model: MODEL, input: 'x', previous_response_id: 'resp_nope' }),
            (e) => e instanceof OpenAI.NotFoundError && e.param === 'previous_response_id',
        );
    });

    test('a bad request is a 400 naming the field', T, async () => {
        await assert.rejects(
            client.responses.create({ model: MODEL, input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/a.png' }] }] }),
            (e) => e instanceof OpenAI.BadRequestError && e.param === 'input[0].content[0].image_url',
        );
    });

    test('an unknown model is a 404', T, async () => {
        await assert.rejects(client.responses.create({ model: 'no-such-model', input: 'x' }), (e) => e instanceof OpenAI.NotFoundError);
    });

    test('hosted tools are left out, never a 400', T, async () => {
        const r = await client.responses.create({ model: MODEL, input: 'search?', tools: [{ type: 'web_search' }], store: false });
        assert.equal(r.output_text, 'You said: search?');
        assert.equal(r.store, false);
    });
});
