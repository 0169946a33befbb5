#pragma once

// The CSV reader is shared with the client's list import (app/csv); the server's import and export use its names.
#include "app/csv/CsvReader.h"

namespace fieldline::server {

using csv::CsvDocument;
using csv::CsvProblem;
using csv::CsvReader;
using csv::CsvRecord;

} // namespace fieldline::server
