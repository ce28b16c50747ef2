#include "chat/ContactSorter.h"

#include <QLocale>
#include <algorithm>
#include <array>

namespace imp::chat {

namespace {

struct Boundary {
    char16_t first; // the first character (in pinyin collation) whose reading starts with letter
    char letter;
};

// In Chinese (pinyin) collation, every character sorts at or after the first character of its
// initial letter. I, U and V start no pinyin syllable.
constexpr std::array<Boundary, 23> kBoundaries{{
    {u'阿', 'A'}, {u'八', 'B'}, {u'嚓', 'C'}, {u'哒', 'D'}, {u'妸', 'E'}, {u'发', 'F'},
    {u'旮', 'G'}, {u'哈', 'H'}, {u'丌', 'J'}, {u'咔', 'K'}, {u'垃', 'L'}, {u'妈', 'M'},
    {u'拏', 'N'}, {u'噢', 'O'}, {u'妑', 'P'}, {u'七', 'Q'}, {u'呥', 'R'}, {u'仨', 'S'},
    {u'他', 'T'}, {u'屲', 'W'}, {u'夕', 'X'}, {u'丫', 'Y'}, {u'帀', 'Z'},
}};

bool isHan(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF);
}

} // namespace

ContactSorter::ContactSorter()
    : m_collator(QLocale(QLocale::Chinese, QLocale::China))
{
    m_collator.setNumericMode(true); // "a2" before "a10"
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

QString ContactSorter::sectionOf(const QString &name) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("#");
    const QChar first = trimmed.at(0);
    if (first.isLetter() && first.unicode() < 0x250) {
        // Latin letters, accents folded: "É" → "E".
        const QString folded = QString(first).normalized(QString::NormalizationForm_D);
        const QChar base = folded.at(0).toUpper();
        if (base >= QLatin1Char('A') && base <= QLatin1Char('Z'))
            return QString(base);
        return QStringLiteral("#");
    }
    if (!isHan(first))
        return QStringLiteral("#");
    char letter = '#';
    for (const auto &b : kBoundaries) {
        if (m_collator.compare(QString(QChar(b.first)), QString(first)) <= 0)
            letter = b.letter;
        else
            break;
    }
    return QString(QLatin1Char(letter));
}

bool ContactSorter::lessThan(const QString &a, const QString &b) const
{
    const QString sa = sectionOf(a);
    const QString sb = sectionOf(b);
    if (sa != sb) {
        if (sa == QLatin1String("#"))
            return false;
        if (sb == QLatin1String("#"))
            return true;
        return sa < sb;
    }
    const int c = m_collator.compare(a, b);
    return c != 0 ? c < 0 : a < b;
}

QList<Contact> ContactSorter::sorted(QList<Contact> contacts) const
{
    std::stable_sort(contacts.begin(), contacts.end(), [this](const Contact &x, const Contact &y) {
        return lessThan(x.displayName(), y.displayName());
    });
    return contacts;
}

} // namespace imp::chat
