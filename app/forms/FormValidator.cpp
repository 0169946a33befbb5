#include "FormValidator.h"

#include "FieldValueJson.h"
#include "Signature.h"

#include <QRegularExpression>
#include <QSet>

namespace fieldline::forms {

namespace {

/** The amount a bound limits: characters of a text, items of a list, the value itself otherwise. */
FormValue measured(const FieldSpec &field, const FormValue &value)
{
    if (value.type() == FormValue::Type::List)
        return FormValue::number(Decimal::fromInt(qint64(value.toList().size())));
    if (boundsAreLength(field.type))
        return FormValue::number(Decimal::fromInt(qint64(value.toText().toUcs4().size())));
    return value;
}

int compare(const FormValue &a, const FormValue &b)
{
    return FormValue::order(a, b).value_or(0);
}

QString boundText(const FormValue &bound)
{
    return bound.type() == FormValue::Type::Text ? bound.toText() : FieldValueJson::write(bound).toString();
}

} // namespace

std::vector<LayoutProblem> FormValidator::validate(FormData &data, const QDate &today, const QDateTime &now) const
{
    const FormState state = m_evaluator.evaluate(data, today, now);
    const EvaluationContext top = m_evaluator.context(data, nullptr, today, now);
    std::vector<LayoutProblem> problems;
    const auto report = [&](const QString &path, const QString &message) {
        if (!message.isEmpty() && int(problems.size()) < LayoutJson::MaxProblems)
            problems.push_back(LayoutProblem{path, message});
    };
    for (const FieldSpec *field : m_evaluator.layout().allFields()) {
        if (m_evaluator.groupOf(field->id))
            continue;
        const FieldState fieldState = state.field(field->id);
        if (!field->isGroup()) {
            report(field->id, check(*field, data.value(field->id), fieldState, top));
            continue;
        }
        const std::vector<FormRow> &rows = data.rows(field->id);
        report(field->id, check(*field, data.rowIds(field->id), fieldState, top));
        for (size_t i = 0; i < rows.size() && fieldState.visible; ++i) {
            const EvaluationContext inRow = m_evaluator.context(data, &rows[i], today, now);
            for (const FieldSpec &child : field->children) {
                const QString path = FormEvaluator::rowPath(field->id, qsizetype(i), child.id);
                report(path, check(child, rows[i].values.value(child.id), state.field(path), inRow));
            }
        }
    }
    return problems;
}

QString FormValidator::check(const FieldSpec &field, const FormValue &value, const FieldState &state,
                             const EvaluationContext &context) const
{
    if (!state.visible || field.isUnsupported())
        return {};
    if (state.error)
        return tr("A rule of this field failed at character %1: %2")
            .arg(state.error->position)
            .arg(state.error->message);
    // An unticked checkbox and a group without rows are empty: "required" asks for a tick, or a row.
    const bool unticked = field.type == FieldType::Checkbox && !value.toBool();
    const bool noRows = field.isGroup() && value.toList().empty();
    if (value.isNull() || unticked || (noRows && state.required))
        return state.required ? tr("This field is required.") : QString();
    QString problem = checkType(field, value);
    if (problem.isEmpty())
        problem = checkBounds(field, value);
    if (problem.isEmpty() && value.type() == FormValue::Type::Text)
        problem = checkText(field, value.toText());
    if (problem.isEmpty() && field.constraint.isSet()) {
        const Evaluation verdict = field.constraint.parsed->evaluate(context);
        if (verdict.error)
            problem = tr("The rule of this field failed at character %1: %2")
                          .arg(verdict.error->position)
                          .arg(verdict.error->message);
        else if (verdict.value.type() == FormValue::Type::Boolean && !verdict.value.toBool())
            problem = field.constraintMessage.isEmpty()
                          ? tr("The value does not meet the rule %1.").arg(field.constraint.source)
                          : field.constraintMessage.text(QLocale().name());
    }
    return problem;
}

QString FormValidator::checkType(const FieldSpec &field, const FormValue &value) const
{
    const FormValue::Type expected = valueTypeOf(field.type);
    if (value.type() != expected)
        return tr("Expected %1, not %2.").arg(FormValue::typeName(expected), FormValue::typeName(value.type()));
    if (field.type == FieldType::Integer || field.type == FieldType::Rating) {
        if (!value.toNumber().isInteger())
            return tr("Expected a whole number.");
    }
    if (field.type == FieldType::Decimal && field.places >= 0 && value.toNumber().scale() > field.places)
        return tr("At most %n decimal place(s).", nullptr, field.places);
    if (field.type == FieldType::Time && !FieldValueJson::parseTime(value.toText()).isValid())
        return tr("Expected a time written as HH:MM.");
    if (field.type == FieldType::Signature && !Signature::fromText(value.toText()))
        return tr("The signature cannot be read.");
    if (expected != FormValue::Type::List || field.isGroup())
        return {};
    QSet<QString> seen;
    for (const FormValue &item : value.toList()) {
        if (item.type() != FormValue::Type::Text || item.toText().isEmpty())
            return tr("Every item must be a text.");
        if (field.type == FieldType::MultiChoice && !field.option(item.toText()))
            return tr("'%1' is not one of the options.").arg(item.toText().left(64));
        if (seen.contains(item.toText()))
            return tr("'%1' is chosen twice.").arg(item.toText().left(64));
        seen.insert(item.toText());
    }
    return {};
}

QString FormValidator::checkBounds(const FieldSpec &field, const FormValue &value) const
{
    const FormValue amount = measured(field, value);
    const bool counts = boundsCount(field.type);
    if (!field.minimum.isNull() && compare(amount, field.minimum) < 0) {
        if (!counts)
            return tr("The smallest value allowed is %1.").arg(boundText(field.minimum));
        const int n = int(*field.minimum.toNumber().toInt64());
        return value.type() == FormValue::Type::List ? tr("At least %n item(s).", nullptr, n)
                                                     : tr("At least %n character(s).", nullptr, n);
    }
    if (!field.maximum.isNull() && compare(amount, field.maximum) > 0) {
        if (!counts)
            return tr("The largest value allowed is %1.").arg(boundText(field.maximum));
        const int n = int(*field.maximum.toNumber().toInt64());
        return value.type() == FormValue::Type::List ? tr("At most %n item(s).", nullptr, n)
                                                     : tr("At most %n character(s).", nullptr, n);
    }
    return {};
}

QString FormValidator::checkText(const FieldSpec &field, const QString &text) const
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9 ()./-]{3,32}$"));
    if (field.type == FieldType::Choice && !field.option(text))
        return tr("'%1' is not one of the options.").arg(text.left(64));
    if (field.type == FieldType::Email && !email.match(text).hasMatch())
        return tr("Expected an email address such as name@example.com.");
    if (field.type == FieldType::Phone && !phone.match(text).hasMatch())
        return tr("Expected a phone number: digits, spaces, and an optional leading +.");
    if (field.pattern && !field.pattern->match(text).hasMatch())
        return field.patternMessage.isEmpty() ? tr("The value does not have the expected form.")
                                              : field.patternMessage.text(QLocale().name());
    return {};
}

} // namespace fieldline::forms
