// The official OpenAI SDK for JavaScript (npm `openai`, pinned in package.json) against
// `flarechat serve`, which talks to the fake Workers AI server. Run by run_e2e.sh, which starts
// both and passes the server's address and key:
//   FLARECHAT_E2E_BASE_URL=http://127.0.0.1:PORT/v1 FLARECHAT_E2E_API_KEY=sk-... node --test openai_sdk.test.mjs
// The fake's default replies: "You said: <last user text>" cut into word tokens; deepseek-r1
// thinks first ("The user wrote N words, so I will echo them back."); glm-4.7-flash calls the
// first tool when the last message is the user's; bge-m3 embeds.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.FLARECHAT_E2E_BASE_URL;
const apiKey = process.env.FLARECHAT_E2E_API_KEY;
if (!baseURL || !apiKey) {
    throw new Error('FLARECHAT_E2E_BASE_URL and FLARECHAT_E2E_API_KEY must be set (run through run_e2e.sh)');
}

// Every request bounded; errors must surface at once, not after the SDK's retries.
const client = new OpenAI({ baseURL, apiKey, timeout: 20_000, maxRetries: 0 });
const T = { timeout: 30_000 };

const SEED_ALIASES = ['deepseek-r1', 'gpt-oss-120b', 'gpt-oss-20b', 'llama-4-scout', 'qwen2.5-coder', 'gemma-3'];
const CHAT_MODEL = 'gemma-3'; // a seed alias on Workers AI's own (legacy) format
const WEATHER_TOOL = {
    type: 'function',
    function: {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, days: { type: 'integer' } },
            required: ['city'],
        },
    },
};

function assertUsage(usage, what) {
    assert.ok(usage, `${what}: usage present`);
    assert.ok(Number.isInteger(usage.prompt_tokens) && usage.prompt_tokens > 0, `${what}: prompt_tokens > 0 (${usage.prompt_tokens})`);
    assert.ok(Number.isInteger(usage.completion_tokens) && usage.completion_tokens > 0,
        `${what}: completion_tokens > 0 (${usage.completion_tokens})`);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens, `${what}: total = prompt + completion`);
}

// Collects a chat stream with the checks every stream must pass; returns what it assembled.
async function collectChatStream(stream, model) {
    const out = { chunks: [], content: '', reasoning: '', finishes: [], toolCalls: [], usageChunks: [] };
    for await (const chunk of stream) {
        out.chunks.push(chunk);
        assert.equal(chunk.object, 'chat.completion.chunk');
        assert.match(chunk.id, /^chatcmpl-/);
        assert.equal(chunk.id, out.chunks[0].id, 'one id for the whole stream');
        assert.equal(chunk.model, model, 'model as the client asked');
        assert.ok(Number.isInteger(chunk.created) && chunk.created > 1_600_000_000, 'created is a Unix time');
        if (chunk.usage) out.usageChunks.push(chunk);
        for (const choice of chunk.choices) {
            assert.equal(choice.index, 0);
            const d = choice.delta ?? {};
            if (typeof d.content === 'string') out.content += d.content;
            if (typeof d.reasoning_content === 'string') out.reasoning += d.reasoning_content;
            for (const tc of d.tool_calls ?? []) {
                assert.ok(Number.isInteger(tc.index), 'tool call delta has an index');
                const slot = (out.toolCalls[tc.index] ??= { id: '', type: '', name: '', arguments: '' });
                if (tc.id) slot.id += tc.id;
                if (tc.type) slot.type = tc.type;
                if (tc.function?.name) slot.name += tc.function.name;
                if (tc.function?.arguments) slot.arguments += tc.function.arguments;
            }
            if (choice.finish_reason) out.finishes.push(choice.finish_reason);
        }
    }
    assert.ok(out.chunks.length > 0, 'at least one chunk');
    assert.equal(out.chunks[0].choices[0]?.delta?.role, 'assistant', 'first chunk carries the assistant role');
    assert.equal(out.finishes.length, 1, `exactly one chunk with finish_reason (got ${JSON.stringify(out.finishes)})`);
    return out;
}

describe('models', () => {
    test('models.list holds the six seed aliases as OpenAI model objects', T, async () => {
        const ids = [];
        for await (const m of client.models.list()) {
            assert.equal(m.object, 'model');
            assert.equal(typeof m.id, 'string');
            assert.ok(Number.isInteger(m.created), `created of ${m.id}`);
            assert.equal(typeof m.owned_by, 'string');
            ids.push(m.id);
        }
        for (const alias of SEED_ALIASES) assert.ok(ids.includes(alias), `${alias} listed (got ${ids.join(', ')})`);
        assert.equal(new Set(ids).size, ids.length, 'no duplicate ids');
    });

    test('models.retrieve(deepseek-r1)', T, async () => {
        const m = await client.models.retrieve('deepseek-r1');
        assert.equal(m.id, 'deepseek-r1');
        assert.equal(m.object, 'model');
        assert.ok(Number.isInteger(m.created));
        assert.equal(typeof m.owned_by, 'string');
    });

    test('models.retrieve of a catalog id with slashes', T, async () => {
        const id = '@cf/deepseek-ai/deepseek-r1-distill-qwen-32b';
        const m = await client.models.retrieve(id);
        assert.equal(m.id, id);
    });

    test('models.retrieve of an unknown model is NotFoundError 404', T, async () => {
        await assert.rejects(client.models.retrieve('no-such-model'), (e) => {
            assert.ok(e instanceof OpenAI.NotFoundError, `NotFoundError, got ${e?.constructor?.name}: ${e?.message}`);
            assert.equal(e.status, 404);
            return true;
        });
    });
});

describe('chat completions', () => {
    test('non-streaming: content, id, usage, headers', T, async () => {
        const prompt = 'Hello from the official SDK';
        const { data: r, response } = await client.chat.completions
            .create({ model: CHAT_MODEL, messages: [{ role: 'user', content: prompt }] })
            .withResponse();
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        assert.match(r.id, /^chatcmpl-/);
        assert.equal(r.object, 'chat.completion');
        assert.equal(r.model, CHAT_MODEL);
        assert.ok(Number.isInteger(r.created) && r.created > 1_600_000_000);
        assert.equal(r.choices.length, 1);
        const c = r.choices[0];
        assert.equal(c.index, 0);
        assert.equal(c.message.role, 'assistant');
        assert.ok(c.message.content.includes(prompt), `content echoes the prompt: ${JSON.stringify(c.message.content)}`);
        assert.equal(c.finish_reason, 'stop');
        assertUsage(r.usage, 'chat');
    });

    test('ids are unique', T, async () => {
        const req = { model: CHAT_MODEL, messages: [{ role: 'user', content: 'one' }] };
        const [a, b] = await Promise.all([client.chat.completions.create(req), client.chat.completions.create(req)]);
        assert.notEqual(a.id, b.id);
    });

    test('system message and multi-turn conversation', T, async () => {
        const r = await client.chat.completions.create({
            model: 'llama-3.3-70b',
            messages: [
                { role: 'system', content: 'You are terse.' },
                { role: 'user', content: 'first question' },
                { role: 'assistant', content: 'first answer' },
                { role: 'user', content: 'second question' },
            ],
        });
        assert.ok(r.choices[0].message.content.includes('second question'), r.choices[0].message.content);
    });

    test('max_tokens cuts the reply with finish_reason length', T, async () => {
        const r = await client.chat.completions.create({
            model: CHAT_MODEL,
            max_tokens: 2,
            messages: [{ role: 'user', content: 'a rather long prompt with many words in it' }],
        });
        assert.equal(r.choices[0].finish_reason, 'length');
        assert.ok(r.usage.completion_tokens <= 2, `completion_tokens ${r.usage.completion_tokens}`);
    });

    test('streaming with for await: role first, content assembled, one finish_reason, [DONE]', T, async () => {
        const prompt = 'Stream these words back to me';
        const stream = await client.chat.completions.create({
            model: CHAT_MODEL,
            stream: true,
            messages: [{ role: 'user', content: prompt }],
        });
        const out = await collectChatStream(stream, CHAT_MODEL);
        assert.ok(out.content.includes(prompt), `assembled content: ${JSON.stringify(out.content)}`);
        assert.equal(out.content, `You said: ${prompt}`);
        assert.equal(out.finishes[0], 'stop');
        assert.ok(out.chunks.length >= 4, `streamed in several chunks (${out.chunks.length})`);
        assert.equal(out.usageChunks.length, 0, 'no usage chunk unless stream_options.include_usage');
        assert.equal(out.reasoning, '');
    });

    test('streaming with stream_options.include_usage ends with a usage chunk', T, async () => {
        const stream = await client.chat.completions.create({
            model: CHAT_MODEL,
            stream: true,
            stream_options: { include_usage: true },
            messages: [{ role: 'user', content: 'count my tokens' }],
        });
        const out = await collectChatStream(stream, CHAT_MODEL);
        const last = out.chunks.at(-1);
        assert.deepEqual(last.choices, [], 'the usage chunk has empty choices');
        assertUsage(last.usage, 'stream usage');
        assert.equal(out.usageChunks.length, 1, 'usage only in the last chunk');
        for (const c of out.chunks.slice(0, -1)) assert.ok(c.usage == null, 'earlier chunks carry usage: null');
    });

    test('the SDK stream helper (chat.completions.stream) builds the final completion', T, async () => {
        const prompt = 'helper stream';
        const runner = client.chat.completions.stream({
            model: CHAT_MODEL,
            messages: [{ role: 'user', content: prompt }],
            stream_options: { include_usage: true },
        });
        let deltas = '';
        runner.on('content', (delta) => {
            deltas += delta;
        });
        const final = await runner.finalChatCompletion();
        assert.equal(final.choices[0].message.content, `You said: ${prompt}`);
        assert.equal(final.choices[0].message.role, 'assistant');
        assert.equal(final.choices[0].finish_reason, 'stop');
        assert.equal(deltas, `You said: ${prompt}`);
        assertUsage(final.usage, 'helper usage');
    });

    test('aborting a stream mid-way leaves the server serving', T, async () => {
        const controller = new AbortController();
        const stream = await client.chat.completions.create(
            { model: CHAT_MODEL, stream: true, messages: [{ role: 'user', content: 'w '.repeat(200) }] },
            { signal: controller.signal },
        );
        // The SDK ends the iteration quietly on abort (or throws APIUserAbortError / AbortError).
        let n = 0;
        try {
            for await (const _ of stream) {
                if (++n === 3) controller.abort();
            }
        } catch (e) {
            assert.ok(e instanceof OpenAI.APIUserAbortError || e?.name === 'AbortError', `abort error, got ${e}`);
        }
        assert.ok(n >= 3 && n < 50, `iteration stopped soon after the abort (${n} chunks of ~200)`);
        const r = await client.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'still there?' }] });
        assert.ok(r.choices[0].message.content.includes('still there?'));
    });

    test('eight concurrent streams each get their own complete reply', T, async () => {
        const prompts = Array.from({ length: 8 }, (_, i) => `concurrent stream number ${i}`);
        const outs = await Promise.all(
            prompts.map(async (p) =>
                collectChatStream(
                    await client.chat.completions.create({ model: CHAT_MODEL, stream: true, messages: [{ role: 'user', content: p }] }),
                    CHAT_MODEL,
                ),
            ),
        );
        outs.forEach((o, i) => assert.equal(o.content, `You said: ${prompts[i]}`));
        assert.equal(new Set(outs.map((o) => o.chunks[0].id)).size, 8, 'eight distinct ids');
    });
});

describe('reasoning (deepseek-r1)', () => {
    const prompt = 'think about this';
    test('non-streaming: reasoning in message.reasoning_content, not in content', T, async () => {
        const r = await client.chat.completions.create({ model: 'deepseek-r1', messages: [{ role: 'user', content: prompt }] });
        const m = r.choices[0].message;
        assert.ok(typeof m.reasoning_content === 'string' && m.reasoning_content.includes('echo them back'),
            `reasoning_content: ${JSON.stringify(m.reasoning_content)}`);
        assert.equal(m.content.trim(), `You said: ${prompt}`);
        assert.ok(!m.content.includes('</think>') && !m.content.includes('<think>'), 'no think tags in content');
        assert.ok(!m.reasoning_content.includes('</think>'), 'no think tags in reasoning');
        assertUsage(r.usage, 'reasoning');
    });

    test('streaming: reasoning_content deltas before content deltas', T, async () => {
        const stream = await client.chat.completions.create({
            model: 'deepseek-r1',
            stream: true,
            messages: [{ role: 'user', content: prompt }],
        });
        const out = await collectChatStream(stream, 'deepseek-r1');
        assert.ok(out.reasoning.includes('echo them back'), `reasoning: ${JSON.stringify(out.reasoning)}`);
        assert.equal(out.content.trim(), `You said: ${prompt}`);
        assert.ok(!out.content.includes('</think>') && !out.reasoning.includes('</think>'), 'no think tags');
        const firstContent = out.chunks.findIndex((c) => c.choices[0]?.delta?.content);
        const lastReasoning = out.chunks.findLastIndex((c) => c.choices[0]?.delta?.reasoning_content);
        assert.ok(lastReasoning < firstContent, 'reasoning arrives before the answer');
    });
});

describe('other model families', () => {
    for (const model of ['gpt-oss-20b', 'qwen3-30b']) {
        test(`${model} non-streaming: answer in content, reasoning in reasoning_content`, T, async () => {
            const r = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'family check' }] });
            const m = r.choices[0].message;
            assert.equal(m.content.trim(), 'You said: family check');
            assert.equal(r.model, model);
            assert.equal(r.choices[0].finish_reason, 'stop');
            assert.ok(typeof m.reasoning_content === 'string' && m.reasoning_content.length > 0, `reasoning_content ${JSON.stringify(m.reasoning_content)}`);
            assertUsage(r.usage, model);
        });

        test(`${model} streams (role, reasoning, content, one finish_reason, usage)`, T, async () => {
            const stream = await client.chat.completions.create({
                model,
                stream: true,
                stream_options: { include_usage: true },
                messages: [{ role: 'user', content: 'family stream' }],
            });
            const out = await collectChatStream(stream, model);
            assert.equal(out.content.trim(), 'You said: family stream');
            assert.ok(out.reasoning.length > 0, 'reasoning_content deltas');
            assert.equal(out.finishes[0], 'stop');
            assertUsage(out.chunks.at(-1).usage, `${model} stream usage`);
        });
    }

    test('content as an array of text parts', T, async () => {
        const r = await client.chat.completions.create({
            model: 'llama-4-scout',
            messages: [{ role: 'user', content: [{ type: 'text', text: 'parts one' }, { type: 'text', text: 'parts two' }] }],
        });
        assert.ok(r.choices[0].message.content.includes('parts'), r.choices[0].message.content);
    });

    test('an image as a data: URI on a vision model', T, async () => {
        // 1x1 transparent PNG
        const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
        const r = await client.chat.completions.create({
            model: 'llama-4-scout',
            messages: [{ role: 'user', content: [{ type: 'text', text: 'describe the image' }, { type: 'image_url', image_url: { url: png } }] }],
        });
        assert.ok(r.choices[0].message.content.includes('describe the image'), r.choices[0].message.content);
    });

    test('JSON mode (response_format json_object) answers a JSON string', T, async () => {
        const r = await client.chat.completions.create({
            model: 'llama-3.3-70b',
            response_format: { type: 'json_object' },
            messages: [{ role: 'user', content: 'give me JSON' }],
        });
        assert.equal(typeof r.choices[0].message.content, 'string');
        assert.doesNotThrow(() => JSON.parse(r.choices[0].message.content), `content: ${r.choices[0].message.content}`);
    });

    test('stop, seed, top_p, max_completion_tokens and user are accepted', T, async () => {
        const r = await client.chat.completions.create({
            model: CHAT_MODEL,
            stop: ['\n\n'],
            seed: 7,
            top_p: 0.9,
            temperature: 0.2,
            max_completion_tokens: 50,
            user: 'e2e-test',
            messages: [{ role: 'user', content: 'params accepted' }],
        });
        assert.ok(r.choices[0].message.content.includes('params accepted'));
    });
});

describe('tool calls (glm-4.7-flash)', () => {
    const messages = [{ role: 'user', content: 'What is the weather in Lisbon?' }];

    test('non-streaming: tool_calls with JSON arguments, finish_reason tool_calls', T, async () => {
        const r = await client.chat.completions.create({ model: 'glm-4.7-flash', messages, tools: [WEATHER_TOOL] });
        const c = r.choices[0];
        assert.equal(c.finish_reason, 'tool_calls');
        assert.equal(c.message.role, 'assistant');
        assert.equal(c.message.tool_calls?.length, 1, JSON.stringify(c.message));
        const call = c.message.tool_calls[0];
        assert.equal(call.type, 'function');
        assert.ok(typeof call.id === 'string' && call.id.length > 0, 'tool call id');
        assert.equal(call.function.name, 'get_weather');
        assert.equal(typeof call.function.arguments, 'string', 'arguments is a JSON string');
        const args = JSON.parse(call.function.arguments);
        assert.equal(typeof args.city, 'string');
        assertUsage(r.usage, 'tools');
    });

    test('streaming: tool call deltas assemble to one call with JSON arguments', T, async () => {
        const stream = await client.chat.completions.create({ model: 'glm-4.7-flash', messages, tools: [WEATHER_TOOL], stream: true });
        const out = await collectChatStream(stream, 'glm-4.7-flash');
        assert.equal(out.finishes[0], 'tool_calls');
        assert.equal(out.toolCalls.length, 1, JSON.stringify(out.toolCalls));
        const call = out.toolCalls[0];
        assert.ok(call.id.length > 0, 'id in the first tool call delta');
        assert.equal(call.type, 'function');
        assert.equal(call.name, 'get_weather');
        assert.equal(typeof JSON.parse(call.arguments).city, 'string', `arguments: ${call.arguments}`);
    });

    test('the SDK stream helper assembles the tool call', T, async () => {
        const runner = client.chat.completions.stream({ model: 'glm-4.7-flash', messages, tools: [WEATHER_TOOL] });
        const final = await runner.finalChatCompletion();
        const call = final.choices[0].message.tool_calls?.[0];
        assert.ok(call, JSON.stringify(final.choices[0]));
        assert.equal(call.function.name, 'get_weather');
        assert.equal(typeof JSON.parse(call.function.arguments).city, 'string');
        assert.equal(final.choices[0].finish_reason, 'tool_calls');
    });

    test('a tool result sent back gets an answer', T, async () => {
        const first = await client.chat.completions.create({ model: 'glm-4.7-flash', messages, tools: [WEATHER_TOOL] });
        const call = first.choices[0].message.tool_calls[0];
        const r = await client.chat.completions.create({
            model: 'glm-4.7-flash',
            tools: [WEATHER_TOOL],
            messages: [
                ...messages,
                first.choices[0].message,
                { role: 'tool', tool_call_id: call.id, content: 'sunny, 24 degrees' },
            ],
        });
        assert.equal(r.choices[0].finish_reason, 'stop');
        assert.ok(r.choices[0].message.content.includes('sunny, 24 degrees'), r.choices[0].message.content);
    });

    test('tool_choice none answers in text', T, async () => {
        const r = await client.chat.completions.create({ model: 'glm-4.7-flash', messages, tools: [WEATHER_TOOL], tool_choice: 'none' });
        assert.equal(r.choices[0].finish_reason, 'stop');
        assert.ok(!r.choices[0].message.tool_calls?.length, 'no tool calls');
        assert.ok(r.choices[0].message.content.includes('Lisbon'));
    });
});

describe('embeddings (bge-m3)', () => {
    const input = ['the quick brown fox', 'jumps over the lazy dog'];

    test('encoding_format float', T, async () => {
        const r = await client.embeddings.create({ model: 'bge-m3', input, encoding_format: 'float' });
        assert.equal(r.object, 'list');
        assert.equal(r.data.length, 2);
        r.data.forEach((d, i) => {
            assert.equal(d.object, 'embedding');
            assert.equal(d.index, i);
            assert.ok(Array.isArray(d.embedding) && d.embedding.length > 0);
            assert.ok(d.embedding.every((x) => typeof x === 'number' && Number.isFinite(x)));
        });
        assert.equal(r.data[0].embedding.length, r.data[1].embedding.length);
        assert.equal(typeof r.model, 'string');
        assert.ok(r.usage && Number.isInteger(r.usage.prompt_tokens) && Number.isInteger(r.usage.total_tokens),
            `usage: ${JSON.stringify(r.usage)}`);
    });

    test('usage counts the input tokens (the upstream\'s own counts, not 0)', T, async () => {
        const r = await client.embeddings.create({ model: 'bge-m3', input, encoding_format: 'float' });
        assert.ok(r.usage.prompt_tokens > 0, `usage: ${JSON.stringify(r.usage)}`);
        assert.equal(r.usage.total_tokens, r.usage.prompt_tokens);
    });

    test("the SDK's default (it asks for base64 and decodes) equals float", T, async () => {
        const [floats, decoded] = await Promise.all([
            client.embeddings.create({ model: 'bge-m3', input, encoding_format: 'float' }),
            client.embeddings.create({ model: 'bge-m3', input }),
        ]);
        assert.equal(decoded.data.length, 2);
        for (let i = 0; i < 2; i++) {
            const a = floats.data[i].embedding;
            const b = decoded.data[i].embedding;
            assert.equal(b.length, a.length, 'same dimension after base64 decoding');
            for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) <= 1e-6 * Math.max(1, Math.abs(a[k])), `component ${k}`);
        }
    });

    test('explicit encoding_format base64 is a little-endian float32 string', T, async () => {
        const r = await client.embeddings.create({ model: 'bge-m3', input: 'single string', encoding_format: 'base64' });
        assert.equal(r.data.length, 1);
        assert.equal(typeof r.data[0].embedding, 'string');
        const buf = Buffer.from(r.data[0].embedding, 'base64');
        assert.ok(buf.length > 0 && buf.length % 4 === 0, `byte length ${buf.length}`);
    });
});

describe('legacy completions', () => {
    test('completions.create with prompt', T, async () => {
        const prompt = 'Once upon a time';
        const r = await client.completions.create({ model: 'llama-3.3-70b', prompt });
        assert.equal(r.object, 'text_completion');
        assert.match(r.id, /^cmpl-/);
        assert.equal(r.model, 'llama-3.3-70b');
        assert.equal(r.choices.length, 1);
        assert.equal(r.choices[0].index, 0);
        assert.ok(r.choices[0].text.includes(prompt), JSON.stringify(r.choices[0].text));
        assert.equal(r.choices[0].finish_reason, 'stop');
        assertUsage(r.usage, 'completions');
    });

    test('completions.create streaming', T, async () => {
        const prompt = 'In a galaxy far away';
        const stream = await client.completions.create({ model: 'llama-3.3-70b', prompt, stream: true });
        let text = '';
        const finishes = [];
        let n = 0;
        for await (const chunk of stream) {
            n++;
            assert.equal(chunk.object, 'text_completion');
            for (const c of chunk.choices) {
                text += c.text ?? '';
                if (c.finish_reason) finishes.push(c.finish_reason);
            }
        }
        assert.ok(n > 1, 'several chunks');
        assert.ok(text.includes(prompt), JSON.stringify(text));
        assert.deepEqual(finishes, ['stop']);
    });
});

describe('errors', () => {
    test('a wrong key is AuthenticationError 401 invalid_api_key', T, async () => {
        const bad = new OpenAI({ baseURL, apiKey: 'sk-flarechat-wrong', maxRetries: 0, timeout: 10_000 });
        await assert.rejects(bad.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'hi' }] }), (e) => {
            assert.ok(e instanceof OpenAI.AuthenticationError, `AuthenticationError, got ${e?.constructor?.name}: ${e?.message}`);
            assert.equal(e.status, 401);
            assert.equal(e.code, 'invalid_api_key');
            assert.equal(e.type, 'invalid_request_error');
            assert.ok(!String(e.message).includes('sk-flarechat-wrong'), 'the key is not echoed back');
            return true;
        });
        await assert.rejects(bad.models.list(), OpenAI.AuthenticationError);
    });

    test('an unknown model is NotFoundError 404 model_not_found', T, async () => {
        await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }), (e) => {
            assert.ok(e instanceof OpenAI.NotFoundError, `NotFoundError, got ${e?.constructor?.name} ${e?.status}: ${e?.message}`);
            assert.equal(e.status, 404);
            assert.equal(e.code, 'model_not_found');
            return true;
        });
    });

    test('an unknown model when streaming is an HTTP error too', T, async () => {
        await assert.rejects(
            (async () => {
                const s = await client.chat.completions.create({ model: 'no-such-model', stream: true, messages: [{ role: 'user', content: 'hi' }] });
                for await (const _ of s);
            })(),
            (e) => {
                assert.ok(e instanceof OpenAI.NotFoundError, `NotFoundError, got ${e?.constructor?.name} ${e?.status}: ${e?.message}`);
                return true;
            },
        );
    });

    test('temperature 9 is BadRequestError 400 naming the param', T, async () => {
        await assert.rejects(
            client.chat.completions.create({ model: CHAT_MODEL, temperature: 9, messages: [{ role: 'user', content: 'hi' }] }),
            (e) => {
                assert.ok(e instanceof OpenAI.BadRequestError, `BadRequestError, got ${e?.constructor?.name} ${e?.status}: ${e?.message}`);
                assert.equal(e.status, 400);
                assert.equal(e.param, 'temperature');
                assert.equal(e.type, 'invalid_request_error');
                return true;
            },
        );
    });

    test('missing messages is BadRequestError 400', T, async () => {
        await assert.rejects(client.chat.completions.create({ model: CHAT_MODEL }), (e) => {
            assert.ok(e instanceof OpenAI.BadRequestError, `BadRequestError, got ${e?.constructor?.name} ${e?.status}: ${e?.message}`);
            assert.equal(e.param, 'messages');
            return true;
        });
    });

    test('embeddings with a chat model is a 4xx APIError', T, async () => {
        await assert.rejects(client.embeddings.create({ model: CHAT_MODEL, input: 'x', encoding_format: 'float' }), (e) => {
            assert.ok(e instanceof OpenAI.APIError && e.status >= 400 && e.status < 500, `${e?.constructor?.name} ${e?.status}: ${e?.message}`);
            return true;
        });
    });
});
