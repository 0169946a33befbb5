# FindZxcvbn: the C zxcvbn passphrase-strength estimator (Debian: libzxcvbn-dev).
# Debian's package ships no pkg-config file, so fall back to a plain header/library search.
# Defines the imported target Zxcvbn::Zxcvbn.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(PC_ZXCVBN QUIET zxcvbn)
endif()

find_path(Zxcvbn_INCLUDE_DIR zxcvbn.h HINTS ${PC_ZXCVBN_INCLUDE_DIRS})
find_library(Zxcvbn_LIBRARY zxcvbn HINTS ${PC_ZXCVBN_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Zxcvbn REQUIRED_VARS Zxcvbn_LIBRARY Zxcvbn_INCLUDE_DIR)

if(Zxcvbn_FOUND AND NOT TARGET Zxcvbn::Zxcvbn)
    add_library(Zxcvbn::Zxcvbn UNKNOWN IMPORTED)
    set_target_properties(Zxcvbn::Zxcvbn PROPERTIES
        IMPORTED_LOCATION "${Zxcvbn_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${Zxcvbn_INCLUDE_DIR}")
endif()
mark_as_advanced(Zxcvbn_INCLUDE_DIR Zxcvbn_LIBRARY)
