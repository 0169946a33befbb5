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
    out +=
        "# HELP fieldline_login_failures_total Failed login attempts (wrong tenant, user or password).\n"
        "# TYPE fieldline_login_failures_total counter\n"
        "fieldline_login_failures_total " +
        QByteArray::number(m_loginFailures) +
        "\n"
        "# HELP fieldline_login_throttled_total Login attempts refused with 429.\n"
        "# TYPE fieldline_login_throttled_total counter\n"
        "fieldline_login_throttled_total " +
        QByteArray::number(m_loginThrottled) +
        "\n"
        "# HELP fieldline_login_news_total Failed logins on other instances, counted here too.\n"
        "# TYPE fieldline_login_news_total counter\n"
        "fieldline_login_news_total " +
        QByteArray::number(m_loginNews) +
        "\n"
        "# HELP fieldline_store_syncs_total Syncs of the store, each for every write made before it (group commit).\n"
        "# TYPE fieldline_store_syncs_total counter\n"
        "fieldline_store_syncs_total " +
        QByteArray::number(m_storeSyncs) +
        "\n"
        "# HELP fieldline_held_answers_total Answers sent once a sync of the store covered what they report.\n"
        "# TYPE fieldline_held_answers_total counter\n"
        "fieldline_held_answers_total " +
        QByteArray::number(m_heldAnswers) +
        "\n"
        "# HELP fieldline_store_sync_failures_total Syncs of the store that failed (their answers were 500).\n"
        "# TYPE fieldline_store_sync_failures_total counter\n"
        "fieldline_store_sync_failures_total " +
        QByteArray::number(m_storeSyncFailures) +
        "\n"
        "# HELP fieldline_uptime_seconds Seconds since the server started.\n"
        "# TYPE fieldline_uptime_seconds gauge\n"
        "fieldline_uptime_seconds " +
        QByteArray::number(double(m_uptime.elapsed()) / 1000.0, 'f', 3) + '\n';
    return out;
}

} // namespace fieldline::server
