#pragma once

#include "AppOptions.h"
#include "crypto/KeychainBackend.h"

#include <memory>

namespace imp::app {

// What the process was started with, handed to the QML singletons when the engine creates them
// (QML_SINGLETON's create() cannot take arguments).
struct AppContext {
    AppOptions options;
    std::shared_ptr<crypto::KeychainBackend> keychain;

    static void install(AppContext context);
    static AppContext &current();
};

} // namespace imp::app
