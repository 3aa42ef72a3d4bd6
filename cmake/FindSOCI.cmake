# FindSOCI: Debian's libsoci-dev ships no CMake config, no Find module and no .pc file.
# Provides SOCI::core and, per requested component, SOCI::sqlite3 / SOCI::postgresql.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)
set(_soci_required SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY)

foreach(component IN LISTS SOCI_FIND_COMPONENTS)
  find_library(SOCI_${component}_LIBRARY NAMES soci_${component})
  if(SOCI_${component}_LIBRARY)
    set(SOCI_${component}_FOUND TRUE)
  endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI REQUIRED_VARS ${_soci_required} HANDLE_COMPONENTS)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
  if(SOCI_sqlite3_FOUND)
    add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
    set_target_properties(SOCI::sqlite3 PROPERTIES
      IMPORTED_LOCATION "${SOCI_sqlite3_LIBRARY}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;SQLite::SQLite3")
  endif()
  if(SOCI_postgresql_FOUND)
    add_library(SOCI::postgresql UNKNOWN IMPORTED)
    set_target_properties(SOCI::postgresql PROPERTIES
      IMPORTED_LOCATION "${SOCI_postgresql_LIBRARY}"
      INTERFACE_LINK_LIBRARIES "SOCI::core;PostgreSQL::PostgreSQL")
  endif()
endif()
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_sqlite3_LIBRARY SOCI_postgresql_LIBRARY)
