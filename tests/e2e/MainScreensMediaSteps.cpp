// The main-screens journey's media steps (MainScreensJourneyTest calls them as slots): voice
// notes through a virtual microphone and speaker, and photos both ways.
#include "MainScreensJourney.h"

#include <QBuffer>
#include <QImage>
#include <QRandomGenerator>

namespace imp::test {

// Voice notes through the UI, with a virtual microphone (a private PulseAudio whose speaker
// the microphone hears): hold to talk, slide up to cancel, release to send, click and click
// again on a desktop, too short; the peer downloads what was sent and checks it. Incoming
// notes play into the speaker one after another. The recording panel is rendered.
void MainScreensJourney::voiceNotesSteps()
{
    QVERIFY2(!myJid.isEmpty(), "needs the sign-up step");
    auto shell = open("zh_CN", {390, 844});
    QVERIFY(shell);
    auto *c = chats(*shell);
    auto *v = voice(*shell);
    QVERIFY(v);
    openChatWith(*shell, jidOf("张伟"));
    QVERIFY(click(*shell, "voiceModeButton"));
    QTRY_VERIFY(itemNow(*shell, "holdToTalk") && itemNow(*shell, "holdToTalk")->isVisible());
    peer({{"op", "tone"}, {"on", true}});
    const int before = c->messages()->count();
    const QPoint bar = centreOf(*shell, "holdToTalkArea");
    const QPoint above = bar - QPoint(0, 120);
    auto holdUntil = [&](qint64 ms) {
        QTRY_VERIFY_WITH_TIMEOUT(v->recording(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(v->elapsedMs() >= ms, int(ms) + 5000);
    };

    // Hold, slide up, release: nothing is sent.
    QTest::mousePress(shell->window(), Qt::LeftButton, {}, bar);
    holdUntil(1500);
    QCOMPARE(textNow(*shell, "voiceHint"), QString("上滑取消"));
    QVERIFY(itemNow(*shell, "voiceRecordPanel")->isVisible());
    shot(*shell, "m19-voice-recording");
    QTest::mouseMove(shell->window(), above);
    QTRY_VERIFY(v->cancelArmed());
    QCOMPARE(textNow(*shell, "voiceHint"), QString("松开手指，取消发送"));
    shot(*shell, "m20-voice-cancel");
    QTest::mouseRelease(shell->window(), Qt::LeftButton, {}, above);
    QTRY_VERIFY(!v->recording());
    QTest::qWait(1500);
    QCOMPARE(c->messages()->count(), before);

    // Hold and release: sent, and the peer's download checks out.
    QTest::mousePress(shell->window(), Qt::LeftButton, {}, bar);
    holdUntil(2500);
    QTest::mouseRelease(shell->window(), Qt::LeftButton, {}, bar);
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), before + 1, 5000);
    auto newest = c->messages()->get(0);
    QCOMPARE(newest.value("attachmentKind").toString(), QString("voice"));
    QVERIFY(newest.value("outgoing").toBool());
    const qint64 sentMs = newest.value("durationMs").toLongLong();
    QVERIFY2(sentMs >= 2500 && sentMs < 4500, qPrintable(QString::number(sentMs)));
    QTRY_VERIFY_WITH_TIMEOUT(c->messages()->get(0).value("deliveryState").toString() != "sending",
                             20000);
    auto got = peer({{"op", "voice_received"}, {"peer", "张伟"}, {"to", myJid}, {"count", 1}});
    QCOMPARE(got.value("count").toInt(), 1);
    QCOMPARE(got.value("sha256").toString(), got.value("declared_sha256").toString());
    QCOMPARE(got.value("size").toInteger(), newest.value("attachmentSize").toLongLong());
    QVERIFY2(qAbs(got.value("seconds").toDouble() * 1000 - double(sentMs)) < 100,
             qPrintable(QString::number(got.value("seconds").toDouble())));

    // A desktop click starts it, the next click sends it.
    QTest::mouseClick(shell->window(), Qt::LeftButton, {}, bar);
    holdUntil(1300);
    QCOMPARE(textNow(*shell, "voiceHint"), QString("再次点击发送，Esc 取消"));
    QTest::mouseClick(shell->window(), Qt::LeftButton, {}, bar);
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), before + 2, 5000);
    got = peer({{"op", "voice_received"}, {"peer", "张伟"}, {"to", myJid}, {"count", 2}});
    QCOMPARE(got.value("count").toInt(), 2);

    // Under a second: "too short", nothing sent.
    QTest::mousePress(shell->window(), Qt::LeftButton, {}, bar);
    QTRY_VERIFY_WITH_TIMEOUT(v->recording(), 5000);
    QTest::qWait(600);
    QTest::mouseRelease(shell->window(), Qt::LeftButton, {}, bar);
    QTRY_COMPARE(textNow(*shell, "toast"), QString("说话时间太短"));
    QTest::qWait(1000);
    QCOMPARE(c->messages()->count(), before + 2);
    peer({{"op", "tone"}, {"on", false}});

    // Two more notes from them: tapping the first unplayed one plays all three in turn.
    auto incomingVoice = [](const QVariantMap &m) {
        return m.value("attachmentKind").toString() == "voice" && !m.value("outgoing").toBool();
    };
    // The oldest unplayed incoming note (the 6 s one from before).
    qint64 firstId = -1;
    for (int row = 0; row < c->messages()->count(); ++row) {
        const auto m = c->messages()->get(row);
        if (incomingVoice(m) && !m.value("played").toBool())
            firstId = m.value("messageId").toLongLong();
    }
    QVERIFY(firstId > 0);
    const int beforeNotes = c->messages()->count();
    peer({{"op", "voice"}, {"peer", "张伟"}, {"to", myJid}, {"seconds", 2}});
    peer({{"op", "voice"}, {"peer", "张伟"}, {"to", myJid}, {"seconds", 2}});
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), beforeNotes + 2, 20000);
    for (int row : {0, 1}) {
        QTRY_VERIFY_WITH_TIMEOUT(incomingVoice(c->messages()->get(row)) &&
                                     c->messages()->get(row).value("transfer") == "ready",
                                 20000);
    }
    const qint64 lastId = c->messages()->get(0).value("messageId").toLongLong();
    QVERIFY(click(*shell, "voiceModeButton")); // back to the keyboard
    // Scrolled to it, as a person would, then tapped.
    const int first = c->messages()->rowOf(firstId);
    QVERIFY(first >= 2);
    QVERIFY(QMetaObject::invokeMethod(item(*shell, "messageList"), "positionViewAtIndex",
                                      Q_ARG(int, first), Q_ARG(int, 1 /* ListView.Center */)));
    QTest::qWait(300);
    QVERIFY(click(*shell, QString("bubble_%1").arg(first)));
    QTRY_COMPARE_WITH_TIMEOUT(v->playingId(), firstId, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(peer({{"op", "sink_inputs"}}).value("streams").toInt() >= 1, 5000);
    shot(*shell, "m21-voice-playing");
    QTRY_COMPARE_WITH_TIMEOUT(v->playingId(), lastId, 20000); // the newest, after the others
    QTRY_COMPARE_WITH_TIMEOUT(v->playingId(), qint64(-1), 10000);
    for (int row : {0, 1, c->messages()->rowOf(firstId)})
        QVERIFY2(c->messages()->get(row).value("played").toBool(),
                 qPrintable(QString::number(row)));
    // One more stays unplayed for the pictures.
    peer({{"op", "voice"}, {"peer", "张伟"}, {"to", myJid}, {"seconds", 3}});
    QTRY_VERIFY_WITH_TIMEOUT(c->messages()->get(0).value("transfer") == "ready", 20000);
    shell.reset();

    shootAll("m22-voice-recording", [this](AppShell &s) {
        openChatWith(s, jidOf("张伟"));
        QVERIFY(click(s, "voiceModeButton"));
        peer({{"op", "tone"}, {"on", true}});
        auto *vc = voice(s);
        QVERIFY(vc->press());
        QTRY_VERIFY_WITH_TIMEOUT(vc->elapsedMs() >= 1200, 6000);
    }); // closing the app mid-note keeps nothing
    peer({{"op", "tone"}, {"on", false}});
}

// Photos both ways: theirs is fetched by itself and shown as a thumbnail, a tap opens the
// viewer; ours (a JPEG with a GPS place in its Exif) reaches the peer without the place.
void MainScreensJourney::photoSteps()
{
    QVERIFY2(!myJid.isEmpty(), "needs the sign-up step");
    auto shell = open("zh_CN", {390, 844});
    QVERIFY(shell);
    auto *c = chats(*shell);
    openChatWith(*shell, jidOf("张伟"));
    const int before = c->messages()->count();
    peer({{"op", "photo"}, {"peer", "张伟"}, {"to", myJid}, {"width", 640}, {"height", 480}});
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), before + 1, 20000);
    QCOMPARE(c->messages()->get(0).value("attachmentKind").toString(), QString("image"));
    QTRY_VERIFY_WITH_TIMEOUT(
        c->messages()->get(0).value("mediaSource").toString().startsWith("image://impmedia/"),
        20000);
    // The thumbnail in its bubble: decrypted and decoded (Image.Ready).
    QTRY_VERIFY_WITH_TIMEOUT(thumbnailReady(*shell, 0), 10000);
    QVERIFY(click(*shell, "bubble_0"));
    // The viewer (a popup in the window's overlay) shows the photo at full size.
    QTRY_VERIFY(itemNow(*shell, "photoViewerImage") &&
                itemNow(*shell, "photoViewerImage")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(itemNow(*shell, "photoViewerImage")->property("status").toInt(), 1,
                              10000);
    QCOMPARE(itemNow(*shell, "photoViewerImage")->property("implicitWidth").toInt(), 640);
    QTest::keyClick(shell->window(), Qt::Key_Escape);
    QTRY_VERIFY(!itemNow(*shell, "photoViewerImage") ||
                !itemNow(*shell, "photoViewerImage")->isVisible());

    // Ours: a JPEG whose Exif names a place; the peer gets the photo without it.
    const QString place = QString("GPS %1 home").arg(QRandomGenerator::global()->generate());
    QImage image(800, 600, QImage::Format_RGB32);
    image.fill(QColor("#3b82f6"));
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(image.save(&buffer, "JPEG"));
    const QByteArray exif = QByteArray("Exif\0\0II\x2a\0\x08\0\0\0\0\0\0\0", 16) + place.toUtf8();
    QByteArray app1("\xFF\xE1", 2);
    app1 += char((exif.size() + 2) >> 8);
    app1 += char((exif.size() + 2) & 0xFF);
    jpeg.insert(2, app1 + exif);
    QTemporaryDir pics;
    const QString path = pics.filePath("holiday.jpg");
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly) && out.write(jpeg) == jpeg.size());
    out.close();
    auto *a = attachments(*shell);
    QVERIFY(a);
    const int mine = c->messages()->count();
    a->sendPath(path);
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), mine + 1, 10000);
    QVERIFY(c->messages()->get(0).value("outgoing").toBool());
    QCOMPARE(c->messages()->get(0).value("attachmentKind").toString(), QString("image"));
    const auto got = peer({{"op", "file_received"},
                           {"peer", "张伟"},
                           {"to", myJid},
                           {"count", 3},
                           {"canary", place}});
    QCOMPARE(got.value("count").toInt(), 3);
    QVERIFY(got.value("jpeg").toBool());
    QVERIFY2(!got.value("canary").toBool(), "the photo's place left the device");
    QCOMPARE(got.value("sha256").toString(), got.value("declared_sha256").toString());
    // XEP-0446 says how big it is, so a receiver can lay the bubble out before it loads.
    QCOMPARE(got.value("width").toInt(), 800);
    QCOMPARE(got.value("height").toInt(), 600);
    shell.reset();

    shootAll("m23-photo-bubbles", [this](AppShell &s) {
        openChatWith(s, jidOf("张伟"));
        QTRY_VERIFY_WITH_TIMEOUT(thumbnailReady(s, 1), 10000);
    });
    shootAll("m24-photo-viewer", [this](AppShell &s) {
        openChatWith(s, jidOf("张伟"));
        auto *cs = chats(s);
        const int row = rowWhere(cs, [](const QVariantMap &m) {
            return m.value("attachmentKind") == "image" && !m.value("outgoing").toBool();
        });
        QVERIFY(row >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(itemNow(s, QString("bubble_%1").arg(row)), 5000);
        QVERIFY(click(s, QString("bubble_%1").arg(row)));
        QTRY_COMPARE_WITH_TIMEOUT(itemNow(s, "photoViewerImage")->property("status").toInt(), 1,
                                  10000);
    });
}

} // namespace imp::test
