/* Symbol visibility: the library is built with hidden visibility and only
 * TA_EXPORT symbols form the public ABI (same for static and shared). */
#ifndef TMXALIGN_EXPORT_H
#define TMXALIGN_EXPORT_H
#if defined(__GNUC__) || defined(__clang__)
#define TA_EXPORT __attribute__((visibility("default")))
#else
#define TA_EXPORT
#endif
#endif
