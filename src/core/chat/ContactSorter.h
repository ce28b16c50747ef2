#pragma once

#include "chat/Contact.h"

#include <QCollator>
#include <QList>
#include <QString>

namespace imp::chat {

// Orders friends the way Chinese users expect: by the pinyin of the name (ICU's Chinese
// collation), Latin names naturally ("a2" before "a10"), under A–Z section letters, with "#" for
// names that start with neither a letter nor a Chinese character.
class ContactSorter {
public:
    ContactSorter();

    // "A".."Z" or "#": the index letter a display name belongs under.
    QString sectionOf(const QString &name) const;
    // Sorted by section letter ("#" last), then by collation of the display name.
    QList<Contact> sorted(QList<Contact> contacts) const;
    bool lessThan(const QString &a, const QString &b) const;

private:
    QCollator m_collator;
};

} // namespace imp::chat
