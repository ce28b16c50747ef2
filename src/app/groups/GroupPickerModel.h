#pragma once

#include "chat/Contact.h"
#include "chat/ContactSorter.h"

#include <QAbstractListModel>
#include <QQmlEngine>
#include <QSet>
#include <memory>

namespace imp::app {

// Friends to start a group with or to invite, A–Z as in contacts, each with a check mark;
// those already in the group are shown checked and cannot be changed. Narrowed by name or
// IMpTech ID.
class GroupPickerModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by GroupsController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)

public:
    enum Role {
        JidRole = Qt::UserRole + 1,
        NameRole,
        InitialRole,
        ColorIndexRole,
        CheckedRole,
        FixedRole, // already a member: checked, not selectable
    };
    Q_ENUM(Role)

    explicit GroupPickerModel(QObject *parent = nullptr);
    ~GroupPickerModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The friends (mutual, not blocked) of `contacts`; the choice is kept where it still applies.
    void setContacts(const QList<chat::Contact> &contacts);
    // A new choice: nothing selected, `fixed` (bare JIDs) shown as already in.
    void reset(const QSet<QString> &fixed = {});
    int count() const { return static_cast<int>(m_shown.size()); }
    int selectedCount() const { return static_cast<int>(m_selected.size()); }
    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    // In the order of the list.
    QStringList selected() const;
    Q_INVOKABLE void toggle(int row);

signals:
    void countChanged();
    void selectionChanged();
    void filterChanged();

private:
    void refilter();

    std::unique_ptr<chat::ContactSorter> m_sorter;
    QList<chat::Contact> m_all; // sorted
    QList<chat::Contact> m_shown;
    QSet<QString> m_selected;
    QSet<QString> m_fixed;
    QString m_filter;
};

} // namespace imp::app
