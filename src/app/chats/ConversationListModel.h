#pragma once

#include "chat/Conversation.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QQmlEngine>

namespace imp::app {

// The conversation list: pinned first, then by last activity, newest first.
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ChatsController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int unreadTotal READ unreadTotal NOTIFY unreadTotalChanged)

public:
    enum Role {
        PeerRole = Qt::UserRole + 1,
        TitleRole,
        InitialRole,
        ColorIndexRole,
        PreviewRole,
        TimeTextRole,
        UnreadRole,
        UnreadTextRole,
        PinnedRole,
        LastOutgoingRole,
        LastStateRole, // "sending", "sent", "delivered", "read" or "" for incoming
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_rows.size()); }
    int unreadTotal() const;

    void setConversations(QList<chat::Conversation> conversations);
    // Inserts or replaces by peer and moves the row to its sorted place.
    void upsert(const chat::Conversation &conversation);
    void remove(const QString &peer);
    std::optional<chat::Conversation> find(const QString &peer) const;
    Q_INVOKABLE int indexOf(const QString &peer) const;
    Q_INVOKABLE QString titleOf(const QString &peer) const;

    // "now" for time texts; tests pin it, the app refreshes it every minute.
    void setNow(const QDateTime &now);

    // What a row shows under the name: the text, or who recalled a message.
    static QString previewOf(const chat::Conversation &conversation);

signals:
    void countChanged();
    void unreadTotalChanged();

private:
    static bool before(const chat::Conversation &a, const chat::Conversation &b);
    int sortedRow(const chat::Conversation &conversation) const;

    QList<chat::Conversation> m_rows;
    QDateTime m_now;
};

} // namespace imp::app
