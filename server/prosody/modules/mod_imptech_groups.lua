-- mod_imptech_groups: the rules of IMpTech's private groups, on the MUC component.
-- * At most imptech_group_max_members (500, as WeChat) affiliated members (owners, admins and
--   members) per group: a new membership past it is refused with resource-constraint, both when
--   an owner sets it and when a member's mediated invitation would grant it.
-- * Minors' rules (mod_imptech_minors for groups): nobody may bring a minor into a group unless
--   the minor knows them (a friend the minor asked or accepted, as for friend requests).
-- * A nickname is at most 64 bytes, without control characters or bidi overrides and marks
--   (which can make one member's name read as another's); a subject is at most
--   imptech_group_max_subject bytes (2,000). Both are refused with not-acceptable.
-- See server/README.md "Group chats".

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;
local jid_split = require "util.jid".split;
local rostermanager = require "core.rostermanager";
local storagemanager = require "core.storagemanager";

local max_members = module:get_option_number("imptech_group_max_members", 500);
local accounts_host = module:get_option_string("imptech_accounts_host", "localhost");
-- Opened on first use: this component may load before its parent host exists.
local account_store;
local function accounts()
	account_store = account_store or storagemanager.open(accounts_host, "imptech_account");
	return account_store;
end

local max_subject = module:get_option_number("imptech_group_max_subject", 2000);
local max_nick = 64;

local member_affiliations = { owner = true, admin = true, member = true };

local function member_count(room)
	local n = 0;
	for _, affiliation in pairs(room._affiliations) do
		if member_affiliations[affiliation] then n = n + 1; end
	end
	return n;
end

-- Whether `bare` is a local minor who does not know `actor` (who would bring them in).
local function minor_stranger(bare, actor)
	local username, host = jid_split(bare);
	if not username or host ~= accounts_host then return false; end
	local account = accounts():get(username);
	if not (account and account.minors_mode) then return false; end
	if not actor then return true; end
	local actor_bare = jid_bare(actor);
	if actor_bare == bare then return false; end
	local roster = rostermanager.load_roster(username, accounts_host);
	local item = roster and roster[actor_bare];
	return not (item and (item.ask == "subscribe" or item.subscription == "to"
		or item.subscription == "both" or item.subscription == "from"));
end

module:hook("muc-pre-set-affiliation", function(event)
	local joining = member_affiliations[event.affiliation]
		and not member_affiliations[event.previous_affiliation];
	if not joining then return; end
	if member_count(event.room) >= max_members then
		module:log("info", "Group %s is full (%d members)", event.room.jid, max_members);
		event.allowed = false;
		event.error = { type = "cancel", condition = "resource-constraint" };
		return;
	end
	-- actor is nil when the server itself grants it (an invitation, checked below).
	if event.actor and minor_stranger(event.jid, event.actor) then
		module:log("info", "Minors' rules: a stranger may not add a minor to %s", event.room.jid);
		event.allowed = false;
		event.error = { type = "cancel", condition = "not-allowed" };
	end
end, 10);

-- Before members_only.lib's own check (priority 0) and its muc-invite handler, which grants
-- membership: a full group or a minor's stranger gets an error, and no invitation goes out.
module:hook("muc-pre-invite", function(event)
	-- The inviter's message to the room; the invitee is in <x><invite to=/></x>.
	local room, stanza = event.room, event.stanza;
	local x = stanza:get_child("x", "http://jabber.org/protocol/muc#user");
	local invite = x and x:get_child("invite");
	local invitee = invite and jid_bare(invite.attr.to);
	if not invitee then return; end
	local already = member_affiliations[room:get_affiliation(invitee) or "none"];
	if not already and member_count(room) >= max_members then
		event.origin.send(st.error_reply(stanza, "cancel", "resource-constraint",
			"The group is full", room.jid));
		return true;
	end
	if minor_stranger(invitee, stanza.attr.from) then
		module:log("info", "Minors' rules: a stranger's invitation to a minor was refused");
		event.origin.send(st.error_reply(stanza, "cancel", "not-allowed", nil, room.jid));
		return true;
	end
end, 10);

-- U+061C, U+200E/200F, U+202A..202E, U+2066..2069 in UTF-8, and ASCII control characters.
local function bad_nick(nick)
	if not nick or nick == "" or #nick > max_nick then return true; end
	return nick:find("%c") or nick:find("\216\156") or nick:find("\226\128[\142\143]")
		or nick:find("\226\128[\170-\174]") or nick:find("\226\129[\166-\169]");
end

local function check_nick(event)
	local nick = select(3, jid_split(event.occupant.nick));
	if bad_nick(nick) then
		event.origin.send(st.error_reply(event.stanza, "modify", "not-acceptable",
			"This nickname cannot be used in a group", event.room.jid));
		return true;
	end
end
module:hook("muc-occupant-pre-join", check_nick, 10);
module:hook("muc-occupant-pre-change", check_nick, 10);

-- Above subject.lib (20), which would set and broadcast it.
module:hook("muc-occupant-groupchat", function(event)
	local subject = event.stanza:get_child("subject");
	if subject and #subject:get_text() > max_subject then
		event.origin.send(st.error_reply(event.stanza, "modify", "not-acceptable",
			"The group's announcement is too long", event.room.jid));
		return true;
	end
end, 30);

-- Leaving a group gives up the membership (XEP-0045 lets only owners and admins change
-- affiliations, so a member could otherwise never leave a members-only group for good): a
-- muc#admin set of one's own bare JID to "none" is allowed to every member. Owners go through
-- the room's own rules (the last owner cannot leave before handing the group over).
local mod_muc = module:depends("muc");
module:hook("iq-set/bare/http://jabber.org/protocol/muc#admin:query", function(event)
	local stanza, origin = event.stanza, event.origin;
	local item = stanza.tags[1] and stanza.tags[1]:get_child("item");
	if not item or item.attr.affiliation ~= "none" or item.attr.role then return; end
	local actor = jid_bare(stanza.attr.from);
	if not item.attr.jid or jid_bare(item.attr.jid) ~= actor then return; end
	local room = mod_muc.get_room_from_jid(jid_bare(stanza.attr.to));
	if not room then return; end
	local affiliation = room:get_affiliation(actor);
	if affiliation ~= "member" and affiliation ~= "admin" then return; end
	local ok, errtype, err = room:set_affiliation(true, actor, "none", "left the group");
	if ok then
		module:log("info", "%s left group %s", actor, room.jid);
		origin.send(st.reply(stanza));
	else
		origin.send(st.error_reply(stanza, errtype, err));
	end
	return true;
end, 10);
