#include "app/formsync/SubmissionCheck.h"

#include "app/forms/FormValidator.h"
#include "sync/HybridLogicalClock.h"

namespace fieldline::formsync {

std::vector<forms::LayoutProblem> SubmissionCheck::problems(const LayoutRecord &record, const StoredCells &cells,
                                                            const QDateTime &now)
{
    const forms::LayoutReader::Result read = record.read();
    if (!read.layout)
        return {{QString(), tr("Version %1 of form %2 cannot be read, so the submission cannot be checked.")
                                .arg(record.version)
                                .arg(record.form)}};
    std::vector<forms::LayoutProblem> out;
    forms::FormData data = SubmissionCells::decode(cells, *read.layout, out);
    const forms::FormEvaluator evaluator(*read.layout);
    for (forms::LayoutProblem &problem : forms::FormValidator(evaluator).validate(data, now.date(), now))
        out.push_back(std::move(problem));
    return out;
}

QDateTime SubmissionCheck::checkedAt(const QString &finalisedAt, const QString &startedAt, const QDateTime &serverNow)
{
    const QDateTime finalised = QDateTime::fromString(finalisedAt, Qt::ISODateWithMs);
    const QDateTime started = QDateTime::fromString(startedAt, Qt::ISODateWithMs);
    const qint64 slack = sync::HybridLogicalClock::MaxAheadMs;
    if (!finalised.isValid() || finalised.toMSecsSinceEpoch() > serverNow.toMSecsSinceEpoch() + slack ||
        (started.isValid() && finalised.toMSecsSinceEpoch() < started.toMSecsSinceEpoch() - slack))
        return serverNow;
    return finalised;
}

QString SubmissionCheck::summary(const std::vector<forms::LayoutProblem> &problems, int lines)
{
    QStringList out;
    for (const forms::LayoutProblem &problem : problems) {
        if (out.size() == lines) {
            out.append(tr("…and %n more.", nullptr, int(problems.size()) - lines));
            break;
        }
        out.append(problem.path.isEmpty() ? problem.message : tr("%1: %2").arg(problem.path, problem.message));
    }
    return out.join(u'\n');
}

} // namespace fieldline::formsync
