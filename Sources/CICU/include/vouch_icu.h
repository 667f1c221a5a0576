#ifndef VOUCH_ICU_H
#define VOUCH_ICU_H

#include <stdint.h>

/* A small, plain-C face on the system ICU. Only C types cross this header:
   Foundation bundles its own ICU, so Swift must never see unicode/*.h. */

#ifdef __cplusplus
extern "C" {
#endif

/* Character classes used by the tokenizer. */
enum {
    VOUCH_CLASS_OTHER = 0,     /* symbols, emoji, anything else */
    VOUCH_CLASS_LETTER = 1,
    VOUCH_CLASS_DIGIT = 2,
    VOUCH_CLASS_SPACE = 3,     /* horizontal white space */
    VOUCH_CLASS_NEWLINE = 4,   /* LF, CR, NEL, LS, PS */
    VOUCH_CLASS_MARK = 5,      /* combining marks */
    VOUCH_CLASS_PUNCT = 6,
    VOUCH_CLASS_IGNORABLE = 7  /* default-ignorable: ZWSP, ZWJ, soft hyphen, ... */
};

/* Folds one code point for matching: NFKC case folding, canonical
   decomposition with nonspacing marks removed, typographic apostrophes and
   hyphens made ASCII, and a letter that ICU's confusable skeleton maps to the
   same skeleton as an ASCII letter replaced by that letter (Cyrillic U+043E
   becomes "o"). Writes up to `capacity` code points to `out` and returns how
   many it wrote (0 for a default-ignorable code point). */
int32_t vouch_icu_fold(int32_t codePoint, int32_t *out, int32_t capacity);

/* One of the VOUCH_CLASS_* values. */
int32_t vouch_icu_class(int32_t codePoint);

/* Terminal display width: 0 (combining, ignorable), 1, or 2 (East Asian
   wide and fullwidth, emoji presentation). */
int32_t vouch_icu_width(int32_t codePoint);

/* Extended grapheme cluster boundaries of UTF-16 `text`: writes the offsets
   (UTF-16 units, after 0 and up to `length`) of each boundary to `out` and
   returns the count, or -1 on an ICU error. */
int32_t vouch_icu_graphemes(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity);

/* A compiled ICU regular expression, searched over UTF-8 without
   conversion. One handle must not be used by two threads at once: give each
   its own with vouch_regex_clone (cheap; the compiled pattern is shared). */
typedef struct vouch_regex vouch_regex;

/* Compiles `pattern` (UTF-8, `length` bytes). On failure returns NULL and
   writes a message (NUL-terminated, cut to `capacity`) to `error`. */
vouch_regex *vouch_regex_open(const char *pattern, int32_t length, char *error, int32_t capacity);
vouch_regex *vouch_regex_clone(const vouch_regex *regex);
void vouch_regex_close(vouch_regex *regex);

/* Each search is bounded by ICU's time limit, in its match steps (of the
   order of a millisecond each); one that passes it stops. */
#define VOUCH_REGEX_TIME_LIMIT 50
#define VOUCH_REGEX_TIMED_OUT (-2)

/* Finds every match in UTF-8 `text` of `length` bytes (when the pattern
   has a group named "value", that group of each match: the value without
   the context around it; a match whose group took no part is skipped);
   writes up to
   `capacity` (start, end) pairs of byte offsets to `ranges` and returns the
   number of matches found (which may exceed `capacity`), -1 on an ICU
   error, or VOUCH_REGEX_TIMED_OUT when a search passed the time limit. */
int32_t vouch_regex_find(vouch_regex *regex, const uint8_t *text, int32_t length, int32_t *ranges, int32_t capacity);

/* The ICU version in use, for `vouch --version`. */
const char *vouch_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
