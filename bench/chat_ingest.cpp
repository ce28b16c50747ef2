// Encrypted ingest through the real receive path: a fresh session's archive catch-up of N
// messages (MAM pages of 250, parsed from XML) through MessageService, its inbound pipeline and
// the sealed store, with the session in-process (no server: the figure is the client's).
// Prints msg/s and CPU time per message. Usage: bench_chat_ingest [N]
#include "BenchSupport.h"
#include "InProcessChannel.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "xmpp/XmlElement.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>

namespace {

const QString Mam = QStringLiteral("urn:xmpp:mam:2");

double cpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Pages are made before the clock starts; the query id is put in when one is asked for.
const QByteArray QueryIdSlot = "@QUERY@";

QByteArray page(const QString &queryId, int from, int count)
{
    QByteArray xml;
    xml.reserve(count * 600);
    for (int i = from; i < from + count; ++i) {
        const QString id = QString::number(i);
        const bool own = i % 3 == 0;
        const QString peer = QStringLiteral("friend%1@imp.test").arg(i % 20);
        xml +=
            QStringLiteral(
                "<message to='alice@imp.test/phone'><result xmlns='urn:xmpp:mam:2' "
                "queryid='%1' id='A%2'><forwarded xmlns='urn:xmpp:forward:0'><delay "
                "xmlns='urn:xmpp:delay' stamp='%3'/><message xmlns='jabber:client' from='%4' "
                "to='%5' type='chat' id='m%2'><body>message number %2, a sentence of "
                "ordinary length for a chat</body><origin-id xmlns='urn:xmpp:sid:0' "
                "id='m%2'/><request xmlns='urn:xmpp:receipts'/></message></forwarded></result>"
                "</message>")
                .arg(
                    queryId, id,
                    QDateTime::fromSecsSinceEpoch(1'700'000'000 + i, Qt::UTC).toString(Qt::ISODate),
                    own ? QStringLiteral("alice@imp.test/pc") : peer + "/pc",
                    own ? peer : QStringLiteral("alice@imp.test"))
                .toUtf8();
    }
    return xml;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? std::max(250, atoi(argv[1])) : 100000;
    QTemporaryDir dir;
    auto profile = imp::bench::freshProfile(dir.path());
    if (!profile)
        return 1;
    // The previous catch-up ended at "A-1": every page after it is new to this device.
    profile->putSetting("mam.last", "A-1").waitForFinished();
    imp::chat::test::InProcessChannel channel;
    imp::chat::MessageService service(profile, channel,
                                      [] { return QStringLiteral("alice@imp.test"); });
    service.start();

    std::vector<QByteArray> pages;
    for (int from = 0; from < total; from += 250)
        pages.push_back(page(QString::fromLatin1(QueryIdSlot), from, std::min(250, total - from)));
    int served = 0;
    qsizetype answered = 0;
    bool finished = false;
    QObject::connect(&service, &imp::chat::MessageService::syncFinished, [&] { finished = true; });
    QElapsedTimer wall;
    double cpuStart = 0;
    // Each MAM query gets the next page; the last one says the archive is complete.
    auto pump = [&] {
        for (; answered < channel.sentIqs.size(); ++answered) {
            const auto iq = channel.sentIqs[answered];
            const auto query = iq.firstChild("query", Mam);
            if (query.isNull())
                continue;
            const int count = std::min(250, total - served);
            QByteArray xml = pages[static_cast<size_t>(served / 250)];
            channel.inject(xml.replace(QueryIdSlot, query.attribute("queryid").toLatin1()));
            served += count;
            const bool complete = served >= total;
            channel.answerIq(iq.attribute("id"),
                             QStringLiteral("<fin xmlns='urn:xmpp:mam:2' complete='%1'><set "
                                            "xmlns='http://jabber.org/protocol/rsm'><first>A%2"
                                            "</first><last>A%3</last></set></fin>")
                                 .arg(complete ? "true" : "false")
                                 .arg(served - count)
                                 .arg(served - 1)
                                 .toUtf8());
        }
    };
    wall.start();
    cpuStart = cpuSeconds();
    const double mainStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    channel.goOnline();
    while (!finished) {
        pump();
        // Sleeps until the database thread answers: no busy loop in the figure.
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    const double seconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuStart;
    const double mainCpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - mainStart;
    auto stored = service.page("friend1@imp.test", std::nullopt, 10).result();
    std::printf("chat_ingest_messages %d\n", served);
    std::printf("chat_ingest_msg_per_s %.0f\n", served / seconds);
    std::printf("chat_ingest_cpu_us_per_msg %.1f\n", cpu * 1e6 / served);
    std::printf("chat_ingest_ui_thread_cpu_us_per_msg %.1f\n", mainCpu * 1e6 / served);
    std::printf("chat_ingest_rss_mib %.1f\n", imp::bench::rssKiB() / 1024.0);
    std::printf("chat_ingest_first_page_ok %d\n", stored.ok() && stored->size() == 10 ? 1 : 0);
    return 0;
}
