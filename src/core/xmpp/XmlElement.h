#pragma once

#include <QList>
#include <QString>

namespace imp::xmpp {

// One attribute. Namespaced attributes (xml:lang, or a foreign extension's) keep their
// namespace so that serialisation can declare it again.
struct XmlAttribute {
    QString name; // local name
    QString namespaceUri;
    QString value;
    bool operator==(const XmlAttribute &) const = default;
};

// A small DOM for one stanza. XMPP never uses mixed content in a way that matters, so the
// direct character data of an element is kept as one string (`text`), children as a list.
class XmlElement {
public:
    XmlElement() = default;
    explicit XmlElement(QString name, QString namespaceUri = {});

    bool isNull() const { return m_name.isEmpty(); }

    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    const QString &namespaceUri() const { return m_namespaceUri; }
    void setNamespaceUri(const QString &ns) { m_namespaceUri = ns; }
    // The namespace this element is in under a parent in `parentNs`: an element built in code
    // may leave its namespace empty, meaning "the parent's".
    QString effectiveNs(const QString &parentNs) const
    {
        return m_namespaceUri.isEmpty() ? parentNs : m_namespaceUri;
    }

    const QList<XmlAttribute> &attributes() const { return m_attributes; }
    // Unprefixed attributes by local name (the usual case: to, from, id, type).
    QString attribute(const QString &name, const QString &namespaceUri = {}) const;
    bool hasAttribute(const QString &name, const QString &namespaceUri = {}) const;
    XmlElement &setAttribute(const QString &name, const QString &value,
                             const QString &namespaceUri = {});
    void removeAttribute(const QString &name, const QString &namespaceUri = {});

    const QString &text() const { return m_text; }
    XmlElement &setText(const QString &text);
    void appendText(const QString &text) { m_text += text; }

    const QList<XmlElement> &children() const { return m_children; }
    QList<XmlElement> &children() { return m_children; }
    XmlElement &addChild(XmlElement child);
    // First child with that name (and namespace, when one is given); a null element if none.
    XmlElement firstChild(const QString &name, const QString &namespaceUri = {}) const;
    bool hasChild(const QString &name, const QString &namespaceUri = {}) const;

    // Serialises the element. An empty namespace means "the parent's"; xmlns is written only
    // where the namespace differs from the parent's: pass the stream's default namespace
    // ("jabber:client") when writing a stanza so that it is not repeated. Characters XML 1.0 cannot
    // carry are replaced by U+FFFD.
    QString toXml(const QString &parentNamespace = {}) const;

    // Structural equality (name, namespace, attributes in order, text, children).
    bool operator==(const XmlElement &other) const;

private:
    void write(QString &out, const QString &parentNamespace) const;

    QString m_name;
    QString m_namespaceUri;
    QList<XmlAttribute> m_attributes;
    QString m_text;
    QList<XmlElement> m_children;
};

// A complete top-level element of the stream.
using Stanza = XmlElement;

// Escapes text for element content (&, <, >, and \r so it survives line-end normalisation).
QString escapeXmlText(const QString &text);
// Escapes an attribute value written between single or double quotes.
QString escapeXmlAttribute(const QString &value);

} // namespace imp::xmpp
