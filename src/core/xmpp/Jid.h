#pragma once

#include <QString>
#include <optional>

namespace imp::xmpp {

// A JID split into its parts. Node and domain compare case-insensitively (a cheap stand-in for
// nodeprep/nameprep, which is what servers apply); the resource compares exactly.
class Jid {
public:
    Jid() = default;
    explicit Jid(const QString &text);
    // Strict form of the constructor for JIDs from the network: nullopt when the text is not a
    // usable JID (empty part next to '@' or '/', a part over 1023 bytes, whitespace or control
    // characters, characters RFC 7622 forbids in the node, '@' in the domain, empty labels).
    static std::optional<Jid> parse(const QString &text);

    const QString &node() const { return m_node; }
    const QString &domain() const { return m_domain; }
    const QString &resource() const { return m_resource; }
    bool isEmpty() const { return m_domain.isEmpty(); }
    bool isBare() const { return m_resource.isEmpty(); }

    Jid bare() const;
    QString toString() const;

    bool operator==(const Jid &other) const;

private:
    QString m_node;
    QString m_domain;
    QString m_resource;
};

} // namespace imp::xmpp
