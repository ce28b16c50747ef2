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

} // namespace imp::chat
