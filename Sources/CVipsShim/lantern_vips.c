#include "lantern_vips.h"
#include <vips/vips.h>
#include <string.h>
#include <pthread.h>

static int init_status = -1;
static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static void init_once(void) {
    // libvips' warnings ("error in tile 0 x 10") repeat what the failing call reports; Lantern
    // reports it once, at the file or the line that uses it.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, quiet, NULL);
    init_status = VIPS_INIT("lantern") == 0 ? 0 : 1;
    // The operation cache holds decoded images between calls; a build touches each source once.
    vips_cache_set_max(0);
}

int lantern_vips_init(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
    return init_status;
}

const char *lantern_vips_version(void) { return vips_version_string(); }

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
void lantern_vips_free(void *buffer) { g_free(buffer); }

char *lantern_vips_error_take(void) {
    char *text = g_strdup(vips_error_buffer());
    vips_error_clear();
    return text;
}
