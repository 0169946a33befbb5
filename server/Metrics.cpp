#include "Metrics.h"

namespace fieldline::server {

Metrics::Metrics()
{
    m_uptime.start();
}

void Metrics::countRequest(const QString &route, int status)
{
    ++m_requests[qMakePair(route, status)];
}

QByteArray Metrics::render() const
{
    QByteArray out;
    out += "# HELP fieldline_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE fieldline_http_requests_total counter\n";
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
        // Route labels are our own fixed names, never the raw path, so no escaping and no label explosion.
        out += "fieldline_http_requests_total{route=\"" + it.key().first.toLatin1() + "\",status=\"" +
               QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    const auto counter = [&out](const char *name, const char *help, quint64 value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name + ' ' +
               QByteArray::number(value) + '\n';
    };
    counter("fieldline_login_failures_total", "Failed login attempts (wrong tenant, user or password).",
            m_loginFailures);
    counter("fieldline_login_throttled_total", "Login attempts refused with 429.", m_loginThrottled);
    counter("fieldline_login_news_total", "Failed logins on other instances, counted here too.", m_loginNews);
    counter("fieldline_store_syncs_total", "Syncs of the store, each for every write made before it (group commit).",
            m_storeSyncs);
    counter("fieldline_held_answers_total", "Answers sent once a sync of the store covered what they report.",
            m_heldAnswers);
    counter("fieldline_store_sync_failures_total", "Syncs of the store that failed (their answers were 500).",
            m_storeSyncFailures);
    counter(
        "fieldline_live_skipped_total",
        "Live notifications not sent to a socket that stopped reading (its kernel buffers full, 16 KiB queued here).",
        m_liveSkipped);
    out += "# HELP fieldline_uptime_seconds Seconds since the server started.\n"
           "# TYPE fieldline_uptime_seconds gauge\n"
           "fieldline_uptime_seconds " +
           QByteArray::number(double(m_uptime.elapsed()) / 1000.0, 'f', 3) + '\n';
    return out;
}

} // namespace fieldline::server
