#pragma once

#include "xmpp/XmlElement.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <optional>

namespace imp::xmpp {

// XEP-0363 HTTP File Upload (urn:xmpp:http:upload:0): finding the service, asking it for a
// slot, and reading its answer. Pure: the chat side sends the IQs and does the HTTP.
struct HttpUpload {
    static const QString Namespace;

    // <iq type='get' to=domain><query disco#items/></iq>, and one disco#info per item.
    static XmlElement itemsQuery(const QString &domain);
    static XmlElement infoQuery(const QString &jid);
    // The items' JIDs of a disco#items result (at most 50, the rest ignored).
    static QStringList itemsOf(const XmlElement &result);

    struct Service {
        QString jid;
        qint64 maxFileSize = 0; // 0 = the service states none
    };
    // The service a disco#info result describes, when it offers HTTP upload.
    static std::optional<Service> serviceOf(const QString &jid, const XmlElement &result);

    static XmlElement slotRequest(const QString &service, const QString &fileName, qint64 size,
                                  const QString &contentType);

    struct Slot {
        QUrl put;
        QUrl get;
        // Only the headers XEP-0363 allows the service to set (Authorization, Cookie, Expires),
        // without line breaks.
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    // nullopt when the result has no https put/get URLs.
    static std::optional<Slot> slotOf(const XmlElement &result);
};

} // namespace imp::xmpp
