// The whole app (AppShell: QML, controllers, models, vault, store) with a 100k-message chat
// open: RSS at the home screen and with the chat open, and the time from the tap to the first
// page on screen. Run through app_chat_open.py, which starts a server and registers the
// profile. Prints figures; asserts nothing.
//
// usage: bench_app_chat_open DATA_DIR SELF_JID PEER_JID COUNT SERVER CA_FILE
#include "../tests/e2e/AppDriver.h"
#include "BenchSupport.h"
#include "ChatsController.h"
#include "chat/AccountService.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <cstdio>

namespace {

// Writes COUNT messages with the peer into the profile, as a history sync would.
bool seed(const QString &dir, const QString &peer, const QString &self, int count)
{
    auto opened =
        imp::chat::Profile::open(dir, std::make_shared<imp::bench::NoKeychain>()).result();
    if (!opened) {
        std::fprintf(stderr, "profile: %s\n", opened.error().code.c_str());
        return false;
    }
    auto profile = opened->profile;
    imp::chat::AccountService account(profile, {"localhost:1", {}, "bench"});
    imp::chat::MessageService messages(profile, account);
    const qint64 start = QDateTime::currentSecsSinceEpoch() - count;
    constexpr int Chunk = 10000;
    for (int first = 0; first < count; first += Chunk) {
        QList<imp::chat::Message> history;
        for (int i = first; i < std::min(count, first + Chunk); ++i) {
            imp::chat::Message m;
            m.peer = peer;
            m.outgoing = i % 3 == 0;
            m.sender = m.outgoing ? self : peer;
            m.originId = QString("origin-%1").arg(i);
            m.stanzaId = m.originId;
            m.archiveId = QString("archive-%1").arg(i);
            m.body = QString("message %1: 你好，这是一条用于测试的消息 with some Latin text, "
                             "and a link https://example.com/%1")
                         .arg(i);
            m.time = QDateTime::fromSecsSinceEpoch(start + i, Qt::UTC);
            m.state =
                m.outgoing ? imp::chat::Message::State::Read : imp::chat::Message::State::Seen;
            history.append(m);
        }
        if (auto added = messages.ingestHistory(history).result(); !added) {
            std::fprintf(stderr, "ingest: %s\n", added.error().code.c_str());
            return false;
        }
    }
    profile->flush();
    return true;
}

class Bench : public imp::test::AppDriver {
public:
    int run(const QString &dir, const QString &peer, const QString &server, const QString &ca)
    {
        auto shell = launch(dir, "zh_CN", {390, 844}, {}, server, ca);
        if (!shell)
            return fail("the app did not start");
        auto *chats = imp::app::ChatsController::instance(&shell->engine());
        if (!QTest::qWaitFor([&] { return chats->conversations()->indexOf(peer) >= 0; }, 30000))
            return fail("the seeded conversation never appeared");
        QTest::qWait(2000); // history sync, first paint
        const long homeRss = imp::bench::rssKiB();

        QElapsedTimer timer;
        timer.start();
        const int row = chats->conversations()->indexOf(peer);
        if (!click(*shell, QString("conversation_%1").arg(row)))
            return fail("no conversation row to tap");
        if (!QTest::qWaitFor([&] { return chats->messages()->count() > 0; }, 30000))
            return fail("the chat never showed a message");
        const double firstPageMs = timer.nsecsElapsed() / 1e6;
        const int firstPage = chats->messages()->count();
        QTest::qWait(2000);
        const long openRss = imp::bench::rssKiB();

        // Scroll back ten pages the way the list view asks for them.
        timer.restart();
        for (int i = 0; i < 10; ++i) {
            const int before = chats->messages()->count();
            chats->messages()->fetchMore({});
            if (!QTest::qWaitFor([&] { return chats->messages()->count() > before; }, 10000))
                return fail("scroll-back stopped");
        }
        const double tenPagesMs = timer.nsecsElapsed() / 1e6;
        const int loaded = chats->messages()->count();
        QTest::qWait(1000);
        std::printf("app_rss_kib_home %ld\n", homeRss);
        std::printf("app_tap_to_first_page_ms %.0f (%d messages)\n", firstPageMs, firstPage);
        std::printf("app_rss_kib_chat_open %ld\n", openRss);
        std::printf("app_scroll_back_10_pages_ms %.0f (%d messages loaded)\n", tenPagesMs, loaded);
        std::printf("app_rss_kib_after_scroll_back %ld\n", imp::bench::rssKiB());
        return 0;
    }

private:
    static int fail(const char *why)
    {
        std::fprintf(stderr, "bench_app_chat_open: %s\n", why);
        return 1;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    if (argc < 7) {
        std::fprintf(stderr, "usage: %s DATA_DIR SELF_JID PEER_JID COUNT SERVER CA_FILE\n",
                     argv[0]);
        return 2;
    }
    const QString dir = argv[1];
    const QString self = argv[2];
    const QString peer = argv[3];
    const int count = std::atoi(argv[4]);
    QElapsedTimer timer;
    timer.start();
    if (!seed(dir, peer, self, count))
        return 1;
    std::printf("app_seeded_messages %d in %.1f s\n", count, timer.nsecsElapsed() / 1e9);
    return Bench().run(dir, peer, argv[5], argv[6]);
}
