#pragma once

#include "chat/AccountService.h"
#include "chat/Profile.h"
#include "legal/AgreementCatalogue.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace imp::cli {

// imptech-cli: the same core as the app, driven from the command line. Each command runs to
// completion and finishes with an exit code; output is plain text for people and scripts.
class CliClient : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString dataDir;
        QString server;
        QString caFile;
        QString code;      // --code, else read from stdin
        QString birthDate; // --birth-date for `agree`
        bool yes = false;  // --yes: accept without the prompt
        int waitSeconds = 15;
    };

    explicit CliClient(Options options, QObject *parent = nullptr);

    // Runs `command` with `args`; emits finished(exitCode) when done.
    void run(const QString &command, const QStringList &args);

signals:
    void finished(int exitCode);

private:
    void agree();
    void signup(const QString &phone);
    void whoami();
    void openProfile(bool create, std::function<void()> then);
    void requireConsent(std::function<void()> then);
    void fail(const QString &message, int code = 1);
    void done();
    QString readLine(const QString &prompt);

    Options m_options;
    std::optional<legal::AgreementCatalogue> m_catalogue;
    std::shared_ptr<chat::Profile> m_profile;
    std::unique_ptr<chat::AccountService> m_account;
};

} // namespace imp::cli
