#!/usr/bin/env python3
"""Over-count of wm's Claude bounds on the golden prompts, measured against ctok 1.3.0's counts.

Usage: measure-claude-goldens.py WM   (WM: a built wm binary; needs `pip install ctok==1.3.0`, Python 3.12)

ctok is used only as a measure here (its piece tables are not shipped). Its counts include the
per-message frame, which is removed: 7 tokens for v3, 11 for v4.7, 6 for v4.8 and later. The
claude-4.7 bound covers both v4.7 and v4.8+, so its measure is the larger of the two.
Prints, per family, the median and p95 of bound / ctok over every golden/*/expected/*.md.
"""
import statistics
import subprocess
import sys
from pathlib import Path

from ctok import token_count

FAMILIES = {'claude-3': [('3.0', 7)], 'claude-4.7': [('4.7', 11), ('4.8', 6)]}


def bound(wm, family, path):
    out = subprocess.run([wm, 'tokens', '--encoding', family, str(path)], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[0])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(__file__).resolve().parents[2]
    files = sorted(root.glob('golden/*/expected/*.md'))
    for family, versions in FAMILIES.items():
        ratios, under = [], 0
        for path in files:
            text = path.read_text()
            real = max(token_count(text, version) - frame for version, frame in versions)
            counted = bound(sys.argv[1], family, path)
            under += counted < real
            ratios.append(counted / real)
        ratios.sort()
        p95 = ratios[min(len(ratios) - 1, int(round(0.95 * (len(ratios) - 1))))]
        print(f'{family}: golden prompts n={len(ratios)} under={under} median={statistics.median(ratios):.3f} '
              f'p95={p95:.3f} min={ratios[0]:.3f} max={ratios[-1]:.3f}')


if __name__ == '__main__':
    main()
