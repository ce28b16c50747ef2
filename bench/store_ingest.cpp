// Message store ingest and first-page latency (issues 4 and 9, DESIGN.md §3). Prints figures,
// asserts nothing. Uses a real file database with the app's settings (WAL, synchronous=FULL,
// secure_delete) in a temporary folder.
//
//   encrypted  every message: HMAC conversation/id tags + AES-256-GCM seal, batches of 1,000
//   plain      the same schema, repository and rows, but peer JID / ids / body stored as they
//              are: the baseline for what encryption costs
//   store_only the encrypted rows built beforehand: the store's share alone
//   seal_only  the crypto share alone (tags + seal, nothing stored)
//   first_page a fresh connection to a 100k-message conversation: newest 50 rows (+ opening
//              the 50 sealed values)
// Message ids are random UUIDs in both, as XMPP clients and servers make them: sequential ids
// ("origin-1", "origin-2", ...) would let the plain run's indexes grow at one end, which no real
// archive does.
#include "crypto/Aead.h"
#include "crypto/Hkdf.h"
#include "crypto/Hmac.h"
#include "crypto/SecureRandom.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace imp;
using Clock = std::chrono::steady_clock;

constexpr int kMessages = 100000;
constexpr int kBatch = 1000;
const QByteArray kPeer = "bench.peer@example.org";

struct Keys {
    QByteArray dataKey = crypto::SecureRandom::bytes(32);
    QByteArray messageKey =
        crypto::Hkdf::deriveSha256(dataKey, "imp.vault.v1", "imp.messages.seal.v1", 32);
    QByteArray indexKey = crypto::Hkdf::deriveSha256(dataKey, "imp.vault.v1", "imp.index.v1", 32);
};

const Keys &keys()
{
    static const Keys k;
    return k;
}

std::map<std::string, double> g_seconds; // figure name -> wall seconds, for the ratio

QByteArray body(int i)
{
    // ~100 bytes, a typical chat line.
    return "from:" + kPeer + "\nbody:message number " + QByteArray::number(i) +
           " - lorem ipsum dolor sit amet, consectetur adipiscing elit";
}

// A random-looking UUID, the same for the same (i, salt) in every run and in both variants.
QByteArray uuid(int i, quint64 salt)
{
    auto mix = [](quint64 z) { // splitmix64
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    const quint64 x = static_cast<quint64>(i) * 4 + salt; // salt 1 or 3: never the same x
    const QByteArray hex =
        QByteArray::number(mix(x), 16).rightJustified(16, '0') +
        QByteArray::number(mix(x + 0x9e3779b97f4a7c15ULL), 16).rightJustified(16, '0');
    return hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' +
           hex.mid(20, 12);
}

// What arrives: the messages' ids and text, made once before any timing (they come off the
// wire; making them is no work of the store's or of sealing).
struct Incoming {
    std::vector<QByteArray> originIds, stanzaIds, bodies;
    Incoming()
    {
        for (int i = 0; i < kMessages; ++i) {
            originIds.push_back(uuid(i, 1));
            stanzaIds.push_back(uuid(i, 3));
            bodies.push_back(body(i));
        }
    }
};

const Incoming &incoming()
{
    static const Incoming in;
    return in;
}

store::MessageRow makeRow(int i, bool encrypted)
{
    store::MessageRow r;
    r.ts = 1700000000000 + i;
    r.direction = i % 2;
    r.state = 1;
    const Incoming &in = incoming();
    const auto at = static_cast<std::size_t>(i);
    if (!encrypted) {
        r.conversationTag = kPeer;
        r.originIdTag = in.originIds[at];
        r.stanzaIdTag = in.stanzaIds[at];
        r.sealed = in.bodies[at];
        return r;
    }
    const Keys &k = keys();
    r.conversationTag = crypto::Hmac::sha256(k.indexKey, "conversation:" + kPeer);
    r.originIdTag = crypto::Hmac::sha256(k.indexKey, "origin-id:" + in.originIds[at]);
    r.stanzaIdTag = crypto::Hmac::sha256(k.indexKey, "stanza-id:" + in.stanzaIds[at]);
    auto sealed = crypto::Aead::seal(k.messageKey, in.bodies[at],
                                     store::MessageRepository::sealedAssociatedData(r));
    if (!sealed) {
        std::fprintf(stderr, "seal failed: %s\n", sealed.error().detail.c_str());
        std::abort();
    }
    r.sealed = *sealed;
    return r;
}

store::Database openFresh(const QString &path)
{
    auto db = store::Database::open(path);
    if (!db || !store::Migrations::migrate(*db)) {
        std::fprintf(stderr, "cannot open bench database\n");
        std::abort();
    }
    return std::move(db).value();
}

void insertOrDie(store::MessageRepository &repo, const std::vector<store::MessageRow> &batch)
{
    auto out = repo.insertBatch(batch);
    if (!out) {
        std::fprintf(stderr, "insert failed: %s\n", out.error().detail.c_str());
        std::abort();
    }
}

// Builds rows (sealing included when encrypted) and inserts them batch by batch: the time is
// what chat/ would spend to store kMessages incoming messages.
void ingest(store::Database &db, bool encrypted)
{
    store::MessageRepository repo(db);
    std::vector<store::MessageRow> batch;
    batch.reserve(kBatch);
    for (int i = 0; i < kMessages; ++i) {
        batch.push_back(makeRow(i, encrypted));
        if (batch.size() == kBatch || i == kMessages - 1) {
            insertOrDie(repo, batch);
            batch.clear();
        }
    }
}

enum class Variant { Encrypted, Plain, StoreOnly };

void BM_Ingest(benchmark::State &state, Variant variant, bool bigCache = false)
{
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        store::Database db = openFresh(dir.filePath(QStringLiteral("ingest.db")));
        if (bigCache)
            (void)db.exec(QStringLiteral("PRAGMA cache_size = -65536")); // 64 MiB
        (void)incoming();
        std::vector<std::vector<store::MessageRow>> sealed;
        if (variant == Variant::StoreOnly) {
            for (int i = 0; i < kMessages; i += kBatch) {
                sealed.emplace_back();
                for (int j = i; j < std::min(i + kBatch, kMessages); ++j)
                    sealed.back().push_back(makeRow(j, true));
            }
        }
        state.ResumeTiming();
        const auto start = Clock::now();
        if (variant == Variant::StoreOnly) {
            store::MessageRepository repo(db);
            for (const auto &batch : sealed)
                insertOrDie(repo, batch);
        } else {
            ingest(db, variant == Variant::Encrypted);
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (!bigCache)
            g_seconds[variant == Variant::Encrypted ? "encrypted"
                      : variant == Variant::Plain   ? "plain"
                                                    : "store_only"] = seconds;
    }
    state.counters["msg/s"] = benchmark::Counter(
        static_cast<double>(kMessages) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_IngestEncrypted(benchmark::State &state)
{
    BM_Ingest(state, Variant::Encrypted);
}

// The store's share of BM_IngestEncrypted: the same rows, sealed beforehand.
void BM_IngestStoreOnly(benchmark::State &state)
{
    BM_Ingest(state, Variant::StoreOnly);
}

// The crypto share of BM_IngestEncrypted: building the same 100k rows without storing them.
void BM_SealOnly(benchmark::State &state)
{
    (void)incoming();
    for (auto _ : state) {
        for (int i = 0; i < kMessages; ++i)
            benchmark::DoNotOptimize(makeRow(i, true));
    }
    state.counters["msg/s"] = benchmark::Counter(
        static_cast<double>(kMessages) * state.iterations(), benchmark::Counter::kIsRate);
}
void BM_IngestPlain(benchmark::State &state)
{
    BM_Ingest(state, Variant::Plain);
}
// Id keys are random: each batch dirties pages all over the two dedupe indexes. A far bigger
// page cache than Database::open sets shows whether reading those pages back still costs.
void BM_IngestEncryptedCache64M(benchmark::State &state)
{
    BM_Ingest(state, Variant::Encrypted, true);
}

struct FilledDatabase {
    QTemporaryDir dir;
    QString path;
    FilledDatabase()
        : path(dir.filePath(QStringLiteral("page.db")))
    {
        store::Database db = openFresh(path);
        ingest(db, true);
        (void)db.checkpoint();
    }
};

FilledDatabase &filled()
{
    static FilledDatabase f;
    return f;
}

QByteArray pageOnce(store::Database &db, bool open)
{
    const QByteArray conv = crypto::Hmac::sha256(keys().indexKey, "conversation:" + kPeer);
    auto page = store::MessageRepository(db).pageBefore(conv, store::MessageRepository::kNewest,
                                                        store::MessageRepository::kNewest, 50);
    if (!page || page->size() != 50) {
        std::fprintf(stderr, "page failed\n");
        std::abort();
    }
    QByteArray last;
    if (open) {
        for (const auto &row : *page) {
            auto plain = crypto::Aead::open(keys().messageKey, row.sealed,
                                            store::MessageRepository::sealedAssociatedData(row));
            if (!plain)
                std::abort();
            last = *plain;
        }
    }
    return last;
}

// Newest 50 rows on an open connection (the conversation view opening), decrypted.
void BM_FirstPage(benchmark::State &state)
{
    store::Database db = openFresh(filled().path);
    for (auto _ : state)
        benchmark::DoNotOptimize(pageOnce(db, state.range(0) != 0));
}

// Cold connection: open the file (WAL setup, migration check), then the first page, opened.
void BM_FirstPageFreshConnection(benchmark::State &state)
{
    const QString path = filled().path;
    for (auto _ : state) {
        store::Database db = openFresh(path);
        benchmark::DoNotOptimize(pageOnce(db, true));
    }
}

} // namespace

BENCHMARK(BM_IngestEncrypted)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IngestPlain)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IngestStoreOnly)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IngestEncryptedCache64M)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SealOnly)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FirstPage)->ArgName("decrypt")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FirstPageFreshConnection)->Unit(benchmark::kMicrosecond)->UseRealTime();

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (g_seconds.count("encrypted") && g_seconds.count("plain")) {
        const double enc = kMessages / g_seconds["encrypted"];
        const double plain = kMessages / g_seconds["plain"];
        std::printf(
            "\ningest of %d messages, batches of %d: encrypted %.0f msg/s, plain %.0f msg/s, "
            "encrypted/plain throughput ratio %.2f\n",
            kMessages, kBatch, enc, plain, enc / plain);
        if (g_seconds.count("store_only"))
            std::printf("store share of the encrypted run: %.0f msg/s (%.0f%% of its time)\n",
                        kMessages / g_seconds["store_only"],
                        100.0 * g_seconds["store_only"] / g_seconds["encrypted"]);
    }
    return 0;
}
