#pragma once

#include <QList>
#include <QRect>
#include <QString>
#include <optional>

namespace imp::app {

// The main window's size and place, kept between runs in the profile folder (window.ini; plain:
// it says nothing about the user, and it is written only once a profile exists, so never before
// consent).
class WindowGeometry {
public:
    struct Saved {
        QRect rect; // the window's position and size, without the frame
        bool maximized = false;
    };

    static std::optional<Saved> load(const QString &profileDir);
    static bool save(const QString &profileDir, const Saved &saved);

    // Where to put a saved window on the screens there are now: a window remembered on a
    // monitor that is gone, or larger than the screen it lands on, comes back whole and
    // visible. `screens` are the screens' available areas; the first is the primary.
    static QRect fit(QRect saved, const QList<QRect> &screens, QSize minimum);
};

} // namespace imp::app
