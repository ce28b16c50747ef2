#include "chat/groups/GroupBookmarks.h"

#include "xmpp/Jid.h"
#include "xmpp/Namespaces.h"

namespace imp::chat::groups {

using namespace xmpp::ns;

namespace {

xmpp::XmlElement iq(const QString &type)
{
    xmpp::XmlElement e(QStringLiteral("iq"), Client);
    e.setAttribute(QStringLiteral("type"), type);
    return e;
}

void addField(xmpp::XmlElement &form, const QString &var, const QString &value)
{
    xmpp::XmlElement field(QStringLiteral("field"), DataForms);
    field.setAttribute(QStringLiteral("var"), var);
    xmpp::XmlElement v(QStringLiteral("value"), DataForms);
    v.setText(value);
    field.addChild(v);
    form.addChild(field);
}

std::optional<GroupBookmarks::Bookmark> bookmarkOf(const xmpp::XmlElement &item,
                                                   const QString &groupsDomain)
{
    const auto room = xmpp::Jid::parse(item.attribute(QStringLiteral("id")));
    if (!room || !room->isBare() || room->node().isEmpty() || room->domain() != groupsDomain)
        return std::nullopt;
    const auto conference = item.firstChild(QStringLiteral("conference"), Bookmarks);
    if (conference.isNull())
        return std::nullopt;
    GroupBookmarks::Bookmark b;
    b.room = room->toString();
    b.name = conference.attribute(QStringLiteral("name")).left(100);
    const QString autojoin = conference.attribute(QStringLiteral("autojoin"));
    b.autojoin = autojoin == QLatin1String("true") || autojoin == QLatin1String("1");
    b.nick = conference.firstChild(QStringLiteral("nick"), Bookmarks).text().left(64);
    return b;
}

} // namespace

xmpp::XmlElement GroupBookmarks::fetch()
{
    auto request = iq(QStringLiteral("get"));
    xmpp::XmlElement pubsub(QStringLiteral("pubsub"), Pubsub);
    xmpp::XmlElement items(QStringLiteral("items"), Pubsub);
    items.setAttribute(QStringLiteral("node"), Bookmarks);
    pubsub.addChild(items);
    request.addChild(pubsub);
    return request;
}

xmpp::XmlElement GroupBookmarks::publish(const Bookmark &bookmark)
{
    auto request = iq(QStringLiteral("set"));
    xmpp::XmlElement pubsub(QStringLiteral("pubsub"), Pubsub);
    xmpp::XmlElement publish(QStringLiteral("publish"), Pubsub);
    publish.setAttribute(QStringLiteral("node"), Bookmarks);
    xmpp::XmlElement item(QStringLiteral("item"), Pubsub);
    item.setAttribute(QStringLiteral("id"), bookmark.room);
    xmpp::XmlElement conference(QStringLiteral("conference"), Bookmarks);
    if (!bookmark.name.isEmpty())
        conference.setAttribute(QStringLiteral("name"), bookmark.name);
    conference.setAttribute(QStringLiteral("autojoin"),
                            bookmark.autojoin ? QStringLiteral("true") : QStringLiteral("false"));
    if (!bookmark.nick.isEmpty()) {
        xmpp::XmlElement nick(QStringLiteral("nick"), Bookmarks);
        nick.setText(bookmark.nick);
        conference.addChild(nick);
    }
    item.addChild(conference);
    publish.addChild(item);
    pubsub.addChild(publish);
    xmpp::XmlElement options(QStringLiteral("publish-options"), Pubsub);
    xmpp::XmlElement form(QStringLiteral("x"), DataForms);
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    addField(form, QStringLiteral("FORM_TYPE"),
             QStringLiteral("http://jabber.org/protocol/pubsub#publish-options"));
    addField(form, QStringLiteral("pubsub#persist_items"), QStringLiteral("true"));
    addField(form, QStringLiteral("pubsub#max_items"), QStringLiteral("max"));
    addField(form, QStringLiteral("pubsub#send_last_published_item"), QStringLiteral("never"));
    addField(form, QStringLiteral("pubsub#access_model"), QStringLiteral("whitelist"));
    options.addChild(form);
    pubsub.addChild(options);
    request.addChild(pubsub);
    return request;
}

xmpp::XmlElement GroupBookmarks::retract(const QString &room)
{
    auto request = iq(QStringLiteral("set"));
    xmpp::XmlElement pubsub(QStringLiteral("pubsub"), Pubsub);
    xmpp::XmlElement retract(QStringLiteral("retract"), Pubsub);
    retract.setAttribute(QStringLiteral("node"), Bookmarks);
    retract.setAttribute(QStringLiteral("notify"), QStringLiteral("true"));
    xmpp::XmlElement item(QStringLiteral("item"), Pubsub);
    item.setAttribute(QStringLiteral("id"), room);
    retract.addChild(item);
    pubsub.addChild(retract);
    request.addChild(pubsub);
    return request;
}

QList<GroupBookmarks::Bookmark> GroupBookmarks::fromItems(const xmpp::XmlElement &result,
                                                          const QString &groupsDomain)
{
    QList<Bookmark> out;
    const auto items = result.firstChild(QStringLiteral("pubsub"), Pubsub)
                           .firstChild(QStringLiteral("items"), Pubsub);
    for (const auto &item : items.children()) {
        if (out.size() >= MaxBookmarks)
            break;
        if (item.name() != QLatin1String("item"))
            continue;
        if (auto b = bookmarkOf(item, groupsDomain))
            out.append(*b);
    }
    return out;
}

std::optional<GroupBookmarks::Change> GroupBookmarks::fromEvent(const xmpp::XmlElement &message,
                                                                const QString &ownBare,
                                                                const QString &groupsDomain)
{
    const auto items = message.firstChild(QStringLiteral("event"), PubsubEvent)
                           .firstChild(QStringLiteral("items"), PubsubEvent);
    if (items.isNull() || items.attribute(QStringLiteral("node")) != Bookmarks)
        return std::nullopt;
    const QString from = message.attribute(QStringLiteral("from"));
    // Only our own account publishes our bookmarks.
    if (!from.isEmpty() && xmpp::Jid(from).bare().toString() != ownBare)
        return std::nullopt;
    Change change;
    for (const auto &child : items.children()) {
        if (child.name() == QLatin1String("item")) {
            if (auto b = bookmarkOf(child, groupsDomain))
                change.added.append(*b);
        } else if (child.name() == QLatin1String("retract")) {
            change.retracted.append(child.attribute(QStringLiteral("id")));
        }
    }
    return change;
}

} // namespace imp::chat::groups
