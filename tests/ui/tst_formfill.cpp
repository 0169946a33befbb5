// Filling a form from the keyboard alone, offscreen: the shipped visit report rendered natively, Enter moving
// from field to field, a choice that shows a section, a repeat row added and removed with the keyboard, computed
// amounts, validation errors shown and cleared, and finalising that refuses until every required field is filled.
#include "app/forms/LayoutReader.h"
#include "ui/forms/FormController.h"
#include "ui/forms/FormView.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

#include <tuple>

using namespace fieldline;
using namespace fieldline::forms;

namespace {

const QDateTime Now(QDate(2026, 11, 22), QTime(9, 30), Qt::UTC);

Layout visitReport()
{
    QFile file(qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("run through ctest, which sets FIELDLINE_SOURCE_DIR");
    return *LayoutReader::read(file.readAll(), LayoutJson::Mode::Render).layout;
}

QWidget *focused()
{
    return QApplication::focusWidget();
}

void type(const QString &text)
{
    QTest::keyClicks(focused(), text);
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(focused(), key, modifiers);
}

} // namespace

class tst_FormFill : public QObject
{
    Q_OBJECT

private slots:
    void fillsTheVisitReportFromTheKeyboard();
    void labelsArePlainTextAndUnknownFieldsKeepTheirValue();
    void decimalsShowTheirPlaces();
};

void tst_FormFill::fillsTheVisitReportFromTheKeyboard()
{
    const Layout layout = visitReport();
    ui::FormView view(layout, QStringLiteral("en"));
    ui::FormController controller(layout, &view, [] { return Now; });
    QSignalSpy changes(&controller, &ui::FormController::changed);
    view.resize(700, 900);
    view.show();
    QVERIFY(QTest::qWaitForWindowActive(&view));

    // The order section is hidden until the outcome is an order; required fields carry a marker.
    QVERIFY(!view.findChildren<QGroupBox *>().at(1)->isVisibleTo(&view));
    QCOMPARE(view.findChild<QLabel *>(QString(), Qt::FindChildrenRecursively)->text(),
             QStringLiteral("Date of visit *"));

    view.focusField(QStringLiteral("visited_on"));
    type(QStringLiteral("2026-11-22"));
    press(Qt::Key_Return);
    QCOMPARE(focused(), view.control(QStringLiteral("arrived"))->widget());
    type(QStringLiteral("9:15")); // not HH:MM: the error shows at once
    press(Qt::Key_Return);
    QCOMPARE(view.error(QStringLiteral("arrived")), QStringLiteral("Expected a time written as HH:MM."));
    view.focusField(QStringLiteral("arrived"));
    press(Qt::Key_Home);
    type(QStringLiteral("0"));
    QCOMPARE(view.error(QStringLiteral("arrived")), QString());
    press(Qt::Key_Return);
    type(QStringLiteral("Li Wei"));
    press(Qt::Key_Return);
    type(QStringLiteral("li.wei@"));
    QCOMPARE(view.error(QStringLiteral("contact_email")),
             QStringLiteral("Expected an email address such as name@example.com."));
    type(QStringLiteral("example.cn"));
    QCOMPARE(view.error(QStringLiteral("contact_email")), QString());
    press(Qt::Key_Return);
    type(QStringLiteral("+86 10 1234 5678"));
    press(Qt::Key_Return);

    // Outcome: the keyboard picks "Follow-up needed", which shows the follow-up date as required.
    QCOMPARE(focused(), view.control(QStringLiteral("outcome"))->widget());
    QVERIFY(!view.control(QStringLiteral("follow_up_on"))->widget()->isVisibleTo(&view));
    press(Qt::Key_Down);
    press(Qt::Key_Down);
    QCOMPARE(controller.data().value(QStringLiteral("outcome")).toText(), QStringLiteral("follow_up"));
    QVERIFY(view.control(QStringLiteral("follow_up_on"))->widget()->isVisibleTo(&view));
    press(Qt::Key_Tab);
    type(QStringLiteral("2026-11-20"));
    QCOMPARE(view.error(QStringLiteral("follow_up_on")), QStringLiteral("The follow-up comes after the visit."));
    press(Qt::Key_Backspace);
    press(Qt::Key_Backspace);
    type(QStringLiteral("30"));
    QCOMPARE(view.error(QStringLiteral("follow_up_on")), QString());

    // Change to an order: the follow-up hides, the order section shows; add a row from the keyboard.
    view.focusField(QStringLiteral("outcome"));
    press(Qt::Key_Up);
    QCOMPARE(controller.data().value(QStringLiteral("outcome")).toText(), QStringLiteral("order"));
    QVERIFY(!view.control(QStringLiteral("follow_up_on"))->widget()->isVisibleTo(&view));
    QVERIFY(view.findChildren<QGroupBox *>().at(1)->isVisibleTo(&view));
    auto *addRow = view.findChild<QAbstractButton *>(QStringLiteral("addRow_lines"));
    addRow->setFocus();
    press(Qt::Key_Space);
    QCOMPARE(view.rowCount(QStringLiteral("lines")), 1);
    QCOMPARE(focused(), view.control(QStringLiteral("lines[0].sku"))->widget());
    type(QStringLiteral("ab-1"));
    QCOMPARE(view.error(QStringLiteral("lines[0].sku")), QStringLiteral("3 to 20 capital letters, digits or dashes."));
    press(Qt::Key_A, Qt::ControlModifier);
    type(QStringLiteral("AB-100"));
    QCOMPARE(view.error(QStringLiteral("lines[0].sku")), QString());
    press(Qt::Key_Return);
    QCOMPARE(focused(), view.control(QStringLiteral("lines[0].qty"))->widget());
    press(Qt::Key_A, Qt::ControlModifier);
    type(QStringLiteral("3"));
    press(Qt::Key_Return);
    type(QStringLiteral("2.50"));
    auto amount = [&](const QString &path) { return static_cast<QLineEdit *>(view.control(path)->widget())->text(); };
    QCOMPARE(amount(QStringLiteral("lines[0].amount")), QStringLiteral("7.5"));
    QCOMPARE(amount(QStringLiteral("order_total")), QStringLiteral("7.5"));

    // A second row, then remove the first with the keyboard: the total follows.
    addRow->setFocus();
    press(Qt::Key_Space);
    type(QStringLiteral("CD-200"));
    press(Qt::Key_Return);
    press(Qt::Key_Return);
    type(QStringLiteral("10"));
    QCOMPARE(amount(QStringLiteral("order_total")), QStringLiteral("17.5"));
    view.findChild<QAbstractButton *>(QStringLiteral("removeRow_lines_0"))->setFocus();
    press(Qt::Key_Space);
    QCOMPARE(view.rowCount(QStringLiteral("lines")), 1);
    QCOMPARE(controller.data().rows(QStringLiteral("lines")).front().values.value(QStringLiteral("sku")).toText(),
             QStringLiteral("CD-200"));
    QCOMPARE(amount(QStringLiteral("order_total")), QStringLiteral("10"));

    // Finalising: the signature is required for an order and cannot be given yet in this version.
    QVERIFY(!controller.finalise());
    QCOMPARE(view.error(QStringLiteral("signed_by")), QStringLiteral("This field is required."));
    QVERIFY(changes.count() > 20);
    QCOMPARE(controller.data().value(QStringLiteral("contact_name")).toText(), QStringLiteral("Li Wei"));
    QCOMPARE(controller.data().value(QStringLiteral("arrived")).toText(), QStringLiteral("09:15"));
    QCOMPARE(controller.data().value(QStringLiteral("follow_up_on")).toDate(), QDate(2026, 11, 30)); // kept, hidden

    // With no order there is nothing missing: finalising passes.
    view.focusField(QStringLiteral("outcome"));
    press(Qt::Key_Down);
    press(Qt::Key_Down);
    QCOMPARE(controller.data().value(QStringLiteral("outcome")).toText(), QStringLiteral("no_interest"));
    QVERIFY(controller.finalise());
}

void tst_FormFill::labelsArePlainTextAndUnknownFieldsKeepTheirValue()
{
    const QByteArray json = R"({"format": 1, "id": "f", "version": 1, "title": "T", "sections": [{"id": "s",
        "fields": [{"id": "a", "type": "text", "label": "<b>bold?</b> <img src=x>"},
                   {"id": "b", "type": "slider", "label": "Slider", "steps": 5}]}]})";
    const Layout layout = *LayoutReader::read(json, LayoutJson::Mode::Render).layout;
    ui::FormView view(layout, QStringLiteral("zh_CN"));
    ui::FormController controller(layout, &view, [] { return Now; });
    FormData draft;
    draft.setValue(QStringLiteral("b"), FormValue::text(QStringLiteral("[7]")));
    controller.setData(draft);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QList<QLabel *> labels = view.findChildren<QLabel *>();
    const auto label = std::find_if(labels.cbegin(), labels.cend(),
                                    [](QLabel *l) { return l->text() == QStringLiteral("<b>bold?</b> <img src=x>"); });
    QVERIFY(label != labels.cend());
    QCOMPARE((*label)->textFormat(), Qt::PlainText);
    view.focusField(QStringLiteral("a"));
    type(QStringLiteral("typed"));
    QCOMPARE(controller.data().value(QStringLiteral("a")).toText(), QStringLiteral("typed"));
    QCOMPARE(controller.data().value(QStringLiteral("b")).toText(), QStringLiteral("[7]"));
    QVERIFY(controller.finalise());
}

void tst_FormFill::decimalsShowTheirPlaces()
{
    const QByteArray json = R"({"format": 1, "id": "d", "version": 1, "title": "D", "sections": [{"id": "s",
        "fields": [{"id": "price", "type": "decimal", "label": "Price", "places": 2},
                   {"id": "ratio", "type": "decimal", "label": "Ratio"}]}]})";
    const Layout layout = *LayoutReader::read(json, LayoutJson::Mode::Render).layout;
    ui::FormView view(layout, QStringLiteral("en"));
    ui::FormController controller(layout, &view, [] { return Now; });
    auto text = [&view](const char *id) {
        return qobject_cast<QLineEdit *>(view.control(QString::fromLatin1(id))->widget())->text();
    };
    const std::vector<std::tuple<const char *, QString, QString>> rows{
        {"2.5", QStringLiteral("2.50"), QStringLiteral("2.5")},
        {"3", QStringLiteral("3.00"), QStringLiteral("3")},
        {"0.25", QStringLiteral("0.25"), QStringLiteral("0.25")},
        {"-1.5", QStringLiteral("-1.50"), QStringLiteral("-1.5")},
    };
    for (const auto &[value, price, ratio] : rows) {
        FormData data;
        const FormValue number = FormValue::number(*Decimal::parse(QString::fromLatin1(value)));
        data.setValue(QStringLiteral("price"), number);
        data.setValue(QStringLiteral("ratio"), number);
        controller.setData(data);
        QCOMPARE(text("price"), price);
        QCOMPARE(text("ratio"), ratio);
        QCOMPARE(controller.data().value(QStringLiteral("price")), number); // the same number either way
    }
}

QTEST_MAIN(tst_FormFill)
#include "tst_formfill.moc"
