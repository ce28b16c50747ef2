#pragma once

#include "common/Result.h"

#include <gtest/gtest.h>
#include <ostream>

namespace imp {

// Lets gtest print an Error when an assertion on a Result fails.
inline std::ostream &operator<<(std::ostream &out, const Error &error)
{
    return out << error.code << ": " << error.detail;
}

} // namespace imp

// ASSERT that a Result is ok, printing its error otherwise.
#define IMP_ASSERT_OK(expr)                                                                        \
    do {                                                                                           \
        const auto &imp_result_ = (expr);                                                          \
        ASSERT_TRUE(imp_result_.ok()) << imp_result_.error();                                      \
    } while (false)

#define IMP_EXPECT_OK(expr)                                                                        \
    do {                                                                                           \
        const auto &imp_result_ = (expr);                                                          \
        EXPECT_TRUE(imp_result_.ok()) << imp_result_.error();                                      \
    } while (false)
