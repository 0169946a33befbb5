// The signature pad: strokes drawn with the mouse (as pens and touch arrive) become the field's value with the
// name of a PNG kept in the encrypted attachment store; Delete clears; a stored signature comes back at another
// size; a value this version cannot read is kept; the stored text parses back and is limited.
#include "../sync/SyncTestKit.h"
#include "app/forms/LayoutReader.h"
#include "app/forms/Signature.h"
#include "app/sync/AppSchema.h"
#include "sync/blobs/LocalBlobs.h"
#include "ui/forms/Attachments.h"
#include "ui/forms/FormView.h"
#include "ui/forms/SignatureControl.h"
#include "ui/forms/SignaturePad.h"

#include <QApplication>
#include <QImage>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;
using forms::Signature;

namespace {

forms::Layout signatureLayout()
{
    const QByteArray json = R"({"format": 1, "id": "s", "version": 1, "title": {"en": "S"}, "sections": [{"id": "a",
        "fields": [{"id": "signed_by", "type": "signature", "label": {"en": "Signature"}, "required": true}]}]})";
    return *forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish).layout;
}

/** Draws one stroke through @p points (widget coordinates) with the left button. */
void stroke(QWidget *pad, const QList<QPoint> &points)
{
    QTest::mousePress(pad, Qt::LeftButton, Qt::NoModifier, points.front());
    for (const QPoint &point : points.mid(1))
        QTest::mouseMove(pad, point);
    QTest::mouseRelease(pad, Qt::LeftButton, Qt::NoModifier, points.back());
}

int inkedPixels(const QImage &image)
{
    int inked = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            inked += qAlpha(image.pixel(x, y)) > 0;
    }
    return inked;
}

} // namespace

class tst_Signature : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void drawnStrokesBecomeTheValueWithTheirPicture()
    {
        synctest::Device device(m_dir.filePath(QStringLiteral("sign.db")), 1'790'000'000'000, app::appSchema());
        QCOMPARE(device.open(), QString());
        sync::LocalBlobs blobs(device->database());
        QVERIFY(blobs.createTables());
        ui::BlobAttachments attachments(blobs);

        const forms::Layout layout = signatureLayout();
        ui::FormView view(layout, QStringLiteral("en"), &attachments);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        auto *control = qobject_cast<ui::SignatureControl *>(view.control(QStringLiteral("signed_by")));
        QVERIFY(control);
        ui::SignaturePad *pad = control->pad();
        QSignalSpy edits(control, &ui::FieldControl::edited);
        QVERIFY(control->value().isNull());

        stroke(pad, {{20, 60}, {60, 30}, {100, 70}, {140, 30}, {180, 70}});
        stroke(pad, {{200, 40}, {200, 41}}); // a dot: the second point is too close to count
        QCOMPARE(edits.size(), 2);
        // The strokes are the value at once; the picture comes when the focus leaves the pad, once.
        QVERIFY(Signature::fromText(control->value().toText())->png.isEmpty());
        QCOMPARE(QApplication::focusWidget(), pad);
        control->widget()->findChild<QPushButton *>()->setFocus();
        QCOMPARE(edits.size(), 3);
        const std::optional<Signature> signature = Signature::fromText(control->value().toText());
        QVERIFY(signature);
        QCOMPARE(signature->strokes.size(), size_t(2));
        QCOMPARE(signature->strokes[0].size(), size_t(5));
        QCOMPARE(signature->strokes[1].size(), size_t(1));
        // In the 1000 x 400 box whatever the pad's size.
        QCOMPARE(signature->strokes[0].front(), QPoint(qRound(20.0 * Signature::Width / pad->width()),
                                                       qRound(60.0 * Signature::Height / pad->height())));

        // The picture is in the attachment store under the name the value gives, and shows ink.
        QCOMPARE(signature->png.size(), 64);
        const std::optional<QByteArray> png = attachments.content(signature->png);
        QVERIFY(png);
        const QImage image = QImage::fromData(*png, "PNG");
        QCOMPARE(image.size(), QSize(500, 200));
        QVERIFY(inkedPixels(image) > 200);
        QCOMPARE(blobs.waitingForUpload()->size(), size_t(1)); // one picture for the signature, not one per stroke

        // The value shown again on a pad of another size is the same signature.
        ui::FormView other(layout, QStringLiteral("en"));
        other.resize(900, 500);
        other.control(QStringLiteral("signed_by"))->setValue(control->value());
        QCOMPARE(qobject_cast<ui::SignatureControl *>(other.control(QStringLiteral("signed_by")))->pad()->signature(),
                 *signature);

        // Delete clears it (the focus is on the pad after signing).
        pad->setFocus();
        QTest::keyClick(pad, Qt::Key_Delete);
        QVERIFY(control->value().isNull());
        QCOMPARE(edits.size(), 4);
    }

    void signsFromTheKeyboard()
    {
        const forms::Layout layout = signatureLayout();
        ui::FormView view(layout, QStringLiteral("en"));
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        auto *control = qobject_cast<ui::SignatureControl *>(view.control(QStringLiteral("signed_by")));
        view.focusField(QStringLiteral("signed_by"));
        QCOMPARE(QApplication::focusWidget(), control->pad());
        QTest::keyClicks(control->pad(), QStringLiteral("Ada L"));
        const std::optional<Signature> full = Signature::fromText(control->value().toText());
        QVERIFY(full && full->strokes.size() >= 5);         // at least one outline per letter
        QTest::keyClick(control->pad(), Qt::Key_Backspace); // takes the L back
        const std::optional<Signature> shorter = Signature::fromText(control->value().toText());
        QVERIFY(shorter && !shorter->isEmpty() && shorter->strokes.size() < full->strokes.size());
        QTest::keyClick(control->pad(), Qt::Key_Delete);
        QVERIFY(control->value().isNull());
        // A long name stays within the limits and inside the box.
        const Signature longest = ui::SignaturePad::typed(QString(300, u'W'), QFont());
        QVERIFY(longest.pointCount() <= Signature::MaxPoints && longest.pointCount() > 100);
        QVERIFY(Signature::fromText(longest.toText()));
    }

    void unreadableValueIsKept()
    {
        const forms::Layout layout = signatureLayout();
        ui::FormView view(layout, QStringLiteral("en"));
        ui::FieldControl *control = view.control(QStringLiteral("signed_by"));
        const forms::FormValue odd = forms::FormValue::text(QStringLiteral("signed on paper, see file 12"));
        control->setValue(odd);
        QCOMPARE(control->value(), odd);
        // Delete on the empty pad clears it, as Clear signature does.
        auto *pad = qobject_cast<ui::SignatureControl *>(control)->pad();
        QTest::keyClick(pad, Qt::Key_Delete);
        QVERIFY(control->value().isNull());
    }

    void storedTextIsCheckedAndLimited_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("readable");
        QTest::newRow("strokes") << R"({"strokes":[[0,0,1000,400],[5,5]],"png":"ab"})" << true;
        QTest::newRow("no picture") << R"({"strokes":[[1,2]]})" << true;
        QTest::newRow("empty") << R"({"strokes":[]})" << true;
        QTest::newRow("not JSON") << "x" << false;
        QTest::newRow("odd coordinates") << R"({"strokes":[[1,2,3]]})" << false;
        QTest::newRow("outside the box") << R"({"strokes":[[1001,2]]})" << false;
        QTest::newRow("negative") << R"({"strokes":[[-1,2]]})" << false;
        QTest::newRow("text coordinates") << R"({"strokes":[["1","2"]]})" << false;
        QTest::newRow("empty stroke") << R"({"strokes":[[]]})" << false;
        QTest::newRow("picture not text") << R"({"strokes":[[1,2]],"png":5})" << false;
        QString many = QStringLiteral(R"({"strokes":[[)");
        for (int i = 0; i <= Signature::MaxPoints; ++i)
            many += QStringLiteral("%1,1,").arg(i % 1000);
        many.chop(1);
        QTest::newRow("too many points") << many + QStringLiteral("]]}") << false;
    }

    void storedTextIsCheckedAndLimited()
    {
        QFETCH(QString, text);
        QFETCH(bool, readable);
        const std::optional<Signature> signature = Signature::fromText(text);
        QCOMPARE(signature.has_value(), readable);
        if (signature)
            QCOMPARE(Signature::fromText(signature->toText()), signature);
    }

    void theLargestSignatureFitsTheTextLimit()
    {
        Signature signature;
        signature.png = QString(64, u'a');
        for (int s = 0; s < 10; ++s) {
            Signature::Stroke line;
            for (int i = 0; i < Signature::MaxPoints / 10; ++i)
                line.push_back({1000, 400});
            signature.strokes.push_back(line);
        }
        QVERIFY(signature.toText().size() <= 20000);
    }
};

QTEST_MAIN(tst_Signature)
#include "tst_signature.moc"
