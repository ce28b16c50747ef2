#include "ContactListModel.h"

#include "TextFormat.h"

namespace imp::app {

ContactListModel::ContactListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_sorter(std::make_unique<chat::ContactSorter>())
{}

ContactListModel::~ContactListModel() = default;

int ContactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    return {{JidRole, "jid"},         {NameRole, "name"},       {ImptechIdRole, "imptechId"},
            {SectionRole, "section"}, {InitialRole, "initial"}, {ColorIndexRole, "colorIndex"},
            {BlockedRole, "blocked"}};
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &c = m_shown.at(index.row());
    switch (role) {
    case JidRole:
        return c.jid;
    case NameRole:
        return c.displayName();
    case ImptechIdRole:
        return c.imptechId;
    case SectionRole:
        return m_sectionOf.at(index.row());
    case InitialRole:
        return TextFormat::initial(c.displayName());
    case ColorIndexRole:
        return TextFormat::colorIndex(c.jid);
    case BlockedRole:
        return c.blocked;
    default:
        return {};
    }
}

void ContactListModel::setContacts(const QList<chat::Contact> &contacts)
{
    QList<chat::Contact> friends;
    for (const auto &c : contacts)
        if (c.isFriend())
            friends.append(c);
    m_all = m_sorter->sorted(friends);
    refilter();
}

void ContactListModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    emit filterChanged();
    refilter();
}

void ContactListModel::refilter()
{
    beginResetModel();
    m_shown.clear();
    m_sectionOf.clear();
    for (const auto &c : m_all) {
        if (!c.matches(m_filter))
            continue;
        m_shown.append(c);
        m_sectionOf.append(m_sorter->sectionOf(c.displayName()));
    }
    endResetModel();
    emit countChanged();
}

QStringList ContactListModel::sections() const
{
    QStringList out;
    for (const auto &s : m_sectionOf)
        if (out.isEmpty() || out.last() != s)
            out.append(s);
    return out;
}

int ContactListModel::rowForSection(const QString &letter) const
{
    if (m_shown.isEmpty())
        return -1;
    // "#" sorts last; letters compare alphabetically.
    auto rank = [](const QString &s) {
        return s == "#" ? 27 : s.at(0).unicode() - 'A';
    };
    for (int i = 0; i < m_sectionOf.size(); ++i)
        if (rank(m_sectionOf.at(i)) >= rank(letter))
            return i;
    return static_cast<int>(m_sectionOf.size()) - 1;
}

} // namespace imp::app
