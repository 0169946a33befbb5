// The form designer from the keyboard, offscreen: add a field from the palette, move it with Alt+Up, edit its
// properties with live checking of the visibility expression, preview in Chinese, remove a field, a drag and drop
// that would break the structure undone, and publishing sending the layout the reader accepts.
#include "app/forms/LayoutDiff.h"
#include "app/forms/LayoutReader.h"
#include "app/formsync/FormTables.h"
#include "ui/designer/DesignerController.h"
#include "ui/designer/DesignerWorkspace.h"
#include "ui/forms/FormView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QtTest>

using namespace fieldline;

namespace {

QStringList structure(const QTreeWidget *tree)
{
    QStringList out;
    for (int s = 0; s < tree->topLevelItemCount(); ++s) {
        for (int f = 0; f < tree->topLevelItem(s)->childCount(); ++f)
            out << tree->topLevelItem(s)->child(f)->text(0);
    }
    return out;
}

void press(QWidget *widget, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(widget, key, modifiers);
}

QString visibleText(const QWidget *root, const QString &objectName)
{
    return root->findChild<QLabel *>(objectName)->text();
}

} // namespace

class tst_Designer : public QObject
{
    Q_OBJECT

private slots:
    void designsAndPublishesFromTheKeyboard()
    {
        ui::DesignerWorkspace view;
        QByteArray sent;
        ui::DesignerController controller(&view,
                                          [&sent](const QByteArray &json, std::function<void(bool, QString)> done) {
                                              sent = json;
                                              done(true, QStringLiteral("Published version 1 of new-form."));
                                          });
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTreeWidget *tree = view.structure();
        QCOMPARE(structure(tree), QStringList{QStringLiteral("text_1 (text)")});
        QVERIFY(view.findChild<ui::FormView *>());
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());

        // Enter on "Decimal number" in the palette adds one after the current field.
        view.palette()->setFocus();
        view.palette()->setCurrentRow(3);
        press(view.palette(), Qt::Key_Return);
        QCOMPARE(structure(tree),
                 (QStringList{QStringLiteral("text_1 (text)"), QStringLiteral("decimal_1 (decimal)")}));
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("decimal_1 (decimal)"));
        tree->setFocus();
        press(tree, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(structure(tree),
                 (QStringList{QStringLiteral("decimal_1 (decimal)"), QStringLiteral("text_1 (text)")}));

        // Properties: labels in two languages, required, and a visibility rule checked as it is typed.
        auto *labelEn = view.findChild<QLineEdit *>(QStringLiteral("designerLabelEn"));
        labelEn->setFocus();
        labelEn->selectAll();
        QTest::keyClicks(labelEn, QStringLiteral("Price"));
        // Typed through an input method in real life; QTest types ASCII only.
        auto *labelZh = view.findChild<QLineEdit *>(QStringLiteral("designerLabelZh"));
        labelZh->setText(QStringLiteral("价格"));
        emit labelZh->textEdited(labelZh->text());
        view.findChild<QCheckBox *>(QStringLiteral("designerRequired"))->setChecked(true);
        auto *visibleIf = view.findChild<QLineEdit *>(QStringLiteral("designerVisibleIf"));
        QTest::keyClicks(visibleIf, QStringLiteral("text_1 ="));
        QVERIFY(!visibleText(&view, QStringLiteral("designerProblems")).isEmpty());
        bool expressionProblemShown = false;
        for (const QLabel *label : view.findChildren<QLabel *>())
            expressionProblemShown =
                expressionProblemShown || label->text().startsWith(QStringLiteral("Visible if, at character"));
        QVERIFY(expressionProblemShown);
        QTest::keyClicks(visibleIf, QStringLiteral(" 'x'"));
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());
        QCOMPARE(controller.layout().sections.front().fields.front().visibleIf.source, QStringLiteral("text_1 = 'x'"));

        // The preview in Chinese shows the field's Chinese label (hidden while text_1 is not 'x', so not required).
        view.findChild<QComboBox *>(QStringLiteral("designerPreviewLanguage"))->setCurrentIndex(1);
        bool chineseLabel = false;
        for (const QLabel *label : view.findChild<ui::FormView *>()->findChildren<QLabel *>())
            chineseLabel = chineseLabel || label->text() == QStringLiteral("价格");
        QVERIFY(chineseLabel);

        // A drop that would put a field inside a text field is undone.
        using Edit = forms::LayoutEdit;
        emit view.arranged({Edit::SectionPlacement{
            QStringLiteral("section_1"), {Edit::Placement{QStringLiteral("text_1"), {QStringLiteral("decimal_1")}}}}});
        QCOMPARE(structure(tree),
                 (QStringList{QStringLiteral("decimal_1 (decimal)"), QStringLiteral("text_1 (text)")}));

        // Delete removes the current field; Ctrl+Shift+P publishes what the reader accepts.
        view.palette()->setCurrentRow(0);
        press(view.palette(), Qt::Key_Return);
        QCOMPARE(structure(tree).size(), 3);
        tree->setFocus();
        press(tree, Qt::Key_Delete);
        QCOMPARE(structure(tree).size(), 2);
        press(tree, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!sent.isEmpty());
        const forms::LayoutReader::Result read = forms::LayoutReader::read(sent, forms::LayoutJson::Mode::Publish);
        QVERIFY2(read.layout, qPrintable(forms::LayoutJson::describe(read.problems)));
        QCOMPARE(read.layout->allFields().front()->label.text(QStringLiteral("zh_CN")), QStringLiteral("价格"));
        QVERIFY(read.layout->allFields().front()->required);
        bool told = false;
        for (const QLabel *label : view.findChildren<QLabel *>())
            told = told || label->text() == QStringLiteral("Published version 1 of new-form.");
        QVERIFY(told);
    }

    void startsFromAPublishedForm()
    {
        QFile file(qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "run through ctest, which sets FIELDLINE_SOURCE_DIR");
        const QByteArray json = file.readAll();
        const formsync::LayoutRecord record{formsync::layoutRowId(QStringLiteral("visit-report"), 1),
                                            QStringLiteral("visit-report"),
                                            1,
                                            QStringLiteral("Visit report"),
                                            formsync::status::Published,
                                            json};
        ui::DesignerWorkspace view;
        ui::DesignerController controller(&view, [](const QByteArray &, std::function<void(bool, QString)>) {});
        controller.setPublished({record});
        auto *start = view.findChild<QComboBox *>(QStringLiteral("designerStart"));
        QCOMPARE(start->count(), 2);
        QCOMPARE(start->itemText(1), QStringLiteral("Visit report (version 1)"));
        emit view.startRequested(1);
        // The next version of the same form, every field as published: nothing changed until the admin edits.
        QCOMPARE(controller.layout().id, QStringLiteral("visit-report"));
        QCOMPARE(controller.layout().version, 2);
        const forms::Layout published = *forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish).layout;
        const forms::Layout designed =
            *forms::LayoutReader::read(controller.json(), forms::LayoutJson::Mode::Publish).layout;
        QCOMPARE(forms::LayoutDiff::between(published, designed), QStringList());
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());
        QCOMPARE(view.structure()->topLevelItemCount(), 3); // its three sections
        emit view.startRequested(0);
        QCOMPARE(controller.layout().id, QStringLiteral("new-form"));
    }

    void optionsRulesAndSampleData()
    {
        ui::DesignerWorkspace view;
        ui::DesignerController controller(&view, [](const QByteArray &, std::function<void(bool, QString)>) {});
        // The preview shows sample values: a text field its own label.
        auto lineTexts = [&view] {
            QStringList out;
            for (const QLineEdit *edit : view.findChild<ui::FormView *>()->findChildren<QLineEdit *>())
                out << edit->text();
            return out;
        };
        QVERIFY(lineTexts().contains(QStringLiteral("Name")));

        emit view.addRequested(forms::FieldType::Choice);
        auto *options = view.findChild<QLineEdit *>(QStringLiteral("designerOptions"));
        QCOMPARE(options->text(), QStringLiteral("a=A; b=B"));
        options->setText(QStringLiteral("x=Yes|是; y = No;"));
        emit options->textEdited(options->text());
        auto type = [&view](const char *name, const QString &text) {
            auto *edit = view.findChild<QLineEdit *>(QString::fromLatin1(name));
            edit->setText(text);
            emit edit->textEdited(text);
        };
        type("designerDefault", QStringLiteral("y"));
        type("designerHintEn", QStringLiteral("Pick one"));
        type("designerHintZh", QStringLiteral("选一个"));
        const forms::FieldSpec &choice = controller.layout().sections.front().fields.back();
        QCOMPARE(choice.options.size(), size_t(2));
        QCOMPARE(choice.options[1].value, QStringLiteral("y"));
        QCOMPARE(choice.options[1].label.text(QStringLiteral("en")), QStringLiteral("No"));
        QCOMPARE(choice.options[0].label.text(QStringLiteral("zh_CN")), QStringLiteral("是"));
        QCOMPARE(choice.hint.text(QStringLiteral("zh_CN")), QStringLiteral("选一个"));
        QCOMPARE(choice.defaultValue.toText(), QStringLiteral("y"));
        // A pattern with its message, on the text field; all of it in the JSON that would be published.
        view.structure()->setCurrentItem(view.structure()->topLevelItem(0)->child(0));
        type("designerPattern", QStringLiteral("[A-Z][a-z]+"));
        type("designerPatternMessage", QStringLiteral("A capital, then small letters."));
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());
        const forms::Layout written =
            *forms::LayoutReader::read(controller.json(), forms::LayoutJson::Mode::Publish).layout;
        QCOMPARE(written.field(QStringLiteral("text_1"))->patternSource, QStringLiteral("[A-Z][a-z]+"));
        QCOMPARE(written.field(QStringLiteral("choice_1"))->defaultValue.toText(), QStringLiteral("y"));
        view.structure()->setCurrentItem(view.structure()->topLevelItem(0)->child(1));
        bool offered = false;
        for (const QComboBox *box : view.findChild<ui::FormView *>()->findChildren<QComboBox *>())
            offered =
                offered || (box->findText(QStringLiteral("Yes")) >= 0 && box->currentText() == QStringLiteral("No"));
        QVERIFY(offered); // the options, with the default chosen in the preview

        auto *requiredIf = view.findChild<QLineEdit *>(QStringLiteral("designerRequiredIf"));
        requiredIf->setText(QStringLiteral("text_1 = "));
        emit requiredIf->textEdited(requiredIf->text());
        bool named = false;
        for (const QLabel *label : view.findChildren<QLabel *>())
            named = named || label->text().startsWith(QStringLiteral("Required if, at character"));
        QVERIFY(named);
        requiredIf->setText(QStringLiteral("text_1 = 'x'"));
        emit requiredIf->textEdited(requiredIf->text());
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());
        QCOMPARE(controller.layout().sections.front().fields.back().requiredIf.source, QStringLiteral("text_1 = 'x'"));
    }

    void managesSections()
    {
        ui::DesignerWorkspace view;
        ui::DesignerController controller(&view, [](const QByteArray &, std::function<void(bool, QString)>) {});
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTreeWidget *tree = view.structure();
        view.findChild<QPushButton *>(QStringLiteral("designerAddSection"))->click();
        QCOMPARE(tree->topLevelItemCount(), 2);
        auto *title = view.findChild<QLineEdit *>(QStringLiteral("designerSectionTitle"));
        title->setText(QStringLiteral("Order"));
        emit title->textEdited(title->text());
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("Order"));
        QCOMPARE(controller.layout().sections[1].title.text(QStringLiteral("en")), QStringLiteral("Order"));
        // With the new section current, a field from the palette goes into it.
        tree->setCurrentItem(tree->topLevelItem(1));
        emit view.addRequested(forms::FieldType::Integer);
        QCOMPARE(controller.layout().sections[1].fields.size(), size_t(1));
        QCOMPARE(tree->topLevelItem(1)->child(0)->text(0), QStringLiteral("integer_1 (integer)"));
        press(tree, Qt::Key_Delete);
        QCOMPARE(controller.layout().sections[1].fields.size(), size_t(0));
        // An empty section is a problem until it gets a field; Delete removes it, but never one with fields.
        QVERIFY(!visibleText(&view, QStringLiteral("designerProblems")).isEmpty());
        tree->setFocus();
        tree->setCurrentItem(tree->topLevelItem(0));
        press(tree, Qt::Key_Delete);
        QCOMPARE(tree->topLevelItemCount(), 2);
        tree->setCurrentItem(tree->topLevelItem(1));
        press(tree, Qt::Key_Delete);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(visibleText(&view, QStringLiteral("designerProblems")), QString());
    }

    void refusesToPublishALayoutWithProblems()
    {
        ui::DesignerWorkspace view;
        int calls = 0;
        ui::DesignerController controller(
            &view, [&calls](const QByteArray &, std::function<void(bool, QString)>) { ++calls; });
        // An id the reader refuses (it must start with a letter) is a problem; Publish is off and refuses.
        emit view.headerEdited(QStringLiteral("new-form"), 1, QString());
        auto *visibleIf = view.findChild<QLineEdit *>(QStringLiteral("designerVisibleIf"));
        visibleIf->setText(QStringLiteral("nothing_here > 1"));
        emit visibleIf->textEdited(visibleIf->text());
        QVERIFY(!visibleText(&view, QStringLiteral("designerProblems")).isEmpty());
        QVERIFY(!view.findChild<QPushButton *>()->isEnabled());
        emit view.publishRequested();
        QCOMPARE(calls, 0);
    }
};

QTEST_MAIN(tst_Designer)
#include "tst_designer.moc"
