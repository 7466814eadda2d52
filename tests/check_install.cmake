# packaging.install: installs the build tree into a temporary DESTDIR with prefix /usr (stripped,
# as CPack does) and checks what every package is made of. -DBUILD_DIR -DSOURCE_DIR -DVERSION -DREADELF
set(_dest "${BUILD_DIR}/install-check")
file(REMOVE_RECURSE "${_dest}")
execute_process(
    COMMAND "${CMAKE_COMMAND}" -E env "DESTDIR=${_dest}" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix /usr --strip
    RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${_rc}):\n${_out}${_err}")
endif()

set(_problems "")
# Nothing outside the prefix.
file(GLOB_RECURSE _all LIST_DIRECTORIES false RELATIVE "${_dest}" "${_dest}/*")
foreach(_f IN LISTS _all)
    if(NOT _f MATCHES "^usr/")
        list(APPEND _problems "outside the prefix: /${_f}")
    endif()
endforeach()
# What a package needs.
foreach(_f IN ITEMS
        bin/flarechat
        share/applications/io.github.flarechat.FlareChat.desktop
        share/metainfo/io.github.flarechat.FlareChat.metainfo.xml
        share/icons/hicolor/scalable/apps/io.github.flarechat.FlareChat.svg
        share/icons/hicolor/16x16/apps/io.github.flarechat.FlareChat.png
        share/icons/hicolor/48x48/apps/io.github.flarechat.FlareChat.png
        share/icons/hicolor/256x256/apps/io.github.flarechat.FlareChat.png
        share/icons/hicolor/512x512/apps/io.github.flarechat.FlareChat.png
        share/man/man1/flarechat.1.gz
        share/bash-completion/completions/flarechat
        share/zsh/vendor-completions/_flarechat
        share/flarechat/translations/flarechat_zh_CN.qm
        lib/systemd/system/flarechat-serve.service
        share/doc/flarechat/copyright
        share/doc/flarechat/changelog.gz
        share/doc/flarechat/serve.env.example)
    if(NOT EXISTS "${_dest}/usr/${_f}")
        list(APPEND _problems "missing: /usr/${_f}")
    endif()
endforeach()
set(_bin "${_dest}/usr/bin/flarechat")
if(EXISTS "${_bin}")
    # No RPATH: the libraries come from the system's search path.
    execute_process(COMMAND "${READELF}" -d "${_bin}" OUTPUT_VARIABLE _dyn)
    if(_dyn MATCHES "RPATH|RUNPATH")
        list(APPEND _problems "the binary has an RPATH/RUNPATH")
    endif()
    # No path of this machine's checkout or build tree in the binary.
    foreach(_path IN ITEMS "${SOURCE_DIR}" "${BUILD_DIR}")
        file(STRINGS "${_bin}" _hits LIMIT_COUNT 3 REGEX "${_path}")
        if(_hits)
            list(APPEND _problems "the binary holds the path ${_path}: ${_hits}")
        endif()
    endforeach()
    # The version is project(VERSION).
    execute_process(COMMAND "${_bin}" --version OUTPUT_VARIABLE _version OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _vrc)
    if(NOT _version STREQUAL "FlareChat ${VERSION}")
        list(APPEND _problems "--version says '${_version}' (exit ${_vrc}), the project is ${VERSION}")
    endif()
endif()
file(REMOVE_RECURSE "${_dest}")
if(_problems)
    list(JOIN _problems "\n  " _text)
    message(FATAL_ERROR "The install tree is not a package's:\n  ${_text}")
endif()
list(LENGTH _all _count)
message(STATUS "install tree: ${_count} files under /usr, all checks passed")
