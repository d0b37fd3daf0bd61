#include "bench/workload/action_generator.h"

#include <random>

#include "absl/strings/str_format.h"
#include "bench/workload/ruleset_generator.h"

namespace osprey::bench {
namespace {

// Ordinary words, so that spam words are a minority of every text as in real traffic.
constexpr const char* kPlainWords[] = {
    "the",     "a",       "today",  "weekend", "coffee", "friends", "photo",   "new",
    "project", "working", "on",     "great",   "music",  "city",    "morning", "thanks",
    "for",     "sharing", "really", "love",    "this",   "game",    "team",    "update",
    "release", "notes",   "about",  "our",     "trip",   "lunch",   "meeting", "later"};

// Ordinary user names are long enough that the rules' short-name tests do not fire on them.
constexpr const char* kNames[] = {"alice.smith", "bob.jones",   "carol.white", "dave.brown",
                                  "erin.miller", "frank.moore", "grace.clark", "heidi.lewis",
                                  "ivan.walker", "judy.hall",   "mallory.king"};

}  // namespace

std::vector<std::string> GenerateActions(const ActionShape& shape) {
  std::mt19937_64 random(shape.seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  const std::vector<std::string>& spam = GeneratedSpamWords();
  const std::vector<std::string>& actions = GeneratedActionNames();
  constexpr size_t kPlainCount = sizeof(kPlainWords) / sizeof(kPlainWords[0]);
  constexpr size_t kNameCount = sizeof(kNames) / sizeof(kNames[0]);

  std::vector<std::string> lines;
  lines.reserve(static_cast<size_t>(shape.actions));
  for (int i = 0; i < shape.actions; ++i) {
    // create_post 55%, send_message 25%, login 15%, register 5%.
    size_t roll = pick(100);
    const std::string& name = roll < 55   ? actions[0]
                              : roll < 80 ? actions[3]
                              : roll < 95 ? actions[2]
                                          : actions[1];
    bool spammy = pick(10) == 0;  // One user in ten posts spam.
    size_t user = pick(static_cast<size_t>(shape.users));

    // A user name: sometimes a spam word or starting with one (the rules test both).
    std::string user_name = spammy && pick(2) == 0
                                ? spam[pick(spam.size())] + std::to_string(user % 100)
                                : std::string(kNames[user % kNameCount]) + std::to_string(user);
    std::string email = pick(4) == 0 ? "null" : absl::StrFormat("\"%s@example.com\"", user_name);
    std::string followers =
        pick(5) == 0 ? absl::StrFormat("\"%d\"", pick(5000)) : std::to_string(pick(5000));

    std::string text;
    while (text.size() < 260) {
      if (!text.empty()) text += ' ';
      text += spammy && pick(4) == 0 ? spam[pick(spam.size())] : kPlainWords[pick(kPlainCount)];
    }
    std::string links;
    for (size_t l = 0, n = pick(spammy ? 6 : 2); l < n; ++l) {
      links += absl::StrFormat("%s\"https://example.com/%d\"", l == 0 ? "" : ",", pick(100000));
    }

    lines.push_back(absl::StrFormat(
        "{\"action_id\": %d, \"action_name\": \"%s\", \"timestamp\": "
        "\"2025-08-25T14:%02d:%02d+00:00\", \"data\": {\"user\": {\"id\": \"user_%d\", \"name\": "
        "\"%s\", \"email\": %s, \"account_age_days\": %d, \"follower_count\": %s}, \"post\": "
        "{\"text\": \"%s\", \"links\": [%s], \"score\": %d.%d}}}",
        i + 1, name, (i / 60) % 60, i % 60, user, user_name, email, pick(spammy ? 10 : 2000),
        followers, text, links, pick(10), pick(10)));
  }
  return lines;
}

}  // namespace osprey::bench
