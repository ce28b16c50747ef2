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
        // Generous: a keychain may first ask the user to unlock it; falling back to the key file
        // after a short wait would weaken the vault for good.
        context.keychain = std::make_shared<crypto::QtKeychainBackend>(QStringLiteral("IMpTech"),
                                                                       std::chrono::seconds(20));
    return context;
}

} // namespace imp::app
