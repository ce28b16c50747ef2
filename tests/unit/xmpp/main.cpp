#include "common/Log.h"

#include <QCoreApplication>
#include <gtest/gtest.h>

// The client and the IQ tracker need an event loop (timers, sockets), hence our own main.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    imp::log::init(spdlog::level::off);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
