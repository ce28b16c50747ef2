#include "xmpp/MamQuery.h"

#include "xmpp/Namespaces.h"

namespace imp::xmpp {

namespace {

XmlElement field(const QString &var, const QString &value, const QString &type = {})
{
    XmlElement f(QStringLiteral("field"), ns::DataForms);
    f.setAttribute(QStringLiteral("var"), var);
    if (!type.isEmpty())
        f.setAttribute(QStringLiteral("type"), type);
    f.addChild(XmlElement(QStringLiteral("value"), ns::DataForms).setText(value));
    return f;
}

const XmlElement *childIn(const XmlElement &parent, const QString &parentNs, const QString &name,
                          const QString &ns)
{
    for (const auto &c : parent.children())
        if (c.name() == name && c.effectiveNs(parentNs) == ns)
            return &c;
    return nullptr;
}

} // namespace

XmlElement MamQuery::toIq() const
{
    XmlElement form(QStringLiteral("x"), ns::DataForms);
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    form.addChild(field(QStringLiteral("FORM_TYPE"), ns::Mam, QStringLiteral("hidden")));
    if (!with.isEmpty())
        form.addChild(field(QStringLiteral("with"), with));
    if (start.isValid()) {
        const QDateTime utc = start.toUTC();
        // Milliseconds only when there are some: both forms are XEP-0082.
        form.addChild(field(QStringLiteral("start"),
                            utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate)));
    }

    XmlElement set(QStringLiteral("set"), ns::Rsm);
    set.addChild(
        XmlElement(QStringLiteral("max"), ns::Rsm).setText(QString::number(std::max(0, max))));
    if (after)
        set.addChild(XmlElement(QStringLiteral("after"), ns::Rsm).setText(*after));
    if (before)
        set.addChild(XmlElement(QStringLiteral("before"), ns::Rsm).setText(*before));

    XmlElement query(QStringLiteral("query"), ns::Mam);
    query.setAttribute(QStringLiteral("queryid"), queryId);
    query.addChild(form);
    query.addChild(set);

    XmlElement iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    iq.addChild(query);
    return iq;
}

std::optional<MamFin> MamFin::fromIq(const XmlElement &iqResult)
{
    const QString iqNs = iqResult.effectiveNs(ns::Client);
    if (iqResult.name() != QLatin1String("iq") || iqNs != ns::Client ||
        iqResult.attribute(QStringLiteral("type")) != QLatin1String("result"))
        return std::nullopt;
    const XmlElement *fin = childIn(iqResult, iqNs, QStringLiteral("fin"), ns::Mam);
    if (!fin)
        return std::nullopt;

    MamFin out;
    const QString complete = fin->attribute(QStringLiteral("complete"));
    out.complete = complete == QLatin1String("true") || complete == QLatin1String("1");
    // A fin without <set/> is an empty page (some servers omit it when nothing matched).
    const XmlElement *set = childIn(*fin, ns::Mam, QStringLiteral("set"), ns::Rsm);
    if (!set)
        return out;
    if (const auto *first = childIn(*set, ns::Rsm, QStringLiteral("first"), ns::Rsm))
        out.first = first->text().trimmed();
    if (const auto *last = childIn(*set, ns::Rsm, QStringLiteral("last"), ns::Rsm))
        out.last = last->text().trimmed();
    if (out.first.size() > kMaxIdChars || out.last.size() > kMaxIdChars)
        return std::nullopt;
    if (const auto *count = childIn(*set, ns::Rsm, QStringLiteral("count"), ns::Rsm)) {
        bool ok = false;
        const int n = count->text().trimmed().toInt(&ok);
        out.count = ok && n >= 0 ? n : -1;
    }
    return out;
}

} // namespace imp::xmpp
