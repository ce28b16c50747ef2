#include "GroupMemberListModel.h"
#include "GroupPickerModel.h"
#include "GroupsController.h"

#include <gtest/gtest.h>

using imp::app::GroupMemberListModel;
using imp::app::GroupPickerModel;
using imp::app::GroupsController;
using imp::chat::Contact;
using imp::chat::groups::Group;

namespace {

Contact friendNamed(const QString &jid, const QString &nickname, bool blocked = false)
{
    Contact c;
    c.jid = jid;
    c.nickname = nickname;
    c.subscription = Contact::Subscription::Both;
    c.blocked = blocked;
    return c;
}

QStringList names(const QAbstractListModel &model, int role)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row, 0), role).toString());
    return out;
}

} // namespace

TEST(GroupPickerModelTest, OnlyFriendsAreOfferedAndTheChoiceKeepsListOrder)
{
    GroupPickerModel picker;
    Contact stranger;
    stranger.jid = "s@localhost";
    stranger.nickname = "Stranger";
    picker.setContacts({friendNamed("w@localhost", "王芳"), friendNamed("b@localhost", "Bob"),
                        stranger, friendNamed("x@localhost", "Blocked", true),
                        friendNamed("a@localhost", "alice")});
    picker.reset();
    EXPECT_EQ(names(picker, GroupPickerModel::NameRole), QStringList({"alice", "Bob", "王芳"}))
        << "friends A-Z (王 under W); strangers and the blocked are not offered";
    picker.toggle(2);
    picker.toggle(0);
    EXPECT_EQ(picker.selectedCount(), 2);
    EXPECT_EQ(picker.selected(), QStringList({"a@localhost", "w@localhost"}));
    picker.toggle(0);
    EXPECT_EQ(picker.selected(), QStringList({"w@localhost"})) << "a second tap unticks";

    // Filtering does not lose what was ticked.
    picker.setFilter("bo");
    EXPECT_EQ(picker.count(), 1);
    picker.toggle(0);
    picker.setFilter("");
    EXPECT_EQ(picker.selected(), QStringList({"b@localhost", "w@localhost"}));

    // A friend who is removed meanwhile leaves the choice.
    picker.setContacts({friendNamed("b@localhost", "Bob")});
    EXPECT_EQ(picker.selected(), QStringList({"b@localhost"}));
}

TEST(GroupPickerModelTest, MembersAlreadyInAreShownTickedAndCannotBeChosen)
{
    GroupPickerModel picker;
    picker.setContacts({friendNamed("a@localhost", "alice"), friendNamed("b@localhost", "Bob")});
    picker.reset({"a@localhost"});
    EXPECT_TRUE(picker.data(picker.index(0), GroupPickerModel::CheckedRole).toBool());
    EXPECT_TRUE(picker.data(picker.index(0), GroupPickerModel::FixedRole).toBool());
    picker.toggle(0);
    EXPECT_EQ(picker.selectedCount(), 0) << "already a member: nothing to invite";
    picker.toggle(1);
    EXPECT_EQ(picker.selected(), QStringList({"b@localhost"}));
    picker.reset();
    EXPECT_EQ(picker.selectedCount(), 0) << "a new choice starts empty";
}

TEST(GroupMemberListModelTest, OwnerThenAdminsThenMembersEachAToZ)
{
    GroupMemberListModel model;
    model.setNameLookup([](const QString &jid) {
        return jid == "z@localhost" ? QStringLiteral("张伟") : QString();
    });
    using Member = GroupMemberListModel::Member;
    model.setMembers({Member{"zed", "z@localhost", "member", true},
                      Member{"Bob", "b@localhost", "member", false},
                      Member{"boss", "o@localhost", "owner", true},
                      Member{"\u202Eevil", "e@localhost", "member", true},
                      Member{"陈静", "c@localhost", "admin", true},
                      Member{"me", "m@localhost", "member", true}},
                     "m@localhost");
    EXPECT_EQ(names(model, GroupMemberListModel::NameRole),
              QStringList({"boss", "陈静", "Bob", "evil", "me", "张伟"}))
        << "a friend is shown by our name for them; nicknames lose bidi overrides";
    EXPECT_EQ(model.data(model.index(0), GroupMemberListModel::RoleTextRole).toString(), "Owner");
    EXPECT_EQ(model.data(model.index(1), GroupMemberListModel::RoleTextRole).toString(), "Admin");
    EXPECT_TRUE(model.data(model.index(4), GroupMemberListModel::SelfRole).toBool());
    EXPECT_EQ(model.jids().size(), 6);
}

TEST(GroupsControllerTest, EveryWayOutOfAGroupIsSaidPlainly)
{
    Group g;
    g.state = Group::State::Ready;
    EXPECT_EQ(GroupsController::problemText(g), "") << "a working group has no problem line";
    g.state = Group::State::Removed;
    g.error = "307:spam";
    EXPECT_TRUE(GroupsController::problemText(g).contains("removed"));
    EXPECT_TRUE(GroupsController::problemText(g).contains("spam")) << "the reason given";
    g.error = "301:";
    EXPECT_TRUE(GroupsController::problemText(g).contains("banned"));
    g.error = "destroyed:";
    EXPECT_TRUE(GroupsController::problemText(g).contains("deleted"));
    g.state = Group::State::Failed;
    g.error = "registration-required";
    EXPECT_TRUE(GroupsController::problemText(g).contains("not a member"));
    g.error = "item-not-found";
    EXPECT_TRUE(GroupsController::problemText(g).contains("no longer exists"));
    g.error = "something-new";
    EXPECT_FALSE(GroupsController::problemText(g).isEmpty()) << "never a stuck, silent state";
    EXPECT_TRUE(GroupsController::errorMessage("groups.last_owner").contains("owner"));
    EXPECT_TRUE(GroupsController::errorMessage("groups.full").contains("500"));
}

TEST(GroupsControllerTest, TheMemberPickerOpensOnAFreshAtSignOnly)
{
    EXPECT_TRUE(GroupsController::mentionStartsAt("@", 1));
    EXPECT_TRUE(GroupsController::mentionStartsAt("周六见 @", 5));
    EXPECT_FALSE(GroupsController::mentionStartsAt("mail me at bob@", 15)) << "inside a word";
    EXPECT_FALSE(GroupsController::mentionStartsAt("@a", 2)) << "already typing a name";
    EXPECT_FALSE(GroupsController::mentionStartsAt("", 0));
    EXPECT_FALSE(GroupsController::mentionStartsAt("@", 5)) << "a cursor past the end";
}
