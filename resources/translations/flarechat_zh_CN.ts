<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autostart</name>
    <message>
        <source>The registry could not be changed.</source>
        <translation>无法更改注册表。</translation>
    </message>
</context>
<context>
    <name>HeadlessKeychain</name>
    <message>
        <source>The keychain job was lost.</source>
        <translation>钥匙串任务丢失了。</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>The bind address &apos;%1&apos; is not an IP address.</source>
        <translation>绑定地址“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>The port %1 is not a number from 0 to 65535.</source>
        <translation>端口 %1 不是 0 到 65535 之间的数字。</translation>
    </message>
</context>
<context>
    <name>flarechat::ApiPanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>本地 API</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接入</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Copy the base URL</source>
        <translation>复制基础 URL</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <source>Address, Allowed Origins and Host Names…</source>
        <translation>地址、允许的来源和主机名…</translation>
    </message>
    <message>
        <source>Paste one of these into a program or a terminal. They use the real address and, once you make one, your new key.</source>
        <translation>把下面任意一段粘贴到程序或终端中。它们使用真实的地址，生成密钥后还会带上你的新密钥。</translation>
    </message>
    <message>
        <source>Models the server lists</source>
        <translation>服务列出的模型</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Show requests by status</source>
        <translation>按状态筛选请求</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Show requests for a model</source>
        <translation>按模型筛选请求</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>全部模型</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Requests to the local API</source>
        <translation>发往本地 API 的请求</translation>
    </message>
    <message>
        <source>The selected request</source>
        <translation>选中的请求</translation>
    </message>
    <message>
        <source>Select a request to see its details.</source>
        <translation>选择一条请求以查看详情。</translation>
    </message>
    <message>
        <source>Off. Turn it on to let other programs use Workers AI through FlareChat.</source>
        <translation>已关闭。打开后，其他程序即可通过 FlareChat 使用 Workers AI。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running at %1, for programs on this computer only.</source>
        <translation>正在 %1 运行，仅供本机程序使用。</translation>
    </message>
    <message>
        <source>Running at %1, reachable from other computers on your network (%2); they need a key.</source>
        <translation>正在 %1 运行，局域网中的其他电脑也可访问（%2）；它们需要密钥。</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>未运行：%1</translation>
    </message>
    <message>
        <source>%1  (Workers Paid)</source>
        <translation>%1  （需 Workers Paid）</translation>
    </message>
    <message>
        <source>&amp;Serve the local API, now and whenever FlareChat starts</source>
        <translation>提供本地 API，现在以及每次 FlareChat 启动时(&amp;S)</translation>
    </message>
    <message>
        <source>OpenAI-compatible API for other programs, on this computer. While it is on, closing the window leaves FlareChat in the tray, still serving.</source>
        <translation>供本机其他程序使用的 OpenAI 兼容 API。开启期间，关闭窗口后 FlareChat 会留在托盘中继续提供服务。</translation>
    </message>
</context>
<context>
    <name>flarechat::ApiServer</name>
    <message>
        <source>The API server is already running.</source>
        <translation>API 服务器已在运行。</translation>
    </message>
    <message>
        <source>Could not listen on %1: port %2 is in use by another program. Choose another port.</source>
        <translation>无法在 %1 上监听：端口 %2 已被其他程序占用。请换一个端口。</translation>
    </message>
    <message>
        <source>Could not listen on %1: ports below 1024 need administrator rights. Choose a port above 1023.</source>
        <translation>无法在 %1 上监听：1024 以下的端口需要管理员权限。请选择大于 1023 的端口。</translation>
    </message>
    <message>
        <source>Could not listen on %1: %2 is not an address of this computer.</source>
        <translation>无法在 %1 上监听：%2 不是本机的地址。</translation>
    </message>
    <message>
        <source>Could not listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>The API server must restart to listen elsewhere.</source>
        <translation>API 服务器需要重新启动才能在其他地址或端口监听。</translation>
    </message>
    <message>
        <source>Could not listen on %1: port %2 is in use by %3. Choose another port, or stop that program.</source>
        <translation>无法在 %1 上监听：端口 %2 已被 %3 占用。请换一个端口，或停止该程序。</translation>
    </message>
</context>
<context>
    <name>flarechat::ApiSnippets</name>
    <message>
        <source>Environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source># For tools that read OpenAI&apos;s variables (aider, LangChain, the SDKs):</source>
        <translation># 适用于读取 OpenAI 环境变量的工具（aider、LangChain、各 SDK）：</translation>
    </message>
    <message>
        <source>a key made above</source>
        <translation>上面生成的密钥</translation>
    </message>
    <message>
        <source># %1 on Workers AI models (%2),</source>
        <translation># 在 Workers AI 模型上运行 %1（%2），</translation>
    </message>
    <message>
        <source># or in one command: flarechat launch %1</source>
        <translation># 或者一条命令：flarechat launch %1</translation>
    </message>
    <message>
        <source># claude-… names are mapped to Workers AI models (server/claude_models)</source>
        <translation># claude-… 名称会映射到 Workers AI 模型（server/claude_models）</translation>
    </message>
</context>
<context>
    <name>flarechat::Attachments</name>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>%1 is a folder. Attach the files in it instead.</source>
        <translation>%1 是文件夹。请改为添加其中的文件。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 (%3).</source>
        <translation>%1 超过了 %2 的上限（%3）。</translation>
    </message>
    <message>
        <source>%1 could not be read as an image: %2.</source>
        <translation>无法将 %1 读取为图片：%2。</translation>
    </message>
    <message>
        <source>%1 is too long to include as text (%2; the limit is %3). Attach a shorter excerpt.</source>
        <translation>%1 太长，无法作为文本附加（%2，上限为 %3）。请附加较短的片段。</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2.</source>
        <translation>无法打开 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is not an image that can be read.</source>
        <translation>%1 不是可读取的图片。</translation>
    </message>
    <message>
        <source>%1 could not be converted for sending: %2.</source>
        <translation>无法转换 %1 以便发送：%2。</translation>
    </message>
    <message>
        <source>%1 × %2 %3, %4</source>
        <translation>%1 × %2 %3，%4</translation>
    </message>
    <message>
        <source>%1 is not a text file. Attach images, or text files in UTF-8.</source>
        <translation>%1 不是文本文件。请附加图片或 UTF-8 编码的文本文件。</translation>
    </message>
    <message>
        <source>%1 of text</source>
        <translation>%1 文本</translation>
    </message>
    <message>
        <source>The pasted image could not be read.</source>
        <translation>无法读取粘贴的图片。</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>KB</source>
        <translation>KB</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>%1 × %2, %3</source>
        <translation>%1 × %2，%3</translation>
    </message>
</context>
<context>
    <name>flarechat::CatalogFetch</name>
    <message>
        <source>the model list did not arrive within %1 s</source>
        <translation>模型列表未在 %1 秒内返回</translation>
    </message>
    <message>
        <source>No Cloudflare account id and API token are configured.</source>
        <translation>尚未配置 Cloudflare 账户 ID 和 API 令牌。</translation>
    </message>
</context>
<context>
    <name>flarechat::ChatActions</name>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Stop Reply</source>
        <translation>停止回复(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Regenerate Last Reply</source>
        <translation>重新生成最后的回复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit Last Question</source>
        <translation>编辑最后的问题(&amp;E)</translation>
    </message>
    <message>
        <source>Go to the &amp;Message Box</source>
        <translation>转到消息框(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Next Conversation</source>
        <translation>下一个对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Conversation</source>
        <translation>上一个对话(&amp;P)</translation>
    </message>
</context>
<context>
    <name>flarechat::ChatController</name>
    <message>
        <source>The request failed.</source>
        <translation>请求失败。</translation>
    </message>
    <message numerus="yes">
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not reach Workers AI. Check the internet connection and the proxy settings.</source>
        <translation>无法连接 Workers AI。请检查网络连接和代理设置。</translation>
    </message>
    <message>
        <source>Workers AI did not answer in time.</source>
        <translation>Workers AI 没有及时响应。</translation>
    </message>
    <message>
        <source>Could not reach the proxy. Check the proxy settings.</source>
        <translation>无法连接代理服务器。请检查代理设置。</translation>
    </message>
    <message>
        <source>The proxy refused the user name or password. Check them in the proxy settings.</source>
        <translation>代理服务器拒绝了用户名或密码。请在代理设置中检查。</translation>
    </message>
    <message>
        <source>Cloudflare rejected the API token. Check it in Settings.</source>
        <translation>Cloudflare 拒绝了该 API 令牌。请在设置中检查。</translation>
    </message>
    <message>
        <source>This API token is not allowed to use Workers AI.</source>
        <translation>该 API 令牌无权使用 Workers AI。</translation>
    </message>
    <message>
        <source>Cloudflare does not know this account id. Check it in Settings.</source>
        <translation>Cloudflare 找不到该账户 ID。请在设置中检查。</translation>
    </message>
    <message>
        <source>Workers AI does not know this model.</source>
        <translation>Workers AI 没有这个模型。</translation>
    </message>
    <message>
        <source>This model needs a paid Workers AI plan.</source>
        <translation>该模型需要付费的 Workers AI 套餐。</translation>
    </message>
    <message>
        <source>This model&apos;s license has to be accepted first.</source>
        <translation>需要先接受该模型的许可协议。</translation>
    </message>
    <message>
        <source>Today&apos;s free Workers AI allocation is used up.</source>
        <translation>今天的 Workers AI 免费额度已用完。</translation>
    </message>
    <message>
        <source>Workers AI is busy, or the rate limit was reached.</source>
        <translation>Workers AI 繁忙，或已达到速率限制。</translation>
    </message>
    <message>
        <source>The request is too large for Workers AI.</source>
        <translation>请求太大，Workers AI 无法处理。</translation>
    </message>
    <message>
        <source>No Cloudflare account id and API token are set. Open Settings to enter them.</source>
        <translation>尚未设置 Cloudflare 账户 ID 和 API 令牌。请打开设置填写。</translation>
    </message>
    <message>
        <source>Cloudflare retired %1 on %2; %3 answers instead.</source>
        <translation>Cloudflare 已于 %2 停用 %1，现由 %3 回答。</translation>
    </message>
</context>
<context>
    <name>flarechat::ChatPane</name>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>System prompt, temperature and max tokens of this conversation</source>
        <translation>此对话的系统提示词、温度和最大 token 数</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>%1 cannot see images. Choose a model with vision, or remove the image.</source>
        <translation>%1 无法识别图片。请选择支持视觉的模型，或移除这张图片。</translation>
    </message>
    <message>
        <source>%1 cannot see images. Choose a model with vision, or remove the images.</source>
        <translation>%1 无法识别图片。请选择支持视觉的模型，或移除这些图片。</translation>
    </message>
    <message>
        <source>%1 cannot see images. Choose a model with vision, such as %2, or remove the image.</source>
        <translation>%1 无法识别图片。请选择支持视觉的模型（如 %2），或移除这张图片。</translation>
    </message>
    <message>
        <source>%1 cannot see images. Choose a model with vision, such as %2, or remove the images.</source>
        <translation>%1 无法识别图片。请选择支持视觉的模型（如 %2），或移除这些图片。</translation>
    </message>
    <message>
        <source>&lt;h2&gt;FlareChat&lt;/h2&gt;&lt;p&gt;Ask anything. Replies stream from Cloudflare Workers AI.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;FlareChat&lt;/h2&gt;&lt;p&gt;有什么问题尽管问。回复由 Cloudflare Workers AI 实时流式生成。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Try now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Ask Workers AI now, e.g. after upgrading to Workers Paid</source>
        <translation>立即向 Workers AI 发送，例如在升级到 Workers Paid 之后</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>不发送</translation>
    </message>
    <message>
        <source>Keep the question without an answer; send it again later</source>
        <translation>保留问题但不获取回答；稍后可再次发送</translation>
    </message>
    <message>
        <source>Free allocation used up until %1. Your message waits and goes out by itself then, or as soon as Workers AI answers again.</source>
        <translation>免费额度已用完，%1 恢复。您的消息将等待，届时自动发送；若 Workers AI 提前恢复响应，则会立即发送。</translation>
    </message>
    <message>
        <source>Free allocation used up. Your message waits and goes out as soon as Workers AI answers again.</source>
        <translation>免费额度已用完。您的消息将等待，Workers AI 恢复响应后立即发送。</translation>
    </message>
</context>
<context>
    <name>flarechat::Composer</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Editing a message: sending adds it as a new version; the old one stays (◀ ▶).</source>
        <translation>正在编辑消息：发送后将作为新版本添加，旧版本仍会保留（◀ ▶）。</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Stop the reply (Esc)</source>
        <translation>停止回复（Esc）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach images or text files (you can also drop or paste them)</source>
        <translation>添加图片或文本文件（也可以拖放或粘贴）</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>Pasted image %1</source>
        <translation>粘贴的图片 %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml)</source>
        <translation>文本文件 (*.txt *.md *.csv *.json *.log *.xml *.yaml *.yml)</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Message… (Enter to send, Shift+Enter for a new line)</source>
        <translation>输入消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Message… (Ctrl+Enter to send)</source>
        <translation>输入消息…（Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>flarechat::ConversationListModel</name>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
</context>
<context>
    <name>flarechat::ConversationOptions</name>
    <message>
        <source>Optional instructions for the model in this conversation</source>
        <translation>可选：在此对话中给模型的指示</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>模型默认值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>System prompt:</source>
        <translation>系统提示词：</translation>
    </message>
    <message>
        <source>Max tokens:</source>
        <translation>最大 token 数：</translation>
    </message>
    <message>
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>How long a reasoning model (gpt-oss, for example) thinks before answering. Other models ignore it.</source>
        <translation>推理模型（例如 gpt-oss）在回答前思考的时长。其他模型会忽略此项。</translation>
    </message>
    <message>
        <source>Reasoning effort:</source>
        <translation>推理强度：</translation>
    </message>
</context>
<context>
    <name>flarechat::ConversationSidebar</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话列表</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>No messages match “%1”.</source>
        <translation>没有与“%1”匹配的消息。</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Start a new conversation (%1)</source>
        <translation>开始新对话（%1）</translation>
    </message>
</context>
<context>
    <name>flarechat::ConversationStore</name>
    <message>
        <source>%1 failed: the conversation database is not open</source>
        <translation>%1失败：对话数据库未打开</translation>
    </message>
    <message>
        <source>the conversation database is locked by another program or another FlareChat window</source>
        <translation>对话数据库已被其他程序或另一个 FlareChat 窗口锁定</translation>
    </message>
    <message>
        <source>the conversation database is read-only (check the permissions of %1)</source>
        <translation>对话数据库为只读（请检查 %1 的权限）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk reported an input/output error</source>
        <translation>磁盘报告了输入/输出错误</translation>
    </message>
    <message>
        <source>%1 is damaged or is not a FlareChat conversation database</source>
        <translation>%1 已损坏，或不是 FlareChat 对话数据库</translation>
    </message>
    <message>
        <source>%1 cannot be opened (check that its folder exists and is writable)</source>
        <translation>无法打开 %1（请检查其所在文件夹是否存在且可写）</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <source>Opening the conversation database</source>
        <translation>打开对话数据库</translation>
    </message>
    <message>
        <source>%1 failed: no schema migrations</source>
        <translation>%1失败：没有数据库结构迁移</translation>
    </message>
    <message>
        <source>%1 failed: cannot create the folder %2</source>
        <translation>%1失败：无法创建文件夹 %2</translation>
    </message>
    <message>
        <source>%1 refused: %2 was written by a newer FlareChat (schema version %3; this version understands up to %4). Update FlareChat to open it; the file was not changed.</source>
        <translation>已拒绝%1：%2 由更新版本的 FlareChat 写入（结构版本 %3；此版本最高支持 %4）。请更新 FlareChat 后再打开；文件未作任何更改。</translation>
    </message>
    <message>
        <source>Upgrading the conversation database to schema version %1 (%2)</source>
        <translation>将对话数据库升级到结构版本 %1（%2）</translation>
    </message>
    <message>
        <source>Creating a conversation</source>
        <translation>创建对话</translation>
    </message>
    <message>
        <source>Reading a conversation</source>
        <translation>读取对话</translation>
    </message>
    <message>
        <source>Listing conversations</source>
        <translation>列出对话</translation>
    </message>
    <message>
        <source>%1 failed: the conversation does not exist or is not in that state</source>
        <translation>%1失败：对话不存在或不处于该状态</translation>
    </message>
    <message>
        <source>Renaming the conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Pinning the conversation</source>
        <translation>置顶对话</translation>
    </message>
    <message>
        <source>Unpinning the conversation</source>
        <translation>取消置顶对话</translation>
    </message>
    <message>
        <source>Saving the conversation&apos;s settings</source>
        <translation>保存对话设置</translation>
    </message>
    <message>
        <source>Saving the draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Deleting the conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>Restoring the conversation</source>
        <translation>恢复对话</translation>
    </message>
    <message>
        <source>Listing deleted conversations</source>
        <translation>列出已删除的对话</translation>
    </message>
    <message>
        <source>Removing deleted conversations</source>
        <translation>清除已删除的对话</translation>
    </message>
    <message>
        <source>Duplicating the conversation</source>
        <translation>复制对话</translation>
    </message>
    <message>
        <source>%1 failed: it no longer exists</source>
        <translation>%1失败：对象已不存在</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Importing the conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Saving the conversation</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <source>Choosing the message version</source>
        <translation>切换消息版本</translation>
    </message>
    <message>
        <source>Saving the message</source>
        <translation>保存消息</translation>
    </message>
    <message>
        <source>%1 failed: the conversation no longer exists</source>
        <translation>%1失败：对话已不存在</translation>
    </message>
    <message>
        <source>%1 failed: the message it answers is not in this conversation</source>
        <translation>%1失败：它所回复的消息不在此对话中</translation>
    </message>
    <message>
        <source>Saving the edited message failed: the original no longer exists</source>
        <translation>保存编辑后的消息失败：原消息已不存在</translation>
    </message>
    <message>
        <source>Continuing the reply</source>
        <translation>继续生成回复</translation>
    </message>
    <message>
        <source>%1 failed: the message no longer exists</source>
        <translation>%1失败：消息已不存在</translation>
    </message>
    <message>
        <source>Saving the reply</source>
        <translation>保存回复</translation>
    </message>
    <message>
        <source>Saving the failed reply</source>
        <translation>保存失败的回复</translation>
    </message>
    <message>
        <source>Saving the stopped reply</source>
        <translation>保存已停止的回复</translation>
    </message>
    <message>
        <source>Deleting the message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Reading a message</source>
        <translation>读取消息</translation>
    </message>
    <message>
        <source>Reading the conversation</source>
        <translation>读取对话</translation>
    </message>
    <message>
        <source>Reading the message versions</source>
        <translation>读取消息版本</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Restoring the message</source>
        <translation>恢复消息</translation>
    </message>
    <message>
        <source>The message cannot be restored: its conversation was deleted.</source>
        <translation>无法恢复该消息：它所在的对话已被删除。</translation>
    </message>
    <message>
        <source>The message cannot be restored: the message it answered was deleted.</source>
        <translation>无法恢复该消息：它所回复的消息已被删除。</translation>
    </message>
    <message>
        <source>Saving the draft&apos;s attachments</source>
        <translation>保存草稿的附件</translation>
    </message>
</context>
<context>
    <name>flarechat::CredentialHints</name>
    <message>
        <source>The spaces and line breaks around the account id were removed.</source>
        <translation>已去掉账户 ID 前后的空格和换行。</translation>
    </message>
    <message>
        <source>The spaces and line breaks around the token were removed.</source>
        <translation>已去掉令牌前后的空格和换行。</translation>
    </message>
    <message>
        <source>Only the value after “%1=” was kept.</source>
        <translation>只保留了“%1=”之后的值。</translation>
    </message>
    <message>
        <source>The quotes around the account id were removed.</source>
        <translation>已去掉账户 ID 两侧的引号。</translation>
    </message>
    <message>
        <source>The quotes around the token were removed.</source>
        <translation>已去掉令牌两侧的引号。</translation>
    </message>
    <message>
        <source>“Bearer ” was removed from the start: FlareChat adds it itself.</source>
        <translation>已去掉开头的“Bearer ”：FlareChat 会自动添加。</translation>
    </message>
    <message>
        <source>“%1” is the name of an environment variable, not its value: it was never expanded. Paste the account id itself, 32 characters of 0–9 and a–f.</source>
        <translation>“%1”是环境变量的名称，而不是它的值：它没有被展开。请粘贴账户 ID 本身，即由 0–9 和 a–f 组成的 32 个字符。</translation>
    </message>
    <message>
        <source>This is a web address, not an account id. In the Cloudflare dashboard the account id is the 32-character part of the address right after dash.cloudflare.com/.</source>
        <translation>这是一个网址，不是账户 ID。在 Cloudflare 控制台中，账户 ID 是地址里紧跟在 dash.cloudflare.com/ 之后的 32 个字符。</translation>
    </message>
    <message>
        <source>This is a web address, not an account id. The account id in it is %1.</source>
        <translation>这是一个网址，不是账户 ID。其中的账户 ID 是 %1。</translation>
    </message>
    <message>
        <source>This looks like an API token, not an account id: paste it into the API token field. The account id is 32 characters of 0–9 and a–f.</source>
        <translation>这看起来是 API 令牌，而不是账户 ID：请把它粘贴到“API 令牌”一栏。账户 ID 由 0–9 和 a–f 组成，共 32 个字符。</translation>
    </message>
    <message>
        <source>An account id has only the characters 0–9 and a–f, and this has others. Copy it again from the dashboard.</source>
        <translation>账户 ID 只包含 0–9 和 a–f，而这里有其他字符。请从控制台重新复制。</translation>
    </message>
    <message>
        <source>An account id is 32 characters long; this has %1. Part of it may be missing.</source>
        <translation>账户 ID 长 32 个字符，这里有 %1 个，可能缺了一部分。</translation>
    </message>
    <message>
        <source>“%1” is the name of an environment variable, not its value: it was never expanded. Paste the API token itself.</source>
        <translation>“%1”是环境变量的名称，而不是它的值：它没有被展开。请粘贴 API 令牌本身。</translation>
    </message>
    <message>
        <source>This is a web address, not an API token. Create a token in the Cloudflare dashboard and paste the token it shows you.</source>
        <translation>这是一个网址，不是 API 令牌。请在 Cloudflare 控制台中创建令牌，然后粘贴页面上显示的令牌。</translation>
    </message>
    <message>
        <source>This looks like an account id (32 characters of 0–9 and a–f), not an API token: paste it into the account id field.</source>
        <translation>这看起来是账户 ID（由 0–9 和 a–f 组成的 32 个字符），而不是 API 令牌：请把它粘贴到“账户 ID”一栏。</translation>
    </message>
    <message>
        <source>This looks like the Global API Key, which opens your whole account and which FlareChat does not use. Create an API token with the Workers AI permissions instead.</source>
        <translation>这看起来是全局 API 密钥（Global API Key）：它能操作你的整个账户，FlareChat 不使用它。请改为创建一个具有 Workers AI 权限的 API 令牌。</translation>
    </message>
    <message>
        <source>An API token has no spaces or line breaks inside it: copy it again in one piece.</source>
        <translation>API 令牌中间没有空格或换行：请完整地重新复制一次。</translation>
    </message>
    <message>
        <source>An API token has only letters, digits, “-” and “_”, and this has other characters. Copy it again.</source>
        <translation>API 令牌只包含字母、数字、“-”和“_”，而这里有其他字符。请重新复制。</translation>
    </message>
    <message>
        <source>Cloudflare API tokens are 40 characters long (newer ones start with cfut_ or cfat_ and are longer); this has %1. Part of it may be missing.</source>
        <translation>Cloudflare API 令牌长 40 个字符（较新的令牌以 cfut_ 或 cfat_ 开头，会更长），这里有 %1 个，可能缺了一部分。</translation>
    </message>
</context>
<context>
    <name>flarechat::ExamplePrompts</name>
    <message>
        <source>Explain something</source>
        <translation>解释概念</translation>
    </message>
    <message>
        <source>Explain how HTTPS keeps a connection private, in three short paragraphs.</source>
        <translation>用三段简短的话解释 HTTPS 如何保护连接的私密性。</translation>
    </message>
    <message>
        <source>Write code</source>
        <translation>编写代码</translation>
    </message>
    <message>
        <source>Write a Python function that checks whether a string is a palindrome, with tests.</source>
        <translation>写一个 Python 函数，判断字符串是否是回文，并附上测试。</translation>
    </message>
    <message>
        <source>Plan a trip</source>
        <translation>规划旅行</translation>
    </message>
    <message>
        <source>Plan three days in Kyoto for someone who loves food and old temples.</source>
        <translation>为一位喜爱美食和古寺的人规划三天的京都行程。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare working from home and working in an office, as a table of pros and cons.</source>
        <translation>用表格比较居家办公和去办公室上班的优缺点。</translation>
    </message>
</context>
<context>
    <name>flarechat::FirstModelChoices</name>
    <message>
        <source>A strong all-rounder for everyday questions, writing and summaries, and quick to answer.</source>
        <translation>全能型模型，适合日常问答、写作和总结，回答速度快。</translation>
    </message>
    <message>
        <source>Thinks step by step before it answers: good for maths, planning and tricky questions.</source>
        <translation>回答前会逐步思考：适合数学、规划和棘手的问题。</translation>
    </message>
    <message>
        <source>Fast, with reasoning and tool use: good for coding help and for agents.</source>
        <translation>速度快，支持推理和工具调用：适合编程辅助和智能体。</translation>
    </message>
    <message>
        <source>Reads images as well as text and thinks when asked: good for photos, screenshots and charts.</source>
        <translation>能看懂图片和文字，需要时会深入思考：适合处理照片、截图和图表。</translation>
    </message>
    <message>
        <source>Light on the free allocation, with optional thinking, and good at Chinese as well as English.</source>
        <translation>消耗免费额度少，可选择是否思考，中英文都很擅长。</translation>
    </message>
    <message>
        <source>Made for code: writes, explains and fixes programs in many languages.</source>
        <translation>专为代码打造：能用多种编程语言编写、讲解和修复程序。</translation>
    </message>
</context>
<context>
    <name>flarechat::MainToolBar</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
</context>
<context>
    <name>flarechat::MainWindow</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>FlareChat</source>
        <translation>FlareChat</translation>
    </message>
    <message>
        <source>Conversation deleted.</source>
        <translation>对话已删除。</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>无法读取钥匙串：%1</translation>
    </message>
    <message>
        <source>Saving failed.</source>
        <translation>保存失败。</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Connecting…&lt;/h2&gt;&lt;p&gt;Reading your Cloudflare credentials from the keychain.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;正在连接…&lt;/h2&gt;&lt;p&gt;正在从钥匙串读取你的 Cloudflare 凭据。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Connect to Cloudflare&lt;/h2&gt;&lt;p&gt;FlareChat needs your Cloudflare account id and an API token with Workers AI permission.&lt;/p&gt;&lt;p&gt;Set &lt;code&gt;CLOUDFLARE_ACCOUNT_ID&lt;/code&gt; and &lt;code&gt;CLOUDFLARE_API_TOKEN&lt;/code&gt;, or &lt;a href=&quot;flarechat:settings&quot;&gt;enter them in the settings&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;连接 Cloudflare&lt;/h2&gt;&lt;p&gt;FlareChat 需要你的 Cloudflare 账户 ID，以及一个具有 Workers AI 权限的 API 令牌。&lt;/p&gt;&lt;p&gt;请设置 &lt;code&gt;CLOUDFLARE_ACCOUNT_ID&lt;/code&gt; 和 &lt;code&gt;CLOUDFLARE_API_TOKEN&lt;/code&gt;，或&lt;a href=&quot;flarechat:settings&quot;&gt;在设置中填写&lt;/a&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Rename Conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large to be a conversation (more than 64 MB).</source>
        <translation>%1 太大，不是有效的对话文件（超过 64 MB）。</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <source>Conversation copied as Markdown.</source>
        <translation>已将对话复制为 Markdown。</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Export Conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON, OpenAI messages (*.json)</source>
        <translation>Markdown (*.md);;JSON，OpenAI 消息格式 (*.json)</translation>
    </message>
    <message>
        <source>Import Conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Import Conversation…</source>
        <translation>导入对话(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Copy Conversation as &amp;Markdown</source>
        <translation>将对话复制为 Markdown(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Search Messages</source>
        <translation>搜索消息(&amp;S)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About FlareChat</source>
        <translation>关于 FlareChat(&amp;A)</translation>
    </message>
    <message>
        <source>About FlareChat</source>
        <translation>关于 FlareChat</translation>
    </message>
    <message>
        <source>&lt;h3&gt;FlareChat %1&lt;/h3&gt;&lt;p&gt;A desktop client for Cloudflare Workers AI.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FlareChat %1&lt;/h3&gt;&lt;p&gt;Cloudflare Workers AI 桌面客户端。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Message deleted.</source>
        <translation>消息已删除。</translation>
    </message>
    <message>
        <source>Message and its reply deleted.</source>
        <translation>消息及其回复已删除。</translation>
    </message>
    <message>
        <source>Message and %1 replies deleted.</source>
        <translation>消息及其 %1 条回复已删除。</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>本地 API</translation>
    </message>
    <message>
        <source>The local API server; click for its panel</source>
        <translation>本地 API 服务；点击打开其面板</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Local API</source>
        <translation>本地 API(&amp;L)</translation>
    </message>
    <message>
        <source>FlareChat is still running</source>
        <translation>FlareChat 仍在运行</translation>
    </message>
    <message>
        <source>The local API server keeps answering in the background. To end both, choose “Quit FlareChat” in this icon&apos;s menu.</source>
        <translation>本地 API 服务器仍在后台响应请求。要同时结束两者，请在此图标的菜单中选择“退出 FlareChat”。</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
</context>
<context>
    <name>flarechat::ModelPicker</name>
    <message>
        <source>%1K context</source>
        <translation>%1K 上下文</translation>
    </message>
    <message>
        <source>%1 context</source>
        <translation>%1 上下文</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Workers Paid</source>
        <translation>Workers Paid</translation>
    </message>
    <message>
        <source>deprecated</source>
        <translation>已弃用</translation>
    </message>
    <message>
        <source>Deprecated by Cloudflare.</source>
        <translation>Cloudflare 已弃用此模型。</translation>
    </message>
    <message>
        <source>Deprecated by Cloudflare; use %1 instead.</source>
        <translation>Cloudflare 已弃用此模型，请改用 %1。</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>~%1 neurons a reply</source>
        <translation>每次回复约 %1 Neuron</translation>
    </message>
    <message>
        <source>About %1 neurons for a reply of %2 tokens to %3 tokens of conversation: the free 10,000 neurons a day are about %4 such replies.</source>
        <translation>对 %3 个 token 的对话回复 %2 个 token，约消耗 %1 Neuron：每天免费的 10,000 Neuron 约够 %4 次这样的回复。</translation>
    </message>
    <message>
        <source>Needs the Workers Paid plan: on the Free plan Workers AI refuses it.</source>
        <translation>需要 Workers Paid 套餐：在免费套餐下 Workers AI 会拒绝此模型。</translation>
    </message>
</context>
<context>
    <name>flarechat::NeuronMeter</name>
    <message>
        <source>%1 is too large to be a usage file.</source>
        <translation>%1 太大，不是用量文件。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Today&apos;s usage could not be saved to %1: %2</source>
        <translation>无法将今日用量保存到 %1：%2</translation>
    </message>
    <message>
        <source>%1 is locked by another FlareChat; today&apos;s usage is counted here until it is free.</source>
        <translation>%1 被另一个 FlareChat 锁定；在其释放之前，今日用量暂记在本进程中。</translation>
    </message>
</context>
<context>
    <name>flarechat::PlainTextFallback</name>
    <message>
        <source>No Keychain</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>No keychain answered, so FlareChat cannot store your API token encrypted.</source>
        <translation>没有钥匙串响应，因此 FlareChat 无法加密保存你的 API 令牌。</translation>
    </message>
    <message>
        <source>It can keep the token unencrypted in its settings file, %1, where anyone who can read your files can read it. If you don&apos;t save it, the token works until you quit FlareChat, and the next start asks for it again.</source>
        <translation>FlareChat 可以把令牌以未加密的形式保存在它的设置文件 %1 中，任何能读取你文件的人都能看到它。如果不保存，令牌在你退出 FlareChat 之前都可以使用，下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>Keep It in the Settings File</source>
        <translation>保存在设置文件中</translation>
    </message>
    <message>
        <source>Don&apos;t Save It</source>
        <translation>不保存</translation>
    </message>
</context>
<context>
    <name>flarechat::RequestLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>首个 token</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>输入 / 输出 token</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 from %2; %3 ms in all</source>
        <translation>%1，来自 %2；共 %3 毫秒</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>First token after %1 ms</source>
        <translation>%1 毫秒后收到首个 token</translation>
    </message>
    <message>
        <source>Tokens: %1 in, %2 out</source>
        <translation>Token：输入 %1，输出 %2</translation>
    </message>
    <message>
        <source>about %1 neurons</source>
        <translation>约 %1 Neuron</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>请求头</translation>
    </message>
</context>
<context>
    <name>flarechat::ServerController</name>
    <message>
        <source>API: off</source>
        <translation>API：已关闭</translation>
    </message>
    <message>
        <source>API: starting…</source>
        <translation>API：正在启动…</translation>
    </message>
    <message>
        <source>API: bad address</source>
        <translation>API：地址无效</translation>
    </message>
    <message>
        <source>API: port %1 is in use</source>
        <translation>API：端口 %1 已被占用</translation>
    </message>
    <message>
        <source>API: port %1 needs administrator rights</source>
        <translation>API：端口 %1 需要管理员权限</translation>
    </message>
    <message>
        <source>API: %1 is not this computer&apos;s address</source>
        <translation>API：%1 不是本机地址</translation>
    </message>
    <message>
        <source>API: needs a key</source>
        <translation>API：需要密钥</translation>
    </message>
    <message>
        <source>API: not started</source>
        <translation>API：未启动</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API：%1</translation>
    </message>
</context>
<context>
    <name>flarechat::SettingsDialog</name>
    <message>
        <source>FlareChat Settings</source>
        <translation>FlareChat 设置</translation>
    </message>
    <message>
        <source>Cloudflare</source>
        <translation>Cloudflare</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Local API</source>
        <translation>本地 API</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation>正在读取钥匙串…</translation>
    </message>
    <message>
        <source>Your Cloudflare account id and an API token with the permissions &lt;i&gt;Workers AI – Read&lt;/i&gt; and &lt;i&gt;Workers AI – Edit&lt;/i&gt; (dashboard: Workers AI → Use REST API → Create a Workers AI API Token). The token is kept in the system keychain.</source>
        <translation>你的 Cloudflare 账户 ID，以及一个具有 &lt;i&gt;Workers AI – Read&lt;/i&gt; 和 &lt;i&gt;Workers AI – Edit&lt;/i&gt; 权限的 API 令牌（控制台：Workers AI → Use REST API → Create a Workers AI API Token）。令牌保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>32 hexadecimal characters</source>
        <translation>32 位十六进制字符</translation>
    </message>
    <message>
        <source>&amp;Account id:</source>
        <translation>账户 ID(&amp;A)：</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API 令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Direct (api.cloudflare.com)</source>
        <translation>直连（api.cloudflare.com）</translation>
    </message>
    <message>
        <source>AI Gateway</source>
        <translation>AI Gateway</translation>
    </message>
    <message>
        <source>Custom base URL</source>
        <translation>自定义基础 URL</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>端点(&amp;E)：</translation>
    </message>
    <message>
        <source>the gateway&apos;s name in the dashboard</source>
        <translation>网关在控制台中的名称</translation>
    </message>
    <message>
        <source>&amp;Gateway id:</source>
        <translation>网关 ID(&amp;G)：</translation>
    </message>
    <message>
        <source>Only for an authenticated gateway (cf-aig-authorization).</source>
        <translation>仅用于需要身份验证的网关（cf-aig-authorization）。</translation>
    </message>
    <message>
        <source>Gateway t&amp;oken:</source>
        <translation>网关令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>基础 URL(&amp;B)：</translation>
    </message>
    <message>
        <source>%1 is set in the environment (%2) and is used instead of the one here.</source>
        <translation>%1：已在环境变量 %2 中设置，将代替此处的值。</translation>
    </message>
    <message>
        <source>%1 is given on the command line and is used instead of the one here.</source>
        <translation>%1：已在命令行中指定，将代替此处的值。</translation>
    </message>
    <message>
        <source>The account id</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>The API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>The API base</source>
        <translation>API 基础地址</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation>系统代理设置</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>HTTP 代理</translation>
    </message>
    <message>
        <source>SOCKS5 proxy</source>
        <translation>SOCKS5 代理</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>代理(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Used for Cloudflare, by the chat and by the local API. The password is kept in the system keychain.</source>
        <translation>聊天和本地 API 访问 Cloudflare 时使用。密码保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>默认模型(&amp;M)：</translation>
    </message>
    <message>
        <source>The most tokens a reply may have when a conversation or API request sets no limit.</source>
        <translation>对话或 API 请求未设置上限时，单条回复最多可包含的 token 数。</translation>
    </message>
    <message>
        <source>Default ma&amp;x tokens:</source>
        <translation>默认最大 token 数(&amp;X)：</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>&amp;Send with:</source>
        <translation>发送方式(&amp;S)：</translation>
    </message>
    <message>
        <source>Show reasoning &amp;inline, in &lt;think&gt; tags, in local API replies</source>
        <translation>在本地 API 回复中以 &lt;think&gt; 标签内联输出推理过程(&amp;I)</translation>
    </message>
    <message>
        <source>For clients that do not read reasoning_content. The window always shows the reasoning in its own Thinking block.</source>
        <translation>适用于不读取 reasoning_content 的客户端。窗口始终在单独的“思考过程”区块中显示推理过程。</translation>
    </message>
    <message>
        <source>127.0.0.1: this computer only. Any other address makes the API reachable from the network, and then a key is always required.</source>
        <translation>127.0.0.1：仅限本机。使用其他地址时，网络上的其他设备也能访问 API，此时始终需要密钥。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Require an API &amp;key (may be waived on 127.0.0.1 only)</source>
        <translation>需要 API 密钥(&amp;K)（仅在 127.0.0.1 上可以免除）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>name, e.g. my-editor</source>
        <translation>名称，例如 my-editor</translation>
    </message>
    <message>
        <source>&amp;Generate Key</source>
        <translation>生成密钥(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>吊销(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the new key now: this is the only time it is shown. Clients send it as &lt;code&gt;Authorization: Bearer KEY&lt;/code&gt;.</source>
        <translation>请立即复制新密钥：它只会显示这一次。客户端以 &lt;code&gt;Authorization: Bearer KEY&lt;/code&gt; 的形式发送它。</translation>
    </message>
    <message>
        <source>Keys are made and revoked at once; the running server uses them right away.</source>
        <translation>密钥的生成和吊销立即生效，正在运行的服务器会马上采用。</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>e.g. mybox.lan, *.example.lan</source>
        <translation>例如 mybox.lan, *.example.lan</translation>
    </message>
    <message>
        <source>Host names clients may use besides localhost and the address (DNS rebinding protection).</source>
        <translation>除 localhost 和上述地址外，客户端还可以使用的主机名（防范 DNS 重绑定）。</translation>
    </message>
    <message>
        <source>Extra &amp;host names:</source>
        <translation>额外主机名(&amp;H)：</translation>
    </message>
    <message>
        <source>Web pages allowed to call the API; * for any (only while a key is required).</source>
        <translation>允许调用 API 的网页来源；* 表示任意来源（仅在需要密钥时可用）。</translation>
    </message>
    <message>
        <source>&amp;Web origins (CORS):</source>
        <translation>网页来源 (CORS)(&amp;W)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Largest &amp;request:</source>
        <translation>最大请求(&amp;R)：</translation>
    </message>
    <message>
        <source>Request &amp;log size:</source>
        <translation>请求日志大小(&amp;L)：</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>无法读取钥匙串：%1</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>(not an IP address)</source>
        <translation>（不是 IP 地址）</translation>
    </message>
    <message>
        <source>The account id is 32 hexadecimal characters: copy it from the Workers AI page of the Cloudflare dashboard.</source>
        <translation>账户 ID 为 32 位十六进制字符：请从 Cloudflare 控制台的 Workers AI 页面复制。</translation>
    </message>
    <message>
        <source>The API token cannot contain spaces: copy it again.</source>
        <translation>API 令牌不能包含空格：请重新复制。</translation>
    </message>
    <message>
        <source>Enter the AI Gateway&apos;s id, or choose another endpoint.</source>
        <translation>请输入 AI Gateway 的 ID，或选择其他端点。</translation>
    </message>
    <message>
        <source>The base URL must be an http:// or https:// address, such as https://example.com/client/v4.</source>
        <translation>基础 URL 必须是 http:// 或 https:// 地址，例如 https://example.com/client/v4。</translation>
    </message>
    <message>
        <source>The base URL must not contain a user name or password; the API token is sent instead.</source>
        <translation>基础 URL 不能包含用户名或密码；身份验证使用 API 令牌。</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s host name or address.</source>
        <translation>请输入代理的主机名或地址。</translation>
    </message>
    <message>
        <source>Enter the proxy&apos;s port.</source>
        <translation>请输入代理端口。</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only.</source>
        <translation>“%1”不是 IP 地址。如只允许本机访问，请使用 127.0.0.1。</translation>
    </message>
    <message>
        <source>On %1 the API is reachable from other computers, so it must require a key: turn on “Require an API key”, or use 127.0.0.1.</source>
        <translation>在 %1 上，其他计算机也能访问 API，因此必须要求密钥：请开启“需要 API 密钥”，或改用 127.0.0.1。</translation>
    </message>
    <message>
        <source>On %1 the API is reachable from other computers, so it needs a key: generate one below first, or use 127.0.0.1.</source>
        <translation>在 %1 上，其他计算机也能访问 API，因此需要密钥：请先在下方生成一个，或改用 127.0.0.1。</translation>
    </message>
    <message>
        <source>A key is required but there is none: generate one below, or turn off “Require an API key”.</source>
        <translation>已要求密钥，但还没有任何密钥：请在下方生成一个，或关闭“需要 API 密钥”。</translation>
    </message>
    <message>
        <source>Nothing was saved: correct what is shown in red first.</source>
        <translation>未保存任何内容：请先更正标红的项。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The gateway token</source>
        <translation>网关令牌</translation>
    </message>
    <message>
        <source>The proxy password</source>
        <translation>代理密码</translation>
    </message>
    <message>
        <source>The settings could not be written to %1.</source>
        <translation>无法将设置写入 %1。</translation>
    </message>
    <message>
        <source>%1 could not be stored in the keychain: %2</source>
        <translation>%1未能存入钥匙串：%2</translation>
    </message>
    <message>
        <source>The settings were saved, but not everything could be stored: see above.</source>
        <translation>设置已保存，但部分内容未能存储：详见上方。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Checking the token…</source>
        <translation>正在检查令牌…</translation>
    </message>
    <message>
        <source>Checking the account with a one-token request…</source>
        <translation>正在用一个只生成 1 个 token 的请求检查账户…</translation>
    </message>
    <message>
        <source>Cancel &amp;Test</source>
        <translation>取消测试(&amp;T)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>✓ Connected: the account token is active, and a test request ran on Workers AI with account %1.</source>
        <translation>✓ 已连接：账户令牌有效，并已使用账户 %1 在 Workers AI 上成功运行测试请求。</translation>
    </message>
    <message>
        <source>✓ Connected: the user token is active, and a test request ran on Workers AI with account %1.</source>
        <translation>✓ 已连接：用户令牌有效，并已使用账户 %1 在 Workers AI 上成功运行测试请求。</translation>
    </message>
    <message>
        <source>Cloudflare said: %1</source>
        <translation>Cloudflare 返回：%1</translation>
    </message>
    <message>
        <source>The keychain could not be read, so keys cannot be made or revoked now: %1</source>
        <translation>无法读取钥匙串，因此现在无法生成或吊销密钥：%1</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无名称）</translation>
    </message>
    <message>
        <source>This key is no longer in the keychain.</source>
        <translation>此密钥已不在钥匙串中。</translation>
    </message>
    <message>
        <source>The keys could not be stored in the keychain: %1</source>
        <translation>无法将密钥存入钥匙串：%1</translation>
    </message>
    <message>
        <source>There is a key named “%1” already: choose another name.</source>
        <translation>已有名为“%1”的密钥：请换一个名称。</translation>
    </message>
    <message>
        <source>Revoke Key</source>
        <translation>吊销密钥</translation>
    </message>
    <message>
        <source>Revoke the key “%1”? Clients using it are refused from now on.</source>
        <translation>要吊销密钥“%1”吗？此后使用该密钥的客户端将被拒绝。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>That key is gone already.</source>
        <translation>该密钥已不存在。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Serve the models as a local OpenAI-compatible API, now and whenever FlareChat starts</source>
        <translation>将模型作为本地 OpenAI 兼容 API 提供，现在以及每次 FlareChat 启动时(&amp;S)</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <source>Applies as soon as the settings are saved, to every window.</source>
        <translation>设置一经保存即生效，所有窗口同时切换。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Names of your own for models, which programs using the local API and FlareChat&apos;s command line can send as the model. A name cannot be one FlareChat already gives a model.</source>
        <translation>为模型取您自己的名称，使用本地 API 的程序和 FlareChat 的命令行都可以把它们作为模型发送。名称不能与 FlareChat 已有的模型名称相同。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Model names</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>&amp;Add Name</source>
        <translation>添加名称(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Model for the name in row %1</source>
        <translation>第 %1 行名称对应的模型</translation>
    </message>
    <message>
        <source>A row has no name: enter one, or remove the row.</source>
        <translation>有一行没有名称：请输入名称，或删除该行。</translation>
    </message>
    <message>
        <source>“%1” has a space in it: a model name is one word, such as my-coder.</source>
        <translation>“%1”中含有空格：模型名称须为一个词，例如 my-coder。</translation>
    </message>
    <message>
        <source>“%1” starts with @, as Cloudflare&apos;s model ids do: choose a name without it.</source>
        <translation>“%1”以 @ 开头，与 Cloudflare 的模型 ID 相同：请选择不以 @ 开头的名称。</translation>
    </message>
    <message>
        <source>“%1” is a name FlareChat already gives a model, and programs rely on what it means: choose another.</source>
        <translation>“%1”是 FlareChat 已为某个模型使用的名称，程序依赖它的含义：请另选一个。</translation>
    </message>
    <message>
        <source>Choose the model “%1” runs.</source>
        <translation>请选择“%1”要运行的模型。</translation>
    </message>
    <message>
        <source>“%1” is on the list twice: remove one of them.</source>
        <translation>“%1”在列表中出现了两次：请删除其中一个。</translation>
    </message>
</context>
<context>
    <name>flarechat::SetupPage</name>
    <message>
        <source>Set up FlareChat</source>
        <translation>设置 FlareChat</translation>
    </message>
    <message>
        <source>Welcome to FlareChat</source>
        <translation>欢迎使用 FlareChat</translation>
    </message>
    <message>
        <source>Chat with the models of Cloudflare Workers AI on your own Cloudflare account, free up to 10,000 neurons a day.</source>
        <translation>用你自己的 Cloudflare 账户与 Cloudflare Workers AI 的模型聊天，每天 10,000 neurons 以内免费。</translation>
    </message>
    <message>
        <source>&amp;Start Chatting</source>
        <translation>开始聊天(&amp;S)</translation>
    </message>
    <message>
        <source>Start chatting</source>
        <translation>开始聊天</translation>
    </message>
    <message>
        <source>Test the connection first: this button works once the test passed.</source>
        <translation>请先测试连接：测试通过后才能使用此按钮。</translation>
    </message>
    <message>
        <source>Behind a proxy, or using an AI Gateway? Set that up in &lt;a href=&quot;flarechat:settings&quot;&gt;the settings&lt;/a&gt; first.</source>
        <translation>需要使用代理或 AI Gateway？请先在&lt;a href=&quot;flarechat:settings&quot;&gt;设置&lt;/a&gt;中配置。</translation>
    </message>
    <message>
        <source>Other settings</source>
        <translation>其他设置</translation>
    </message>
    <message>
        <source>1. Connect your Cloudflare account</source>
        <translation>1. 连接你的 Cloudflare 账户</translation>
    </message>
    <message>
        <source>&lt;p&gt;Create an API token at &lt;a href=&quot;https://dash.cloudflare.com/profile/api-tokens&quot;&gt;dash.cloudflare.com/profile/api-tokens&lt;/a&gt; (&lt;i&gt;Create Token&lt;/i&gt;) with two permissions: &lt;b&gt;Workers AI – Read&lt;/b&gt; and &lt;b&gt;Workers AI – Edit&lt;/b&gt;. The dashboard&apos;s &lt;i&gt;Workers AI → Use REST API → Create a Workers AI API Token&lt;/i&gt; makes one with both.&lt;/p&gt;&lt;p&gt;Your account id is the 32-character code in the dashboard&apos;s address (dash.cloudflare.com/&lt;i&gt;account id&lt;/i&gt;/…), and on that same &lt;i&gt;Use REST API&lt;/i&gt; page.&lt;/p&gt;</source>
        <translation>&lt;p&gt;请在 &lt;a href=&quot;https://dash.cloudflare.com/profile/api-tokens&quot;&gt;dash.cloudflare.com/profile/api-tokens&lt;/a&gt;（&lt;i&gt;Create Token&lt;/i&gt;）创建一个 API 令牌，并授予两项权限：&lt;b&gt;Workers AI – Read&lt;/b&gt; 和 &lt;b&gt;Workers AI – Edit&lt;/b&gt;。在控制台中通过 &lt;i&gt;Workers AI → Use REST API → Create a Workers AI API Token&lt;/i&gt; 创建的令牌已包含这两项权限。&lt;/p&gt;&lt;p&gt;你的账户 ID 是控制台地址中的 32 位代码（dash.cloudflare.com/&lt;i&gt;账户 ID&lt;/i&gt;/…），同一个 &lt;i&gt;Use REST API&lt;/i&gt; 页面上也会显示。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Where to find the account id and the API token</source>
        <translation>在哪里找到账户 ID 和 API 令牌</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>32 characters, 0–9 and a–f</source>
        <translation>32 个字符，0–9 和 a–f</translation>
    </message>
    <message>
        <source>&amp;Account id</source>
        <translation>账户 ID(&amp;A)</translation>
    </message>
    <message>
        <source>About the account id</source>
        <translation>关于账户 ID</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API 令牌</translation>
    </message>
    <message>
        <source>Shown once by the dashboard when you create it</source>
        <translation>创建时控制台只显示一次</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>显示令牌</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>API &amp;token</source>
        <translation>API 令牌(&amp;T)</translation>
    </message>
    <message>
        <source>About the API token</source>
        <translation>关于 API 令牌</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>2. Choose a first model</source>
        <translation>2. 选择第一个模型</translation>
    </message>
    <message>
        <source>Each of these runs on the Free plan. Every chat can use another model later.</source>
        <translation>以下模型都可以在 Free 计划中使用。之后每个对话都可以换用其他模型。</translation>
    </message>
    <message>
        <source>Another free model:</source>
        <translation>其他免费模型：</translation>
    </message>
    <message>
        <source>Choose another free model</source>
        <translation>选择其他免费模型</translation>
    </message>
    <message>
        <source>Another free model</source>
        <translation>其他免费模型</translation>
    </message>
    <message>
        <source>Use it</source>
        <translation>使用它</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Correct the account id first: %1</source>
        <translation>请先更正账户 ID：%1</translation>
    </message>
    <message>
        <source>Checking the token with Cloudflare…</source>
        <translation>正在向 Cloudflare 检查令牌…</translation>
    </message>
    <message>
        <source>Checking the account with a one-token request to Workers AI…</source>
        <translation>正在向 Workers AI 发送只生成 1 个 token 的请求以检查账户…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Cloudflare said: %1</source>
        <translation>Cloudflare 返回：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>The token could not be stored: %1</source>
        <translation>无法保存令牌：%1</translation>
    </message>
    <message>
        <source>No keychain answered.</source>
        <translation>没有钥匙串响应。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Not saved: the token works until you quit FlareChat.</source>
        <translation>未保存：令牌在你退出 FlareChat 之前有效。</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>测试连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation>取消测试(&amp;C)</translation>
    </message>
</context>
<context>
    <name>flarechat::Shortcuts</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Previous conversation in the list</source>
        <translation>列表中的上一个对话</translation>
    </message>
    <message>
        <source>Next conversation in the list</source>
        <translation>列表中的下一个对话</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>搜索消息</translation>
    </message>
    <message>
        <source>Copy the conversation as Markdown</source>
        <translation>将对话复制为 Markdown</translation>
    </message>
    <message>
        <source>Stop the reply being written</source>
        <translation>停止正在生成的回复</translation>
    </message>
    <message>
        <source>Regenerate the last reply</source>
        <translation>重新生成最后的回复</translation>
    </message>
    <message>
        <source>Edit your last question (in an empty message box)</source>
        <translation>编辑你最后的问题（在空的消息框中）</translation>
    </message>
    <message>
        <source>Cancel editing a message</source>
        <translation>取消编辑消息</translation>
    </message>
    <message>
        <source>Go to the message box</source>
        <translation>转到消息框</translation>
    </message>
    <message>
        <source>Show or hide the conversation list</source>
        <translation>显示或隐藏对话列表</translation>
    </message>
    <message>
        <source>Show or hide the Local API panel</source>
        <translation>显示或隐藏本地 API 面板</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (this list)</source>
        <translation>键盘快捷键（本列表）</translation>
    </message>
    <message>
        <source>Quit FlareChat</source>
        <translation>退出 FlareChat</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between two key sequences of one shortcut</comment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>flarechat::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>FlareChat&apos;s keys. Esc stops a reply only while one is being written; otherwise it belongs to the field you are in.</source>
        <translation>FlareChat 的按键。Esc 只在回复生成期间停止回复；其他时候它归你所在的输入框使用。</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>flarechat::StartupBox</name>
    <message>
        <source>Startup</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start FlareChat when I &amp;log in</source>
        <translation>登录时启动 FlareChat(&amp;L)</translation>
    </message>
    <message>
        <source>It starts in the background: in the tray when the local API server is on, otherwise minimized. The server itself starts with FlareChat whenever its switch (Local API) is on.</source>
        <translation>它会在后台启动：本地 API 服务器开启时位于托盘中，否则最小化。只要本地 API 的开关打开，服务器本身就会随 FlareChat 一起启动。</translation>
    </message>
    <message>
        <source>Starting at login could not be changed: %1</source>
        <translation>无法更改登录时启动：%1</translation>
    </message>
</context>
<context>
    <name>flarechat::TextSizeBox</name>
    <message>
        <source>Text &amp;size:</source>
        <translation>文字大小(&amp;S)：</translation>
    </message>
    <message>
        <source>The size of the conversation, the message box and the list of conversations</source>
        <translation>对话内容、消息框和对话列表的文字大小</translation>
    </message>
    <message>
        <source>System (%1 pt)</source>
        <translation>系统（%1 磅）</translation>
    </message>
    <message>
        <source>%1 pt</source>
        <translation>%1 磅</translation>
    </message>
</context>
<context>
    <name>flarechat::TokenCheck</name>
    <message>
        <source>Cloudflare did not answer within %1 seconds. Check your internet connection and proxy settings.</source>
        <translation>Cloudflare 在 %1 秒内没有响应。请检查网络连接和代理设置。</translation>
    </message>
    <message>
        <source>Enter your Cloudflare account id and API token first.</source>
        <translation>请先输入你的 Cloudflare 账户 ID 和 API 令牌。</translation>
    </message>
    <message>
        <source>Could not reach Cloudflare (%1). Check your internet connection and proxy settings.</source>
        <translation>无法连接到 Cloudflare（%1）。请检查网络连接和代理设置。</translation>
    </message>
    <message>
        <source>Cloudflare does not recognise this API token as a user token, and the account id does not match any account it could belong to. Check both: the account id is the 32-character id on the Workers AI page of the dashboard.</source>
        <translation>Cloudflare 无法将此 API 令牌识别为用户令牌，且该账户 ID 与它可能所属的任何账户都不匹配。请检查两者：账户 ID 是控制台 Workers AI 页面上的 32 位 ID。</translation>
    </message>
    <message>
        <source>Cloudflare does not recognise this API token. Copy it again from the dashboard (Workers AI → Use REST API → Create a Workers AI API Token).</source>
        <translation>Cloudflare 无法识别此 API 令牌。请从控制台重新复制（Workers AI → Use REST API → Create a Workers AI API Token）。</translation>
    </message>
    <message>
        <source>This API token is %1. Create a new token in the Cloudflare dashboard.</source>
        <translation>此 API 令牌的状态为 %1。请在 Cloudflare 控制台中新建令牌。</translation>
    </message>
    <message>
        <source>Connected. The token and account id work with Workers AI.</source>
        <translation>已连接。该令牌和账户 ID 可用于 Workers AI。</translation>
    </message>
    <message>
        <source>Connected, but today&apos;s free allocation of 10,000 neurons is used up; it resets at 00:00 UTC.</source>
        <translation>已连接，但今日 10,000 neurons 的免费额度已用完；额度将于 UTC 00:00 重置。</translation>
    </message>
    <message>
        <source>The token is valid, but the account id is wrong: Cloudflare could not route the request. Copy the account id from the Workers AI page of the dashboard.</source>
        <translation>令牌有效，但账户 ID 有误：Cloudflare 无法路由该请求。请从控制台的 Workers AI 页面复制账户 ID。</translation>
    </message>
    <message>
        <source>The token is valid but may not use Workers AI on this account. Give it the permissions Workers AI – Read and Workers AI – Edit, and check the account id.</source>
        <translation>令牌有效，但无权在此账户上使用 Workers AI。请为其授予 Workers AI – Read 和 Workers AI – Edit 权限，并检查账户 ID。</translation>
    </message>
    <message>
        <source>The token is valid, but a test request failed: %1</source>
        <translation>令牌有效，但测试请求失败：%1</translation>
    </message>
</context>
<context>
    <name>flarechat::TranscriptDelegate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Thinking… %1</source>
        <translation>思考中… %1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Thought for %1</source>
        <translation>已思考 %1</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一版本</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
</context>
<context>
    <name>flarechat::TranscriptModel</name>
    <message>
        <source>writing…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message numerus="yes">
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个 token</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
</context>
<context>
    <name>flarechat::TranscriptView</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
</context>
<context>
    <name>flarechat::TrayIcon</name>
    <message>
        <source>&amp;Quit FlareChat</source>
        <translation>退出 FlareChat(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Local API server</source>
        <translation>本地 API 服务器(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Hide FlareChat</source>
        <translation>隐藏 FlareChat(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Show FlareChat</source>
        <translation>显示 FlareChat(&amp;S)</translation>
    </message>
    <message>
        <source>FlareChat</source>
        <translation>FlareChat</translation>
    </message>
</context>
<context>
    <name>flarechat::UsageBreakdown</name>
    <message>
        <source>Today&apos;s neurons</source>
        <translation>今日 Neuron 用量</translation>
    </message>
    <message>
        <source>Today&apos;s free allocation</source>
        <translation>今日免费额度</translation>
    </message>
    <message>
        <source>Share of the free allocation used today</source>
        <translation>今日已用免费额度比例</translation>
    </message>
    <message>
        <source>Neurons per model today</source>
        <translation>今日各模型 Neuron 用量</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复数</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>输入 / 输出 token</translation>
    </message>
    <message>
        <source>Neurons</source>
        <translation>Neuron</translation>
    </message>
    <message>
        <source>Estimated from each reply&apos;s tokens and the model&apos;s prices. Cloudflare&apos;s own count is in the &lt;a href=&quot;https://dash.cloudflare.com/?to=/:account/ai/workers-ai&quot;&gt;dashboard&lt;/a&gt;.</source>
        <translation>根据每条回复的 token 数和模型价格估算。Cloudflare 的官方统计见&lt;a href=&quot;https://dash.cloudflare.com/?to=/:account/ai/workers-ai&quot;&gt;控制台&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 of %2 neurons used today (%3 %).</source>
        <translation>今日已用 %1 / %2 Neuron（%3%）。</translation>
    </message>
    <message>
        <source>Workers AI says today&apos;s free allocation is used up. It answers again at %1; messages you send meanwhile wait and go out then.</source>
        <translation>Workers AI 表示今日免费额度已用完，将于 %1 恢复；在此期间发送的消息会等待，届时自动发送。</translation>
    </message>
    <message>
        <source>Over %1 % of today&apos;s free allocation is used.</source>
        <translation>今日免费额度已使用超过 %1%。</translation>
    </message>
    <message>
        <source>No replies yet today.</source>
        <translation>今天还没有回复。</translation>
    </message>
    <message>
        <source>Resets at %1, in %2.</source>
        <translation>将于 %1 重置，还有 %2。</translation>
    </message>
</context>
<context>
    <name>flarechat::UsageMeter</name>
    <message>
        <source>%1 UTC</source>
        <translation>UTC %1</translation>
    </message>
    <message>
        <source>%1 (%2 UTC)</source>
        <translation>%1（UTC %2）</translation>
    </message>
    <message>
        <source>Free allocation used up until %1</source>
        <translation>免费额度已用完，%1 恢复</translation>
    </message>
    <message>
        <source>%1 / %2 neurons</source>
        <translation>%1 / %2 Neuron</translation>
    </message>
    <message>
        <source>Neurons used today (UTC) by this window and its API server, estimated: %1 of the free %2. Click for the breakdown.</source>
        <translation>本窗口及其 API 服务今日（UTC）已用的 Neuron（估算）：%1 / 免费 %2。点击查看明细。</translation>
    </message>
    <message>
        <source>Today&apos;s neurons</source>
        <translation>今日 Neuron 用量</translation>
    </message>
</context>
<context>
    <name>flarechat::WindowActions</name>
    <message>
        <source>Conversation &amp;List</source>
        <translation>对话列表(&amp;L)</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>侧栏</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::AskCommand</name>
    <message>
        <source>Ask a model one question; the answer streams to stdout.</source>
        <translation>向模型提一个问题；回答以流式输出到标准输出。</translation>
    </message>
    <message>
        <source>Model alias or @cf id.</source>
        <translation>模型别名或 @cf ID。</translation>
    </message>
    <message>
        <source>System prompt.</source>
        <translation>系统提示词。</translation>
    </message>
    <message>
        <source>Most tokens to generate.</source>
        <translation>最多生成的 token 数。</translation>
    </message>
    <message>
        <source>Sampling temperature.</source>
        <translation>采样温度。</translation>
    </message>
    <message>
        <source>Do not print the model&apos;s reasoning (printed to stderr otherwise).</source>
        <translation>不输出模型的思考过程（否则输出到标准错误）。</translation>
    </message>
    <message>
        <source>The question, or - to read it from stdin.</source>
        <translation>问题；用 - 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>could not read stdin</source>
        <translation>无法读取标准输入</translation>
    </message>
    <message>
        <source>nothing to ask. Usage: flarechat ask [-m MODEL] [-s SYSTEM] PROMPT|-</source>
        <translation>没有要问的问题。用法：flarechat ask [-m 模型] [-s 系统提示词] 问题|-</translation>
    </message>
    <message>
        <source>--max-tokens must be a positive integer</source>
        <translation>--max-tokens 必须是正整数</translation>
    </message>
    <message>
        <source>--temperature must be a number from 0 to 2</source>
        <translation>--temperature 必须是 0 到 2 之间的数字</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::AskSession</name>
    <message>
        <source>[tool call] %1(%2)</source>
        <translation>[工具调用] %1(%2)</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::CommonOptions</name>
    <message>
        <source>%1: %2
See: %1 --help</source>
        <translation>%1：%2
参见：%1 --help</translation>
    </message>
    <message>
        <source>%1: unexpected argument &apos;%2&apos;
See: %1 --help</source>
        <translation>%1：多余的参数“%2”
参见：%1 --help</translation>
    </message>
    <message>
        <source>%1: an argument is missing
See: %1 --help</source>
        <translation>%1：缺少一个参数
参见：%1 --help</translation>
    </message>
    <message>
        <source>Workers AI API base URL (default https://api.cloudflare.com/client/v4).</source>
        <translation>Workers AI API 基础 URL（默认 https://api.cloudflare.com/client/v4）。</translation>
    </message>
    <message>
        <source>Cloudflare account id.</source>
        <translation>Cloudflare 账户 ID。</translation>
    </message>
    <message>
        <source>Settings file to use.</source>
        <translation>要使用的设置文件。</translation>
    </message>
    <message>
        <source>Do not read secrets from the OS keychain.</source>
        <translation>不从系统钥匙串读取机密。</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::HeadlessKeychain</name>
    <message>
        <source>The keychain job was lost.</source>
        <translation>钥匙串任务丢失了。</translation>
    </message>
    <message>
        <source>access to the keychain was denied</source>
        <translation>访问钥匙串被拒绝</translation>
    </message>
    <message>
        <source>the keychain did not answer in time</source>
        <translation>钥匙串没有及时响应</translation>
    </message>
    <message>
        <source>no keychain answered</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>flarechat: warning: %1; going on without the secrets stored there (--no-keychain skips the keychain)</source>
        <translation>flarechat：警告：%1；将在不使用其中所存密钥的情况下继续（--no-keychain 可跳过钥匙串）</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::KeyCommand</name>
    <message>
        <source>Usage: flarechat key new [--name NAME]
       flarechat key list [--no-keychain]
       flarechat key revoke NAME|PREFIX
Every form takes --settings FILE; each has --help.</source>
        <translation>用法：flarechat key new [--name 名称]
      flarechat key list [--no-keychain]
      flarechat key revoke 名称|前缀
每种形式都接受 --settings 文件；各自都有 --help。</translation>
    </message>
    <message>
        <source>Unexpected argument &apos;%1&apos;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>Expected %1.</source>
        <translation>应为 %1。</translation>
    </message>
    <message>
        <source>flarechat key: %1
Usage: flarechat key %2 (--help for more)</source>
        <translation>flarechat key：%1
用法：flarechat key %2（--help 查看更多）</translation>
    </message>
    <message>
        <source>flarechat key: could not read the local API keys from the keychain: %1</source>
        <translation>flarechat key：无法从钥匙串读取本地 API 密钥：%1</translation>
    </message>
    <message>
        <source>flarechat key: could not write the local API keys to the keychain: %1</source>
        <translation>flarechat key：无法将本地 API 密钥写入钥匙串：%1</translation>
    </message>
    <message>
        <source>flarechat key: could not save the key list in %1</source>
        <translation>flarechat key：无法把密钥列表保存到 %1</translation>
    </message>
    <message>
        <source>Make a local API key, store it in the OS keychain and print it once.</source>
        <translation>生成一个本地 API 密钥，存入系统钥匙串，并只显示这一次。</translation>
    </message>
    <message>
        <source>What the key is for (default key-1, key-2...).</source>
        <translation>密钥的用途（默认 key-1、key-2……）。</translation>
    </message>
    <message>
        <source>flarechat key: there is a key named &quot;%1&quot; already; choose another --name, or revoke it first</source>
        <translation>flarechat key：已有名为“%1”的密钥；请换一个 --name，或先吊销它</translation>
    </message>
    <message>
        <source>no key was made.</source>
        <translation>未生成任何密钥。</translation>
    </message>
    <message>
        <source>flarechat key: made &quot;%1&quot; (%2) and stored it in the keychain. This is the only time the key is shown. `flarechat serve` accepts it from its next start.</source>
        <translation>flarechat key：已生成“%1”（%2）并存入钥匙串。密钥只显示这一次。`flarechat serve` 下次启动后即接受它。</translation>
    </message>
    <message>
        <source>List the local API keys: names, prefixes and creation times, never whole keys.</source>
        <translation>列出本地 API 密钥：名称、前缀和创建时间，从不显示完整密钥。</translation>
    </message>
    <message>
        <source>Show the records in the settings only, without reading the keychain.</source>
        <translation>只显示设置中的记录，不读取钥匙串。</translation>
    </message>
    <message>
        <source>No local API keys. Make one with: flarechat key new --name NAME
</source>
        <translation>没有本地 API 密钥。可用以下命令生成：flarechat key new --name 名称
</translation>
    </message>
    <message>
        <source>flarechat key: the list above shows the settings&apos; records only.</source>
        <translation>flarechat key：上面的列表只包含设置中的记录。</translation>
    </message>
    <message>
        <source>Revoke a local API key: remove it from the keychain and from the key list.</source>
        <translation>吊销一个本地 API 密钥：从钥匙串和密钥列表中删除它。</translation>
    </message>
    <message>
        <source>The key&apos;s name, or its prefix as `flarechat key list` shows it.</source>
        <translation>密钥的名称，或 `flarechat key list` 显示的前缀。</translation>
    </message>
    <message>
        <source>flarechat key: %1 See `flarechat key list`.</source>
        <translation>flarechat key：%1 请查看 `flarechat key list`。</translation>
    </message>
    <message>
        <source>flarechat key: &quot;%1&quot; matches %2 keys: %3. Give its name or a longer prefix.</source>
        <translation>flarechat key：“%1”匹配到 %2 个密钥：%3。请给出名称或更长的前缀。</translation>
    </message>
    <message>
        <source>nothing was revoked.</source>
        <translation>未吊销任何密钥。</translation>
    </message>
    <message>
        <source>Revoked %1.
</source>
        <translation>已吊销 %1。
</translation>
    </message>
    <message>
        <source>flarechat key: a `flarechat serve` already running accepts it until it restarts.</source>
        <translation>flarechat key：已在运行的 `flarechat serve` 在重启前仍会接受它。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>CREATED (UTC)</source>
        <translation>创建时间（UTC）</translation>
    </message>
    <message>
        <source>in the keychain, not made by `flarechat key new`</source>
        <translation>在钥匙串中，但不是由 `flarechat key new` 生成的</translation>
    </message>
    <message>
        <source>missing from the keychain: not accepted</source>
        <translation>钥匙串中没有：不被接受</translation>
    </message>
    <message>
        <source>flarechat key: which one?
%1</source>
        <translation>flarechat key：要执行哪一个？
%1</translation>
    </message>
    <message>
        <source>flarechat key: unknown subcommand &apos;%1&apos;
%2</source>
        <translation>flarechat key：未知的子命令“%1”
%2</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::LaunchCommand</name>
    <message>
        <source>Run a coding agent (claude, codex or opencode) on Workers AI models through FlareChat&apos;s local API. Arguments after -- go to the agent.</source>
        <translation>通过 FlareChat 的本地 API 在 Workers AI 模型上运行编程智能体（claude、codex 或 opencode）。-- 之后的参数交给智能体。</translation>
    </message>
    <message>
        <source>claude, codex or opencode</source>
        <translation>claude、codex 或 opencode</translation>
    </message>
    <message>
        <source>The Workers AI model the agent runs on (an alias or an @cf/ id; default %1).</source>
        <translation>智能体使用的 Workers AI 模型（别名或 @cf/ 标识；默认 %1）。</translation>
    </message>
    <message>
        <source>The model for the agent&apos;s background work (default: the same as --model).</source>
        <translation>智能体后台工作使用的模型（默认与 --model 相同）。</translation>
    </message>
    <message>
        <source>Only print what would be set for the agent, as shell lines.</source>
        <translation>只以 shell 命令行的形式打印将为智能体设置的内容。</translation>
    </message>
    <message>
        <source>Use a FlareChat API that is already running (its root, e.g. http://127.0.0.1:8787) instead of starting one.</source>
        <translation>使用已在运行的 FlareChat API（其根地址，例如 http://127.0.0.1:8787），而不是新启动一个。</translation>
    </message>
    <message>
        <source>The key for --url (default: $FLARECHAT_API_KEY).</source>
        <translation>--url 使用的密钥（默认：$FLARECHAT_API_KEY）。</translation>
    </message>
    <message>
        <source>unknown agent &quot;%1&quot;; choose one of %2</source>
        <translation>未知的智能体“%1”；请从 %2 中选择</translation>
    </message>
    <message>
        <source>cannot make a temporary folder: %1</source>
        <translation>无法创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>%1 (%2) was not found on PATH. Install it with: %3</source>
        <translation>在 PATH 中找不到 %1（%2）。请用以下命令安装：%3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 on %2 (model %3)</source>
        <translation>%1 运行于 %2（模型 %3）</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>--url needs the server&apos;s key: give --api-key or set FLARECHAT_API_KEY</source>
        <translation>--url 需要该服务器的密钥：请提供 --api-key 或设置 FLARECHAT_API_KEY</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::ModelsCommand</name>
    <message>
        <source>embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>reasoning</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>retired %1, now %2</source>
        <translation>已于 %1 停用，现为 %2</translation>
    </message>
    <message>
        <source>deprecated %1</source>
        <translation>将于 %1 停用</translation>
    </message>
    <message>
        <source>ALIAS</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>PLAN</source>
        <translation>套餐</translation>
    </message>
    <message>
        <source>CONTEXT</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>PRICE IN/OUT PER M</source>
        <translation>每百万输入/输出价格</translation>
    </message>
    <message>
        <source>FEATURES</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>付费</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>List the models FlareChat knows.</source>
        <translation>列出 FlareChat 已知的模型。</translation>
    </message>
    <message>
        <source>Print JSON instead of a table.</source>
        <translation>输出 JSON 而不是表格。</translation>
    </message>
    <message>
        <source>Fetch the live catalog from Cloudflare first.</source>
        <translation>先从 Cloudflare 获取最新的模型目录。</translation>
    </message>
    <message>
        <source>could not cache the model list: %1</source>
        <translation>无法缓存模型列表：%1</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::ServeCommand</name>
    <message>
        <source>Serve Workers AI as a local OpenAI-compatible API.</source>
        <translation>将 Workers AI 作为本地兼容 OpenAI 的 API 提供。</translation>
    </message>
    <message>
        <source>Port to listen on (default 8787).</source>
        <translation>要监听的端口（默认 8787）。</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>要监听的地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <source>A key clients must send (repeatable; also FLARECHAT_API_KEYS).</source>
        <translation>客户端必须发送的密钥（可重复；也可用 FLARECHAT_API_KEYS）。</translation>
    </message>
    <message>
        <source>Accept requests without a key (only while bound to loopback).</source>
        <translation>接受不带密钥的请求（仅在绑定回环地址时）。</translation>
    </message>
    <message>
        <source>A web origin whose pages may call the API, e.g. https://app.example.com, or * for any (repeatable; replaces the settings&apos; list; default *).</source>
        <translation>允许调用 API 的网页来源，例如 https://app.example.com，或用 * 表示任意来源（可重复；替换设置中的列表；默认 *）。</translation>
    </message>
    <message>
        <source>A further Host name clients may use, e.g. flarechat.lan or *.example.lan (repeatable; replaces the settings&apos; list).</source>
        <translation>客户端可使用的其他主机名，例如 flarechat.lan 或 *.example.lan（可重复；替换设置中的列表）。</translation>
    </message>
    <message>
        <source>Request log file (default: requests.log in the app&apos;s data folder).</source>
        <translation>请求日志文件（默认：应用数据目录中的 requests.log）。</translation>
    </message>
    <message>
        <source>Put reasoning in &lt;think&gt; tags inside content.</source>
        <translation>将思考过程放在 content 内的 &lt;think&gt; 标签中。</translation>
    </message>
    <message>
        <source>On SIGINT/SIGTERM, how long requests in flight may take to finish (default 10); a second signal stops at once.</source>
        <translation>收到 SIGINT/SIGTERM 后，进行中的请求最多可用多少秒完成（默认 10）；再次收到信号则立即停止。</translation>
    </message>
    <message>
        <source>--shutdown-grace must be a number of seconds from 0 to 3600</source>
        <translation>--shutdown-grace 必须是 0 到 3600 之间的秒数</translation>
    </message>
    <message>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port 必须是 0 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>warning: %1 Requests will fail until this is fixed.</source>
        <translation>警告：%1 在解决之前，请求都会失败。</translation>
    </message>
    <message>
        <source>FlareChat API listening on http://%1:%2/v1 (%3)</source>
        <translation>FlareChat API 正在监听 http://%1:%2/v1（%3）</translation>
    </message>
    <message>
        <source>API key required</source>
        <translation>需要 API 密钥</translation>
    </message>
    <message>
        <source>no key required</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <source>shutting down; requests in flight have %1 s to finish (interrupt again to stop now)</source>
        <translation>正在关闭；进行中的请求还有 %1 秒完成（再次中断可立即停止）</translation>
    </message>
    <message>
        <source>stopping now</source>
        <translation>立即停止</translation>
    </message>
</context>
<context>
    <name>flarechat::cli::WindowOptions</name>
    <message>
        <source>serve Workers AI as a local OpenAI-compatible API</source>
        <translation>将 Workers AI 作为本地兼容 OpenAI 的 API 提供</translation>
    </message>
    <message>
        <source>ask one question from the terminal</source>
        <translation>在终端里问一个问题</translation>
    </message>
    <message>
        <source>list the models</source>
        <translation>列出模型</translation>
    </message>
    <message>
        <source>make, list and revoke local API keys</source>
        <translation>生成、列出和吊销本地 API 密钥</translation>
    </message>
    <message>
        <source>Desktop client for Cloudflare Workers AI.</source>
        <translation>Cloudflare Workers AI 的桌面客户端。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Conversation database to use (default: conversations.sqlite in the data folder).</source>
        <translation>要使用的对话数据库（默认：数据目录中的 conversations.sqlite）。</translation>
    </message>
    <message>
        <source>Start in the background: in the system tray when there is one and the local API server is on, else minimized.</source>
        <translation>在后台启动：有系统托盘且本地 API 服务已开启时驻留托盘，否则最小化启动。</translation>
    </message>
    <message>
        <source>run Claude Code, Codex or opencode on Workers AI models</source>
        <translation>在 Workers AI 模型上运行 Claude Code、Codex 或 opencode</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FlareChat</source>
        <translation>FlareChat</translation>
    </message>
    <message>
        <source>FlareChat cannot open its conversations.

%1</source>
        <translation>FlareChat 无法打开对话记录。

%1</translation>
    </message>
    <message>
        <source>FlareChat is already running with these conversations.</source>
        <translation>FlareChat 已在使用这些对话运行。</translation>
    </message>
</context>
</TS>
