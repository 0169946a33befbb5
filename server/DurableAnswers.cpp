#include "DurableAnswers.h"

#include "HttpSupport.h"
#include "Metrics.h"
#include "RequestStartRule.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcDurable, "fieldline.server.store")

namespace fieldline::server {

DurableAnswers::DurableAnswers(QHttpServer &http, Metrics &metrics, Store store, Failure failure)
    : m_metrics(metrics)
    , m_store(std::move(store))
    , m_failure(std::move(failure))
{
    m_worker.setMaxThreadCount(1);
    if (!m_store.commits)
        return;
    RequestStartRule::install(http, [this] { m_atRequestStart = m_store.commits(); });
    http.afterRequest([this](QHttpServerResponse &&response) { return afterRoute(std::move(response)); });
}

DurableAnswers::~DurableAnswers()
{
    m_worker.waitForDone(); // its result, posted to this object, is discarded with it
}

void DurableAnswers::answer(QHttpServerResponder &&responder, QHttpServerResponse &&response, Answered answered)
{
    const quint64 commit = m_store.commits ? m_store.commits() : 0;
    QPointer<QTcpSocket> socket(responder.socket());
    Held held{commit, std::move(socket), std::move(responder), std::move(response), std::move(answered)};
    if (durable(commit)) {
        send(held, std::move(held.response));
        return;
    }
    m_held.push_back(std::move(held));
    if (!m_syncing)
        startSync();
}

void DurableAnswers::startSync()
{
    m_syncing = true;
    const quint64 target = m_store.commits();
    m_worker.start([this, target] {
        const storage::Status status = m_store.sync();
        QMetaObject::invokeMethod(
            this, [this, target, status] { synced(target, status); }, Qt::QueuedConnection);
    });
}

void DurableAnswers::synced(quint64 target, const storage::Status &status)
{
    m_syncing = false;
    if (status) {
        m_durable = std::max(m_durable, target);
        m_metrics.countStoreSync(m_durable);
    } else {
        qCCritical(lcDurable).noquote() << "The store's commits may not be on disk:" << status.message();
        m_metrics.countStoreSyncFailure();
    }
    release(target, status);
    // Requests that committed while this sync ran, or whose sync failed and may succeed now.
    if (!m_held.empty())
        startSync();
}

void DurableAnswers::release(quint64 target, const storage::Status &outcome)
{
    while (!m_held.empty() && m_held.front().commit <= target) {
        Held &held = m_held.front();
        send(held, outcome ? std::move(held.response) : m_failure(outcome.message()));
        m_held.pop_front();
    }
}

QHttpServerResponse DurableAnswers::afterRoute(QHttpServerResponse &&response)
{
    const quint64 commits = m_store.commits();
    if (commits == m_atRequestStart || durable(commits))
        return std::move(response);
    const storage::Status status = m_store.sync();
    if (!status) {
        qCCritical(lcDurable).noquote() << "The store's commits may not be on disk:" << status.message();
        m_metrics.countStoreSyncFailure();
        return http::internalError();
    }
    m_durable = std::max(m_durable, commits);
    m_metrics.countStoreSync(m_durable);
    release(commits, {});
    return std::move(response);
}

void DurableAnswers::send(Held &held, QHttpServerResponse &&response)
{
    if (!held.socket || !held.socket->isOpen()) {
        if (held.answered)
            held.answered(0);
        return;
    }
    const int status = int(response.statusCode());
    response.write(std::move(held.responder));
    if (held.answered)
        held.answered(status);
}

} // namespace fieldline::server
