# FindPhoneNumber: Google's libphonenumber C++ library (Debian: libphonenumber-dev).
# Debian ships neither a CMake package nor a pkg-config file for it, so search for the header and library.
# Its public headers include protobuf-generated ones, hence protobuf on the interface.
# Defines the imported target PhoneNumber::PhoneNumber.
find_path(PhoneNumber_INCLUDE_DIR phonenumbers/phonenumberutil.h)
find_library(PhoneNumber_LIBRARY phonenumber)
find_package(Protobuf QUIET)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PhoneNumber REQUIRED_VARS PhoneNumber_LIBRARY PhoneNumber_INCLUDE_DIR)

if(PhoneNumber_FOUND AND NOT TARGET PhoneNumber::PhoneNumber)
    add_library(PhoneNumber::PhoneNumber UNKNOWN IMPORTED)
    set_target_properties(PhoneNumber::PhoneNumber PROPERTIES
        IMPORTED_LOCATION "${PhoneNumber_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${PhoneNumber_INCLUDE_DIR}")
    if(TARGET protobuf::libprotobuf)
        set_property(TARGET PhoneNumber::PhoneNumber PROPERTY INTERFACE_LINK_LIBRARIES protobuf::libprotobuf)
    endif()
endif()
mark_as_advanced(PhoneNumber_INCLUDE_DIR PhoneNumber_LIBRARY)
