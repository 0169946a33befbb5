#include "app/formsync/FormTables.h"

#include <sodium.h>

namespace fieldline::formsync {

using Col = sync::ColumnSchema;

std::vector<sync::TableSchema> formTables()
{
    return {
        {tables::Layouts,
         {Col::of("form", "TEXT"), Col::of("version", "INTEGER"), Col::of("title", "TEXT"), Col::of("body", "TEXT"),
          Col::of("status", "TEXT"), Col::of("published_at", "TEXT")},
         false},
        {tables::Submissions,
         {Col::of("form", "TEXT"), Col::of("layout", "BLOB"), Col::of("status", "TEXT"), Col::of("owner", "TEXT"),
          Col::of("subject", "BLOB"), Col::of("started_at", "TEXT"), Col::of("finalised_at", "TEXT"),
          Col::of("problem", "TEXT")},
         false},
        {tables::Values,
         {Col::of("submission", "BLOB"), Col::of("path", "TEXT"), Col::of("value", "TEXT"), Col::of("owner", "TEXT")},
         false},
    };
}

sync::RowId layoutRowId(const QString &form, qint64 version)
{
    const QByteArray name = "form_layouts/" + form.toUtf8() + '/' + QByteArray::number(version);
    QByteArray id(sync::RowId::Size, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(id.data()), size_t(id.size()),
                       reinterpret_cast<const unsigned char *>(name.constData()), size_t(name.size()), nullptr, 0);
    return *sync::RowId::fromBytes(id);
}

} // namespace fieldline::formsync
