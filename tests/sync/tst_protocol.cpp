#include "sync/protocol/ProtocolCodec.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using fieldline::sync::Refusal;
using namespace fieldline::sync;
using namespace fieldline::sync::protocol;
using StorageCode = fieldline::storage::ErrorCode;

namespace {

ByteId id(unsigned char fill)
{
    QByteArray bytes(ByteId::Size, char(fill));
    bytes[0] = char(0x80); // a high first byte catches any signed-char handling
    return *ByteId::fromBytes(bytes);
}

/** The values that must survive any trip bit for bit. */
std::vector<Value> edgeValues()
{
    return {
        std::monostate{},
        qint64(0),
        qint64(-1),
        qint64((qint64(1) << 53) + 1),
        std::numeric_limits<qint64>::min(),
        std::numeric_limits<qint64>::max(),
        0.0,
        -0.0,
        -1.1754943508222875e-38,
        std::numeric_limits<double>::denorm_min(),
        -std::numeric_limits<double>::denorm_min() * 12345,
        std::numeric_limits<double>::max(),
        std::numeric_limits<double>::infinity(),
        std::bit_cast<double>(quint64(0x7ff8000000000123)), // NaN with a payload
        std::bit_cast<double>(quint64(0xfff0000000000001)), // signalling NaN, sign set
        0.1,
        QStringLiteral("\U0001F4DE caf\u00e9 \u7535\u8bdd \U00010348"),
        QString(),
        QByteArray("\0a\0\xff", 4),
        QByteArray(),
    };
}

ChangeBatch sampleChanges()
{
    ChangeBatch batch;
    qint64 seq = 1;
    for (const Value &v : edgeValues()) {
        batch.push_back(Change{QStringLiteral("contacts"), id(0x11), QStringLiteral("name"), v,
                               Stamp{3, (qint64(1763786000000) << 16) | 7, id(0x22)}, seq, seq % 3});
        ++seq;
    }
    // A row change: empty column, even causal length (a delete).
    batch.push_back(Change{QStringLiteral("accounts"), id(0x33), QString(), std::monostate{},
                           Stamp{std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(), id(0x44)},
                           seq++});
    return batch;
}

/** One sample message, type-erased so the tables below can hold every type. */
struct Sample
{
    const char *name;
    QByteArray encoded;
    std::function<fieldline::storage::Status(QByteArrayView, const Limits &)> decode;
    std::function<QByteArray(QByteArrayView)> reencode; ///< empty on failure
};

template <typename M> Sample sample(const char *name, const M &message)
{
    return Sample{name, encode(message),
                  [](QByteArrayView bytes, const Limits &limits) { return decode<M>(bytes, limits).status(); },
                  [](QByteArrayView bytes) {
                      auto decoded = decode<M>(bytes);
                      return decoded ? encode(*decoded) : QByteArray();
                  }};
}

const std::vector<Sample> &samples()
{
    static const std::vector<Sample> all = [] {
        std::vector<Sample> s;
        s.push_back(sample("login request",
                           LoginRequest{QStringLiteral("acme"), QStringLiteral("ana"),
                                        QStringLiteral("p\u00e4ss \U0001F511"), QStringLiteral("Ana's laptop")}));
        s.push_back(sample("login request, empty", LoginRequest{}));
        s.push_back(
            sample("login response", LoginResponse{QStringLiteral("tok-123"), QStringLiteral("field"), 1763786000123}));
        s.push_back(sample("push request", PushRequest{id(0x22), 42, 7, sampleChanges()}));
        s.push_back(sample("push request, empty", PushRequest{id(0x22), 0, 0, {}}));
        s.push_back(sample("push response",
                           PushResponse{{{ApplyOutcome::Applied, {}},
                                         {ApplyOutcome::Unchanged, {}},
                                         {ApplyOutcome::Rejected, QStringLiteral("malformed column name")},
                                         {ApplyOutcome::Rejected, QStringLiteral("clock 7 minutes ahead"), 120000}},
                                        std::numeric_limits<qint64>::max()}));
        s.push_back(sample("push response, refusal kinds",
                           PushResponse{{{ApplyOutcome::Rejected, QStringLiteral("This record no longer exists."), 0,
                                          Refusal{Refusal::Kind::RecordGone, {}}},
                                         {ApplyOutcome::Unchanged, QStringLiteral("bob is calling"), 0,
                                          Refusal{Refusal::Kind::ClaimHeld, QStringLiteral("bob")}},
                                         {ApplyOutcome::Rejected, QStringLiteral("ahead"), 60000,
                                          Refusal{Refusal::Kind::ClockAhead, QStringLiteral("360000")}}},
                                        7}));
        s.push_back(sample("pull request", PullRequest{123456789, 500}));
        s.push_back(sample("pull request, recorded cursor", PullRequest{123456789, 500, 0, true}));
        s.push_back(sample("pull request, answered batch", PullRequest{123456789, 500, 0, true, id(0x22), 38, 41}));
        s.push_back(sample("pull response", PullResponse{sampleChanges(), 99, true}));
        s.push_back(sample("pull response, recorded", PullResponse{{}, 100, false, {}, 0, true}));
        s.push_back(sample("pull response, last", PullResponse{{}, 100, false}));
        s.push_back(sample("pull response, evictions", PullResponse{sampleChanges(),
                                                                    101,
                                                                    true,
                                                                    {{QStringLiteral("accounts"), id(0x31)},
                                                                     {QStringLiteral("visits"), id(0x32)}}}));
        s.push_back(sample("snapshot request, first", SnapshotRequest{{}, 1000}));
        s.push_back(sample("snapshot request", SnapshotRequest{QByteArray("\x01\x00\xfe", 3), 1000}));
        s.push_back(sample("snapshot response", SnapshotResponse{sampleChanges(), QByteArray("next"), 77, true}));
        s.push_back(sample("ack", Ack{31337}));
        s.push_back(sample("error", ErrorMessage{protocol::ErrorCode::RateLimited,
                                                 QStringLiteral("Too many attempts; try again in a minute."), 60000}));
        s.push_back(sample("error, clock skew",
                           ErrorMessage{protocol::ErrorCode::ClockSkew,
                                        QStringLiteral("This device's clock is 7 minutes ahead of the server."), 0}));
        s.push_back(sample("live notify", LiveNotify{4242}));
        return s;
    }();
    return all;
}

QCborValue key(const char *name)
{
    return QCborValue(QLatin1String(name));
}

QByteArray replaceOnce(QByteArray bytes, const QByteArray &from, const QByteArray &to)
{
    const qsizetype at = bytes.indexOf(from);
    Q_ASSERT(at >= 0);
    return bytes.replace(at, from.size(), to);
}

bool sameBits(const Value &a, const Value &b)
{
    if (a.index() != b.index())
        return false;
    if (const auto *d = std::get_if<double>(&a))
        return std::memcmp(d, &std::get<double>(b), sizeof(double)) == 0;
    return a == b;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void truncatedAtEveryOffsetFails_data();
    void truncatedAtEveryOffsetFails();
    void valuesAreBitExact();
    void changeFieldsSurvive();
    void shorterFloatsAreAccepted();
    void malformed_data();
    void malformed();
    void limitsAreEnforced();
    void unknownVersionIsRefused();
    void unknownKeysAreIgnored();
    void aChangeWithoutSchemaVersionIsFromAnOlderPeer();
    void aPullFromAnOlderBuildClaimsNoBatch();
    void otherMessageTypeIsRefused();
    void unknownErrorCodeIsKeptAsUnknown();
    void refusalKindsArriveAndUnknownOnesFallBackToWords();
    void seedCorpusDecodes();
};

void TestProtocol::roundTrip_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < samples().size(); ++i)
        QTest::newRow(samples()[i].name) << int(i);
}

void TestProtocol::roundTrip()
{
    QFETCH(int, index);
    const Sample &s = samples()[std::size_t(index)];
    const auto status = s.decode(s.encoded, {});
    QVERIFY2(status.ok(), qPrintable(status.message()));
    // Encoding is injective (every field written, typed), so equal bytes mean an equal message.
    QCOMPARE(s.reencode(s.encoded).toHex(), s.encoded.toHex());
}

void TestProtocol::truncatedAtEveryOffsetFails_data()
{
    roundTrip_data();
}

void TestProtocol::truncatedAtEveryOffsetFails()
{
    QFETCH(int, index);
    const Sample &s = samples()[std::size_t(index)];
    for (qsizetype n = 0; n < s.encoded.size(); ++n) {
        const auto status = s.decode(QByteArrayView(s.encoded).first(n), {});
        QVERIFY2(!status.ok(), qPrintable(QStringLiteral("prefix of %1 bytes decoded").arg(n)));
        QCOMPARE(status.code(), StorageCode::Invalid);
    }
    // And every byte-flip at least never crashes.
    for (qsizetype n = 0; n < s.encoded.size(); ++n) {
        QByteArray flipped = s.encoded;
        flipped[n] = char(flipped[n] ^ 0xff);
        (void)s.decode(flipped, {});
    }
}

void TestProtocol::valuesAreBitExact()
{
    const ChangeBatch sent = sampleChanges();
    auto decoded = decode<PullResponse>(encode(PullResponse{sent, 1, false}));
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    QCOMPARE(decoded->changes.size(), sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        QVERIFY2(sameBits(decoded->changes[i].value, sent[i].value),
                 qPrintable(QStringLiteral("value %1: %2 became %3")
                                .arg(i)
                                .arg(QString::fromLatin1(canonicalValue(sent[i].value)),
                                     QString::fromLatin1(canonicalValue(decoded->changes[i].value)))));
    }
    // The double stays 64-bit on the wire: -0.0 is 0xfb 8000000000000000.
    const QByteArray wire = encode(PullResponse{{Change{{}, id(1), {}, -0.0, {}, 0}}, 0, false});
    QVERIFY(wire.contains(QByteArray::fromHex("fb8000000000000000")));
}

void TestProtocol::changeFieldsSurvive()
{
    const ChangeBatch sent = sampleChanges();
    auto decoded = decode<PushRequest>(encode(PushRequest{id(9), 5, 3, sent}));
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    QCOMPARE(decoded->site, id(9));
    QCOMPARE(decoded->batchSeq, 5);
    QCOMPARE(decoded->schemaVersion, 3);
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const Change &a = sent[i];
        const Change &b = decoded->changes[i];
        QCOMPARE(b.table, a.table);
        QCOMPARE(b.row, a.row);
        QCOMPARE(b.column, a.column);
        QCOMPARE(b.isRowChange(), a.isRowChange());
        QCOMPARE(b.stamp, a.stamp);
        QCOMPARE(b.seq, a.seq);
    }
}

void TestProtocol::shorterFloatsAreAccepted()
{
    // Another encoder may shorten a double when exact; the value must come out the same.
    const QByteArray wire = encode(PullResponse{{Change{{}, id(1), {}, 1.5, {}, 0}}, 0, false});
    const QByteArray asHalf =
        replaceOnce(wire, QByteArray::fromHex("fb3ff8000000000000"), QByteArray::fromHex("f93e00"));
    const QByteArray asSingle =
        replaceOnce(wire, QByteArray::fromHex("fb3ff8000000000000"), QByteArray::fromHex("fa3fc00000"));
    for (const QByteArray &bytes : {asHalf, asSingle}) {
        auto decoded = decode<PullResponse>(bytes);
        QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
        QCOMPARE(std::get<double>(decoded->changes.at(0).value), 1.5);
    }
}

void TestProtocol::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("decoder"); // which message type to decode as

    const QCborMap pull{{key("v"), 1}, {key("type"), key("pull-request")}, {key("cursor"), 1}, {key("limit"), 2}};
    auto withField = [](QCborMap map, const char *name, const QCborValue &value) {
        map.insert(key(name), value);
        return map.toCborValue().toCbor();
    };
    const QString pullType = QStringLiteral("pull");
    QTest::newRow("empty input") << QByteArray() << pullType;
    QTest::newRow("not a map") << QCborValue(QCborArray{1, 2}).toCbor() << pullType;
    QTest::newRow("cursor as text") << withField(pull, "cursor", key("1")) << pullType;
    QTest::newRow("cursor negative") << withField(pull, "cursor", -1) << pullType;
    QTest::newRow("cursor as float") << withField(pull, "cursor", 1.0) << pullType;
    QTest::newRow("limit as bool") << withField(pull, "limit", true) << pullType;
    QTest::newRow("version as text") << withField(pull, "v", key("1")) << pullType;
    QTest::newRow("type as integer") << withField(pull, "type", 3) << pullType;
    QTest::newRow("missing limit") << [&] {
        QCborMap m = pull;
        m.remove(key("limit"));
        return m.toCborValue().toCbor();
    }() << pullType;
    QTest::newRow("missing version") << [&] {
        QCborMap m = pull;
        m.remove(key("v"));
        return m.toCborValue().toCbor();
    }() << pullType;
    QTest::newRow("cursor 2^63") << replaceOnce(encode(PullRequest{1, 2}),
                                                QByteArray("\x66"
                                                           "cursor\x01"),
                                                QByteArray("\x66"
                                                           "cursor\x1b\x80\x00\x00\x00\x00\x00\x00\x00",
                                                           15))
                                 << pullType;
    QTest::newRow("cursor 2^64-1") << replaceOnce(encode(PullRequest{1, 2}),
                                                  QByteArray("\x66"
                                                             "cursor\x01"),
                                                  QByteArray("\x66"
                                                             "cursor\x1b\xff\xff\xff\xff\xff\xff\xff\xff"))
                                   << pullType;
    QTest::newRow("version 2^64-1") << replaceOnce(encode(PullRequest{1, 2}), QByteArray("\x61v\x01"),
                                                   QByteArray("\x61v\x1b\xff\xff\xff\xff\xff\xff\xff\xff"))
                                    << pullType;
    QTest::newRow("trailing byte") << encode(PullRequest{1, 2}) + '\0' << pullType;
    // A server's retry past ten years: a wait the client adds to would overflow.
    const qint64 tenYears = 10 * 366 * 24 * 3600 * qint64(1000);
    QVERIFY(decode<PushResponse>(encode(PushResponse{{{ApplyOutcome::Rejected, QStringLiteral("ahead"), tenYears}}, 1}))
                .ok());
    QTest::newRow("retry past ten years")
        << encode(PushResponse{{{ApplyOutcome::Rejected, QStringLiteral("ahead"), tenYears + 1}}, 1})
        << QStringLiteral("push-response");
    QTest::newRow("retry 2^63-1") << encode(PushResponse{{{ApplyOutcome::Rejected, QStringLiteral("ahead"),
                                                           std::numeric_limits<qint64>::max()}},
                                                         1})
                                  << QStringLiteral("push-response");
    QTest::newRow("two messages") << encode(PullRequest{1, 2}) + encode(PullRequest{1, 2}) << pullType;
    QTest::newRow("integer map key") << [&] {
        QCborMap m = pull;
        m.insert(7, 7);
        return m.toCborValue().toCbor();
    }() << pullType;
    // Duplicate keys: a map declaring one more pair than QCborMap would allow.
    QTest::newRow("duplicate key") << replaceOnce(encode(PullRequest{1, 2}), QByteArray::fromHex("a9"),
                                                  QByteArray::fromHex("aa")) +
                                          QByteArray::fromHex("656c696d697403")
                                   << pullType;
    QTest::newRow("invalid UTF-8 key") << replaceOnce(encode(PullRequest{1, 2}), QByteArray("\x65limit"),
                                                      QByteArray("\x65lim\xc3t"))
                                       << pullType;
    QTest::newRow("break outside container") << QByteArray::fromHex("ff") << pullType;
    QTest::newRow("reserved additional info") << QByteArray::fromHex("a3617601617401fc") << pullType;

    const QString pushType = QStringLiteral("push");
    const QByteArray emptyPush = encode(PushRequest{id(1), 1, 1, {}});
    QTest::newRow("array declares 2^64-1 changes")
        << replaceOnce(emptyPush,
                       QByteArray("\x67"
                                  "changes\x80"),
                       QByteArray("\x67"
                                  "changes\x9b\xff\xff\xff\xff\xff\xff\xff\xff"))
        << pushType;
    QTest::newRow("array declares 5000 changes, has none") << replaceOnce(emptyPush,
                                                                          QByteArray("\x67"
                                                                                     "changes\x80"),
                                                                          QByteArray("\x67"
                                                                                     "changes\x99\x13\x88"))
                                                           << pushType;
    QTest::newRow("site id of 15 bytes")
        << replaceOnce(emptyPush, QByteArray("\x50"), QByteArray("\x4f")).remove(emptyPush.indexOf('\x50') + 1, 1)
        << pushType;
    QTest::newRow("changes as a map") << replaceOnce(emptyPush,
                                                     QByteArray("\x67"
                                                                "changes\x80"),
                                                     QByteArray("\x67"
                                                                "changes\xa0"))
                                      << pushType;
    {
        const QByteArray onePush = encode(PushRequest{id(1), 1, 1, {Change{{}, id(2), {}, qint64(5), {}, 1}}});
        QTest::newRow("value is an array")
            << replaceOnce(onePush, QByteArray("\x61v\x05"), QByteArray("\x61v\x81\x05")) << pushType;
        QTest::newRow("value is a tag") << replaceOnce(onePush, QByteArray("\x61v\x05"), QByteArray("\x61v\xc1\x05"))
                                        << pushType;
        QTest::newRow("value is undefined")
            << replaceOnce(onePush, QByteArray("\x61v\x05"), QByteArray("\x61v\xf7")) << pushType;
        QTest::newRow("value is true") << replaceOnce(onePush, QByteArray("\x61v\x05"), QByteArray("\x61v\xf5"))
                                       << pushType;
        QTest::newRow("value -2^64") << replaceOnce(onePush, QByteArray("\x61v\x05"),
                                                    QByteArray("\x61v\x3b\xff\xff\xff\xff\xff\xff\xff\xff"))
                                     << pushType;
        QTest::newRow("change without its seq") << replaceOnce(onePush, QByteArray("\xa9"), QByteArray("\xa8"))
                                                       .replace(QByteArray("\x61q\x01"), QByteArray())
                                                << pushType;
        QTest::newRow("negative schema version")
            << replaceOnce(onePush, QByteArray("\x62sv\x00"), QByteArray("\x62sv\x20")) << pushType;
    }
    const QString loginType = QStringLiteral("login");
    const QByteArray login = encode(LoginRequest{});
    QTest::newRow("password declares 2 GiB")
        << replaceOnce(login, QByteArray("\x68password\x60"), QByteArray("\x68password\x7a\x7f\xff\xff\xff"))
        << loginType;
    QTest::newRow("password declares 2^64-1 bytes")
        << replaceOnce(login, QByteArray("\x68password\x60"),
                       QByteArray("\x68password\x7b\xff\xff\xff\xff\xff\xff\xff\xff"))
        << loginType;
    QTest::newRow("password declares 10 bytes, has 3") << replaceOnce(login, QByteArray("\x68password\x60"),
                                                                      QByteArray("\x68password\x6a"
                                                                                 "abc"))
                                                       << loginType;
    QTest::newRow("password as bytes") << replaceOnce(login, QByteArray("\x68password\x60"),
                                                      QByteArray("\x68password\x40"))
                                       << loginType;
    QTest::newRow("map declares 2^32 pairs")
        << replaceOnce(login, QByteArray("\xa6"), QByteArray("\xba\xff\xff\xff\xff")) << loginType;
    QTest::newRow("unknown key nested 100000 deep")
        << replaceOnce(login, QByteArray("\xa6"), QByteArray("\xa7")) + QByteArray("\x61z") +
               QByteArray(100000, '\x81') + QByteArray(1, '\x00')
        << loginType;
    QTest::newRow("unknown key under 100000 tags")
        << replaceOnce(login, QByteArray("\xa6"), QByteArray("\xa7")) + QByteArray("\x61z") +
               QByteArray(100000, '\xc1') + QByteArray(1, '\x00')
        << loginType;
    QTest::newRow("unknown key, indefinite array 100000 deep")
        << replaceOnce(login, QByteArray("\xa6"), QByteArray("\xa7")) + QByteArray("\x61z") + QByteArray(100000, '\x9f')
        << loginType;
}

void TestProtocol::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, decoder);
    fieldline::storage::Status status;
    if (decoder == QLatin1String("pull"))
        status = decode<PullRequest>(bytes).status();
    else if (decoder == QLatin1String("push"))
        status = decode<PushRequest>(bytes).status();
    else if (decoder == QLatin1String("push-response"))
        status = decode<PushResponse>(bytes).status();
    else
        status = decode<LoginRequest>(bytes).status();
    QVERIFY2(!status.ok(), bytes.left(64).toHex().constData());
    QCOMPARE(status.code(), StorageCode::Invalid);
    QVERIFY(status.message().startsWith(QLatin1String("protocol: ")));
}

void TestProtocol::limitsAreEnforced()
{
    const ChangeBatch batch = sampleChanges(); // 19 changes
    const QByteArray push = encode(PushRequest{id(1), 1, 1, batch});

    QVERIFY(decode<PushRequest>(push, Limits{.maxItems = qsizetype(batch.size())}).ok());
    auto tooMany = decode<PushRequest>(push, Limits{.maxItems = qsizetype(batch.size()) - 1});
    QVERIFY(!tooMany.ok());
    QVERIFY2(tooMany.message().contains(QLatin1String("items")), qPrintable(tooMany.message()));

    auto tooBig = decode<PushRequest>(push, Limits{.maxMessageBytes = push.size() - 1});
    QVERIFY(!tooBig.ok());
    QVERIFY2(tooBig.message().contains(QLatin1String("limit")), qPrintable(tooBig.message()));
    QVERIFY(decode<PushRequest>(push, Limits{.maxMessageBytes = push.size()}).ok());

    const QByteArray login =
        encode(LoginRequest{QStringLiteral("t"), QStringLiteral("u"), QString(40, QLatin1Char('x')), {}});
    QVERIFY(decode<LoginRequest>(login, Limits{.maxStringBytes = 40}).ok());
    QVERIFY(!decode<LoginRequest>(login, Limits{.maxStringBytes = 39}).ok());
    // UTF-8 bytes count, not characters: four bytes each. (Keys and the type name count too.)
    const QByteArray emoji =
        encode(LoginRequest{{}, {}, QStringLiteral("\U0001F511\U0001F511\U0001F511\U0001F511"), {}});
    auto eight = decode<LoginRequest>(emoji, Limits{.maxStringBytes = 16});
    QVERIFY2(eight.ok(), qPrintable(eight.message()));
    QVERIFY(!decode<LoginRequest>(emoji, Limits{.maxStringBytes = 15}).ok());

    // Nesting: an unknown value 10 deep is skipped under the default limit and refused under a lower one.
    const QByteArray nested = replaceOnce(login, QByteArray("\xa6"), QByteArray("\xa7")) + QByteArray("\x61z") +
                              QByteArray(10, '\x81') + QByteArray(1, '\x00');
    QVERIFY(decode<LoginRequest>(nested).ok());
    QVERIFY(!decode<LoginRequest>(nested, Limits{.maxNesting = 8}).ok());
}

void TestProtocol::unknownVersionIsRefused()
{
    for (qint64 version : {qint64(0), qint64(2), qint64(1000)}) {
        const QByteArray bytes =
            QCborMap{{key("v"), version}, {key("type"), key("ack")}, {key("cursor"), 1}}.toCborValue().toCbor();
        auto decoded = decode<Ack>(bytes);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.code(), StorageCode::Unsupported);
        QVERIFY2(decoded.message().contains(QString::number(version)), qPrintable(decoded.message()));
    }
    // A v2 message may change what keys mean: it is refused before a wrongly typed key can confuse anyone.
    const QByteArray v2 =
        QCborMap{{key("v"), 2}, {key("type"), key("ack")}, {key("cursor"), key("opaque")}}.toCborValue().toCbor();
    QCOMPARE(decode<Ack>(v2).code(), StorageCode::Unsupported);
}

void TestProtocol::unknownKeysAreIgnored()
{
    // QCborValue, used here to edit the message, does not keep NaN payloads: leave NaNs out.
    PushRequest sent{id(1), 8, 2, sampleChanges()};
    std::erase_if(sent.changes, [](const Change &c) {
        const auto *d = std::get_if<double>(&c.value);
        return d && std::isnan(*d);
    });
    QCborMap map = QCborValue::fromCbor(encode(sent)).toMap();
    map.insert(key("future"), QCborMap{{key("nested"), QCborArray{1, 2.5, key("x"), QByteArray("b")}}});
    map.insert(key("zz"), QCborValue(QCborKnownTags::DateTimeString, key("2026-11-22T00:00:00Z")));
    QCborArray changes = map.value(key("changes")).toArray();
    QCborMap first = changes.at(0).toMap();
    first.insert(key("schema"), 9);
    changes[0] = first;
    map.insert(key("changes"), changes);
    // Values through QCborValue stay 64-bit doubles, so the known part is unchanged.
    auto decoded = decode<PushRequest>(map.toCborValue().toCbor());
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    QCOMPARE(encode(*decoded).toHex(), encode(sent).toHex());
}

void TestProtocol::aChangeWithoutSchemaVersionIsFromAnOlderPeer()
{
    const QByteArray current = encode(PushRequest{id(1), 1, 3, {Change{{}, id(2), {}, qint64(5), {}, 1, 3}}});
    QCOMPARE(decode<PushRequest>(current)->changes.at(0).schemaVersion, qint64(3));
    const QByteArray older =
        replaceOnce(current, QByteArray("\xa9"), QByteArray("\xa8")).replace(QByteArray("\x62sv\x03"), QByteArray());
    QVERIFY(older.size() < current.size());
    auto decoded = decode<PushRequest>(older);
    QVERIFY2(decoded, qPrintable(decoded.message()));
    QCOMPARE(decoded->changes.at(0).schemaVersion, qint64(0));
    QCOMPARE(decoded->schemaVersion, qint64(3));
}

void TestProtocol::aPullFromAnOlderBuildClaimsNoBatch()
{
    // What builds before the restore checks send: the server must find no claim in it (and check no batch).
    const QCborMap older{{key("v"), 1},      {key("type"), key("pull-request")},
                         {key("cursor"), 7}, {key("limit"), 500},
                         {key("fresh"), 0},  {key("rec"), true}};
    auto decoded = decode<PullRequest>(older.toCborValue().toCbor());
    QVERIFY2(decoded, qPrintable(decoded.message()));
    QCOMPARE(decoded->cursor, qint64(7));
    QVERIFY(decoded->recorded);
    QCOMPARE(decoded->answeredBatch, qint64(0));
    QCOMPARE(decoded->firstBatch, qint64(0));
    QCOMPARE(decoded->site, ByteId());
}

void TestProtocol::otherMessageTypeIsRefused()
{
    // Ack and LiveNotify have the same keys; the type still tells them apart.
    auto decoded = decode<Ack>(encode(LiveNotify{5}));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.code(), StorageCode::Invalid);
    QVERIFY2(decoded.message().contains(QLatin1String("live-notify")), qPrintable(decoded.message()));
    QVERIFY(!decode<PullRequest>(encode(PushRequest{})).ok());
}

void TestProtocol::unknownErrorCodeIsKeptAsUnknown()
{
    const QByteArray bytes = QCborMap{{key("v"), 1},
                                      {key("type"), key("error")},
                                      {key("code"), key("quota-exceeded")},
                                      {key("message"), key("Quota exceeded.")}}
                                 .toCborValue()
                                 .toCbor();
    auto decoded = decode<ErrorMessage>(bytes);
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    QCOMPARE(decoded->code, protocol::ErrorCode::Unknown);
    QCOMPARE(decoded->message, QStringLiteral("Quota exceeded."));
    QCOMPARE(decoded->retryAfterMs, 0);
}

void TestProtocol::refusalKindsArriveAndUnknownOnesFallBackToWords()
{
    const Refusal held{Refusal::Kind::ClaimHeld, QStringLiteral("bob")};
    auto decoded = decode<PushResponse>(encode(PushResponse{{{ApplyOutcome::Rejected, held.words(), 0, held}}, 3}));
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    QCOMPARE(decoded->results.at(0).refusal.kind, Refusal::Kind::ClaimHeld);
    QCOMPARE(decoded->results.at(0).refusal.arg, QStringLiteral("bob"));
    QCOMPARE(decoded->results.at(0).reason, QStringLiteral("bob is calling this person already; their claim stands."));

    // A newer server's kind: still a refusal, shown in the server's words.
    const QCborMap result{{key("o"), key("rejected")},
                          {key("why"), key("The tenant's quota is used up.")},
                          {key("k"), key("quota-used-up")},
                          {key("a"), key("5 GiB")}};
    const QByteArray bytes = QCborMap{{key("v"), 1},
                                      {key("type"), key("push-response")},
                                      {key("results"), QCborArray{result}},
                                      {key("cursor"), 4}}
                                 .toCborValue()
                                 .toCbor();
    auto newer = decode<PushResponse>(bytes);
    QVERIFY2(newer.ok(), qPrintable(newer.message()));
    QCOMPARE(newer->results.at(0).outcome, ApplyOutcome::Rejected);
    QCOMPARE(newer->results.at(0).refusal.kind, Refusal::Kind::Other);
    QCOMPARE(newer->results.at(0).reason, QStringLiteral("The tenant's quota is used up."));
    QVERIFY(newer->results.at(0).refusal.words().isEmpty());
}

void TestProtocol::seedCorpusDecodes()
{
    // The fuzz seeds come from an independent encoder (a few lines of Python); each must decode as the message
    // its file is named after, and keep its known content through our own encoding.
    const QDir dir(QFINDTESTDATA("../fuzz/corpus/fuzz_protocol"));
    const QStringList files = dir.entryList(QDir::Files);
    QVERIFY2(files.size() >= 3, qPrintable(dir.path()));
    const std::vector<std::pair<const char *, std::function<fieldline::storage::Status(const QByteArray &)>>> decoders{
        {"login-request", [](const QByteArray &b) { return decode<LoginRequest>(b).status(); }},
        {"login-response", [](const QByteArray &b) { return decode<LoginResponse>(b).status(); }},
        {"push-request", [](const QByteArray &b) { return decode<PushRequest>(b).status(); }},
        {"push-response", [](const QByteArray &b) { return decode<PushResponse>(b).status(); }},
        {"pull-request", [](const QByteArray &b) { return decode<PullRequest>(b).status(); }},
        {"pull-response", [](const QByteArray &b) { return decode<PullResponse>(b).status(); }},
        {"snapshot-request", [](const QByteArray &b) { return decode<SnapshotRequest>(b).status(); }},
        {"snapshot-response", [](const QByteArray &b) { return decode<SnapshotResponse>(b).status(); }},
        {"ack", [](const QByteArray &b) { return decode<Ack>(b).status(); }},
        {"error", [](const QByteArray &b) { return decode<ErrorMessage>(b).status(); }},
        {"live-notify", [](const QByteArray &b) { return decode<LiveNotify>(b).status(); }},
    };
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        bool matched = false;
        for (const auto &[prefix, decoder] : decoders) {
            if (!name.startsWith(QLatin1String(prefix)))
                continue;
            matched = true;
            const auto status = decoder(bytes);
            QVERIFY2(status.ok(), qPrintable(name + QStringLiteral(": ") + status.message()));
        }
        QVERIFY2(matched, qPrintable(name));
    }
    // Spot-check one seed field by field: the Python encoder's edge values arrive bit-exact.
    QFile push(dir.filePath(QStringLiteral("push-request")));
    QVERIFY(push.open(QIODevice::ReadOnly));
    auto decoded = decode<PushRequest>(push.readAll());
    QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
    const std::vector<Value> expected{std::monostate{},
                                      qint64((qint64(1) << 53) + 1),
                                      std::numeric_limits<qint64>::min(),
                                      -0.0,
                                      -1.1754943508222875e-38,
                                      std::numeric_limits<double>::denorm_min(),
                                      QStringLiteral("\U0001F4DE caf\u00e9"),
                                      QByteArray("\0a\0\xff", 4),
                                      std::monostate{}};
    QCOMPARE(decoded->changes.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(sameBits(decoded->changes[i].value, expected[i]), qPrintable(QString::number(i)));
    QVERIFY(decoded->changes.back().isRowChange());
    QCOMPARE(decoded->changes.back().seq, 9);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
