#include "lantern_vips.h"
// Casts between GObject types as plain C casts: a checked cast calls into glib, which is not
// linked (below).
#define G_DISABLE_CAST_CHECKS 1
#include <vips/vips.h>
#include <string.h>
#include <pthread.h>
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>

// libvips and the ~120 libraries it brings (codecs, pango, cairo, glib…) are loaded with dlopen
// the first time an image must be read or made, not linked: linked, the dynamic loader mapped and
// relocated them at every start, ~13 MiB of resident memory for a build, a check or the preview
// server of a site with no photos. Every libvips, glib and fontconfig function this file calls is
// listed here once; each call below goes through a pointer found with dlsym.
#define LANTERN_VIPS_FUNCTIONS(X) \
    X(vips_init) X(vips_version) X(vips_cache_set_max) X(vips_version_string) X(vips_foreign_find_load_buffer) \
    X(vips_image_new_from_buffer) X(vips_image_get_width) X(vips_image_get_height) \
    X(vips_image_get_orientation) X(vips_thumbnail_buffer) X(vips_image_copy_memory) \
    X(vips_image_get_fields) X(vips_image_remove) X(vips_image_hasalpha) X(vips_webpsave_buffer) \
    X(vips_jpegsave_buffer) X(vips_pngsave_buffer) X(vips_heifsave_buffer) X(vips_black) X(vips_linear) \
    X(vips_linear1) X(vips_copy) X(vips_embed) X(vips_ifthenelse) X(vips_text) X(vips_error) \
    X(vips_image_new) X(vips_object_local_array) X(vips_xyz) X(vips_extract_band) X(vips_add) \
    X(vips_bandjoin) X(vips_gaussnoise) X(vips_cast) X(vips_error_buffer) X(vips_error_clear) \
    X(g_log_set_handler) X(g_object_unref) X(g_strfreev) X(g_strdup) X(g_strlcpy) X(g_free) \
    X(FcConfigAppFontAddFile)

#define LANTERN_DECLARE(name) static __typeof__(name) *lantern_p_##name;
LANTERN_VIPS_FUNCTIONS(LANTERN_DECLARE)

static int init_status = -1;
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

/// Loads libvips and finds every function; 0 when all were found.
static int load_library(void) {
    void *vips = dlopen("libvips.so.42", RTLD_NOW | RTLD_GLOBAL);
    if (!vips) return 1;
    int missing = 0;
#define LANTERN_FIND(name) if (!(lantern_p_##name = (__typeof__(name) *)dlsym(vips, #name))) missing = 1;
    LANTERN_VIPS_FUNCTIONS(LANTERN_FIND)
#undef LANTERN_FIND
    return missing;
}

// From here on, each listed function's name calls it through its pointer.
#define vips_init (*lantern_p_vips_init)
#define vips_version (*lantern_p_vips_version)
#define vips_cache_set_max (*lantern_p_vips_cache_set_max)
#define vips_version_string (*lantern_p_vips_version_string)
#define vips_foreign_find_load_buffer (*lantern_p_vips_foreign_find_load_buffer)
#define vips_image_new_from_buffer (*lantern_p_vips_image_new_from_buffer)
#define vips_image_get_width (*lantern_p_vips_image_get_width)
#define vips_image_get_height (*lantern_p_vips_image_get_height)
#define vips_image_get_orientation (*lantern_p_vips_image_get_orientation)
#define vips_thumbnail_buffer (*lantern_p_vips_thumbnail_buffer)
#define vips_image_copy_memory (*lantern_p_vips_image_copy_memory)
#define vips_image_get_fields (*lantern_p_vips_image_get_fields)
#define vips_image_remove (*lantern_p_vips_image_remove)
#define vips_image_hasalpha (*lantern_p_vips_image_hasalpha)
#define vips_webpsave_buffer (*lantern_p_vips_webpsave_buffer)
#define vips_jpegsave_buffer (*lantern_p_vips_jpegsave_buffer)
#define vips_pngsave_buffer (*lantern_p_vips_pngsave_buffer)
#define vips_heifsave_buffer (*lantern_p_vips_heifsave_buffer)
#define vips_black (*lantern_p_vips_black)
#define vips_linear (*lantern_p_vips_linear)
#define vips_linear1 (*lantern_p_vips_linear1)
#define vips_copy (*lantern_p_vips_copy)
#define vips_embed (*lantern_p_vips_embed)
#define vips_ifthenelse (*lantern_p_vips_ifthenelse)
#define vips_text (*lantern_p_vips_text)
#define vips_error (*lantern_p_vips_error)
#define vips_image_new (*lantern_p_vips_image_new)
#define vips_object_local_array (*lantern_p_vips_object_local_array)
#define vips_xyz (*lantern_p_vips_xyz)
#define vips_extract_band (*lantern_p_vips_extract_band)
#define vips_add (*lantern_p_vips_add)
#define vips_bandjoin (*lantern_p_vips_bandjoin)
#define vips_gaussnoise (*lantern_p_vips_gaussnoise)
#define vips_cast (*lantern_p_vips_cast)
#define vips_error_buffer (*lantern_p_vips_error_buffer)
#define vips_error_clear (*lantern_p_vips_error_clear)
#define g_log_set_handler (*lantern_p_g_log_set_handler)
#define g_object_unref (*lantern_p_g_object_unref)
#define g_strfreev (*lantern_p_g_strfreev)
#define g_strdup (*lantern_p_g_strdup)
#define g_strlcpy (*lantern_p_g_strlcpy)
#define g_free (*lantern_p_g_free)
#define FcConfigAppFontAddFile (*lantern_p_FcConfigAppFontAddFile)

static void init_once(void) {
    if (load_library()) { init_status = 2; return; }
    // libvips' warnings ("error in tile 0 x 10") repeat what the failing call reports; Lantern
    // reports it once, at the file or the line that uses it.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, quiet, NULL);
    // As VIPS_INIT does (its warnings go through glib macros): the library must have the ABI the
    // headers were built against.
    if (vips_version(3) - vips_version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) { init_status = 1; return; }
    init_status = vips_init("lantern") == 0 ? 0 : 1;
    // The operation cache holds decoded images between calls; a build touches each source once.
    vips_cache_set_max(0);
}

int lantern_vips_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
    return init_status;
}

const char *lantern_vips_version(void) { return lantern_vips_init() == 2 ? "none" : vips_version_string(); }

int lantern_vips_header(const void *buf, size_t len, int *width, int *height, int *orientation,
                        char *loader, size_t loader_len) {
    const char *name = vips_foreign_find_load_buffer(buf, len);
    if (!name) return -1;
    g_strlcpy(loader, name, loader_len);
    VipsImage *image = vips_image_new_from_buffer(buf, len, "", NULL);
    if (!image) return -1;
    *width = vips_image_get_width(image);
    *height = vips_image_get_height(image);
    *orientation = vips_image_get_orientation(image);
    g_object_unref(image);
    return 0;
}

void *lantern_vips_thumbnail(const void *buf, size_t len, int width) {
    VipsImage *thumb = NULL;
    if (vips_thumbnail_buffer((void *)buf, len, &thumb, width, "height", VIPS_MAX_COORD,
                              "size", VIPS_SIZE_DOWN, "option_string", "fail=true", NULL))
        return NULL;
    // Decode now, into memory: the source is read once (it is read sequentially, so a second
    // encoder could not read it again), and a damaged file fails here.
    VipsImage *out = vips_image_copy_memory(thumb);
    g_object_unref(thumb);
    if (!out) return NULL;
    // Drop every metadata field (EXIF, GPS, XMP, IPTC, ICC, comments) from the image itself, not
    // only through the savers' strip option: libvips 8.14's WebP saver writes EXIF and XMP anyway.
    gchar **fields = vips_image_get_fields(out);
    for (int i = 0; fields[i]; i++) vips_image_remove(out, fields[i]);
    g_strfreev(fields);
    return out;
}

int lantern_vips_image_width(void *image) { return vips_image_get_width((VipsImage *)image); }
int lantern_vips_image_height(void *image) { return vips_image_get_height((VipsImage *)image); }
int lantern_vips_image_has_alpha(void *image) { return vips_image_hasalpha((VipsImage *)image); }

// libvips 8.15 replaced `strip` with `keep`; both mean: write no metadata.
#if VIPS_MAJOR_VERSION > 8 || (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 15)
#define LANTERN_NO_METADATA "keep", VIPS_FOREIGN_KEEP_NONE
#else
#define LANTERN_NO_METADATA "strip", TRUE
#endif

int lantern_vips_webpsave(void *image, int quality, void **out, size_t *out_len) {
    return vips_webpsave_buffer((VipsImage *)image, out, out_len, "Q", quality, "effort", 4,
                                LANTERN_NO_METADATA, NULL);
}

int lantern_vips_jpegsave(void *image, int quality, void **out, size_t *out_len) {
    return vips_jpegsave_buffer((VipsImage *)image, out, out_len, "Q", quality, "optimize_coding", TRUE,
                                "interlace", TRUE, LANTERN_NO_METADATA, NULL);
}

int lantern_vips_pngsave(void *image, void **out, size_t *out_len) {
    return vips_pngsave_buffer((VipsImage *)image, out, out_len, "compression", 9, LANTERN_NO_METADATA, NULL);
}

int lantern_vips_heifsave(void *image, int quality, int av1, int effort, void **out, size_t *out_len) {
    return vips_heifsave_buffer((VipsImage *)image, out, out_len, "Q", quality, "effort", effort,
                                "compression", av1 ? VIPS_FOREIGN_HEIF_COMPRESSION_AV1 : VIPS_FOREIGN_HEIF_COMPRESSION_HEVC,
                                "bitdepth", 8, LANTERN_NO_METADATA, NULL);
}

static void strip_fields(VipsImage *image) {
    gchar **fields = vips_image_get_fields(image);
    for (int i = 0; fields[i]; i++) vips_image_remove(image, fields[i]);
    g_strfreev(fields);
}

void *lantern_vips_crop_cover(const void *buf, size_t len, int width, int height) {
    VipsImage *thumb = NULL;
    if (vips_thumbnail_buffer((void *)buf, len, &thumb, width, "height", height, "size", VIPS_SIZE_BOTH,
                              "crop", VIPS_INTERESTING_ATTENTION, "option_string", "fail=true", NULL))
        return NULL;
    VipsImage *out = vips_image_copy_memory(thumb);
    g_object_unref(thumb);
    if (out) strip_fields(out);
    return out;
}

// A width×height sRGB image of one colour.
static VipsImage *solid(int width, int height, unsigned rgb) {
    VipsImage *black = NULL, *lit = NULL, *out = NULL;
    double a[3] = { 1, 1, 1 }, b[3] = { (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255 };
    if (!vips_black(&black, width, height, "bands", 3, NULL) &&
        !vips_linear(black, &lit, a, b, 3, "uchar", TRUE, NULL))
        vips_copy(lit, &out, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    if (black) g_object_unref(black);
    if (lit) g_object_unref(lit);
    return out;
}

// `canvas` with `mask` (one band, 0–255 coverage) painted in `rgb` at x, y; takes `canvas`.
static VipsImage *paint(VipsImage *canvas, VipsImage *mask, int x, int y, unsigned rgb) {
    VipsImage *placed = NULL, *ink = NULL, *out = NULL;
    int w = vips_image_get_width(canvas), h = vips_image_get_height(canvas);
    if (!vips_embed(mask, &placed, x, y, w, h, NULL) && (ink = solid(w, h, rgb)))
        vips_ifthenelse(placed, ink, canvas, &out, "blend", TRUE, NULL);
    if (placed) g_object_unref(placed);
    if (ink) g_object_unref(ink);
    g_object_unref(canvas);
    return out;
}

// Makes a font file known to fontconfig, once per path for the process. vips_text's own `fontfile`
// option is not used: libvips 8.14 keys its table of loaded font files by the operation's own copy
// of the path, which is freed with the operation, so the next card's lookup read freed memory
// (AddressSanitizer: heap-use-after-free in g_str_equal under vips_text).
static pthread_mutex_t font_lock = PTHREAD_MUTEX_INITIALIZER;
static char *font_files[16];
static int font_file_count = 0;
static int register_font_file(const char *path) {
    int ok = 1;
    pthread_mutex_lock(&font_lock);
    int known = 0;
    for (int i = 0; i < font_file_count; i++)
        if (!strcmp(font_files[i], path)) known = 1;
    if (!known) {
        if (!FcConfigAppFontAddFile(NULL, (const FcChar8 *)path)) ok = 0;
        else if (font_file_count < 16) font_files[font_file_count++] = g_strdup(path);
    }
    pthread_mutex_unlock(&font_lock);
    return ok;
}

// Text wrapped to `width`; when it would be taller than `max_height`, rendered again smaller to fit.
static VipsImage *text(const char *markup, const char *font, const char *font_file, int width, int max_height) {
    VipsImage *out = NULL;
    if (font_file && !register_font_file(font_file)) {
        vips_error("lantern", "fontconfig could not load the font file %s", font_file);
        return NULL;
    }
    if (vips_text(&out, markup, "font", font, "width", width, "wrap", VIPS_TEXT_WRAP_WORD_CHAR, NULL))
        return NULL;
    if (vips_image_get_height(out) <= max_height) return out;
    g_object_unref(out);
    out = NULL;
    if (vips_text(&out, markup, "font", font, "width", width, "height", max_height, "wrap", VIPS_TEXT_WRAP_WORD_CHAR, NULL))
        return NULL;
    return out;
}

void *lantern_vips_title_card(int width, int height, int margin, const char *title_markup, const char *title_font,
                              const char *footer_markup, const char *footer_font, const char *font_file,
                              unsigned background, unsigned ink, unsigned accent) {
    int stripe = margin / 6, inner = width - 2 * margin;
    VipsImage *canvas = solid(width, height, background);
    VipsImage *footer = NULL, *title = NULL, *ones = NULL, *bar = NULL;
    if (!canvas) return NULL;
    // The stripe: a full-coverage mask painted in the accent colour.
    if (vips_black(&ones, width, stripe, NULL) || vips_linear1(ones, &bar, 1.0, 255.0, "uchar", TRUE, NULL)) goto fail;
    if (!(canvas = paint(canvas, bar, 0, 0, accent))) goto fail_nocanvas;
    if (!(footer = text(footer_markup, footer_font, font_file, inner, height / 6))) goto fail;
    int footer_y = height - margin - vips_image_get_height(footer);
    // The title fills the space between the stripe and the footer, with a line's gap above the footer.
    int title_top = margin + stripe, title_room = footer_y - title_top - margin / 2;
    if (!(title = text(title_markup, title_font, font_file, inner, title_room))) goto fail;
    if (!(canvas = paint(canvas, title, margin, title_top, ink))) goto fail_nocanvas;
    if (!(canvas = paint(canvas, footer, margin, footer_y, accent))) goto fail_nocanvas;
    g_object_unref(ones);
    g_object_unref(bar);
    g_object_unref(title);
    g_object_unref(footer);
    VipsImage *out = vips_image_copy_memory(canvas);
    g_object_unref(canvas);
    return out;
fail:
    if (canvas) g_object_unref(canvas);
fail_nocanvas:
    if (ones) g_object_unref(ones);
    if (bar) g_object_unref(bar);
    if (title) g_object_unref(title);
    if (footer) g_object_unref(footer);
    return NULL;
}

int lantern_vips_synthetic_jpeg(int width, int height, int quality, void **out, size_t *out_len) {
    VipsImage *base = vips_image_new();
    VipsImage **t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 8);
    // Three gradients (x, y, x+y) as the bands, plus gentle noise so encoders do real work.
    if (vips_xyz(&t[0], width, height, NULL) ||
        vips_extract_band(t[0], &t[1], 0, NULL) || vips_extract_band(t[0], &t[2], 1, NULL) ||
        vips_add(t[1], t[2], &t[3], NULL)) { g_object_unref(base); return -1; }
    VipsImage *bands[3] = { t[1], t[2], t[3] };
    VipsImage *joined = NULL, *scaled = NULL, *noise = NULL, *sum = NULL, *pixels = NULL;
    double a[3] = { 255.0 / width, 255.0 / height, 255.0 / (width + height) }, b[3] = { 0, 0, 0 };
    int status = vips_bandjoin(bands, &joined, 3, NULL) ||
                 vips_linear(joined, &scaled, a, b, 3, NULL) ||
                 vips_gaussnoise(&noise, width, height, "mean", 0.0, "sigma", 6.0, NULL) ||
                 vips_add(scaled, noise, &sum, NULL) ||
                 vips_cast(sum, &pixels, VIPS_FORMAT_UCHAR, NULL) ||
                 vips_copy(pixels, &t[5], "interpretation", VIPS_INTERPRETATION_sRGB, NULL) ||
                 vips_jpegsave_buffer(t[5], out, out_len, "Q", quality, NULL);
    if (joined) g_object_unref(joined);
    if (scaled) g_object_unref(scaled);
    if (noise) g_object_unref(noise);
    if (sum) g_object_unref(sum);
    if (pixels) g_object_unref(pixels);
    g_object_unref(base);
    return status ? -1 : 0;
}

unsigned long long lantern_fnv1a64(const void *buf, size_t len, unsigned long long seed) {
    const unsigned char *p = buf;
    unsigned long long hash = seed;
    for (size_t i = 0; i < len; i++) hash = (hash ^ p[i]) * 0x100000001b3ULL;
    return hash;
}

void lantern_vips_unref(void *image) { if (image) g_object_unref(image); }
void lantern_vips_free(void *buffer) { if (buffer) g_free(buffer); }

char *lantern_vips_error_take(void) {
    if (lantern_vips_init() == 2) return NULL;
    char *text = g_strdup(vips_error_buffer());
    vips_error_clear();
    return text;
}
