#!/usr/bin/env python3
"""Writes tests/runtime/testdata/python_semantics_oracle.tsv: operator results computed by real
CPython 3.11, with the reference's executor rules layered on top (division/modulo by zero give
int 0, `<` etc. with a None operand give False, None-aware `in`) and osprey-jit's documented
deviations (ints limited to 2**20 bits, no complex numbers, no printf-style `%`).

Usage: python3 tests/runtime/gen_python_semantics_oracle.py > \
           tests/runtime/testdata/python_semantics_oracle.tsv

Line format (tab-separated): group, op, left, right, expected. Values:
  n             None
  b:1 / b:0     bool
  i:<decimal>   int
  f:<hex>       float as float.hex(), or f:inf, f:-inf, f:nan
  s:<hex>       str as hex of its UTF-8 bytes (lone surrogates as 'surrogatepass')
  l(<v>,<v>)    list
  e(<hex>,<v>)  entity: type as hex of UTF-8, then the id
  t:<hex>       time delta in seconds, float.hex()
  -             no operand (unary groups)
Expected is a value or '!' followed by the error message.
"""
import math
import operator
import random
import sys
from dataclasses import dataclass

assert sys.version_info[:2] == (3, 11), 'the oracle must be CPython 3.11'

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Ints are exact (unbounded, as in Python) up to this many bits (runtime/big_int.h).
INT_LIMIT_BITS = 2**20
INT_TOO_LARGE = "integer overflow: result exceeds %d bits (osprey-jit's integer limit)" % \
    INT_LIMIT_BITS


@dataclass(frozen=True, order=True)
class Entity:  # Mirrors EntityT (named Entity) in the reference.
    type: str
    id: object

    def __repr__(self):
        return f"EntityT[{type(self.id)}](type='{self.type}', id={self.id})"


@dataclass
class TimeDeltaT:  # Mirrors the reference's TimeDeltaT (equality by value, unordered).
    seconds: float


def enc(v):
    if v is None:
        return 'n'
    if isinstance(v, bool):
        return 'b:1' if v else 'b:0'
    if isinstance(v, int):
        return 'i:%d' % v
    if isinstance(v, float):
        if math.isnan(v):
            return 'f:nan'
        if math.isinf(v):
            return 'f:inf' if v > 0 else 'f:-inf'
        return 'f:' + v.hex()
    if isinstance(v, str):
        return 's:' + v.encode('utf-8', 'surrogatepass').hex()
    if isinstance(v, list):
        return 'l(' + ','.join(enc(x) for x in v) + ')'
    if isinstance(v, Entity):
        return 'e(' + v.type.encode().hex() + ',' + enc(v.id) + ')'
    if isinstance(v, TimeDeltaT):
        return 't:' + float(v.seconds).hex()
    raise TypeError(v)


def check_int(r):
    if isinstance(r, int) and not isinstance(r, bool) and r.bit_length() > INT_LIMIT_BITS:
        raise OverflowError(INT_TOO_LARGE)
    if isinstance(r, complex):
        raise ValueError('negative number cannot be raised to a fractional power')
    return r


BINARY = {
    '+': operator.add, '-': operator.sub, '*': operator.mul, '/': operator.truediv,
    '//': operator.floordiv, '%': operator.mod, '**': operator.pow, '<<': operator.lshift,
    '>>': operator.rshift, '|': operator.or_, '^': operator.xor, '&': operator.and_,
}


def is_int(v):
    return isinstance(v, int)


def binary(op, a, b):
    if op in ('/', '//', '%') and b == 0:
        return 0  # The reference's _safe_* helpers.
    if op == '**' and isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            (isinstance(a, float) or isinstance(b, float) or b < 0):
        x, y = float(a), float(b)
        if y != 0 and all(math.isfinite(v) for v in (x, y)) and x < 0 and y != math.floor(y):
            # CPython's float_pow hands these to complex pow (a complex result, or
            # "complex exponentiation" on overflow); SML has no complex numbers.
            raise ValueError('negative number cannot be raised to a fractional power')
    if op == '%' and isinstance(a, str):
        raise TypeError('printf-style string formatting (str % value) is not supported')
    # Guards against results Python could compute but that would take ages or all memory;
    # all of them exceed the limit anyway.
    if op == '**' and is_int(a) and is_int(b) and b > 0 and abs(a) > 1 and \
            (abs(a).bit_length() - 1) * b >= INT_LIMIT_BITS:
        raise OverflowError(INT_TOO_LARGE)
    if op == '<<' and is_int(a) and is_int(b) and b > INT_LIMIT_BITS and a != 0:
        raise OverflowError(INT_TOO_LARGE)
    if op == '*':
        for seq, n in ((a, b), (b, a)):
            # (Counts beyond Py_ssize_t are Python's own OverflowError.)
            if isinstance(seq, (str, list)) and is_int(n) and 0 < n <= INT64_MAX and len(seq) > 0:
                size = len(seq.encode('utf-8', 'surrogatepass')) if isinstance(seq, str) else len(seq)
                limit = 2**30 if isinstance(seq, str) else 2**26
                if n > limit // size:
                    kind = 'string' if isinstance(seq, str) else 'list'
                    raise MemoryError('repeated %s is too long' % kind)
                break
    return check_int(BINARY[op](a, b))


def negate(a, _):
    return -a


def order(op):
    def run(a, b):
        if a is None or b is None:
            return False
        return bool(op(a, b))
    return run


def contains(needle, haystack):
    if needle is None and (haystack is None or (isinstance(haystack, list) and None in haystack)):
        return True
    if needle is None or haystack is None:
        return False
    return needle in haystack


OTHER = {
    'neg': negate,
    'eq': lambda a, b: a == b,
    '<': order(operator.lt), '<=': order(operator.le),
    '>': order(operator.gt), '>=': order(operator.ge),
    'in': contains,
    'truthy': lambda a, _: bool(a),
    'str': lambda a, _: str(a),
    'repr': lambda a, _: repr(a),
}


def emit(group, op, a, b, unary=False):
    fn = BINARY.get(op) and (lambda x, y: binary(op, x, y)) or OTHER[op]
    try:
        result = enc(fn(a, b))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError, MemoryError) as e:
        result = '!' + str(e)
    print('\t'.join([group, op, enc(a), '-' if unary else enc(b), result]))


INTS = [0, 1, -1, 2, -3, 7, -7, 63, 64, 3037000500, 2**53 + 1, 2**62, INT64_MAX, INT64_MIN]
# Beyond int64: just past each end, past uint64, and far past. HUGE is beyond the float range.
BIG_INTS = [INT64_MAX + 1, INT64_MIN - 1, 2**64, -(2**64) - 1, 10**22, -(2**100) + 1]
HUGE = 10**400
INTS += BIG_INTS
FLOATS = [0.0, -0.0, 0.5, -2.5, 7.0, 0.1, 1e300, 5e-324, 2.0**63, math.inf, -math.inf, math.nan]
BOOLS = [True, False]
NUMBERS = INTS + FLOATS + BOOLS
OBJECTS = [None, '', 'ab', 'é😀', [1, 'a'], [], [None], Entity('User', 'x'), Entity('User', 1),
           TimeDeltaT(60.0)]


def main():
    for op in ('+', '-', '*', '/', '//', '%', '**'):
        for a in NUMBERS:
            for b in NUMBERS:
                emit('arith', op, a, b)
    bit_operands = INTS + BOOLS + [2.5, 0.0]
    for op in ('<<', '>>', '|', '^', '&'):
        for a in bit_operands:
            for b in bit_operands:
                emit('bits', op, a, b)
    # Extra shift and power edges around 64 bits.
    for a in (1, -1, 3, -3, 2**31, -(2**31), 2**62, -(2**62)):
        for b in (30, 31, 32, 61, 62, 63, 64, 65, 1000):
            emit('bits', '<<', a, b)
            emit('bits', '>>', a, b)
    for a in (2, -2, 3, -3, 10, -10, 3037000499, 3037000500, -3037000500):
        for b in (2, 18, 19, 39, 40, 62, 63, 64):
            emit('arith', '**', a, b)
    for a in (2.0, -2.0, 10.0, 0.5, -0.5, 1e-300, 1.0000001):
        for b in (1023, 1024, -1074, -1075, 2000.5, -2000, 0.5):
            emit('arith', '**', a, b)
    for op in ('+', '-', '*', '/', '//', '%', '**'):
        for b in FLOATS + [0, 1, -7, 2**64, True]:
            emit('arith', op, HUGE, b)
            emit('arith', op, b, HUGE)
    for op in ('eq', '<', '>='):
        for b in FLOATS + [1, 2**64, HUGE, HUGE + 1, -HUGE]:
            emit('compare', op, HUGE, b)
            emit('compare', op, b, -HUGE)
    # (Results stay under Python's 4300 printable digits, or beyond the limit.)
    for a in (1, -1, 3, 2**70, -(2**70)):
        for b in (64, 65, 127, 128, 1000, 2**20 + 1, 2**40):
            emit('bits', '<<', a, b)
            emit('bits', '>>', a, b)
    for a in (2, -2, 3, 10):
        for b in (65, 100, 127, 1000, 2**20, 2**40, -(2**70)):
            emit('arith', '**', a, b)
    for a in (2**64, -(2**64)):
        for b in (2, 3, 65, 2**20 // 64, 2**40, -(2**70)):
            emit('arith', '**', a, b)
    for a, b in ((1, 2**1074), (3, 2**1075), (1, 2**1075), (2**1076 + 1, 2**2150), (2**1100, 2**100),
                 (2**1100, 2**76), (10**400, 10**399), (1, 10**400), (10**400, 7),
                 (2**1024 - 2**970, 1), (2**1024 - 2**971, 1), (2**1024 - 2**970 - 1, 1),
                 (-(2**64) - 1, 2**11), (2**64 + 1, -(2**11)), (9007199254740993 * 1024, 1)):
        emit('arith', '/', a, b)
        emit('arith', '/', b, a)
    # Large-int true division: correctly rounded, unlike float(a) / float(b).
    rng = random.Random(20251)
    for _ in range(150):
        a = rng.randrange(INT64_MIN, INT64_MAX)
        b = rng.choice([rng.randrange(-1000, 1000) or 7, rng.randrange(INT64_MIN, INT64_MAX),
                        rng.randrange(1, 2**40)])
        emit('arith', '/', a, b)
        emit('arith', '//', a, b)
        emit('arith', '%', a, b)
    # The same beyond int64, and across its ends.
    for _ in range(150):
        bits = rng.choice([62, 63, 64, 65, 100, 300])
        a = rng.randrange(-(2**bits), 2**bits)
        b = rng.choice([rng.randrange(-1000, 1000) or 3, rng.randrange(-(2**bits), 2**bits) or 5,
                        rng.randrange(1, 2**70)])
        for op in ('+', '-', '*', '/', '//', '%', '&', '|', '^'):
            emit('arith' if op not in '&|^' else 'bits', op, a, b)
    operands = NUMBERS[:6] + [2.5, True, math.nan] + OBJECTS
    for op in ('+', '*', '-', '/', '%', '**', '<<'):
        for a in operands:
            for b in operands:
                if not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
                    emit('objects', op, a, b)
    for seq in ('ab', 'é😀', [1, None], ''):
        for n in (-2, 0, 1, 3, True, False, 2**40, INT64_MAX, INT64_MAX + 1, -(2**64)):
            emit('objects', '*', seq, n)
            emit('objects', '*', n, seq)
    for a in NUMBERS + OBJECTS:
        emit('unary', 'neg', a, None, unary=True)
        emit('unary', 'truthy', a, None, unary=True)
    compared = NUMBERS + OBJECTS + [
        'b', 'a', 'é', 'e', '日', [1, 2], [1, 2.0], [1, 3], [1], [[1]], [1, 'b'], ['a', 1],
        Entity('User', 'y'), Entity('Post', 'x'), Entity('User', 2), 2**53, float(2**53),
        9007199254740993, 9007199254740992.0, float(2**64), 2**64 + 1, float(2**64 + 2**12),
        2**64 + 2**11, 2**64 + 2**12, -float(2**64), 1e300, int(1e300), int(1e300) + 1,
        Entity('User', 2**64), [2**64, 1], [2**64, 2]]
    number = (int, float)
    for op in ('eq', '<', '<=', '>', '>='):
        for a in compared:
            for b in compared:
                same_kind = type(a) is type(b) or (isinstance(a, number) and isinstance(b, number))
                if not same_kind and rng.random() < (0.8 if op == 'eq' else 0.95):
                    continue  # Mixed kinds give one answer shape each; sample them.
                emit('compare', op, a, b)
    haystacks = ['', 'abc', '123', 'é😀x', [1, 'a', None], [1.0, [1]], [], [Entity('U', 1)], None,
                 1, 2.5, True, Entity('U', 'abc'), TimeDeltaT(1.0)]
    needles = [None, '', 'a', 'bc', '23', '😀', 'é', 1, True, 1.0, [1], Entity('U', 1), 'x']
    for h in haystacks:
        for n in needles:
            emit('contains', 'in', n, h)
    texts = ['', 'a', "it's", 'say "hi"', 'both \' and "', '\\', '\n\t\r', '\x00\x1f\x7f',
             '\x80\xa0\xad\xff', 'é', '\u200b', '\u2028', '\ud800', '\udfff', '😀', '\U000e0001',
             '\U0010ffff', '\u0378', '日本', '\u00a0', '\u3000', '\ufeff', '\U0001F7D9',
             '\U0001FAF8', 'tab\there']
    texts += [chr(rng.randrange(0x80, 0x30000 if i % 2 else 0x110000)) for i in range(600)]
    for t in texts:
        emit('format', 'repr', t, None, unary=True)
        emit('format', 'str', [t], None, unary=True)
    floats = [1.0, 0.1, 0.30000000000000004, 1e16, 1e15, 1234567890123456.0, 1e-4, 1e-5,
              1.5e-5, 5e-324, 1.7976931348623157e308, 2.0**63, -0.0, 0.0, math.inf, -math.inf,
              math.nan, 123456789.125, 3.3333333333333335, 9007199254740993.0, 1e22, 1e23]
    floats += [rng.uniform(-1e6, 1e6) for _ in range(100)]
    floats += [rng.choice([-1, 1]) * 10.0 ** rng.uniform(-30, 30) for _ in range(200)]
    import struct
    for _ in range(300):
        f = struct.unpack('<d', struct.pack('<Q', rng.getrandbits(64)))[0]
        if not math.isnan(f):
            floats.append(f)
    for f in floats:
        emit('format', 'str', f, None, unary=True)
    for v in [None, True, False, 0, -42, INT64_MIN, [1, 'a', None], [], [[1.5, True], ['x']],
              ["it's"], [Entity('User', 'x'), Entity('U', 7)], INT64_MAX + 1, INT64_MIN - 1,
              -(2**100), 10**400, [2**64, -(2**64)], [Entity('User', 2**70)]]:
        emit('format', 'str', v, None, unary=True)
        emit('format', 'repr', v, None, unary=True)


if __name__ == '__main__':
    main()
