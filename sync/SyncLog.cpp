#include "sync/SyncLog.h"

Q_LOGGING_CATEGORY(lcSync, "fieldline.sync")
