// The designer's structural edits: add with fresh ids after the current field (a group never inside a group),
// remove, move within a section or a group, and a drag-and-drop arrangement that must place every field once.
#include "app/forms/LayoutEdit.h"
#include "app/forms/LayoutReader.h"
#include "app/forms/LayoutWriter.h"

#include <QtTest>

using namespace fieldline::forms;

namespace {

Layout sample()
{
    return *LayoutReader::read(R"({"format": 1, "id": "e", "version": 1, "title": "E", "sections": [
        {"id": "a", "fields": [{"id": "x", "type": "text", "label": "X"}, {"id": "g", "type": "group", "label": "G",
          "fields": [{"id": "g1", "type": "text", "label": "G1"}, {"id": "g2", "type": "text", "label": "G2"}]}]},
        {"id": "b", "fields": [{"id": "y", "type": "integer", "label": "Y"}]}]})",
                               LayoutJson::Mode::Publish)
                .layout;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out << QString::fromLatin1(name);
    return out;
}

LayoutEdit::Placement P(const char *id, std::initializer_list<const char *> children = {})
{
    return {QString::fromLatin1(id), names(children)};
}

LayoutEdit::SectionPlacement S(const char *id, std::vector<LayoutEdit::Placement> fields)
{
    return {QString::fromLatin1(id), std::move(fields)};
}

QStringList ids(const Layout &layout)
{
    QStringList out;
    for (const FieldSpec *field : layout.allFields())
        out << field->id;
    return out;
}

} // namespace

class tst_LayoutEdit : public QObject
{
    Q_OBJECT

private slots:
    void addsAfterTheCurrentFieldWithFreshIds()
    {
        Layout layout = sample();
        FieldAddress at = LayoutEdit::add(layout, FieldType::Decimal, FieldAddress{0, 0, -1}, QStringLiteral("D"));
        QCOMPARE(at, (FieldAddress{0, 1, -1}));
        QCOMPARE(ids(layout), names({"x", "decimal_1", "g", "g1", "g2", "y"}));
        at = LayoutEdit::add(layout, FieldType::Text, FieldAddress{0, 2, 0}, QStringLiteral("T"));
        QCOMPARE(at, (FieldAddress{0, 2, 1}));
        QCOMPARE(LayoutEdit::field(layout, at)->id, QStringLiteral("text_1"));
        // A group asked for inside a group goes after that group; it comes with a first field.
        at = LayoutEdit::add(layout, FieldType::Group, FieldAddress{0, 2, 1}, QStringLiteral("G"));
        QCOMPARE(at, (FieldAddress{0, 3, -1}));
        QCOMPARE(LayoutEdit::field(layout, at)->children.size(), size_t(1));
        // Choices come with options, ratings with their range: the layout still checks out.
        LayoutEdit::add(layout, FieldType::Choice, std::nullopt, QStringLiteral("C"));
        LayoutEdit::add(layout, FieldType::Rating, std::nullopt, QStringLiteral("R"));
        const LayoutReader::Result read = LayoutReader::read(LayoutWriter::write(layout), LayoutJson::Mode::Publish);
        QVERIFY2(read.layout, qPrintable(LayoutJson::describe(read.problems)));
        // An empty layout gets a section.
        Layout empty;
        QCOMPARE(LayoutEdit::add(empty, FieldType::Text, std::nullopt, QStringLiteral("T")), (FieldAddress{0, 0, -1}));
        QCOMPARE(empty.sections.size(), size_t(1));
    }

    void removesAndMoves()
    {
        Layout layout = sample();
        QCOMPARE(LayoutEdit::move(layout, FieldAddress{0, 0, -1}, 1),
                 (std::optional<FieldAddress>(FieldAddress{0, 1, -1})));
        QCOMPARE(ids(layout), names({"g", "g1", "g2", "x", "y"}));
        QCOMPARE(LayoutEdit::move(layout, FieldAddress{0, 0, 1}, -1),
                 (std::optional<FieldAddress>(FieldAddress{0, 0, 0})));
        QCOMPARE(ids(layout), names({"g", "g2", "g1", "x", "y"}));
        QVERIFY(!LayoutEdit::move(layout, FieldAddress{0, 0, 0}, -1)); // already first
        QVERIFY(!LayoutEdit::move(layout, FieldAddress{1, 0, -1}, 1)); // already last
        QVERIFY(!LayoutEdit::move(layout, FieldAddress{5, 0, -1}, 1)); // no such section
        QVERIFY(LayoutEdit::remove(layout, FieldAddress{0, 0, 1}));
        QVERIFY(!LayoutEdit::remove(layout, FieldAddress{0, 1, 0})); // x is not a group
        QCOMPARE(ids(layout), names({"g", "g2", "x", "y"}));
    }

    void addsAndRemovesSections()
    {
        Layout layout = sample();
        QCOMPARE(LayoutEdit::addSection(layout, 0, QStringLiteral("Middle")), 1);
        QCOMPARE(layout.sections[1].id, QStringLiteral("section_1"));
        QCOMPARE(LayoutEdit::addSection(layout, -1, QStringLiteral("First")), 0);
        QCOMPARE(layout.sections[0].id, QStringLiteral("section_2"));
        QCOMPARE(LayoutEdit::add(layout, FieldType::Date, std::nullopt, QStringLiteral("D"), 2),
                 (FieldAddress{2, 0, -1}));
        QVERIFY(LayoutEdit::remove(layout, FieldAddress{2, 0, -1}));
        QVERIFY(!LayoutEdit::removeSection(layout, 1)); // "a" holds fields
        QVERIFY(LayoutEdit::removeSection(layout, 2));  // the empty middle one
        QVERIFY(!LayoutEdit::removeSection(layout, 9));
        QCOMPARE(layout.sections.size(), size_t(3));
        QCOMPARE(ids(layout), names({"x", "g", "g1", "g2", "y"}));
    }

    void arrangementPlacesEveryFieldOnce()
    {
        const Layout layout = sample();
        // y moved into the first section and g1 out of the group: accepted.
        std::optional<Layout> arranged =
            LayoutEdit::arranged(layout, {S("b", {}), S("a", {P("y"), P("g", {"g2"}), P("g1"), P("x")})});
        QVERIFY(arranged);
        QCOMPARE(ids(*arranged), names({"y", "g", "g2", "g1", "x"}));
        QCOMPARE(arranged->sections.front().id, QStringLiteral("b"));
        // Refused: a field missing, a field twice, a field inside a text field, a group inside a group, a field
        // outside every section.
        QVERIFY(!LayoutEdit::arranged(layout, {S("a", {P("x"), P("g", {"g1", "g2"})}), S("b", {})}));
        QVERIFY(!LayoutEdit::arranged(layout, {S("a", {P("x"), P("g", {"g1", "g2"}), P("x")}), S("b", {P("y")})}));
        QVERIFY(!LayoutEdit::arranged(layout, {S("a", {P("x", {"y"}), P("g", {"g1", "g2"})}), S("b", {})}));
        QVERIFY(!LayoutEdit::arranged(layout, {S("a", {P("x")}), S("b", {P("y"), P("g1", {"g"})})}));
        QVERIFY(!LayoutEdit::arranged(layout, {S("a", {P("x"), P("g", {"g1", "g2"})}), S("", {P("y")}), S("b", {})}));
    }
};

QTEST_GUILESS_MAIN(tst_LayoutEdit)
#include "tst_layoutedit.moc"
