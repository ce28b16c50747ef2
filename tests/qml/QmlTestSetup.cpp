#include "AppContext.h"

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(IMpTech_OnboardingPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ComponentsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_DesktopPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ChatsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_ContactsPlugin)
Q_IMPORT_QML_PLUGIN(IMpTech_MePlugin)

// Each QML test file gets a fresh, empty profile folder, as on a first launch.
class QmlTestSetup : public QObject {
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath("qrc:/");
        m_profile = std::make_unique<QTemporaryDir>();
        imp::app::AppContext context;
        context.options.dataDir = m_profile->path();
        context.options.language = "en";
        imp::app::AppContext::install(std::move(context));
    }

private:
    std::unique_ptr<QTemporaryDir> m_profile;
};

QUICK_TEST_MAIN_WITH_SETUP(onboarding, QmlTestSetup)
#include "QmlTestSetup.moc"
