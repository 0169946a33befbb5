#include "LoadReport.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace fieldline::loadgen {

LatencySummary LatencySummary::of(std::vector<double> ms)
{
    LatencySummary summary;
    if (ms.empty())
        return summary;
    std::sort(ms.begin(), ms.end());
    auto rank = [&](double p) { return ms[size_t(std::max(0.0, std::ceil(p * double(ms.size())) - 1))]; };
    summary.count = int(ms.size());
    summary.p50 = rank(0.50);
    summary.p95 = rank(0.95);
    summary.p99 = rank(0.99);
    summary.max = ms.back();
    return summary;
}

QJsonObject LatencySummary::toJson() const
{
    return {{QStringLiteral("count"), count},
            {QStringLiteral("p50_ms"), p50},
            {QStringLiteral("p95_ms"), p95},
            {QStringLiteral("p99_ms"), p99},
            {QStringLiteral("max_ms"), max}};
}

int LoadReport::errorCount() const
{
    int sum = 0;
    for (const int n : errors)
        sum += n;
    return sum;
}

bool LoadReport::clean() const
{
    return errorCount() == 0 && pushesAnswered == pushesScheduled && login.count == loginsScheduled &&
           connectionsOpen == connectionsAsked && connectionsNotified == connectionsToNotify && notifyMissing == 0;
}

QString LoadReport::toText() const
{
    QString text;
    text += QStringLiteral("%1 tenants, %2 devices, %3 of %4 live connections open; %5 of the %6 whose tenant pushed "
                           "were notified\n")
                .arg(tenants)
                .arg(devices)
                .arg(connectionsOpen)
                .arg(connectionsAsked)
                .arg(connectionsNotified)
                .arg(connectionsToNotify);
    text += QStringLiteral("pushes: %1 of %2 answered, %3/s achieved (asked %4/s for %5 s)\n")
                .arg(pushesAnswered)
                .arg(pushesScheduled)
                .arg(achievedRate, 0, 'f', 1)
                .arg(rateAsked)
                .arg(durationS);
    text +=
        QStringLiteral("push latency from its due time: p50 %1 ms, p95 %2 ms, p99 %3 ms, max %4 ms (in second %5)\n")
            .arg(push.p50, 0, 'f', 1)
            .arg(push.p95, 0, 'f', 1)
            .arg(push.p99, 0, 'f', 1)
            .arg(push.max, 0, 'f', 1)
            .arg(worstSecond);
    text +=
        QStringLiteral("notify latency from the push's answer (%1 frames sampled): p50 %2 ms, p95 %3 ms, max %4 ms; "
                       "%5 came before the answer, %6 never came\n")
            .arg(notify.count)
            .arg(notify.p50, 0, 'f', 1)
            .arg(notify.p95, 0, 'f', 1)
            .arg(notify.max, 0, 'f', 1)
            .arg(notifyBeforeAnswer)
            .arg(notifyMissing);
    if (loginsScheduled > 0)
        text += QStringLiteral("logins: %1 of %2 got a token; latency from the due time: p50 %3 ms, p95 %4 ms, p99 %5 "
                               "ms, max %6 ms\n")
                    .arg(login.count)
                    .arg(loginsScheduled)
                    .arg(login.p50, 0, 'f', 1)
                    .arg(login.p95, 0, 'f', 1)
                    .arg(login.p99, 0, 'f', 1)
                    .arg(login.max, 0, 'f', 1);
    if (errors.isEmpty())
        text += QStringLiteral("errors: none\n");
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        text += QStringLiteral("error x%1: %2\n").arg(it.value()).arg(it.key());
    return text;
}

QJsonObject LoadReport::toJson() const
{
    QJsonObject errorCounts;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        errorCounts.insert(it.key(), it.value());
    return {{QStringLiteral("tenants"), tenants},
            {QStringLiteral("devices"), devices},
            {QStringLiteral("connections_asked"), connectionsAsked},
            {QStringLiteral("connections_open"), connectionsOpen},
            {QStringLiteral("connections_to_notify"), connectionsToNotify},
            {QStringLiteral("connections_notified"), connectionsNotified},
            {QStringLiteral("rate_asked"), rateAsked},
            {QStringLiteral("duration_s"), durationS},
            {QStringLiteral("pushes_scheduled"), pushesScheduled},
            {QStringLiteral("pushes_answered"), pushesAnswered},
            {QStringLiteral("achieved_rate"), achievedRate},
            {QStringLiteral("push"), push.toJson()},
            {QStringLiteral("worst_second"), worstSecond},
            {QStringLiteral("notify"), notify.toJson()},
            {QStringLiteral("notify_before_answer"), notifyBeforeAnswer},
            {QStringLiteral("notify_missing"), notifyMissing},
            {QStringLiteral("logins_scheduled"), loginsScheduled},
            {QStringLiteral("login"), login.toJson()},
            {QStringLiteral("errors"), errorCounts},
            {QStringLiteral("clean"), clean()}};
}

} // namespace fieldline::loadgen
