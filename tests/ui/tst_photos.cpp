// Photos in forms: a picture file becomes an upright JPEG of at most 1600 pixels with none of the file's metadata
// (an EXIF block with a GPS position goes), files that are too large or not pictures are refused with their
// name, and the photo control adds, shows and removes photos from the keyboard, keeping them as attachments.
#include "../sync/SyncTestKit.h"
#include "app/forms/LayoutReader.h"
#include "app/sync/AppSchema.h"
#include "sync/blobs/LocalBlobs.h"
#include "ui/forms/Attachments.h"
#include "ui/forms/FormView.h"
#include "ui/forms/PhotoControl.h"
#include "ui/forms/PhotoImport.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace fieldline;

namespace {

/**
 * A TIFF-structured EXIF block: an orientation tag (1 upright, 6 turned: shown rotated a quarter clockwise) and a
 * GPS directory holding a latitude, with a marker text to look for.
 */
QByteArray exifWithGps(quint16 orientation)
{
    QByteArray tiff("II*\0\x08\0\0\0", 8);
    auto u16 = [&tiff](quint16 v) { tiff.append(char(v & 0xff)).append(char(v >> 8)); };
    auto u32 = [&tiff](quint32 v) {
        for (int i = 0; i < 4; ++i)
            tiff.append(char((v >> (8 * i)) & 0xff));
    };
    u16(2);      // IFD0 at 8: two entries, then the next-IFD offset: ends at 38
    u16(0x0112); // Orientation, SHORT, 1, inline
    u16(3);
    u32(1);
    u16(orientation);
    u16(0);
    u16(0x8825); // GPS IFD pointer, LONG
    u16(4);
    u32(1);
    u32(38);
    u32(0);
    u16(2);      // GPS IFD at 38: two entries, ends at 68
    u16(0x0001); // GPSLatitudeRef, ASCII "N"
    u16(2);
    u32(2);
    tiff.append("N\0\0\0", 4);
    u16(0x0002); // GPSLatitude, 3 rationals at 68
    u16(5);
    u32(3);
    u32(68);
    u32(0);
    for (quint32 part : {48u, 1u, 51u, 1u, 30u, 1u})
        u32(part);
    tiff.append("GPS-CANARY-48.8584N");
    return QByteArray("Exif\0\0", 6) + tiff;
}

/** A JPEG of @p size with the EXIF block inserted after its start marker. */
QByteArray jpegWithGps(QSize size, quint16 orientation = 1)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QPainter(&image).fillRect(QRect(QPoint(0, 0), size / 2), Qt::yellow);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    const QByteArray exif = exifWithGps(orientation);
    const quint16 length = quint16(exif.size() + 2);
    QByteArray segment("\xFF\xE1", 2);
    segment.append(char(length >> 8)).append(char(length & 0xff)).append(exif);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &content)
{
    QFile file(dir.filePath(QLatin1String(name)));
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? file.fileName() : QString();
}

} // namespace

class tst_Photos : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void importDownscalesAndDropsMetadata()
    {
        const QByteArray original = jpegWithGps(QSize(4000, 3000));
        QVERIFY(original.contains("GPS-CANARY") && original.contains("Exif"));
        const QString path = write(m_dir, "camera.jpg", original);
        QVERIFY(!path.isEmpty());
        QCOMPARE(QImage(path).size(), QSize(4000, 3000)); // Qt reads the file with its EXIF block

        QString error;
        const std::optional<ui::PhotoImport::Photo> photo = ui::PhotoImport::fromFile(path, error);
        QVERIFY2(photo, qPrintable(error));
        QCOMPARE(photo->size, QSize(1600, 1200));
        QVERIFY(!photo->jpeg.contains("GPS-CANARY"));
        QVERIFY(!photo->jpeg.contains("Exif"));
        QVERIFY(photo->jpeg.size() < original.size());
        const QImage back = QImage::fromData(photo->jpeg, "JPEG");
        QCOMPARE(back.size(), QSize(1600, 1200));
        QCOMPARE(QColor(back.pixel(100, 100)).red() > 200, true); // the yellow quarter is still yellow

        // A small picture keeps its size, and still loses its metadata.
        const std::optional<ui::PhotoImport::Photo> small =
            ui::PhotoImport::fromFile(write(m_dir, "small.jpg", jpegWithGps(QSize(640, 480))), error);
        QVERIFY(small);
        QCOMPARE(small->size, QSize(640, 480));
        QVERIFY(!small->jpeg.contains("GPS-CANARY"));
    }

    void turnedPhotoComesOutUpright()
    {
        // Stored 4000 x 3000 with "shown turned a quarter": kept as an upright 1200 x 1600 picture.
        const QString path = write(m_dir, "turned.jpg", jpegWithGps(QSize(4000, 3000), 6));
        QString error;
        const std::optional<ui::PhotoImport::Photo> photo = ui::PhotoImport::fromFile(path, error);
        QVERIFY2(photo, qPrintable(error));
        QCOMPARE(photo->size, QSize(1200, 1600));
        QCOMPARE(QImage::fromData(photo->jpeg, "JPEG").size(), QSize(1200, 1600));
        QVERIFY(!photo->jpeg.contains("GPS-CANARY"));
    }

    void badFilesAreRefusedByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not a picture") << "notes.jpg"
                                       << "is not a picture";
        QTest::newRow("too large") << "huge.jpg"
                                   << "larger than 40 MB";
        QTest::newRow("missing") << "nowhere.jpg"
                                 << "is not a file";
    }

    void badFilesAreRefusedByName()
    {
        QFETCH(QString, name);
        QFETCH(QString, problem);
        (void)write(m_dir, "notes.jpg", "these are not pixels");
        QFile huge(m_dir.filePath(QStringLiteral("huge.jpg")));
        QVERIFY(huge.open(QIODevice::WriteOnly) && huge.resize(ui::PhotoImport::MaxFileBytes + 1)); // sparse
        huge.close();
        QString error;
        QVERIFY(!ui::PhotoImport::fromFile(m_dir.filePath(name), error));
        QVERIFY2(error.contains(name) && error.contains(problem), qPrintable(error));
    }

    void controlAddsShowsAndRemovesPhotos()
    {
        synctest::Device device(m_dir.filePath(QStringLiteral("photos.db")), 1'790'000'000'000, app::appSchema());
        QCOMPARE(device.open(), QString());
        sync::LocalBlobs blobs(device->database());
        QVERIFY(blobs.createTables());
        ui::BlobAttachments attachments(blobs);
        const QByteArray json = R"({"format": 1, "id": "p", "version": 1, "title": {"en": "P"}, "sections": [{"id": "a",
            "fields": [{"id": "photos", "type": "photo", "label": {"en": "Photos"}, "max": 3}]}]})";
        const forms::Layout layout = *forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish).layout;
        ui::FormView view(layout, QStringLiteral("en"), &attachments);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *control = qobject_cast<ui::PhotoControl *>(view.control(QStringLiteral("photos")));
        QVERIFY(control);
        QSignalSpy edits(control, &ui::FieldControl::edited);

        control->addFiles({write(m_dir, "a.jpg", jpegWithGps(QSize(2000, 1000))),
                           write(m_dir, "bad.jpg", "not a picture"),
                           write(m_dir, "b.jpg", jpegWithGps(QSize(300, 600)))});
        QCOMPARE(edits.size(), 1);
        const forms::FormValue value = control->value();
        QCOMPARE(value.toList().size(), size_t(2));
        QCOMPARE(control->thumbnails()->count(), 2);
        QVERIFY(!control->thumbnails()->item(0)->icon().isNull());
        bool named = false;
        for (const QLabel *label : view.findChildren<QLabel *>())
            named = named || (label->isVisible() && label->text().contains(QStringLiteral("bad.jpg")));
        QVERIFY(named);
        // The stored photo is the downscaled, clean one.
        const std::optional<QByteArray> stored = attachments.content(value.toList()[0].toText());
        QVERIFY(stored);
        QCOMPARE(QImage::fromData(*stored).size(), QSize(1600, 800));
        QVERIFY(!stored->contains("GPS-CANARY"));
        QCOMPARE(blobs.waitingForUpload()->size(), size_t(2));

        // Shown again from the value; Delete on a selected thumbnail removes it.
        ui::FormView again(layout, QStringLiteral("en"), &attachments);
        auto *other = qobject_cast<ui::PhotoControl *>(again.control(QStringLiteral("photos")));
        other->setValue(value);
        QCOMPARE(other->thumbnails()->count(), 2);
        control->thumbnails()->setFocus();
        control->thumbnails()->setCurrentRow(0);
        QTest::keyClick(control->thumbnails(), Qt::Key_Delete);
        QCOMPARE(control->value().toList().size(), size_t(1));
        QCOMPARE(control->value().toList()[0], value.toList()[1]);
        QCOMPARE(edits.size(), 2);

        // On another device the photos are not there yet: they are asked for, and shown when they arrive.
        synctest::Device secondDevice(m_dir.filePath(QStringLiteral("second.db")), 1'790'000'000'000, app::appSchema());
        QCOMPARE(secondDevice.open(), QString());
        sync::LocalBlobs otherBlobs(secondDevice->database());
        QVERIFY(otherBlobs.createTables());
        QStringList asked;
        ui::BlobAttachments downloading(otherBlobs, [&](const QString &name, std::function<void(bool)> done) {
            asked << name;
            const sync::BlobName blob = *sync::BlobName::fromHex(name.toLatin1());
            const QByteArray content = **blobs.content(blob); // what the server would send
            QTimer::singleShot(
                0, [&otherBlobs, blob, content, done] { done(bool(otherBlobs.addDownloaded(blob, content))); });
        });
        ui::FormView elsewhere(layout, QStringLiteral("en"), &downloading);
        auto *remote = qobject_cast<ui::PhotoControl *>(elsewhere.control(QStringLiteral("photos")));
        remote->setValue(value);
        QCOMPARE(remote->thumbnails()->item(0)->text(), QStringLiteral("Not on this device yet"));
        QCOMPARE(asked.size(), 2);
        QTRY_VERIFY(!remote->thumbnails()->item(0)->icon().isNull());
        QVERIFY(!remote->thumbnails()->item(1)->icon().isNull());
        QCOMPARE(remote->thumbnails()->item(0)->text(), QString());
    }
};

QTEST_MAIN(tst_Photos)
#include "tst_photos.moc"
