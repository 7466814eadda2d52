#include "openai/ChatJson.h"
#include "openai/ChatRequestReader.h"
#include "storage/ConversationExport.h"
#include "storage/ConversationStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace flarechat;

Q_DECLARE_METATYPE(flarechat::Conversation)
Q_DECLARE_METATYPE(flarechat::StoredMessage)

namespace {

StoredMessage msg(const QString& role, const QString& content)
{
    StoredMessage m;
    m.role = role;
    m.content = content;
    return m;
}

const QString kCode
    = QStringLiteral("Here:\n\n```cpp\nint main() {\n    return 0; // <b>not html</b>\n}\n```\n\nDone.");

} // namespace

class TestConversationExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void markdown_data();
    void markdown();
    void jsonShape();
    void roundTrip_data();
    void roundTrip();
    void followsActiveBranch();
    void copyIsTheExportedMarkdown();
    void importPlainOpenAiBody();
    void importErrors_data();
    void importErrors();
    void chatMessageForRequests();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConversationStore> m_store;
};

void TestConversationExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<ConversationStore>(m_dir->filePath(QStringLiteral("c.sqlite")));
    QVERIFY(m_store->open());
}

void TestConversationExport::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestConversationExport::markdown_data()
{
    QTest::addColumn<QList<StoredMessage>>("messages");
    QTest::addColumn<QStringList>("contains"); // in this order
    QTest::addColumn<QStringList>("absent");

    StoredMessage thinking = msg(QStringLiteral("assistant"), QStringLiteral("42."));
    thinking.reasoning = QStringLiteral("Let me think about **life**.");
    thinking.model = QStringLiteral("deepseek-r1");
    QTest::newRow("roles and reasoning")
        << QList<StoredMessage> {msg(QStringLiteral("user"), QStringLiteral("Meaning of life?")), thinking}
        << QStringList {QStringLiteral("# Chat title\n"), QStringLiteral("## User\n\nMeaning of life?\n"),
               QStringLiteral("## Assistant · deepseek-r1\n"),
               QStringLiteral("<details>\n<summary>Thinking</summary>\n\nLet me think about **life**.\n\n</details>"),
               QStringLiteral("42.")}
        << QStringList {};

    QTest::newRow("code kept byte for byte") << QList<StoredMessage> {msg(QStringLiteral("assistant"), kCode)}
                                             << QStringList {kCode} << QStringList {QStringLiteral("&lt;")};

    StoredMessage cut = msg(QStringLiteral("assistant"), QStringLiteral("Start:\n```python\nprint(1)"));
    cut.state = MessageState::Interrupted;
    QTest::newRow("cut inside a fence is closed")
        << QList<StoredMessage> {cut, msg(QStringLiteral("user"), QStringLiteral("go on"))}
        << QStringList {QStringLiteral("```python\nprint(1)\n```"), QStringLiteral("*Interrupted*"),
               QStringLiteral("## User\n\ngo on")}
        << QStringList {};

    StoredMessage tool = msg(QStringLiteral("assistant"), QString());
    tool.toolCalls = QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("call_1")},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("get_time")},
                {QStringLiteral("arguments"), QStringLiteral("{\"tz\":\"UTC\"}")}}}}};
    StoredMessage result = msg(QStringLiteral("tool"), QStringLiteral("12:00"));
    result.toolCallId = QStringLiteral("call_1");
    QTest::newRow("tool call and result")
        << QList<StoredMessage> {tool, result}
        << QStringList {QStringLiteral("**Tool call** `get_time`\n\n```json\n{\"tz\":\"UTC\"}\n```"),
               QStringLiteral("## Tool result · `call_1`\n\n12:00")}
        << QStringList {};

    StoredMessage failed = msg(QStringLiteral("assistant"), QStringLiteral("Partial"));
    failed.state = MessageState::Error;
    failed.error = QStringLiteral("429: daily allocation used");
    StoredMessage withFiles = msg(QStringLiteral("user"), QStringLiteral("See these"));
    withFiles.attachments = QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
                                            {QStringLiteral("name"), QStringLiteral("cat.png")},
                                            {QStringLiteral("url"), QStringLiteral("data:image/png;base64,AAAA")}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("file")},
            {QStringLiteral("name"), QStringLiteral("notes.txt")}, {QStringLiteral("text"), QStringLiteral("x")}}};
    QTest::newRow("errors and attachments") << QList<StoredMessage> {withFiles, failed}
                                            << QStringList {QStringLiteral("*Attachments: cat.png, notes.txt*"),
                                                   QStringLiteral("Partial\n\n> **Error:** 429: daily allocation used")}
                                            << QStringList {QStringLiteral("base64")};
}

void TestConversationExport::markdown()
{
    QFETCH(QList<StoredMessage>, messages);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, absent);
    Conversation c;
    c.title = QStringLiteral("Chat title");
    c.model = QStringLiteral("llama-3.3-70b");
    const QString md = ConversationExport::toMarkdown(c, messages);
    qsizetype from = 0;
    for (const QString& part : std::as_const(contains)) {
        const qsizetype at = md.indexOf(part, from);
        QVERIFY2(at >= 0, qPrintable(QStringLiteral("missing (in order) %1\n--- in ---\n%2").arg(part, md)));
        from = at + part.size();
    }
    for (const QString& part : std::as_const(absent))
        QVERIFY2(!md.contains(part), qPrintable(md));
    QVERIFY(md.startsWith(QStringLiteral("# Chat title\n\n*Model: `llama-3.3-70b`*")));
    QVERIFY(!md.endsWith(QStringLiteral("\n\n")));
}

void TestConversationExport::jsonShape()
{
    Conversation c;
    c.title = QStringLiteral("Shape");
    c.model = QStringLiteral("deepseek-r1");
    c.systemPrompt = QStringLiteral("Be brief.");
    StoredMessage a = msg(QStringLiteral("assistant"), QStringLiteral("4"));
    a.reasoning = QStringLiteral("2+2");
    a.usage = ChatJson::readUsage(
        QJsonObject {{QStringLiteral("prompt_tokens"), 10}, {QStringLiteral("completion_tokens"), 5}});
    StoredMessage b = msg(QStringLiteral("assistant"), QString());
    b.toolCalls = QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("call_9")},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {
                {QStringLiteral("name"), QStringLiteral("f")}, {QStringLiteral("arguments"), QStringLiteral("{}")}}}}};
    b.usage = ChatJson::readUsage(
        QJsonObject {{QStringLiteral("prompt_tokens"), 20}, {QStringLiteral("completion_tokens"), 7}});
    StoredMessage t = msg(QStringLiteral("tool"), QStringLiteral("ok"));
    t.toolCallId = QStringLiteral("call_9");

    const QJsonObject json
        = ConversationExport::toJson(c, {msg(QStringLiteral("user"), QStringLiteral("2+2?")), a, b, t});
    QCOMPARE(json.value(QStringLiteral("model")).toString(), QStringLiteral("deepseek-r1"));
    const QJsonArray messages = json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 5);
    QCOMPARE(messages.at(0).toObject(),
        (QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
            {QStringLiteral("content"), QStringLiteral("Be brief.")}}));
    QCOMPARE(messages.at(1).toObject(),
        (QJsonObject {
            {QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("2+2?")}}));
    QCOMPARE(messages.at(2).toObject(),
        (QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("content"), QStringLiteral("4")},
            {QStringLiteral("reasoning_content"), QStringLiteral("2+2")}}));
    QVERIFY(messages.at(3).toObject().value(QStringLiteral("content")).isNull());
    QCOMPARE(messages.at(3).toObject().value(QStringLiteral("tool_calls")).toArray(), b.toolCalls);
    QCOMPARE(messages.at(4).toObject().value(QStringLiteral("tool_call_id")).toString(), QStringLiteral("call_9"));
    const QJsonObject usage = json.value(QStringLiteral("usage")).toObject();
    QCOMPARE(usage.value(QStringLiteral("prompt_tokens")).toInt(), 30);
    QCOMPARE(usage.value(QStringLiteral("completion_tokens")).toInt(), 12);
    QCOMPARE(usage.value(QStringLiteral("total_tokens")).toInt(), 42);
    const QJsonObject meta = json.value(QStringLiteral("flarechat")).toObject();
    QCOMPARE(meta.value(QStringLiteral("title")).toString(), QStringLiteral("Shape"));
    QCOMPARE(meta.value(QStringLiteral("messages")).toArray().size(), messages.size()); // index-aligned

    // The messages array is a valid OpenAI request as is.
    ApiError error;
    QJsonObject body {{QStringLiteral("model"), c.model}, {QStringLiteral("messages"), messages}};
    QVERIFY2(ChatRequestReader::read(body, &error), qPrintable(error.message));
}

void TestConversationExport::roundTrip_data()
{
    QTest::addColumn<Conversation>("conversation");
    QTest::addColumn<QList<StoredMessage>>("messages");

    Conversation plain;
    plain.title = QStringLiteral("Plain");
    plain.model = QStringLiteral("llama-3.3-70b");
    QTest::newRow("plain") << plain
                           << QList<StoredMessage> {msg(QStringLiteral("user"), QStringLiteral("Hi")),
                                  msg(QStringLiteral("assistant"), QStringLiteral("Hello!"))};

    Conversation rich;
    rich.title = QString::fromUtf8("中文对话 and more");
    rich.model = QStringLiteral("deepseek-r1");
    rich.systemPrompt = QStringLiteral("You are terse.");
    rich.pinned = true;
    rich.parameters = QJsonObject {{QStringLiteral("temperature"), 0.6}, {QStringLiteral("max_tokens"), 1024},
        {QStringLiteral("reasoning_effort"), QStringLiteral("high")}};
    StoredMessage user = msg(QStringLiteral("user"), QString::fromUtf8("看这张图 and this code:\n") + kCode);
    user.attachments = QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
        {QStringLiteral("name"), QStringLiteral("cat.png")},
        {QStringLiteral("url"), QStringLiteral("data:image/png;base64,iVBORw0K")}}};
    StoredMessage reply = msg(QStringLiteral("assistant"), QStringLiteral("A cat."));
    reply.reasoning = QStringLiteral("Whiskers; therefore a cat.");
    reply.model = QStringLiteral("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b");
    reply.usage = ChatJson::readUsage(
        QJsonObject {{QStringLiteral("prompt_tokens"), 812}, {QStringLiteral("completion_tokens"), 64},
            {QStringLiteral("completion_tokens_details"), QJsonObject {{QStringLiteral("reasoning_tokens"), 40}}}});
    reply.timings = {420, 3100, 23.25};
    reply.parameters = QJsonObject {{QStringLiteral("temperature"), 0.6}};
    reply.finishReason = QStringLiteral("stop");
    StoredMessage call = msg(QStringLiteral("assistant"), QString());
    call.toolCalls = QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("call_1")},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("lookup")},
                {QStringLiteral("arguments"), QStringLiteral("{\"q\":\"cats\"}")}}}}};
    call.finishReason = QStringLiteral("tool_calls");
    StoredMessage toolResult = msg(QStringLiteral("tool"), QStringLiteral("{\"facts\":[]}"));
    toolResult.toolCallId = QStringLiteral("call_1");
    StoredMessage cut = msg(QStringLiteral("assistant"), QStringLiteral("Cats are"));
    cut.state = MessageState::Interrupted;
    StoredMessage failed = msg(QStringLiteral("assistant"), QString());
    failed.state = MessageState::Error;
    failed.error = QStringLiteral("504 Gateway Timeout");
    QTest::newRow("everything") << rich << QList<StoredMessage> {user, reply, call, toolResult, cut, failed};

    Conversation untitled;
    QTest::newRow("untitled, empty") << untitled << QList<StoredMessage> {};
}

void TestConversationExport::roundTrip()
{
    QFETCH(Conversation, conversation);
    QFETCH(QList<StoredMessage>, messages);

    // Through the store, as the window does it.
    const auto id = m_store->insertConversation(conversation, messages);
    QVERIFY2(id, qPrintable(m_store->lastError()));
    const QByteArray first = ConversationExport::toJsonText(*m_store, *id);
    QVERIFY(!first.isEmpty());

    QString error;
    const auto imported = ConversationExport::importJson(*m_store, first, &error);
    QVERIFY2(imported, qPrintable(error));
    QVERIFY(*imported != *id);
    const QByteArray second = ConversationExport::toJsonText(*m_store, *imported);
    QCOMPARE(QJsonDocument::fromJson(second).object(), QJsonDocument::fromJson(first).object());
    QCOMPARE(second, first);

    // What was exported is what went in.
    const auto back = ConversationExport::fromJson(first, &error);
    QVERIFY(back);
    QCOMPARE(back->conversation.title, conversation.title);
    QCOMPARE(back->conversation.systemPrompt, conversation.systemPrompt);
    QCOMPARE(back->conversation.parameters, conversation.parameters);
    QCOMPARE(back->conversation.pinned, conversation.pinned);
    QCOMPARE(back->messages.size(), messages.size());
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const StoredMessage& want = messages.at(i);
        const StoredMessage& got = back->messages.at(i);
        QCOMPARE(got.role, want.role);
        QCOMPARE(got.content, want.content);
        QCOMPARE(got.reasoning, want.reasoning);
        QCOMPARE(got.attachments, want.attachments);
        QCOMPARE(got.toolCalls, want.toolCalls);
        QCOMPARE(got.toolCallId, want.toolCallId);
        QCOMPARE(got.state, want.state);
        QCOMPARE(got.error, want.error);
        QCOMPARE(got.model, want.model);
        QCOMPARE(ChatJson::usage(got.usage), ChatJson::usage(want.usage));
        QCOMPARE(got.usage.valid, want.usage.valid);
        QCOMPARE(got.timings, want.timings);
        QCOMPARE(got.parameters, want.parameters);
        QCOMPARE(got.finishReason, want.finishReason);
    }
}

void TestConversationExport::followsActiveBranch()
{
    const auto c = *m_store->createConversation();
    const auto u = *m_store->addUserMessage(c, 0, QStringLiteral("Pick a number"));
    const auto a1 = *m_store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(m_store->finishMessage(a1, ChatResult {QStringLiteral("seven"), {}, {}, {}, {}}));
    const auto a2 = *m_store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(m_store->finishMessage(a2, ChatResult {QStringLiteral("three"), {}, {}, {}, {}}));

    const auto contents = [&] {
        QStringList out;
        const QJsonArray messages = QJsonDocument::fromJson(ConversationExport::toJsonText(*m_store, c))
                                        .object()
                                        .value(QStringLiteral("messages"))
                                        .toArray();
        for (const QJsonValue& v : messages)
            out.append(v[QStringLiteral("content")].toString());
        return out;
    };
    QCOMPARE(contents(), (QStringList {QStringLiteral("Pick a number"), QStringLiteral("three")}));
    QVERIFY(m_store->selectSibling(a1));
    QCOMPARE(contents(), (QStringList {QStringLiteral("Pick a number"), QStringLiteral("seven")}));
    QVERIFY(!ConversationExport::toMarkdown(*m_store, c).contains(QStringLiteral("three")));
}

void TestConversationExport::copyIsTheExportedMarkdown()
{
    const auto c = *m_store->createConversation();
    const auto u = *m_store->addUserMessage(c, 0, QStringLiteral("Show code"));
    const auto a = *m_store->beginAssistantMessage(c, u, QStringLiteral("m"));
    QVERIFY(m_store->finishMessage(a, ChatResult {kCode, QStringLiteral("thinking"), {}, {}, {}}));
    const QString copied = ConversationExport::toMarkdown(*m_store, c);
    QCOMPARE(copied, ConversationExport::toMarkdown(*m_store->conversation(c), m_store->activePath(c)));
    QVERIFY(copied.contains(kCode));
    QVERIFY(copied.startsWith(QStringLiteral("# Show code\n")));
    QVERIFY(ConversationExport::toMarkdown(*m_store, c + 100).isEmpty());
    QVERIFY(ConversationExport::toJsonText(*m_store, c + 100).isEmpty());
}

void TestConversationExport::importPlainOpenAiBody()
{
    const QByteArray body = R"({"model": "@cf/meta/llama-3.1-8b-instruct", "temperature": 0.2, "messages": [
        {"role": "system", "content": "Answer in French."},
        {"role": "user", "content": [{"type": "text", "text": "What is this?"},
                                     {"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,/9j/"}}]},
        {"role": "assistant", "content": "Un chat.", "reasoning": "It has whiskers."}
    ]})";
    QString error;
    const auto id = ConversationExport::importJson(*m_store, body, &error);
    QVERIFY2(id, qPrintable(error));
    const auto c = m_store->conversation(*id);
    QCOMPARE(c->model, QStringLiteral("@cf/meta/llama-3.1-8b-instruct"));
    QCOMPARE(c->systemPrompt, QStringLiteral("Answer in French."));
    QCOMPARE(c->title, QStringLiteral("What is this?"));
    const auto path = m_store->activePath(*id);
    QCOMPARE(path.size(), 2);
    QCOMPARE(path.at(0).attachments.size(), 1);
    QCOMPARE(
        path.at(0).attachments.at(0)[QStringLiteral("url")].toString(), QStringLiteral("data:image/jpeg;base64,/9j/"));
    QCOMPARE(path.at(1).reasoning, QStringLiteral("It has whiskers."));
    QCOMPARE(path.at(1).parentId, path.at(0).id);
    QCOMPARE(m_store->conversations().size(), 1);
}

void TestConversationExport::importErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{\"messages\": [") << "not valid JSON";
    QTest::newRow("no messages") << QByteArray("{\"model\": \"x\"}") << "no \"messages\" array";
    QTest::newRow("array root") << QByteArray("[1, 2]") << "no \"messages\" array";
    QTest::newRow("bad role") << QByteArray(R"({"messages": [{"role": "wizard", "content": "x"}]})")
                              << "messages[0].role";
    QTest::newRow("bad content") << QByteArray(R"({"messages": [{"role": "user", "content": 5}]})")
                                 << "messages[0].content";
    QTest::newRow("bad part") << QByteArray(R"({"messages": [{"role": "user", "content": [{"type": "audio"}]}]})")
                              << "unknown part type";
    QTest::newRow("message not object") << QByteArray(R"({"messages": ["hi"]})") << "messages[0]: expected an object";
    QTest::newRow("newer format") << QByteArray(R"({"messages": [], "flarechat": {"format": 99}})")
                                  << "newer FlareChat";
}

void TestConversationExport::importErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!ConversationExport::importJson(*m_store, json, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(m_store->conversations().isEmpty()); // nothing half-imported
}

void TestConversationExport::chatMessageForRequests()
{
    StoredMessage user = msg(QStringLiteral("user"), QStringLiteral("Describe"));
    user.attachments = QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("image")},
                                       {QStringLiteral("url"), QStringLiteral("data:image/png;base64,AA")}},
        QJsonObject {{QStringLiteral("type"), QStringLiteral("file")},
            {QStringLiteral("name"), QStringLiteral("a.txt")}, {QStringLiteral("text"), QStringLiteral("t")}}};
    const ChatMessage m = ConversationExport::toChatMessage(user);
    QCOMPARE(m.contentKind, ChatMessage::ContentKind::Parts);
    QCOMPARE(m.parts.size(), 2);
    QCOMPARE(m.parts.at(0), ContentPart::makeText(QStringLiteral("Describe")));
    QCOMPARE(m.parts.at(1), ContentPart::makeImage(QStringLiteral("data:image/png;base64,AA")));
    QVERIFY(m.hasImages());

    StoredMessage call = msg(QStringLiteral("assistant"), QString());
    call.reasoning = QStringLiteral("r");
    call.toolCalls = QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("call_2")},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("f")},
                {QStringLiteral("arguments"), QStringLiteral("{\"a\":1}")}}}}};
    const ChatMessage c = ConversationExport::toChatMessage(call);
    QCOMPARE(c.contentKind, ChatMessage::ContentKind::Null);
    QCOMPARE(c.toolCalls.size(), 1);
    QCOMPARE(
        c.toolCalls.first(), (ToolCall {QStringLiteral("call_2"), QStringLiteral("f"), QStringLiteral("{\"a\":1}")}));
    QCOMPARE(c.reasoning, QStringLiteral("r"));

    const ChatMessage plain = ConversationExport::toChatMessage(msg(QStringLiteral("assistant"), QStringLiteral("hi")));
    QCOMPARE(plain.contentKind, ChatMessage::ContentKind::Text);
    QCOMPARE(plain.text, QStringLiteral("hi"));
}

QTEST_GUILESS_MAIN(TestConversationExport)
#include "tst_conversationexport.moc"
