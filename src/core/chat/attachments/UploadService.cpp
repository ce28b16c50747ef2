#include "chat/attachments/UploadService.h"

#include "common/Log.h"
#include "xmpp/StanzaChannel.h"

namespace imp::chat::attachments {

using xmpp::HttpUpload;

UploadService::UploadService(xmpp::StanzaChannel &channel, std::function<QString()> domain,
                             QObject *parent)
    : QObject(parent)
    , m_channel(channel)
    , m_domain(std::move(domain))
{
    connect(&m_channel, &xmpp::StanzaChannel::sessionStarted, this, [this](bool resumed) {
        if (!resumed)
            m_service.reset();
    });
}

void UploadService::discover(std::function<void(Result<HttpUpload::Service>)> done)
{
    if (m_service) {
        done(*m_service);
        return;
    }
    const QString domain = m_domain();
    m_channel.sendIq(HttpUpload::itemsQuery(domain), this,
                     [this, domain, done = std::move(done)](Result<xmpp::XmlElement> reply) {
                         if (!reply) {
                             done(reply.error());
                             return;
                         }
                         QStringList candidates = HttpUpload::itemsOf(reply.value());
                         // The usual name first: one round trip in the common case.
                         const QString usual = QStringLiteral("upload.") + domain;
                         if (candidates.removeAll(usual) > 0)
                             candidates.prepend(usual);
                         probe(candidates, done);
                     });
}

void UploadService::probe(QStringList candidates,
                          std::function<void(Result<HttpUpload::Service>)> done)
{
    if (candidates.isEmpty()) {
        done(makeError("upload.unavailable", "no XEP-0363 service on the server"));
        return;
    }
    const QString jid = candidates.takeFirst();
    m_channel.sendIq(HttpUpload::infoQuery(jid), this,
                     [this, jid, candidates, done](Result<xmpp::XmlElement> reply) {
                         if (reply) {
                             if (auto service = HttpUpload::serviceOf(jid, reply.value())) {
                                 m_service = *service;
                                 done(*service);
                                 return;
                             }
                         }
                         probe(candidates, done);
                     });
}

void UploadService::requestSlot(const QString &fileName, qint64 size, const QString &contentType,
                                SlotDone done)
{
    discover([this, fileName, size, contentType,
              done = std::move(done)](Result<HttpUpload::Service> service) mutable {
        if (!service) {
            done(service.error());
            return;
        }
        if (service->maxFileSize > 0 && size > service->maxFileSize) {
            done(makeError("upload.too_large", "over the service's limit"));
            return;
        }
        m_channel.sendIq(HttpUpload::slotRequest(service->jid, fileName, size, contentType), this,
                         [done = std::move(done)](Result<xmpp::XmlElement> reply) {
                             if (!reply) {
                                 const std::string &code = reply.error().code;
                                 // mod_http_file_share: not-acceptable + <file-too-large/> for the
                                 // size, resource-constraint for the daily quota.
                                 if (code == "xmpp.iq.not-acceptable")
                                     done(makeError("upload.too_large", code));
                                 else if (code == "xmpp.iq.resource-constraint")
                                     done(makeError("upload.quota", code));
                                 else
                                     done(reply.error());
                                 return;
                             }
                             auto slot = HttpUpload::slotOf(reply.value());
                             if (!slot) {
                                 done(makeError("upload.failed", "slot without https URLs"));
                                 return;
                             }
                             done(*slot);
                         });
    });
}

} // namespace imp::chat::attachments
