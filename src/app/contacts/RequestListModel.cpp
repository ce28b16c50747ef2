#include "RequestListModel.h"

#include "TextFormat.h"
#include "TimeText.h"

#include <algorithm>

namespace imp::app {

namespace {

QString nameOf(const chat::FriendRequest &r)
{
    if (!r.nickname.isEmpty())
        return r.nickname;
    if (!r.imptechId.isEmpty())
        return r.imptechId;
    return r.jid.section('@', 0, 0);
}

} // namespace

RequestListModel::RequestListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> RequestListModel::roleNames() const
{
    return {{JidRole, "jid"},           {NameRole, "name"},         {ImptechIdRole, "imptechId"},
            {GreetingRole, "greeting"}, {IncomingRole, "incoming"}, {StateRole, "requestState"},
            {TimeTextRole, "timeText"}, {InitialRole, "initial"},   {ColorIndexRole, "colorIndex"}};
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &r = m_rows.at(index.row());
    switch (role) {
    case JidRole:
        return r.jid;
    case NameRole:
        return nameOf(r);
    case ImptechIdRole:
        return r.imptechId;
    case GreetingRole:
        return r.greeting;
    case IncomingRole:
        return r.incoming;
    case StateRole:
        return r.state == chat::FriendRequest::State::Accepted   ? QStringLiteral("accepted")
               : r.state == chat::FriendRequest::State::Declined ? QStringLiteral("declined")
                                                                 : QStringLiteral("pending");
    case TimeTextRole:
        return TimeText::listTime(r.time, QDateTime::currentDateTime(), TimeText::uiLocale());
    case InitialRole:
        return TextFormat::initial(nameOf(r));
    case ColorIndexRole:
        return TextFormat::colorIndex(r.jid);
    default:
        return {};
    }
}

void RequestListModel::setRequests(QList<chat::FriendRequest> requests)
{
    std::stable_sort(requests.begin(), requests.end(),
                     [](const auto &a, const auto &b) { return a.time > b.time; });
    beginResetModel();
    m_rows = std::move(requests);
    endResetModel();
    emit countChanged();
}

int RequestListModel::pending() const
{
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const auto &r) {
        return r.incoming && r.state == chat::FriendRequest::State::Pending;
    }));
}

std::optional<chat::FriendRequest> RequestListModel::find(const QString &jid) const
{
    for (const auto &r : m_rows)
        if (r.jid == jid)
            return r;
    return std::nullopt;
}

} // namespace imp::app
