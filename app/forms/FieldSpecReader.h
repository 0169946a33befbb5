#pragma once

#include "LayoutJson.h"

#include <optional>

namespace fieldline::forms {

/**
 * Reads one field of a layout (and, for a repeat group, its fields), reporting each wrong property at its path.
 * Shares a field budget with the rest of the layout so that an oversized layout stops being read early.
 */
class FieldSpecReader
{
    Q_DECLARE_TR_FUNCTIONS(FieldSpecReader)

public:
    FieldSpecReader(LayoutJson &json, int &fieldsLeft)
        : m_json(json)
        , m_fieldsLeft(fieldsLeft)
    {}

    /** The field at @p path, or nullopt when it cannot be used at all (a problem has been reported). */
    std::optional<FieldSpec> read(const QJsonValue &value, const QString &path, bool insideGroup);
    /** The fields of the array @p key of @p object (a section's or a group's); false when the budget ran out. */
    bool readList(const QJsonObject &object, const QString &path, bool insideGroup, std::vector<FieldSpec> &fields);

private:
    bool applies(const QJsonObject &object, const QString &path, const char *key, bool toThisType);
    void readBounds(const QJsonObject &object, const QString &path, FieldSpec &field);
    FormValue readBound(const QJsonObject &object, const QString &path, const char *key, const FieldSpec &field);
    void readPattern(const QJsonObject &object, const QString &path, FieldSpec &field);
    void readOptions(const QJsonObject &object, const QString &path, FieldSpec &field);
    void readDefault(const QJsonObject &object, const QString &path, FieldSpec &field);

    LayoutJson &m_json;
    int &m_fieldsLeft;
};

} // namespace fieldline::forms
