// Table tests of ListLength, ListRead, ListSort (runtime/udfs/lists.cc), ResolveOptional and Entity
// (entity_and_action.cc); expected values from CPython 3.11 (str(), sorted()).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/big_int.h"
#include "tests/runtime/udfs_test_util.h"

namespace osprey::runtime::testing {
namespace {

class ListUdfTest : public ::testing::TestWithParam<Case> {};

// An int beyond int64, from its decimal text.
Value Big(std::string_view decimal) { return ParseIntDigits(decimal, 10).value(); }

TEST_P(ListUdfTest, MatchesPython) { EXPECT_EQ(RunCase(GetParam()), GetParam().expected); }

// ListRead turns Python's IndexError into a silent failure.
const Case kCases[] = {
    {"read_0", "ListRead", {L({I(1), S("a")}), I(0)}, "'1'"},
    {"read_1", "ListRead", {L({I(1), S("a")}), I(1)}, "'a'"},
    {"read_2", "ListRead", {L({I(1), S("a")}), I(-1)}, "'a'"},
    {"read_3", "ListRead", {L({I(1), S("a")}), I(2)}, "<silent>"},
    {"read_4", "ListRead", {L({I(1), S("a")}), I(-3)}, "<silent>"},
    {"read_5", "ListRead", {L({F(1.0), B(true), N()}), I(0)}, "'1.0'"},
    {"read_6", "ListRead", {L({F(1.0), B(true), N()}), I(1)}, "'True'"},
    {"read_7", "ListRead", {L({F(1.0), B(true), N()}), I(2)}, "'None'"},
    {"read_8", "ListRead", {L({L({I(1), S("a")})}), I(0)}, "\"[1, 'a']\""},
    {"read_9", "ListRead", {L({}), I(0)}, "<silent>"},
    {"read_10", "ListRead", {L({F(0.30000000000000004)}), I(0)}, "'0.30000000000000004'"},
    {"read_11", "ListRead", {L({F(1e+16)}), I(0)}, "'1e+16'"},
    {"sort_0", "ListSort", {L({I(3), I(1), I(2)}), B(false)}, "[1, 2, 3]"},
    {"sort_1", "ListSort", {L({I(3), I(1), I(2)}), B(true)}, "[3, 2, 1]"},
    {"sort_2", "ListSort", {L({S("b"), S("a"), S("B")}), B(false)}, "['B', 'a', 'b']"},
    {"sort_3", "ListSort", {L({I(1), S("a")}), B(false)}, "<error>"},
    {"sort_4", "ListSort", {L({N(), I(1)}), B(false)}, "<error>"},
    {"sort_5", "ListSort", {L({B(true), I(0), F(0.5)}), B(false)}, "[0, 0.5, True]"},
    {"sort_6",
     "ListSort",
     {L({L({I(1), I(2)}), L({I(1)}), L({I(0), I(5)})}), B(false)},
     "[[0, 5], [1], [1, 2]]"},
    {"sort_7", "ListSort", {L({}), B(false)}, "[]"},
    {"sort_8", "ListSort", {L({N()}), B(false)}, "[None]"},
    {"sort_9", "ListSort", {L({S("日"), S("z"), S("é")}), B(true)}, "['日', 'é', 'z']"},
    {"sort_10", "ListSort", {L({I(2), F(1.5), F(2.0), I(1)}), B(true)}, "[2, 2.0, 1.5, 1]"},
    {"sort_11", "ListSort", {L({L({N()}), L({N()})}), B(false)}, "[[None], [None]]"},
    // Ints beyond int64 (udf_lists/list_read_bigint): exact str() and exact ordering.
    {"read_big",
     "ListRead",
     {L({Big("10000000000000000000000"), I(1)}), I(0)},
     "'10000000000000000000000'"},
    {"read_big_negative",
     "ListRead",
     {L({Big("-18446744073709551617")}), I(-1)},
     "'-18446744073709551617'"},
    {"read_big_index", "ListRead", {L({I(1)}), Big("1000000000000000000000000000000")}, "<silent>"},
    {"sort_big",
     "ListSort",
     {L({Big("10000000000000000000000"), Big("-18446744073709551617"), I(5), F(2.5), F(-1e30),
         F(18446744073709551616.0), Big("18446744073709551616")}),
      B(false)},
     "[-1e+30, -18446744073709551617, 2.5, 5, 1.8446744073709552e+19, 18446744073709551616, "
     "10000000000000000000000]"},
    {"sort_big_reverse",
     "ListSort",
     {L({Big("10000000000000000000000"), F(-1e30), F(1e22)}), B(true)},
     "[10000000000000000000000, 1e+22, -1e+30]"},
    {"len_0", "ListLength", {L({})}, "0"},
    {"len_1", "ListLength", {L({N()})}, "1"},
    {"len_2", "ListLength", {L({I(1), S("a"), L({})})}, "3"},
    {"read_none_list", "ListRead", {N(), I(0)}, "<silent>"},
    {"length_of_str_is_type_error", "ListLength", {S("ab")}, "<error>"},
    // ResolveOptional(optional_value, default_value, should_report_error).
    {"resolve_value", "ResolveOptional", {S("x"), S("d"), B(false)}, "'x'", {2}},
    {"resolve_falsy_value", "ResolveOptional", {I(0), I(5), B(false)}, "0", {2}},
    {"resolve_empty_str", "ResolveOptional", {S(""), N(), B(true)}, "''", {2}},
    {"resolve_default", "ResolveOptional", {N(), S("d"), B(true)}, "'d'", {2}},
    {"resolve_silent", "ResolveOptional", {N(), N(), B(false)}, "<silent>", {2}},
    {"resolve_report", "ResolveOptional", {N(), N(), B(true)}, "<error>", {2}},
    // Entity(type, id): the id must be exactly str or int at run time.
    {"entity_str",
     "Entity",
     {S("User"), S("bob")},
     "EntityT[<class 'str'>](type='User', id=bob)",
     {0}},
    {"entity_float", "Entity", {S("User"), F(1.5)}, "<error>", {0}},
    {"entity_bool", "Entity", {S("User"), B(true)}, "<error>", {0}},
    {"entity_none", "Entity", {S("User"), N()}, "<error>", {0}},
    {"entity_big_int",
     "Entity",
     {S("User"), Big("18446744073709551616")},
     "EntityT[<class 'int'>](type='User', id=18446744073709551616)",
     {0}},
};

INSTANTIATE_TEST_SUITE_P(ListUdf, ListUdfTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace osprey::runtime::testing
