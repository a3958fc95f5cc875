#!/usr/bin/env python3
"""Regenerates Tests/TokenizationTests/Vectors/tiktoken-vectors.json with tiktoken 0.14.0, offline.

Usage: scripts/tokenizer/make-test-vectors.py RAWDIR
  RAWDIR holds o200k_base.tiktoken and cl100k_base.tiktoken (scripts/tokenizer/fetch-rank-files.sh RAWDIR).
  Needs `pip install tiktoken==0.14.0`. Refuses to run when the environment variable CI is set:
  golden files are never regenerated automatically.
The vectors are the hand-written cases below plus 2,400 random Unicode strings from a fixed seed.
"""
import json, os, pathlib, random, shutil, sys, tempfile

if os.environ.get("CI"):
    sys.exit("refusing to regenerate golden test vectors in CI")

# tiktoken's cache file names are the sha1 of the download URL.
CACHE_NAMES = {
    "o200k_base": "fb374d419588a4632f3f557e76b4b70aebbca790",
    "cl100k_base": "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
}
raw_dir = pathlib.Path(sys.argv[1])
cache = tempfile.mkdtemp()
for name, cache_name in CACHE_NAMES.items():
    shutil.copy(raw_dir / f"{name}.tiktoken", pathlib.Path(cache) / cache_name)
os.environ["TIKTOKEN_CACHE_DIR"] = cache
import tiktoken  # noqa: E402  (after TIKTOKEN_CACHE_DIR is set)

if tiktoken.__version__ != "0.14.0":
    sys.exit(f"need tiktoken 0.14.0, found {tiktoken.__version__}")
ENCODINGS = {name: tiktoken.get_encoding(name) for name in CACHE_NAMES}
assert ENCODINGS["o200k_base"].encode_ordinary("hello world") == [24912, 2375]
assert ENCODINGS["cl100k_base"].encode_ordinary("hello world") == [15339, 1917]

CASES = [
    ("hello world", "hello world"),
    ("empty", ""),
    ("english prose", "The quick brown fox jumps over the lazy dog. It wasn't the dog's fault; they'd been "
     "told it'll rain, so we're staying in and I'm reading. You've seen it, haven't you?"),
    ("markdown", "# Working memory\n\n## Open tasks\n\n- [ ] Fix the **budget** allocator (see `alloc.rs`)\n"
     "- [x] Ship *v1.2.0*\n\n> Quote: \"stay within 2,000 tokens\"\n\n| key | value |\n|-----|-------|\n"
     "| a | 1 |\n\n```swift\nlet x = 1\n```\n\n1. first\n2. second\n   - nested [link](https://example.com/a/b?c=d#e)\n"),
    ("source code", "func encode(_ text: String) -> [Int] {\n    var ids: [Int] = []\n    for (i, c) in text.enumerated() "
     "where c != \" \" {\n        ids.append(i &+ 0x1F)  // comment\n    }\n    return ids\n}\n\tif (a<=b && c!=d) { x += 3.14e-10; }\n"),
    ("json", '{"id": 42, "name": "Ünïcødé", "tags": ["a", "b"], "nested": {"x": null, "y": true, "z": -1.5e3},'
     ' "path": "/usr/local/bin", "empty": {}}\n'),
    ("crlf", "line one\r\nline two\r\n\r\nline four\r\n"),
    ("lone cr", "line one\rline two\r\rthree\r"),
    ("trailing whitespace", "text   \nmore\t\t\n   \n  end   "),
    ("mixed whitespace", "a \t b\t\t c \n\n\n d  \r\n  e \u000b f \u000c g\n \n \n"),
    ("whitespace before newline at end", "x\n  "),
    ("spaces then word", "a    b     c"),
    ("nbsp", "price:\u00a0100\u00a0€ and\u00a0\u00a0more\u00a0"),
    ("line separator", "first\u2028second\u2029third \u2028 x"),
    ("next line", "first\u0085second \u0085\u0085 third"),
    ("vertical tab and form feed", "a\u000bb\u000cc \u000b\u000c d\n\u000c\n"),
    ("bom", "\ufeffHello\ufeff world \ufeff"),
    ("combining marks", "e\u0301te\u0301 cafe\u0301 A\u0301B n\u0303o\u0308\u0304 \u0301abc \u0301ABC \u20ddx"),
    ("zwj emoji", "family: 👨‍👩‍👧‍👦 flag: 🏳️‍🌈 skin: 👍🏽 keycap: 1️⃣ heart: ❤️ 😀😃😄"),
    ("cjk", "日本語のテキストです。中文文本，包括标点符号！한국어 텍스트입니다."),
    ("arabic", "مرحبا بالعالم، هذا نص عربي مع أرقام ١٢٣٤٥ و 678."),
    ("devanagari", "नमस्ते दुनिया। यह हिन्दी पाठ है, अंक ०१२३४५६७८९।"),
    ("thai", "สวัสดีชาวโลก นี่คือข้อความภาษาไทย ๑๒๓"),
    ("non-ascii digits", "٠١٢٣٤٥٦٧٨٩ ۰۱۲ ०१२ ０１２３４ ²³¹ ½¾ ⅫⅣ ①②③ 𝟎𝟏𝟐 12345678"),
    ("contractions any case", "IT'S it's It'S we'LL WE'LL they'Re THEY'RE I'VE i'Ve he'D I'M don'T "
     "'s 'S 'll 'LL 'Re 'x 's's x'ſ X'ſ 'ſ"),
    ("apostrophes", "'''a'' 'b' rock'n'roll o'clock 'tis"),
    ("long letter run", "a" * 150 + " " + "Supercalifragilisticexpialidocious" * 5 + " " + "xq" * 80),
    ("long mixed-case run", "aBcDeFgHiJkLmNoPqRsTuVwXyZ" * 8),
    ("long uppercase run", "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 6),
    ("long punctuation run", "!@#$%^&*()_+-=[]{}|;:,.<>?/~`" * 6 + "\n\n//\r\n"),
    ("long digit run", "1234567890" * 20),
    ("long cjk run", "的一是不了人我在有他这为之大来以个中上们" * 10),
    ("long emoji run", "😀" * 60 + "🏳️‍🌈" * 20),
    ("endoftext as text", "before <|endoftext|> after <|fim_prefix|><|endofprompt|>"),
    ("titlecase and modifier letters", "ǅemal ǈubljana ǋ ǲ ʰʲ ʼn ĲssEL Σίσυφος ΣΊΣΥΦΟΣ"),
    ("mixed scripts", "Hello世界123abc!! Привет мир ΑΒΓ αβγ x²+y²"),
    ("url and paths", "https://example.com/path/to/file.md?query=1&x=y ./scripts/tokenizer/make.py C:\\Users\\x"),
    ("numbers", "3.14159 1,000,000 -42 +7 0x1F 1e10 12:30 2026-11-26 v1.2.3"),
    ("control characters", "a\u0000b\u0001c\u001fd\u007fe\u0080f\u009f"),
    ("private use and unassigned", "\ue000\uf8ff \U000f0000 \U0010fffd"),
    ("leading space punctuation", " !x  ?y\t.z \n\n. /\n/ /\r\n"),
]

def random_strings(count: int, seed: int):
    rng = random.Random(seed)
    pools = [
        [chr(c) for c in range(0x20, 0x7F)],
        list("\t\n\r\u000b\u000c     "),
        list("\u00a0\u2028\u2029\u0085\u1680\u2000\u2007\u200a\u202f\u205f\u3000\ufeff\u200b\u200d"),
        ["'", "'s", "'S", "'ll", "'LL", "'re", "'Re", "'ve", "'t", "'d", "'M", "'ſ", "ſ"],
        [chr(c) for c in range(0xC0, 0x250)],
        [chr(c) for c in range(0x370, 0x500)],
        [chr(c) for c in range(0x300, 0x370)] + [chr(c) for c in range(0x20D0, 0x20F1)],
        [chr(c) for c in range(0x4E00, 0x4F00)] + [chr(c) for c in range(0x3040, 0x30FF)] + [chr(c) for c in range(0xAC00, 0xAC80)],
        [chr(c) for c in range(0x600, 0x700)],
        [chr(c) for c in range(0x900, 0x980)],
        [chr(c) for c in range(0xE00, 0xE60)],
        list("٠١٢٣٤٥٦٧٨٩०१२३０１２３²³¹½ⅫⅣ①②𝟎𝟏"),
        [chr(c) for c in range(0x1F300, 0x1F650)] + ["\u200d", "\ufe0f", "\U0001F3FD", "\u20e3"],
        list("ǅǈǋǲʰʲʼˆˇ々〻ꜝ"),
        list("0123456789"),
        None,  # any scalar except surrogates
    ]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 24)):
            pool = rng.choice(pools)
            if pool is None:
                c = rng.randint(0, 0x10FFFF)
                while 0xD800 <= c <= 0xDFFF:
                    c = rng.randint(0, 0x10FFFF)
                parts.append(chr(c))
            else:
                parts.append(rng.choice(pool) * (rng.randint(1, 3) if rng.random() < 0.2 else 1))
        out.append("".join(parts))
    return out

def main() -> None:
    cases = [{"name": n, "text": t} for n, t in CASES]
    cases += [{"name": f"random {i}", "text": t} for i, t in enumerate(random_strings(2400, seed=20261126))]
    for case in cases:
        for name, encoding in ENCODINGS.items():
            case[name] = encoding.encode_ordinary(case["text"])
    out = pathlib.Path(__file__).resolve().parents[2] / "Tests/TokenizationTests/Vectors/tiktoken-vectors.json"
    document = {"generator": "tiktoken 0.14.0 encode_ordinary, scripts/tokenizer/make-test-vectors.py", "cases": cases}
    out.write_text(json.dumps(document, ensure_ascii=True, separators=(",", ":")) + "\n")
    print(f"{len(cases)} cases -> {out} ({out.stat().st_size} bytes)")

if __name__ == "__main__":
    main()
