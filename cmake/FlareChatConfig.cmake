# One INTERFACE target carrying the language standard, warnings and Qt defines for every
# FlareChat target (the qBittorrent CommonConfig pattern).
add_library(flarechat_config INTERFACE)
target_compile_features(flarechat_config INTERFACE cxx_std_17)
target_compile_definitions(flarechat_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_CONTEXTLESS_CONNECT
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    FLARECHAT_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(flarechat_config INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # Qt's qCDebug()-style macros expand to an empty variadic argument list.
        target_compile_options(flarechat_config INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
    endif()
    if(FLARECHAT_WERROR)
        target_compile_options(flarechat_config INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(flarechat_config INTERFACE /W4 /utf-8)
    if(FLARECHAT_WERROR)
        target_compile_options(flarechat_config INTERFACE /WX)
    endif()
endif()
