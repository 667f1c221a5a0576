#include "vouch_icu.h"

#include <pthread.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- confusables ------------------------------------------------------- */

static USpoofChecker *spoof = NULL;
static UChar asciiSkeleton[26][8];
static int32_t asciiSkeletonLength[26];
static pthread_once_t spoofOnce = PTHREAD_ONCE_INIT;

static void spoofInit(void) {
    UErrorCode status = U_ZERO_ERROR;
    spoof = uspoof_open(&status);
    if (U_FAILURE(status)) { spoof = NULL; return; }
    for (int i = 0; i < 26; i++) {
        UChar letter = (UChar)('a' + i);
        status = U_ZERO_ERROR;
        asciiSkeletonLength[i] = uspoof_getSkeleton(spoof, 0, &letter, 1, asciiSkeleton[i], 8, &status);
        if (U_FAILURE(status)) asciiSkeletonLength[i] = -1;
    }
}

/* The ASCII letter whose skeleton equals this code point's, or 0. */
static int32_t confusableAscii(UChar32 c) {
    pthread_once(&spoofOnce, spoofInit);
    if (spoof == NULL) return 0;
    UChar in[2];
    int32_t inLength = 0;
    U16_APPEND_UNSAFE(in, inLength, c);
    UChar skeleton[16];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uspoof_getSkeleton(spoof, 0, in, inLength, skeleton, 16, &status);
    if (U_FAILURE(status)) return 0;
    for (int i = 0; i < 26; i++) {
        if (asciiSkeletonLength[i] != length) continue;
        int same = 1;
        for (int j = 0; j < length; j++) {
            if (skeleton[j] != asciiSkeleton[i][j]) { same = 0; break; }
        }
        if (same) return 'a' + i;
    }
    return 0;
}

/* ---- folding ----------------------------------------------------------- */

static int32_t typographic(UChar32 c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2212: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return 0;
    }
}

int32_t vouch_icu_fold(int32_t codePoint, int32_t *out, int32_t capacity) {
    if (capacity <= 0) return 0;
    if (codePoint < 0x80) {
        out[0] = (codePoint >= 'A' && codePoint <= 'Z') ? codePoint + 32 : codePoint;
        return 1;
    }
    if (u_hasBinaryProperty(codePoint, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
    int32_t t = typographic(codePoint);
    if (t) { out[0] = t; return 1; }

    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) { out[0] = codePoint; return 1; }

    UChar in[2];
    int32_t inLength = 0;
    U16_APPEND_UNSAFE(in, inLength, codePoint);
    UChar folded[32];
    int32_t foldedLength = unorm2_normalize(casefold, in, inLength, folded, 32, &status);
    if (U_FAILURE(status)) { out[0] = codePoint; return 1; }
    UChar decomposed[64];
    int32_t decomposedLength = unorm2_normalize(nfd, folded, foldedLength, decomposed, 64, &status);
    if (U_FAILURE(status)) { out[0] = codePoint; return 1; }

    int32_t n = 0;
    for (int32_t i = 0; i < decomposedLength && n < capacity;) {
        UChar32 c;
        U16_NEXT(decomposed, i, decomposedLength, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c >= 0x80) {
            int32_t t2 = typographic(c);
            if (t2) c = t2;
            else if (u_isalpha(c)) {
                int32_t ascii = confusableAscii(c);
                if (ascii) c = ascii;
            }
        }
        out[n++] = c;
    }
    return n;
}

/* ---- classes and widths ------------------------------------------------ */

int32_t vouch_icu_class(int32_t c) {
    if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C)
        return VOUCH_CLASS_NEWLINE;
    if (c >= 0x80 && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return VOUCH_CLASS_IGNORABLE;
    switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
        return VOUCH_CLASS_LETTER;
    case U_DECIMAL_DIGIT_NUMBER:
        return VOUCH_CLASS_DIGIT;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
        return VOUCH_CLASS_MARK;
    case U_SPACE_SEPARATOR: case U_CONTROL_CHAR:
        return u_isWhitespace(c) || c == '\t' ? VOUCH_CLASS_SPACE : VOUCH_CLASS_OTHER;
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION:
        return VOUCH_CLASS_PUNCT;
    default:
        return VOUCH_CLASS_OTHER;
    }
}

int32_t vouch_icu_width(int32_t c) {
    if (c < 0x20) return 0;
    if (c < 0x7F) return 1;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR)
        return 0;
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
    int32_t eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
    return 1;
}

/* ---- graphemes --------------------------------------------------------- */

int32_t vouch_icu_graphemes(const uint16_t *text, int32_t length, int32_t *out, int32_t capacity) {
    /* Opening an iterator loads its rules; each thread keeps one and only
       sets new text on it. */
    static __thread UBreakIterator *it = NULL;
    UErrorCode status = U_ZERO_ERROR;
    if (!it) {
        it = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
        if (U_FAILURE(status)) { it = NULL; return -1; }
    }
    ubrk_setText(it, (const UChar *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    int32_t n = 0;
    for (int32_t b = ubrk_next(it); b != UBRK_DONE && n < capacity; b = ubrk_next(it)) out[n++] = b;
    return n;
}

const char *vouch_icu_version(void) {
    static char version[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, version);
    return version;
}

struct vouch_regex {
    URegularExpression *re;
    UText *text;
    /* The number of the group named "value" when the pattern has one: what
       a match reports (the rest of the match is its context); else 0. */
    int32_t group;
};

vouch_regex *vouch_regex_open(const char *pattern, int32_t length, char *error, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    /* uregex_open keeps its own copy of the pattern (uregex_openUText would
       keep pointing at the caller's bytes). */
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, pattern, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) status = U_ZERO_ERROR;
    UChar *utf16 = U_SUCCESS(status) ? malloc(sizeof(UChar) * (size_t)(units + 1)) : NULL;
    if (utf16) u_strFromUTF8(utf16, units + 1, NULL, pattern, length, &status);
    URegularExpression *re = utf16 && U_SUCCESS(status) ? uregex_open(utf16, units, 0, &parse, &status) : NULL;
    free(utf16);
    if (!utf16 && U_SUCCESS(status)) status = U_MEMORY_ALLOCATION_ERROR;
    if (U_FAILURE(status)) {
        if (capacity > 0) {
            snprintf(error, (size_t)capacity, "%s at offset %d", u_errorName(status), (int)parse.offset);
        }
        if (re) uregex_close(re);
        return NULL;
    }
    /* A bound on each search: a pattern that backtracks catastrophically on
       some text gives up (VOUCH_REGEX_TIMED_OUT) instead of hanging. */
    uregex_setTimeLimit(re, VOUCH_REGEX_TIME_LIMIT, &status);
    vouch_regex *out = calloc(1, sizeof *out);
    if (!out) { uregex_close(re); return NULL; }
    out->re = re;
    UErrorCode lookup = U_ZERO_ERROR;
    int32_t group = uregex_groupNumberFromCName(re, "value", -1, &lookup);
    out->group = U_SUCCESS(lookup) ? group : 0;
    return out;
}

vouch_regex *vouch_regex_clone(const vouch_regex *regex) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(regex->re, &status);
    if (U_FAILURE(status)) return NULL;
    uregex_setTimeLimit(re, VOUCH_REGEX_TIME_LIMIT, &status);
    if (U_FAILURE(status)) { uregex_close(re); return NULL; }
    vouch_regex *out = calloc(1, sizeof *out);
    if (!out) { uregex_close(re); return NULL; }
    out->re = re;
    out->group = regex->group;
    return out;
}

void vouch_regex_close(vouch_regex *regex) {
    if (!regex) return;
    uregex_close(regex->re);
    if (regex->text) utext_close(regex->text);
    free(regex);
}

int32_t vouch_regex_find(vouch_regex *regex, const uint8_t *text, int32_t length, int32_t *ranges, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    static const uint8_t empty[1] = {0};
    if (!text) { text = empty; length = 0; }
    /* Reuses the UText shell: utext_openUTF8 re-initialises it in place. */
    regex->text = utext_openUTF8(regex->text, (const char *)text, length, &status);
    if (U_FAILURE(status)) return -1;
    uregex_setUText(regex->re, regex->text, &status);
    if (U_FAILURE(status)) return -1;
    int32_t count = 0;
    while (uregex_findNext(regex->re, &status)) {
        if (status == U_REGEX_TIME_OUT) return VOUCH_REGEX_TIMED_OUT;
        if (U_FAILURE(status)) return -1;
        int64_t start = uregex_start64(regex->re, regex->group, &status);
        int64_t end = uregex_end64(regex->re, regex->group, &status);
        if (U_FAILURE(status)) return -1;
        if (start < 0) continue;  /* the group took no part in this match */
        if (count < capacity) {
            ranges[2 * count] = (int32_t)start;
            ranges[2 * count + 1] = (int32_t)end;
        }
        count++;
    }
    if (status == U_REGEX_TIME_OUT) return VOUCH_REGEX_TIMED_OUT;
    return U_FAILURE(status) ? -1 : count;
}
