/* osprey-jit's plain C ABI, for stream processors in Go, Rust, Python or on the JVM.
 *
 * Opaque handles, explicit free functions, status codes and messages. Every string returned
 * is NUL-terminated and owned as documented; strings passed in are copied. Thread-safety as
 * in engine.h: osprey_engine_evaluate may run on one thread while osprey_engine_load_* run on
 * another. */
#ifndef OSPREY_JIT_OSPREY_JIT_H_
#define OSPREY_JIT_OSPREY_JIT_H_

#include <stddef.h>
#include <stdint.h>

#if defined(OSPREY_JIT_BUILDING_LIBRARY)
#define OSPREY_JIT_C_API __attribute__((visibility("default")))
#else
#define OSPREY_JIT_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum osprey_status {
  OSPREY_OK = 0,
  OSPREY_UNCHANGED = 1,              /* load: same ruleset as the applied one; nothing done */
  OSPREY_ERROR_INVALID_ARGUMENT = 2, /* a NULL handle or pointer, or a bad option */
  OSPREY_ERROR_RULES_INVALID = 3,    /* load: the rules have errors; the old ruleset stays */
  OSPREY_ERROR_IO = 4,               /* load: the rules directory cannot be read */
  OSPREY_ERROR_INTERNAL = 5,
} osprey_status;

typedef struct osprey_engine osprey_engine;
typedef struct osprey_results osprey_results;

typedef struct osprey_engine_options {
  int threads;                /* worker threads per batch (>= 1) */
  int optimized_tier;         /* 1: go live with the O2 tier; 0: fast tier first */
  int optimize_in_background; /* with the fast tier: replace it by O2 when compiled */
  int emit_hits;              /* 1: hits-only result lines; 0: Osprey's full map */
  int include_ruleset_key;    /* full map: add "__ruleset" */
  uint64_t random_seed;
} osprey_engine_options;

/* The defaults: 1 thread, fast tier then O2 in background, full results. */
OSPREY_JIT_C_API void osprey_engine_options_init(osprey_engine_options* options);

/* Creates an engine (options may be NULL for the defaults). On failure returns NULL and, when
 * error is not NULL, sets *error to a message to free with osprey_string_free. */
OSPREY_JIT_C_API osprey_engine* osprey_engine_create(const osprey_engine_options* options,
                                                     char** error);
OSPREY_JIT_C_API void osprey_engine_free(osprey_engine* engine);

/* Loads rules from a directory, or from `count` in-memory files (paths[i] -> sources[i]).
 * When diagnostics is not NULL, *diagnostics receives the rendered diagnostics or error
 * message ("" when there are none), to free with osprey_string_free. */
OSPREY_JIT_C_API osprey_status osprey_engine_load_directory(osprey_engine* engine,
                                                            const char* directory,
                                                            char** diagnostics);
OSPREY_JIT_C_API osprey_status osprey_engine_load_sources(osprey_engine* engine,
                                                          const char* const* paths,
                                                          const char* const* sources, size_t count,
                                                          char** diagnostics);

/* The identity of the applied ruleset ("" before the first): free with osprey_string_free. */
OSPREY_JIT_C_API char* osprey_engine_applied_ruleset(osprey_engine* engine);

/* Evaluates `count` actions (actions[i] is lengths[i] bytes of JSON) into *results, one result
 * per action, in order; free with osprey_results_free. */
OSPREY_JIT_C_API osprey_status osprey_engine_evaluate(osprey_engine* engine,
                                                      const char* const* actions,
                                                      const size_t* lengths, size_t count,
                                                      osprey_results** results);

OSPREY_JIT_C_API size_t osprey_results_count(const osprey_results* results);
/* Result i's JSON line (no newline); valid until osprey_results_free. NULL when out of range. */
OSPREY_JIT_C_API const char* osprey_results_json(const osprey_results* results, size_t i);
/* The identity of the ruleset that produced result i. */
OSPREY_JIT_C_API const char* osprey_results_ruleset(const osprey_results* results, size_t i);
/* 1 when input i was not a valid action (its JSON is an error record), else 0. */
OSPREY_JIT_C_API int osprey_results_is_error(const osprey_results* results, size_t i);
OSPREY_JIT_C_API void osprey_results_free(osprey_results* results);

OSPREY_JIT_C_API void osprey_string_free(char* text);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OSPREY_JIT_OSPREY_JIT_H_ */
