#pragma once

#include "common/Result.h"
#include "xmpp/HttpUpload.h"

#include <QObject>
#include <functional>
#include <optional>

namespace imp::xmpp {
class StanzaChannel;
}

namespace imp::chat::attachments {

// Finds our server's XEP-0363 upload service (disco#items of the domain, then disco#info of
// each item) and asks it for slots. The service found is kept until the next fresh session.
class UploadService : public QObject {
    Q_OBJECT
public:
    UploadService(xmpp::StanzaChannel &channel, std::function<QString()> domain,
                  QObject *parent = nullptr);

    using SlotDone = std::function<void(Result<xmpp::HttpUpload::Slot>)>;
    // Errors: upload.unavailable (no service), upload.too_large (over the service's limit or
    // refused as such), upload.quota (the daily quota), upload.failed, xmpp.*.
    void requestSlot(const QString &fileName, qint64 size, const QString &contentType,
                     SlotDone done);

    // The service's per-file limit once known (0 = unknown or none).
    qint64 maxFileSize() const { return m_service ? m_service->maxFileSize : 0; }

private:
    void discover(std::function<void(Result<xmpp::HttpUpload::Service>)> done);
    void probe(QStringList candidates, std::function<void(Result<xmpp::HttpUpload::Service>)> done);

    xmpp::StanzaChannel &m_channel;
    std::function<QString()> m_domain;
    std::optional<xmpp::HttpUpload::Service> m_service;
};

} // namespace imp::chat::attachments
