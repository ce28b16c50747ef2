#include "WindowGeometry.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::app::WindowGeometry;

TEST(WindowGeometryTest, AWindowOnAScreenThatIsGoneComesBackOnThePrimary)
{
    const QList<QRect> screens{QRect(0, 0, 1920, 1080)};
    // Remembered on a second monitor to the right, now unplugged.
    const QRect fitted = WindowGeometry::fit(QRect(2200, 100, 1000, 700), screens, {320, 560});
    EXPECT_TRUE(screens.first().contains(fitted));
    EXPECT_EQ(fitted.size(), QSize(1000, 700));
}

TEST(WindowGeometryTest, ALargerWindowShrinksToTheScreenAndASmallOneGrowsToTheMinimum)
{
    const QList<QRect> laptop{QRect(0, 0, 1366, 768)};
    const QRect big = WindowGeometry::fit(QRect(-50, -20, 2560, 1400), laptop, {320, 560});
    EXPECT_EQ(big, laptop.first());
    const QRect tiny = WindowGeometry::fit(QRect(10, 10, 100, 100), laptop, {320, 560});
    EXPECT_EQ(tiny.size(), QSize(320, 560));
}

TEST(WindowGeometryTest, AWindowOnTheSecondScreenStaysThere)
{
    const QList<QRect> screens{QRect(0, 0, 1920, 1080), QRect(1920, 0, 2560, 1440)};
    const QRect saved(2400, 200, 1200, 800);
    EXPECT_EQ(WindowGeometry::fit(saved, screens, {320, 560}), saved);
}

TEST(WindowGeometryTest, SavedOnlyIntoAProfileFolderAndReadBack)
{
    QTemporaryDir dir;
    const QString missing = dir.filePath("not-created-before-consent");
    EXPECT_FALSE(WindowGeometry::save(missing, {QRect(1, 2, 800, 600), false}));
    EXPECT_FALSE(QFileInfo::exists(missing));
    EXPECT_TRUE(WindowGeometry::save(dir.path(), {QRect(10, 20, 800, 600), true}));
    auto loaded = WindowGeometry::load(dir.path());
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->rect, QRect(10, 20, 800, 600));
    EXPECT_TRUE(loaded->maximized);
}

TEST(WindowGeometryTest, ADamagedFileMeansTheDefaultSize)
{
    QTemporaryDir dir;
    QFile file(dir.filePath("window.ini"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("[window]\nrect=@Rect(0 0 -5 99999999)\n\x01\x02garbage");
    file.close();
    EXPECT_FALSE(WindowGeometry::load(dir.path()));
}
