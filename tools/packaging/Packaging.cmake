# Installing: `cmake --install` lays out a prefix the way console/Installation.hpp expects it (the
# program finds its data at <its folder>/../share/sparring), and CPack packs the same tree.
#
#   bin/sparring
#   share/sparring/scenarios        the shipped library, the default framework, the authoring guide and
#                                   the format's JSON Schema (which the files' modelines name)
#   share/sparring/assets           the portraits, which the trainer reads at run time
#   share/sparring/models           the scorer's trained models (acts.bin, tags.bin)
#   share/applications/sparring.desktop, share/icons/hicolor/scalable/apps/sparring.svg
#   share/man/man1/sparring.1.gz    written from the commands' --help at build time
#   share/bash-completion/completions/sparring   likewise
#
# Not installed:
# - assets/corpus: the labelled utterances the models are trained from as a step of the build.
#   The program reads a corpus only when given one (`train --corpus`, `classify --eval`), to
#   retrain or re-evaluate the scorer, which is work on a source checkout; an installation runs
#   on the trained models, as it runs on the compiled code and not on the sources.
# - assets/screenshots (the README's pictures), assets/portraits/README.md (how tools/make-portraits
#   draws them), the models' *.train.txt scratch files, and dot-files.

include(GNUInstallDirs)
if(NOT CMAKE_INSTALL_BINDIR STREQUAL "bin" OR NOT CMAKE_INSTALL_DATADIR STREQUAL "share")
  message(FATAL_ERROR "sparring finds its data at <its folder>/../share/sparring: keep CMAKE_INSTALL_BINDIR "
                      "at bin and CMAKE_INSTALL_DATADIR at share (they are ${CMAKE_INSTALL_BINDIR} and "
                      "${CMAKE_INSTALL_DATADIR})")
endif()
set(SPARRING_INSTALL_DATA ${CMAKE_INSTALL_DATADIR}/sparring)
set(SPARRING_PACKAGING ${CMAKE_CURRENT_LIST_DIR})
# Folders an install creates are rwxr-xr-x whatever the umask, as a Debian package wants them.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS sparring RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# From the source tree (the build stages links to it): real files, never the links.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${SPARRING_INSTALL_DATA}/scenarios
        PATTERN ".*" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/portraits DESTINATION ${SPARRING_INSTALL_DATA}/assets
        FILES_MATCHING PATTERN "*.svg" PATTERN ".*" EXCLUDE)
install(FILES ${SPARRING_MODELS} DESTINATION ${SPARRING_INSTALL_DATA}/models)

# The desktop entry and the icon (drawn for the project: two speech bubbles).
install(FILES ${SPARRING_PACKAGING}/sparring.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${SPARRING_PACKAGING}/sparring.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The man page and the bash completion, written from the built command's --help, so they list
# exactly the commands and options it has. Staged in the build tree as they are installed.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(SPARRING_MAN_PAGE ${PROJECT_BINARY_DIR}/share/man/man1/sparring.1.gz)
set(SPARRING_COMPLETION ${PROJECT_BINARY_DIR}/share/bash-completion/completions/sparring)
add_custom_command(
  OUTPUT ${SPARRING_MAN_PAGE} ${SPARRING_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/share/man/man1
                                             ${PROJECT_BINARY_DIR}/share/bash-completion/completions
  COMMAND ${Python3_EXECUTABLE} ${SPARRING_PACKAGING}/make-cli-docs
          --binary $<TARGET_FILE:sparring> --data-dir ${SPARRING_STAGED_DATA} --version ${PROJECT_VERSION}
          --template ${SPARRING_PACKAGING}/sparring.1.in --man ${SPARRING_MAN_PAGE} --completion ${SPARRING_COMPLETION}
          --forbid ${PROJECT_SOURCE_DIR} --forbid ${PROJECT_BINARY_DIR}
  DEPENDS sparring ${SPARRING_PACKAGING}/make-cli-docs ${SPARRING_PACKAGING}/sparring.1.in
  COMMENT "Writing the man page and the bash completion from sparring --help"
  VERBATIM)
add_custom_target(sparring_cli_docs ALL DEPENDS ${SPARRING_MAN_PAGE} ${SPARRING_COMPLETION})
install(FILES ${SPARRING_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${SPARRING_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# The Debian package: `cpack -G DEB` in the build folder writes sparring_<version>-1_<arch>.deb.
# Depends comes from dpkg-shlibdeps (Debian package dpkg-dev, which tools/setup installs) reading
# the binary, plus the font the trainer draws with.
set(SPARRING_PACKAGE_MAINTAINER "Sparring maintainers <sparring@example.org>"
    CACHE STRING "Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sparring)
set(CPACK_PACKAGE_VENDOR "Sparring")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${SPARRING_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "trainer in which sales managers learn to coach")
set(CPACK_PACKAGE_DESCRIPTION
    "Sparring is a desktop trainer in which sales managers learn to coach. A manager sits in on \
simulated expert panels (six sales experts who disagree for real reasons) and rehearses difficult \
conversations with simulated reps. Every answer, picked or typed in their own words, is scored \
against coaching principles, with feedback that explains why.

It ships a scenario library, a coaching framework, a trained scorer for free-text answers, a \
desktop trainer (SFML) and a terminal player; scenarios are YAML files that `sparring lint` checks.")
set(CPACK_STRIP_FILES ON) # debug information stays in the build tree
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-opendyslexic") # the accessibility settings' font
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz") # `sparring graph` writes DOT for dot(1)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
find_program(SPARRING_DPKG_SHLIBDEPS dpkg-shlibdeps)
find_program(SPARRING_FILE file)
if(SPARRING_DPKG_SHLIBDEPS AND SPARRING_FILE)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  message(WARNING "dpkg-shlibdeps or file not found (Debian packages dpkg-dev and file; tools/setup installs "
                  "them): a .deb made now would not depend on the libraries it needs")
endif()
set(CPACK_SOURCE_GENERATOR "") # source archives are git's job
include(CPack)
