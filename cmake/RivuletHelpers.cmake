# rivulet_add_layer(name SOURCES ... DEPS ...): one layer of the engine, an object library whose
# objects end up in the one `rivulet` library. DEPS names earlier layers (without prefix) and
# external targets; a layer may only name layers before it in the order of the architecture.
function(rivulet_add_layer name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(rivulet_${name} OBJECT ${A_SOURCES})
  target_include_directories(rivulet_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>)
  foreach(dep IN LISTS A_DEPS)
    if(TARGET rivulet_${dep})
      target_link_libraries(rivulet_${name} PUBLIC rivulet_${dep})
    else()
      target_link_libraries(rivulet_${name} PUBLIC ${dep})
    endif()
  endforeach()
  set_property(GLOBAL APPEND PROPERTY RIVULET_LAYERS rivulet_${name})
endfunction()

# rivulet_add_test(name SOURCES ... [LABELS ...]): one GoogleTest binary registered with ctest.
function(rivulet_add_test name)
  cmake_parse_arguments(A "" "" "SOURCES;LABELS;DEPS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE rivulet rivulet_testing GTest::gtest_main GTest::gmock ${A_DEPS})
  if(NOT A_LABELS)
    set(A_LABELS unit)
  endif()
  # gtest_discover_tests flattens lists in PROPERTIES, so each test gets one label: the most
  # specific one given (LABELS "unit;parsers" → parsers, which the sanitizer job selects).
  list(GET A_LABELS -1 label)
  gtest_discover_tests(${name}
    PROPERTIES LABELS "${label}"
    ENVIRONMENT "RIVULET_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    DISCOVERY_TIMEOUT 60)
endfunction()

# rivulet_add_bench(name SOURCES ...): one Google Benchmark binary.
function(rivulet_add_bench name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_link_libraries(${name} PRIVATE rivulet benchmark::benchmark ${A_DEPS})
endfunction()
