#pragma once

#include "FormValue.h"

#include <QHash>
#include <QString>

#include <vector>

namespace fieldline::forms {

using FieldValues = QHash<QString, FormValue>;

/** One row of a repeat group: an id that stays the row's on every device, and its fields' values. */
struct FormRow
{
    QString id;
    FieldValues values;

    bool operator==(const FormRow &other) const = default;
};

/**
 * The values of one submission: fields outside repeat groups by id, and each group's rows in order. A field
 * that has no value is absent (null). Values of hidden fields are kept, so showing a field again restores them.
 */
class FormData
{
public:
    FormValue value(const QString &id) const { return m_values.value(id); }
    void setValue(const QString &id, const FormValue &value);
    const FieldValues &values() const { return m_values; }

    const std::vector<FormRow> &rows(const QString &group) const;
    std::vector<FormRow> &rows(const QString &group) { return m_rows[group]; }
    const QHash<QString, std::vector<FormRow>> &groups() const { return m_rows; }
    /** A repeat group as expressions and checks see it: a list of its rows' ids, one non-null item per row. */
    FormValue rowIds(const QString &group) const;

    bool operator==(const FormData &other) const = default;

private:
    FieldValues m_values;
    QHash<QString, std::vector<FormRow>> m_rows;
};

} // namespace fieldline::forms
