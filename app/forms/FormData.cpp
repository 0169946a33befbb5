#include "FormData.h"

namespace fieldline::forms {

void FormData::setValue(const QString &id, const FormValue &value)
{
    if (value.isNull())
        m_values.remove(id);
    else
        m_values.insert(id, value);
}

const std::vector<FormRow> &FormData::rows(const QString &group) const
{
    static const std::vector<FormRow> none;
    const auto it = m_rows.constFind(group);
    return it == m_rows.cend() ? none : *it;
}

FormValue FormData::rowIds(const QString &group) const
{
    FormValue::List ids;
    for (const FormRow &row : rows(group))
        ids.push_back(FormValue::text(row.id));
    return FormValue::list(std::move(ids));
}

} // namespace fieldline::forms
