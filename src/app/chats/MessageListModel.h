#pragma once

#include "chat/MessageService.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QQmlEngine>
#include <functional>

namespace imp::app {

// The open conversation's messages, newest first (row 0 is the newest; the chat view lays rows
// out bottom to top). Older pages load by keyset through canFetchMore()/fetchMore(), so
// scrolling back through years of history costs one page at a time.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ChatsController")
    Q_PROPERTY(QString peer READ peer NOTIFY peerChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool atStart READ atStart NOTIFY loadingChanged) // the oldest message is loaded
    Q_PROPERTY(QString error READ error NOTIFY loadingChanged)

public:
    // "sending", "sent", "delivered", "read" for own messages (the ticks); "" otherwise.
    static QString stateName(bool outgoing, chat::Message::State state);
    using Cursor = chat::MessageService::Cursor;
    using Pager = std::function<QFuture<Result<QList<chat::Message>>>(
        const QString &peer, std::optional<Cursor> before, int limit)>;
    static constexpr int PageSize = 50;

    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        BodyRole,
        RichTextRole,
        OutgoingRole,
        StateRole, // "sending", "sent", "delivered", "read"; "" for incoming
        RecalledRole,
        TimeTextRole,
        TimestampRole,      // ms since the epoch
        DateSeparatorRole,  // a day starts with this message
        DateTextRole,       // "今天", "昨天", "星期二", "3月5日"
        AttachmentKindRole, // "", "voice", "image", "file"
        DurationMsRole,
        WaveformRole, // list of 0..255 peaks
        AttachmentNameRole,
        AttachmentSizeRole, // bytes
        TransferRole,       // "local", "upload-failed", "remote", "ready", "download-failed"
        PlayedRole,
        ProgressRole,    // 0..1 while an upload or download runs, -1 otherwise
        MediaSourceRole, // a photo that is here: its image://impmedia/ URL ("" otherwise)
        SenderNameRole,  // groups: who wrote an incoming message ("" for own and one to one)
        SenderInitialRole,
        SenderColorIndexRole,
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setPager(Pager pager) { m_pager = std::move(pager); }
    // Clears the list and loads the newest page of `peer` (empty: no conversation open). A
    // group names the sender of each incoming message, and its messages are not recalled here.
    void open(const QString &peer, bool group = false);
    bool isGroup() const { return m_group; }
    QString peer() const { return m_peer; }
    int count() const { return static_cast<int>(m_rows.size()); }
    // The server archive's id of a loaded message ("" if unknown or not loaded).
    QString archiveIdOf(qint64 messageId) const;
    bool loading() const { return m_loading; }
    bool atStart() const { return !m_hasMore; }
    QString error() const { return m_error; }

    // Live updates from MessageService (ignored for other conversations).
    void add(const chat::Message &message);
    void change(const chat::Message &message);
    void remove(const QString &peer, qint64 id);

    Q_INVOKABLE int rowOf(qint64 id) const;
    // The loaded message with this id, if any.
    std::optional<chat::Message> message(qint64 id) const;
    // Consecutive unplayed voice notes play one after another (as WeChat does): the next newer
    // received voice note after `id` that is unplayed and here, if any.
    std::optional<chat::Message> nextUnplayedVoiceAfter(qint64 id) const;
    // A transfer's progress (from MessageService's upload/download signals); done >= total ends
    // it. Uploads are named by origin id, downloads by message id.
    void setUploadProgress(const QString &originId, qint64 done, qint64 total);
    void setDownloadProgress(qint64 id, qint64 done, qint64 total);
    // Own, not recalled, acknowledged, and younger than the recall window (at `now`).
    bool canRecallAt(int row, const QDateTime &now) const;
    Q_INVOKABLE bool canRecall(int row) const;
    Q_INVOKABLE QString bodyAt(int row) const;
    Q_INVOKABLE QVariantMap get(int row) const;
    // Re-reads the first page (retry after an error).
    Q_INVOKABLE void reload();

    void setToday(const QDate &today) { m_today = today; }

signals:
    void peerChanged();
    void countChanged();
    void loadingChanged();
    // A message arrived or was sent at the newest end.
    void newestAdded(bool outgoing);

private:
    bool separatorAt(int row) const;
    QString senderNameOf(const chat::Message &m) const;
    void appendOlder(const QList<chat::Message> &page);

    void setProgress(int row, qint64 done, qint64 total);

    QString m_peer;
    bool m_group = false;
    QList<chat::Message> m_rows;      // newest first
    QHash<qint64, double> m_progress; // message id -> 0..1 while its transfer runs
    Pager m_pager;
    bool m_loading = false;
    bool m_hasMore = false;
    QString m_error;
    quint64 m_generation = 0; // a page for a conversation no longer open is dropped
    QDate m_today;
};

} // namespace imp::app
