#ifndef LANTERN_VIPS_H
#define LANTERN_VIPS_H

#include <stddef.h>

// Fixed-argument wrappers around libvips' variadic calls (Swift cannot call C varargs).
// Images are passed as opaque pointers; free them with lantern_vips_unref. Encoded buffers are
// allocated by glib: free them with lantern_vips_free. On failure a call returns non-zero (or NULL)
// and lantern_vips_error_take() gives the reason.

/// Starts libvips once per process; 0 on success.
int lantern_vips_init(void);

/// "8.14.1": the library version, part of every cache key.
const char *lantern_vips_version(void);

/// Reads only the header: stored size, EXIF orientation (1 when none), and the loader's name
/// (e.g. "jpegload_buffer"), which tells the real format whatever the file is called.
int lantern_vips_header(const void *buf, size_t len, int *width, int *height, int *orientation,
                        char *loader, size_t loader_len);

/// Decodes, applies the EXIF orientation and shrinks to `width` pixels wide (never enlarges).
/// Decoding fails on the first corrupt or truncated byte rather than producing a grey half.
void *lantern_vips_thumbnail(const void *buf, size_t len, int width);

int lantern_vips_image_width(void *image);
int lantern_vips_image_height(void *image);
/// Whether the image has an alpha channel (kept as PNG rather than JPEG for the fallback).
int lantern_vips_image_has_alpha(void *image);

/// Encoders; every one writes no metadata at all (no EXIF, GPS, XMP, ICC, comments).
int lantern_vips_webpsave(void *image, int quality, void **out, size_t *out_len);
int lantern_vips_jpegsave(void *image, int quality, void **out, size_t *out_len);
int lantern_vips_pngsave(void *image, void **out, size_t *out_len);

/// HEIF-family encoder: AVIF (`av1` non-zero, AOM) or HEIC (HEVC); no metadata. `effort` 0–9
/// trades encode time for size.
int lantern_vips_heifsave(void *image, int quality, int av1, int effort, void **out, size_t *out_len);

/// Decodes, turns upright and fills exactly width×height (enlarging a small photo), cropping
/// around the part libvips finds most interesting (share cards); no metadata.
void *lantern_vips_crop_cover(const void *buf, size_t len, int width, int height);

/// A width×height share card: `background` with a stripe of `accent` along the top, the title
/// (Pango markup, wrapped within the margins, shrunk to fit when long) in `ink`, and the footer
/// (markup, e.g. the site name) in `accent` at the bottom. Colours are 0xRRGGBB. `font_file`
/// (may be NULL) is loaded so `title_font`/`footer_font` (Pango names, "Noto Sans Bold 60") find it.
void *lantern_vips_title_card(int width, int height, int margin, const char *title_markup, const char *title_font,
                              const char *footer_markup, const char *footer_font, const char *font_file,
                              unsigned background, unsigned ink, unsigned accent);

/// A width×height JPEG of smooth colour gradients with a little noise, like a photo (tests and
/// the benchmark make their own input with it). `quality` as for jpegsave.
int lantern_vips_synthetic_jpeg(int width, int height, int quality, void **out, size_t *out_len);

/// FNV-1a 64 of the bytes from `seed` (the image cache key; in C because a debug build of the
/// same loop in Swift takes seconds over a folder of phone photos).
unsigned long long lantern_fnv1a64(const void *buf, size_t len, unsigned long long seed);

void lantern_vips_unref(void *image);
void lantern_vips_free(void *buffer);
/// The accumulated error text (caller frees with lantern_vips_free), and clears it.
char *lantern_vips_error_take(void);

#endif
