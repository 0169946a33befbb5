# Per-target policy shared by every Fieldline target (one place, so targets cannot drift apart).
function(fieldline_apply_common_settings target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER
        QT_NO_CONTEXTLESS_CONNECT
        QT_NO_FOREACH
        FIELDLINE_VERSION="${PROJECT_VERSION}")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror=switch -Wno-missing-field-initializers)
    if(FIELDLINE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# Declares a module library that its folder fills with target_sources().
function(fieldline_add_module target)
    add_library(${target} STATIC)
    fieldline_apply_common_settings(${target})
    target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/..")
endfunction()
