#include "GroupPickerModel.h"

#include "TextFormat.h"

namespace imp::app {

GroupPickerModel::GroupPickerModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_sorter(std::make_unique<chat::ContactSorter>())
{}

GroupPickerModel::~GroupPickerModel() = default;

int GroupPickerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> GroupPickerModel::roleNames() const
{
    return {{JidRole, "jid"},         {NameRole, "name"},
            {InitialRole, "initial"}, {ColorIndexRole, "colorIndex"},
            {CheckedRole, "picked"},  {FixedRole, "fixed"}};
}

QVariant GroupPickerModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &c = m_shown.at(index.row());
    switch (role) {
    case JidRole:
        return c.jid;
    case NameRole:
        return c.displayName();
    case InitialRole:
        return TextFormat::initial(c.displayName());
    case ColorIndexRole:
        return TextFormat::colorIndex(c.jid);
    case CheckedRole:
        return m_fixed.contains(c.jid) || m_selected.contains(c.jid);
    case FixedRole:
        return m_fixed.contains(c.jid);
    default:
        return {};
    }
}

void GroupPickerModel::setContacts(const QList<chat::Contact> &contacts)
{
    QList<chat::Contact> friends;
    QSet<QString> still;
    for (const auto &c : contacts) {
        if (!c.isFriend() || c.blocked)
            continue;
        friends.append(c);
        still.insert(c.jid);
    }
    m_all = m_sorter->sorted(friends);
    const auto before = m_selected.size();
    m_selected.intersect(still);
    refilter();
    if (m_selected.size() != before)
        emit selectionChanged();
}

void GroupPickerModel::reset(const QSet<QString> &fixed)
{
    m_fixed = fixed;
    m_selected.clear();
    m_filter.clear();
    emit filterChanged();
    refilter();
    emit selectionChanged();
}

void GroupPickerModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    emit filterChanged();
    refilter();
}

QStringList GroupPickerModel::selected() const
{
    QStringList out;
    for (const auto &c : m_all)
        if (m_selected.contains(c.jid))
            out.append(c.jid);
    return out;
}

void GroupPickerModel::toggle(int row)
{
    if (row < 0 || row >= count())
        return;
    const QString jid = m_shown.at(row).jid;
    if (m_fixed.contains(jid))
        return;
    if (!m_selected.remove(jid))
        m_selected.insert(jid);
    emit dataChanged(index(row), index(row), {CheckedRole});
    emit selectionChanged();
}

void GroupPickerModel::refilter()
{
    beginResetModel();
    m_shown.clear();
    for (const auto &c : m_all)
        if (c.matches(m_filter))
            m_shown.append(c);
    endResetModel();
    emit countChanged();
}

} // namespace imp::app
