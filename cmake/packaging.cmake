# Packaging, included by CMakeLists.txt after the install() rules:
#  - find_package(tmxalign): tmxalign::tmxalign (shared) and
#    tmxalign::tmxalign_static, with a version file;
#  - man pages tmxalign(1), tmxalign-CMD(1) generated from the built
#    program's --help, and tmxalign(3) from tmxalign.h and docs/library.md;
#  - bash completion generated from --list-options and --help;
#  - the Python module (ctypes over the shared library);
#  - cpack -G DEB: tmxalign, tmxalign-dev and python3-tmxalign;
#  - their tests (the Python unit tests, a leak check, the .deb).
include(CMakePackageConfigHelpers)

add_library(tmxalign::tmxalign_static ALIAS tmxalign_static)

# ---- find_package(tmxalign) ---------------------------------------------
set(TA_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tmxalign)
install(EXPORT tmxalignTargets NAMESPACE tmxalign:: FILE tmxalignTargets.cmake
        DESTINATION ${TA_CMAKE_INSTALL_DIR} COMPONENT dev)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/tmxalignConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/tmxalignConfig.cmake
  INSTALL_DESTINATION ${TA_CMAKE_INSTALL_DIR})
# Before 1.0 a minor version may break the ABI (the soname is major.minor):
# 0.2.x satisfies find_package(tmxalign 0.2), never 0.3.
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cmake/tmxalignConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/tmxalignConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/tmxalignConfigVersion.cmake
        DESTINATION ${TA_CMAKE_INSTALL_DIR} COMPONENT dev)

# ---- man pages, from the program's own --help -----------------------------
set(TA_MAN_COMMANDS align check split merge convert review pipe)
set(TA_MAN_PAGES)
foreach(cmd "" ${TA_MAN_COMMANDS})
  if(cmd STREQUAL "")
    set(page tmxalign.1)
  else()
    set(page tmxalign-${cmd}.1)
  endif()
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/man/${page}
    COMMAND sh ${CMAKE_SOURCE_DIR}/man/help2man.sh $<TARGET_FILE:tmxalign_cli>
            "${cmd}" ${CMAKE_BINARY_DIR}/man/${page}
    DEPENDS tmxalign_cli ${CMAKE_SOURCE_DIR}/man/help2man.sh
    COMMENT "Generating man page ${page}" VERBATIM)
  list(APPEND TA_MAN_PAGES ${CMAKE_BINARY_DIR}/man/${page})
endforeach()
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/man/tmxalign.3
  COMMAND sh ${CMAKE_SOURCE_DIR}/man/lib2man.sh
          ${CMAKE_SOURCE_DIR}/include/tmxalign/tmxalign.h
          ${CMAKE_SOURCE_DIR}/docs/library.md ${PROJECT_VERSION}
          ${CMAKE_BINARY_DIR}/man/tmxalign.3
  DEPENDS ${CMAKE_SOURCE_DIR}/man/lib2man.sh
          ${CMAKE_SOURCE_DIR}/include/tmxalign/tmxalign.h
          ${CMAKE_SOURCE_DIR}/docs/library.md
  COMMENT "Generating man page tmxalign.3" VERBATIM)
# Installed compressed, as Debian's policy has it (gzip -9n: no name, no
# time stamp, the same bytes each build); man reads them as they are.
set(TA_MAN_GZ)
foreach(page ${TA_MAN_PAGES} ${CMAKE_BINARY_DIR}/man/tmxalign.3)
  add_custom_command(OUTPUT ${page}.gz
    COMMAND sh -c "gzip -9nc \"$1\" > \"$1.gz\"" sh ${page}
    DEPENDS ${page} VERBATIM)
  list(APPEND TA_MAN_GZ ${page}.gz)
endforeach()
add_custom_target(man ALL DEPENDS ${TA_MAN_GZ})
list(FILTER TA_MAN_GZ INCLUDE REGEX "\\.1\\.gz$")
install(FILES ${TA_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT runtime)
install(FILES ${CMAKE_BINARY_DIR}/man/tmxalign.3.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT dev)

# ---- bash completion, from --list-options and --help -----------------------
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/completion/tmxalign
  COMMAND sh ${CMAKE_SOURCE_DIR}/completion/gen-completion.sh
          $<TARGET_FILE:tmxalign_cli> ${CMAKE_BINARY_DIR}/completion/tmxalign
  DEPENDS tmxalign_cli ${CMAKE_SOURCE_DIR}/completion/gen-completion.sh
  COMMENT "Generating bash completion" VERBATIM)
add_custom_target(completion ALL DEPENDS ${CMAKE_BINARY_DIR}/completion/tmxalign)
install(FILES ${CMAKE_BINARY_DIR}/completion/tmxalign
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        COMPONENT runtime)

# ---- the Python module ------------------------------------------------------
# Debian's python3 reads lib/python3/dist-packages under /usr; for another
# prefix set PYTHONPATH (docs/python.md) or this directory.
set(TA_PYTHON_INSTALL_DIR lib/python3/dist-packages CACHE STRING
    "Where cmake --install puts the Python module (relative: to the prefix)")
set(TA_PY_SONAME libtmxalign.so.${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
if(IS_ABSOLUTE "${TA_PYTHON_INSTALL_DIR}")
  set(TA_PY_LIBDIR_REL "")
else()
  file(RELATIVE_PATH TA_PY_LIBDIR_REL "/${TA_PYTHON_INSTALL_DIR}/tmxalign"
       "/${CMAKE_INSTALL_LIBDIR}")
endif()
# Two _config.py: the installed one finds the library from the install
# layout, the build tree's (PYTHONPATH=build/python) in the build folder.
configure_file(${CMAKE_SOURCE_DIR}/python/tmxalign/_config.py.in
               ${CMAKE_BINARY_DIR}/python-install/_config.py @ONLY)
set(TA_PY_LIBDIR_REL ../..)
set(TA_PY_BUILD_DIR ${CMAKE_BINARY_DIR}/python/tmxalign)
configure_file(${CMAKE_SOURCE_DIR}/python/tmxalign/_config.py.in
               ${TA_PY_BUILD_DIR}/_config.py @ONLY)
foreach(f __init__.py py.typed)
  configure_file(${CMAKE_SOURCE_DIR}/python/tmxalign/${f} ${TA_PY_BUILD_DIR}/${f}
                 COPYONLY)
endforeach()
install(FILES ${TA_PY_BUILD_DIR}/__init__.py ${TA_PY_BUILD_DIR}/py.typed
              ${CMAKE_BINARY_DIR}/python-install/_config.py
        DESTINATION ${TA_PYTHON_INSTALL_DIR}/tmxalign COMPONENT python)

# ---- cpack -G DEB --------------------------------------------------------------
set(CPACK_PACKAGE_NAME tmxalign)
set(CPACK_PACKAGE_VENDOR "tmxalign")
set(CPACK_PACKAGE_CONTACT "tmxalign maintainers <maintainers@tmxalign.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "sentence alignment, TMX translation memories, completeness checks")
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev python)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME tmxalign)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION text)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "bash-completion, python3-tmxalign")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME tmxalign-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# tmxalign.pc's Requires.private and the static library need them.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libicu-dev, libxml2-dev, zlib1g-dev, libzip-dev")
if(XLSXWRITER_FOUND)
  string(APPEND CPACK_DEBIAN_DEV_PACKAGE_DEPENDS ", libxlsxwriter-dev")
endif()
if(TA_PDF)
  string(APPEND CPACK_DEBIAN_DEV_PACKAGE_DEPENDS ", libpoppler-glib-dev")
endif()
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-tmxalign)
set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
set(CPACK_DEBIAN_PYTHON_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "python3")
include(CPack)
cpack_add_component(runtime DISPLAY_NAME "tmxalign"
  DESCRIPTION "The tmxalign program, its shared library, man pages and bash completion.\nIt aligns a document with its translation sentence by sentence, writes\nTMX 1.4b translation memories and checks that a translation is complete.")
cpack_add_component(dev DISPLAY_NAME "tmxalign-dev" DEPENDS runtime
  DESCRIPTION "Headers, static library, pkg-config file, CMake package and tmxalign(3)\nfor building programs against libtmxalign.")
cpack_add_component(python DISPLAY_NAME "python3-tmxalign" DEPENDS runtime
  DESCRIPTION "Python 3 module tmxalign (ctypes over libtmxalign): split, align,\ncheck, read and write TMX from Python.")

# ---- tests -------------------------------------------------------------------
if(TA_BUILD_TESTS AND BUILD_TESTING AND NOT TA_SANITIZE AND NOT TA_TSAN)
  # A sanitized shared library cannot be loaded into a plain python3, nor
  # linked by a plain compiler call: these belong to the normal build.
  add_executable(ta_py_layout ${CMAKE_SOURCE_DIR}/tests/python/layout.c)
  target_link_libraries(ta_py_layout PRIVATE tmxalign)
  set(TA_PY_ENV
    "PYTHONPATH=${CMAKE_BINARY_DIR}/python"
    "PYTHONDONTWRITEBYTECODE=1"
    "TMXALIGN_LIBRARY=$<TARGET_FILE:tmxalign>"
    "TA_LAYOUT_PROGRAM=$<TARGET_FILE:ta_py_layout>"
    "TA_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
  # Debian's python3, not one found on PATH (a pyenv shim, say).
  set(TA_PY /usr/bin/python3)
  add_test(NAME python.unit
           COMMAND ${TA_PY} ${CMAKE_SOURCE_DIR}/tests/python/test_tmxalign.py)
  set_tests_properties(python.unit PROPERTIES ENVIRONMENT "${TA_PY_ENV}"
                       LABELS python)
  find_program(TA_VALGRIND valgrind)
  if(TA_VALGRIND)
    add_test(NAME python.leaks
             COMMAND bash ${CMAKE_SOURCE_DIR}/tests/python/leaks.sh
                     ${CMAKE_SOURCE_DIR})
    set_tests_properties(python.leaks PROPERTIES ENVIRONMENT "${TA_PY_ENV}"
                         LABELS "python;valgrind" TIMEOUT 600)
  endif()
  add_test(NAME package.deb
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/packaging/deb.sh
                   ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
  set_tests_properties(package.deb PROPERTIES LABELS packaging TIMEOUT 600
                       SKIP_RETURN_CODE 77)
endif()
