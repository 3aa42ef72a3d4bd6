# traject_add_plugin(NAME SOURCES src...)
#
# Builds a banenplan plugin: a MODULE library named traject-<NAME>.so that links only
# traject::traject (the public SDK), with hidden visibility so that nothing but the entry
# point is exported and the library can really be unloaded. Used by in-tree plugins and by
# third parties after find_package(traject) alike.
function(traject_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "traject_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE traject::traject)
  target_compile_features(${name} PRIVATE cxx_std_20)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "traject-${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED TRAJECT_PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${TRAJECT_PLUGIN_OUTPUT_DIRECTORY}")
  endif()
endfunction()
