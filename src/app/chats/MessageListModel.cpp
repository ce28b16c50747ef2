#include "MessageListModel.h"

#include "MediaImageProvider.h"
#include "TextFormat.h"
#include "TimeText.h"

#include <algorithm>

namespace imp::app {

namespace {

// Newer sorts first: by time, then by local row id.
bool newerThan(const chat::Message &a, const chat::Message &b)
{
    if (a.time != b.time)
        return a.time > b.time;
    return a.id > b.id;
}

} // namespace

QString MessageListModel::stateName(bool outgoing, chat::Message::State state)
{
    if (!outgoing)
        return {};
    switch (state) {
    case chat::Message::State::Sending:
        return QStringLiteral("sending");
    case chat::Message::State::Sent:
        return QStringLiteral("sent");
    case chat::Message::State::Delivered:
        return QStringLiteral("delivered");
    case chat::Message::State::Read:
        return QStringLiteral("read");
    default:
        return {};
    }
}

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{MessageIdRole, "messageId"},
            {BodyRole, "body"},
            {RichTextRole, "richText"},
            {OutgoingRole, "outgoing"},
            {StateRole, "deliveryState"},
            {RecalledRole, "recalled"},
            {TimeTextRole, "timeText"},
            {TimestampRole, "timestamp"},
            {DateSeparatorRole, "dateSeparator"},
            {DateTextRole, "dateText"},
            {AttachmentKindRole, "attachmentKind"},
            {DurationMsRole, "durationMs"},
            {WaveformRole, "waveform"},
            {AttachmentNameRole, "attachmentName"},
            {ProgressRole, "progress"},
            {MediaSourceRole, "mediaSource"},
            {AttachmentSizeRole, "attachmentSize"},
            {TransferRole, "transfer"},
            {PlayedRole, "played"},
            {SenderNameRole, "senderName"},
            {SenderInitialRole, "senderInitial"},
            {SenderColorIndexRole, "senderColorIndex"}};
}

bool MessageListModel::separatorAt(int row) const
{
    // Rows are newest first: a day starts here when the next older row is on another day, or
    // when this is the oldest message there is.
    if (row + 1 >= count())
        return !m_hasMore;
    return m_rows.at(row).time.toLocalTime().date() != m_rows.at(row + 1).time.toLocalTime().date();
}

QString MessageListModel::senderNameOf(const chat::Message &m) const
{
    if (!m_group || m.outgoing)
        return {};
    // Nicknames are chosen by the members, hostile ones too.
    const QString name =
        TextFormat::safeName(m.senderName.isEmpty() ? m.sender.section('/', 1) : m.senderName);
    return name.isEmpty() ? m.sender.section('@', 0, 0) : name;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const auto &m = m_rows.at(index.row());
    switch (role) {
    case MessageIdRole:
        return m.id;
    case BodyRole:
        return m.recalled ? QString() : m.body;
    case RichTextRole:
        return m.recalled ? QString() : TextFormat::toRichText(m.body);
    case OutgoingRole:
        return m.outgoing;
    case StateRole:
        return stateName(m.outgoing, m.state);
    case RecalledRole:
        return m.recalled;
    case TimeTextRole:
        return TimeText::clock(m.time);
    case TimestampRole:
        return m.time.toMSecsSinceEpoch();
    case DateSeparatorRole:
        return separatorAt(index.row());
    case AttachmentKindRole:
        return m.recalled ? QString() : chat::Attachment::kindName(m.attachment.kind);
    case DurationMsRole:
        return m.attachment.durationMs;
    case WaveformRole: {
        QVariantList peaks;
        for (char p : m.attachment.waveform)
            peaks.append(int(uchar(p)));
        return peaks;
    }
    case AttachmentNameRole:
        return m.attachment.name;
    case AttachmentSizeRole:
        return m.attachment.size;
    case TransferRole:
        return chat::Attachment::transferName(m.attachment.transfer);
    case PlayedRole:
        return m.outgoing || m.attachment.played;
    case ProgressRole:
        return m_progress.value(m.id, -1.0);
    case MediaSourceRole:
        return m.attachment.kind == chat::Attachment::Kind::Image && m.attachment.isHere() &&
                       !m.recalled
                   ? MediaImageProvider::sourceFor(m.attachment.fileId)
                   : QString();
    case SenderNameRole:
        return TextFormat::isolate(senderNameOf(m));
    case SenderInitialRole:
        return TextFormat::initial(senderNameOf(m));
    case SenderColorIndexRole:
        return TextFormat::colorIndex(m.sender);
    case DateTextRole: {
        const QDate today = m_today.isValid() ? m_today : QDate::currentDate();
        return TimeText::dayLabel(m.time.toLocalTime().date(), today, TimeText::uiLocale());
    }
    default:
        return {};
    }
}

std::optional<chat::Message> MessageListModel::message(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

std::optional<chat::Message> MessageListModel::nextUnplayedVoiceAfter(qint64 id) const
{
    const int row = rowOf(id);
    // Newer messages have lower rows.
    for (int r = row - 1; r >= 0; --r) {
        const auto &m = m_rows.at(r);
        if (!m.outgoing && !m.recalled && m.attachment.kind == chat::Attachment::Kind::Voice &&
            !m.attachment.played && m.attachment.isHere())
            return m;
    }
    return std::nullopt;
}

void MessageListModel::setUploadProgress(const QString &originId, qint64 done, qint64 total)
{
    for (int r = 0; r < count(); ++r) {
        if (m_rows.at(r).outgoing && m_rows.at(r).originId == originId) {
            setProgress(r, done, total);
            return;
        }
    }
}

void MessageListModel::setDownloadProgress(qint64 id, qint64 done, qint64 total)
{
    if (const int row = rowOf(id); row >= 0)
        setProgress(row, done, total);
}

void MessageListModel::setProgress(int row, qint64 done, qint64 total)
{
    const qint64 id = m_rows.at(row).id;
    if (total <= 0 || done >= total)
        m_progress.remove(id);
    else
        m_progress.insert(id, double(done) / double(total));
    const auto changed = index(row);
    emit dataChanged(changed, changed, {ProgressRole});
}

void MessageListModel::open(const QString &peer, bool group)
{
    ++m_generation;
    m_group = group && !peer.isEmpty();
    beginResetModel();
    m_rows.clear();
    m_progress.clear();
    m_peer = peer;
    m_hasMore = !peer.isEmpty();
    m_loading = false;
    m_error.clear();
    endResetModel();
    emit peerChanged();
    emit countChanged();
    emit loadingChanged();
    if (!peer.isEmpty())
        fetchMore({});
}

void MessageListModel::reload()
{
    open(m_peer);
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && m_pager && m_error.isEmpty();
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    std::optional<Cursor> cursor;
    if (!m_rows.isEmpty())
        cursor = Cursor{m_rows.last().time.toMSecsSinceEpoch(), m_rows.last().id};
    m_loading = true;
    emit loadingChanged();
    const quint64 generation = m_generation;
    m_pager(m_peer, cursor, PageSize)
        .then(this, [this, generation](Result<QList<chat::Message>> page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!page) {
                m_error = QString::fromStdString(page.error().code);
                emit loadingChanged();
                return;
            }
            m_hasMore = page->size() >= PageSize;
            appendOlder(*page);
            emit loadingChanged();
        });
}

void MessageListModel::appendOlder(const QList<chat::Message> &page)
{
    // The previous oldest row may gain or lose its separator now that older rows follow.
    const int previousLast = count() - 1;
    QList<chat::Message> fresh;
    for (const auto &m : page)
        if (rowOf(m.id) < 0)
            fresh.append(m);
    if (!fresh.isEmpty()) {
        std::sort(fresh.begin(), fresh.end(), newerThan);
        beginInsertRows({}, count(), count() + static_cast<int>(fresh.size()) - 1);
        m_rows.append(fresh);
        endInsertRows();
        emit countChanged();
    }
    if (previousLast >= 0) {
        const auto changed = index(previousLast);
        emit dataChanged(changed, changed, {DateSeparatorRole});
    }
    if (fresh.isEmpty() && count() > 0) {
        const auto last = index(count() - 1);
        emit dataChanged(last, last, {DateSeparatorRole});
    }
}

int MessageListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < count(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

void MessageListModel::add(const chat::Message &message)
{
    if (message.peer != m_peer || m_peer.isEmpty() || rowOf(message.id) >= 0)
        return;
    // Usually the newest; a late archive message goes where its time puts it.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), message, newerThan);
    const int row = static_cast<int>(it - m_rows.cbegin());
    if (row >= count() && m_hasMore)
        return; // older than what is loaded: paging will bring it
    beginInsertRows({}, row, row);
    m_rows.insert(row, message);
    endInsertRows();
    emit countChanged();
    if (row + 1 < count()) {
        const auto older = index(row + 1);
        emit dataChanged(older, older, {DateSeparatorRole});
    }
    if (row == 0)
        emit newestAdded(message.outgoing);
}

void MessageListModel::change(const chat::Message &message)
{
    if (message.peer != m_peer)
        return;
    const int row = rowOf(message.id);
    if (row < 0)
        return;
    m_rows[row] = message;
    using Transfer = chat::Attachment::Transfer;
    if (message.attachment.transfer != Transfer::Local &&
        !(message.attachment.transfer == Transfer::Remote && !message.outgoing))
        m_progress.remove(message.id); // the transfer ended, one way or the other
    const auto changed = index(row);
    emit dataChanged(changed, changed);
}

void MessageListModel::remove(const QString &peer, qint64 id)
{
    if (peer != m_peer)
        return;
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit countChanged();
    if (row < count()) {
        const auto next = index(row);
        emit dataChanged(next, next, {DateSeparatorRole});
    }
    if (row > 0) {
        const auto newer = index(row - 1);
        emit dataChanged(newer, newer, {DateSeparatorRole});
    }
}

bool MessageListModel::canRecallAt(int row, const QDateTime &now) const
{
    if (row < 0 || row >= count())
        return false;
    const auto &m = m_rows.at(row);
    // Recalls in groups are not built yet: nothing promises what cannot be done.
    return !m_group && m.outgoing && !m.recalled && m.state != chat::Message::State::Sending &&
           m.time.secsTo(now) <= chat::MessageService::RecallWindowSeconds;
}

bool MessageListModel::canRecall(int row) const
{
    return canRecallAt(row, QDateTime::currentDateTimeUtc());
}

QString MessageListModel::bodyAt(int row) const
{
    return row < 0 || row >= count() || m_rows.at(row).recalled ? QString() : m_rows.at(row).body;
}

QString MessageListModel::archiveIdOf(qint64 messageId) const
{
    for (const auto &m : m_rows) {
        if (m.id == messageId)
            return m.archiveId;
    }
    return {};
}

QVariantMap MessageListModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const auto roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}

} // namespace imp::app
