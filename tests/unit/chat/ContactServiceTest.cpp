// Friends through an in-process XMPP session: roster, requests, blocking and the directory as
// XML in, XML and stored lists out.
#include "chat/ContactService.h"

#include "InProcessChannel.h"
#include "TestProfile.h"
#include "chat/Profile.h"
#include "xmpp/Namespaces.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <optional>

using imp::Result;
using imp::chat::AccountService;
using imp::chat::ContactService;
using imp::chat::DirectoryUser;
using imp::chat::FriendRequest;
using imp::chat::test::InProcessChannel;
using imp::chat::test::waitUntil;
using imp::xmpp::XmlElement;

namespace {

const QString Directory = QStringLiteral("urn:imptech:directory:0");
const QString Roster = imp::xmpp::ns::Roster;
const QString Blocking = imp::xmpp::ns::Blocking;

class ContactServiceTest : public ::testing::Test {
protected:
    void SetUp() override { open(true); }

    void open(bool create)
    {
        profile = imp::test::openTestProfile(m_dir.path(), create);
        ASSERT_TRUE(profile);
        channel = std::make_unique<InProcessChannel>();
        service = std::make_unique<ContactService>(profile, *channel, [] {
            AccountService::Account a;
            a.jid = QStringLiteral("alice@imp.test");
            a.domain = QStringLiteral("imp.test");
            a.nickname = QStringLiteral("Alice");
            return a;
        });
        titles = std::make_unique<QSignalSpy>(service.get(), &ContactService::titleChanged);
        QSignalSpy loaded(service.get(), &ContactService::contactsChanged);
        service->start();
        ASSERT_TRUE(waitUntil([&] { return loaded.count() > 0; })); // stored lists are in
    }
    void reopen()
    {
        titles.reset();
        service.reset();
        channel.reset();
        profile->flush().waitForFinished();
        profile.reset();
        open(false);
    }

    // The last IQ the client sent with a `child` in `ns`.
    XmlElement lastIq(const QString &child, const QString &ns) const
    {
        for (auto it = channel->sentIqs.rbegin(); it != channel->sentIqs.rend(); ++it)
            if (it->hasChild(child, ns))
                return *it;
        return {};
    }
    QString lastIqId(const QString &child, const QString &ns) const
    {
        return lastIq(child, ns).attribute(QStringLiteral("id"));
    }

    // A fresh session whose roster and block list the server answers with these items.
    void online(const QByteArray &rosterItems = {}, const QByteArray &blockItems = {})
    {
        channel->goOnline();
        ASSERT_FALSE(lastIqId("query", Roster).isEmpty());
        ASSERT_FALSE(lastIqId("blocklist", Blocking).isEmpty());
        channel->answerIq(lastIqId("query", Roster),
                          "<query xmlns='jabber:iq:roster'>" + rosterItems + "</query>");
        channel->answerIq(lastIqId("blocklist", Blocking),
                          "<blocklist xmlns='urn:xmpp:blocking'>" + blockItems + "</blocklist>");
    }

    // The directory lookup for `attribute`=`value` the client sent (its IQ id), if any.
    QString directoryQuery(const QString &attribute, const QString &value) const
    {
        for (auto it = channel->sentIqs.rbegin(); it != channel->sentIqs.rend(); ++it)
            if (it->firstChild("lookup", Directory).attribute(attribute) == value)
                return it->attribute("id");
        return {};
    }
    static QByteArray user(const QString &jid, const QString &id, const QString &nick = {})
    {
        return QStringLiteral("<user xmlns='urn:imptech:directory:0' jid='%1' imptech-id='%2' "
                              "nickname='%3'/>")
            .arg(jid, id, nick)
            .toUtf8();
    }

    // Sent presences of `type` to `to`.
    QList<XmlElement> presences(const QString &type, const QString &to) const
    {
        QList<XmlElement> out;
        for (const auto &s : channel->sent)
            if (s.name() == "presence" && s.attribute("type") == type && s.attribute("to") == to)
                out.append(s);
        return out;
    }
    // The last title announced for `jid`.
    QString lastTitle(const QString &jid) const
    {
        for (auto i = titles->size() - 1; i >= 0; --i)
            if (titles->at(i).at(0).toString() == jid)
                return titles->at(i).at(1).toString();
        return {};
    }

    QTemporaryDir m_dir;
    std::shared_ptr<imp::chat::Profile> profile;
    std::unique_ptr<InProcessChannel> channel;
    std::unique_ptr<ContactService> service;
    std::unique_ptr<QSignalSpy> titles;
};

const QByteArray DaveAsks =
    "<presence from='dave@imp.test/pc' to='alice@imp.test' type='subscribe'>"
    "<status>Hi, it is Dave from work</status>"
    "<nick xmlns='http://jabber.org/protocol/nick'>Dave</nick></presence>";

} // namespace

TEST_F(ContactServiceTest, RosterOfAFreshSessionBecomesTheContactListAndShowsAfterRestart)
{
    online("<item jid='bob@imp.test' name='Bob' subscription='both'/>"
           "<item jid='carol@imp.test' subscription='to' ask='subscribe'/>");
    ASSERT_EQ(service->contacts().size(), 2);
    const auto bob = service->contact("bob@imp.test");
    ASSERT_TRUE(bob);
    EXPECT_TRUE(bob->isFriend());
    EXPECT_EQ(bob->nickname, "Bob");
    const auto carol = service->contact("carol@imp.test");
    ASSERT_TRUE(carol);
    EXPECT_FALSE(carol->isFriend()); // only "both" is a friend
    EXPECT_TRUE(carol->requestPending);

    reopen(); // offline: the stored list is what shows
    EXPECT_EQ(channel->state(), InProcessChannel::State::Offline);
    ASSERT_EQ(service->contacts().size(), 2);
    ASSERT_TRUE(service->contact("bob@imp.test"));
    EXPECT_TRUE(service->contact("bob@imp.test")->isFriend());
    EXPECT_EQ(lastTitle("bob@imp.test"), "Bob");
}

TEST_F(ContactServiceTest, RosterOfAFreshSessionDropsFriendsRemovedElsewhere)
{
    online("<item jid='bob@imp.test' subscription='both'/>");
    ASSERT_TRUE(service->contact("bob@imp.test"));
    online(); // next session: bob was removed on another device
    EXPECT_FALSE(service->contact("bob@imp.test"));
}

TEST_F(ContactServiceTest, IncomingFriendRequestAppearsWithItsGreeting)
{
    online();
    QSignalSpy received(service.get(), &ContactService::requestReceived);
    channel->inject(DaveAsks);
    ASSERT_EQ(received.count(), 1);
    const auto requests = service->requests();
    ASSERT_EQ(requests.size(), 1);
    EXPECT_EQ(requests[0].jid, "dave@imp.test");
    EXPECT_TRUE(requests[0].incoming);
    EXPECT_EQ(requests[0].state, FriendRequest::State::Pending);
    EXPECT_EQ(requests[0].greeting, "Hi, it is Dave from work");
    EXPECT_EQ(requests[0].nickname, "Dave");
    EXPECT_EQ(service->pendingIncoming(), 1);
    // The directory fills in the requester's IMpTech ID.
    const QString lookup = directoryQuery("jid", "dave@imp.test");
    ASSERT_FALSE(lookup.isEmpty());
    channel->answerIq(lookup, user("dave@imp.test", "dave42", "Dave"));
    EXPECT_EQ(service->requests()[0].imptechId, "dave42");
}

TEST_F(ContactServiceTest, RequestFromABlockedUserIsDropped)
{
    online({}, "<item jid='dave@imp.test'/>");
    ASSERT_TRUE(service->contact("dave@imp.test"));
    EXPECT_TRUE(service->contact("dave@imp.test")->blocked);
    QSignalSpy received(service.get(), &ContactService::requestReceived);
    channel->inject(DaveAsks);
    EXPECT_EQ(received.count(), 0);
    EXPECT_TRUE(service->requests().isEmpty());
}

TEST_F(ContactServiceTest, AcceptApprovesTheirSubscriptionAndSubscribesBack)
{
    online();
    channel->inject(DaveAsks);
    std::optional<Result<void>> done;
    service->accept("dave@imp.test", [&](Result<void> r) { done = std::move(r); });
    const XmlElement set = lastIq("query", Roster);
    ASSERT_EQ(set.attribute("type"), "set");
    EXPECT_EQ(set.firstChild("query", Roster).firstChild("item", Roster).attribute("jid"),
              "dave@imp.test");
    EXPECT_FALSE(done); // nothing is sent before the roster entry exists
    channel->answerIq(set.attribute("id"), {});
    ASSERT_TRUE(done);
    EXPECT_TRUE(done->ok());
    EXPECT_EQ(presences("subscribed", "dave@imp.test").size(), 1);
    const auto subscribe = presences("subscribe", "dave@imp.test");
    ASSERT_EQ(subscribe.size(), 1);
    EXPECT_EQ(subscribe[0].firstChild("nick", imp::xmpp::ns::Nick).text(), "Alice");
    EXPECT_EQ(service->requests()[0].state, FriendRequest::State::Accepted);
    EXPECT_EQ(service->pendingIncoming(), 0);
}

TEST_F(ContactServiceTest, AcceptWhileOfflineFailsWithoutSending)
{
    std::optional<Result<void>> done;
    service->accept("dave@imp.test", [&](Result<void> r) { done = std::move(r); });
    ASSERT_TRUE(done);
    ASSERT_FALSE(done->ok());
    EXPECT_EQ(done->error().code, "xmpp.not_connected");
    EXPECT_TRUE(channel->sent.isEmpty());
}

TEST_F(ContactServiceTest, RosterPushFromAForgedSenderIsRefused)
{
    online();
    channel->inject("<iq type='set' id='push1' from='mallory@evil.test/x'>"
                    "<query xmlns='jabber:iq:roster'>"
                    "<item jid='eve@evil.test' subscription='both'/></query></iq>");
    EXPECT_FALSE(service->contact("eve@evil.test"));
    EXPECT_EQ(channel->lastIqReply().attribute("id"), "push1"); // answered, not applied

    channel->inject("<iq type='set' id='push2' from='alice@imp.test'>"
                    "<query xmlns='jabber:iq:roster'>"
                    "<item jid='erin@imp.test' subscription='both'/></query></iq>");
    ASSERT_TRUE(service->contact("erin@imp.test"));
    EXPECT_TRUE(service->contact("erin@imp.test")->isFriend());
    EXPECT_EQ(channel->lastIqReply().attribute("type"), "result");
}

TEST_F(ContactServiceTest, BlockAndUnblockSendBlockingCommandsAndUpdateTheContact)
{
    online("<item jid='bob@imp.test' name='Bob' subscription='both'/>");
    std::optional<Result<void>> done;
    service->block("bob@imp.test/pc", [&](Result<void> r) { done = std::move(r); });
    const XmlElement block = lastIq("block", Blocking);
    ASSERT_EQ(block.attribute("type"), "set");
    EXPECT_EQ(block.firstChild("block", Blocking).firstChild("item", Blocking).attribute("jid"),
              "bob@imp.test");
    EXPECT_FALSE(service->contact("bob@imp.test")->blocked); // not until the server agrees
    channel->answerIq(block.attribute("id"), {});
    ASSERT_TRUE(done && done->ok());
    EXPECT_TRUE(service->contact("bob@imp.test")->blocked);

    done.reset();
    service->unblock("bob@imp.test", [&](Result<void> r) { done = std::move(r); });
    const XmlElement unblock = lastIq("unblock", Blocking);
    ASSERT_EQ(unblock.attribute("type"), "set");
    EXPECT_EQ(unblock.firstChild("unblock", Blocking).firstChild("item", Blocking).attribute("jid"),
              "bob@imp.test");
    channel->answerIq(unblock.attribute("id"), {});
    ASSERT_TRUE(done && done->ok());
    EXPECT_FALSE(service->contact("bob@imp.test")->blocked);
}

TEST_F(ContactServiceTest, RefusedBlockKeepsTheContactUnblocked)
{
    online("<item jid='bob@imp.test' subscription='both'/>");
    std::optional<Result<void>> done;
    service->block("bob@imp.test", [&](Result<void> r) { done = std::move(r); });
    channel->answerIq(lastIqId("block", Blocking), {}, "not-allowed");
    ASSERT_TRUE(done);
    EXPECT_FALSE(done->ok());
    EXPECT_FALSE(service->contact("bob@imp.test")->blocked);
}

TEST_F(ContactServiceTest, TitleCarriesTheNicknameElseTheImptechId)
{
    online("<item jid='bob@imp.test' name='Bob' subscription='both'/>"
           "<item jid='carol@imp.test' subscription='both'/>");
    EXPECT_EQ(lastTitle("bob@imp.test"), "Bob");
    // A known nickname is not replaced by the directory's.
    channel->answerIq(directoryQuery("jid", "bob@imp.test"),
                      user("bob@imp.test", "bob01", "Robert"));
    EXPECT_EQ(lastTitle("bob@imp.test"), "Bob");
    EXPECT_EQ(service->contact("bob@imp.test")->imptechId, "bob01");
    // No nickname anywhere: the IMpTech ID is the title.
    channel->answerIq(directoryQuery("jid", "carol@imp.test"), user("carol@imp.test", "carol88"));
    EXPECT_EQ(lastTitle("carol@imp.test"), "carol88");
}

TEST_F(ContactServiceTest, LookupMapsTheDirectorysAnswersAndErrors)
{
    online();
    std::optional<Result<DirectoryUser>> found;
    auto ask = [&](const QString &query) {
        found.reset();
        service->lookup(query, [&](Result<DirectoryUser> r) { found = std::move(r); });
    };

    ask(" bob01 ");
    const XmlElement byId = lastIq("lookup", Directory);
    EXPECT_EQ(byId.attribute("type"), "get");
    EXPECT_EQ(byId.attribute("to"), "imp.test");
    channel->answerIq(directoryQuery("imptech-id", "bob01"), user("bob@imp.test", "bob01", "Bob"));
    ASSERT_TRUE(found && found->ok());
    EXPECT_EQ(found->value().jid, "bob@imp.test");
    EXPECT_EQ(found->value().imptechId, "bob01");
    EXPECT_EQ(found->value().nickname, "Bob");

    const std::pair<QString, std::string> errors[] = {
        {"item-not-found", "directory.not_found"},
        {"resource-constraint", "directory.rate_limited"},
        {"bad-request", "directory.bad_query"},
        {"internal-server-error", "xmpp.iq.internal-server-error"},
    };
    for (const auto &[condition, code] : errors) {
        ask("+8613800138000"); // E.164: asked by phone
        const QString id = directoryQuery("phone", "+8613800138000");
        ASSERT_FALSE(id.isEmpty());
        channel->answerIq(id, {}, condition);
        ASSERT_TRUE(found && !found->ok()) << condition.toStdString();
        EXPECT_EQ(found->error().code, code);
    }

    ask("bob01"); // a full JID is no directory answer
    channel->answerIq(lastIqId("lookup", Directory), user("bob@imp.test/pc", "bob01"));
    ASSERT_TRUE(found && !found->ok());
    EXPECT_EQ(found->error().code, "directory.not_found");

    const auto sentBefore = channel->sentIqs.size();
    ask("   ");
    ASSERT_TRUE(found && !found->ok());
    EXPECT_EQ(found->error().code, "directory.bad_query");
    EXPECT_EQ(channel->sentIqs.size(), sentBefore); // not worth a round trip
}
