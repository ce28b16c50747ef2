#pragma once

#include "common/Result.h"
#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <functional>
#include <map>
#include <memory>

namespace imp::xmpp {

// Sends IQ requests and routes each reply to its callback. A reply must carry the request's
// id AND come from the entity the request went to; anything else could be a forged answer
// from another contact and is ignored (the request then keeps waiting or times out).
class IqTracker : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(Result<XmlElement>)>;
    using Sender = std::function<void(const XmlElement &)>;

    explicit IqTracker(Sender sender, QObject *parent = nullptr);
    ~IqTracker() override;

    // Our full JID once bound; replies to requests addressed to the server or to our own
    // account may come from the bare JID, the full JID, the domain, or carry no from.
    void setOwnJid(const Jid &ownJid) { m_ownJid = ownJid; }

    // Assigns a fresh id, sends, and calls onReply exactly once: the result element, an
    // error "xmpp.iq.<condition>" for type='error', "xmpp.iq_timeout", or "xmpp.disconnected".
    // Returns the id.
    QString send(XmlElement iq, Callback onReply,
                 std::chrono::milliseconds timeout = std::chrono::seconds(15));

    // Offers an incoming stanza. True when it was the reply to a pending request.
    bool handle(const XmlElement &stanza);

    // Fails every pending request with the given code (the stream went away).
    void cancelAll(const std::string &code = "xmpp.disconnected");

    std::size_t pendingCount() const { return m_pending.size(); }

private:
    struct Pending {
        Jid to;
        Callback onReply;
        std::unique_ptr<QTimer> timer;
    };
    bool replyFromMatches(const Jid &addressed, const QString &from) const;
    void finish(const QString &id, Result<XmlElement> result);

    Sender m_sender;
    Jid m_ownJid;
    std::map<QString, Pending> m_pending;
};

} // namespace imp::xmpp
