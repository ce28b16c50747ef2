#include "AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace imp::app {

QString AppOptions::defaultDataDir()
{
    // Only the path: nothing is created until the user accepts the agreement.
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString AppOptions::installedDataDir()
{
    const QDir share(QCoreApplication::applicationDirPath() + "/../share/imptech");
    return QFileInfo::exists(share.filePath("legal/manifest.json")) ? share.canonicalPath()
                                                                    : QString();
}

std::optional<AppOptions> AppOptions::parse(const QStringList &arguments, QString *error,
                                            QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("IMpTech instant messenger");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir("data-dir", "Profile folder (default: the app-data location).",
                                     "DIR");
    const QCommandLineOption lang("lang", "Interface language: zh_CN (default) or en.", "LANG",
                                  "zh_CN");
    const QCommandLineOption screenshot("screenshot",
                                        "Render the first screen to FILE.png and exit.", "FILE");
    const QCommandLineOption size("size", "Window size for --screenshot, e.g. 390x844.", "WxH",
                                  "390x844");
    const QCommandLineOption legalDir("legal-dir",
                                      "Read the agreement catalogue from DIR (testing).", "DIR");
    const QCommandLineOption server("server", "IMpTech server HOST:PORT (HTTPS).", "HOST:PORT",
                                    "localhost:15443");
    const QCommandLineOption caFile("ca-file", "Trust only this CA certificate (PEM).", "FILE");
    parser.addOptions({dataDir, lang, screenshot, size, legalDir, server, caFile});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (helpText && (parser.isSet("help") || parser.isSet("version"))) {
        *helpText = parser.isSet("help") ? parser.helpText() : QString();
        return std::nullopt;
    }

    AppOptions options;
    options.dataDir = parser.isSet(dataDir) ? parser.value(dataDir) : defaultDataDir();
    options.language = parser.value(lang);
    if (options.language != "zh_CN" && options.language != "en") {
        *error = QString("unsupported language '%1' (use zh_CN or en)").arg(options.language);
        return std::nullopt;
    }
    options.screenshotPath = parser.value(screenshot);
    const auto parts = parser.value(size).split('x');
    bool okW = false;
    bool okH = false;
    if (parts.size() == 2) {
        options.screenshotSize = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
    }
    if (!okW || !okH || options.screenshotSize.width() < 200 ||
        options.screenshotSize.height() < 200 || options.screenshotSize.width() > 8000 ||
        options.screenshotSize.height() > 8000) {
        *error =
            QString("invalid --size '%1' (expected WxH, e.g. 390x844)").arg(parser.value(size));
        return std::nullopt;
    }
    options.server = parser.value(server);
    if (!options.server.contains(':') || options.server.section(':', -1).toInt() <= 0) {
        *error = QString("invalid --server '%1' (expected HOST:PORT)").arg(options.server);
        return std::nullopt;
    }
    options.caFile = parser.value(caFile);
    if (!options.caFile.isEmpty() && !QFileInfo::exists(options.caFile)) {
        *error = QString("--ca-file '%1' does not exist").arg(options.caFile);
        return std::nullopt;
    }
    if (const QString installed = installedDataDir(); !installed.isEmpty()) {
        options.legalDir = installed + "/legal";
        options.translationsDir = installed + "/translations";
    }
    if (parser.isSet(legalDir))
        options.legalDir = parser.value(legalDir);
    return options;
}

} // namespace imp::app
