# Android and iOS packaging for the app target. UNTESTED: no SDK, NDK or Xcode on the build
# machines. Call it right after qt_add_executable(): Qt finalizes the target at the end of the
# directory scope and reads these properties then.
#
#   include(ImpMobile)
#   imp_configure_mobile(imptech)
#
# On every other platform (the Linux, Windows and macOS desktop builds) it does nothing.

function(imp_configure_mobile target)
    if(NOT ANDROID AND NOT IOS)
        return()
    endif()

    set(platform_dir "${PROJECT_SOURCE_DIR}/platform")

    if(ANDROID)
        # Bump for every store upload; it must only grow. Default: major*10000 + minor*100 + patch.
        set(IMP_ANDROID_VERSION_CODE "" CACHE STRING
            "Android versionCode (empty: derived from PROJECT_VERSION)")
        set(version_code "${IMP_ANDROID_VERSION_CODE}")
        if(version_code STREQUAL "")
            math(EXPR version_code "0${PROJECT_VERSION_MAJOR} * 10000
                                    + 0${PROJECT_VERSION_MINOR} * 100 + 0${PROJECT_VERSION_PATCH}")
        endif()
        # androiddeployqt copies Qt's template and then platform/android over it: our manifest
        # (explicit permissions, package name) and res/ replace Qt's defaults.
        # Min 26 (Android 8.0), above Qt 6.4's floor of 23. Target 34: what Google Play asked
        # of new apps in 2024 (raise it with Play); newer than Qt 6.4 was released against.
        set_target_properties(${target} PROPERTIES
            QT_ANDROID_PACKAGE_SOURCE_DIR "${platform_dir}/android"
            QT_ANDROID_MIN_SDK_VERSION 26
            QT_ANDROID_TARGET_SDK_VERSION 34
            QT_ANDROID_VERSION_NAME "${PROJECT_VERSION}"
            QT_ANDROID_VERSION_CODE ${version_code})
    endif()

    if(IOS)
        # Our own Info.plist template: Qt's default has no NSMicrophoneUsageDescription and
        # iOS kills an app that opens the microphone without one. CMake fills the
        # ${MACOSX_BUNDLE_*} values in it from the properties below.
        # PRODUCT_BUNDLE_IDENTIFIER: Qt leaves it empty once a bundle identifier is given, and
        # Xcode's automatic signing needs it equal to CFBundleIdentifier.
        set_target_properties(${target} PROPERTIES
            MACOSX_BUNDLE TRUE
            MACOSX_BUNDLE_INFO_PLIST "${platform_dir}/ios/Info.plist.in"
            MACOSX_BUNDLE_GUI_IDENTIFIER "com.imptech.IMpTech"
            MACOSX_BUNDLE_BUNDLE_NAME "IMpTech"
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            XCODE_ATTRIBUTE_PRODUCT_BUNDLE_IDENTIFIER "com.imptech.IMpTech")

        # Localized Info.plist strings (the microphone prompt). iOS bundles are flat: CMake
        # strips "Resources", so these land in <app>.app/<lang>.lproj/InfoPlist.strings.
        foreach(lang IN ITEMS zh-Hans en)
            set(strings "${platform_dir}/ios/${lang}.lproj/InfoPlist.strings")
            target_sources(${target} PRIVATE "${strings}")
            set_source_files_properties("${strings}" TARGET_DIRECTORY ${target}
                PROPERTIES MACOSX_PACKAGE_LOCATION "Resources/${lang}.lproj")
        endforeach()
    endif()
endfunction()
