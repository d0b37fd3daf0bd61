/* Embedding osprey-jit from C: load a rules directory, evaluate a file of JSON actions (one per
 * line) in one batch, print one result line per action.
 *
 *   embed_example RULES_DIR ACTIONS.jsonl
 *
 * Exit status: 0 on success, 1 when the rules have errors, 2 on bad usage or I/O errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osprey_jit/osprey_jit.h"

/* Reads every line of `path` into a growing array; returns the count, or -1 on error. */
static long ReadLines(const char* path, char*** lines, size_t** lengths) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) return -1;
  size_t capacity = 16, count = 0;
  *lines = malloc(capacity * sizeof(char*));
  *lengths = malloc(capacity * sizeof(size_t));
  char* line = NULL;
  size_t line_capacity = 0;
  ssize_t length;
  while ((length = getline(&line, &line_capacity, file)) >= 0) {
    if (length > 0 && line[length - 1] == '\n') line[--length] = '\0';
    if (count == capacity) {
      capacity *= 2;
      *lines = realloc(*lines, capacity * sizeof(char*));
      *lengths = realloc(*lengths, capacity * sizeof(size_t));
    }
    (*lines)[count] = strdup(line);
    (*lengths)[count] = (size_t)length;
    ++count;
  }
  free(line);
  fclose(file);
  return (long)count;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s RULES_DIR ACTIONS.jsonl\n", argv[0]);
    return 2;
  }
  osprey_engine_options options;
  osprey_engine_options_init(&options);
  options.optimize_in_background = 0; /* a short run: the fast tier is enough */
  char* error = NULL;
  osprey_engine* engine = osprey_engine_create(&options, &error);
  if (engine == NULL) {
    fprintf(stderr, "cannot create the engine: %s\n", error);
    osprey_string_free(error);
    return 2;
  }
  char* diagnostics = NULL;
  osprey_status status = osprey_engine_load_directory(engine, argv[1], &diagnostics);
  if (status != OSPREY_OK) {
    fprintf(stderr, "%s", diagnostics);
    osprey_string_free(diagnostics);
    osprey_engine_free(engine);
    return status == OSPREY_ERROR_RULES_INVALID ? 1 : 2;
  }
  osprey_string_free(diagnostics);

  char** lines = NULL;
  size_t* lengths = NULL;
  long count = ReadLines(argv[2], &lines, &lengths);
  if (count < 0) {
    fprintf(stderr, "cannot read %s\n", argv[2]);
    osprey_engine_free(engine);
    return 2;
  }
  osprey_results* results = NULL;
  status =
      osprey_engine_evaluate(engine, (const char* const*)lines, lengths, (size_t)count, &results);
  if (status != OSPREY_OK) {
    fprintf(stderr, "evaluation failed: status %d\n", (int)status);
    return 2;
  }
  for (size_t i = 0; i < osprey_results_count(results); ++i) {
    printf("%s\n", osprey_results_json(results, i));
  }
  osprey_results_free(results);
  for (long i = 0; i < count; ++i) free(lines[i]);
  free(lines);
  free(lengths);
  osprey_engine_free(engine);
  return 0;
}
