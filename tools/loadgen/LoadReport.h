#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <vector>

namespace fieldline::loadgen {

/** Nearest-rank percentiles of a set of latencies, in milliseconds. */
struct LatencySummary
{
    int count = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;

    static LatencySummary of(std::vector<double> ms);
    QJsonObject toJson() const;
};

/** What one run measured. */
struct LoadReport
{
    int tenants = 0;
    int devices = 0;
    int connectionsAsked = 0;
    int connectionsOpen = 0;
    int connectionsToNotify = 0; ///< open sockets whose tenant had a push answered
    int connectionsNotified = 0; ///< of those, the ones that heard at least one live-notify
    double rateAsked = 0;
    int durationS = 0;
    int pushesScheduled = 0;
    int pushesAnswered = 0;     ///< with 200 and no rejected change
    double achievedRate = 0;    ///< answered pushes per second, first due time to last answer
    LatencySummary push;        ///< due time to answer
    double worstMs = 0;         ///< the slowest push (push.max) ...
    int worstSecond = 0;        ///< ... was due in this second of the run (0-based): a stall, or a warm-up?
    LatencySummary notify;      ///< push answer to the notify frame on each socket of the tenant (sampled pushes)
    int notifyBeforeAnswer = 0; ///< sampled frames that arrived before the push's own answer (counted as 0 ms)
    int notifyMissing = 0;      ///< sampled (push, socket) pairs that never heard of the push
    int loginsScheduled = 0;    ///< logins beside the pushes (LoadOptions::loginRate)
    LatencySummary login;       ///< due time to a token, for the logins that got one
    QMap<QString, int> errors;

    int errorCount() const;
    /** Everything asked for happened: no errors, every push answered, every socket open and notified. */
    bool clean() const;
    QString toText() const;
    QJsonObject toJson() const;
};

} // namespace fieldline::loadgen
