#include "LatestRequestWins.h"

#include <algorithm>

namespace fieldline::server {

LatestRequestWins::Ticket::Ticket(std::weak_ptr<LatestRequestWins> order, QString key, quint64 number)
    : m_order(std::move(order))
    , m_key(std::move(key))
    , m_number(number)
{}

LatestRequestWins::Ticket::~Ticket()
{
    const std::shared_ptr<LatestRequestWins> order = m_order.lock();
    if (!order)
        return;
    const auto found = order->m_keys.find(m_key);
    if (found != order->m_keys.end() && --found->held <= 0)
        order->m_keys.erase(found);
}

bool LatestRequestWins::Ticket::mayWrite() const
{
    const std::shared_ptr<LatestRequestWins> order = m_order.lock();
    return order && order->m_keys.value(m_key).written < m_number;
}

void LatestRequestWins::Ticket::wrote()
{
    const std::shared_ptr<LatestRequestWins> order = m_order.lock();
    if (!order)
        return;
    const auto found = order->m_keys.find(m_key);
    if (found != order->m_keys.end())
        found->written = std::max(found->written, m_number);
}

std::shared_ptr<LatestRequestWins::Ticket> LatestRequestWins::begin(const QString &key)
{
    ++m_keys[key].held;
    return std::make_shared<Ticket>(weak_from_this(), key, ++m_next);
}

} // namespace fieldline::server
