#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

namespace imp::app {

// What the command line asked for. Parsing never exits the process: errors come back as text.
struct AppOptions {
    QString dataDir; // the profile folder; two folders are two independent users
    QString language = "zh_CN";
    QString screenshotPath;
    QSize screenshotSize{390, 844};
    // The shipped documents: the installed copy when there is one, else the one built in;
    // tests point it elsewhere.
    QString legalDir = ":/legal";
    QString translationsDir = ":/i18n"; // likewise for imptech_<lang>.qm
    // The IMpTech server's HTTPS address (sign-up API); it announces the XMPP endpoints.
    QString server = "localhost:15443";
    QString caFile; // trust only this CA (development, tests); empty = the system CAs

    static std::optional<AppOptions> parse(const QStringList &arguments, QString *error,
                                           QString *helpText = nullptr);
    static QString defaultDataDir();
    // <prefix>/share/imptech when this binary is installed (<prefix>/bin/imptech) and the
    // shipped texts are there; empty when it runs from the build tree.
    static QString installedDataDir();
};

} // namespace imp::app
