// libFuzzer target for form layouts (app/forms): JSON reading, every property check, the cross-field checks,
// and, for a layout that is accepted, the rules applied to values and a full validation.
//
// Any bytes must come back as a layout or as problems that each have a message, never a crash, a runaway
// recursion or an unbounded list of problems. An accepted layout must also be accepted in render mode, and
// evaluating and validating a submission filled from its defaults must not fail.
#include "app/forms/FormValidator.h"
#include "app/forms/LayoutReader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::forms;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

void checkProblems(const std::vector<LayoutProblem> &problems)
{
    if (problems.empty() || int(problems.size()) > LayoutJson::MaxProblems)
        fail("a refused layout must have between 1 and MaxProblems problems");
    for (const LayoutProblem &problem : problems) {
        if (problem.message.isEmpty())
            fail("a problem without a message");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const LayoutReader::Result published = LayoutReader::read(json, LayoutJson::Mode::Publish);
    const LayoutReader::Result rendered = LayoutReader::read(json, LayoutJson::Mode::Render);
    if (!rendered.layout)
        checkProblems(rendered.problems);
    if (!published.layout) {
        checkProblems(published.problems);
        return 0;
    }
    if (!rendered.layout)
        fail("a layout accepted for publishing must be renderable");
    const Layout &layout = *published.layout;
    FormData values;
    for (const FieldSpec *field : layout.allFields()) {
        if (!layout.groupOf(field->id))
            values.setValue(field->id, field->defaultValue);
        else if (values.rows(layout.groupOf(field->id)->id).empty())
            values.rows(layout.groupOf(field->id)->id).push_back(FormRow{QStringLiteral("r1"), {}});
    }
    const FormEvaluator evaluator(layout);
    const QDate today(2026, 11, 22);
    (void)FormValidator(evaluator).validate(values, today, QDateTime(today, QTime(9, 0)));
    return 0;
}
