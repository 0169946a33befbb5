#pragma once

#include "LayoutJson.h"

#include <QByteArray>

#include <optional>

namespace fieldline::forms {

/**
 * Reads a layout's JSON (format in docs/forms.md) and checks all of it: the shape and every property, the
 * expressions (parsed, reading only fields the layout has, computed values not depending on each other in a
 * circle) and the limits, which are checked before the work they bound. The client, the server and
 * fieldline-admin all read layouts through this class, so a layout refused at publish is refused everywhere.
 */
class LayoutReader
{
    Q_DECLARE_TR_FUNCTIONS(LayoutReader)

public:
    static constexpr qsizetype MaxBytes = 4 * 1024 * 1024;
    static constexpr int MaxFields = 10000;
    static constexpr int MaxSections = 500;

    struct Result
    {
        std::optional<Layout> layout; ///< set only when there is no problem
        std::vector<LayoutProblem> problems;
    };

    static Result read(const QByteArray &json, LayoutJson::Mode mode);

private:
    explicit LayoutReader(LayoutJson::Mode mode)
        : m_json(mode)
    {}
    Layout readDocument(const QJsonObject &document);
    std::optional<LayoutSection> readSection(const QJsonValue &value, const QString &path);

    LayoutJson m_json;
    int m_fieldsLeft = MaxFields;
};

} // namespace fieldline::forms
