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
    QString legalDir = ":/legal"; // the shipped documents; tests point it elsewhere
    // The IMpTech server's HTTPS address (sign-up API); it announces the XMPP endpoints.
    QString server = "localhost:15443";
    QString caFile; // trust only this CA (development, tests); empty = the system CAs

    static std::optional<AppOptions> parse(const QStringList &arguments, QString *error,
                                           QString *helpText = nullptr);
    static QString defaultDataDir();
};

} // namespace imp::app
