#pragma once

#include "AccessLog.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

namespace fieldline::server {

/** A request whose answer is given after its route returned (ApiServer::hold). */
struct HeldAnswer
{
    AccessLog::Record record;
    QPointer<QTcpSocket> socket; ///< null once the client has gone
    QHttpServerResponder responder;
};

} // namespace fieldline::server
