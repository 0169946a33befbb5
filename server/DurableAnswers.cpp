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
    m_worker.setExpiryTimeout(-1); // one thread for the server's life: sync may keep a connection there
    if (!m_store.position || !m_store.syncOtherRoutes)
        return;
    RequestStartRule::install(http, [this] { m_atRequestStart = m_store.position(); });
    http.afterRequest([this](QHttpServerResponse &&response) { return afterRoute(std::move(response)); });
}

DurableAnswers::~DurableAnswers()
{
    if (m_store.finish)
        m_worker.start(m_store.finish);
    m_worker.waitForDone(); // a sync's result, posted to this object, is discarded with it
}

void DurableAnswers::answer(QHttpServerResponder &&responder, QHttpServerResponse &&response, Answered answered)
{
    QPointer<QTcpSocket> socket(responder.socket());
    answer(std::move(socket), std::move(responder), std::move(response), std::move(answered));
}

void DurableAnswers::answer(QPointer<QTcpSocket> socket, QHttpServerResponder &&responder,
                            QHttpServerResponse &&response, Answered answered)
{
    const quint64 position = m_store.position ? m_store.position() : 0;
    Held held{position, std::move(socket), std::move(responder), std::move(response), std::move(answered)};
    if (durable(position)) {
        send(held, std::move(held.response));
        return;
    }
    if (position == Store::Unknown) {
        send(held, m_failure(QStringLiteral("cannot tell how far the store's writes have got")));
        return;
    }
    if (checkStore()) {
        send(held, m_failure(m_broken));
        return;
    }
    m_held.push_back(std::move(held));
    if (!m_syncing)
        startSync();
}

void DurableAnswers::sendNow(QPointer<QTcpSocket> socket, QHttpServerResponder &&responder,
                             QHttpServerResponse &&response, Answered answered)
{
    Held held{0, std::move(socket), std::move(responder), std::move(response), std::move(answered)};
    send(held, std::move(held.response));
}

void DurableAnswers::startSync()
{
    m_syncing = true;
    const quint64 target = m_store.position();
    m_worker.start([this, target] {
        const storage::Result<quint64> result = m_store.sync(target);
        QMetaObject::invokeMethod(
            this, [this, result] { synced(result); }, Qt::QueuedConnection);
    });
}

void DurableAnswers::synced(const storage::Result<quint64> &result)
{
    m_syncing = false;
    if (took(result))
        release(m_durable);
    // Requests that wrote while this sync ran, or that a sync which could not run left waiting.
    if (!m_held.empty() && !checkStore())
        startSync();
}

bool DurableAnswers::took(const storage::Result<quint64> &result)
{
    if (result) {
        m_durable = std::max(m_durable, result.value());
        m_metrics.countStoreSync();
        return true;
    }
    m_metrics.countStoreSyncFailure();
    if (result.code() != storage::ErrorCode::Busy) {
        breakDown(result.message());
        return false;
    }
    qCWarning(lcDurable).noquote() << "Cannot sync the store now; answering 500 to what waited:" << result.message();
    release(Store::Unknown, result.message()); // every one: see the class comment
    m_durable = 0; // positions from before may mean nothing to the store now (a promoted standby's WAL)
    return false;
}

bool DurableAnswers::checkStore()
{
    if (m_broken.isEmpty() && m_store.failure) {
        if (const QString why = m_store.failure(); !why.isEmpty())
            breakDown(why);
    }
    return !m_broken.isEmpty();
}

void DurableAnswers::breakDown(const QString &why)
{
    if (!m_broken.isEmpty())
        return;
    m_broken = why;
    qCCritical(lcDurable).noquote() << "The store's writes may not be on disk; nothing that needs them is answered "
                                       "until fieldline-server restarts:"
                                    << why;
    release(Store::Unknown, why); // every held answer, as in took()
}

void DurableAnswers::release(quint64 position, const QString &why)
{
    while (!m_held.empty() && m_held.front().position <= position) {
        Held &held = m_held.front();
        send(held, why.isEmpty() ? std::move(held.response) : m_failure(why));
        if (why.isEmpty())
            m_metrics.countHeldAnswer();
        m_held.pop_front();
    }
}

QHttpServerResponse DurableAnswers::afterRoute(QHttpServerResponse &&response)
{
    const quint64 position = m_store.position();
    if (position == m_atRequestStart || durable(position))
        return std::move(response);
    if (checkStore())
        return http::internalError();
    if (!took(m_store.sync(position)))
        return http::internalError();
    release(m_durable);
    return std::move(response);
}

void DurableAnswers::send(Held &held, QHttpServerResponse &&response)
{
    if (!held.socket || held.socket->state() != QAbstractSocket::ConnectedState) {
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
