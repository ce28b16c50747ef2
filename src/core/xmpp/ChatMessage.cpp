#include "xmpp/ChatMessage.h"

#include "xmpp/Namespaces.h"

#include <QUuid>
#include <array>

namespace imp::xmpp {

namespace {

constexpr qsizetype kMaxStampChars = 64;
constexpr qsizetype kMaxConditionChars = 64;

struct StateName {
    ChatMessage::ChatState state;
    const char *name;
};
constexpr std::array<StateName, 5> kStates{{
    {ChatMessage::ChatState::Active, "active"},
    {ChatMessage::ChatState::Composing, "composing"},
    {ChatMessage::ChatState::Paused, "paused"},
    {ChatMessage::ChatState::Inactive, "inactive"},
    {ChatMessage::ChatState::Gone, "gone"},
}};

// An element built in code may leave its namespace empty, meaning "the parent's".
QString effectiveNs(const XmlElement &e, const QString &parentNs)
{
    return e.namespaceUri().isEmpty() ? parentNs : e.namespaceUri();
}

// XML 1.0 Char production; a lone surrogate does not count.
QString sanitized(const QString &in)
{
    QString out = in;
    const qsizetype n = out.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = out.at(i);
        if (ch.isHighSurrogate() && i + 1 < n && out.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        const char16_t u = ch.unicode();
        const bool ok = u == 0x9 || u == 0xA || u == 0xD || (u >= 0x20 && u <= 0xD7FF) ||
                        (u >= 0xE000 && u <= 0xFFFD);
        if (!ok)
            out[i] = QChar(QChar::ReplacementCharacter);
    }
    return out;
}

// XEP-0082 date-time, returned in UTC; invalid for anything else.
QDateTime parseStamp(const QString &text)
{
    if (text.isEmpty() || text.size() > kMaxStampChars)
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    if (t.timeSpec() == Qt::LocalTime) // no zone designator: XEP-0082 times are UTC
        t = QDateTime(t.date(), t.time(), Qt::UTC);
    return t.toUTC();
}

// An optional id attribute: false when it is over the limit (the stanza must be dropped).
bool readId(const XmlElement &e, QString &out)
{
    const QString v = e.attribute(QStringLiteral("id"));
    if (v.size() > ChatMessage::kMaxIdChars)
        return false;
    out = v;
    return true;
}

} // namespace

std::optional<ChatMessage> ChatMessage::fromStanza(const XmlElement &message,
                                                   const Jid &archiveOwner)
{
    const QString msgNs = effectiveNs(message, ns::Client);
    if (message.name() != QLatin1String("message") || msgNs != ns::Client)
        return std::nullopt;

    ChatMessage m;
    if (!readId(message, m.id))
        return std::nullopt;
    for (const auto &[attr, target] :
         {std::pair{QStringLiteral("from"), &m.from}, std::pair{QStringLiteral("to"), &m.to}}) {
        const QString text = message.attribute(attr);
        if (text.isEmpty())
            continue;
        const auto jid = Jid::parse(text);
        if (!jid)
            return std::nullopt;
        *target = *jid;
    }
    static const QStringList kTypes{QStringLiteral("chat"), QStringLiteral("normal"),
                                    QStringLiteral("error"), QStringLiteral("groupchat"),
                                    QStringLiteral("headline")};
    const QString type = message.attribute(QStringLiteral("type"));
    m.type = kTypes.contains(type) ? type : QStringLiteral("normal");

    const Jid owner = archiveOwner.bare();
    bool anyBody = false;
    bool untaggedBody = false;
    for (const auto &c : message.children()) {
        const QString cns = effectiveNs(c, msgNs);
        const QString &name = c.name();
        if (cns == ns::Client) {
            if (name == QLatin1String("body")) {
                // Several bodies differ by xml:lang; the one without a language wins.
                const bool untagged = !c.hasAttribute(QStringLiteral("lang"), ns::Xml);
                if (c.text().size() > kMaxBodyChars)
                    return std::nullopt;
                if (!untaggedBody && (untagged || !anyBody))
                    m.body = sanitized(c.text());
                anyBody = true;
                untaggedBody = untaggedBody || untagged;
            } else if (name == QLatin1String("error") && m.type == QLatin1String("error")) {
                for (const auto &cond : c.children()) {
                    if (effectiveNs(cond, cns) == ns::Stanzas &&
                        cond.name() != QLatin1String("text") &&
                        cond.name().size() <= kMaxConditionChars) {
                        m.errorCondition = cond.name();
                        break;
                    }
                }
            }
        } else if (cns == ns::Sid) {
            if (name == QLatin1String("origin-id")) {
                if (!readId(c, m.originId))
                    return std::nullopt;
            } else if (name == QLatin1String("stanza-id") && !owner.isEmpty() &&
                       m.stanzaId.isEmpty()) {
                // Only our own archive's id can be trusted: anyone can put a stanza-id in.
                const auto by = Jid::parse(c.attribute(QStringLiteral("by")));
                if (by && *by == owner && !readId(c, m.stanzaId))
                    return std::nullopt;
            }
        } else if (cns == ns::Delay && name == QLatin1String("delay")) {
            if (!m.delay.isValid())
                m.delay = parseStamp(c.attribute(QStringLiteral("stamp")));
        } else if (cns == ns::Receipts) {
            if (name == QLatin1String("request"))
                m.receiptRequest = true;
            else if (name == QLatin1String("received") && !readId(c, m.receiptFor))
                return std::nullopt;
        } else if (cns == ns::Markers) {
            if (name == QLatin1String("markable"))
                m.markable = true;
            else if (name == QLatin1String("displayed") && !readId(c, m.displayedFor))
                return std::nullopt;
        } else if (cns == ns::ChatStates) {
            for (const auto &s : kStates)
                if (m.chatState == ChatState::None && name == QLatin1String(s.name))
                    m.chatState = s.state;
        } else if (cns == ns::Retract && name == QLatin1String("retract")) {
            if (!readId(c, m.retractId))
                return std::nullopt;
        } else if (cns == ns::Fallback && name == QLatin1String("fallback") &&
                   c.attribute(QStringLiteral("for")) == ns::Retract) {
            m.bodyIsFallback = true;
        }
    }
    if (m.retractId.isEmpty())
        m.bodyIsFallback = false;
    return m;
}

XmlElement ChatMessage::toStanza() const
{
    XmlElement msg(QStringLiteral("message"), ns::Client);
    if (!from.isEmpty())
        msg.setAttribute(QStringLiteral("from"), from.toString());
    if (!to.isEmpty())
        msg.setAttribute(QStringLiteral("to"), to.toString());
    if (!id.isEmpty())
        msg.setAttribute(QStringLiteral("id"), id);
    msg.setAttribute(QStringLiteral("type"), type);

    auto withId = [](const QString &name, const QString &nsUri, const QString &value) {
        XmlElement e(name, nsUri);
        e.setAttribute(QStringLiteral("id"), value);
        return e;
    };
    if (!body.isEmpty())
        msg.addChild(XmlElement(QStringLiteral("body"), ns::Client).setText(body));
    // Without the hint Prosody's MAM would still store a body, but not a body-less retraction.
    if (!body.isEmpty() || !retractId.isEmpty())
        msg.addChild(XmlElement(QStringLiteral("store"), ns::Hints));
    if (!originId.isEmpty())
        msg.addChild(withId(QStringLiteral("origin-id"), ns::Sid, originId));
    if (receiptRequest)
        msg.addChild(XmlElement(QStringLiteral("request"), ns::Receipts));
    if (markable)
        msg.addChild(XmlElement(QStringLiteral("markable"), ns::Markers));
    if (!displayedFor.isEmpty())
        msg.addChild(withId(QStringLiteral("displayed"), ns::Markers, displayedFor));
    if (!receiptFor.isEmpty())
        msg.addChild(withId(QStringLiteral("received"), ns::Receipts, receiptFor));
    for (const auto &s : kStates)
        if (chatState == s.state)
            msg.addChild(XmlElement(QString::fromLatin1(s.name), ns::ChatStates));
    if (!retractId.isEmpty()) {
        msg.addChild(withId(QStringLiteral("retract"), ns::Retract, retractId));
        if (!body.isEmpty()) {
            XmlElement fallback(QStringLiteral("fallback"), ns::Fallback);
            fallback.setAttribute(QStringLiteral("for"), ns::Retract);
            msg.addChild(fallback);
        }
    }
    if (!errorCondition.isEmpty()) {
        XmlElement error(QStringLiteral("error"), ns::Client);
        error.setAttribute(QStringLiteral("type"), QStringLiteral("cancel"));
        error.addChild(XmlElement(errorCondition, ns::Stanzas));
        msg.addChild(error);
    }
    return msg;
}

QString ChatMessage::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace imp::xmpp
