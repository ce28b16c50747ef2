#pragma once

#include "xmpp/StanzaChannel.h"
#include "xmpp/XmlStreamParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QSet>
#include <functional>
#include <map>

namespace imp::chat::test {

// An XMPP session in the test process: the test injects the server's XML and expects what the
// client sent (QXmpp tests its extensions this way), with no socket and no server. Inbound
// acknowledgements are tracked like XEP-0198's: a deferred stanza stays unacknowledged until
// the client releases it.
class InProcessChannel : public xmpp::StanzaChannel {
    Q_OBJECT
public:
    explicit InProcessChannel(QString ownFullJid = QStringLiteral("alice@imp.test/phone"))
        : m_jid(std::move(ownFullJid))
    {}

    State state() const override { return m_state; }
    QString boundJid() const override { return m_state == State::Online ? m_jid : QString(); }

    bool send(const xmpp::XmlElement &stanza) override
    {
        if (m_state != State::Online)
            return false;
        sent.append(stanza);
        unacked.append(stanza);
        return true;
    }
    void sendIq(const xmpp::XmlElement &iq, const QObject *, xmpp::IqTracker::Callback onReply,
                std::chrono::milliseconds) override
    {
        if (m_state != State::Online) {
            onReply(makeError("xmpp.not_connected", "offline"));
            return;
        }
        xmpp::XmlElement withId = iq;
        const QString id = QStringLiteral("iq%1").arg(++m_iqCounter);
        withId.setAttribute(QStringLiteral("id"), id);
        sentIqs.append(withId);
        m_pendingIqs.emplace(id, std::move(onReply));
    }
    quint64 deferInbound() override
    {
        if (!m_delivering)
            return 0;
        const quint64 token = ++m_tokenCounter;
        deferred.insert(token);
        return token;
    }
    void releaseInbound(quint64 token) override
    {
        if (deferred.remove(token))
            ++released;
    }
    void setIqRequestHandler(const QString &xmlns, IqRequestHandler handler) override
    {
        if (handler)
            m_iqHandlers.insert_or_assign(xmlns, std::move(handler));
        else
            m_iqHandlers.erase(xmlns);
    }

    // The session comes up (fresh or resumed) or goes down.
    void goOnline(bool resumed = false)
    {
        m_state = State::Online;
        emit stateChanged(m_state);
        emit sessionStarted(resumed);
    }
    void goOffline()
    {
        m_state = State::Offline;
        deferred.clear(); // a lost session forgets what it held back
        for (auto &[id, callback] : std::exchange(m_pendingIqs, {}))
            callback(makeError("xmpp.disconnected", "offline"));
        emit stateChanged(m_state);
    }

    // The server delivers a stanza (XML in the jabber:client namespace).
    void inject(const QByteArray &xml)
    {
        xmpp::XmlStreamParser parser;
        const auto events =
            parser.feed("<stream:stream xmlns='jabber:client' "
                        "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>" +
                        xml);
        for (const auto &e : events) {
            if (const auto *s = std::get_if<xmpp::XmlStreamParser::StanzaReceived>(&e)) {
                if (isIqRequest(s->stanza)) {
                    answerIqRequest(s->stanza);
                    continue;
                }
                m_delivering = true;
                emit stanzaReceived(s->stanza);
                m_delivering = false;
            }
        }
    }
    // Answers the oldest unanswered IQ the client sent (with `payload` inside a result, or an
    // error condition when `error` is set).
    void answerIq(const QString &id, const QByteArray &payload, const QString &error = {})
    {
        const auto it = m_pendingIqs.find(id);
        if (it == m_pendingIqs.end())
            return;
        auto callback = std::move(it->second);
        m_pendingIqs.erase(it);
        if (!error.isEmpty()) {
            callback(makeError(("xmpp.iq." + error).toStdString(), "test"));
            return;
        }
        xmpp::XmlStreamParser parser;
        const auto events = parser.feed(
            "<stream:stream xmlns='jabber:client' "
            "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><iq type='result' id='" +
            id.toUtf8() + "'>" + payload + "</iq>");
        for (const auto &e : events)
            if (const auto *s = std::get_if<xmpp::XmlStreamParser::StanzaReceived>(&e))
                callback(s->stanza);
    }
    // The server acknowledges everything sent so far (XEP-0198 <a/>).
    void ackAll()
    {
        for (const auto &stanza : std::exchange(unacked, {}))
            emit stanzaAcked(stanza);
    }

    // Sent stanzas named `name` that have a child `child` in `ns` (any when empty).
    QList<xmpp::XmlElement> sentWith(const QString &child, const QString &ns = {}) const
    {
        QList<xmpp::XmlElement> out;
        for (const auto &s : sent)
            if (child.isEmpty() || s.hasChild(child, ns))
                out.append(s);
        return out;
    }
    // The reply to the last injected IQ get/set (also in `sent`).
    xmpp::XmlElement lastIqReply() const
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
            if (it->name() == QLatin1String("iq"))
                return *it;
        return {};
    }
    QList<xmpp::XmlElement> sent;
    QList<xmpp::XmlElement> unacked;
    QList<xmpp::XmlElement> sentIqs;
    QSet<quint64> deferred;
    int released = 0;

private:
    static bool isIqRequest(const xmpp::XmlElement &stanza)
    {
        const QString type = stanza.attribute(QStringLiteral("type"));
        return stanza.name() == QLatin1String("iq") &&
               (type == QLatin1String("get") || type == QLatin1String("set"));
    }
    // As XmppClient does: the payload's namespace picks the handler; a null reply (or no
    // handler: these tests have no need for service-unavailable) is a plain result.
    void answerIqRequest(const xmpp::XmlElement &iq)
    {
        xmpp::XmlElement reply;
        if (!iq.children().isEmpty()) {
            const auto it = m_iqHandlers.find(iq.children().first().namespaceUri());
            if (it != m_iqHandlers.end()) {
                const IqRequestHandler handler = it->second; // it may replace itself
                reply = handler(iq);
            }
        }
        if (reply.isNull()) {
            reply = xmpp::XmlElement(QStringLiteral("iq"));
            reply.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
            reply.setAttribute(QStringLiteral("id"), iq.attribute(QStringLiteral("id")));
            if (const QString from = iq.attribute(QStringLiteral("from")); !from.isEmpty())
                reply.setAttribute(QStringLiteral("to"), from);
        }
        sent.append(reply);
    }

    QString m_jid;
    State m_state = State::Offline;
    bool m_delivering = false;
    quint64 m_tokenCounter = 0;
    int m_iqCounter = 0;
    std::map<QString, xmpp::IqTracker::Callback> m_pendingIqs;
    std::map<QString, IqRequestHandler> m_iqHandlers;
};

// Runs the event loop until `done` or a timeout.
template <class F> bool waitUntil(F done, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

} // namespace imp::chat::test
