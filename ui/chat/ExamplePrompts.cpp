#include "ExamplePrompts.h"

namespace flarechat {

QList<ExamplePrompts::Prompt> ExamplePrompts::firstChat()
{
    // Four kinds of work every free model does well: explain, write code, plan, compare.
    return {
        {tr("Explain something"), tr("Explain how HTTPS keeps a connection private, in three short paragraphs.")},
        {tr("Write code"), tr("Write a Python function that checks whether a string is a palindrome, with tests.")},
        {tr("Plan a trip"), tr("Plan three days in Kyoto for someone who loves food and old temples.")},
        {tr("Compare"), tr("Compare working from home and working in an office, as a table of pros and cons.")},
    };
}

} // namespace flarechat
