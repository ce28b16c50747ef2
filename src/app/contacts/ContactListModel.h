#pragma once

#include "chat/Contact.h"
#include "chat/ContactSorter.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <memory>

namespace imp::app {

// Friends A–Z (pinyin order for Chinese names) with their section letter, narrowed by the
// search text (name or IMpTech ID, case-insensitive).
class ContactListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by FriendsController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged) // friends before filtering
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(QStringList sections READ sections NOTIFY countChanged)

public:
    enum Role {
        JidRole = Qt::UserRole + 1,
        NameRole,
        ImptechIdRole,
        SectionRole,
        InitialRole,
        ColorIndexRole,
        BlockedRole,
    };
    Q_ENUM(Role)

    explicit ContactListModel(QObject *parent = nullptr);
    ~ContactListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Keeps the friends (mutual subscriptions) of `contacts`, sorted.
    void setContacts(const QList<chat::Contact> &contacts);
    int count() const { return static_cast<int>(m_shown.size()); }
    int total() const { return static_cast<int>(m_all.size()); }
    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    // The section letters present, in order ("#" last): the right-edge index.
    QStringList sections() const;
    // The first row under `letter`, else the nearest row after it; -1 when empty.
    Q_INVOKABLE int rowForSection(const QString &letter) const;

signals:
    void countChanged();
    void filterChanged();

private:
    void refilter();

    std::unique_ptr<chat::ContactSorter> m_sorter;
    QList<chat::Contact> m_all; // sorted
    QList<chat::Contact> m_shown;
    QStringList m_sectionOf; // parallel to m_shown
    QString m_filter;
};

} // namespace imp::app
