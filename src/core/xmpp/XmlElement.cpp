#include "xmpp/XmlElement.h"

namespace imp::xmpp {

namespace {

const QString kXmlNamespace = QStringLiteral("http://www.w3.org/XML/1998/namespace");

// XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-...].
bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Walks code points, so a lone surrogate (not representable in UTF-8) is replaced too.
template <class Escape> QString escapeWith(const QString &in, Escape escape)
{
    QString out;
    out.reserve(in.size() + in.size() / 8);
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = in.at(i);
        if (ch.isHighSurrogate() && i + 1 < n && in.at(i + 1).isLowSurrogate()) {
            out += ch;
            out += in.at(++i);
            continue;
        }
        if (ch.isSurrogate() || !isXmlChar(ch.unicode())) {
            out += QChar(QChar::ReplacementCharacter);
            continue;
        }
        if (!escape(ch, out))
            out += ch;
    }
    return out;
}

} // namespace

XmlElement::XmlElement(QString name, QString namespaceUri)
    : m_name(std::move(name))
    , m_namespaceUri(std::move(namespaceUri))
{}

QString XmlElement::attribute(const QString &name, const QString &namespaceUri) const
{
    for (const auto &a : m_attributes)
        if (a.name == name && a.namespaceUri == namespaceUri)
            return a.value;
    return {};
}

bool XmlElement::hasAttribute(const QString &name, const QString &namespaceUri) const
{
    for (const auto &a : m_attributes)
        if (a.name == name && a.namespaceUri == namespaceUri)
            return true;
    return false;
}

XmlElement &XmlElement::setAttribute(const QString &name, const QString &value,
                                     const QString &namespaceUri)
{
    for (auto &a : m_attributes) {
        if (a.name == name && a.namespaceUri == namespaceUri) {
            a.value = value;
            return *this;
        }
    }
    m_attributes.append(XmlAttribute{name, namespaceUri, value});
    return *this;
}

void XmlElement::removeAttribute(const QString &name, const QString &namespaceUri)
{
    m_attributes.removeIf(
        [&](const XmlAttribute &a) { return a.name == name && a.namespaceUri == namespaceUri; });
}

XmlElement &XmlElement::setText(const QString &text)
{
    m_text = text;
    return *this;
}

XmlElement &XmlElement::addChild(XmlElement child)
{
    m_children.append(std::move(child));
    return *this;
}

XmlElement XmlElement::firstChild(const QString &name, const QString &namespaceUri) const
{
    for (const auto &c : m_children)
        if (c.m_name == name && (namespaceUri.isEmpty() || c.m_namespaceUri == namespaceUri))
            return c;
    return {};
}

bool XmlElement::hasChild(const QString &name, const QString &namespaceUri) const
{
    return !firstChild(name, namespaceUri).isNull();
}

bool XmlElement::operator==(const XmlElement &other) const
{
    // Written out by hand: a defaulted operator== over QList<XmlElement> recurses in Qt's
    // container traits while the class is still incomplete.
    if (m_name != other.m_name || m_namespaceUri != other.m_namespaceUri ||
        m_text != other.m_text || m_attributes.size() != other.m_attributes.size() ||
        m_children.size() != other.m_children.size())
        return false;
    for (qsizetype i = 0; i < m_attributes.size(); ++i)
        if (!(m_attributes[i] == other.m_attributes[i]))
            return false;
    for (qsizetype i = 0; i < m_children.size(); ++i)
        if (!(m_children[i] == other.m_children[i]))
            return false;
    return true;
}

QString XmlElement::toXml(const QString &parentNamespace) const
{
    QString out;
    write(out, parentNamespace);
    return out;
}

void XmlElement::write(QString &out, const QString &parentNamespace) const
{
    out += QLatin1Char('<') + m_name;
    // An empty namespace means "inherit": elements built in code need not repeat it.
    const QString &ns = m_namespaceUri.isEmpty() ? parentNamespace : m_namespaceUri;
    if (ns != parentNamespace)
        out += QStringLiteral(" xmlns='") + escapeXmlAttribute(ns) + QLatin1Char('\'');
    // Foreign-namespace attributes get generated prefixes declared on this element.
    int prefixCounter = 0;
    for (const auto &a : m_attributes) {
        out += QLatin1Char(' ');
        if (a.namespaceUri == kXmlNamespace) {
            out += QStringLiteral("xml:");
        } else if (!a.namespaceUri.isEmpty()) {
            const QString prefix = QStringLiteral("a%1").arg(prefixCounter++);
            out += QStringLiteral("xmlns:") + prefix + QStringLiteral("='") +
                   escapeXmlAttribute(a.namespaceUri) + QStringLiteral("' ") + prefix +
                   QLatin1Char(':');
        }
        out += a.name + QStringLiteral("='") + escapeXmlAttribute(a.value) + QLatin1Char('\'');
    }
    if (m_text.isEmpty() && m_children.isEmpty()) {
        out += QStringLiteral("/>");
        return;
    }
    out += QLatin1Char('>');
    out += escapeXmlText(m_text);
    for (const auto &c : m_children)
        c.write(out, ns);
    out += QStringLiteral("</") + m_name + QLatin1Char('>');
}

namespace {

// The characters both text and attribute values must escape.
bool escapeMarkup(QChar ch, QString &out)
{
    switch (ch.unicode()) {
    case '&':
        out += QStringLiteral("&amp;");
        return true;
    case '<':
        out += QStringLiteral("&lt;");
        return true;
    case '>':
        out += QStringLiteral("&gt;");
        return true;
    case '\r':
        out += QStringLiteral("&#13;");
        return true;
    default:
        return false;
    }
}

} // namespace

QString escapeXmlText(const QString &text)
{
    return escapeWith(text, escapeMarkup);
}

QString escapeXmlAttribute(const QString &value)
{
    // Tab, CR and LF would be normalised to spaces inside attribute values; character
    // references keep them.
    return escapeWith(value, [](QChar ch, QString &out) {
        switch (ch.unicode()) {
        case '\'':
            out += QStringLiteral("&apos;");
            return true;
        case '"':
            out += QStringLiteral("&quot;");
            return true;
        case '\t':
            out += QStringLiteral("&#9;");
            return true;
        case '\n':
            out += QStringLiteral("&#10;");
            return true;
        default:
            return escapeMarkup(ch, out);
        }
    });
}

} // namespace imp::xmpp
