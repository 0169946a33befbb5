#include "LayoutChecks.h"

#include "ComputedOrder.h"

#include <QHash>
#include <QSet>

namespace fieldline::forms {

LayoutChecks::LayoutChecks(LayoutJson &json, const Layout &layout)
    : m_json(json)
    , m_layout(layout)
    , m_index(FieldIndex::of(layout))
{}

void LayoutChecks::run()
{
    checkUniqueIds();
    for (size_t s = 0; s < m_layout.sections.size(); ++s) {
        const LayoutSection &section = m_layout.sections[s];
        const QString sectionPath = LayoutJson::item(QString(), "sections", qsizetype(s));
        checkReferences(section.visibleIf, LayoutJson::member(sectionPath, "visibleIf"), nullptr);
        for (size_t f = 0; f < section.fields.size(); ++f) {
            const FieldSpec &field = section.fields[f];
            const QString path = LayoutJson::item(sectionPath, "fields", qsizetype(f));
            checkFieldReferences(field, path, nullptr);
            for (size_t c = 0; c < field.children.size(); ++c)
                checkFieldReferences(field.children[c], LayoutJson::item(path, "fields", qsizetype(c)), &field);
        }
    }
    if (m_json.problems().empty())
        checkComputedCycles();
}

void LayoutChecks::checkUniqueIds()
{
    QSet<QString> sections;
    QSet<QString> fields;
    for (size_t s = 0; s < m_layout.sections.size(); ++s) {
        const QString sectionPath = LayoutJson::item(QString(), "sections", qsizetype(s));
        if (sections.contains(m_layout.sections[s].id))
            m_json.problem(LayoutJson::member(sectionPath, "id"),
                           tr("Another section already has the id '%1'.").arg(m_layout.sections[s].id));
        sections.insert(m_layout.sections[s].id);
        const auto check = [&](const FieldSpec &field, const QString &path) {
            if (fields.contains(field.id))
                m_json.problem(LayoutJson::member(path, "id"),
                               tr("Another field already has the id '%1'.").arg(field.id));
            fields.insert(field.id);
        };
        const std::vector<FieldSpec> &list = m_layout.sections[s].fields;
        for (size_t f = 0; f < list.size(); ++f) {
            const QString path = LayoutJson::item(sectionPath, "fields", qsizetype(f));
            check(list[f], path);
            for (size_t c = 0; c < list[f].children.size(); ++c)
                check(list[f].children[c], LayoutJson::item(path, "fields", qsizetype(c)));
        }
    }
}

void LayoutChecks::checkFieldReferences(const FieldSpec &field, const QString &path, const FieldSpec *group)
{
    checkReferences(field.visibleIf, LayoutJson::member(path, "visibleIf"), group);
    checkReferences(field.requiredIf, LayoutJson::member(path, "requiredIf"), group);
    checkReferences(field.constraint, LayoutJson::member(path, "constraint"), group);
    checkReferences(field.computed, LayoutJson::member(path, "computed"), group);
}

void LayoutChecks::checkReferences(const LayoutExpression &expression, const QString &path, const FieldSpec *group)
{
    if (!expression.isSet())
        return;
    for (const QString &reference : expression.parsed->references()) {
        const qsizetype dot = reference.indexOf(QLatin1Char('.'));
        if (dot >= 0) {
            const FieldSpec *holder = m_index.fields.value(reference.left(dot));
            const QString column = reference.mid(dot + 1);
            if (!holder || !holder->isGroup())
                m_json.problem(
                    path, tr("'%1' is not a repeat group, so '%2' names nothing.").arg(reference.left(dot), reference));
            else if (m_index.groups.value(column) != holder)
                m_json.problem(path, tr("The repeat group '%1' has no field '%2'.").arg(holder->id, column));
            continue;
        }
        const FieldSpec *field = m_index.fields.value(reference);
        const FieldSpec *owner = field ? m_index.groups.value(reference) : nullptr;
        if (!field)
            m_json.problem(path,
                           tr("The expression reads '%1', but the layout has no field with that id.").arg(reference));
        else if (owner && owner != group)
            m_json.problem(path, tr("'%1' is a field of the repeat group '%2'; write %2.%1 to read its column.")
                                     .arg(reference, owner->id));
    }
}

void LayoutChecks::checkComputedCycles()
{
    const ComputedOrder computed = ComputedOrder::of(m_layout.allFields(), m_index.fields);
    if (!computed.circle.isEmpty())
        m_json.problem(QString(), tr("Computed values depend on each other in a circle: %1.")
                                      .arg(computed.circle.join(QStringLiteral(" -> "))));
}

} // namespace fieldline::forms
