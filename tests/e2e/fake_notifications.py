#!/usr/bin/python3
"""A notification daemon for tests: owns org.freedesktop.Notifications on the session bus it is
started on, answers like a real one, and records every call as a JSON line in LOG. Its extra
method Invoke(id, action) emits ActionInvoked, as a click on the notification would.

usage: fake_notifications.py LOG   (prints "ready" once the name is owned)
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.Notifications"


class Daemon(dbus.service.Object):
    def __init__(self, bus, log):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.log = log
        self.next_id = 1

    def record(self, **entry):
        self.log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.log.flush()

    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        nid = int(replaces) if replaces else self.next_id
        if not replaces:
            self.next_id += 1
        self.record(call="Notify", id=nid, app=str(app), replaces=int(replaces), icon=str(icon),
                    summary=str(summary), body=str(body), actions=[str(a) for a in actions],
                    hints={str(k): str(v) for k, v in hints.items()})
        return nid

    @dbus.service.method(IFACE, in_signature="u")
    def CloseNotification(self, nid):
        self.record(call="CloseNotification", id=int(nid))
        self.NotificationClosed(nid, 3)

    @dbus.service.method(IFACE, out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body"]

    @dbus.service.method(IFACE, out_signature="ssss")
    def GetServerInformation(self):
        return ["imptech-test-notifications", "IMpTech", "1", "1.2"]

    @dbus.service.method(IFACE, in_signature="us")
    def Invoke(self, nid, action):
        self.record(call="Invoke", id=int(nid), action=str(action))
        self.ActionInvoked(nid, action)

    @dbus.service.signal(IFACE, signature="us")
    def ActionInvoked(self, nid, action):
        pass

    @dbus.service.signal(IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    with open(sys.argv[1], "a", encoding="utf-8") as log:
        daemon = Daemon(bus, log)
        daemon.bus_name = dbus.service.BusName(IFACE, bus)  # owned while the daemon lives
        print("ready", flush=True)
        GLib.MainLoop().run()


if __name__ == "__main__":
    main()
