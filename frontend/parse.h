// Parsing one SML file: Python 3.11 tokenization and grammar for the subset SML accepts.
#ifndef OSPREY_FRONTEND_PARSE_H_
#define OSPREY_FRONTEND_PARSE_H_

#include "frontend/ast.h"
#include "frontend/diagnostic.h"
#include "frontend/source.h"

namespace osprey::frontend {

// Parses `file` and checks that it stays inside the SML subset of Python.
//
// Like the reference engine, at most one error is reported per file: a Python syntax error if the
// file has one (CPython's message, at CPython's position), else the first construct outside SML in
// the reference's transformation order. On error the returned module has `ok() == false` and must
// not be used beyond diagnostics. Never crashes or hangs on any input bytes; nesting deeper than
// the parser's limit is reported as NestingTooDeep.
ast::Module Parse(const SourceSet& sources, FileId file, DiagnosticSink& sink);

}  // namespace osprey::frontend

#endif  // OSPREY_FRONTEND_PARSE_H_
