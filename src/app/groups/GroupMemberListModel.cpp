#include "GroupMemberListModel.h"

#include "TextFormat.h"

#include <algorithm>

namespace imp::app {

GroupMemberListModel::GroupMemberListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_sorter(std::make_unique<chat::ContactSorter>())
{}

GroupMemberListModel::~GroupMemberListModel() = default;

int GroupMemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> GroupMemberListModel::roleNames() const
{
    return {{JidRole, "jid"},           {NameRole, "name"},
            {InitialRole, "initial"},   {ColorIndexRole, "colorIndex"},
            {RoleTextRole, "roleText"}, {PresentRole, "present"},
            {SelfRole, "self"}};
}

QVariant GroupMemberListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &r = m_rows.at(index.row());
    switch (role) {
    case JidRole:
        return r.member.jid;
    case NameRole:
        return r.name;
    case InitialRole:
        return TextFormat::initial(r.name);
    case ColorIndexRole:
        return TextFormat::colorIndex(r.member.jid.isEmpty() ? r.member.nick : r.member.jid);
    case RoleTextRole:
        return r.rank == 0 ? tr("Owner") : r.rank == 1 ? tr("Admin") : QString();
    case PresentRole:
        return r.member.present;
    case SelfRole:
        return !m_own.isEmpty() && r.member.jid == m_own;
    default:
        return {};
    }
}

void GroupMemberListModel::setMembers(const QList<Member> &members, const QString &ownJid)
{
    beginResetModel();
    m_own = ownJid;
    m_rows.clear();
    for (const auto &m : members) {
        Row row{m, {}, 2};
        if (m.affiliation == QLatin1String("owner"))
            row.rank = 0;
        else if (m.affiliation == QLatin1String("admin"))
            row.rank = 1;
        const QString friendName = m_nameOf && !m.jid.isEmpty() ? m_nameOf(m.jid) : QString();
        row.name = TextFormat::safeName(friendName.isEmpty() ? m.nick : friendName);
        if (row.name.isEmpty())
            row.name = m.jid.section('@', 0, 0);
        m_rows.append(row);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [this](const Row &a, const Row &b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        return m_sorter->lessThan(a.name, b.name);
    });
    endResetModel();
    emit countChanged();
}

QSet<QString> GroupMemberListModel::jids() const
{
    QSet<QString> out;
    for (const auto &r : m_rows)
        if (!r.member.jid.isEmpty())
            out.insert(r.member.jid);
    return out;
}

QString GroupMemberListModel::nameAt(int row) const
{
    return row < 0 || row >= count() ? QString() : m_rows.at(row).name;
}

} // namespace imp::app
