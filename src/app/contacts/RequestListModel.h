#pragma once

#include "chat/Contact.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QQmlEngine>

namespace imp::app {

// Friend requests, newest first: incoming ones to accept or decline, and those we sent.
class RequestListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by FriendsController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int pending READ pending NOTIFY countChanged) // incoming, not answered

public:
    enum Role {
        JidRole = Qt::UserRole + 1,
        NameRole,
        ImptechIdRole,
        GreetingRole,
        IncomingRole,
        StateRole, // "pending", "accepted", "declined"
        TimeTextRole,
        InitialRole,
        ColorIndexRole,
    };
    Q_ENUM(Role)

    explicit RequestListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRequests(QList<chat::FriendRequest> requests);
    int count() const { return static_cast<int>(m_rows.size()); }
    int pending() const;
    std::optional<chat::FriendRequest> find(const QString &jid) const;

signals:
    void countChanged();

private:
    QList<chat::FriendRequest> m_rows;
};

} // namespace imp::app
