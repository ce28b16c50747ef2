#include "chat/Contact.h"

namespace imp::chat {

QString Contact::displayName() const
{
    if (!nickname.trimmed().isEmpty())
        return nickname.trimmed();
    if (!imptechId.isEmpty())
        return imptechId;
    return jid.section(QLatin1Char('@'), 0, 0);
}

bool Contact::matches(const QString &needle) const
{
    const QString n = needle.trimmed();
    return n.isEmpty() || displayName().contains(n, Qt::CaseInsensitive) ||
           imptechId.contains(n, Qt::CaseInsensitive);
}

} // namespace imp::chat
