#include "BatchStatements.h"

namespace fieldline::server {

BatchStatements::BatchStatements(const std::function<QByteArray(size_t)> &make)
{
    for (size_t i = 0; i < Sizes.size(); ++i)
        m_texts[i] = make(Sizes[i]);
}

const char *BatchStatements::text(size_t rows) const
{
    for (size_t i = 0; i < Sizes.size(); ++i) {
        if (Sizes[i] == rows)
            return m_texts[i].constData();
    }
    Q_UNREACHABLE();
    return nullptr;
}

size_t BatchStatements::covering(size_t remaining)
{
    size_t size = Sizes.front();
    for (size_t candidate : Sizes) {
        if (candidate >= remaining)
            size = candidate;
    }
    return size;
}

size_t BatchStatements::within(size_t remaining)
{
    for (size_t candidate : Sizes) {
        if (candidate <= remaining)
            return candidate;
    }
    return Sizes.back();
}

} // namespace fieldline::server
