#include "ConversationListModel.h"

#include "MessageListModel.h"
#include "TextFormat.h"
#include "TimeText.h"

#include <algorithm>

namespace imp::app {

ConversationListModel::ConversationListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_now(QDateTime::currentDateTime())
{}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{PeerRole, "peer"},          {TitleRole, "title"},
            {InitialRole, "initial"},    {ColorIndexRole, "colorIndex"},
            {PreviewRole, "preview"},    {TimeTextRole, "timeText"},
            {UnreadRole, "unread"},      {UnreadTextRole, "unreadText"},
            {PinnedRole, "pinned"},      {LastOutgoingRole, "lastOutgoing"},
            {LastStateRole, "lastState"}};
}

QString ConversationListModel::previewOf(const chat::Conversation &c)
{
    // In a group the line says who wrote it, as "name: text".
    const QString sender = TextFormat::safeName(c.previewSender);
    if (c.previewRecalled)
        return c.lastOutgoing ? tr("You recalled a message")
                              : tr("%1 recalled a message")
                                    .arg(TextFormat::isolate(sender.isEmpty() ? c.title : sender));
    QString text;
    switch (c.previewKind) {
    case chat::Attachment::Kind::Voice:
        text = tr("[Voice]");
        break;
    case chat::Attachment::Kind::Image:
        text = tr("[Photo]");
        break;
    case chat::Attachment::Kind::File:
        text = tr("[File]");
        break;
    case chat::Attachment::Kind::None:
        break;
    }
    if (!c.preview.isEmpty())
        text = text.isEmpty() ? c.preview : text + QLatin1Char(' ') + c.preview;
    if (sender.isEmpty() || c.lastOutgoing || text.isEmpty())
        return text;
    return tr("%1: %2").arg(TextFormat::isolate(sender), text);
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &c = m_rows.at(index.row());
    switch (role) {
    case PeerRole:
        return c.peer;
    case TitleRole:
        return c.title;
    case InitialRole:
        return TextFormat::initial(c.title);
    case ColorIndexRole:
        return TextFormat::colorIndex(c.peer);
    case PreviewRole:
        return previewOf(c);
    case TimeTextRole:
        return TimeText::listTime(c.lastActivity, m_now, TimeText::uiLocale());
    case UnreadRole:
        return c.unread;
    case UnreadTextRole:
        return TextFormat::badgeText(c.unread);
    case PinnedRole:
        return c.pinned;
    case LastOutgoingRole:
        return c.lastOutgoing;
    case LastStateRole:
        return MessageListModel::stateName(c.lastOutgoing, c.lastState);
    default:
        return {};
    }
}

int ConversationListModel::unreadTotal() const
{
    int total = 0;
    for (const auto &c : m_rows)
        total += c.unread;
    return total;
}

bool ConversationListModel::before(const chat::Conversation &a, const chat::Conversation &b)
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.lastActivity != b.lastActivity)
        return a.lastActivity > b.lastActivity;
    return a.peer < b.peer;
}

int ConversationListModel::sortedRow(const chat::Conversation &conversation) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), conversation, before);
    return static_cast<int>(it - m_rows.cbegin());
}

void ConversationListModel::setConversations(QList<chat::Conversation> conversations)
{
    std::sort(conversations.begin(), conversations.end(), before);
    const int oldUnread = unreadTotal();
    beginResetModel();
    m_rows = std::move(conversations);
    endResetModel();
    emit countChanged();
    if (oldUnread != unreadTotal())
        emit unreadTotalChanged();
}

int ConversationListModel::indexOf(const QString &peer) const
{
    for (int i = 0; i < count(); ++i)
        if (m_rows.at(i).peer == peer)
            return i;
    return -1;
}

QString ConversationListModel::titleOf(const QString &peer) const
{
    const int row = indexOf(peer);
    return row < 0 ? QString() : m_rows.at(row).title;
}

std::optional<chat::Conversation> ConversationListModel::find(const QString &peer) const
{
    const int row = indexOf(peer);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

void ConversationListModel::upsert(const chat::Conversation &conversation)
{
    const int oldUnread = unreadTotal();
    const int old = indexOf(conversation.peer);
    if (old >= 0) {
        m_rows[old] = conversation;
        // Where it belongs among the others (its own old place does not count).
        auto others = m_rows;
        others.removeAt(old);
        const int target = static_cast<int>(
            std::lower_bound(others.cbegin(), others.cend(), conversation, before) -
            others.cbegin());
        if (target != old) {
            beginMoveRows({}, old, old, {}, target > old ? target + 1 : target);
            m_rows.move(old, target);
            endMoveRows();
        }
        const auto changed = index(target);
        emit dataChanged(changed, changed);
    } else {
        const int row = sortedRow(conversation);
        beginInsertRows({}, row, row);
        m_rows.insert(row, conversation);
        endInsertRows();
        emit countChanged();
    }
    if (oldUnread != unreadTotal())
        emit unreadTotalChanged();
}

void ConversationListModel::remove(const QString &peer)
{
    const int row = indexOf(peer);
    if (row < 0)
        return;
    const int oldUnread = unreadTotal();
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit countChanged();
    if (oldUnread != unreadTotal())
        emit unreadTotalChanged();
}

void ConversationListModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(count() - 1), {TimeTextRole});
}

} // namespace imp::app
