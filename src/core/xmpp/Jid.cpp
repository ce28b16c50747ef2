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
