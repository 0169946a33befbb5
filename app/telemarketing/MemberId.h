#pragma once

#include "sync/ByteId.h"

#include <QByteArray>

namespace fieldline::telemarketing {

/**
 * The row id of contact @p contact's place in campaign @p campaign (both 16-byte row ids), derived from the pair.
 * A device adding the contact, a colleague's device doing the same offline and a CSV import naming the pair again
 * all reach the same campaign_members row, so a person is never in a campaign twice.
 */
sync::RowId memberId(const QByteArray &campaign, const QByteArray &contact);

} // namespace fieldline::telemarketing
