# Packages (CPack), one configuration for every system: .deb, .rpm and .tgz on Linux
# (scripts/package.sh builds them into dist/), an NSIS installer on Windows and a DragNDrop .dmg
# on macOS (built by .github/workflows/packages.yml on hosted runners; not built here).
# The version is project(VERSION) and nothing else.

set(CPACK_PACKAGE_NAME "flarechat")
set(CPACK_PACKAGE_VENDOR "The FlareChat developers")
set(CPACK_PACKAGE_CONTACT "FlareChat developers <flarechat@users.noreply.github.com>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop client and local OpenAI-compatible API for Cloudflare Workers AI")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "FlareChat")
set(CPACK_PACKAGE_EXECUTABLES "flarechat" "FlareChat")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_SOURCE_DIR}/dist")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
# The long description, wrapped for Debian's control file (lines under 80 columns).
set(CPACK_PACKAGE_DESCRIPTION
    "FlareChat chats with the models of Cloudflare Workers AI in a native
window: conversations kept on disk, streamed replies, Markdown, the model's
reasoning shown apart from its answer, in English and Simplified Chinese.
With one switch, or headless as `flarechat serve` (also as a system service
for a team), it serves the same models to other programs on loopback through
OpenAI's Chat Completions API, so OpenAI clients and coding agents run on
Workers AI.")

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR "DEB;RPM;TGZ")
    set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")

    # --- .deb -------------------------------------------------------------------------------
    set(CPACK_DEB_COMPONENT_INSTALL OFF)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # flarechat_0.1.0_amd64.deb
    set(CPACK_DEBIAN_PACKAGE_SECTION "net")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    # Debian's form: CPack writes CPACK_PACKAGE_DESCRIPTION_SUMMARY as the synopsis, then this,
    # each line indented.
    set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    # The libraries the binary links (dpkg-shlibdeps), and what Qt loads at run time: the SQLite
    # driver for conversations, the platform plugins for the window; the Secret Service keychain
    # (QtKeychain's libsecret talks to gnome-keyring, KeePassXC or KWallet) and Qt's own Chinese
    # strings are recommended: serve and the window run without them (secrets then come from the
    # environment or files).
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
        "gnome-keyring | keepassxc | kwalletmanager, qt6-translations-l10n, xdg-utils")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

    # --- .rpm -------------------------------------------------------------------------------
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT) # flarechat-0.1.0-1.x86_64.rpm
    set(CPACK_RPM_PACKAGE_LICENSE "MIT")
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    set(CPACK_RPM_PACKAGE_AUTOREQ ON) # the linked libraries, found by rpmbuild
    # Fedora's names; openSUSE provides the same capabilities through its own packages.
    set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtbase-gui, qt6-qtbase-sql-sqlite")
    set(CPACK_RPM_PACKAGE_SUGGESTS "gnome-keyring")
    # Directories the system owns are not the package's.
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
        /usr/share/man /usr/share/man/man1 /usr/share/bash-completion /usr/share/bash-completion/completions
        /usr/share/zsh /usr/share/zsh/vendor-completions /usr/lib/systemd /usr/lib/systemd/system
        /usr/share/doc)
    file(GLOB _icon_sizes LIST_DIRECTORIES true RELATIVE "${PROJECT_SOURCE_DIR}/packaging/linux/icons/hicolor"
        "${PROJECT_SOURCE_DIR}/packaging/linux/icons/hicolor/*")
    foreach(_size IN LISTS _icon_sizes)
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
            "/usr/share/icons/hicolor/${_size}" "/usr/share/icons/hicolor/${_size}/apps")
    endforeach()
elseif(WIN32)
    # --- Windows: NSIS ----------------------------------------------------------------------
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_PACKAGE_NAME "FlareChat")
    set(CPACK_NSIS_DISPLAY_NAME "FlareChat")
    # Fixed forever: the installer finds and upgrades an earlier FlareChat by it.
    set(CPACK_NSIS_UNINSTALL_NAME "Uninstall FlareChat")
    set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "FlareChat")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/flarechat.ico")
    set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/packaging/windows/flarechat.ico")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\flarechat.exe")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
    set(CPACK_NSIS_MODIFY_PATH OFF)
    set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
    # The Start-menu entry comes from CPACK_PACKAGE_EXECUTABLES (one shortcut, removed by the uninstaller).
    # WiX, for those who build an .msi instead: the upgrade code never changes.
    set(CPACK_WIX_UPGRADE_GUID "6F0C5E2A-3B7D-4E58-9A61-2C4D8B1E7F93")
    set(CPACK_WIX_PRODUCT_ICON "${PROJECT_SOURCE_DIR}/packaging/windows/flarechat.ico")
elseif(APPLE)
    # --- macOS: a .dmg with the app bundle --------------------------------------------------
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "FlareChat")
    set(CPACK_DMG_FORMAT "UDZO")
endif()

include(CPack)
