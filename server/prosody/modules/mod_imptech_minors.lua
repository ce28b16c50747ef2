-- mod_imptech_minors: minors' mode refuses friend requests from strangers.
-- An inbound presence type='subscribe' to a local account whose record has minors_mode is
-- dropped unless the minor asked first (the sender is in the minor's roster with
-- ask='subscribe' or subscription 'to'/'both'; 'from' is let through too: that contact is
-- already approved and Prosody only re-confirms it). The sender gets
-- <presence type='unsubscribed'/> so their client shows the request as declined.
-- See server/README.md "Minors' mode".

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;
local jid_split = require "util.jid".split;
local rostermanager = require "core.rostermanager";

local common = module:require "imptech_common";

local host = module.host;
local stores = common.stores(module);

local function mask_jid(jid)
	local node, h = jid_split(jid);
	if not node then return h or "<none>"; end
	if #node <= 4 then return "****@" .. h; end
	return node:sub(1, 3) .. "****" .. node:sub(-2) .. "@" .. h;
end

-- True when `username` has a relationship with `contact` that the minor started or accepted.
local function minor_knows(username, contact)
	local roster = rostermanager.load_roster(username, host);
	local item = roster and roster[contact];
	if not item then return false; end
	return item.ask == "subscribe" or item.subscription == "to" or item.subscription == "both"
		or item.subscription == "from";
end

local function on_inbound_presence(event)
	local stanza = event.stanza;
	if stanza.attr.type ~= "subscribe" then return; end
	local username, to_host = jid_split(stanza.attr.to);
	if not username or to_host ~= host then return; end
	local from_bare = jid_bare(stanza.attr.from);
	if not from_bare or from_bare == username .. "@" .. host then return; end
	local account = stores.account:get(username);
	if not (account and account.minors_mode) then return; end
	if minor_knows(username, from_bare) then return; end
	module:log("info", "Minors' mode: request from %s to %s declined", mask_jid(from_bare),
		mask_jid(username .. "@" .. host));
	module:send(st.presence({ type = "unsubscribed", from = username .. "@" .. host, to = from_bare }));
	return true;
end

-- Above mod_presence (0) and mod_blocklist (100), so the request never reaches the roster.
module:hook("presence/bare", on_inbound_presence, 200);
module:hook("presence/full", on_inbound_presence, 200);
