#include "ui/UiLog.h"

Q_LOGGING_CATEGORY(lcUi, "fieldline.ui", QtInfoMsg)
