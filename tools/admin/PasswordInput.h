#pragma once

#include <QString>

#include <optional>

namespace fieldline::admin {

/**
 * Reads one password line from standard input; never from the command line, where every user of the machine
 * could read it in the process list. On a terminal it prompts on standard error and turns echo off.
 */
std::optional<QString> readPasswordLine(const QString &prompt);

} // namespace fieldline::admin
