#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringView>
#include <QTextCharFormat>

namespace flarechat {

// Syntax colouring of fenced code in the transcript: a small, linear-time scanner per language
// (no regular expressions), run over a whole code block at once, so block comments, triple-quoted,
// template and raw strings and here-documents carry across lines. Meant to be re-run on every
// streamed token over the growing last block: it keeps no state between calls.
//
// Supported (canonical name, then the fence words that select it):
//   c (c, h), cpp (cpp, c++, cc, cxx, hpp, hh, hxx), python (python, py, python3),
//   javascript (js, javascript, jsx, mjs, cjs, node), typescript (ts, typescript, tsx), rust (rust, rs),
//   go (go, golang), java, shell (sh, bash, shell, zsh, console, shellscript), json (json, jsonc, json5),
//   yaml (yaml, yml), sql, html (html, htm, xml, xhtml, svg, vue), css (css, scss, less),
//   markdown (md, markdown), diff (diff, patch).
namespace CodeHighlighter {

// What a span is. Beyond the obvious: Attribute is also a JSON/YAML key, a CSS property and a shell
// variable; Function is a called or defined function, a CSS class/id/pseudo selector and a Markdown
// link text; Meta is a decorator or annotation, a Rust attribute, a diff hunk header, an HTML
// doctype/entity, YAML anchors and tags, Markdown block markers; Heading is also a diff file header.
enum class Kind : quint8 {
    Keyword,
    Type,
    String,
    Number,
    Comment,
    Preprocessor,
    Function,
    Tag,
    Attribute,
    Added,
    Removed,
    Heading,
    Meta
};

struct Span
{
    int start; // in UTF-16 code units of the highlighted code
    int length;
    Kind kind;
};

// The canonical language for what follows a Markdown fence ("c++", "py", "TSX", "shell title=x", "{.python}"):
// case-insensitive, first word only, aliases resolved; empty if not supported.
QString canonicalLanguage(QStringView fenceInfo);

// The spans of `code` (the whole block, lines separated by '\n'), sorted by start, non-overlapping,
// within the code; adjacent spans of one kind are merged. `language` is a canonical name or any
// alias (or fence info); unknown: an empty list. Linear in the size of the code.
QList<Span> highlight(QStringView language, QStringView code);

// The text colour for a kind on a light or dark background (GitHub's light and dark palettes; at least
// 4.5:1 against #ffffff/#f3f3f3/#f6f8fa, resp. #0d1117/#161b22/#1e1e1e/#2b2b2b).
QColor color(Kind kind, bool dark);

// color() as a character format; Heading and Meta bold, Comment italic.
QTextCharFormat format(Kind kind, bool dark);

} // namespace CodeHighlighter
} // namespace flarechat
