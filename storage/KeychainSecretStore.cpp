#include "storage/KeychainSecretStore.h"

#include "storage/StorageLog.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace fieldline::storage {

namespace {
// Looked up, never written: finding nothing under it proves a keychain service answered.
const QString ProbeKey = QStringLiteral("fieldline-availability-probe");
} // namespace

struct KeychainSecretStore::Outcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QByteArray data;
};

KeychainSecretStore::KeychainSecretStore(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{}

KeychainSecretStore::~KeychainSecretStore() = default;

KeychainSecretStore::Outcome KeychainSecretStore::run(QKeychain::Job *job) const
{
    // Auto-deleted once finished, even after a timeout here: deleting a job QtKeychain still runs would leave
    // its backend callbacks with a dangling pointer.
    job->setAutoDelete(true);
    Outcome outcome;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    // &loop as context: once this function returns, a late finished() reaches nothing.
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job *done) {
        outcome.finished = true;
        outcome.error = done->error();
        outcome.message = done->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
            outcome.data = read->binaryData();
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(m_timeout);
    job->start();
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!outcome.finished) {
        m_available = false;
        m_reason = QStringLiteral("The system keychain did not answer within %1 seconds, so Fieldline cannot "
                                  "remember the passphrase on this computer.")
                       .arg(m_timeout.count() / 1000.0);
        qCWarning(lcStorage) << "keychain job timed out after" << m_timeout.count() << "ms";
    }
    return outcome;
}

void KeychainSecretStore::probe() const
{
    if (m_available.has_value())
        return;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(ProbeKey);
    const Outcome outcome = run(job);
    if (!outcome.finished)
        return; // run() recorded the timeout
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound) {
        m_available = true;
        return;
    }
    m_available = false;
    m_reason = QStringLiteral("No system keychain is reachable on this computer (on Linux: a Secret Service such "
                              "as GNOME Keyring or KWallet in the desktop session), so Fieldline cannot remember "
                              "the passphrase here. Details: %1")
                   .arg(outcome.message);
    qCInfo(lcStorage) << "keychain unavailable:" << outcome.error << outcome.message;
}

bool KeychainSecretStore::isAvailable() const
{
    probe();
    return m_available.value_or(false);
}

QString KeychainSecretStore::unavailableReason() const
{
    return isAvailable() ? QString() : m_reason;
}

Error KeychainSecretStore::unavailable() const
{
    return Error{ErrorCode::Unsupported, m_reason, 0};
}

Error KeychainSecretStore::failure(const Outcome &outcome, const QString &action) const
{
    if (!outcome.finished)
        return unavailable();
    switch (outcome.error) {
    case QKeychain::EntryNotFound:
        return Error{ErrorCode::NotFound, QStringLiteral("Nothing is stored in the keychain for this profile."), 0};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error{
            ErrorCode::Io,
            QStringLiteral("The keychain refused to %1 the secret (it may be locked): %2").arg(action, outcome.message),
            0};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        m_available = false;
        m_reason = QStringLiteral("No system keychain is available: %1").arg(outcome.message);
        return unavailable();
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return Error{ErrorCode::Io, QStringLiteral("The keychain could not %1 the secret: %2").arg(action, outcome.message),
                 0};
}

Status KeychainSecretStore::store(const QString &id, const SecretBytes &secret)
{
    if (!isAvailable())
        return unavailable();
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(id);
    job->setBinaryData(secret.view().toByteArray());
    const Outcome outcome = run(job);
    if (outcome.finished && outcome.error == QKeychain::NoError)
        return {};
    return failure(outcome, QStringLiteral("store"));
}

Result<SecretBytes> KeychainSecretStore::load(const QString &id)
{
    if (!isAvailable())
        return unavailable();
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(id);
    Outcome outcome = run(job);
    if (outcome.finished && outcome.error == QKeychain::NoError) {
        SecretBytes secret = SecretBytes::copyOf(outcome.data);
        outcome.data.fill('\0'); // our copy at least; QtKeychain's own buffers are out of reach
        return secret;
    }
    return failure(outcome, QStringLiteral("read"));
}

Status KeychainSecretStore::remove(const QString &id)
{
    if (!isAvailable())
        return unavailable();
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(id);
    const Outcome outcome = run(job);
    // Removing what is not there is success: the caller wants it gone, and it is.
    if (outcome.finished && (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound))
        return {};
    return failure(outcome, QStringLiteral("remove"));
}

} // namespace fieldline::storage
