// The server's write policy, table-driven: which role may make which change. Campaigns and who is in them belong to
// managers and administrators (an agent's device records only how calls went); anyone may put a number on the
// do-not-call list, only managers and administrators take one off; the product catalog is theirs too; form
// layouts come only through the forms API.
#include "server/WritePolicy.h"

#include <QtTest>

using namespace fieldline;
using server::Role;
using server::WritePolicy;

namespace {

sync::Change change(const char *table, const char *column, qint64 causalLength = 1)
{
    sync::Change c;
    c.table = QString::fromLatin1(table);
    c.column = QString::fromLatin1(column);
    c.stamp.cl = causalLength;
    return c;
}

} // namespace

Q_DECLARE_METATYPE(fieldline::sync::Change)

class TestWritePolicy : public QObject
{
    Q_OBJECT

private slots:
    void roles_data()
    {
        QTest::addColumn<sync::Change>("change");
        QTest::addColumn<QString>("agent"); // part of the refusal for agents and field staff; empty: allowed
        QTest::addColumn<QString>("manager");

        const QString none;
        QTest::newRow("contact edit") << change("contacts", "phone") << none << none;
        QTest::newRow("attempt logged") << change("call_attempts", "") << none << none;
        QTest::newRow("callback planned") << change("callbacks", "due_ms") << none << none;
        QTest::newRow("member attempts") << change("campaign_members", "attempts") << none << none;
        QTest::newRow("member status") << change("campaign_members", "status") << none << none;
        QTest::newRow("member next attempt") << change("campaign_members", "next_attempt_ms") << none << none;
        QTest::newRow("member last disposition") << change("campaign_members", "last_disposition") << none << none;
        QTest::newRow("member claimed") << change("campaign_members", "claimed_by") << none << none;
        QTest::newRow("member added") << change("campaign_members", "") << QStringLiteral("campaign members") << none;
        QTest::newRow("member removed") << change("campaign_members", "", 2) << QStringLiteral("campaign members")
                                        << none;
        QTest::newRow("member reassigned") << change("campaign_members", "owner") << QStringLiteral("reassign") << none;
        QTest::newRow("member priority") << change("campaign_members", "priority") << QStringLiteral("reassign")
                                         << none;
        QTest::newRow("campaign window") << change("campaigns", "window_end") << QStringLiteral("campaigns") << none;
        QTest::newRow("campaign created") << change("campaigns", "") << QStringLiteral("campaigns") << none;
        QTest::newRow("dnc added") << change("dnc_numbers", "") << none << none;
        QTest::newRow("dnc number") << change("dnc_numbers", "number") << none << none;
        QTest::newRow("dnc removed") << change("dnc_numbers", "", 2) << QStringLiteral("off the do-not-call") << none;
        QTest::newRow("price") << change("products", "unit_price_cents") << QStringLiteral("product catalog") << none;
        QTest::newRow("layout") << change("form_layouts", "body") << QStringLiteral("forms API")
                                << QStringLiteral("forms API");
    }

    void roles()
    {
        QFETCH(sync::Change, change);
        QFETCH(QString, agent);
        QFETCH(QString, manager);
        const auto check = [&change](Role role, const QString &expected) {
            const std::optional<QString> why = WritePolicy::refusal(role, change);
            if (expected.isEmpty())
                return !why.has_value();
            return why.has_value() && why->contains(expected);
        };
        QVERIFY(check(Role::Agent, agent));
        QVERIFY(check(Role::Field, agent));
        QVERIFY(check(Role::Manager, manager));
        QVERIFY(check(Role::Admin, manager));
    }
};

QTEST_GUILESS_MAIN(TestWritePolicy)
#include "tst_writepolicy.moc"
