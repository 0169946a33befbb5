# Windows installer (NSIS through CPack). Not buildable on the Debian build machines; see packaging/README.md.
# Build on Windows with the MSVC Qt 6 kit:
#   cmake --preset release && cmake --build --preset release && cpack --config build/release/CPackConfig.cmake
set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_DISPLAY_NAME "Fieldline")
set(CPACK_NSIS_PACKAGE_NAME "Fieldline")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\fieldline.exe")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Fieldline")
set(CPACK_PACKAGE_EXECUTABLES "fieldline" "Fieldline")
set(CPACK_CREATE_DESKTOP_LINKS "fieldline")

# Qt's DLLs, plugins (platforms/qwindows, sqldrivers, styles) and translations next to fieldline.exe.
find_program(WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/bin")
if(WINDEPLOYQT)
    install(CODE "execute_process(COMMAND \"${WINDEPLOYQT}\" --release --no-compiler-runtime
                  \"\${CMAKE_INSTALL_PREFIX}/bin/fieldline.exe\" COMMAND_ERROR_IS_FATAL ANY)")
endif()
# The MSVC runtime, libsodium.dll, sqlite3.dll and qt6keychain.dll come from the vcpkg or Conan toolchain used.
include(InstallRequiredSystemLibraries)
