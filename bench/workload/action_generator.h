// Deterministic generator of JSONL actions for the rulesets of ruleset_generator.h: flat-form
// actions (action_id, action_name, timestamp, data) of about 500 bytes whose `data` carries the
// fields the generated models read ($.user.id/name/email/account_age_days/follower_count,
// $.post.text/links/score), with texts that sometimes contain the rules' spam words.
#ifndef OSPREY_BENCH_WORKLOAD_ACTION_GENERATOR_H_
#define OSPREY_BENCH_WORKLOAD_ACTION_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

namespace osprey::bench {

struct ActionShape {
  int actions = 10000;
  int users = 2000;  // Distinct $.user.id values, so label effects repeat per user.
  uint64_t seed = 7;
};

// One JSON object per element, without a trailing newline. The same shape always gives the
// same lines. Action names cycle through GeneratedActionNames() with create_post most common;
// every action has both the user and the post object, so no rule fails for a missing field
// except the optional ones (email is sometimes null, follower_count sometimes a numeric
// string, as coerce_type=True allows).
std::vector<std::string> GenerateActions(const ActionShape& shape);

}  // namespace osprey::bench

#endif  // OSPREY_BENCH_WORKLOAD_ACTION_GENERATOR_H_
