#include "xmpp/SaslPhase.h"

#include "xmpp/XmlStreamParser.h"

namespace imp::xmpp {

namespace {

QByteArray decodePayload(const XmlElement &e, bool &ok)
{
    const QString t = e.text().trimmed();
    if (t == QLatin1String("=")) {
        ok = true;
        return {};
    }
    auto r = QByteArray::fromBase64Encoding(t.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    ok = static_cast<bool>(r);
    return r.decoded;
}

} // namespace

SaslPhase::SaslPhase(QString username, QString password)
    : m_username(std::move(username))
    , m_password(std::move(password))
{}

PhaseStep SaslPhase::handle(const XmlElement &stanza)
{
    if (!m_scram) {
        if (stanza.name() != QLatin1String("features") || stanza.namespaceUri() != kStreamNamespace)
            return PhaseStep::failure("xmpp.unexpected", "expected stream features");
        QStringList offered;
        for (const auto &m : stanza.firstChild(QStringLiteral("mechanisms"), ns::Sasl).children())
            offered.append(m.text().trimmed().toUpper());
        ScramClient::Algorithm algorithm;
        if (offered.contains(QStringLiteral("SCRAM-SHA-256")))
            algorithm = ScramClient::Algorithm::Sha256;
        else if (offered.contains(QStringLiteral("SCRAM-SHA-1")))
            algorithm = ScramClient::Algorithm::Sha1;
        else
            return PhaseStep::failure("auth.no_mechanism", "no SCRAM mechanism offered");
        m_scram = std::make_unique<ScramClient>(algorithm, m_username, m_password);
        m_password.fill(QChar(u'\0'));
        m_password.clear();
        XmlElement auth(QStringLiteral("auth"), ns::Sasl);
        auth.setAttribute(QStringLiteral("mechanism"), ScramClient::mechanismName(algorithm));
        auth.setText(QString::fromLatin1(m_scram->clientFirstMessage().toBase64()));
        return PhaseStep::sending(std::move(auth));
    }
    if (stanza.namespaceUri() != ns::Sasl)
        return PhaseStep::failure("xmpp.unexpected", "unexpected stanza during SASL");

    bool ok = false;
    if (stanza.name() == QLatin1String("challenge") && !m_challenged) {
        m_challenged = true;
        const QByteArray serverFirst = decodePayload(stanza, ok);
        if (!ok)
            return PhaseStep::failure("auth.scram_invalid", "challenge is not base64");
        auto clientFinal = m_scram->handleServerFirst(serverFirst);
        if (!clientFinal)
            return PhaseStep::failure(clientFinal.error().code, clientFinal.error().detail);
        XmlElement response(QStringLiteral("response"), ns::Sasl);
        response.setText(QString::fromLatin1(clientFinal->toBase64()));
        return PhaseStep::sending(std::move(response));
    }
    if (stanza.name() == QLatin1String("success") && m_challenged) {
        // The server must prove it knows our keys before we trust the session.
        const QByteArray serverFinal = decodePayload(stanza, ok);
        if (!ok)
            return PhaseStep::failure("auth.scram_invalid", "success is not base64");
        if (auto verified = m_scram->verifyServerFinal(serverFinal); !verified)
            return PhaseStep::failure(verified.error().code, verified.error().detail);
        return PhaseStep::of(PhaseStep::Kind::RestartStream);
    }
    if (stanza.name() == QLatin1String("failure")) {
        // A temporary failure is worth a retry; wrong credentials are not.
        if (stanza.hasChild(QStringLiteral("temporary-auth-failure")))
            return PhaseStep::failure("auth.temporary", "temporary auth failure", true);
        return PhaseStep::failure("auth.failed", "server rejected the credentials");
    }
    return PhaseStep::failure("auth.scram_invalid", "SASL exchange out of order");
}

} // namespace imp::xmpp
