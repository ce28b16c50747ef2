#include "WindowGeometry.h"

#include <QDir>
#include <QSettings>

namespace imp::app {

namespace {
constexpr const char *FileName = "window.ini";
}

std::optional<WindowGeometry::Saved> WindowGeometry::load(const QString &profileDir)
{
    const QString path = QDir(profileDir).filePath(FileName);
    if (!QFile::exists(path))
        return std::nullopt;
    QSettings file(path, QSettings::IniFormat);
    const QRect rect = file.value("window/rect").toRect();
    if (!rect.isValid() || rect.width() > 20000 || rect.height() > 20000)
        return std::nullopt; // a damaged file: start with the default size
    return Saved{rect, file.value("window/maximized").toBool()};
}

bool WindowGeometry::save(const QString &profileDir, const Saved &saved)
{
    if (!QDir(profileDir).exists())
        return false; // no profile yet (before consent): nothing is written
    QSettings file(QDir(profileDir).filePath(FileName), QSettings::IniFormat);
    file.setValue("window/rect", saved.rect);
    file.setValue("window/maximized", saved.maximized);
    file.sync();
    return file.status() == QSettings::NoError;
}

QRect WindowGeometry::fit(QRect saved, const QList<QRect> &screens, QSize minimum)
{
    if (screens.isEmpty())
        return saved;
    // The screen the window overlaps most, else the primary.
    QRect screen = screens.first();
    qint64 best = 0;
    for (const QRect &s : screens) {
        const QRect overlap = s.intersected(saved);
        const qint64 area = qint64(overlap.width()) * overlap.height();
        if (area > best) {
            best = area;
            screen = s;
        }
    }
    QSize size = saved.size().expandedTo(minimum).boundedTo(screen.size());
    QRect fitted(saved.topLeft(), size);
    if (best == 0)
        fitted.moveCenter(screen.center());
    if (fitted.right() > screen.right())
        fitted.moveRight(screen.right());
    if (fitted.bottom() > screen.bottom())
        fitted.moveBottom(screen.bottom());
    if (fitted.left() < screen.left())
        fitted.moveLeft(screen.left());
    if (fitted.top() < screen.top())
        fitted.moveTop(screen.top());
    return fitted;
}

} // namespace imp::app
