#pragma once

#include "NoKeychain.h"
#include "chat/Profile.h"

#include <gtest/gtest.h>

namespace imp::test {

// A profile in `dir` without an OS keychain, created or opened again (after a "restart").
inline std::shared_ptr<chat::Profile> openTestProfile(const QString &dir, bool create)
{
    auto keychain = std::make_shared<NoKeychain>();
    auto opened =
        (create ? chat::Profile::create(dir, keychain) : chat::Profile::open(dir, keychain))
            .result();
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().code);
    return opened.ok() ? opened->profile : nullptr;
}

} // namespace imp::test
