#include "AppContext.h"

#include "crypto/QtKeychainBackend.h"

namespace imp::app {
namespace {
AppContext &storage()
{
    static AppContext context;
    return context;
}
} // namespace

void AppContext::install(AppContext context)
{
    storage() = std::move(context);
}

AppContext &AppContext::current()
{
    auto &context = storage();
    if (!context.keychain)
        context.keychain = std::make_shared<crypto::QtKeychainBackend>();
    return context;
}

} // namespace imp::app
