#include "xmpp/HttpUpload.h"

#include "xmpp/Namespaces.h"

namespace imp::xmpp {

const QString HttpUpload::Namespace = QStringLiteral("urn:xmpp:http:upload:0");

namespace {
const QString DiscoItems = QStringLiteral("http://jabber.org/protocol/disco#items");

XmlElement getIq(const QString &to, const QString &queryNs)
{
    XmlElement iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("to"), to);
    iq.addChild(XmlElement(QStringLiteral("query"), queryNs));
    return iq;
}

// The payload of a result IQ (IqTracker hands over the whole <iq/>).
XmlElement payloadOf(const XmlElement &result, const QString &name, const QString &ns)
{
    return result.name() == name ? result : result.firstChild(name, ns);
}

std::optional<QUrl> httpsUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return std::nullopt;
    return url;
}
} // namespace

XmlElement HttpUpload::itemsQuery(const QString &domain)
{
    return getIq(domain, DiscoItems);
}

XmlElement HttpUpload::infoQuery(const QString &jid)
{
    return getIq(jid, ns::DiscoInfo);
}

QStringList HttpUpload::itemsOf(const XmlElement &result)
{
    QStringList out;
    const XmlElement query = payloadOf(result, QStringLiteral("query"), DiscoItems);
    for (const auto &item : query.children()) {
        if (item.name() != QLatin1String("item"))
            continue;
        const QString jid = item.attribute(QStringLiteral("jid"));
        if (!jid.isEmpty() && jid.size() <= 1023 && !out.contains(jid))
            out.append(jid);
        if (out.size() >= 50)
            break;
    }
    return out;
}

std::optional<HttpUpload::Service> HttpUpload::serviceOf(const QString &jid,
                                                         const XmlElement &result)
{
    const XmlElement query = payloadOf(result, QStringLiteral("query"), ns::DiscoInfo);
    bool offers = false;
    for (const auto &f : query.children())
        if (f.name() == QLatin1String("feature") && f.attribute(QStringLiteral("var")) == Namespace)
            offers = true;
    if (!offers)
        return std::nullopt;
    Service service{jid, 0};
    // XEP-0128 form: FORM_TYPE urn:xmpp:http:upload:0, field max-file-size.
    for (const auto &form : query.children()) {
        if (form.name() != QLatin1String("x") || form.namespaceUri() != ns::DataForms)
            continue;
        bool ours = false;
        qint64 max = 0;
        for (const auto &field : form.children()) {
            const QString var = field.attribute(QStringLiteral("var"));
            const QString value = field.firstChild(QStringLiteral("value"), ns::DataForms).text();
            if (var == QLatin1String("FORM_TYPE"))
                ours = value.trimmed() == Namespace;
            else if (var == QLatin1String("max-file-size"))
                max = value.trimmed().toLongLong();
        }
        if (ours && max > 0)
            service.maxFileSize = max;
    }
    return service;
}

XmlElement HttpUpload::slotRequest(const QString &service, const QString &fileName, qint64 size,
                                   const QString &contentType)
{
    XmlElement iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("to"), service);
    XmlElement request(QStringLiteral("request"), Namespace);
    request.setAttribute(QStringLiteral("filename"), fileName);
    request.setAttribute(QStringLiteral("size"), QString::number(size));
    if (!contentType.isEmpty())
        request.setAttribute(QStringLiteral("content-type"), contentType);
    iq.addChild(request);
    return iq;
}

std::optional<HttpUpload::Slot> HttpUpload::slotOf(const XmlElement &result)
{
    const XmlElement slot = payloadOf(result, QStringLiteral("slot"), Namespace);
    const XmlElement put = slot.firstChild(QStringLiteral("put"), Namespace);
    const auto putUrl = httpsUrl(put.attribute(QStringLiteral("url")));
    const auto getUrl = httpsUrl(
        slot.firstChild(QStringLiteral("get"), Namespace).attribute(QStringLiteral("url")));
    if (!putUrl || !getUrl)
        return std::nullopt;
    Slot out{*putUrl, *getUrl, {}};
    for (const auto &header : put.children()) {
        if (header.name() != QLatin1String("header"))
            continue;
        const QString name = header.attribute(QStringLiteral("name"));
        const QString value = header.text();
        const bool allowed =
            name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 ||
            name.compare(QLatin1String("Cookie"), Qt::CaseInsensitive) == 0 ||
            name.compare(QLatin1String("Expires"), Qt::CaseInsensitive) == 0;
        if (!allowed || value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')) ||
            value.size() > 4096)
            continue;
        out.headers.append({name.toLatin1(), value.toUtf8()});
    }
    return out;
}

} // namespace imp::xmpp
