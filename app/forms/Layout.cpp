#include "Layout.h"

namespace fieldline::forms {

const ChoiceOption *FieldSpec::option(const QString &value) const
{
    for (const ChoiceOption &candidate : options) {
        if (candidate.value == value)
            return &candidate;
    }
    return nullptr;
}

const FieldSpec *Layout::field(const QString &id) const
{
    for (const FieldSpec *candidate : allFields()) {
        if (candidate->id == id)
            return candidate;
    }
    return nullptr;
}

const FieldSpec *Layout::groupOf(const QString &id) const
{
    for (const LayoutSection &section : sections) {
        for (const FieldSpec &field : section.fields) {
            for (const FieldSpec &child : field.children) {
                if (child.id == id)
                    return &field;
            }
        }
    }
    return nullptr;
}

std::vector<const FieldSpec *> Layout::allFields() const
{
    std::vector<const FieldSpec *> fields;
    for (const LayoutSection &section : sections) {
        for (const FieldSpec &field : section.fields) {
            fields.push_back(&field);
            for (const FieldSpec &child : field.children)
                fields.push_back(&child);
        }
    }
    return fields;
}

FieldIndex FieldIndex::of(const Layout &layout)
{
    FieldIndex index;
    for (const LayoutSection &section : layout.sections) {
        for (const FieldSpec &field : section.fields) {
            index.fields.insert(field.id, &field);
            for (const FieldSpec &child : field.children) {
                index.fields.insert(child.id, &child);
                index.groups.insert(child.id, &field);
            }
        }
    }
    return index;
}

} // namespace fieldline::forms
