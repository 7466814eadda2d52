#include "CodeHighlighter.h"

#include "CodeHighlighterScan.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace flarechat::CodeHighlighter {

using detail::Language;

namespace {

struct Alias
{
    const char16_t* name;
    Language language;
};

// Every fence word, lower case; the first of each language is its canonical name.
constexpr Alias aliases[] = {
    {u"c", Language::C},
    {u"h", Language::C},
    {u"cpp", Language::Cpp},
    {u"c++", Language::Cpp},
    {u"cc", Language::Cpp},
    {u"cxx", Language::Cpp},
    {u"hpp", Language::Cpp},
    {u"hh", Language::Cpp},
    {u"hxx", Language::Cpp},
    {u"python", Language::Python},
    {u"py", Language::Python},
    {u"python3", Language::Python},
    {u"javascript", Language::JavaScript},
    {u"js", Language::JavaScript},
    {u"jsx", Language::JavaScript},
    {u"mjs", Language::JavaScript},
    {u"cjs", Language::JavaScript},
    {u"node", Language::JavaScript},
    {u"typescript", Language::TypeScript},
    {u"ts", Language::TypeScript},
    {u"tsx", Language::TypeScript},
    {u"rust", Language::Rust},
    {u"rs", Language::Rust},
    {u"go", Language::Go},
    {u"golang", Language::Go},
    {u"java", Language::Java},
    {u"shell", Language::Shell},
    {u"sh", Language::Shell},
    {u"bash", Language::Shell},
    {u"zsh", Language::Shell},
    {u"console", Language::Shell},
    {u"shellscript", Language::Shell},
    {u"json", Language::Json},
    {u"jsonc", Language::Json},
    {u"json5", Language::Json},
    {u"yaml", Language::Yaml},
    {u"yml", Language::Yaml},
    {u"sql", Language::Sql},
    {u"html", Language::Html},
    {u"htm", Language::Html},
    {u"xml", Language::Html},
    {u"xhtml", Language::Html},
    {u"svg", Language::Html},
    {u"vue", Language::Html},
    {u"css", Language::Css},
    {u"scss", Language::Css},
    {u"less", Language::Css},
    {u"markdown", Language::Markdown},
    {u"md", Language::Markdown},
    {u"diff", Language::Diff},
    {u"patch", Language::Diff},
};

// The language word of fence info: the first word, without pandoc's "{." nor a trailing
// "{...}" / ":title" / ",attributes" part.
QStringView languageWord(QStringView info)
{
    info = info.trimmed();
    while (!info.isEmpty() && (info.front() == u'`' || info.front() == u'~'))
        info = info.mid(1);
    while (!info.isEmpty() && (info.front() == u'{' || info.front() == u'.' || info.front() == u' '))
        info = info.mid(1);
    qsizetype end = 0;
    while (end < info.size()) {
        const QChar c = info[end];
        if (c.isSpace() || c == u'{' || c == u'}' || c == u':' || c == u',' || c == u'=')
            break;
        ++end;
    }
    return info.first(end);
}

const Alias* aliasOf(QStringView info)
{
    const QStringView word = languageWord(info);
    for (const Alias& alias : aliases) {
        if (word.compare(QStringView(alias.name), Qt::CaseInsensitive) == 0)
            return &alias;
    }
    return nullptr;
}

struct Palette
{
    QRgb light;
    QRgb dark;
};

// GitHub's "prettylights" colours, indexed by Kind; the light comment grey is the darker one of
// Primer's newer palette (GitHub's #6e7781 is under 4.5:1 on #f6f8fa).
constexpr Palette palette[] = {
    {0xcf222e, 0xff7b72}, // Keyword
    {0x953800, 0xffa657}, // Type
    {0x0a3069, 0xa5d6ff}, // String
    {0x0550ae, 0x79c0ff}, // Number
    {0x59636e, 0x8b949e}, // Comment
    {0xcf222e, 0xff7b72}, // Preprocessor
    {0x8250df, 0xd2a8ff}, // Function
    {0x116329, 0x7ee787}, // Tag
    {0x0550ae, 0x79c0ff}, // Attribute
    {0x116329, 0xaff5b4}, // Added
    {0x82071e, 0xffdcd7}, // Removed
    {0x0550ae, 0x79c0ff}, // Heading
    {0x8250df, 0xd2a8ff}, // Meta
};
static_assert(std::size(palette) == std::size_t(Kind::Meta) + 1, "a colour for every Kind");

} // namespace

namespace detail {

Language languageOf(QStringView name)
{
    const Alias* alias = aliasOf(name);
    return alias ? alias->language : Language::None;
}

void scan(Language language, QStringView code, Emitter& out)
{
    switch (language) {
    case Language::None:
        return;
    case Language::Shell:
        return scanShell(code, out);
    case Language::Json:
        return scanJson(code, out);
    case Language::Yaml:
        return scanYaml(code, out);
    case Language::Diff:
        return scanDiff(code, out);
    case Language::Html:
        return scanHtml(code, out);
    case Language::Css:
        return scanCss(code, out);
    case Language::Markdown:
        return scanMarkdown(code, out);
    default:
        return scanCode(language, code, out);
    }
}

} // namespace detail

QString canonicalLanguage(QStringView fenceInfo)
{
    const Alias* alias = aliasOf(fenceInfo);
    if (!alias)
        return {};
    for (const Alias& canonical : aliases) {
        if (canonical.language == alias->language)
            return QString::fromUtf16(canonical.name);
    }
    return {};
}

QList<Span> highlight(QStringView language, QStringView code)
{
    QList<Span> spans;
    const Language id = detail::languageOf(language);
    if (id == Language::None || code.isEmpty())
        return spans;
    // Span positions are ints: a larger block (2 GB of text) is highlighted up to there.
    code = code.first(std::min<qsizetype>(code.size(), std::numeric_limits<int>::max()));
    detail::Emitter out(spans);
    detail::scan(id, code, out);
    return spans;
}

QColor color(Kind kind, bool dark)
{
    const Palette& p = palette[std::size_t(kind) < std::size(palette) ? std::size_t(kind) : 0];
    return QColor::fromRgb(dark ? p.dark : p.light);
}

QTextCharFormat format(Kind kind, bool dark)
{
    QTextCharFormat f;
    f.setForeground(color(kind, dark));
    if (kind == Kind::Heading || kind == Kind::Meta)
        f.setFontWeight(QFont::Bold);
    if (kind == Kind::Comment)
        f.setFontItalic(true);
    return f;
}

} // namespace flarechat::CodeHighlighter
