#include "app/telemarketing/Campaign.h"

#include "storage/Database.h"
#include "storage/Statement.h"

namespace fieldline::telemarketing {

namespace {

constexpr int MaxAttemptsLimit = 100;

storage::Error invalid(const QString &message)
{
    return {storage::ErrorCode::Invalid, message, 0};
}

} // namespace

qint64 Campaign::nextAttemptMs(int attempts, qint64 calledMs) const
{
    if (retryMinutes.empty() || attempts <= 0)
        return calledMs;
    const size_t index = std::min(size_t(attempts - 1), retryMinutes.size() - 1);
    return calledMs + qint64(retryMinutes[index]) * 60'000;
}

std::optional<std::vector<int>> Campaign::parseRetryMinutes(const QString &text)
{
    std::vector<int> out;
    if (text.trimmed().isEmpty())
        return out;
    const QStringList parts = text.split(u',');
    if (parts.size() > MaxAttemptsLimit)
        return std::nullopt;
    for (const QString &part : parts) {
        bool ok = false;
        const int minutes = part.trimmed().toInt(&ok);
        if (!ok || minutes < 0 || minutes > MaxRetryMinutes)
            return std::nullopt;
        out.push_back(minutes);
    }
    return out;
}

storage::Result<std::vector<Campaign::Listed>> Campaign::active(storage::Database &db)
{
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT id, name FROM campaigns WHERE status = 'active' ORDER BY name, id");
    if (!query)
        return query.error();
    std::vector<Listed> out;
    const storage::Status read = query.value()->forEachRow([&out](const storage::Statement &row) {
        if (std::optional<sync::RowId> id = sync::RowId::fromBytes(row.blob(0)))
            out.push_back({*id, row.text(1)});
    });
    if (!read)
        return read.error();
    return out;
}

std::vector<std::pair<QString, sync::Value>> CampaignFields::cells() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("mode"), mode},
            {QStringLiteral("window_start"), windowStart},
            {QStringLiteral("window_end"), windowEnd},
            {QStringLiteral("max_attempts"), maxAttempts},
            {QStringLiteral("retry_minutes"), retryMinutes},
            {QStringLiteral("status"), status},
            {QStringLiteral("dispositions"), dispositions},
            {QStringLiteral("script"), script}};
}

storage::Result<CampaignFields> Campaign::readFields(storage::Database &db, const sync::RowId &id)
{
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT name, mode, window_start, window_end, max_attempts, retry_minutes, status, dispositions,"
                   " script FROM campaigns WHERE id = ?");
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    row.bind(1, id.toBytes());
    storage::Result<bool> found = row.step();
    if (!found)
        return found.error();
    if (!*found) {
        row.reset();
        return storage::Error{storage::ErrorCode::NotFound, tr("There is no such campaign."), 0};
    }
    CampaignFields fields{row.text(0), row.text(1), row.text(2), row.text(3), row.int64(4),
                          row.text(5), row.text(6), row.text(7), row.text(8)};
    row.reset();
    return fields;
}

storage::Result<Campaign> Campaign::read(storage::Database &db, const sync::RowId &id)
{
    storage::Result<CampaignFields> fields = readFields(db, id);
    if (!fields)
        return fields.error();
    storage::Result<Campaign> campaign = check(*fields);
    if (campaign)
        campaign->id = id;
    return campaign;
}

storage::Result<Campaign> Campaign::check(const CampaignFields &fields)
{
    Campaign out;
    out.name = fields.name;
    out.status = fields.status;
    out.script = fields.script.left(20'000);
    const std::optional<CallingWindow> window = CallingWindow::parse(fields.windowStart, fields.windowEnd);
    const std::optional<std::vector<int>> retry = parseRetryMinutes(fields.retryMinutes);
    QString dispositionProblem;
    const std::optional<Dispositions> dispositions = Dispositions::parse(fields.dispositions, &dispositionProblem);
    if (fields.mode != QLatin1String("preview") && fields.mode != QLatin1String("progressive"))
        return invalid(tr("Campaign %1 has no dialing mode (preview or progressive).").arg(out.name));
    out.mode = fields.mode == QLatin1String("progressive") ? Mode::Progressive : Mode::Preview;
    if (!window)
        return invalid(tr("Campaign %1 has no valid calling window.").arg(out.name));
    out.window = *window;
    if (fields.maxAttempts < 1 || fields.maxAttempts > MaxAttemptsLimit)
        return invalid(
            tr("Campaign %1 allows %2 attempts; 1 to 100 are possible.").arg(out.name).arg(fields.maxAttempts));
    out.maxAttempts = int(fields.maxAttempts);
    if (!retry)
        return invalid(tr("Campaign %1 has retry delays that are not minutes.").arg(out.name));
    out.retryMinutes = *retry;
    if (!dispositions)
        return invalid(tr("Campaign %1: %2").arg(out.name, dispositionProblem));
    out.dispositions = *dispositions;
    // A retry without any delay would hand the same person straight back to the agent.
    for (const Disposition &d : out.dispositions.all()) {
        if (d.effect == Disposition::Effect::Retry && !d.retryMinutes && out.retryMinutes.empty())
            return invalid(tr("Campaign %1 retries calls but has no retry delays.").arg(out.name));
    }
    return out;
}

} // namespace fieldline::telemarketing
