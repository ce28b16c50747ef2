#include "xmpp/Jid.h"

namespace imp::xmpp {

Jid::Jid(const QString &text)
{
    // RFC 7622: the resource starts at the first '/', the node ends at the first '@' before it.
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString bare = slash < 0 ? text : text.left(slash);
    if (slash >= 0)
        m_resource = text.mid(slash + 1);
    const qsizetype at = bare.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        m_node = bare.left(at).toLower();
        m_domain = bare.mid(at + 1).toLower();
    } else {
        m_domain = bare.toLower();
    }
    if (m_domain.endsWith(QLatin1Char('.')))
        m_domain.chop(1);
}

namespace {

constexpr qsizetype kMaxPartBytes = 1023;

bool partTooLong(const QString &part)
{
    // UTF-8 needs at most 3 bytes per UTF-16 unit: skip the encoding for short parts.
    return part.size() * 3 > kMaxPartBytes && part.toUtf8().size() > kMaxPartBytes;
}

bool isControlOrSpace(QChar c)
{
    return c.isSpace() || c.category() == QChar::Other_Control ||
           c.category() == QChar::Other_Format || c.isNonCharacter();
}

bool hasLoneSurrogate(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        else if (s.at(i).isSurrogate())
            return true;
    }
    return false;
}

} // namespace

std::optional<Jid> Jid::parse(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    const QString bare = slash < 0 ? text : text.left(slash);
    if (slash >= 0 && slash + 1 == text.size())
        return std::nullopt; // "domain/" has an empty resource
    const qsizetype at = bare.indexOf(QLatin1Char('@'));
    if (at == 0)
        return std::nullopt; // "@domain" has an empty node
    Jid jid(text);
    if (jid.m_domain.isEmpty() || partTooLong(jid.m_node) || partTooLong(jid.m_domain) ||
        partTooLong(jid.m_resource) || hasLoneSurrogate(text))
        return std::nullopt;
    static const QString kNodeForbidden = QStringLiteral("\"&'/:<>@");
    for (QChar c : jid.m_node)
        if (isControlOrSpace(c) || kNodeForbidden.contains(c))
            return std::nullopt;
    static const QString kDomainForbidden = QStringLiteral("\"&'/<>@\\");
    for (QChar c : jid.m_domain)
        if (isControlOrSpace(c) || kDomainForbidden.contains(c))
            return std::nullopt;
    if (jid.m_domain.startsWith(QLatin1Char('.')) || jid.m_domain.endsWith(QLatin1Char('.')) ||
        jid.m_domain.contains(QStringLiteral("..")))
        return std::nullopt;
    for (QChar c : jid.m_resource)
        if (c.category() == QChar::Other_Control)
            return std::nullopt;
    return jid;
}

Jid Jid::bare() const
{
    Jid j = *this;
    j.m_resource.clear();
    return j;
}

QString Jid::toString() const
{
    QString s = m_node.isEmpty() ? m_domain : m_node + QLatin1Char('@') + m_domain;
    if (!m_resource.isEmpty())
        s += QLatin1Char('/') + m_resource;
    return s;
}

bool Jid::operator==(const Jid &other) const
{
    return m_node == other.m_node && m_domain == other.m_domain && m_resource == other.m_resource;
}

} // namespace imp::xmpp
