// The languages of the table-driven code scanner (CodeHighlighterCode.cpp): their flags and words.

#include "CodeHighlighterScan.h"

namespace flarechat::CodeHighlighter::detail {

namespace {

constexpr const char16_t* cKeywords = u"auto break case const continue default do else enum extern for goto if inline "
                                      u"register restrict return sizeof static struct switch typedef union volatile "
                                      u"while _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert "
                                      u"_Thread_local alignas alignof static_assert thread_local constexpr typeof "
                                      u"true false NULL nullptr";
constexpr const char16_t* cTypes = u"void char short int long float double signed unsigned bool _Bool _Complex "
                                   u"size_t ssize_t ptrdiff_t intptr_t uintptr_t intmax_t uintmax_t int8_t int16_t "
                                   u"int32_t int64_t uint8_t uint16_t uint32_t uint64_t wchar_t char8_t char16_t "
                                   u"char32_t FILE va_list";
constexpr const char16_t* cTypeNamers = u"struct union enum";

const WordTable& cWords()
{
    static const WordTable table({{Kind::Keyword, Role::NamesType, cTypeNamers}, {Kind::Keyword, Role::None, cKeywords},
        {Kind::Type, Role::None, cTypes}});
    return table;
}

const WordTable& cppWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::NamesType, u"class struct union enum concept"}, {Kind::Keyword, Role::None, cKeywords},
            {Kind::Keyword, Role::None,
                u"and and_eq asm bitand bitor catch co_await co_return co_yield compl consteval constinit const_cast "
                u"decltype delete dynamic_cast explicit export final friend import module mutable namespace new "
                u"noexcept not not_eq operator or or_eq override private protected public reinterpret_cast requires "
                u"static_cast template this throw try typeid typename using virtual xor xor_eq"},
            {Kind::Type, Role::None, cTypes}});
    return table;
}

const WordTable& pythonWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::NamesFunction, u"def"}, {Kind::Keyword, Role::NamesType, u"class"},
            {Kind::Keyword, Role::None,
                u"False None True and as assert async await break continue del elif else except finally for from "
                u"global if import in is lambda nonlocal not or pass raise return try while with yield match case"},
            {Kind::Type, Role::None,
                u"int float complex str bytes bytearray bool list dict set frozenset tuple object type range "
                u"memoryview"}});
    return table;
}

constexpr const char16_t* jsKeywords = u"async await break case catch const continue debugger default delete do "
                                       u"else export extends false finally for from get if import in instanceof let "
                                       u"new null of return set static super switch this throw true try typeof "
                                       u"undefined var void while with yield";
constexpr const char16_t* jsTypes = u"Array ArrayBuffer BigInt Boolean Date Error Function JSON Map Math Number "
                                    u"Object Promise Proxy Reflect RegExp Set String Symbol WeakMap WeakSet";

const WordTable& javaScriptWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::NamesFunction, u"function"}, {Kind::Keyword, Role::NamesType, u"class"},
            {Kind::Keyword, Role::None, jsKeywords}, {Kind::Type, Role::None, jsTypes}});
    return table;
}

const WordTable& typeScriptWords()
{
    static const WordTable table({{Kind::Keyword, Role::NamesFunction, u"function"},
        {Kind::Keyword, Role::NamesType, u"class interface type enum namespace"},
        {Kind::Keyword, Role::None, jsKeywords},
        {Kind::Keyword, Role::None,
            u"abstract as asserts declare implements infer is keyof module override private protected public "
            u"readonly require satisfies unique"},
        {Kind::Type, Role::None, u"any bigint boolean never number object string symbol unknown"},
        {Kind::Type, Role::None, jsTypes}});
    return table;
}

const WordTable& rustWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::NamesFunction, u"fn"}, {Kind::Keyword, Role::NamesType, u"struct enum trait type union"},
            {Kind::Keyword, Role::None,
                u"as async await break const continue crate dyn else extern false for if impl in let loop match mod "
                u"move mut pub ref return self Self static super true unsafe use where while yield macro_rules"},
            {Kind::Type, Role::None, u"i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str"}});
    return table;
}

const WordTable& goWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::NamesFunction, u"func"}, {Kind::Keyword, Role::NamesType, u"type"},
            {Kind::Keyword, Role::None,
                u"break case chan const continue default defer else fallthrough for go goto if import interface map "
                u"package range return select struct switch var true false nil iota"},
            {Kind::Type, Role::None,
                u"any bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string "
                u"uint uint8 uint16 uint32 uint64 uintptr"}});
    return table;
}

const WordTable& javaWords()
{
    static const WordTable table({{Kind::Keyword, Role::NamesType, u"class interface enum record"},
        {Kind::Keyword, Role::None,
            u"abstract assert break case catch const continue default do else extends final finally for goto if "
            u"implements import instanceof native new package permits private protected public return sealed "
            u"static strictfp super switch synchronized this throw throws transient try var volatile while yield "
            u"true false null"},
        {Kind::Type, Role::None, u"boolean byte char short int long float double void"}});
    return table;
}

const WordTable& sqlWords()
{
    static const WordTable table(
        {{Kind::Keyword, Role::None,
             u"add all alter and any as asc begin between by cascade case check column commit constraint create "
             u"cross database declare default delete desc distinct drop else end except exists false fetch for "
             u"foreign from full function grant group having if in index inner insert intersect into is join key "
             u"left like limit not null offset on or order outer over partition primary procedure recursive "
             u"references replace return returning returns revoke right rollback schema select set table then "
             u"to transaction trigger true truncate union unique update using values view when where window with"},
            {Kind::Type, Role::None,
                u"bigint bigserial binary bit blob bool boolean bytea char character date datetime decimal double "
                u"float int integer interval json jsonb money numeric real serial smallint text time timestamp "
                u"timestamptz tinyint uuid varchar"}},
        true);
    return table;
}

} // namespace

const Syntax& codeSyntax(Language language)
{
    constexpr quint32 cFamily = LineSlashComments | BlockComments | Preprocessor | CppStrings;
    constexpr quint32 jsFamily = LineSlashComments | BlockComments | SingleQuoteStrings | TemplateStrings
        | RegexLiterals | DollarIdentifiers | Decorators;
    static const Syntax c {cFamily, u'\'', cWords()};
    static const Syntax cpp {cFamily, u'\'', cppWords()};
    static const Syntax python {
        HashComments | SingleQuoteStrings | TripleQuotes | PythonPrefixes | Decorators, u'_', pythonWords()};
    static const Syntax javaScript {jsFamily, u'_', javaScriptWords()};
    static const Syntax typeScript {jsFamily | CapitalizedTypes, u'_', typeScriptWords()};
    static const Syntax rust {LineSlashComments | BlockComments | NestedComments | Lifetimes | MultiLineStrings
            | RustStrings | RustAttributes | CapitalizedTypes,
        u'_', rustWords()};
    static const Syntax go {LineSlashComments | BlockComments | RawBackticks, u'_', goWords()};
    static const Syntax java {
        LineSlashComments | BlockComments | TripleQuotes | Decorators | CapitalizedTypes, u'_', javaWords()};
    static const Syntax sql {
        DashComments | BlockComments | SingleQuoteStrings | MultiLineStrings | RawBackticks, 0, sqlWords()};
    switch (language) {
    case Language::C:
        return c;
    case Language::Cpp:
        return cpp;
    case Language::Python:
        return python;
    case Language::JavaScript:
        return javaScript;
    case Language::TypeScript:
        return typeScript;
    case Language::Rust:
        return rust;
    case Language::Go:
        return go;
    case Language::Java:
        return java;
    default:
        return sql;
    }
}

} // namespace flarechat::CodeHighlighter::detail
