// The server's write policy, table-driven: which role may make which change. Campaigns and who is in them belong to
// managers and administrators (an agent's device records only how calls went); anyone may put a number on the
// do-not-call list, only managers and administrators take one off; the product catalog is theirs too; form
// layouts come only through the forms API. Claims on a member or callback: the first one the server holds stands
// until its lease runs out.
#include "server/WritePolicy.h"

#include <QtTest>

using namespace fieldline;
using server::Role;
using server::WritePolicy;

namespace {

sync::Change change(const char *table, const char *column, qint64 causalLength = 1, sync::Value value = {})
{
    sync::Change c;
    c.table = QString::fromLatin1(table);
    c.column = QString::fromLatin1(column);
    c.stamp.cl = causalLength;
    c.value = std::move(value);
    return c;
}

/** The row as the server holds it: absent, or alive in its first life with @p column set. */
sync::RowState stored(bool exists, const char *column = "number")
{
    sync::RowState row;
    row.exists = exists;
    row.stamp.cl = 1;
    if (exists)
        row.cells.push_back({QString::fromLatin1(column), sync::Value(QStringLiteral("+12125550100")), row.stamp, 0});
    return row;
}

/** An entry the server holds as deleted (causal length 2), with its first life's @p column. */
sync::RowState deleted(const char *column = "number")
{
    sync::RowState row = stored(true, column);
    row.stamp.cl = 2;
    return row;
}

/** A member or callback row as the server holds it, claimed by @p holder until @p untilMs (no claim cells when
 * @p holder is null). */
sync::RowState claimedBy(const char *holder, qint64 untilMs)
{
    sync::RowState row;
    row.exists = true;
    row.stamp.cl = 1;
    if (holder) {
        row.cells.push_back({QStringLiteral("claimed_by"), sync::Value(QString::fromLatin1(holder)), row.stamp, 0});
        row.cells.push_back({QStringLiteral("claimed_until_ms"), sync::Value(untilMs), row.stamp, 0});
    }
    return row;
}

} // namespace

Q_DECLARE_METATYPE(fieldline::sync::Change)
Q_DECLARE_METATYPE(fieldline::sync::RowState)

class TestWritePolicy : public QObject
{
    Q_OBJECT

private slots:
    void roles_data()
    {
        QTest::addColumn<sync::Change>("change");
        QTest::addColumn<sync::RowState>("stored");
        QTest::addColumn<QString>("agent"); // part of the refusal for agents and field staff; empty: allowed
        QTest::addColumn<QString>("manager");

        const QString none;
        const sync::RowState absent = stored(false);
        const sync::RowState member = stored(true, "status");
        const QString members = QStringLiteral("campaign members");
        const QString offTheList = QStringLiteral("off the do-not-call");
        QTest::newRow("contact edit") << change("contacts", "phone") << absent << none << none;
        QTest::newRow("opt-out set") << change("contacts", "do_not_call", 1, qint64(1)) << absent << none << none;
        QTest::newRow("opt-out cleared") << change("contacts", "do_not_call", 1, qint64(0)) << absent
                                         << QStringLiteral("opt-out") << none;
        QTest::newRow("attempt logged") << change("call_attempts", "") << absent << none << none;
        QTest::newRow("callback planned") << change("callbacks", "due_ms") << absent << none << none;
        for (const char *column : {"attempts", "status", "next_attempt_ms", "last_disposition", "claimed_by"})
            QTest::newRow(column) << change("campaign_members", column) << member << none << none;
        QTest::newRow("status of a new member") << change("campaign_members", "status") << absent << members << none;
        QTest::newRow("status bringing a removed member back")
            << change("campaign_members", "status", 3) << member << members << none;
        QTest::newRow("member added") << change("campaign_members", "") << absent << members << none;
        QTest::newRow("member removed") << change("campaign_members", "", 2) << member << members << none;
        QTest::newRow("member reassigned")
            << change("campaign_members", "owner") << member << QStringLiteral("reassign") << none;
        QTest::newRow("member priority") << change("campaign_members", "priority") << member
                                         << QStringLiteral("reassign") << none;
        QTest::newRow("campaign window") << change("campaigns", "window_end") << absent << QStringLiteral("campaigns")
                                         << none;
        QTest::newRow("campaign created") << change("campaigns", "") << absent << QStringLiteral("campaigns") << none;
        QTest::newRow("dnc added") << change("dnc_numbers", "") << absent << none << none;
        QTest::newRow("dnc number of a new entry") << change("dnc_numbers", "number") << absent << none << none;
        QTest::newRow("dnc number changed") << change("dnc_numbers", "number") << stored(true) << offTheList << none;
        // A tenant-wide entry given a campaign comes off every other campaign's list.
        QTest::newRow("dnc narrowed to a campaign")
            << change("dnc_numbers", "campaign") << stored(true) << offTheList << none;
        QTest::newRow("dnc number resent as held")
            << change("dnc_numbers", "number", 1, sync::Value(QStringLiteral("+12125550100"))) << stored(true) << none
            << none;
        QTest::newRow("dnc campaign replaced")
            << change("dnc_numbers", "campaign") << stored(true, "campaign") << offTheList << none;
        QTest::newRow("dnc removed") << change("dnc_numbers", "", 2) << stored(true) << offTheList << none;
        // A new life of a listed entry would hide its number: refused whole, and cell by cell.
        QTest::newRow("dnc started over") << change("dnc_numbers", "", 3) << stored(true) << offTheList << none;
        QTest::newRow("dnc campaign in a new life")
            << change("dnc_numbers", "campaign", 3, sync::Value(QStringLiteral("c1"))) << stored(true) << offTheList
            << none;
        QTest::newRow("dnc put back") << change("dnc_numbers", "", 3) << deleted() << none << none;
        QTest::newRow("dnc number of an entry put back")
            << change("dnc_numbers", "number", 3) << deleted() << none << none;
        QTest::newRow("price") << change("products", "unit_price_cents") << absent << QStringLiteral("product catalog")
                               << none;
        QTest::newRow("layout") << change("form_layouts", "body") << absent << QStringLiteral("form designer")
                                << QStringLiteral("form designer");
    }

    void roles()
    {
        QFETCH(sync::Change, change);
        QFETCH(sync::RowState, stored);
        QFETCH(QString, agent);
        QFETCH(QString, manager);
        const auto check = [&](Role role, const QString &expected) {
            const std::optional<sync::Refusal> why = WritePolicy::refusal(role, change, stored);
            if (expected.isEmpty())
                return !why.has_value();
            return why.has_value() && why->kind != sync::Refusal::Kind::Other && why->words().contains(expected);
        };
        QVERIFY(check(Role::Agent, agent));
        QVERIFY(check(Role::Field, agent));
        QVERIFY(check(Role::Manager, manager));
        QVERIFY(check(Role::Admin, manager));
        QCOMPARE(WritePolicy::needsStoredRow(Role::Agent, change),
                 change.table == QLatin1String("campaign_members") || change.table == QLatin1String("dnc_numbers"));
    }

    void claims_data()
    {
        QTest::addColumn<sync::Change>("change");
        QTest::addColumn<sync::RowState>("stored");
        QTest::addColumn<bool>("refused"); // when alice's device pushes it at 1,000 ms, server time

        const qint64 now = 1000;
        const sync::Change claim = change("campaign_members", "claimed_by", 1, QStringLiteral("alice"));
        const sync::Change release = change("campaign_members", "claimed_by", 1, QString());
        const sync::Change lease = change("campaign_members", "claimed_until_ms", 1, qint64(now + 60'000));
        QTest::newRow("nobody's") << claim << claimedBy(nullptr, 0) << false;
        QTest::newRow("released") << claim << claimedBy("", 0) << false;
        QTest::newRow("her own") << claim << claimedBy("alice", now + 1) << false;
        QTest::newRow("bob's, running") << claim << claimedBy("bob", now + 1) << true;
        QTest::newRow("bob's, ran out") << claim << claimedBy("bob", now) << false;
        QTest::newRow("bob's lease renewed by her") << lease << claimedBy("bob", now + 1) << true;
        QTest::newRow("bob's released by her") << release << claimedBy("bob", now + 1) << true;
        QTest::newRow("bob's pool callback")
            << change("callbacks", "claimed_by", 1, QStringLiteral("alice")) << claimedBy("bob", now + 1) << true;
        QTest::newRow("bob's, another column")
            << change("campaign_members", "attempts", 1, qint64(2)) << claimedBy("bob", now + 1) << false;
        QTest::newRow("bob's, a deleted life") << change("campaign_members", "claimed_by", 3, QStringLiteral("alice"))
                                               <<
            [] {
                sync::RowState row = claimedBy("bob", 1000 + 1);
                row.stamp.cl = 2;
                return row;
            }() << false;
    }

    void claims()
    {
        QFETCH(sync::Change, change);
        QFETCH(sync::RowState, stored);
        QFETCH(bool, refused);
        const std::optional<sync::Refusal> why =
            WritePolicy::claimRefusal(QStringLiteral("alice"), change, stored, 1000);
        QCOMPARE(why.has_value(), refused);
        if (refused) {
            QCOMPARE(why->kind, sync::Refusal::Kind::ClaimHeld);
            QCOMPARE(why->arg, QStringLiteral("bob"));
            QVERIFY2(why->words().contains(QLatin1String("bob is calling")), qPrintable(why->words()));
        }
        // Whatever the role: a manager calling from the agent's screen claims like anyone.
        QVERIFY(WritePolicy::needsStoredRow(Role::Manager, change) || change.column == QLatin1String("attempts"));
    }
};

QTEST_GUILESS_MAIN(TestWritePolicy)
#include "tst_writepolicy.moc"
