# What a package installs besides the binary and the translations (ui/CMakeLists.txt): the desktop
# integration, the man page, shell completions, the system service and the licence, all from
# packaging/ (see packaging/README.md). Paths are GNUInstallDirs', relative to the prefix: nothing
# lands outside it.
set(_pkg "${PROJECT_SOURCE_DIR}/packaging")
set(FLARECHAT_APP_ID "io.github.flarechat.FlareChat")

if(UNIX AND NOT APPLE)
    install(FILES "${_pkg}/linux/${FLARECHAT_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${_pkg}/linux/${FLARECHAT_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
    install(DIRECTORY "${_pkg}/linux/icons/hicolor" DESTINATION "${CMAKE_INSTALL_DATADIR}/icons")

    # The man page, compressed as Debian's policy wants it (gzip -9n: no name, no time stamp, so the
    # package is reproducible); rpmbuild leaves an already compressed page alone.
    set(_man_gz "${PROJECT_BINARY_DIR}/flarechat.1.gz")
    find_program(FLARECHAT_GZIP gzip REQUIRED)
    add_custom_command(OUTPUT "${_man_gz}"
        COMMAND "${FLARECHAT_GZIP}" -9n -c "${_pkg}/linux/flarechat.1" > "${_man_gz}"
        DEPENDS "${_pkg}/linux/flarechat.1"
        COMMENT "Compressing the man page")
    add_custom_target(flarechat_manpage ALL DEPENDS "${_man_gz}")
    install(FILES "${_man_gz}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

    install(FILES "${_pkg}/linux/completions/flarechat.bash"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" RENAME flarechat)
    # Debian's zsh reads vendor-completions; other systems' site-functions (FLARECHAT_ZSH_COMPLETIONDIR).
    set(FLARECHAT_ZSH_COMPLETIONDIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions"
        CACHE STRING "Where the zsh completion goes, relative to the prefix")
    install(FILES "${_pkg}/linux/completions/_flarechat" DESTINATION "${FLARECHAT_ZSH_COMPLETIONDIR}")

    # The system service for a shared server: installed, not enabled (packaging/README.md).
    set(FLARECHAT_SYSTEMD_UNITDIR "lib/systemd/system"
        CACHE STRING "Where the systemd unit goes, relative to the prefix (/usr/lib/systemd/system)")
    install(FILES "${_pkg}/linux/systemd/flarechat-serve.service" DESTINATION "${FLARECHAT_SYSTEMD_UNITDIR}")
    install(FILES "${_pkg}/linux/systemd/serve.env.example" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

    # Debian's copyright file and changelog.gz (the package's own history, packaging/changelog).
    install(FILES "${_pkg}/linux/copyright" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
    set(_changelog_gz "${PROJECT_BINARY_DIR}/changelog.gz")
    add_custom_command(OUTPUT "${_changelog_gz}"
        COMMAND "${FLARECHAT_GZIP}" -9n -c "${_pkg}/linux/changelog" > "${_changelog_gz}"
        DEPENDS "${_pkg}/linux/changelog"
        COMMENT "Compressing the changelog")
    add_custom_target(flarechat_changelog ALL DEPENDS "${_changelog_gz}")
    install(FILES "${_changelog_gz}" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
endif()

# Linux packages carry the licence in Debian's copyright file above; the others as LICENSE.
if(WIN32 OR APPLE)
    install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
endif()
