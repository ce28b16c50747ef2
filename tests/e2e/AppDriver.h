#pragma once

// Drives the real app (AppShell) the way a person does: find by objectName, tap, type, and
// take screenshots for a person to look at. Shared by the end-to-end journeys.
#include "AppShell.h"
#include "onboarding/OnboardingController.h"

#include <QDirIterator>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>
#include <memory>

namespace imp::test {

using imp::app::AppOptions;
using imp::app::AppShell;

inline QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name && root->isVisible())
        return root;
    for (auto *child : root->childItems()) {
        if (auto *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

// Everything under a folder, concatenated: what someone who copies the folder gets.
inline QByteArray allBytesUnder(const QString &dir)
{
    QByteArray bytes;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

inline bool isEmptyDir(const QString &dir)
{
    return QDir(dir)
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
        .isEmpty();
}

inline void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(source, target);
    }
}

inline void dumpTree(QQuickItem *item, int depth)
{
    qWarning().noquote() << QString(depth * 2, QLatin1Char(' ')) + item->metaObject()->className()
                         << item->property("status") << item->property("sourceComponent")
                         << item->objectName() << item->isVisible() << item->size();
    if (depth < 12)
        for (auto *child : item->childItems())
            dumpTree(child, depth + 1);
}

class AppDriver {
public:
    std::unique_ptr<AppShell> launch(const QString &dataDir, const QString &lang = "zh_CN",
                                     QSize size = {390, 844}, const QString &legalDir = {},
                                     const QString &server = {}, const QString &caFile = {})
    {
        AppOptions options;
        if (!server.isEmpty())
            options.server = server;
        options.caFile = caFile;
        options.dataDir = dataDir;
        options.language = lang;
        if (!legalDir.isEmpty())
            options.legalDir = legalDir;
        auto shell = std::make_unique<AppShell>(options);
        // A test observes quitRequested; it must not end the test process.
        QObject::disconnect(&shell->engine(), &QQmlEngine::quit, nullptr, nullptr);
        if (!shell->load())
            return nullptr;
        shell->window()->resize(size);
        shell->window()->show();
        if (!QTest::qWaitForWindowExposed(shell->window()))
            return nullptr;
        return shell;
    }

    QQuickItem *item(AppShell &shell, const QString &name)
    {
        QQuickItem *found = nullptr;
        for (int i = 0; i < 100 && !found; ++i) {
            found = findItem(shell.window()->contentItem(), name);
            if (!found)
                QTest::qWait(20);
        }
        return found;
    }

    // Without waiting, for QTRY_* conditions: those evaluate their condition up to once per
    // 50 ms of their timeout, so a condition that waits itself multiplies the timeout.
    QQuickItem *itemNow(AppShell &shell, const QString &name)
    {
        return findItem(shell.window()->contentItem(), name);
    }
    QString textNow(AppShell &shell, const QString &name)
    {
        auto *found = itemNow(shell, name);
        return found ? found->property("text").toString() : QString();
    }
    bool enabledNow(AppShell &shell, const QString &name)
    {
        auto *found = itemNow(shell, name);
        return found && found->isEnabled();
    }

    // A right-click (the message menu on desktop) in the middle of the named item.
    bool rightClick(AppShell &shell, const QString &name)
    {
        auto *target = item(shell, name);
        if (!target)
            return false;
        const QPointF centre =
            target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(shell.window(), Qt::RightButton, {}, centre.toPoint());
        return true;
    }

    bool click(AppShell &shell, const QString &name)
    {
        auto *target = item(shell, name);
        if (!target || !target->isEnabled()) {
            qWarning() << "cannot tap" << name << (target ? "(disabled)" : "(not found)");
            if (qEnvironmentVariableIsSet("IMP_DUMP_TREE"))
                dumpTree(shell.window()->contentItem(), 0);
            return false;
        }
        QTest::qWait(50); // let a page transition settle before tapping
        const QPointF centre =
            target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(shell.window(), Qt::LeftButton, {}, centre.toPoint());
        return true;
    }

    void shot(AppShell &shell, const QString &name)
    {
        if (qEnvironmentVariable("IMP_SCREENSHOT_DIR").isEmpty())
            return;
        QTest::qWait(600); // past StackView transitions
        saveShot(shell, shell.window()->grabWindow(), name);
    }

    // Writes a screen grabbed earlier as IMP_SCREENSHOT_DIR/LANG-WxH-NAME.png.
    void saveShot(AppShell &shell, const QImage &screen, const QString &name)
    {
        const QString dir = qEnvironmentVariable("IMP_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        const auto size = shell.window()->size();
        const QString lang = shell.onboarding()->language();
        screen.save(QString("%1/%2-%3x%4-%5.png")
                        .arg(dir, lang)
                        .arg(size.width())
                        .arg(size.height())
                        .arg(name));
    }

    bool setBirthDate(AppShell &shell, int y, int m, int d)
    {
        auto *page = item(shell, "agePage");
        return page && QMetaObject::invokeMethod(page, "setDate", Q_ARG(QVariant, y),
                                                 Q_ARG(QVariant, m), Q_ARG(QVariant, d));
    }
};

} // namespace imp::test
