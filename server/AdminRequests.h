#pragma once

#include "TenantStore.h"
#include "storage/Error.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

/**
 * The JSON bodies of the administration API, parsed and validated apart from HTTP so that tests and the fuzz
 * target (tests/fuzz/fuzz_adminjson.cpp) reach them directly. A refusal is ErrorCode::Invalid with the sentence
 * the API answers with 400.
 */
namespace fieldline::server::admin {

constexpr qsizetype MinPasswordLength = 8;
constexpr qsizetype MaxPasswordLength = 1024;

struct TenantCreate
{
    QString name;
};

struct UserCreate
{
    QString login;
    QString password;
    Role role = Role::Agent;
};

struct PasswordChange
{
    QString password;
};

/** A user's territories, replacing the ones before; none is allowed (the user then sees owned and shared rows). */
struct TerritoriesChange
{
    QStringList territories;
};

constexpr qsizetype MaxTerritories = 100;

storage::Result<TenantCreate> parseTenantCreate(QByteArrayView body);
storage::Result<UserCreate> parseUserCreate(QByteArrayView body);
storage::Result<PasswordChange> parsePasswordChange(QByteArrayView body);
storage::Result<TerritoriesChange> parseTerritoriesChange(QByteArrayView body);

} // namespace fieldline::server::admin
