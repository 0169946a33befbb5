#include "app/telemarketing/TelemarketingTables.h"

#include "storage/Database.h"

namespace fieldline::telemarketing {

using Col = sync::ColumnSchema;

std::vector<sync::TableSchema> telemarketingTables()
{
    return {
        {tables::Campaigns,
         {Col::of("name", "TEXT"), Col::of("mode", "TEXT"), Col::of("window_start", "TEXT"),
          Col::of("window_end", "TEXT"), Col::of("max_attempts", "INTEGER"), Col::of("retry_minutes", "TEXT"),
          Col::of("script", "TEXT"), Col::of("dispositions", "TEXT"), Col::of("status", "TEXT")},
         false},
        {tables::Members,
         {Col::of("campaign", "BLOB"), Col::of("contact", "BLOB"), Col::of("priority", "INTEGER"),
          Col::of("attempts", "INTEGER"), Col::of("next_attempt_ms", "INTEGER"), Col::of("status", "TEXT"),
          Col::of("owner", "TEXT"), Col::of("zone", "TEXT"), Col::of("last_disposition", "TEXT"),
          Col::of("claimed_by", "TEXT"), Col::of("claimed_until_ms", "INTEGER")},
         false},
        {tables::Callbacks,
         {Col::of("campaign", "BLOB"), Col::of("member", "BLOB"), Col::of("contact", "BLOB"),
          Col::of("due_ms", "INTEGER"), Col::of("owner", "TEXT"), Col::of("status", "TEXT"), Col::of("note", "TEXT"),
          Col::of("claimed_by", "TEXT"), Col::of("claimed_until_ms", "INTEGER")},
         false},
        {tables::Attempts,
         {Col::of("campaign", "BLOB"), Col::of("member", "BLOB"), Col::of("contact", "BLOB"), Col::of("number", "TEXT"),
          Col::of("owner", "TEXT"), Col::of("started_ms", "INTEGER"), Col::of("duration_ms", "INTEGER"),
          Col::of("result", "TEXT"), Col::of("disposition", "TEXT"), Col::of("note", "TEXT"), Col::of("form", "BLOB")},
         true},
        {tables::DoNotCall,
         {Col::of("number", "TEXT"), Col::of("campaign", "BLOB"), Col::of("reason", "TEXT"),
          Col::of("added_by", "TEXT")},
         false},
        {tables::ContactPhones,
         {Col::of("contact", "BLOB"), Col::of("number", "TEXT"), Col::of("label", "TEXT"),
          Col::of("position", "INTEGER")},
         false},
    };
}

QByteArray callbackOfLiveMember(const char *alias)
{
    const QByteArray member = QByteArray(alias) + ".member";
    return "(" + member + " IS NULL OR EXISTS (SELECT 1 FROM campaign_members live WHERE live.id = " + member + "))";
}

storage::Status createTelemarketingIndexes(storage::Database &db)
{
    // The queue asks, zone by zone, for the best queued members: equality on the first three columns, then
    // the order it wants, so each zone's head is one index seek.
    return db.exec("CREATE INDEX IF NOT EXISTS tm_members_queue"
                   " ON campaign_members(campaign, status, zone, priority DESC, next_attempt_ms);"
                   // The queue panel's counts (QueueSummary) read only this, no row of the table. It names status
                   // as well, so the planner, counting equality columns, takes it for the counts over the other.
                   "CREATE INDEX IF NOT EXISTS tm_members_waiting ON campaign_members(campaign, status, zone,"
                   " next_attempt_ms, attempts, owner, claimed_by, claimed_until_ms) WHERE status = 'queued';"
                   // The queue without the pool (the server cannot be reached): the agent's own members only, a
                   // seek per zone instead of reading past the pool's (partial: owned members only).
                   "CREATE INDEX IF NOT EXISTS tm_members_own ON campaign_members(campaign, owner, status, zone,"
                   " priority DESC, next_attempt_ms) WHERE owner <> '';"
                   // The pool members an agent holds ahead (ClaimReserve), read when the server cannot be reached:
                   // claims are few at any time, so the index is small (partial: claimed members only).
                   "CREATE INDEX IF NOT EXISTS tm_members_claimed ON campaign_members(claimed_by, campaign)"
                   " WHERE claimed_by <> '';"
                   "CREATE INDEX IF NOT EXISTS tm_callbacks_due ON callbacks(campaign, status, due_ms);"
                   "CREATE INDEX IF NOT EXISTS tm_callbacks_member ON callbacks(member);"
                   "CREATE INDEX IF NOT EXISTS tm_dnc_number ON dnc_numbers(number);"
                   "CREATE INDEX IF NOT EXISTS tm_phones_contact ON contact_phones(contact, position);"
                   "CREATE INDEX IF NOT EXISTS tm_attempts_agent ON call_attempts(owner, started_ms);"
                   "CREATE INDEX IF NOT EXISTS tm_attempts_member ON call_attempts(member);"
                   "CREATE INDEX IF NOT EXISTS tm_attempts_started ON call_attempts(started_ms);"
                   "CREATE INDEX IF NOT EXISTS tm_contacts_phone ON contacts(phone);"
                   "CREATE INDEX IF NOT EXISTS tm_contacts_territory ON contacts(territory);"
                   "CREATE INDEX IF NOT EXISTS tm_phones_number ON contact_phones(number);");
}

} // namespace fieldline::telemarketing
