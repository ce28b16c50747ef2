#pragma once

#include "chat/ContactSorter.h"
#include "chat/groups/GroupService.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <functional>
#include <memory>

namespace imp::app {

// The members of the open group: the owner first, then admins, then everyone else, each part
// A–Z as contacts are (pinyin for Chinese names). A friend is shown by the name we know them
// by, anyone else by the nickname they use in the room.
class GroupMemberListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by GroupsController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        JidRole = Qt::UserRole + 1,
        NameRole,
        InitialRole,
        ColorIndexRole,
        RoleTextRole, // "Owner", "Admin" or ""
        PresentRole,
        SelfRole,
    };
    Q_ENUM(Role)
    using Member = chat::groups::GroupService::Member;
    // A friend's name for a bare JID ("" when not a friend).
    using NameLookup = std::function<QString(const QString &jid)>;

    explicit GroupMemberListModel(QObject *parent = nullptr);
    ~GroupMemberListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setNameLookup(NameLookup lookup) { m_nameOf = std::move(lookup); }
    void setMembers(const QList<Member> &members, const QString &ownJid);
    int count() const { return static_cast<int>(m_rows.size()); }
    // Bare JIDs of everyone listed.
    QSet<QString> jids() const;
    QString nameAt(int row) const;

signals:
    void countChanged();

private:
    struct Row {
        Member member;
        QString name;
        int rank = 2; // 0 owner, 1 admin, 2 member
    };
    std::unique_ptr<chat::ContactSorter> m_sorter;
    NameLookup m_nameOf;
    QList<Row> m_rows;
    QString m_own;
};

} // namespace imp::app
