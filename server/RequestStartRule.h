#pragma once

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QHttpServerRouterRule>

#include <functional>

namespace fieldline::server {

/**
 * Qt 6.4 has a hook after a route's answer (afterRequest) but none before the route runs. The router tries its
 * rules in the order they were added, so a first rule that never matches sees every request as it starts.
 */
class RequestStartRule : public QHttpServerRouterRule
{
public:
    /** Adds a rule to @p http that calls @p onStart for every request; add it before any route. */
    static void install(QHttpServer &http, std::function<void()> onStart)
    {
        // The rule's handler never runs (matches() always declines), but QHttpServer::route() needs one.
        http.route<RequestStartRule>(QStringLiteral("/"), std::move(onStart), [](const QHttpServerRequest &) {
            return QHttpServerResponse(QHttpServerResponse::StatusCode::NotFound);
        });
    }

    RequestStartRule(const QString &pattern, std::function<void()> onStart, RouterHandler handler)
        : QHttpServerRouterRule(pattern, std::move(handler))
        , m_onStart(std::move(onStart))
    {}

protected:
    bool matches(const QHttpServerRequest &, QRegularExpressionMatch *) const override
    {
        m_onStart();
        return false;
    }

private:
    std::function<void()> m_onStart;
};

} // namespace fieldline::server
