#include "LayoutEdit.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <utility>

namespace fieldline::forms {

std::vector<FieldSpec> *LayoutEdit::container(Layout &layout, const FieldAddress &at)
{
    if (at.section < 0 || at.section >= int(layout.sections.size()))
        return nullptr;
    std::vector<FieldSpec> &fields = layout.sections[size_t(at.section)].fields;
    if (at.child < 0)
        return &fields;
    if (at.index < 0 || at.index >= int(fields.size()) || !fields[size_t(at.index)].isGroup())
        return nullptr;
    return &fields[size_t(at.index)].children;
}

FieldSpec *LayoutEdit::field(Layout &layout, const FieldAddress &at)
{
    std::vector<FieldSpec> *fields = container(layout, at);
    const int position = at.child < 0 ? at.index : at.child;
    if (!fields || position < 0 || position >= int(fields->size()))
        return nullptr;
    return &(*fields)[size_t(position)];
}

QString LayoutEdit::freshId(const Layout &layout, FieldType type)
{
    const QString base = fieldTypeName(type).replace(u'-', u'_');
    for (int n = 1;; ++n) {
        const QString id = base + u'_' + QString::number(n);
        if (!layout.field(id))
            return id;
    }
}

FieldAddress LayoutEdit::add(Layout &layout, FieldType type, const std::optional<FieldAddress> &after,
                             const QString &label, int section)
{
    FieldSpec spec;
    spec.type = type;
    spec.id = freshId(layout, type);
    spec.label.set(QStringLiteral("en"), label);
    if (type == FieldType::Group) {
        FieldSpec first;
        first.type = FieldType::Text;
        first.id = freshId(layout, FieldType::Text);
        first.label.set(QStringLiteral("en"), label);
        spec.children.push_back(std::move(first));
    }
    if (type == FieldType::Choice || type == FieldType::MultiChoice) {
        for (const char *value : {"a", "b"}) {
            ChoiceOption option{QString::fromLatin1(value), {}};
            option.label.set(QStringLiteral("en"), QString::fromLatin1(value).toUpper());
            spec.options.push_back(std::move(option));
        }
    }
    if (type == FieldType::Rating) {
        spec.minimum = FormValue::number(Decimal::fromInt(1));
        spec.maximum = FormValue::number(Decimal::fromInt(5));
    }
    // A group cannot hold a group: a group added inside one goes after it instead.
    std::optional<FieldAddress> at = after;
    if (at && at->child >= 0 && type == FieldType::Group)
        at = FieldAddress{at->section, at->index, -1};
    if (!at || !container(layout, *at)) {
        if (layout.sections.empty()) {
            LayoutSection section;
            section.id = QStringLiteral("section_1");
            section.title.set(QStringLiteral("en"), label);
            layout.sections.push_back(std::move(section));
        }
        const int into = section >= 0 && section < int(layout.sections.size()) ? section : 0;
        std::vector<FieldSpec> &fields = layout.sections[size_t(into)].fields;
        fields.push_back(std::move(spec));
        return {into, int(fields.size()) - 1, -1};
    }
    std::vector<FieldSpec> &fields = *container(layout, *at);
    const int position = (at->child < 0 ? at->index : at->child) + 1;
    const int inserted = std::min(position, int(fields.size()));
    fields.insert(fields.begin() + inserted, std::move(spec));
    return at->child < 0 ? FieldAddress{at->section, inserted, -1} : FieldAddress{at->section, at->index, inserted};
}

int LayoutEdit::addSection(Layout &layout, int after, const QString &title)
{
    QSet<QString> taken;
    for (const LayoutSection &section : layout.sections)
        taken.insert(section.id);
    LayoutSection section;
    for (int n = 1; section.id.isEmpty() || taken.contains(section.id); ++n)
        section.id = QStringLiteral("section_%1").arg(n);
    section.title.set(QStringLiteral("en"), title);
    const int at = std::clamp(after + 1, 0, int(layout.sections.size()));
    layout.sections.insert(layout.sections.begin() + at, std::move(section));
    return at;
}

bool LayoutEdit::removeSection(Layout &layout, int section)
{
    if (section < 0 || section >= int(layout.sections.size()) || !layout.sections[size_t(section)].fields.empty())
        return false;
    layout.sections.erase(layout.sections.begin() + section);
    return true;
}

bool LayoutEdit::remove(Layout &layout, const FieldAddress &at)
{
    std::vector<FieldSpec> *fields = container(layout, at);
    const int position = at.child < 0 ? at.index : at.child;
    if (!fields || position < 0 || position >= int(fields->size()))
        return false;
    fields->erase(fields->begin() + position);
    return true;
}

std::optional<FieldAddress> LayoutEdit::move(Layout &layout, const FieldAddress &at, int delta)
{
    std::vector<FieldSpec> *fields = container(layout, at);
    const int position = at.child < 0 ? at.index : at.child;
    const int target = position + delta;
    if (!fields || position < 0 || position >= int(fields->size()) || target < 0 || target >= int(fields->size()))
        return std::nullopt;
    std::swap((*fields)[size_t(position)], (*fields)[size_t(target)]);
    FieldAddress moved = at;
    (at.child < 0 ? moved.index : moved.child) = target;
    return moved;
}

std::optional<Layout> LayoutEdit::arranged(const Layout &layout, const std::vector<SectionPlacement> &arrangement)
{
    QHash<QString, const LayoutSection *> sections;
    for (const LayoutSection &section : layout.sections)
        sections.insert(section.id, &section);
    const FieldIndex index = FieldIndex::of(layout);
    Layout out = layout;
    out.sections.clear();
    QSet<QString> placed;
    auto take = [&](const QString &id) -> const FieldSpec * {
        const FieldSpec *spec = index.fields.value(id);
        if (!spec || placed.contains(id))
            return nullptr;
        placed.insert(id);
        return spec;
    };
    for (const SectionPlacement &sectionPlacement : arrangement) {
        const LayoutSection *original = sections.take(sectionPlacement.section);
        if (!original)
            return std::nullopt;
        LayoutSection section = *original;
        section.fields.clear();
        for (const Placement &placement : sectionPlacement.fields) {
            const FieldSpec *spec = take(placement.field);
            if (!spec || (!spec->isGroup() && !placement.children.isEmpty()))
                return std::nullopt;
            FieldSpec field = *spec;
            if (field.isGroup()) {
                field.children.clear();
                for (const QString &childId : placement.children) {
                    const FieldSpec *child = take(childId);
                    if (!child || child->isGroup())
                        return std::nullopt;
                    field.children.push_back(*child);
                }
            }
            section.fields.push_back(std::move(field));
        }
        out.sections.push_back(std::move(section));
    }
    if (!sections.isEmpty() || placed.size() != index.fields.size())
        return std::nullopt;
    return out;
}

} // namespace fieldline::forms
