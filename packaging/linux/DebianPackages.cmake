# The Debian packages: one per install component, so the client package stays a desktop package and servers get
# no widgets. Every install() rule names its component; a rule without one lands in neither package.
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL client server)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # <package>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # library dependencies from dpkg-shlibdeps, for both packages
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON) # maintainer scripts 0755, conffiles 0644

# CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY above every component's description unless it is CPack's own
# default text; with that default each package's description brings its own summary line.
set(CPACK_COMPONENT_CLIENT_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}\n${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")

# Client: the package's name, description and contents are what they were before there were components.
set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME fieldline)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION utils)
# Qt loads these as plugins, so dpkg-shlibdeps cannot see them.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "libqt6sql6-sqlite, tzdata, fonts-noto-cjk | fonts-wqy-microhei")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SUGGESTS "gnome-keyring")

# Server: both Qt SQL drivers are plugins (embedded SQLite by default, PostgreSQL for production); adduser
# creates the service account in postinst.
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME fieldline-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# Lines of at most 80 characters: Debian's control file keeps them as written.
string(CONCAT CPACK_COMPONENT_SERVER_DESCRIPTION
    "Fieldline: tenant server and its administration tool\n"
    "fieldline-server syncs the Fieldline clients of many tenants over HTTP(S)\n"
    "with a WebSocket live channel; fieldline-admin administers tenants, users\n"
    "and devices. The package runs the server as the systemd service\n"
    "fieldline-server under the system user fieldline, with its data in\n"
    "/var/lib/fieldline-server.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, sqlite3")
set(_server_scripts "${CMAKE_CURRENT_LIST_DIR}/server")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${_server_scripts}/postinst" "${_server_scripts}/prerm" "${_server_scripts}/postrm"
    "${_server_scripts}/conffiles")

install(TARGETS fieldline-server fieldline-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# /usr/lib/systemd/system: Debian 12 has a merged /usr, and systemd searches there.
install(FILES "${_server_scripts}/fieldline-server.service" DESTINATION lib/systemd/system COMPONENT server)
# Absolute on purpose: /etc, whatever the prefix. Mode 0600: the file may hold a database password.
install(FILES "${_server_scripts}/fieldline-server.default" DESTINATION /etc/default RENAME fieldline-server
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT server)
install(FILES "${PROJECT_SOURCE_DIR}/docs/operations.md" DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/fieldline-server
        COMPONENT server)
