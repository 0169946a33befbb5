// Forms through the real server's HTTP stack in this process (SQLite, or PostgreSQL with
// FIELDLINE_TEST_BACKEND=postgres): layouts published through the forms API reach devices, two devices of one user
// fill one submission field by field, a draft stays pinned to its version across a publish, and the server returns
// a finalised submission that fails validation.
#include "SyncServerKit.h"

#include "app/forms/LayoutReader.h"
#include "app/formsync/FormTables.h"
#include "app/formsync/LayoutCatalog.h"
#include "app/formsync/SubmissionStore.h"
#include "app/sync/AppSchema.h"
#include "app/sync/FormPublishClient.h"
#include "server/FormRoutes.h"
#include "server/OperatorToken.h"
#include "server/SubmissionReview.h"
#include "sync/LiveClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;
using forms::FormValue;
using formsync::StoredCells;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

QByteArray visitReport(int version = 1)
{
    QFile file(qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray numbered = "\"version\": " + QByteArray::number(version) + ',';
    return file.readAll().replace("\"version\": 1,", numbered);
}

/** A small layout: two text fields, a required one, and a repeat group. */
QByteArray smallLayout(int version, const QByteArray &extraField = {})
{
    return R"({"format": 1, "id": "check", "version": )" + QByteArray::number(version) + R"(,
      "title": {"en": "Check"},
      "sections": [{"id": "s", "title": {"en": "S"}, "fields": [
        {"id": "note", "type": "text", "label": {"en": "Note"}},
        {"id": "name", "type": "text", "label": {"en": "Name"}, "required": true},
        {"id": "count", "type": "integer", "label": {"en": "Count"}, "max": 10},
        {"id": "items", "type": "group", "label": {"en": "Items"}, "fields": [
          {"id": "what", "type": "text", "label": {"en": "What"}}]})" +
           extraField + R"(]}]})";
}

} // namespace

class TestFormSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_backend;
    std::unique_ptr<InProcessServer> m_server;
    std::optional<server::OperatorToken> m_operator;
    std::unique_ptr<server::FormRoutes> m_forms;
    std::unique_ptr<server::SubmissionReview> m_review;
    QByteArray m_operatorToken;
    QNetworkAccessManager m_network;
    int m_devices = 0;
    bool m_reviewFails = false;

    using Answer = AdminAnswer;

    Answer call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return sendAdminRequest(m_network, m_server->url().resolved(QUrl(path)), m_operatorToken, method, body,
                                QByteArrayLiteral("application/json"));
    }

    Answer publish(const QByteArray &layout)
    {
        m_server->clock.advance(1000);
        return call("POST", QStringLiteral("/v1/admin/tenants/acme/forms"), layout);
    }

    /** A new device of alice's: each device has its own token, bound to its site on its first push. */
    std::unique_ptr<SyncedDevice> device()
    {
        const QByteArray token = m_server->deviceToken(QStringLiteral("acme"), QStringLiteral("alice"));
        auto out = std::make_unique<SyncedDevice>(m_dir.filePath(QStringLiteral("device%1.db").arg(++m_devices)), T0,
                                                  m_server->url(), token, app::appSchema());
        if (!out->open().isEmpty())
            return nullptr;
        return out;
    }

    static forms::Layout layoutOf(const formsync::LayoutRecord &record)
    {
        forms::LayoutReader::Result read = record.read();
        return read.layout.value_or(forms::Layout());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_backend.setUp(StoreBackend::fromEnvironment()), QString());
        m_server = std::make_unique<InProcessServer>(m_dir.filePath(QStringLiteral("server")), T0, m_backend.postgres);
        QVERIFY(m_server->port != 0);
        QVERIFY(!m_server->newTenantToken(QStringLiteral("acme"), QStringLiteral("alice")).isEmpty());
        auto token = server::OperatorToken::loadOrCreate(m_dir.path());
        QVERIFY2(token, qPrintable(token.message()));
        m_operator = std::move(token.value());
        QFile file(m_dir.filePath(QLatin1String(server::OperatorToken::FileName)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_operatorToken = file.readAll().trimmed();
        auto notify = [this](qint64 tenantId, qint64 cursor) { m_server->live->notify(tenantId, cursor); };
        m_forms =
            std::make_unique<server::FormRoutes>(*m_server->api, *m_server->sync, *m_operator, m_server->clock, notify);
        m_review =
            std::make_unique<server::SubmissionReview>(*m_server->sync, m_server->clock, [this](qint64 tenantId) {
                return m_server->store->enterTenant(tenantId);
            });
        m_server->routes->setAfterPush([this](qint64 tenantId, const sync::ChangeBatch &changes) {
            if (m_reviewFails) { // what review() does when the store fails
                m_review->retryLater(tenantId, changes);
                return std::optional<qint64>();
            }
            auto returned = m_review->review(tenantId, changes);
            return returned ? *returned : std::nullopt;
        });
    }

    void invalidLayoutIsRefusedWithPaths()
    {
        const QByteArray bad = smallLayout(1, R"(, {"id": "later", "type": "date", "label": {"en": "Later"},
            "visibleIf": "missing_field > 2"}, {"id": "note", "type": "text", "label": {"en": "Again"}})");
        const Answer answer = publish(bad);
        QCOMPARE(answer.status, 400);
        QStringList paths;
        for (const QJsonValue &error : answer.json().value(QStringLiteral("errors")).toArray())
            paths << error[QStringLiteral("path")].toString();
        QVERIFY2(paths.contains(QStringLiteral("sections[0].fields[4].visibleIf")), qPrintable(paths.join(u' ')));
        QVERIFY2(paths.contains(QStringLiteral("sections[0].fields[5].id")), qPrintable(paths.join(u' ')));
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/acme/forms")).body, QByteArray("[]"));
        // Not JSON at all, and a layout over the size limit.
        QCOMPARE(publish("{\"format\": 1, ").status, 400);
        QCOMPARE(publish(QByteArray(forms::LayoutReader::MaxBytes + 1, ' ')).status, 413);
    }

    void publishedLayoutReachesTheDeviceAsPublished()
    {
        const QByteArray json = visitReport();
        QVERIFY(!json.isEmpty());
        Answer answer = publish(json);
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.json().value(QStringLiteral("version")).toInt(), 1);
        // The same layout again changes nothing; other JSON under a taken version is a conflict.
        QCOMPARE(publish(json).status, 200);
        answer = publish(QByteArray(json).replace("Visit report", "Visit notes"));
        QCOMPARE(answer.status, 409);
        QVERIFY(answer.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("version 2")));

        auto device = this->device();
        QVERIFY(device);
        QCOMPARE(device->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*device->device);
        auto startable = catalog.startable();
        QVERIFY2(startable, qPrintable(startable.message()));
        QCOMPARE(startable->size(), size_t(1));
        QCOMPARE(startable->front().form, QStringLiteral("visit-report"));
        QCOMPARE(startable->front().body, json);
        QCOMPARE(startable->front().id, formsync::layoutRowId(QStringLiteral("visit-report"), 1));
        // The device renders what the admin published: the same fields, in the same order, of the same types.
        const forms::Layout published = *forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish).layout;
        const forms::Layout received = layoutOf(startable->front());
        QCOMPARE(received.allFields().size(), published.allFields().size());
        for (size_t i = 0; i < published.allFields().size(); ++i) {
            QCOMPARE(received.allFields()[i]->id, published.allFields()[i]->id);
            QCOMPARE(received.allFields()[i]->type, published.allFields()[i]->type);
        }
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/acme/forms/visit-report/1")).body, json);
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/acme/forms/visit-report/7")).status, 404);

        // A device may not write a layout: the server refuses and the device converges back to nothing.
        device->device.clock.advance(1000);
        auto forged =
            device->device->insert(formsync::tables::Layouts, {{QStringLiteral("form"), QStringLiteral("forged")},
                                                               {QStringLiteral("version"), qint64(1)},
                                                               {QStringLiteral("body"), QStringLiteral("{}")}});
        QVERIFY(forged);
        QCOMPARE(device->syncOnce(), sync::SyncProblem::Rejected);
        QCOMPARE(device->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(synctest::count(device->device, "SELECT count(*) FROM form_layouts WHERE form = 'forged'"), 0);
    }

    void twoDevicesFillOneSubmissionFieldByField()
    {
        QCOMPARE(publish(smallLayout(1)).status, 201);
        auto a = device();
        auto b = device();
        QVERIFY(a && b);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalogA(*a->device);
        const formsync::LayoutRecord record = *catalogA.record(formsync::layoutRowId(QStringLiteral("check"), 1));
        const forms::Layout layout = layoutOf(record);
        QCOMPARE(layout.id, QStringLiteral("check"));

        formsync::SubmissionStore storeA(*a->device);
        auto id = storeA.start(record.id, record.form, QStringLiteral("alice"), QDateTime::currentDateTimeUtc());
        QVERIFY(id);
        const formsync::SubmissionHeader header = *storeA.header(*id);
        forms::FormData dataA;
        dataA.setValue(QStringLiteral("note"), FormValue::text(QStringLiteral("first")));
        dataA.rows(QStringLiteral("items")).push_back({QStringLiteral("r1"), {}});
        StoredCells savedA = formsync::SubmissionCells::encode(dataA, layout);
        QVERIFY(storeA.save(header, {}, savedA));
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(b->syncOnce(), sync::SyncProblem::None);

        // B continues from what it received; both edit at once, offline from each other.
        formsync::SubmissionStore storeB(*b->device);
        StoredCells savedB = *storeB.cells(*id);
        QCOMPARE(savedB, savedA);
        std::vector<forms::LayoutProblem> problems;
        forms::FormData dataB = formsync::SubmissionCells::decode(savedB, layout, problems);
        QVERIFY(problems.empty());
        QCOMPARE(dataB, dataA);

        // Device clocks well past every stamp seen so far, so B's later edit has the later stamp.
        a->device.clock.advance(100'000);
        dataA.setValue(QStringLiteral("name"), FormValue::text(QStringLiteral("Ada")));
        dataA.rows(QStringLiteral("items")).push_back({QStringLiteral("ra"), {}});
        dataA.rows(QStringLiteral("items"))
            .back()
            .values.insert(QStringLiteral("what"), FormValue::text(QStringLiteral("boxes")));
        dataA.setValue(QStringLiteral("note"), FormValue::text(QStringLiteral("from A")));
        const StoredCells nextA = formsync::SubmissionCells::encode(dataA, layout);
        QVERIFY(storeA.save(header, savedA, nextA));

        b->device.clock.advance(200'000); // B's edit of the note is the later one
        dataB.setValue(QStringLiteral("count"), FormValue::number(*forms::Decimal::parse(QStringLiteral("7"))));
        dataB.setValue(QStringLiteral("note"), FormValue::text(QStringLiteral("from B")));
        dataB.rows(QStringLiteral("items")).push_back({QStringLiteral("rb"), {}});
        const StoredCells nextB = formsync::SubmissionCells::encode(dataB, layout);
        QVERIFY(storeB.save(*storeB.header(*id), savedB, nextB));

        for (int round = 0; round < 2; ++round) {
            QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
            QCOMPARE(b->syncOnce(), sync::SyncProblem::None);
        }
        const StoredCells onA = *storeA.cells(*id);
        QCOMPARE(*storeB.cells(*id), onA);
        const forms::FormData merged = formsync::SubmissionCells::decode(onA, layout, problems);
        QVERIFY(problems.empty());
        QCOMPARE(merged.value(QStringLiteral("name")).toText(), QStringLiteral("Ada"));
        QCOMPARE(merged.value(QStringLiteral("count")).toNumber().toString(), QStringLiteral("7"));
        QCOMPARE(merged.value(QStringLiteral("note")).toText(), QStringLiteral("from B"));
        QStringList rows;
        for (const forms::FormRow &row : merged.rows(QStringLiteral("items")))
            rows << row.id;
        rows.sort();
        QCOMPARE(rows, (QStringList{QStringLiteral("r1"), QStringLiteral("ra"), QStringLiteral("rb")}));

        // A removes a row while B fills it in: the removal wins, the rest stays.
        a->device.clock.advance(1000);
        forms::FormData lessA = merged;
        auto &itemsA = lessA.rows(QStringLiteral("items"));
        itemsA.erase(std::find_if(itemsA.begin(), itemsA.end(),
                                  [](const forms::FormRow &row) { return row.id == QStringLiteral("r1"); }));
        QVERIFY(storeA.save(header, onA, formsync::SubmissionCells::encode(lessA, layout)));
        forms::FormData moreB = merged;
        for (forms::FormRow &row : moreB.rows(QStringLiteral("items"))) {
            if (row.id == QStringLiteral("r1"))
                row.values.insert(QStringLiteral("what"), FormValue::text(QStringLiteral("crates")));
        }
        QVERIFY(storeB.save(header, onA, formsync::SubmissionCells::encode(moreB, layout)));
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
            QCOMPARE(b->syncOnce(), sync::SyncProblem::None);
        }
        QCOMPARE(*storeB.cells(*id), *storeA.cells(*id));
        const forms::FormData last = formsync::SubmissionCells::decode(*storeA.cells(*id), layout, problems);
        QCOMPARE(last.rows(QStringLiteral("items")).size(), size_t(2));
        QCOMPARE(last.value(QStringLiteral("name")).toText(), QStringLiteral("Ada"));
    }

    void draftStaysPinnedAcrossAPublish()
    {
        auto a = device();
        QVERIFY(a);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*a->device);
        formsync::SubmissionStore store(*a->device);
        const formsync::LayoutRecord v1 = *catalog.record(formsync::layoutRowId(QStringLiteral("check"), 1));
        auto draft = store.start(v1.id, v1.form, QStringLiteral("alice"), QDateTime::currentDateTimeUtc());
        QVERIFY(draft);
        forms::FormData data;
        data.setValue(QStringLiteral("note"), FormValue::text(QStringLiteral("kept")));
        QVERIFY(store.save(*store.header(*draft), {}, formsync::SubmissionCells::encode(data, layoutOf(v1))));

        // Version 2 makes a new field required; the device receives it.
        QCOMPARE(publish(smallLayout(2, R"(, {"id": "extra", "type": "text", "label": {"en": "Extra"},
            "required": true})"))
                     .status,
                 201);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        auto startable = catalog.startable();
        QVERIFY(startable);
        auto check = std::find_if(startable->begin(), startable->end(),
                                  [](const formsync::LayoutRecord &r) { return r.form == QStringLiteral("check"); });
        QVERIFY(check != startable->end());
        QCOMPARE(check->version, 2);

        // The draft still names version 1, which still renders, with its values.
        const formsync::SubmissionHeader header = *store.header(*draft);
        QCOMPARE(header.layout, v1.id);
        const formsync::LayoutRecord pinned = *catalog.record(header.layout);
        QCOMPARE(pinned.version, 1);
        std::vector<forms::LayoutProblem> problems;
        const forms::FormData back =
            formsync::SubmissionCells::decode(*store.cells(*draft), layoutOf(pinned), problems);
        QVERIFY(problems.empty());
        QCOMPARE(back.value(QStringLiteral("note")).toText(), QStringLiteral("kept"));
        QVERIFY(!layoutOf(pinned).field(QStringLiteral("extra")));

        // Finalised against version 1 (which does not have "extra") but missing "name": the server returns it.
        a->device.clock.advance(1000);
        QVERIFY(store.finalise(*draft, QDateTime::currentDateTimeUtc()));
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::SubmissionHeader returned = *store.header(*draft);
        QCOMPARE(returned.status, formsync::status::Returned);
        QVERIFY2(returned.problem.startsWith(QStringLiteral("name: ")), qPrintable(returned.problem));
        QVERIFY2(!returned.problem.contains(QStringLiteral("extra")), qPrintable(returned.problem));

        // Filled in and finalised again, it stays final.
        a->device.clock.advance(1000);
        const StoredCells before = *store.cells(*draft);
        data.setValue(QStringLiteral("name"), FormValue::text(QStringLiteral("Grace")));
        QVERIFY(store.save(returned, before, formsync::SubmissionCells::encode(data, layoutOf(pinned))));
        QVERIFY(store.finalise(*draft, QDateTime::currentDateTimeUtc()));
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        returned = *store.header(*draft);
        QCOMPARE(returned.status, formsync::status::Final);
        QCOMPARE(returned.problem, QString());
    }

    void retiredFormIsNotStartable()
    {
        const Answer listed = call("GET", QStringLiteral("/v1/admin/tenants/acme/forms"));
        QCOMPARE(listed.status, 200);
        QCOMPARE(QJsonDocument::fromJson(listed.body).array().size(), 3); // visit-report 1, check 1 and 2
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/forms/check/retire")).status, 200);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/forms/nothing/retire")).status, 404);
        auto a = device();
        QVERIFY(a);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*a->device);
        auto startable = catalog.startable();
        QVERIFY(startable);
        QCOMPARE(startable->size(), size_t(1));
        QCOMPARE(startable->front().form, QStringLiteral("visit-report"));
        // Retired versions stay on the device, so drafts of them still render.
        QVERIFY(catalog.record(formsync::layoutRowId(QStringLiteral("check"), 1)));
        // Publishing a new version brings the form back.
        QCOMPARE(publish(smallLayout(3)).status, 201);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(catalog.startable()->size(), size_t(2));
    }

    void connectedDeviceReceivesANewLayoutWithinSeconds()
    {
        auto device = this->device();
        QVERIFY(device);
        QCOMPARE(device->syncOnce(), sync::SyncProblem::None);
        sync::LiveClient live(m_server->url(), device->token);
        connect(&live, &sync::LiveClient::notified, device->client.get(), &sync::SyncClient::syncNow);
        QSignalSpy connected(&live, &sync::LiveClient::connectedChanged);
        live.start();
        QVERIFY(connected.wait(10000));
        formsync::LayoutCatalog catalog(*device->device);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(publish(smallLayout(4)).status, 201);
        const sync::RowId v4 = formsync::layoutRowId(QStringLiteral("check"), 4);
        QVERIFY(QTest::qWaitFor([&] { return bool(catalog.record(v4)); }, 5000));
        qInfo("a published layout reached a connected device in %lld ms", timer.elapsed());
    }

    void designerPublishesWithAnAdminsTokenOnly()
    {
        // The client's publish path (the designer): an admin's token publishes, a field user's is refused.
        app::FormPublishClient client;
        auto publishAs = [&](const QByteArray &token, const QByteArray &json) {
            std::optional<std::pair<bool, QString>> outcome;
            client.publish(m_server->url(), QStringLiteral("acme"), token, json,
                           [&outcome](bool published, const QString &message) { outcome.emplace(published, message); });
            (void)QTest::qWaitFor([&] { return outcome.has_value(); }, 10000);
            return outcome.value_or(std::pair<bool, QString>{false, QStringLiteral("no answer")});
        };
        m_server->clock.advance(1000);
        auto [published, message] = publishAs(m_operatorToken, smallLayout(5));
        QVERIFY2(published, qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("version 5")), qPrintable(message));
        const QByteArray fieldUser = m_server->deviceToken(QStringLiteral("acme"), QStringLiteral("alice"));
        std::tie(published, message) = publishAs(fieldUser, smallLayout(6));
        QVERIFY(!published);
        QVERIFY2(message.contains(QStringLiteral("administrator")), qPrintable(message));
        std::tie(published, message) = publishAs(m_operatorToken, smallLayout(7, R"(, {"id": "x", "type": "nope"})"));
        QVERIFY(!published);
        QVERIFY2(message.contains(QStringLiteral("sections[0].fields[4]")), qPrintable(message));
    }

    // today() on the server is the day the user finalised on, in the device's offset, not the server's UTC day.
    void reviewUsesTheDevicesDay()
    {
        QCOMPARE(publish(R"~({"format": 1, "id": "dated", "version": 1, "title": {"en": "Dated"},
            "sections": [{"id": "s", "title": {"en": "S"}, "fields": [
              {"id": "visited_on", "type": "date", "label": {"en": "Visited on"}, "required": true,
               "constraint": "visited_on = today()"}]}]})~")
                     .status,
                 201);
        auto a = device();
        QVERIFY(a);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*a->device);
        formsync::SubmissionStore store(*a->device);
        const formsync::LayoutRecord record = *catalog.record(formsync::layoutRowId(QStringLiteral("dated"), 1));

        // A device whose local date is not the server's UTC date at this moment (UTC+14 late in the UTC day,
        // UTC-12 early in it).
        const QDateTime serverNow = QDateTime::fromMSecsSinceEpoch(m_server->clock.nowMs(), Qt::UTC);
        const int offset = serverNow.time().hour() >= 10 ? 14 * 3600 : -12 * 3600;
        const QDateTime local = serverNow.toOffsetFromUtc(offset);
        QVERIFY(local.date() != serverNow.date());

        for (const QDate &visited : {local.date(), serverNow.date()}) {
            auto draft = store.start(record.id, record.form, QStringLiteral("alice"), local);
            QVERIFY(draft);
            forms::FormData data;
            data.setValue(QStringLiteral("visited_on"), FormValue::date(visited));
            QVERIFY(store.save(*store.header(*draft), {}, formsync::SubmissionCells::encode(data, layoutOf(record))));
            a->device.clock.advance(1000);
            QVERIFY(store.finalise(*draft, local));
            QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
            QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
            const formsync::SubmissionHeader header = *store.header(*draft);
            if (visited == local.date()) {
                QCOMPARE(header.status, formsync::status::Final);
            } else {
                QCOMPARE(header.status, formsync::status::Returned);
                QVERIFY2(header.problem.startsWith(QStringLiteral("visited_on: ")), qPrintable(header.problem));
            }
        }
    }

    // A review that could not run is tried again; the submission is returned then, and the device learns of it.
    void failedReviewIsRetried()
    {
        auto a = device();
        QVERIFY(a);
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*a->device);
        formsync::SubmissionStore store(*a->device);
        const formsync::LayoutRecord record = *catalog.record(formsync::layoutRowId(QStringLiteral("dated"), 1));
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_server->clock.nowMs(), Qt::UTC);
        auto draft = store.start(record.id, record.form, QStringLiteral("alice"), now);
        QVERIFY(draft);
        a->device.clock.advance(1000);
        QVERIFY(store.finalise(*draft, now)); // visited_on is required and missing

        m_reviewFails = true;
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        m_reviewFails = false;
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        QCOMPARE(store.header(*draft)->status, formsync::status::Final);
        QCOMPARE(m_review->pending(), size_t(1));
        // Another tenant's request comes last before the retry: on PostgreSQL it leaves the connection scoped to
        // that tenant, where acme's submission is invisible.
        const QByteArray other = m_server->newTenantToken(QStringLiteral("other"), QStringLiteral("olga"));
        QVERIFY(!other.isEmpty());
        SyncedDevice stranger(m_dir.filePath(QStringLiteral("stranger.db")), T0, m_server->url(), other,
                              app::appSchema());
        QCOMPARE(stranger.open(), QString());
        QCOMPARE(stranger.syncOnce(), sync::SyncProblem::None);

        const auto moved = m_review->retry();
        QCOMPARE(moved.size(), size_t(1));
        QCOMPARE(moved.front().first, m_server->tenantId(QStringLiteral("acme")));
        QCOMPARE(m_review->pending(), size_t(0));
        QCOMPARE(a->syncOnce(), sync::SyncProblem::None);
        const formsync::SubmissionHeader header = *store.header(*draft);
        QCOMPARE(header.status, formsync::status::Returned);
        QVERIFY2(header.problem.startsWith(QStringLiteral("visited_on: ")), qPrintable(header.problem));
        QVERIFY(m_review->retry().empty()); // nothing left to do
    }

    void aLayoutOverAMegabyteReachesTheDevice()
    {
        // 5,000 fields with long labels: about 2.4 MB of JSON in one cell, over the codec's default string limit.
        QByteArray fields;
        for (int i = 0; i < 5000; ++i)
            fields += ", {\"id\": \"f" + QByteArray::number(i) + "\", \"type\": \"text\", \"label\": {\"en\": \"" +
                      QByteArray(400, 'x') + "\"}}";
        const QByteArray json = smallLayout(1, fields).replace("\"id\": \"check\"", "\"id\": \"big\"");
        QVERIFY(json.size() > 2'000'000);
        QCOMPARE(publish(json).status, 201);
        auto device = this->device();
        QVERIFY(device);
        QCOMPARE(device->syncOnce(), sync::SyncProblem::None);
        formsync::LayoutCatalog catalog(*device->device);
        auto big = catalog.record(formsync::layoutRowId(QStringLiteral("big"), 1));
        QVERIFY2(big, qPrintable(big.message()));
        QCOMPARE(big->body, json);
    }

    void cleanupTestCase()
    {
        m_forms.reset();
        m_review.reset();
        m_server.reset();
    }
};

QTEST_GUILESS_MAIN(TestFormSync)
#include "tst_formsync.moc"
