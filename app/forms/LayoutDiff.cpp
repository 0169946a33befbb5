#include "LayoutDiff.h"

#include <QHash>

#include <utility>
#include <vector>

namespace fieldline::forms {

namespace {

QString localText(const LocalText &text)
{
    QStringList languages = text.texts().keys();
    languages.sort();
    QStringList parts;
    for (const QString &language : std::as_const(languages))
        parts << language + QStringLiteral(": ") + text.texts().value(language);
    return parts.join(QStringLiteral(" | "));
}

QString options(const FieldSpec &field)
{
    QStringList values;
    for (const ChoiceOption &option : field.options)
        values << option.value + QStringLiteral(" (") + localText(option.label) + u')';
    return values.join(QStringLiteral(", "));
}

QString flag(bool on)
{
    return on ? QStringLiteral("yes") : QStringLiteral("no");
}

/** The properties a diff compares, by name, as text. */
std::vector<std::pair<const char *, QString>> properties(const FieldSpec &field, const QString &section)
{
    return {
        {"type", field.typeName.isEmpty() ? fieldTypeName(field.type) : field.typeName},
        {"section", section},
        {"label", localText(field.label)},
        {"hint", localText(field.hint)},
        {"required", flag(field.required)},
        {"read-only", flag(field.readOnly)},
        {"min", field.minimum.debugText()},
        {"max", field.maximum.debugText()},
        {"pattern", field.patternSource},
        {"patternMessage", localText(field.patternMessage)},
        {"places", field.places < 0 ? QString() : QString::number(field.places)},
        {"default", field.defaultValue.debugText()},
        {"visibleIf", field.visibleIf.source},
        {"requiredIf", field.requiredIf.source},
        {"constraint", field.constraint.source},
        {"constraintMessage", localText(field.constraintMessage)},
        {"computed", field.computed.source},
        {"options", options(field)},
    };
}

struct Placed
{
    const FieldSpec *field = nullptr;
    QString section;
    QString path; ///< "group.field" inside a repeat group
};

void collect(const std::vector<FieldSpec> &fields, const QString &section, const QString &prefix,
             std::vector<Placed> &out)
{
    for (const FieldSpec &field : fields) {
        out.push_back({&field, section, prefix + field.id});
        collect(field.children, section, prefix + field.id + u'.', out);
    }
}

std::vector<Placed> placed(const Layout &layout)
{
    std::vector<Placed> out;
    for (const LayoutSection &section : layout.sections)
        collect(section.fields, section.id, QString(), out);
    return out;
}

} // namespace

QStringList LayoutDiff::between(const Layout &older, const Layout &newer)
{
    QStringList out;
    if (older.title != newer.title)
        out << QStringLiteral("~ title: %1 -> %2").arg(localText(older.title), localText(newer.title));
    const std::vector<Placed> before = placed(older);
    QHash<QString, const Placed *> beforeByPath;
    for (const Placed &field : before)
        beforeByPath.insert(field.path, &field);
    QSet<QString> seen;
    for (const Placed &field : placed(newer)) {
        seen.insert(field.path);
        const Placed *old = beforeByPath.value(field.path);
        const auto now = properties(*field.field, field.section);
        if (!old) {
            out << QStringLiteral("+ %1 (%2)").arg(field.path, now.front().second);
            continue;
        }
        const auto then = properties(*old->field, old->section);
        for (size_t i = 0; i < now.size(); ++i) {
            if (then[i].second != now[i].second)
                out << QStringLiteral("~ %1: %2 %3 -> %4")
                           .arg(field.path, QLatin1String(now[i].first), then[i].second, now[i].second);
        }
    }
    for (const Placed &field : before) {
        if (!seen.contains(field.path))
            out << QStringLiteral("- %1").arg(field.path);
    }
    return out;
}

} // namespace fieldline::forms
