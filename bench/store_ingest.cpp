// Message store ingest and first-page latency (issue 4, DESIGN.md §3). Prints figures, asserts
// nothing. Uses a real file database with the app's settings (WAL, synchronous=FULL,
// secure_delete) in a temporary folder.
//
//   encrypted  every message: HMAC conversation/id tags + AES-256-GCM seal, batches of 1,000
//   plain      the same schema and rows, but peer JID / ids / body stored as they are
//   seal_only  the crypto share alone (tags + seal, nothing stored)
//   first_page a fresh connection to a 100k-message conversation: newest 50 rows (+ opening
//              the 50 sealed values)
#include "crypto/Aead.h"
#include "crypto/Hkdf.h"
#include "crypto/Hmac.h"
#include "crypto/SecureRandom.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

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

store::MessageRow makeRow(int i, bool encrypted)
{
    store::MessageRow r;
    r.ts = 1700000000000 + i;
    r.direction = i % 2;
    r.state = 1;
    const QByteArray originId = "origin-" + QByteArray::number(i);
    const QByteArray stanzaId = "stanza-" + QByteArray::number(i);
    if (!encrypted) {
        r.conversationTag = kPeer;
        r.originIdTag = originId;
        r.stanzaIdTag = stanzaId;
        r.sealed = body(i);
        return r;
    }
    const Keys &k = keys();
    r.conversationTag = crypto::Hmac::sha256(k.indexKey, "conversation:" + kPeer);
    r.originIdTag = crypto::Hmac::sha256(k.indexKey, "origin-id:" + originId);
    r.stanzaIdTag = crypto::Hmac::sha256(k.indexKey, "stanza-id:" + stanzaId);
    auto sealed = crypto::Aead::seal(k.messageKey, body(i),
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
            auto out = repo.insertBatch(batch);
            if (!out) {
                std::fprintf(stderr, "insert failed: %s\n", out.error().detail.c_str());
                std::abort();
            }
            batch.clear();
        }
    }
}

void BM_Ingest(benchmark::State &state, bool encrypted, bool bigCache = false)
{
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        store::Database db = openFresh(dir.filePath(QStringLiteral("ingest.db")));
        if (bigCache)
            (void)db.exec(QStringLiteral("PRAGMA cache_size = -65536")); // 64 MiB, default 2 MiB
        state.ResumeTiming();
        const auto start = Clock::now();
        ingest(db, encrypted);
        if (!bigCache)
            g_seconds[encrypted ? "encrypted" : "plain"] =
                std::chrono::duration<double>(Clock::now() - start).count();
    }
    state.counters["msg/s"] = benchmark::Counter(
        static_cast<double>(kMessages) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_IngestEncrypted(benchmark::State &state)
{
    BM_Ingest(state, true);
}

// The crypto share of BM_IngestEncrypted: building the same 100k rows without storing them.
void BM_SealOnly(benchmark::State &state)
{
    for (auto _ : state) {
        for (int i = 0; i < kMessages; ++i)
            benchmark::DoNotOptimize(makeRow(i, true));
    }
    state.counters["msg/s"] = benchmark::Counter(
        static_cast<double>(kMessages) * state.iterations(), benchmark::Counter::kIsRate);
}
void BM_IngestPlain(benchmark::State &state)
{
    BM_Ingest(state, false);
}
// HMAC tags are random keys: each batch dirties pages all over the two dedup indexes. A bigger
// page cache (not what Database::open sets today) shows how much of the gap that is.
void BM_IngestEncryptedCache64M(benchmark::State &state)
{
    BM_Ingest(state, true, true);
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
    }
    return 0;
}
