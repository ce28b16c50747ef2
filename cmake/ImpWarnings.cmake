# Warnings every first-party target gets; third-party headers stay quiet as SYSTEM includes.
set(IMP_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
                      -Wcast-align -Woverloaded-virtual)

function(imp_set_warnings target)
  target_compile_options(${target} PRIVATE ${IMP_WARNING_FLAGS})
endfunction()

# The same warnings on some sources only: a QML module's target also compiles the code Qt
# generates for it (type registration, QML cache), which is not ours to fix.
function(imp_set_source_warnings)
  foreach(src IN LISTS ARGN)
    if(src MATCHES "\\.cpp$")
      set_source_files_properties(${src} PROPERTIES COMPILE_OPTIONS "${IMP_WARNING_FLAGS}")
    endif()
  endforeach()
endfunction()
