#include <QCoreApplication>
#include <gtest/gtest.h>

// The network tests run QNetworkAccessManager and local servers, which need an application
// object and an event loop on the main thread.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
