#!/usr/bin/env python3
"""Fits the Claude token-count upper bounds and writes Sources/Tokenization/ClaudeBoundCoefficients.swift.

Never run in CI; see docs/TOKENIZATION.md ("The Claude bounds"). Usage:
    scripts/tokenizer/fetch-rank-files.sh /tmp/ranks
    scripts/tokenizer/fetch-claude-counts.sh /tmp/claude-counts
    pip install tiktoken==0.14.0 regex scipy numpy
    scripts/tokenizer/fit-claude-bounds.py /tmp/ranks /tmp/claude-counts

The recorded counts come from the PyPI sdist of ctok 1.3.0 (MIT): Anthropic `count_tokens` answers for the
UDHR in 501 languages, Rosetta Code tasks, a Rosetta hold-out set and MultiPL-E programs. Only the counts
and their texts are used; none of ctok's piece tables.

The bound of a text is ceil(sum over its o200k pieces of the piece's class coefficients times its
features), with the features and classes below (ClaudeBoundCounter.swift computes the same). The
coefficients are the solution of a linear program: minimise the weighted relative over-count subject to
bound >= recorded content count (frame removed) for every recorded text, all coefficients >= 0, and a
floor on the bytes coefficient of letters in scripts with too few recorded texts to fit ("other").
The whole is then multiplied by MARGIN, chosen from a fit on half of the data checked on the other half.
"""
import json, math, sys, unicodedata
from pathlib import Path

import numpy as np
import regex
import tiktoken
from scipy.optimize import linprog
from tiktoken.load import load_tiktoken_bpe
import tiktoken_ext.openai_public as openai_public

FRAME = {'v3': 7, 'v4.7': 11, 'v5': 6}           # ctok's message_overhead per family (its pieces_*.json)
FAMILIES = {'claude3': ['v3'], 'claude47': ['v4.7', 'v5']}   # v5 (Opus 4.8+) reuses v4.7's vocabulary
MARGIN = 1.08
OTHER_LETTER_BYTES_FLOOR = 0.8
SCALE = 10_000                                     # coefficients are written as integers in 1/SCALE

BLOCKS = [
    ('latin', [(0x80, 0x250), (0x1E00, 0x1F00), (0x2C60, 0x2C80), (0xA720, 0xA800)]),
    ('cyrillic', [(0x400, 0x530), (0x1C80, 0x1C90), (0x2DE0, 0x2E00), (0xA640, 0xA6A0)]),
    ('arabic', [(0x600, 0x700), (0x750, 0x780), (0x8A0, 0x900), (0xFB50, 0xFE00), (0xFE70, 0xFF00)]),
    ('devanagari', [(0x900, 0x980), (0xA8E0, 0xA900)]),
    ('cjk', [(0x1100, 0x1200), (0x2E80, 0x2FE0), (0x3000, 0xA000), (0xAC00, 0xD7B0), (0xF900, 0xFB00),
             (0x20000, 0x32000)]),
]
CLASSES = ['space', 'newline', 'indent', 'tab', 'digit', 'mark', 'punct', 'symbol', 'word', 'ascii'] \
    + [name for name, _ in BLOCKS] + ['other']
FEATURES = ['tokens', 'bytes', 'pieces', 'uppercase', 'cl100k', 'rare']
WORD = regex.compile(r'^ ?[A-Za-z]?[a-z]+$')


def encodings(ranks):
    def load(name):
        openai_public.load_tiktoken_bpe = lambda *a, **k: load_tiktoken_bpe(str(Path(ranks) / f'{name}.tiktoken'))
        return tiktoken.Encoding(**getattr(openai_public, name)())
    o200k, cl100k = load('o200k_base'), load('cl100k_base')
    return o200k, cl100k, regex.compile(openai_public.o200k_base()['pat_str'])


def letter_class(cp):
    for name, ranges in BLOCKS:
        if any(lo <= cp < hi for lo, hi in ranges):
            return name
    return 'other'


def is_space(ch):
    return ch.isspace()


def piece_class(piece):
    letters = [ch for ch in piece if unicodedata.category(ch)[0] in 'LM']
    if letters:
        wide = [letter_class(ord(ch)) for ch in letters if ord(ch) >= 0x80]
        if not wide:
            return 'word' if WORD.match(piece) else 'ascii'
        # The most frequent class; on a tie the first in CLASSES.
        return max(sorted(set(wide), key=CLASSES.index), key=wide.count)
    if all(is_space(ch) for ch in piece):
        if '\n' in piece or '\r' in piece:
            return 'newline' if piece.strip('\r\n') == '' else 'indent'
        return 'tab' if '\t' in piece else 'space'
    if any(unicodedata.category(ch)[0] == 'N' for ch in piece):
        return 'digit'
    if all(ord(ch) < 0x80 for ch in piece):
        return 'mark' if len(piece.strip(' ')) == 1 else 'punct'
    return 'symbol'


def features(text, o200k, cl100k, pattern):
    row = np.zeros(len(CLASSES) * len(FEATURES))
    for piece in pattern.findall(text):
        ids = o200k.encode_ordinary(piece)
        base = CLASSES.index(piece_class(piece)) * len(FEATURES)
        row[base:base + 6] += [len(ids), len(piece.encode()), 1, sum(ch.isupper() for ch in piece),
                               len(cl100k.encode_ordinary(piece)), sum(i >= 100_000 for i in ids)]
    return row


def load_recorded(folder):
    rows = []
    for name, key in [('udhr', 'f'), ('rosetta', 'id'), ('rosetta_holdout', 'id'), ('multipl_e', 'lang')]:
        counts = json.loads((Path(folder) / f'{name}_counts.json').read_text())
        for line in (Path(folder) / f'{name}.jsonl').read_text().splitlines():
            record = json.loads(line)
            row = {'set': name, 'id': record[key], 'text': record['text'], 'script': record.get('script')}
            for family in FRAME:
                row[family] = counts[family]['counts'][record[key]] - FRAME[family]
            rows.append(row)
    return rows


def category(row):
    if row['set'] != 'udhr':
        return 'code'
    if row['id'] == 'eng':
        return 'english'
    if row['script'] == 'Latn':
        return 'other Latin'
    if row['script'] in ('Hans', 'Hant', 'Hani', 'Jpan', 'Kore', 'Hang'):
        return 'CJK'
    return 'other scripts'


def weight(row):
    if row['id'] == 'eng':
        return 5.0
    if row['set'] == 'udhr':
        return (3 if row['script'] == 'Latn' else 1) / 501
    return 1 / 1741 if row['set'] == 'rosetta' else 0


def fit(X, rows, targets, indices):
    A = X[indices]
    y = np.array([max(rows[i][t] for t in targets) for i in indices], float)
    w = np.array([weight(rows[i]) for i in indices])
    other_bytes = CLASSES.index('other') * len(FEATURES) + FEATURES.index('bytes')
    bounds = [(OTHER_LETTER_BYTES_FLOOR if k == other_bytes else 0, None) for k in range(A.shape[1])]
    result = linprog((A * (w / y)[:, None]).sum(0), A_ub=-A, b_ub=-y, bounds=bounds, method='highs')
    if not result.success:
        sys.exit(f'the linear program failed: {result.message}')
    return result.x


def summary(X, rows, targets, coefficients, indices):
    bound = np.ceil(X[indices] @ coefficients)
    real = np.array([max(rows[i][t] for t in targets) for i in indices])
    ratio = bound / real
    return (f'n={len(indices)} under={int((bound < real).sum())} median={np.median(ratio):.3f} '
            f'p95={np.percentile(ratio, 95):.3f} min={ratio.min():.3f}')


def swift_source(tables):
    lines = ['// Generated by scripts/tokenizer/fit-claude-bounds.py; do not edit (see docs/TOKENIZATION.md).',
             '', '/// The fitted coefficients of the Claude bounds, in 1/10,000 of a token, by family, class and feature.',
             'enum ClaudeBoundCoefficients {']
    for family, integers in tables.items():
        lines.append(f'    /// Rows follow `ClaudePieceClass.allCases`; columns `tokens, bytes, pieces, uppercase, cl100k, rare`.')
        lines.append(f'    static let {family}: [[Int]] = [')
        for k, name in enumerate(CLASSES):
            values = ', '.join(str(v) for v in integers[k * len(FEATURES):(k + 1) * len(FEATURES)])
            lines.append(f'        [{values}],  // {name}')
        lines.append('    ]')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    o200k, cl100k, pattern = encodings(sys.argv[1])
    rows = load_recorded(sys.argv[2])
    X = np.array([features(row['text'], o200k, cl100k, pattern) for row in rows])
    udhr = [i for i, row in enumerate(rows) if row['set'] == 'udhr']
    half = udhr[0::2] + [i for i, row in enumerate(rows) if row['set'] == 'rosetta']
    rest = udhr[1::2] + [i for i, row in enumerate(rows) if row['set'] in ('rosetta_holdout', 'multipl_e')]
    everything = list(range(len(rows)))
    tables = {}
    for family, targets in FAMILIES.items():
        held_out = fit(X, rows, targets, half) * MARGIN
        print(f'{family}: fitted on half, checked on the other half: {summary(X, rows, targets, held_out, rest)}')
        coefficients = fit(X, rows, targets, everything) * MARGIN
        integers = [math.ceil(c * SCALE - 1e-9) for c in coefficients]
        tables[family] = integers
        exact = np.array(integers, float) / SCALE
        print(f'{family}: fitted on all: {summary(X, rows, targets, exact, everything)}')
        for name in ['english', 'other Latin', 'CJK', 'other scripts', 'code']:
            chosen = [i for i in everything if category(rows[i]) == name]
            print(f'    {name}: {summary(X, rows, targets, exact, chosen)}')
    out = Path(__file__).resolve().parents[2] / 'Sources/Tokenization/ClaudeBoundCoefficients.swift'
    out.write_text(swift_source(tables))
    print(f'wrote {out}')


if __name__ == '__main__':
    main()
