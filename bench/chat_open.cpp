// A 100k-message conversation through the chat core, as the app stores it: encrypted ingest
// (batched transactions, sealed bodies, HMAC tags), time to the first page of the chat, and the
// process's resident memory with that page open. Prints figures; asserts nothing.
#include "BenchSupport.h"
#include "chat/AccountService.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    QTemporaryDir dir;
    auto profile = imp::bench::freshProfile(dir.path());
    if (!profile)
        return 1;
    imp::chat::AccountService account(profile, {"localhost:1", {}, "bench"});
    imp::chat::MessageService messages(profile, account);

    const QString peer = "peer@localhost";
    QList<imp::chat::Message> history;
    history.reserve(count);
    const qint64 start = QDateTime::currentSecsSinceEpoch() - count;
    for (int i = 0; i < count; ++i) {
        imp::chat::Message m;
        m.peer = peer;
        m.outgoing = i % 3 == 0;
        m.sender = m.outgoing ? "me@localhost" : peer;
        m.originId = QString("origin-%1").arg(i);
        m.stanzaId = m.originId;
        m.archiveId = QString("archive-%1").arg(i);
        m.body =
            QString("message %1: 你好，这是一条用于测试的消息 with some Latin text too").arg(i);
        m.time = QDateTime::fromSecsSinceEpoch(start + i, Qt::UTC);
        m.state = m.outgoing ? imp::chat::Message::State::Read : imp::chat::Message::State::Seen;
        history.append(m);
    }
    const long rssBefore = imp::bench::rssKiB();
    QElapsedTimer timer;
    timer.start();
    auto added = messages.ingestHistory(history).result();
    const double ingestMs = timer.nsecsElapsed() / 1e6;
    if (!added || added.value() != count) {
        std::fprintf(stderr, "ingest failed\n");
        return 1;
    }
    history.clear();
    history.squeeze();

    timer.restart();
    auto page = messages.page(peer, std::nullopt, 50).result();
    const double firstPageMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    auto older = messages
                     .page(peer,
                           imp::chat::MessageService::Cursor{page->back().time.toMSecsSinceEpoch(),
                                                             page->back().id},
                           50)
                     .result();
    const double nextPageMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    auto found = messages.search(peer, "message 12345:", 10).result();
    const double searchMs = timer.nsecsElapsed() / 1e6;

    std::printf("chat_ingest_messages %d\n", count);
    std::printf("chat_ingest_msg_per_s %.0f\n", count / (ingestMs / 1000.0));
    std::printf("chat_first_page_ms %.2f (%lld messages)\n", firstPageMs,
                static_cast<long long>(page->size()));
    std::printf("chat_next_page_ms %.2f (%lld messages)\n", nextPageMs,
                static_cast<long long>(older->size()));
    std::printf("chat_search_full_scan_ms %.0f (%lld hits)\n", searchMs,
                static_cast<long long>(found->size()));
    std::printf("rss_kib_before_ingest %ld\n", rssBefore);
    std::printf("rss_kib_with_chat_open %ld\n", imp::bench::rssKiB());
    return 0;
}
