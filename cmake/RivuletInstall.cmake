# `cmake --install` puts the public headers, the library and a CMake package config in place, so
# that an outside project can find_package(rivulet) and link rivulet::rivulet.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS rivulet EXPORT rivuletTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET rivulet_cli)
  install(TARGETS rivulet_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

# The public surface: the umbrella header, api/ and the types it exposes.
install(FILES ${PROJECT_SOURCE_DIR}/src/rivulet/rivulet.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rivulet)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/rivulet/api/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rivulet/api FILES_MATCHING PATTERN "*.h" PATTERN "internal" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/src/rivulet/streaming/progress/query_progress.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rivulet/streaming/progress)
install(FILES ${RIVULET_PUBLIC_TYPE_HEADERS}
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rivulet/types)
install(FILES ${PROJECT_SOURCE_DIR}/src/rivulet/common/error.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/rivulet/common)

install(EXPORT rivuletTargets NAMESPACE rivulet::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rivulet)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/rivuletConfig.cmake.in
  ${PROJECT_BINARY_DIR}/rivuletConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rivulet)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rivuletConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rivuletConfig.cmake ${PROJECT_BINARY_DIR}/rivuletConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rivulet)
