#include "app/telemarketing/ListImport.h"

#include "app/csv/CsvReader.h"
#include "app/csv/FormulaGuard.h"
#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/ListParts.h"
#include "app/telemarketing/PhoneNumbers.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

#include <algorithm>

namespace fieldline::telemarketing {

namespace {

const QStringList &columns()
{
    static const QStringList names{QStringLiteral("phone"),     QStringLiteral("first_name"),
                                   QStringLiteral("last_name"), QStringLiteral("company"),
                                   QStringLiteral("time_zone"), QStringLiteral("territory")};
    return names;
}

} // namespace

ListImport::Checked ListImport::check(const QByteArray &file, const QString &region)
{
    Checked checked;
    const csv::CsvDocument document = csv::CsvReader({MaxBytes, 64}).read(file);
    std::vector<csv::CsvProblem> problems = document.problems;
    const auto problem = [&problems](qsizetype line, const QString &message) { problems.push_back({line, message}); };
    QStringList header;
    if (!document.tooLarge && document.records.empty())
        problem(1, tr("the file is empty; its first line names the columns, such as phone, first_name, last_name"));
    // A first line the reader could not read leaves the next one posing as the header: say so instead.
    const qsizetype headerLine = document.records.empty() ? 0 : document.records.front().line;
    bool readable = !document.records.empty() &&
                    std::none_of(document.problems.cbegin(), document.problems.cend(),
                                 [headerLine](const csv::CsvProblem &p) { return p.line <= headerLine; });
    if (!document.records.empty() && !readable)
        problem(1, tr("the first line cannot be read, so the columns are not known"));
    for (qsizetype f = 0; readable && f < document.records.front().fields.size(); ++f) {
        const QString field = document.records.front().fields[f].trimmed();
        const QString name = field.toLower();
        if (!columns().contains(name))
            problem(headerLine, tr("unknown column '%1'; a list has the columns %2").arg(field, columns().join(u", ")));
        else if (header.contains(name))
            problem(headerLine, tr("the column '%1' appears twice").arg(name));
        header.append(name);
    }
    if (readable && !header.contains(QStringLiteral("phone")))
        problem(headerLine, tr("the column 'phone' is missing"));
    // With a bad header the lines cannot be read column by column; the reader's problems on other lines stand.
    readable = readable && std::none_of(problems.cbegin(), problems.cend(),
                                        [headerLine](const csv::CsvProblem &p) { return p.line == headerLine; });
    std::vector<Person> &people = checked.people;
    for (size_t i = 1; readable && i < document.records.size(); ++i) {
        const csv::CsvRecord &record = document.records[i];
        if (record.fields.size() != header.size()) {
            problem(record.line, tr("%1 fields, the header has %2").arg(record.fields.size()).arg(header.size()));
            continue;
        }
        Person person;
        for (qsizetype f = 0; f < header.size(); ++f) {
            // A file a Fieldline export wrote marks text that starts like a formula; the mark is not the value.
            const QString text = csv::FormulaGuard::unguard(record.fields[f].trimmed()).trimmed();
            if (header[f] == QLatin1String("phone")) {
                QString extension;
                const std::optional<QString> e164 = PhoneNumbers::toE164(text, region, &extension);
                if (!e164)
                    problem(record.line, tr("'%1' is not a phone number (a number of another country needs its + and "
                                            "country code)")
                                             .arg(text.left(40)));
                else if (!extension.isEmpty()) // dialled and stored as E.164, it would lose the extension unsaid
                    problem(record.line, tr("'%1' has an extension (%2), which a campaign's number cannot keep: import "
                                            "the number without it")
                                             .arg(text.left(40), extension.left(10)));
                person.phone = e164.value_or(QString());
            } else if (!text.isEmpty()) {
                if (header[f] == QLatin1String("time_zone")) {
                    if (!ZoneKey::isZoneId(text))
                        problem(record.line, tr("'%1' is not a time zone such as Europe/Berlin").arg(text.left(40)));
                    person.timeZone = text;
                }
                person.fields.emplace_back(header[f], text.left(200));
            }
        }
        people.push_back(std::move(person));
    }
    // The reader's problems and the lines' come from two passes; a manager reads them in line order.
    std::stable_sort(problems.begin(), problems.end(),
                     [](const csv::CsvProblem &a, const csv::CsvProblem &b) { return a.line < b.line; });
    for (const csv::CsvProblem &found : problems)
        checked.problems.append(found.toString());
    return checked;
}

storage::Result<bool> ListImport::runPart(const Checked &list, Progress &progress, const sync::RowId &campaign,
                                          const QString &owner, int count)
{
    Outcome &outcome = progress.outcome;
    CampaignSetup setup(m_replica);
    storage::Database &db = m_replica.database();
    return runListPart(db, list, progress, count, [&](const Person &person) -> storage::Status {
        storage::Result<QByteArray> known = contactWith(db, person.phone);
        if (!known)
            return known.error();
        QByteArray contact = *known;
        if (progress.handled.contains(contact))
            return {};
        QString zone;
        if (contact.isEmpty()) {
            sync::Cells cells{{QStringLiteral("phone"), person.phone}};
            for (const auto &[column, text] : person.fields)
                cells.emplace_back(column, text);
            storage::Result<sync::RowId> created = m_replica.insert(QStringLiteral("contacts"), cells);
            if (!created)
                return created.error();
            contact = created->toBytes();
            ++outcome.newContacts;
            zone = ZoneKey::of(person.timeZone, person.phone);
        } else {
            storage::Result<QString> known = zoneOf(contact);
            if (!known)
                return known.error();
            zone = known->isEmpty() ? ZoneKey::of(person.timeZone, person.phone) : *known;
        }
        progress.handled.insert(contact, progress.next);
        if (zone.isEmpty()) {
            ++outcome.withoutZone;
            return {};
        }
        storage::Result<bool> added = setup.addMember(campaign, contact, owner, zone);
        if (!added)
            return added.error();
        ++(*added ? outcome.added : outcome.alreadyIn);
        return {};
    });
}

storage::Result<QByteArray> ListImport::contactWith(storage::Database &db, const QString &e164)
{
    auto query = db.prepare("SELECT id FROM contacts WHERE phone = ?1 UNION ALL SELECT contact FROM "
                            "contact_phones WHERE number = ?1 LIMIT 1");
    if (!query)
        return query.error();
    query.value()->bind(1, e164);
    storage::Result<bool> row = query.value()->step();
    if (!row)
        return row.error();
    const QByteArray id = *row ? query.value()->blob(0) : QByteArray();
    query.value()->reset();
    return id;
}

storage::Result<QString> ListImport::zoneOf(const QByteArray &contact)
{
    // As "add contacts" reckons it (CampaignSetup), so the next rezone leaves the member where it is.
    auto query = m_replica.database().prepare("SELECT time_zone, phone FROM contacts WHERE id = ?1");
    if (!query)
        return query.error();
    query.value()->bind(1, contact);
    storage::Result<bool> row = query.value()->step();
    if (!row)
        return row.error();
    const QString zone = *row ? ZoneKey::of(query.value()->text(0), query.value()->text(1)) : QString();
    query.value()->reset();
    return zone;
}

} // namespace fieldline::telemarketing
