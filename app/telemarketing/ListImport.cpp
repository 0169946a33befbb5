#include "app/telemarketing/ListImport.h"

#include "app/csv/CsvReader.h"
#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/PhoneNumbers.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

#include <QHash>
#include <QTimeZone>

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

storage::Result<ListImport::Outcome> ListImport::run(const QByteArray &file, const sync::RowId &campaign,
                                                     const QString &owner)
{
    Outcome outcome;
    const csv::CsvDocument document = csv::CsvReader({MaxBytes, 64}).read(file);
    std::vector<csv::CsvProblem> problems = document.problems;
    const auto problem = [&problems](qsizetype line, const QString &message) { problems.push_back({line, message}); };
    QStringList header;
    if (!document.tooLarge && document.records.empty())
        problem(1, tr("the file is empty; its first line names the columns, such as phone, first_name, last_name"));
    if (!document.records.empty()) {
        for (const QString &field : document.records.front().fields) {
            const QString name = field.trimmed().toLower();
            if (!columns().contains(name))
                problem(
                    document.records.front().line,
                    tr("unknown column '%1'; a list has the columns %2").arg(field.trimmed(), columns().join(u", ")));
            header.append(name);
        }
        if (!header.contains(QStringLiteral("phone")))
            problem(document.records.front().line, tr("the column 'phone' is missing"));
    }
    std::vector<Person> people;
    const bool readable = problems.empty(); // with a bad header, the lines cannot be read column by column
    for (size_t i = 1; readable && i < document.records.size(); ++i) {
        const csv::CsvRecord &record = document.records[i];
        if (record.fields.size() != header.size()) {
            problem(record.line, tr("%1 fields, the header has %2").arg(record.fields.size()).arg(header.size()));
            continue;
        }
        Person person;
        for (qsizetype f = 0; f < header.size(); ++f) {
            const QString text = record.fields[f].trimmed();
            if (header[f] == QLatin1String("phone")) {
                const std::optional<QString> e164 = PhoneNumbers::toE164(text, m_region);
                if (!e164)
                    problem(record.line, tr("'%1' is not a phone number (a number of another country needs its + and "
                                            "country code)")
                                             .arg(text.left(40)));
                person.phone = e164.value_or(QString());
            } else if (!text.isEmpty()) {
                if (header[f] == QLatin1String("time_zone")) {
                    if (!QTimeZone(text.toLatin1()).isValid())
                        problem(record.line, tr("'%1' is not a time zone such as Europe/Berlin").arg(text.left(40)));
                    person.timeZone = text;
                }
                person.fields.emplace_back(header[f], text.left(200));
            }
        }
        people.push_back(std::move(person));
    }
    for (const csv::CsvProblem &found : problems)
        outcome.problems.append(found.toString());
    if (!outcome.problems.isEmpty())
        return outcome;

    storage::Transaction transaction(m_replica.database());
    if (!transaction.begun())
        return transaction.begun().error();
    CampaignSetup setup(m_replica);
    QHash<QString, QByteArray> listed; // a number listed twice is one person
    for (const Person &person : people) {
        QByteArray contact = listed.value(person.phone);
        if (contact.isEmpty()) {
            storage::Result<QByteArray> known = contactWith(person.phone);
            if (!known)
                return known.error();
            contact = *known;
        }
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
            storage::Result<QString> known = zoneOf(contact, person.phone);
            if (!known)
                return known.error();
            zone = *known;
        }
        const bool again = listed.contains(person.phone);
        listed.insert(person.phone, contact);
        if (again)
            continue;
        if (zone.isEmpty()) {
            ++outcome.withoutZone;
            continue;
        }
        storage::Result<bool> added = setup.addMember(campaign, contact, owner, zone);
        if (!added)
            return added.error();
        ++(*added ? outcome.added : outcome.alreadyIn);
    }
    if (storage::Status committed = transaction.commit(); !committed)
        return committed.error();
    return outcome;
}

storage::Result<QByteArray> ListImport::contactWith(const QString &e164)
{
    auto query = m_replica.database().prepare("SELECT id FROM contacts WHERE phone = ?1 UNION ALL SELECT contact FROM "
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

storage::Result<QString> ListImport::zoneOf(const QByteArray &contact, const QString &e164)
{
    auto query = m_replica.database().prepare("SELECT time_zone FROM contacts WHERE id = ?1");
    if (!query)
        return query.error();
    query.value()->bind(1, contact);
    storage::Result<bool> row = query.value()->step();
    if (!row)
        return row.error();
    const QString timeZone = *row ? query.value()->text(0) : QString();
    query.value()->reset();
    return ZoneKey::of(timeZone, e164);
}

} // namespace fieldline::telemarketing
