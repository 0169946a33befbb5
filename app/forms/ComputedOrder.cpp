#include "ComputedOrder.h"

#include <algorithm>

namespace fieldline::forms {

ComputedOrder ComputedOrder::of(const std::vector<const FieldSpec *> &fields,
                                const QHash<QString, const FieldSpec *> &byId)
{
    enum class Mark { Unvisited, Open, Done };
    struct Step
    {
        const FieldSpec *field;
        QStringList references;
        qsizetype next = 0;
    };
    const auto target = [&](const QString &reference) {
        const qsizetype dot = reference.indexOf(QLatin1Char('.'));
        return byId.value(dot >= 0 ? reference.mid(dot + 1) : reference);
    };
    ComputedOrder result;
    QHash<const FieldSpec *, Mark> marks;
    for (const FieldSpec *start : fields) {
        if (!start->computed.isSet() || marks.value(start) != Mark::Unvisited)
            continue;
        std::vector<Step> trail{Step{start, start->computed.parsed->references()}};
        marks[start] = Mark::Open;
        while (!trail.empty()) {
            Step &step = trail.back();
            if (step.next == step.references.size()) {
                marks[step.field] = Mark::Done;
                result.order.push_back(step.field);
                trail.pop_back();
                continue;
            }
            const FieldSpec *next = target(step.references[step.next++]);
            if (!next || !next->computed.isSet() || marks.value(next) == Mark::Done)
                continue;
            if (marks.value(next) == Mark::Open) {
                auto it = std::find_if(trail.begin(), trail.end(), [&](const Step &s) { return s.field == next; });
                for (; it != trail.end(); ++it)
                    result.circle << it->field->id;
                result.circle << next->id;
                result.order.clear();
                return result;
            }
            marks[next] = Mark::Open;
            trail.push_back(Step{next, next->computed.parsed->references()});
        }
    }
    return result;
}

} // namespace fieldline::forms
