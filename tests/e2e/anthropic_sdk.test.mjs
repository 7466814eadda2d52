// The official Anthropic SDK for JavaScript (npm `@anthropic-ai/sdk`, pinned in package.json)
// against `flarechat serve`'s /v1/messages, which talks to the fake Workers AI server. Run by
// run_e2e.sh, which starts both and passes the server's address and key:
//   FLARECHAT_E2E_BASE_URL=http://127.0.0.1:PORT/v1 FLARECHAT_E2E_API_KEY=sk-... node --test anthropic_sdk.test.mjs
// The fake's default replies: "You said: <last user text>" cut into word tokens, "Tool result:
// <content>" after a tool result; glm-4.7-flash reasons, then calls the first tool when the last
// message is the user's. claude-* names map to glm-4.7-flash (opus, sonnet) and gemma-4 (haiku).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';

const base = process.env.FLARECHAT_E2E_BASE_URL;
const apiKey = process.env.FLARECHAT_E2E_API_KEY;
if (!base || !apiKey) {
    throw new Error('FLARECHAT_E2E_BASE_URL and FLARECHAT_E2E_API_KEY must be set (run through run_e2e.sh)');
}
// The Anthropic SDK adds /v1 itself, as Claude Code's ANTHROPIC_BASE_URL does.
const baseURL = base.replace(/\/v1$/, '');
const client = new Anthropic({ baseURL, apiKey, timeout: 20_000, maxRetries: 0 });
const T = { timeout: 30_000 };

const WEATHER_TOOL = {
    name: 'get_weather',
    description: 'Current weather in a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const textOf = (message) => message.content.filter((b) => b.type === 'text').map((b) => b.text).join('');

function assertMessage(m, model) {
    assert.match(m.id, /^msg_/);
    assert.equal(m.type, 'message');
    assert.equal(m.role, 'assistant');
    assert.equal(m.model, model, 'model as the client asked');
    assert.ok(Array.isArray(m.content) && m.content.length > 0);
    assert.ok(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use'].includes(m.stop_reason), m.stop_reason);
    assert.ok(Number.isInteger(m.usage.input_tokens) && m.usage.input_tokens > 0, 'input_tokens > 0');
    assert.ok(Number.isInteger(m.usage.output_tokens) && m.usage.output_tokens > 0, 'output_tokens > 0');
}

describe('messages.create', () => {
    test('a whole message', T, async () => {
        const m = await client.messages.create({
            model: 'llama-3.3-70b',
            max_tokens: 256,
            system: 'Be brief.',
            messages: [{ role: 'user', content: 'Hello from the SDK' }],
        });
        assertMessage(m, 'llama-3.3-70b');
        assert.equal(textOf(m), 'You said: Hello from the SDK');
        assert.equal(m.stop_reason, 'end_turn');
        assert.equal(m.stop_sequence, null);
    });

    test('a Claude name answers, echoed back', T, async () => {
        const m = await client.messages.create({
            model: 'claude-3-5-haiku-20241022',
            max_tokens: 64,
            messages: [{ role: 'user', content: [{ type: 'text', text: 'Title please' }] }],
        });
        assertMessage(m, 'claude-3-5-haiku-20241022');
        assert.equal(textOf(m), 'You said: Title please');
    });

    test('stop sequences', T, async () => {
        const m = await client.messages.create({
            model: 'llama-3.3-70b',
            max_tokens: 64,
            stop_sequences: ['STOP'],
            messages: [{ role: 'user', content: 'one two STOP three' }],
        });
        assert.equal(m.stop_reason, 'stop_sequence');
        assert.equal(m.stop_sequence, 'STOP');
        assert.equal(textOf(m), 'You said: one two ');
    });

    test('thinking blocks from a reasoning model', T, async () => {
        const m = await client.messages.create({
            model: 'claude-sonnet-4-5',
            max_tokens: 1024,
            thinking: { type: 'enabled', budget_tokens: 1024 },
            messages: [{ role: 'user', content: 'Think first' }],
        });
        assertMessage(m, 'claude-sonnet-4-5');
        assert.equal(m.content[0].type, 'thinking');
        assert.ok(m.content[0].thinking.length > 0);
    });
});

describe('streaming', () => {
    test('raw events in Anthropic order', T, async () => {
        const stream = await client.messages.create({
            model: 'llama-3.3-70b',
            max_tokens: 256,
            stream: true,
            messages: [{ role: 'user', content: 'Stream to me' }],
        });
        const types = [];
        let text = '';
        for await (const event of stream) {
            types.push(event.type);
            if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        }
        assert.equal(types[0], 'message_start');
        assert.equal(types[1], 'content_block_start');
        assert.deepEqual(types.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
        assert.equal(text, 'You said: Stream to me');
    });

    test('the messages.stream() helper', T, async () => {
        const stream = client.messages.stream({
            model: 'llama-3.3-70b',
            max_tokens: 256,
            messages: [{ role: 'user', content: 'Helper stream' }],
        });
        let text = '';
        stream.on('text', (t) => { text += t; });
        const m = await stream.finalMessage();
        assertMessage(m, 'llama-3.3-70b');
        assert.equal(text, 'You said: Helper stream');
        assert.equal(textOf(m), 'You said: Helper stream');
        assert.equal(m.stop_reason, 'end_turn');
    });

    test('thinking and text streamed', T, async () => {
        const m = await client.messages.stream({
            model: 'glm-4.7-flash',
            max_tokens: 1024,
            thinking: { type: 'enabled', budget_tokens: 1024 },
            messages: [{ role: 'user', content: 'Reason about it' }],
        }).finalMessage();
        assert.equal(m.content[0].type, 'thinking');
        assert.ok(m.content[0].thinking.length > 0);
        assert.equal(textOf(m), 'You said: Reason about it');
    });
});

describe('tools', () => {
    for (const stream of [false, true]) {
        test(`a round trip across turns (${stream ? 'stream' : 'whole'})`, T, async () => {
            const question = { role: 'user', content: 'What is the weather in Paris?' };
            const params = { model: 'claude-sonnet-4-5', max_tokens: 1024, tools: [WEATHER_TOOL], messages: [question] };
            const first = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
            assert.equal(first.stop_reason, 'tool_use');
            const call = first.content.find((b) => b.type === 'tool_use');
            assert.ok(call, 'a tool_use block');
            assert.match(call.id, /^toolu_/);
            assert.equal(call.name, 'get_weather');
            assert.equal(typeof call.input, 'object');
            assert.equal(typeof call.input.city, 'string');
            const second = await client.messages.create({
                ...params,
                messages: [
                    question,
                    { role: 'assistant', content: first.content },
                    { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21 C' }] },
                ],
            });
            assert.equal(textOf(second), 'Tool result: Sunny, 21 C');
        });
    }
});

describe('count_tokens and models', () => {
    test('count_tokens estimates', T, async () => {
        const r = await client.messages.countTokens({
            model: 'claude-sonnet-4-5',
            messages: [{ role: 'user', content: 'How many tokens is this?' }],
        });
        assert.ok(Number.isInteger(r.input_tokens) && r.input_tokens > 0);
    });

    test('models.list in Anthropic shape', T, async () => {
        const page = await client.models.list();
        assert.ok(page.data.length > 0);
        assert.equal(page.data[0].type, 'model');
        assert.ok(page.data[0].id.length > 0);
        assert.ok(page.data[0].display_name.length > 0);
    });
});

describe('errors as the SDK types them', () => {
    test('a wrong key is an AuthenticationError', T, async () => {
        const bad = new Anthropic({ baseURL, apiKey: 'sk-flarechat-wrong', maxRetries: 0, timeout: 10_000 });
        await assert.rejects(
            bad.messages.create({ model: 'llama-3.3-70b', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
            (e) => e instanceof Anthropic.AuthenticationError && e.status === 401 && e.error?.error?.type === 'authentication_error');
    });

    test('an unknown model is a NotFoundError', T, async () => {
        await assert.rejects(
            client.messages.create({ model: 'no-such-model', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
            (e) => e instanceof Anthropic.NotFoundError && e.status === 404 && e.error?.type === 'error');
    });

    test('a missing max_tokens is a BadRequestError', T, async () => {
        await assert.rejects(
            client.messages.create({ model: 'llama-3.3-70b', messages: [{ role: 'user', content: 'x' }] }),
            (e) => e instanceof Anthropic.BadRequestError && e.status === 400
                && e.error?.error?.type === 'invalid_request_error' && /max_tokens/.test(e.message));
    });

    test('a URL image is a BadRequestError that says why', T, async () => {
        await assert.rejects(
            client.messages.create({
                model: 'llama-4-scout',
                max_tokens: 8,
                messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] }],
            }),
            (e) => e instanceof Anthropic.BadRequestError && /URL/.test(e.message));
    });
});
