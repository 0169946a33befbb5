#pragma once

#include "HttpSupport.h"
#include "TenantStore.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QString>

#include <variant>

class QHttpServerRequest;

/**
 * The two forms of /v1/login: the sync protocol's CBOR `login-request` (Content-Type application/cbor, what the
 * client sends) and the JSON body of the administration tools. Both become one LoginAttempt, and the outcome is
 * answered in the form the request came in. The checks themselves are ApiServer's.
 */
namespace fieldline::server::login {

struct Attempt
{
    QString tenant;
    QString login;
    QString password;
    QString device;
};

struct Granted
{
    QByteArray token;
    QString tenant;
    QString login;
    Role role = Role::Agent;
};

struct Refused
{
    http::Status status = http::Status::Unauthorized;
    QString message;
    int retryAfterSeconds = 0; ///< set with 429
};

using Outcome = std::variant<Granted, Refused>;

bool isCbor(const QHttpServerRequest &request);
/** The attempt in the request's body, or a 400 saying what is wrong with it. */
std::variant<Attempt, Refused> parse(const QHttpServerRequest &request);
/** The answer in the request's form; @p serverTimeMs goes into a CBOR login-response. */
QHttpServerResponse answer(bool cbor, const Outcome &outcome, qint64 serverTimeMs);

} // namespace fieldline::server::login
