#pragma once

#include <QByteArray>

#include <array>
#include <cstddef>
#include <functional>

namespace fieldline::server {

/**
 * The texts of one statement over many rows in three sizes, 64 rows, 8 and 1, so that three prepared statements
 * serve any count. On PostgreSQL each statement is a round trip; a full batch keeps a large write to a few hundred.
 */
class BatchStatements
{
public:
    static constexpr std::array<size_t, 3> Sizes{64, 8, 1};

    /**
     * @p make gives the text for a number of rows. The texts live as long as this object and their addresses are
     * StatementCache keys, so every BatchStatements is a static that lives as long as the process.
     */
    explicit BatchStatements(const std::function<QByteArray(size_t rows)> &make);

    /** The text for exactly @p rows, one of Sizes. */
    const char *text(size_t rows) const;
    /** The smallest size that holds all of @p remaining rows, or a full batch: for statements that may be padded. */
    static size_t covering(size_t remaining);
    /** The largest size not above @p remaining (at least 1): for statements that must not be padded. */
    static size_t within(size_t remaining);

private:
    std::array<QByteArray, Sizes.size()> m_texts;
};

} // namespace fieldline::server
