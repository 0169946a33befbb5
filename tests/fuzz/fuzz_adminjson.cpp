// libFuzzer target for the JSON bodies of the administration API (server/AdminRequests).
//
// Any bytes must come back as a parsed request or an Invalid refusal with a sentence, never a crash. What is
// accepted must satisfy the rules the routes rely on: tenant names of 1 to 64 safe characters, logins of 1 to
// 128 characters without '/' (they travel in URL paths), passwords within their length limits.
#include "server/AdminRequests.h"

#include <QRegularExpression>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::server;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

template <typename T> bool refusedProperly(const fieldline::storage::Result<T> &result)
{
    if (result)
        return false;
    if (result.code() != fieldline::storage::ErrorCode::Invalid || result.message().isEmpty())
        fail("a refusal that is not Invalid with a message");
    return true;
}

void checkPassword(const QString &password)
{
    if (password.size() < admin::MinPasswordLength || password.size() > admin::MaxPasswordLength)
        fail("a password outside its length limits was accepted");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));

    const auto tenant = admin::parseTenantCreate(body);
    if (!refusedProperly(tenant)) {
        static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
        if (!pattern.match(tenant.value().name).hasMatch())
            fail("an unsafe tenant name was accepted");
    }
    const auto user = admin::parseUserCreate(body);
    if (!refusedProperly(user)) {
        const QString &login = user.value().login;
        if (login.isEmpty() || login.size() > 128 || login.contains(u'/'))
            fail("an unsafe login was accepted");
        checkPassword(user.value().password);
    }
    const auto password = admin::parsePasswordChange(body);
    if (!refusedProperly(password))
        checkPassword(password.value().password);
    return 0;
}
